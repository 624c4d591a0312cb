package placement

import (
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TestRegistryStrategyFields checks the strategy types and fields ECS
// accepts (docs/model.md §5.3): binpack takes cpu or memory; spread takes
// instanceId, host (the same) or attribute:<name>; random takes no field.
// Anything else is an error, and an accepted strategy prints as its spec.
func TestRegistryStrategyFields(t *testing.T) {
	w := newWorld(1)
	reg := NewRegistry()
	tests := []struct {
		spec Spec
		ok   bool
	}{
		{Spec{"binpack", "cpu"}, true},
		{Spec{"binpack", "memory"}, true},
		{Spec{"binpack", ""}, false},    // binpack needs its field
		{Spec{"binpack", "gpu"}, false}, // only cpu and memory are binpacked
		{Spec{"binpack", "instanceId"}, false},
		{Spec{"spread", "instanceId"}, true},
		{Spec{"spread", "host"}, true},
		{Spec{"spread", "attribute:ecs.availability-zone"}, true},
		{Spec{"spread", "attribute:rack"}, true}, // custom attributes too
		{Spec{"spread", "attribute:"}, false},    // no attribute name
		{Spec{"spread", ""}, false},
		{Spec{"spread", "memory"}, false},
		{Spec{"spread", "ecs.availability-zone"}, false}, // the attribute: prefix is required
		{Spec{"random", ""}, true},
		{Spec{"random", "memory"}, false}, // random takes no field
		{Spec{"", ""}, false},
		{Spec{"firstFit", ""}, false},
		{Spec{"Binpack", "memory"}, false}, // types are case-sensitive
	}
	for _, tt := range tests {
		st, err := reg.Strategy(tt.spec, w.c)
		if (err == nil) != tt.ok {
			t.Errorf("Strategy(%v): err %v, want ok=%v", tt.spec, err, tt.ok)
			continue
		}
		if err != nil {
			if st != nil {
				t.Errorf("Strategy(%v) returned %v with an error", tt.spec, st)
			}
			continue
		}
		if got := st.String(); got != tt.spec.String() {
			t.Errorf("Strategy(%v).String() = %q, want %q", tt.spec, got, tt.spec.String())
		}
	}
}

// TestRegistryUnknownTypeNamesTheAccepted: an unknown strategy type is
// rejected with the accepted types listed (§5.3: binpack, random, spread).
func TestRegistryUnknownTypeNamesTheAccepted(t *testing.T) {
	reg := NewRegistry()
	if got, want := reg.Names(), []string{"binpack", "random", "spread"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	_, err := reg.Strategy(Spec{Type: "leastRecent"}, newWorld(1).c)
	if err == nil || !strings.Contains(err.Error(), "binpack, random, spread") || !strings.Contains(err.Error(), `"leastRecent"`) {
		t.Fatalf("unknown type error %v does not name the type and the accepted ones", err)
	}
}

// TestSpecString: a spec prints as ECS writes a strategy, type(field) or
// type alone.
func TestSpecString(t *testing.T) {
	for _, tt := range []struct {
		spec Spec
		want string
	}{
		{Spec{"binpack", "memory"}, "binpack(memory)"},
		{Spec{"spread", "attribute:ecs.availability-zone"}, "spread(attribute:ecs.availability-zone)"},
		{Spec{"random", ""}, "random"},
	} {
		if got := tt.spec.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

// TestRegistryChain: a chain is built in order; a random rule ends it, since
// random picks among all the ties it is given and later rules could never
// matter (§5.3 chains); an invalid rule fails the whole chain.
func TestRegistryChain(t *testing.T) {
	w := newWorld(1)
	reg := NewRegistry()
	tests := []struct {
		specs []Spec
		want  string // Chain.String, "" for an error
		n     int
	}{
		{nil, "random", 0},
		{[]Spec{{"random", ""}}, "random", 0},
		{[]Spec{{"spread", "attribute:ecs.availability-zone"}, {"binpack", "memory"}},
			"spread(attribute:ecs.availability-zone), binpack(memory)", 2},
		{[]Spec{{"spread", "attribute:ecs.availability-zone"}, {"spread", "instanceId"}},
			"spread(attribute:ecs.availability-zone), spread(instanceId)", 2},
		{[]Spec{{"spread", "instanceId"}, {"random", ""}, {"binpack", "memory"}}, "spread(instanceId)", 1},
		{[]Spec{{"random", ""}, {"binpack", "cpu"}}, "random", 0},
		{[]Spec{{"binpack", "memory"}, {"spread", "rack"}}, "", 0}, // spread field lacks attribute:
	}
	for _, tt := range tests {
		ch, err := reg.Chain(tt.specs, w.c)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Chain(%v) = %v, want an error", tt.specs, ch)
			}
			continue
		}
		if err != nil {
			t.Errorf("Chain(%v): %v", tt.specs, err)
			continue
		}
		if ch.String() != tt.want || ch.Len() != tt.n || len(ch.Strategies()) != tt.n {
			t.Errorf("Chain(%v) = %q (len %d), want %q (len %d)", tt.specs, ch.String(), ch.Len(), tt.want, tt.n)
		}
	}
}

// TestRandomEndsTheChain: with [random, binpack(memory)] the placement is
// uniform, not binpack: binpack would always choose the fuller instance
// (§5.3: random chooses uniformly among what it is given; ecsim cuts the
// chain after it).
func TestRandomEndsTheChain(t *testing.T) {
	w := newWorld(7)
	full := w.add(t, "m5.large", "us-east-1a")
	w.add(t, "m5.large", "us-east-1a")
	placeOn(t, w, full, w.c.Group("family:filler"), taskDef(128, 4096))
	ch, err := NewRegistry().Chain([]Spec{{"random", ""}, {"binpack", "memory"}}, w.c)
	if err != nil {
		t.Fatal(err)
	}
	r := Request{Chain: ch, Group: w.c.Group("family:t"), Req: taskDef(128, 256).Requirements()}
	onFull := 0
	const n = 2000
	for i := 0; i < n; i++ {
		if w.p.Place(&r) == full {
			onFull++
		}
	}
	// Uniform over 2: mean 1000, sd ~22; binpack would give 2000.
	if onFull < 850 || onFull > 1150 {
		t.Fatalf("the fuller instance was chosen %d of %d times; random should choose it about half the time", onFull, n)
	}
}

// TestBinpackFieldTable: binpack chooses the candidate with the least of its
// field left among those where the task still fits (§5.3, W-18). Free
// amounts are set by fillers on identical m5.xlarge instances (4096 CPU
// units, 15974 MiB registered).
func TestBinpackFieldTable(t *testing.T) {
	tests := []struct {
		name      string
		dim       Dimension
		freeCPU   []int64
		freeMem   []int64
		cpu, mem  int64
		want      int // index of the instance, -1 none
		whyInTest string
	}{
		{"W-18 memory", DimMemory, []int64{4096, 4096, 4096}, []int64{2048, 4096, 6144}, 128, 1024, 0,
			"2 GiB left is the least"},
		{"memory: least that still fits", DimMemory, []int64{4096, 4096, 4096}, []int64{512, 3072, 6144}, 128, 1024, 1,
			"512 MiB cannot take 1 GiB"},
		{"memory ignores cpu order", DimMemory, []int64{512, 4096, 4096}, []int64{6144, 2048, 3000}, 256, 1024, 1,
			"binpack(memory) does not look at CPU"},
		{"cpu", DimCPU, []int64{1024, 3072, 512}, []int64{8192, 8192, 8192}, 768, 256, 0,
			"512 units cannot take 768; 1024 < 3072"},
		{"cpu ignores memory order", DimCPU, []int64{2048, 1024, 3072}, []int64{1000, 8000, 512}, 512, 256, 1,
			"binpack(cpu) does not look at memory"},
		{"cpu: memory must still fit", DimCPU, []int64{512, 1024, 3072}, []int64{100, 8000, 8000}, 256, 256, 1,
			"the instance with least CPU lacks memory"},
		{"nothing fits", DimMemory, []int64{4096, 4096}, []int64{100, 200}, 128, 1024, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := uint64(0); seed < 5; seed++ {
				w := newWorld(seed)
				var ins []*cluster.Instance
				for i := range tt.freeCPU {
					in := w.add(t, "m5.xlarge", "us-east-1a")
					placeOn(t, w, in, w.c.Group("family:filler"),
						taskDef(in.Registered.CPU-tt.freeCPU[i], in.Registered.MemoryMiB-tt.freeMem[i]))
					ins = append(ins, in)
				}
				r := Request{Chain: NewChain(Binpack(tt.dim)), Group: w.c.Group("family:t"),
					Req: taskDef(tt.cpu, tt.mem).Requirements()}
				got := w.p.Place(&r)
				switch {
				case tt.want < 0 && got != nil:
					t.Fatalf("placed on instance %d, want none", got.ID)
				case tt.want >= 0 && got != ins[tt.want]:
					t.Fatalf("seed %d: chose %v, want instance %d (%s)", seed, got, tt.want, tt.whyInTest)
				}
			}
		})
	}
}

// TestSpreadHostIsInstanceID: spread(host) is spread(instanceId) (§5.3):
// 6 tasks over 3 instances give 2 each, whatever their free resources.
func TestSpreadHostIsInstanceID(t *testing.T) {
	for _, field := range []string{"instanceId", "host"} {
		for seed := uint64(0); seed < 5; seed++ {
			w := newWorld(seed)
			ins := []*cluster.Instance{w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.xlarge", "us-east-1a"),
				w.add(t, "r5.large", "us-east-1b")}
			st, err := NewRegistry().Strategy(Spec{"spread", field}, w.c)
			if err != nil {
				t.Fatal(err)
			}
			r := Request{Chain: NewChain(st), Group: w.c.Group("service:web")}
			w.p.Prepare(&r)
			counts := map[cluster.InstanceID]int{}
			for i := 0; i < 6; i++ {
				counts[w.place(t, taskDef(256, 512), r).ID]++
			}
			for _, in := range ins {
				if counts[in.ID] != 2 {
					t.Fatalf("spread(%s) seed %d: counts %v, want 2 per instance", field, seed, counts)
				}
			}
		}
	}
}

// TestSpreadCountsPerGroup: spread evens out the tasks of the request's own
// group only (§5.3: service tasks count per service, standalone tasks per
// task group): another service's tasks on an instance do not count.
func TestSpreadCountsPerGroup(t *testing.T) {
	for seed := uint64(0); seed < 10; seed++ {
		w := newWorld(seed)
		busy := w.add(t, "m5.xlarge", "us-east-1a")
		quiet := w.add(t, "m5.xlarge", "us-east-1b")
		r := Request{Chain: NewChain(SpreadAttribute("ecs.availability-zone", w.c)), Group: w.c.Group("service:web")}
		w.p.Prepare(&r)
		other := w.c.Group("service:api")
		for i := 0; i < 3; i++ {
			placeOn(t, w, busy, other, taskDef(128, 128))
		}
		placeOn(t, w, quiet, r.Group, taskDef(128, 128))
		// us-east-1a holds 3 api tasks and 0 web tasks, us-east-1b 1 web task.
		if got := w.place(t, taskDef(128, 128), r); got != busy {
			t.Fatalf("seed %d: web task went to %s; the zone without web tasks is us-east-1a", seed, got.AZ)
		}
	}
}

// TestSpreadMissingAttributeIsOneMoreValue: instances without the spread
// attribute count as one more value (§14.4): with racks r1 and r2 and two
// instances without a rack, 3 tasks go one to r1, one to r2 and one to the
// rack-less pair.
func TestSpreadMissingAttributeIsOneMoreValue(t *testing.T) {
	for seed := uint64(0); seed < 10; seed++ {
		w := newWorld(seed)
		r1 := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "rack", Value: "r1"})
		r2 := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "rack", Value: "r2"})
		n1 := w.add(t, "m5.large", "us-east-1a")
		n2 := w.add(t, "m5.large", "us-east-1a")
		r := Request{Chain: NewChain(SpreadAttribute("rack", w.c)), Group: w.c.Group("service:web")}
		w.p.Prepare(&r)
		got := map[string]int{}
		for i := 0; i < 3; i++ {
			switch w.place(t, taskDef(256, 256), r) {
			case r1:
				got["r1"]++
			case r2:
				got["r2"]++
			case n1, n2:
				got["none"]++
			}
		}
		if got["r1"] != 1 || got["r2"] != 1 || got["none"] != 1 {
			t.Fatalf("seed %d: %v, want one task per value, the rack-less instances being one value", seed, got)
		}
	}
}

// fewestTasks is a research strategy defined outside the package's own
// three: rank by the number of tasks on the instance.
type fewestTasks struct{}

func (fewestTasks) String() string { return "fewestTasks" }
func (fewestTasks) Rank(in *cluster.Instance, _ *Request, _ State) int64 {
	return int64(in.TaskCount())
}

// TestRegisterResearchStrategy: a new strategy type is one registered
// factory; registering a name twice fails. Without a StopRank of its own, a
// strategy stops tasks where it would least like to place (scalein.go), so
// fewestTasks stops from the busiest instance.
func TestRegisterResearchStrategy(t *testing.T) {
	reg := NewRegistry()
	if err := reg.Register("binpack", newBinpack); err == nil {
		t.Fatal("registering binpack twice succeeded")
	}
	factory := func(field string) (Bind, error) { return Fixed(fewestTasks{}), nil }
	if err := reg.Register("fewestTasks", factory); err != nil {
		t.Fatal(err)
	}
	if got, want := reg.Names(), []string{"binpack", "fewestTasks", "random", "spread"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	w := newWorld(3)
	a, b, c := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
	ch, err := reg.Chain([]Spec{{Type: "fewestTasks"}}, w.c)
	if err != nil {
		t.Fatal(err)
	}
	r := &Request{Chain: ch, Group: w.c.Group("service:web")}
	def := taskDef(128, 128)
	var tasks []*cluster.Task
	for _, in := range []*cluster.Instance{a, a, a, b} {
		tasks = append(tasks, placeOn(t, w, in, r.Group, def))
	}
	r.Req = def.Requirements()
	if got := w.p.Place(r); got != c {
		t.Fatalf("fewestTasks placed on %d, want the empty instance %d", got.ID, c.ID)
	}
	if got := w.p.ChooseTaskToStop(tasks, r); got.Instance != a.ID {
		t.Fatalf("fewestTasks stopped a task on %d, want one on the busiest instance %d", got.Instance, a.ID)
	}
	if got := w.p.ChooseTaskToStop(nil, r); got != nil {
		t.Fatalf("ChooseTaskToStop(no tasks) = %v, want nil", got)
	}
}

// TestStrategyNames: strategies and constraints print as ECS writes them, so
// service events and reports quote the user's own rules.
func TestStrategyNames(t *testing.T) {
	w := newWorld(1)
	for _, tt := range []struct {
		got, want string
	}{
		{Binpack(DimCPU).String(), "binpack(cpu)"},
		{Binpack(DimMemory).String(), "binpack(memory)"},
		{SpreadInstance().String(), "spread(instanceId)"},
		{SpreadAttribute("ecs.availability-zone", w.c).String(), "spread(attribute:ecs.availability-zone)"},
		{Random().String(), "random"},
		{DistinctInstance().String(), "distinctInstance"},
		{OnProvider(0, "asg-a").String(), "capacityProvider == asg-a"},
		{ServiceDefault(w.c).String(), "spread(attribute:ecs.availability-zone), spread(instanceId)"},
		{DimCPU.String() + "," + DimMemory.String(), "cpu,memory"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if Random().Rank(nil, nil, nil) != 0 {
		t.Error("random must rank every candidate equally")
	}
}

// TestCompileReportsEveryRule: Compile checks every rule once and names
// each bad one by index and key; a Plan binds to any cluster (a spread
// attribute is interned in the cluster it is bound to).
func TestCompileReportsEveryRule(t *testing.T) {
	reg := NewRegistry()
	_, err := reg.Compile([]Spec{{"binpack", "disk"}, {"spread", "instanceId"}, {"nearest", ""}})
	es, ok := err.(SpecErrors)
	if !ok || len(es) != 2 || es[0].Index != 0 || es[0].Key != "field" || es[1].Index != 2 || es[1].Key != "type" {
		t.Fatalf("Compile errors = %#v, want rule 0's field and rule 2's type", err)
	}
	if (Plan{}).Len() != 0 {
		t.Error("the zero Plan has rules")
	}
	p, err := reg.Compile([]Spec{{"spread", "attribute:rack"}, {"binpack", "memory"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Specs(); len(got) != 2 || got[0] != (Spec{"spread", "attribute:rack"}) {
		t.Errorf("Specs() = %v", got)
	}
	for _, w := range []*world{newWorld(1), newWorld(2)} {
		if got := p.Bind(w.c).String(); got != "spread(attribute:rack), binpack(memory)" {
			t.Errorf("Bind = %q", got)
		}
	}
}
