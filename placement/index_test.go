package placement

import (
	"fmt"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TestBinpackCPUWithMemoryOnlyTasks: tasks without a CPU reservation are
// valid on EC2 (task CPU is optional, §5.2) and take memory only. With
// binpack(cpu) the instance with the least CPU left is still preferred when,
// and only when, its memory can take the task (§5.1 step 1, §5.3): its
// memory filling up and emptying again with its free CPU unchanged must move
// the choice away and back, whether the memory filled before or after its
// CPU did.
func TestBinpackCPUWithMemoryOnlyTasks(t *testing.T) {
	for seed := uint64(0); seed < 5; seed++ {
		for _, memFirst := range []bool{false, true} {
			w := newWorld(seed)
			a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			r := &Request{Chain: NewChain(Binpack(DimCPU)), Group: w.c.Group("family:t"), Req: taskDef(256, 512).Requirements()}
			w.p.Prepare(r)
			fillMem := func() *cluster.Task {
				return placeOn(t, w, a, w.c.Group("family:mem"), taskDef(0, a.Free().MemoryMiB-300))
			}
			var memOnly *cluster.Task
			if memFirst {
				memOnly = fillMem()
			}
			placeOn(t, w, a, w.c.Group("family:cpu"), taskDef(1024, 256)) // a: 1024 CPU free, b: 2048
			if !memFirst {
				if got := w.p.Place(r); got != a {
					t.Fatalf("seed %d: binpack(cpu) chose %v, want a (least CPU left)", seed, got)
				}
				memOnly = fillMem()
			}
			if a.Free().CPU != 1024 {
				t.Fatalf("a memory-only task changed free CPU to %d", a.Free().CPU)
			}
			if got := w.p.Place(r); got != b {
				t.Fatalf("seed %d memFirst %v: with a's memory full chose %v, want b", seed, memFirst, got)
			}
			w.c.Unplace(memOnly)
			if got := w.p.Place(r); got != a {
				t.Fatalf("seed %d memFirst %v: after a's memory was freed chose %v, want a again", seed, memFirst, got)
			}
		}
	}
}

// TestBinpackMemoryWithCPUOnlyTasks mirrors the test above on the other
// dimension: a task that reserves CPU and no memory (a sized task, §5.2)
// changes which instances can take a CPU-heavy task, not their binpack(memory)
// order.
func TestBinpackMemoryWithCPUOnlyTasks(t *testing.T) {
	for seed := uint64(0); seed < 5; seed++ {
		w := newWorld(seed)
		a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
		r := &Request{Chain: NewChain(Binpack(DimMemory)), Group: w.c.Group("family:t"), Req: taskDef(1024, 512).Requirements()}
		w.p.Prepare(r)
		placeOn(t, w, a, w.c.Group("family:mem"), taskDef(128, 2048))
		if got := w.p.Place(r); got != a {
			t.Fatalf("seed %d: binpack(memory) chose %v, want a", seed, got)
		}
		cpuDef := def(cluster.TaskDefinition{NetworkMode: cluster.NetworkBridge,
			Containers: []cluster.ContainerDefinition{{Name: "c", CPU: 1024}}})
		cpuOnly := placeOn(t, w, a, w.c.Group("family:cpu"), cpuDef) // a: 896 CPU left
		if got := w.p.Place(r); got != b {
			t.Fatalf("seed %d: a lacks CPU, chose %v, want b", seed, got)
		}
		w.c.Unplace(cpuOnly)
		if got := w.p.Place(r); got != a {
			t.Fatalf("seed %d: after the CPU task stopped chose %v, want a", seed, got)
		}
	}
}

// TestBinpackHighMemoryInstances: binpack(memory) keeps choosing the
// instance with the least memory left on high-memory instance types
// (x1e.32xlarge 3904 GiB, u-6tb1.metal 6 TiB, declared as scenario instance
// types), down to a difference of 1 MiB (§5.3). (Two seeds: each world
// indexes millions of MiB levels.)
func TestBinpackHighMemoryInstances(t *testing.T) {
	for seed := uint64(0); seed < 2; seed++ {
		w := newWorld(seed)
		w.cat.Put(cluster.InstanceType{Name: "x1e.32xlarge", VCPU: 128, MemoryMiB: 3904 * 1024, ENIs: 8})
		w.cat.Put(cluster.InstanceType{Name: "u-6tb1.metal", VCPU: 448, MemoryMiB: 6144 * 1024, ENIs: 15})
		ch := NewChain(Binpack(DimMemory))
		w.p.Prepare(&Request{Chain: ch})
		small := w.add(t, "m5.large", "us-east-1a")
		x1, x2 := w.add(t, "x1e.32xlarge", "us-east-1a"), w.add(t, "x1e.32xlarge", "us-east-1a")
		u := w.add(t, "u-6tb1.metal", "us-east-1a")
		r := Request{Chain: ch, Group: w.c.Group("family:t")}
		if got := w.place(t, taskDef(256, 1024), r); got != small {
			t.Fatalf("seed %d: a 1 GiB task went to %s, want the m5.large", seed, got.Type.Name)
		}
		// 100 GiB fits only the big ones; x1 and x2 have the least left.
		big := taskDef(1024, 100*1024)
		first := w.place(t, big, r)
		if first != x1 && first != x2 {
			t.Fatalf("seed %d: a 100 GiB task went to %s, want an x1e.32xlarge", seed, first.Type.Name)
		}
		// The other x1e now has 100 GiB more left than first: first again.
		if got := w.place(t, big, r); got != first {
			t.Fatalf("seed %d: second 100 GiB task went to %d, want %d (100 GiB less left)", seed, got.ID, first.ID)
		}
		other := x1
		if first == x1 {
			other = x2
		}
		// Leave the other x1e exactly 1 MiB less than first.
		placeOn(t, w, other, w.c.Group("family:filler"), taskDef(0, other.Free().MemoryMiB-first.Free().MemoryMiB+1))
		if got := w.place(t, taskDef(128, 512), Request{Chain: ch, Group: r.Group}); got != small {
			t.Fatalf("seed %d: a small task left the m5.large", seed)
		}
		if got := w.place(t, big, r); got != other {
			t.Fatalf("seed %d: chose %d with %d MiB left, want %d with 1 MiB less", seed, got.ID, got.Free().MemoryMiB, other.ID)
		}
		// A task only the 6 TiB instance can take.
		if got := w.place(t, taskDef(1024, 5000*1024), r); got != u {
			t.Fatalf("seed %d: a 5000 GiB task went to %s, want u-6tb1.metal", seed, got.Type.Name)
		}
	}
}

// TestSpreadOverManyValues: spread on an attribute with more values than the
// placer indexes (70 racks of 1 to 3 instances) still evens out the tasks
// per value, not per instance: 140 tasks give 2 per rack (§5.3, W-19
// generalised).
func TestSpreadOverManyValues(t *testing.T) {
	const racks = 70
	w := newWorld(9)
	for i := 0; i < racks; i++ {
		for k := 0; k <= i%3; k++ {
			w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "rack", Value: fmt.Sprint("r", i)})
		}
	}
	for _, ch := range []Chain{
		NewChain(SpreadAttribute("rack", w.c), Binpack(DimMemory)),
		NewChain(SpreadAttribute("rack", w.c)),
		NewChain(SpreadAttribute("rack", w.c), SpreadInstance()),
	} {
		g := w.c.Group("service:" + ch.String())
		r := Request{Chain: ch, Group: g}
		w.p.Prepare(&r)
		perRack := map[string]int{}
		for i := 0; i < 2*racks; i++ {
			in := w.place(t, taskDef(16, 16), r)
			v, _ := in.Attribute("rack")
			perRack[v]++
		}
		for i := 0; i < racks; i++ {
			if n := perRack[fmt.Sprint("r", i)]; n != 2 {
				t.Fatalf("%v: rack r%d has %d tasks, want 2", ch, i, n)
			}
		}
	}
}

// TestDrainingAndDisconnectedTakeNoTasks: only ACTIVE instances with a
// connected agent are schedulable (§4.1, §5.1); an instance set to
// DRAINING or losing its agent stops receiving tasks at once and takes
// them again when it is ACTIVE and connected.
func TestDrainingAndDisconnectedTakeNoTasks(t *testing.T) {
	for _, ch := range []func(*world) Chain{
		func(*world) Chain { return NewChain() },
		func(*world) Chain { return NewChain(Binpack(DimMemory)) },
		func(*world) Chain { return NewChain(Binpack(DimCPU), SpreadInstance()) },
		func(w *world) Chain {
			return NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimMemory))
		},
		func(w *world) Chain { return NewChain(SpreadAttribute("ecs.availability-zone", w.c), SpreadInstance()) },
	} {
		w := newWorld(4)
		a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.xlarge", "us-east-1b")
		r := &Request{Chain: ch(w), Group: w.c.Group("service:web"), Req: taskDef(128, 128).Requirements()}
		w.p.Prepare(r)
		only := func(want *cluster.Instance, when string) {
			t.Helper()
			for i := 0; i < 30; i++ {
				if got := w.p.Place(r); got != want {
					t.Fatalf("%v %s: placed on %v, want %v", r.Chain, when, got, want)
				}
			}
		}
		w.c.SetStatus(a, cluster.Draining, 0)
		only(b, "a DRAINING")
		w.c.SetAgentConnected(b, false)
		only(nil, "a DRAINING, b disconnected")
		w.c.SetStatus(a, cluster.Active, 0)
		only(a, "a ACTIVE again, b disconnected")
		w.c.SetStatus(a, cluster.Deregistering, 0)
		w.c.SetAgentConnected(b, true)
		only(b, "a DEREGISTERING, b connected")
	}
}

// TestStatsCount: every Place call is counted as a placement or a miss, and
// rejected candidates are part of the examined ones.
func TestStatsCount(t *testing.T) {
	w := newWorld(1)
	a := w.add(t, "m5.large", "us-east-1a")
	fill(t, w, a, 100, 100)
	w.add(t, "m5.large", "us-east-1a")
	r := &Request{Chain: NewChain(), Group: w.c.Group("family:t"), Req: taskDef(256, 256).Requirements()}
	for i := 0; i < 10; i++ {
		w.p.Place(r)
	}
	r.Req = taskDef(8192, 256).Requirements()
	w.p.Place(r)
	st := w.p.Stats
	if st.Placements != 10 || st.Misses != 1 {
		t.Fatalf("stats %+v: want 10 placements and 1 miss", st)
	}
	if st.Rejected < 2 || st.Rejected > st.Examined {
		t.Fatalf("stats %+v: the miss alone rejects both instances", st)
	}
}

// TestRandomOnEmptyCluster: random placement with no instance at all finds
// nothing (and the reason is MISSING, §5.6).
func TestRandomOnEmptyCluster(t *testing.T) {
	w := newWorld(1)
	r := &Request{Chain: NewChain(Random()), Group: w.c.Group("family:t"), Req: taskDef(1, 1).Requirements()}
	if got := w.p.Place(r); got != nil {
		t.Fatalf("placed on %v in an empty cluster", got)
	}
	if got := w.p.Explain(r); got != ReasonMissing {
		t.Fatalf("Explain = %q, want MISSING", got)
	}
}
