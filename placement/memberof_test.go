package placement

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement/cql"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// addSpec adds an instance of spec, registered (ACTIVE) at now.
func (w *world) addSpec(t testing.TB, typ string, spec cluster.InstanceSpec, now sim.Time) *cluster.Instance {
	t.Helper()
	it, ok := w.cat.Lookup(typ)
	if !ok {
		t.Fatalf("no type %s", typ)
	}
	spec.Type = it
	in := w.c.AddInstance(spec, now)
	w.c.SetStatus(in, cluster.Active, now)
	return in
}

// mustMemberOf compiles a memberOf constraint or fails the test.
func mustMemberOf(t testing.TB, w *world, expr string) Constraint {
	t.Helper()
	m, err := MemberOf(expr, w.c, time.Time{})
	if err != nil {
		t.Fatalf("MemberOf(%q): %v", expr, err)
	}
	return m
}

// TestCompileConstraints: the constraint types ECS accepts are
// distinctInstance, which takes no expression, and memberOf, which takes a
// cluster query language expression (docs/model.md §5.4, §5.5); anything
// else is an error, and a memberOf syntax error is a *cql.SyntaxError.
func TestCompileConstraints(t *testing.T) {
	w := newWorld(1)
	tests := []struct {
		specs  []cluster.PlacementConstraint
		want   []string // String of each compiled constraint; nil: error
		syntax bool     // the error is a *cql.SyntaxError
	}{
		{nil, []string{}, false},
		{[]cluster.PlacementConstraint{{Type: "distinctInstance"}}, []string{"distinctInstance"}, false},
		{[]cluster.PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.instance-type == t2.small"}},
			[]string{"memberOf(attribute:ecs.instance-type == t2.small)"}, false},
		{[]cluster.PlacementConstraint{
			{Type: "memberOf", Expression: "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"},
			{Type: "distinctInstance"},
			{Type: "memberOf", Expression: "not(task:group == database)"}},
			[]string{"memberOf(attribute:ecs.availability-zone in [us-east-1a, us-east-1b])", "distinctInstance",
				"memberOf(not(task:group == database))"}, false},
		{[]cluster.PlacementConstraint{{Type: "distinctInstance", Expression: "attribute:stack == prod"}}, nil, false},
		{[]cluster.PlacementConstraint{{Type: "memberOf"}}, nil, true},
		{[]cluster.PlacementConstraint{{Type: "memberOf", Expression: "attribute:x in [a, b"}}, nil, true},
		{[]cluster.PlacementConstraint{{Type: "memberOf", Expression: "agentVersion < latest"}}, nil, true},
		{[]cluster.PlacementConstraint{{Type: "distinctInstance"}, {Type: "memberof", Expression: "attribute:a exists"}}, nil, false},
		{[]cluster.PlacementConstraint{{Type: "", Expression: ""}}, nil, false},
	}
	for _, tt := range tests {
		got, err := CompileConstraints(tt.specs, w.c, time.Time{})
		if tt.want == nil {
			if err == nil {
				t.Errorf("CompileConstraints(%v) = %v, want an error", tt.specs, got)
				continue
			}
			var se *cql.SyntaxError
			if errors.As(err, &se) != tt.syntax {
				t.Errorf("CompileConstraints(%v): error %T %v, syntax error %v", tt.specs, err, err, tt.syntax)
			}
			continue
		}
		if err != nil {
			t.Errorf("CompileConstraints(%v): %v", tt.specs, err)
			continue
		}
		names := []string{}
		for _, c := range got {
			names = append(names, c.String())
		}
		if !slices.Equal(names, tt.want) {
			t.Errorf("CompileConstraints(%v) = %v, want %v", tt.specs, names, tt.want)
		}
	}
}

// TestMemberOfPlacesOnlyOnMatches applies the AWS example expressions of
// the cluster query language page (§5.5) as memberOf constraints (§5.4):
// whatever the strategy chain, a task lands only on a matching instance,
// every matching instance can be chosen, and when none matches the task is
// not placed and the reason is ATTRIBUTE (§5.6).
//
// Fleet: 0 m5.large us-east-1a stack=prod; 1 m5.xlarge us-east-1b
// stack=prod; 2 c5.large us-east-1d stack=dev; 3 t3.medium us-east-1b
// stack=dev.
func TestMemberOfPlacesOnlyOnMatches(t *testing.T) {
	tests := []struct {
		expr string
		want []int // instance IDs, by hand
	}{
		{"attribute:ecs.instance-type == m5.large", []int{0}},
		{"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", []int{0, 1, 3}},
		{"attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone != us-east-1a", []int{1}},
		{"attribute:stack != prod", []int{2, 3}},
		{"not(attribute:ecs.instance-type == m5.large)", []int{1, 2, 3}},
		{"attribute:ecs.instance-type =~ c5.* or attribute:stack == prod", []int{0, 1, 2}},
		{"ec2InstanceId in ['i-00000000000000002', 'i-00000000000000004']", []int{1, 3}},
		{"attribute:ecs.cpu-architecture == x86_64 and attribute:ecs.os-type == linux", []int{0, 1, 2, 3}},
		{"attribute:ecs.instance-type == t2.small", nil},
		{"attribute:ecs.cpu-architecture == arm64", nil},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			w := newWorld(11)
			w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "prod"})
			w.add(t, "m5.xlarge", "us-east-1b", cluster.Attribute{Name: "stack", Value: "prod"})
			w.add(t, "c5.large", "us-east-1d", cluster.Attribute{Name: "stack", Value: "dev"})
			w.add(t, "t3.medium", "us-east-1b", cluster.Attribute{Name: "stack", Value: "dev"})
			m := mustMemberOf(t, w, tt.expr)
			chains := []Chain{
				NewChain(),
				NewChain(Binpack(DimMemory)),
				NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimCPU)),
				NewChain(SpreadInstance()),
			}
			for _, ch := range chains {
				r := &Request{Chain: ch, Group: w.c.Group("family:t"), Req: taskDef(128, 256).Requirements(),
					Constraints: []Constraint{m}}
				seen := map[int]bool{}
				for i := 0; i < 200; i++ {
					in := w.p.Place(r)
					if in == nil {
						break
					}
					if !slices.Contains(tt.want, int(in.ID)) {
						t.Fatalf("%v placed on %d (%s), which %q does not match", ch, in.ID, in.Type.Name, tt.expr)
					}
					seen[int(in.ID)] = true
				}
				if len(tt.want) == 0 {
					if len(seen) != 0 {
						t.Fatalf("%v placed a task although no instance matches", ch)
					}
					if got := w.p.Explain(r); got != ReasonAttribute {
						t.Fatalf("Explain = %q, want ATTRIBUTE", got)
					}
					continue
				}
				if ch.Len() == 0 && len(seen) != len(tt.want) {
					t.Fatalf("random placement reached %v, want every one of %v", seen, tt.want)
				}
			}
		})
	}
}

// replaceAttr returns in's attributes with name set to value.
func replaceAttr(in *cluster.Instance, name, value string) []cluster.Attribute {
	attrs := slices.Clone(in.Attributes())
	for i := range attrs {
		if attrs[i].Name == name {
			attrs[i].Value = value
			return attrs
		}
	}
	return append(attrs, cluster.Attribute{Name: name, Value: value})
}

// TestMemberOfFollowsAttributeChanges: memberOf is evaluated against the
// instance's current attributes (§5.4, §5.5; custom attributes can be
// changed with PutAttributes): after stack moves from one instance to the
// other, tasks follow it, through the placer's indexes and through
// Explain.
func TestMemberOfFollowsAttributeChanges(t *testing.T) {
	for _, ch := range []func(*world) Chain{
		func(*world) Chain { return NewChain() },
		func(*world) Chain { return NewChain(Binpack(DimMemory)) },
		func(w *world) Chain { return NewChain(SpreadAttribute("stack", w.c), Binpack(DimMemory)) },
		func(w *world) Chain { return NewChain(SpreadAttribute("stack", w.c)) },
	} {
		w := newWorld(5)
		a := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "prod"})
		b := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "dev"})
		m := mustMemberOf(t, w, "attribute:stack == prod")
		r := &Request{Chain: ch(w), Group: w.c.Group("family:t"), Req: taskDef(128, 256).Requirements(),
			Constraints: []Constraint{m}}
		w.p.Prepare(r)
		for i := 0; i < 20; i++ {
			if got := w.p.Place(r); got != a {
				t.Fatalf("%v: before the change placed on %v, want a", r.Chain, got)
			}
		}
		w.c.SetAttributes(a, replaceAttr(a, "stack", "dev"))
		if got := w.p.Place(r); got != nil {
			t.Fatalf("%v: placed on %d although no instance has stack=prod", r.Chain, got.ID)
		}
		if got := w.p.Explain(r); got != ReasonAttribute {
			t.Fatalf("%v: Explain = %q, want ATTRIBUTE", r.Chain, got)
		}
		w.c.SetAttributes(b, replaceAttr(b, "stack", "prod"))
		for i := 0; i < 20; i++ {
			if got := w.p.Place(r); got != b {
				t.Fatalf("%v: after the change placed on %v, want b", r.Chain, got)
			}
		}
		if got := w.p.Explain(r); got != ReasonNone {
			t.Fatalf("%v: Explain = %q once b matches, want none", r.Chain, got)
		}
	}
}

// TestMemberOfSubjects checks each instance subject of the cluster query
// language (§5.5) as ecsim's instances show it, with hand-set values:
//
//	0: m5.large, agent 1.9.0, registered at t = 0, agent connected,
//	   one RUNNING task of service:production;
//	1: m5.large, agent 1.14.5, registered at t = 48h, agent connected,
//	   one PENDING task of database;
//	2: m5.large, agent 1.20.1, registered at t = 24h, agent disconnected,
//	   no tasks.
//
// The epoch (t = 0) is 2018-02-12T00:00:00Z, so the instances registered on
// 2018-02-12, 2018-02-14 and 2018-02-13.
func TestMemberOfSubjects(t *testing.T) {
	w := newWorld(1)
	epoch := time.Date(2018, 2, 12, 0, 0, 0, 0, time.UTC)
	ins := []*cluster.Instance{
		w.addSpec(t, "m5.large", cluster.InstanceSpec{AvailabilityZone: "us-east-1a", AgentVersion: "1.9.0", Provider: -1}, 0),
		w.addSpec(t, "m5.large", cluster.InstanceSpec{AvailabilityZone: "us-east-1a", AgentVersion: "1.14.5", Provider: -1}, 48*sim.Hour),
		w.addSpec(t, "m5.large", cluster.InstanceSpec{AvailabilityZone: "us-east-1a", AgentVersion: "1.20.1", Provider: -1}, 24*sim.Hour),
	}
	running := placeOn(t, w, ins[0], w.c.Group("service:production"), taskDef(128, 128))
	w.c.SetTaskState(running, cluster.Running)
	pending := placeOn(t, w, ins[1], w.c.Group("database"), taskDef(128, 128))
	w.c.SetTaskState(pending, cluster.Pending)
	w.c.SetAgentConnected(ins[2], false)

	tests := []struct {
		expr   string
		want   string // one character per instance, '1' = matches
		static bool
	}{
		{"agentVersion < 1.14.5", "1..", true},
		{"agentVersion >= 1.14.5", ".11", true},
		{"agentVersion == 1.14.5", ".1.", true},
		{"registeredAt < 2018-02-13", "1..", true},
		{"registeredAt >= 2018-02-13T00:00:00Z", ".11", true},
		{"registeredAt > 2018-02-13T12:00:00+00:00", ".1.", true},
		{"ec2InstanceId == i-00000000000000003", "..1", true},
		{"ec2InstanceId =~ 'i-0+[12]'", "11.", true},
		{"runningTasksCount == 1", "1..", false}, // the PENDING task is not running
		{"runningTasksCount == 0", ".11", false},
		{"task:group == service:production", "1..", false}, // affinity
		{"not(task:group == database)", "1.1", false},      // anti-affinity
		{"task:group in [database, service:production]", "11.", false},
		{"agentConnected == true", "11.", false},
		{"agentConnected == false", "..1", false},
		{"attribute:ecs.os-type == linux and agentVersion < 1.20", "11.", true},
	}
	for _, tt := range tests {
		m, err := MemberOf(tt.expr, w.c, epoch)
		if err != nil {
			t.Fatalf("MemberOf(%q): %v", tt.expr, err)
		}
		got := make([]byte, len(ins))
		for i, in := range ins {
			got[i] = '.'
			if m.Check(in, nil, w.c) {
				got[i] = '1'
			}
		}
		if string(got) != tt.want {
			t.Errorf("%q matches %s, want %s", tt.expr, got, tt.want)
		}
		if IsStatic(m) != tt.static {
			t.Errorf("IsStatic(%q) = %v, want %v (agentConnected, runningTasksCount and task:group change without the instance)",
				tt.expr, IsStatic(m), tt.static)
		}
	}
}

// TestMemberOfTaskGroupFollowsTasks: a task:group constraint (affinity,
// §5.5 "Task Affinity") is re-evaluated as tasks come and go: it is not
// cached per instance like an attribute test is.
func TestMemberOfTaskGroupFollowsTasks(t *testing.T) {
	w := newWorld(2)
	a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
	db := w.c.Group("service:db")
	m := mustMemberOf(t, w, "task:group == service:db")
	r := &Request{Chain: NewChain(Binpack(DimMemory)), Group: w.c.Group("service:cache"),
		Req: taskDef(128, 128).Requirements(), Constraints: []Constraint{m}}
	w.p.Prepare(r)
	if got := w.p.Place(r); got != nil {
		t.Fatalf("placed on %d with no service:db task anywhere", got.ID)
	}
	dbTask := placeOn(t, w, a, db, taskDef(128, 128))
	if got := w.p.Place(r); got != a {
		t.Fatalf("placed on %v, want a, the instance with the service:db task", got)
	}
	w.c.Unplace(dbTask)
	placeOn(t, w, b, db, taskDef(128, 128))
	if got := w.p.Place(r); got != b {
		t.Fatalf("after the db task moved: placed on %v, want b", got)
	}
}

// TestRuntimePlatformConstraints: a task definition's runtimePlatform
// becomes memberOf constraints on ecs.os-type and ecs.cpu-architecture
// (§5.4): an ARM64 task lands only on Graviton instances, a Windows task
// nowhere in a Linux fleet.
func TestRuntimePlatformConstraints(t *testing.T) {
	w := newWorld(3)
	w.add(t, "m5.large", "us-east-1a")
	graviton := w.add(t, "m6g.large", "us-east-1a")
	if graviton.Type.Architecture != "arm64" {
		t.Fatalf("m6g.large is %s in the catalogue; the test needs arm64", graviton.Type.Architecture)
	}
	for _, tt := range []struct {
		def  cluster.TaskDefinition
		want *cluster.Instance
		any  bool
	}{
		{cluster.TaskDefinition{CPUArchitecture: "ARM64"}, graviton, false},
		{cluster.TaskDefinition{OSFamily: "WINDOWS_SERVER_2022_CORE"}, nil, false},
		{cluster.TaskDefinition{}, nil, true},
	} {
		cons, err := CompileConstraints(tt.def.PlatformConstraints(), w.c, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		r := &Request{Chain: NewChain(), Group: w.c.Group("family:t"), Req: taskDef(128, 128).Requirements(), Constraints: cons}
		for i := 0; i < 50; i++ {
			got := w.p.Place(r)
			if tt.any {
				if got == nil {
					t.Fatal("a task without runtimePlatform found no Linux instance")
				}
				continue
			}
			if got != tt.want {
				t.Fatalf("runtimePlatform %s/%s placed on %v, want %v", tt.def.OSFamily, tt.def.CPUArchitecture, got, tt.want)
			}
		}
	}
}

// TestMemberOfString: a memberOf constraint prints as ECS writes it, with the
// expression in its canonical form.
func TestMemberOfString(t *testing.T) {
	w := newWorld(1)
	m := mustMemberOf(t, w, "attribute:ecs.instance-type=~g2.*  and  attribute:ecs.availability-zone!=us-east-1d")
	if got, want := m.String(), "memberOf(attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d)"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	if !strings.HasPrefix(DistinctInstance().String(), "distinctInstance") || IsStatic(DistinctInstance()) {
		t.Fatal("distinctInstance depends on the tasks placed: it is not static")
	}
	if !IsStatic(OnProvider(0, "asg")) {
		t.Fatal("an instance never changes capacity provider: OnProvider is static")
	}
}
