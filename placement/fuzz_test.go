package placement

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement/cql"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// acceptedSpec is the test's reading of the strategy fields ECS accepts
// (docs/model.md §5.3).
func acceptedSpec(typ, field string) bool {
	switch typ {
	case "binpack":
		return field == "cpu" || field == "memory"
	case "spread":
		return field == "instanceId" || field == "host" ||
			strings.HasPrefix(field, "attribute:") && len(field) > len("attribute:")
	case "random":
		return field == ""
	}
	return false
}

// FuzzStrategySpec: the registry is the parser of placement strategies as
// ECS writes them ({type, field}, §5.3). It never panics, accepts exactly
// binpack(cpu|memory), spread(instanceId|host|attribute:<name>) and random,
// prints an accepted strategy as its spec, and builds the one-rule chain of
// it (random being the empty chain).
func FuzzStrategySpec(f *testing.F) {
	for _, s := range [][2]string{
		{"binpack", "memory"}, {"binpack", "cpu"}, {"binpack", "gpu"}, {"spread", "instanceId"}, {"spread", "host"},
		{"spread", "attribute:ecs.availability-zone"}, {"spread", "attribute:"}, {"spread", "attribute"},
		{"random", ""}, {"random", "cpu"}, {"", ""}, {"Spread", "host"}, {"binpack", " memory"},
	} {
		f.Add(s[0], s[1])
	}
	c := cluster.New(cluster.DefaultCatalogue())
	reg := NewRegistry()
	f.Fuzz(func(t *testing.T, typ, field string) {
		spec := Spec{Type: typ, Field: field}
		st, err := reg.Strategy(spec, c)
		if (err == nil) != acceptedSpec(typ, field) {
			t.Fatalf("Strategy(%q, %q): err %v, want accepted %v", typ, field, err, acceptedSpec(typ, field))
		}
		ch, chErr := reg.Chain([]Spec{spec}, c)
		if (chErr == nil) != (err == nil) {
			t.Fatalf("Chain and Strategy disagree on %v: %v vs %v", spec, chErr, err)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("Strategy(%v): empty error", spec)
			}
			return
		}
		if st.String() != spec.String() {
			t.Fatalf("Strategy(%v).String() = %q, want %q", spec, st.String(), spec.String())
		}
		want := 1
		if typ == "random" {
			want = 0
		}
		if ch.Len() != want {
			t.Fatalf("Chain(%v) has %d rules, want %d", spec, ch.Len(), want)
		}
	})
}

// view is the test's own cql.Instance for a container instance, the
// subjects read directly from the instance (§5.5).
type view struct {
	in    *cluster.Instance
	c     *cluster.Cluster
	epoch time.Time
}

func (v view) Attribute(name string) (string, bool) { return v.in.Attribute(name) }
func (v view) EC2InstanceID() string                { return v.in.EC2InstanceID }
func (v view) AgentConnected() bool                 { return v.in.AgentConnected }
func (v view) AgentVersion() string                 { return v.in.AgentVersion }
func (v view) RegisteredAt() time.Time              { return v.epoch.Add(v.in.RegisteredAt.Duration()) }
func (v view) RunningTasksCount() int               { return v.in.RunningTasksCount() }
func (v view) HasTaskGroup(g string) bool {
	for _, id := range v.in.Tasks() {
		if v.c.GroupName(v.c.Task(id).Group) == g {
			return true
		}
	}
	return false
}

// fuzzFleet is a small cluster whose instances differ in every subject of
// the cluster query language.
func fuzzFleet(t testing.TB) *world {
	w := newWorld(1)
	specs := []struct {
		typ, az, agent string
		at             sim.Time
		attrs          []cluster.Attribute
	}{
		{"m5.large", "us-east-1a", "1.9.0", 0, []cluster.Attribute{{Name: "stack", Value: "prod"}, {Name: "cores", Value: "8"}}},
		{"c5.large", "us-east-1d", "1.14.5", 48 * sim.Hour, []cluster.Attribute{{Name: "stack", Value: "dev"}, {Name: "cores", Value: "16"}}},
		{"m6g.large", "us-east-1b", "1.20.1", 24 * sim.Hour, []cluster.Attribute{{Name: "cores", Value: "9.5"}}},
		{"g4dn.xlarge", "us-east-1c", "unknown", sim.Hour, nil},
	}
	for _, s := range specs {
		w.addSpec(t, s.typ, cluster.InstanceSpec{AvailabilityZone: s.az, AgentVersion: s.agent, Attributes: s.attrs, Provider: -1}, s.at)
	}
	ins := w.c.Instances()
	running := w.c.NewTask(taskDef(128, 128), w.c.Group("service:production"), 0)
	pending := w.c.NewTask(taskDef(128, 128), w.c.Group("database"), 0)
	if w.c.Place(running, ins[0]) != nil || w.c.Place(pending, ins[1]) != nil {
		t.Fatal("fuzz fleet: a task does not fit")
	}
	w.c.SetTaskState(running, cluster.Running)
	w.c.SetAgentConnected(ins[3], false)
	return w
}

// FuzzCompileConstraints: CompileConstraints is the parser of placement
// constraints as ECS writes them ({type, expression}, §5.4). It never
// panics; it accepts distinctInstance only without an expression and
// memberOf only with an expression the cluster query language parser
// accepts (its errors being *cql.SyntaxError); and a compiled memberOf
// selects, on every instance and again from its cache, exactly what the
// expression selects when evaluated directly on the instance.
func FuzzCompileConstraints(f *testing.F) {
	for _, s := range [][2]string{
		{"memberOf", "attribute:ecs.instance-type == m5.large"},
		{"memberOf", "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"},
		{"memberOf", "attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone != us-east-1d"},
		{"memberOf", "task:group == service:production"},
		{"memberOf", "not(task:group == database)"},
		{"memberOf", "runningTasksCount == 1"},
		{"memberOf", "agentVersion < 1.14.5"},
		{"memberOf", "registeredAt < 2018-02-13"},
		{"memberOf", "ec2InstanceId in ['i-00000000000000001', 'i-00000000000000004']"},
		{"memberOf", "attribute:cores > 9 or agentConnected == false"},
		{"memberOf", "attribute:stack !exists"},
		{"memberOf", ""},
		{"memberOf", "attribute:x in [a, b"},
		{"distinctInstance", ""},
		{"distinctInstance", "attribute:stack == prod"},
		{"memberof", "attribute:stack == prod"},
		{"", ""},
	} {
		f.Add(s[0], s[1])
	}
	w := fuzzFleet(f)
	epoch := time.Date(2018, 2, 12, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, typ, expr string) {
		cons, err := CompileConstraints([]cluster.PlacementConstraint{{Type: typ, Expression: expr}}, w.c, epoch)
		e, parseErr := cql.Parse(expr)
		var want bool
		switch typ {
		case TypeDistinctInstance:
			want = expr == ""
		case TypeMemberOf:
			want = parseErr == nil
			var se *cql.SyntaxError
			if err != nil && !errors.As(err, &se) {
				t.Fatalf("memberOf(%q): error %T is not a *cql.SyntaxError", expr, err)
			}
		}
		if (err == nil) != want {
			t.Fatalf("CompileConstraints(%q, %q): err %v, want accepted %v", typ, expr, err, want)
		}
		if err != nil {
			return
		}
		if len(cons) != 1 {
			t.Fatalf("CompileConstraints(%q, %q) gave %d constraints", typ, expr, len(cons))
		}
		if typ != TypeMemberOf {
			return
		}
		m := cons[0]
		if m.String() != "memberOf("+e.String()+")" || IsStatic(m) != e.Static() {
			t.Fatalf("memberOf(%q) prints %q (static %v); the expression is %q (static %v)", expr, m.String(), IsStatic(m), e.String(), e.Static())
		}
		for pass := 0; pass < 2; pass++ { // the second pass reads the cache
			for _, in := range w.c.Instances() {
				if got, want := m.Check(in, nil, w.c), e.Eval(view{in, w.c, epoch}); got != want {
					t.Fatalf("memberOf(%q) on %s (pass %d): %v, direct evaluation %v", expr, in.EC2InstanceID, pass, got, want)
				}
			}
		}
	})
}
