package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// world is a small test cluster with a placer.
type world struct {
	c   *cluster.Cluster
	p   *Placer
	cat *cluster.Catalogue
}

func newWorld(seed uint64) *world {
	cat := cluster.DefaultCatalogue()
	c := cluster.New(cat)
	return &world{c: c, cat: cat, p: NewPlacer(c, rand.NewPCG(seed, 99))}
}

func (w *world) add(t testing.TB, typ, az string, attrs ...cluster.Attribute) *cluster.Instance {
	t.Helper()
	it, ok := w.cat.Lookup(typ)
	if !ok {
		t.Fatalf("no type %s", typ)
	}
	in := w.c.AddInstance(cluster.InstanceSpec{Type: it, AvailabilityZone: az, Attributes: attrs, Provider: -1}, 0)
	w.c.SetStatus(in, cluster.Active, 0)
	return in
}

func taskDef(cpu, mem int64) *cluster.TaskDefinition {
	d := &cluster.TaskDefinition{Family: "t", NetworkMode: cluster.NetworkBridge,
		Containers: []cluster.ContainerDefinition{{Name: "c", CPU: cpu, MemoryMiB: mem, Essential: true}}}
	d.Finalize()
	return d
}

// place places one task of def in group g with the request's chain and
// constraints, failing the test if nothing fits.
func (w *world) place(t testing.TB, def *cluster.TaskDefinition, r Request) *cluster.Instance {
	t.Helper()
	r.Req = def.Requirements()
	in := w.p.Place(&r)
	if in == nil {
		t.Fatalf("no instance for %v", r.Chain)
	}
	task := w.c.NewTask(def, r.Group, 0)
	if err := w.c.Place(task, in); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestBinpackPicksLeastRemaining is W-18 (docs/model.md §5.3): instances
// with 2, 4 and 6 GiB free, a 1 GiB task, binpack(memory) → the 2 GiB one.
func TestBinpackPicksLeastRemaining(t *testing.T) {
	w := newWorld(1)
	var ins []*cluster.Instance
	for i := 0; i < 3; i++ {
		ins = append(ins, w.add(t, "r5.large", "us-east-1a")) // 15974 MiB registered
	}
	// Leave 6, 2 and 4 GiB free on instances 0, 1, 2.
	for i, free := range []int64{6144, 2048, 4096} {
		filler := w.c.NewTask(taskDef(0, ins[i].Registered.MemoryMiB-free), 0, 0)
		if err := w.c.Place(filler, ins[i]); err != nil {
			t.Fatal(err)
		}
	}
	ch := NewChain(Binpack(DimMemory))
	w.p.Prepare(&Request{Chain: ch})
	got := w.place(t, taskDef(128, 1024), Request{Chain: ch, Group: w.c.Group("family:t")})
	if got != ins[1] {
		t.Fatalf("binpack(memory) chose %s, want the instance with 2 GiB free (%s)", got.EC2InstanceID, ins[1].EC2InstanceID)
	}
}

// TestSpreadAZEvensOut is W-19 (docs/model.md §5.3): 6 tasks spread on
// the availability zone over three AZs give 2 per AZ.
func TestSpreadAZEvensOut(t *testing.T) {
	w := newWorld(2)
	for _, az := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		w.add(t, "m5.large", az)
		w.add(t, "m5.large", az)
	}
	ch := NewChain(SpreadAttribute("ecs.availability-zone", w.c), SpreadInstance())
	w.p.Prepare(&Request{Chain: ch})
	g := w.c.Group("service:web")
	perAZ := map[string]int{}
	perInstance := map[string]int{}
	for i := 0; i < 6; i++ {
		in := w.place(t, taskDef(256, 512), Request{Chain: ch, Group: g})
		perAZ[in.AZ]++
		perInstance[in.EC2InstanceID]++
	}
	for az, n := range perAZ {
		if n != 2 {
			t.Errorf("AZ %s got %d tasks, want 2 (%v)", az, n, perAZ)
		}
	}
	for id, n := range perInstance {
		if n != 1 {
			t.Errorf("instance %s got %d tasks, want 1: spread(instanceId) breaks the AZ ties", id, n)
		}
	}
}

// TestDistinctInstance: a distinctInstance group never shares an instance
// (docs/model.md §5.4), and the 4th task of a group on 3 instances fails.
func TestDistinctInstance(t *testing.T) {
	w := newWorld(3)
	for i := 0; i < 3; i++ {
		w.add(t, "m5.xlarge", "us-east-1a")
	}
	ch := NewChain(Binpack(DimMemory))
	w.p.Prepare(&Request{Chain: ch})
	g := w.c.Group("family:t")
	r := Request{Chain: ch, Group: g, Constraints: []Constraint{DistinctInstance()}}
	seen := map[cluster.InstanceID]bool{}
	for i := 0; i < 3; i++ {
		in := w.place(t, taskDef(256, 512), r)
		if seen[in.ID] {
			t.Fatalf("distinctInstance violated on %s", in.EC2InstanceID)
		}
		seen[in.ID] = true
	}
	r.Req = taskDef(256, 512).Requirements()
	if in := w.p.Place(&r); in != nil {
		t.Fatalf("4th task placed on %s; want no instance", in.EC2InstanceID)
	}
	if got := w.p.Explain(&r); got != ReasonAttribute {
		t.Fatalf("Explain = %q, want ATTRIBUTE", got)
	}
}

// TestDistinctInstanceManyGroups: past maxDistinctIndexes groups the
// constraint is checked per candidate instead of folded into an index, and
// every group still gets one task per instance (docs/model.md §5.4); each
// request, prepared once, keeps whichever way it started with.
func TestDistinctInstanceManyGroups(t *testing.T) {
	w := newWorld(5)
	for i := 0; i < 4; i++ {
		w.add(t, "m5.xlarge", "us-east-1a")
	}
	ch := NewChain(Binpack(DimMemory))
	groups := 2 * maxDistinctIndexes
	reqs := make([]*Request, groups)
	for i := range reqs {
		reqs[i] = &Request{Chain: ch, Group: w.c.Group(fmt.Sprint("family:g", i)), Constraints: []Constraint{DistinctInstance()}}
		w.p.Prepare(reqs[i])
	}
	folded := 0
	for _, x := range w.p.indexes {
		if x.distinct != noGroup {
			folded++
		}
	}
	if folded != maxDistinctIndexes {
		t.Fatalf("%d indexes fold in a group, want %d", folded, maxDistinctIndexes)
	}
	def := taskDef(64, 128)
	for round := 0; round < 4; round++ {
		for _, r := range reqs {
			r.Req = def.Requirements()
			in := w.p.Place(r)
			if in == nil {
				t.Fatalf("round %d: no instance for %v", round, w.c.GroupName(r.Group))
			}
			if in.GroupCount(r.Group) > 0 {
				t.Fatalf("distinctInstance violated on %s", in.EC2InstanceID)
			}
			if err := w.c.Place(w.c.NewTask(def, r.Group, 0), in); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, r := range reqs {
		if in := w.p.Place(r); in != nil {
			t.Fatalf("5th task of %v placed on %s; want none", w.c.GroupName(r.Group), in.EC2InstanceID)
		}
	}
}

func TestExplainReasons(t *testing.T) {
	w := newWorld(4)
	r := Request{Chain: NewChain(), Group: w.c.Group("family:t"), Req: taskDef(256, 512).Requirements()}
	if got := w.p.Explain(&r); got != ReasonMissing {
		t.Fatalf("empty cluster: %q, want MISSING", got)
	}
	in := w.add(t, "t3.medium", "us-east-1a") // 2048 CPU, 3993 MiB
	w.c.SetAgentConnected(in, false)
	if got := w.p.Explain(&r); got != ReasonAgent {
		t.Fatalf("agent disconnected: %q, want AGENT", got)
	}
	w.c.SetAgentConnected(in, true)
	for _, tc := range []struct {
		cpu, mem int64
		want     Reason
	}{
		{4096, 512, ReasonCPU},
		{256, 8192, ReasonMemory},
		{4096, 8192, ReasonCPU}, // CPU is checked first
		{256, 512, ReasonNone},
	} {
		r.Req = taskDef(tc.cpu, tc.mem).Requirements()
		if got := w.p.Explain(&r); got != tc.want {
			t.Errorf("cpu %d mem %d: %q, want %q", tc.cpu, tc.mem, got, tc.want)
		}
	}
}

// TestExplainMissingForAnEmptyGroup: a capacity provider's task whose
// group has no instance is MISSING (docs/model.md §5.6), even when other
// instances are registered: the provider constraint is not one the user
// wrote, so it is never ATTRIBUTE.
func TestExplainMissingForAnEmptyGroup(t *testing.T) {
	w := newWorld(4)
	w.add(t, "m5.large", "us-east-1a") // Provider -1: outside any group
	r := Request{Chain: NewChain(), Group: w.c.Group("family:t"), Req: taskDef(256, 512).Requirements(),
		Constraints: []Constraint{OnProvider(0, "asg")}}
	w.p.Prepare(&r)
	if got := w.p.Explain(&r); got != ReasonMissing {
		t.Fatalf("empty group beside a static instance: %q, want MISSING", got)
	}
}

// bestSet computes, by brute force and independently of the Placer, the set
// of instances an ECS chain ranks best for r: feasible instances with the
// lexicographically least rank vector.
func bestSet(w *world, r *Request) []cluster.InstanceID {
	var best []int64
	var out []cluster.InstanceID
	for _, in := range w.c.Instances() {
		if !in.Schedulable() || in.Lacks(r.Req) != cluster.ResourceNone {
			continue
		}
		ok := true
		for _, c := range r.Constraints {
			ok = ok && c.Check(in, r, w.c)
		}
		if !ok {
			continue
		}
		var rk []int64
		for _, s := range r.Chain.Strategies() {
			rk = append(rk, s.Rank(in, r, w.c))
		}
		switch c := slices.Compare(rk, best); {
		case out == nil || c < 0:
			best, out = rk, []cluster.InstanceID{in.ID}
		case c == 0:
			out = append(out, in.ID)
		}
	}
	return out
}

// TestIndexedPlacementMatchesExhaustive is the property that makes the
// indexes safe: on random clusters with random task sizes, host ports, ENIs,
// agent disconnects and task stops, every placement the Placer makes is one
// an exhaustive evaluation of the chain ranks best, and it finds an instance
// exactly when one exists.
func TestIndexedPlacementMatchesExhaustive(t *testing.T) {
	types := []string{"t3.medium", "m5.large", "m5.xlarge", "c5.large", "r5.large"}
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	for trial := 0; trial < 40; trial++ {
		rng := rand.New(rand.NewPCG(uint64(trial), 7))
		w := newWorld(uint64(trial))
		chains := []Chain{
			NewChain(),
			NewChain(Binpack(DimMemory)),
			NewChain(Binpack(DimCPU)),
			NewChain(Binpack(DimMemory), SpreadInstance()),
			NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimMemory)),
			NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimCPU), SpreadInstance()),
			NewChain(SpreadAttribute("ecs.availability-zone", w.c), SpreadInstance()),
			NewChain(SpreadInstance(), Binpack(DimMemory)),
			NewChain(SpreadAttribute("rack", w.c), Binpack(DimMemory)),
		}
		for _, ch := range chains {
			w.p.Prepare(&Request{Chain: ch})
		}
		n := 5 + rng.IntN(40)
		for i := 0; i < n; i++ {
			w.add(t, types[rng.IntN(len(types))], azs[rng.IntN(len(azs))], cluster.Attribute{Name: "rack", Value: fmt.Sprint(rng.IntN(4))})
		}
		defs := []*cluster.TaskDefinition{taskDef(256, 512), taskDef(1024, 2048), taskDef(128, 3000), taskDef(2048, 256)}
		port := &cluster.TaskDefinition{Family: "p", NetworkMode: cluster.NetworkBridge, Containers: []cluster.ContainerDefinition{
			{Name: "c", CPU: 128, MemoryMiB: 256, PortMappings: []cluster.PortMapping{{ContainerPort: 80, HostPort: 80}}}}}
		port.Finalize()
		eni := &cluster.TaskDefinition{Family: "e", NetworkMode: cluster.NetworkAwsvpc, CPU: 256, MemoryMiB: 512,
			Containers: []cluster.ContainerDefinition{{Name: "c"}}}
		eni.Finalize()
		defs = append(defs, port, eni)
		groups := []cluster.GroupID{w.c.Group("service:a"), w.c.Group("service:b")}
		var placed []*cluster.Task
		for step := 0; step < 400; step++ {
			switch rng.IntN(10) {
			case 0: // stop a task
				if len(placed) > 0 {
					i := rng.IntN(len(placed))
					w.c.Unplace(placed[i])
					placed = slices.Delete(placed, i, i+1)
				}
				continue
			case 1: // toggle an agent
				in := w.c.Instances()[rng.IntN(n)]
				w.c.SetAgentConnected(in, !in.AgentConnected)
				continue
			}
			def := defs[rng.IntN(len(defs))]
			r := &Request{Req: def.Requirements(), Group: groups[rng.IntN(2)], Chain: chains[rng.IntN(len(chains))]}
			if rng.IntN(4) == 0 {
				r.Constraints = []Constraint{DistinctInstance()}
			}
			want := bestSet(w, r)
			got := w.p.Place(r)
			if got == nil {
				if len(want) > 0 {
					t.Fatalf("trial %d step %d chain %v: no instance, want one of %v", trial, step, r.Chain, want)
				}
				continue
			}
			if !slices.Contains(want, got.ID) {
				t.Fatalf("trial %d step %d chain %v: chose %d, best are %v", trial, step, r.Chain, got.ID, want)
			}
			task := w.c.NewTask(def, r.Group, 0)
			if err := w.c.Place(task, got); err != nil {
				t.Fatalf("placer chose an instance that does not fit: %v", err)
			}
			placed = append(placed, task)
		}
	}
}

// TestRandomIsUniform: random placement (RunTask's default, §5.3) chooses
// each of 4 identical instances about equally often.
func TestRandomIsUniform(t *testing.T) {
	w := newWorld(5)
	for i := 0; i < 4; i++ {
		w.add(t, "m5.xlarge", "us-east-1a")
	}
	r := Request{Chain: NewChain(Random()), Group: w.c.Group("family:t"), Req: taskDef(1, 1).Requirements()}
	counts := make([]int, 4)
	const n = 40000
	for i := 0; i < n; i++ {
		counts[w.p.Place(&r).ID]++
	}
	// Chi-square with 3 degrees of freedom; 16.27 is the 0.999 quantile.
	chi := 0.0
	for _, c := range counts {
		d := float64(c) - n/4
		chi += d * d / (n / 4)
	}
	if chi > 16.27 {
		t.Fatalf("counts %v: chi-square %.1f > 16.27", counts, chi)
	}
}

// TestFailedPlacementDrawsNothing: a placement that finds no instance
// leaves the tie-break stream where it was, so trying a request that fits
// nowhere changes no later choice. Random placement draws while it samples
// (rejectionTries draws before it falls back to a scan); after a failure the
// next choices are those of a placer that never tried.
func TestFailedPlacementDrawsNothing(t *testing.T) {
	build := func() *world {
		w := newWorld(5)
		for range 20 {
			w.add(t, "m5.large", "us-east-1a")
		}
		return w
	}
	a, b := build(), build()
	small := &Request{Chain: NewChain(), Group: a.c.Group("family:s"), Req: taskDef(128, 128).Requirements()}
	huge := &Request{Chain: NewChain(), Group: a.c.Group("family:h"), Req: taskDef(128, 100_000).Requirements()}
	if got := a.p.Place(huge); got != nil {
		t.Fatalf("a 100,000 MiB task placed on %s", got.EC2InstanceID)
	}
	smallB := &Request{Chain: NewChain(), Group: b.c.Group("family:s"), Req: taskDef(128, 128).Requirements()}
	for i := range 10 {
		x, y := a.p.Place(small), b.p.Place(smallB)
		if x.ID != y.ID {
			t.Fatalf("placement %d after a failure: %d, without it: %d", i, x.ID, y.ID)
		}
	}
}
