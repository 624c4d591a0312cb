package cql

import "time"

// fake is a hand-built container instance for the tests.
type fake struct {
	attrs      map[string]string
	id         string
	connected  bool
	version    string
	registered time.Time
	running    int
	groups     []string
}

func (f *fake) Attribute(name string) (string, bool) {
	v, ok := f.attrs[name]
	return v, ok
}
func (f *fake) EC2InstanceID() string   { return f.id }
func (f *fake) AgentConnected() bool    { return f.connected }
func (f *fake) AgentVersion() string    { return f.version }
func (f *fake) RegisteredAt() time.Time { return f.registered }
func (f *fake) RunningTasksCount() int  { return f.running }
func (f *fake) HasTaskGroup(g string) bool {
	for _, x := range f.groups {
		if x == g {
			return true
		}
	}
	return false
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Instances used across the tests.
var (
	// t2small: a t2.small in us-east-1a, stack=prod, hosting a
	// service:production task; agent 1.9.0, registered 2018-01-10.
	t2small = &fake{
		attrs: map[string]string{"ecs.instance-type": "t2.small",
			"ecs.availability-zone": "us-east-1a", "stack": "prod", "cores": "8"},
		id: "i-abcd1234", connected: true, version: "1.9.0",
		registered: date("2018-01-10T08:00:00Z"), running: 1,
		groups: []string{"service:production"},
	}
	// g2us1d: a g2.2xlarge in us-east-1d, stack=dev, hosting a database
	// task and a batch task; agent 1.14.5, registered 2018-02-13 midnight UTC.
	g2us1d = &fake{
		attrs: map[string]string{"ecs.instance-type": "g2.2xlarge",
			"ecs.availability-zone": "us-east-1d", "stack": "dev", "cores": "16"},
		id: "i-wxyx7890", connected: false, version: "1.14.5",
		registered: date("2018-02-13T00:00:00Z"), running: 2,
		groups: []string{"database", "family:batch"},
	}
	// g2us1b: a g2.8xlarge in us-east-1b with no stack attribute and no
	// tasks; agent 1.20.1, registered 2018-06-18T22:28:28Z.
	g2us1b = &fake{
		attrs: map[string]string{"ecs.instance-type": "g2.8xlarge",
			"ecs.availability-zone": "us-east-1b", "cores": "9.5"},
		id: "i-00000001", connected: true, version: "1.20.1",
		registered: date("2018-06-18T22:28:28Z"), running: 0,
	}
	// m5large: an m5.large in us-east-1c, stack=prod, hosting a database
	// task; agent version unparsable.
	m5large = &fake{
		attrs: map[string]string{"ecs.instance-type": "m5.large",
			"ecs.availability-zone": "us-east-1c", "stack": "prod", "cores": "abc"},
		id: "i-m5", connected: true, version: "unknown",
		registered: date("2019-03-01T12:00:00+02:00"), running: 5,
		groups: []string{"database"},
	}
)

// fleet lists the instances in the order the expectation strings use.
var fleet = []*fake{t2small, g2us1d, g2us1b, m5large}

// selected returns a string with one character per fleet instance:
// '1' if e selects it, '.' otherwise.
func selected(e *Expr) string {
	b := make([]byte, len(fleet))
	for i, in := range fleet {
		b[i] = '.'
		if e.Eval(in) {
			b[i] = '1'
		}
	}
	return string(b)
}
