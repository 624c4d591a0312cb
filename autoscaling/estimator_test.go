package autoscaling_test

import (
	"slices"
	"testing"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim/cluster"
)

// casCapacity is the instance of cluster-autoscaler's estimator benchmark
// (README "Performance"): 1,000 CPU units and 5,000 MiB, no ports or ENIs in use.
func casCapacity() cluster.Capacity {
	return cluster.Capacity{Free: cluster.Resources{CPU: 1000, MemoryMiB: 5000}, DynamicFree: dynPorts, ENIFree: 10}
}

// casGroups is the benchmark's workload: 50,000 tasks of 50 CPU / 100 MiB and
// 1,000 of 95 CPU / 190 MiB, small group first.
func casGroups() []autoscaling.TaskGroup {
	return []autoscaling.TaskGroup{group(req(50, 100), 50000), group(req(95, 190), 1000)}
}

// TestEstimateClusterAutoscalerCase is README "Performance"'s comparison case: the
// large tasks (size .095+.038) are packed first, 10 per instance (950 CPU) on
// 100 instances, each of which then takes one small task (50 CPU left); the
// other 49,900 small tasks go 20 per instance (1000/50, 5000/100 = 50): 2,495
// more, 2,595 in all, whatever the input order.
func TestEstimateClusterAutoscalerCase(t *testing.T) {
	c := casCapacity()
	want := autoscaling.Estimate{Instances: 2595, Compatible: 51000}
	g := casGroups()
	if got := autoscaling.EstimateInstances(g, c, c); got != want {
		t.Errorf("small group first: %+v, want %+v", got, want)
	}
	slices.Reverse(g)
	if got := autoscaling.EstimateInstances(g, c, c); got != want {
		t.Errorf("large group first: %+v, want %+v", got, want)
	}
	// The inputs are not modified.
	if w := casCapacity(); c.Free != w.Free || c.DynamicFree != w.DynamicFree || c.ENIFree != w.ENIFree || c.Ports != nil {
		t.Errorf("capacity modified: %+v", c)
	}
	if g[0].Count != 1000 || g[1].Count != 50000 || g[0].Req.CPU != 95 {
		t.Errorf("groups modified: %+v", g)
	}
}

// TestEstimateEmptyInput: no groups, or only empty groups, need nothing.
func TestEstimateEmptyInput(t *testing.T) {
	s, l := bounds(t, "m5.large")
	for name, g := range map[string][]autoscaling.TaskGroup{
		"nil":                     nil,
		"empty":                   {},
		"zero count":              {group(req(256, 512), 0)},
		"negative count":          {group(req(256, 512), -3)},
		"zero, incompatible size": {group(req(256, 99999), 0)},
	} {
		if got := autoscaling.EstimateInstances(g, s, l); got != (autoscaling.Estimate{}) {
			t.Errorf("%s: %+v, want zero", name, got)
		}
	}
	// A zero-count group next to a real one does not count.
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(256, 512), 0), group(req(1024, 512), 3)}, s, l)
	if want := (autoscaling.Estimate{Instances: 2, Compatible: 3}); got != want {
		t.Errorf("with a zero group: %+v, want %+v", got, want)
	}
}

// TestEstimateMemoryAndCPUBound checks the binpack figure per dimension on
// m5.large (2048 CPU, 7987 MiB; §1.3 step 4, §5.2).
func TestEstimateMemoryAndCPUBound(t *testing.T) {
	s, l := bounds(t, "m5.large")
	cases := []struct {
		name   string
		r      *cluster.Requirements
		n      int
		wantIn int
	}{
		{"memory-bound 256/2048: 3 per instance (7987/2048), 10 tasks -> 4", req(256, 2048), 10, 4},
		{"memory-bound 256/2048: 9 tasks -> 3", req(256, 2048), 9, 3},
		{"CPU-bound 1024/512: 2 per instance, 5 tasks -> 3", req(1024, 512), 5, 3},
		{"CPU-bound 1024/512: 4 tasks -> 2", req(1024, 512), 4, 2},
		{"both bind at 4: 512/1996 (7987/1996 = 4), 8 tasks -> 2", req(512, 1996), 8, 2},
		{"whole instance 2048/7987: 1 per instance", req(2048, m5LargeMem), 3, 3},
		{"tiny 1/1: CPU allows 2048, 5000 tasks -> 3", req(1, 1), 5000, 3},
		{"no CPU reservation 0/512: 15 per instance, 31 -> 3", req(0, 512), 31, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(c.r, c.n)}, s, l)
			if want := (autoscaling.Estimate{Instances: c.wantIn, Compatible: c.n}); got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

// TestEstimateIncompatible is §1.3 step 4 and confusion #1: a task that does
// not fit an empty instance of the smallest type is left out and counted as
// incompatible, even when it would fit the largest.
func TestEstimateIncompatible(t *testing.T) {
	// c5.large (2048 / 3993) + m5.xlarge (4096 / 15974).
	s, l := bounds(t, "c5.large", "m5.xlarge")
	cases := []struct {
		name string
		g    []autoscaling.TaskGroup
		want autoscaling.Estimate
	}{
		{"memory above the smallest (4000 > 3993), fits the largest",
			[]autoscaling.TaskGroup{group(req(1024, 4000), 6)}, autoscaling.Estimate{Incompatible: 6}},
		{"CPU above the smallest (3072 > 2048), fits the largest",
			[]autoscaling.TaskGroup{group(req(3072, 1024), 2)}, autoscaling.Estimate{Incompatible: 2}},
		{"above the largest too",
			[]autoscaling.TaskGroup{group(req(8192, 1024), 2)}, autoscaling.Estimate{Incompatible: 2}},
		{"exactly the smallest fits: 2048/3993 packs 2 per largest",
			[]autoscaling.TaskGroup{group(req(2048, c5LargeMem), 3)}, autoscaling.Estimate{Instances: 2, Compatible: 3}},
		{"mixed: incompatible left out, compatible packed on the largest (512/1024: 8 per 4096 CPU)",
			[]autoscaling.TaskGroup{group(req(1024, 4000), 6), group(req(512, 1024), 10)},
			autoscaling.Estimate{Instances: 2, Compatible: 10, Incompatible: 6}},
		{"GPU task on a group without GPUs",
			[]autoscaling.TaskGroup{group(gpuReq(256, 512, 1), 4)}, autoscaling.Estimate{Incompatible: 4}},
		{"agent-reserved host port 22 (§5.2)",
			[]autoscaling.TaskGroup{group(portReq(256, 512, 22), 4)}, autoscaling.Estimate{Incompatible: 4}},
		{"more than 100 reserved host ports with the agent's 5 (96 static)",
			[]autoscaling.TaskGroup{group(portReq(64, 64, seq(1000, 96)...), 2)}, autoscaling.Estimate{Incompatible: 2}},
		{"exactly 100 reserved host ports (95 static) fits, one per instance",
			[]autoscaling.TaskGroup{group(portReq(64, 64, seq(1000, 95)...), 2)}, autoscaling.Estimate{Instances: 2, Compatible: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := autoscaling.EstimateInstances(c.g, s, l); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	// The same memory-heavy task is compatible when the group has only the
	// large type: 1024/4000 → 3 per m5.xlarge (15974/4000), 6 tasks → 2.
	s, l = bounds(t, "m5.xlarge")
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(1024, 4000), 6)}, s, l)
	if want := (autoscaling.Estimate{Instances: 2, Compatible: 6}); got != want {
		t.Errorf("m5.xlarge only: got %+v, want %+v", got, want)
	}
}

// seq returns n consecutive ports from first.
func seq(first, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = first + i
	}
	return out
}

// TestEstimateGPU: GPUs are whole and never shared (§5.2): on g4dn.xlarge
// (1 GPU) N one-GPU tasks need N instances; CPU-only tasks fill the rest.
func TestEstimateGPU(t *testing.T) {
	s, l := bounds(t, "g4dn.xlarge")
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(gpuReq(1024, 2048, 1), 5)}, s, l)
	if want := (autoscaling.Estimate{Instances: 5, Compatible: 5}); got != want {
		t.Errorf("5 one-GPU tasks: %+v, want %+v", got, want)
	}
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(gpuReq(256, 256, 2), 1)}, s, l)
	if want := (autoscaling.Estimate{Incompatible: 1}); got != want {
		t.Errorf("two-GPU task: %+v, want %+v", got, want)
	}
	// 5 GPU tasks (1024/2048 each) leave 3072 CPU / 13926 MiB per instance:
	// 15 CPU-only tasks of 1024/1024 go 3 per instance into that space.
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(1024, 1024), 15), group(gpuReq(1024, 2048, 1), 5)}, s, l)
	if want := (autoscaling.Estimate{Instances: 5, Compatible: 20}); got != want {
		t.Errorf("GPU + CPU tasks: %+v, want %+v", got, want)
	}
	// A mixed group whose smallest type has no GPU makes GPU tasks
	// incompatible (§1.3 step 3: smallest per dimension).
	s, l = bounds(t, "g4dn.xlarge", "m5.xlarge")
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(gpuReq(1024, 2048, 1), 5)}, s, l)
	if want := (autoscaling.Estimate{Incompatible: 5}); got != want {
		t.Errorf("g4dn.xlarge + m5.xlarge: %+v, want %+v", got, want)
	}
}

// TestEstimateStaticHostPort is confusion #14: a static host port allows one
// task per instance despite free CPU, so N tasks need N instances.
func TestEstimateStaticHostPort(t *testing.T) {
	s, l := bounds(t, "m5.large")
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(128, 256, 80), 4)}, s, l)
	if want := (autoscaling.Estimate{Instances: 4, Compatible: 4}); got != want {
		t.Errorf("4 tasks on port 80: %+v, want %+v", got, want)
	}
	// Different ports share instances: 3 on 80 + 3 on 8080 → 3 instances.
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(128, 256, 80), 3), group(portReq(128, 256, 8080), 3)}, s, l)
	if want := (autoscaling.Estimate{Instances: 3, Compatible: 6}); got != want {
		t.Errorf("3 on 80 + 3 on 8080: %+v, want %+v", got, want)
	}
	// Two groups on the same port cannot share: 2 + 3 on port 80 → 5.
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(128, 256, 80), 2), group(portReq(256, 512, 80), 3)}, s, l)
	if want := (autoscaling.Estimate{Instances: 5, Compatible: 5}); got != want {
		t.Errorf("2 + 3 on port 80: %+v, want %+v", got, want)
	}
	// tcp/80 and udp/80 are different ports.
	udp := req(128, 256)
	udp.StaticPorts = []cluster.PortKey{cluster.MakePortKey(80, "udp")}
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(128, 256, 80), 2), group(udp, 2)}, s, l)
	if want := (autoscaling.Estimate{Instances: 2, Compatible: 4}); got != want {
		t.Errorf("tcp/80 + udp/80: %+v, want %+v", got, want)
	}
	// Dynamic ports come from the ephemeral range: with a range of 4, tasks
	// needing 1 dynamic port go 4 per instance.
	s, l = boundsSpec(t, cluster.InstanceSpec{DynamicPorts: 4}, "m5.large")
	dyn := req(16, 16)
	dyn.DynamicPorts = 1
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(dyn, 9)}, s, l)
	if want := (autoscaling.Estimate{Instances: 3, Compatible: 9}); got != want {
		t.Errorf("dynamic ports, range 4: %+v, want %+v", got, want)
	}
}

// TestEstimateAwsvpcENI is W-13 / confusion #13: without trunking an m5.large
// or c5.large (3 ENIs, one primary) holds 2 awsvpc tasks; with trunking 10.
func TestEstimateAwsvpcENI(t *testing.T) {
	for _, typ := range []string{"m5.large", "c5.large"} {
		s, l := bounds(t, typ)
		got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(awsvpcReq(128, 256), 5)}, s, l)
		if want := (autoscaling.Estimate{Instances: 3, Compatible: 5}); got != want {
			t.Errorf("W-13 %s, 5 awsvpc tasks: %+v, want %+v", typ, got, want)
		}
		got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(awsvpcReq(128, 256), 25)}, s, l)
		if want := (autoscaling.Estimate{Instances: 13, Compatible: 25}); got != want {
			t.Errorf("W-13 %s, 25 awsvpc tasks: %+v, want %+v", typ, got, want)
		}
		// Trunking: 10 ENIs per instance; 128/256 is not CPU- (16) or
		// memory-bound (≥ 15), so 25 tasks → 3.
		s, l = boundsSpec(t, cluster.InstanceSpec{AwsvpcTrunking: true}, typ)
		got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(awsvpcReq(128, 256), 25)}, s, l)
		if want := (autoscaling.Estimate{Instances: 3, Compatible: 25}); got != want {
			t.Errorf("W-13 %s trunked, 25 awsvpc tasks: %+v, want %+v", typ, got, want)
		}
	}
	// Bridge tasks take no ENI: they fill the ENI-bound instances.
	s, l := bounds(t, "m5.large")
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(awsvpcReq(256, 512), 4), group(req(128, 256), 6)}, s, l)
	if want := (autoscaling.Estimate{Instances: 2, Compatible: 10}); got != want {
		t.Errorf("awsvpc + bridge: %+v, want %+v", got, want)
	}
	// t3.medium does not support trunking: still 2 with trunking on.
	s, l = boundsSpec(t, cluster.InstanceSpec{AwsvpcTrunking: true}, "t3.medium")
	got = autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(awsvpcReq(128, 256), 5)}, s, l)
	if want := (autoscaling.Estimate{Instances: 3, Compatible: 5}); got != want {
		t.Errorf("t3.medium trunked: %+v, want %+v", got, want)
	}
}

// TestEstimateDistinctInstance: PerInstance = 1 is the distinctInstance
// constraint, the one the estimator honours (§1.3).
func TestEstimateDistinctInstance(t *testing.T) {
	s, l := bounds(t, "m5.large")
	distinct := autoscaling.TaskGroup{Req: req(256, 512), Count: 5, PerInstance: 1}
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{distinct}, s, l); got != (autoscaling.Estimate{Instances: 5, Compatible: 5}) {
		t.Errorf("5 distinct tasks: %+v, want 5 instances", got)
	}
	// Without the cap they share: CPU 8 per instance → 1.
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(256, 512), 5)}, s, l); got.Instances != 1 {
		t.Errorf("5 tasks without the cap: %d instances, want 1", got.Instances)
	}
	// A cap of 2: 5 tasks → 3 instances.
	two := autoscaling.TaskGroup{Req: req(256, 512), Count: 5, PerInstance: 2}
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{two}, s, l); got.Instances != 3 {
		t.Errorf("5 tasks, 2 per instance: %d instances, want 3", got.Instances)
	}
	// A cap above what fits changes nothing: 1024 CPU → 2 per instance.
	loose := autoscaling.TaskGroup{Req: req(1024, 512), Count: 5, PerInstance: 3}
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{loose}, s, l); got.Instances != 3 {
		t.Errorf("cap 3 but 2 fit: %d instances, want 3", got.Instances)
	}
	// The cap is per group: smaller tasks fill the distinct group's
	// instances. The distinct tasks (size .125 + .064) go first and leave
	// 1792 CPU / 7475 MiB on each of 5 instances, room for 14 tasks of
	// 128/512 (1792/128 = 14, 7475/512 = 14): 20 of them need no more.
	small := group(req(128, 512), 20)
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{small, distinct}, s, l); got.Instances != 5 {
		t.Errorf("distinct + 20 small: %d instances, want 5", got.Instances)
	}
	// 5 × 14 = 70 fit beside the distinct tasks; 75 small tasks need 1 more.
	small.Count = 75
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{small, distinct}, s, l); got.Instances != 6 {
		t.Errorf("distinct + 75 small: %d instances, want 6", got.Instances)
	}
}

// TestEstimateFirstFitDecreasing checks the packing order (docs/model.md §14):
// groups go largest first whatever the input order, and smaller tasks fill
// the space they leave. On m5.large (2048 CPU): 2 tasks of 1200 CPU and 2 of
// 800 CPU. Largest first: 1200 | 1200, then each 800 fits beside a 1200
// (848 left) → 2 instances. Input order (800, 800 | 1200 | 1200) would give 3.
func TestEstimateFirstFitDecreasing(t *testing.T) {
	s, l := bounds(t, "m5.large")
	big, small := group(req(1200, 1000), 2), group(req(800, 1000), 2)
	for name, g := range map[string][]autoscaling.TaskGroup{
		"small first": {small, big},
		"big first":   {big, small},
	} {
		if got := autoscaling.EstimateInstances(g, s, l); got != (autoscaling.Estimate{Instances: 2, Compatible: 4}) {
			t.Errorf("%s: %+v, want 2 instances", name, got)
		}
	}
	// Size is CPU share + memory share of the largest type, so memory
	// orders too: A = 100 CPU / 4400 MiB (.05 + .55), B = 100 / 3500
	// (.05 + .44). A first: A | A (3587 MiB left each), then a B beside each
	// → 2. Input order (B, B | A | A) would give 3.
	a, b := group(req(100, 4400), 2), group(req(100, 3500), 2)
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{b, a}, s, l); got.Instances != 2 {
		t.Errorf("memory-ordered groups: %d instances, want 2", got.Instances)
	}
	// Three sizes, input smallest first: 1500, 1000, 500 CPU (2 each).
	// Decreasing: 1500 | 1500; 1000 → new | (same); 500 → beside the 1500s
	// (548 left) → 3 instances: {1500,500} {1500,500} {1000,1000}.
	g := []autoscaling.TaskGroup{group(req(500, 100), 2), group(req(1000, 100), 2), group(req(1500, 100), 2)}
	if got := autoscaling.EstimateInstances(g, s, l); got.Instances != 3 {
		t.Errorf("1500/1000/500 ×2: %d instances, want 3", got.Instances)
	}
}

// TestBoundsSingleType: with one type smallest = largest = the empty
// instance (§1.3 step 3).
func TestBoundsSingleType(t *testing.T) {
	s, l := bounds(t, "m5.large")
	want := cluster.Resources{CPU: 2048, MemoryMiB: m5LargeMem}
	for name, c := range map[string]cluster.Capacity{"smallest": s, "largest": l} {
		if c.Free != want || c.ENIFree != 2 || c.DynamicFree != dynPorts || len(c.Ports) != 5 {
			t.Errorf("%s = %+v, want %+v, 2 ENIs, %d dynamic ports, 5 reserved ports", name, c, want, dynPorts)
		}
	}
	// ECS_RESERVED_MEMORY comes off both (W-12 style): 7987 - 256 = 7731.
	s, l = boundsSpec(t, cluster.InstanceSpec{ReservedMemoryMiB: 256}, "m5.large")
	if s.Free.MemoryMiB != 7731 || l.Free.MemoryMiB != 7731 {
		t.Errorf("reserved memory 256: %d / %d, want 7731", s.Free.MemoryMiB, l.Free.MemoryMiB)
	}
	// The spec's own Type is ignored.
	s, _ = boundsSpec(t, cluster.InstanceSpec{Type: itype(t, "c4.4xlarge")}, "m5.large")
	if s.Free.CPU != 2048 {
		t.Errorf("spec.Type used: CPU %d, want 2048", s.Free.CPU)
	}
}

// TestBoundsMixedTypes is §1.3 step 3: the smallest and largest of each
// dimension, taken separately, over real catalogue types.
func TestBoundsMixedTypes(t *testing.T) {
	type dims struct {
		cpu, mem, gpu int64
		eni           int
	}
	get := func(c cluster.Capacity) dims { return dims{c.Free.CPU, c.Free.MemoryMiB, c.Free.GPUs, c.ENIFree} }
	cases := []struct {
		name      string
		spec      cluster.InstanceSpec
		types     []string
		small, lg dims
	}{
		{"m5.large + r5.large: memory differs", cluster.InstanceSpec{}, []string{"m5.large", "r5.large"},
			dims{2048, m5LargeMem, 0, 2}, dims{2048, r5LargeMem, 0, 2}},
		{"r5.large + m5.large: same, any order", cluster.InstanceSpec{}, []string{"r5.large", "m5.large"},
			dims{2048, m5LargeMem, 0, 2}, dims{2048, r5LargeMem, 0, 2}},
		{"c5.large + m5.xlarge: everything differs", cluster.InstanceSpec{}, []string{"c5.large", "m5.xlarge"},
			dims{2048, c5LargeMem, 0, 2}, dims{4096, m5XLargeMem, 0, 3}},
		{"m5.xlarge + c5.large", cluster.InstanceSpec{}, []string{"m5.xlarge", "c5.large"},
			dims{2048, c5LargeMem, 0, 2}, dims{4096, m5XLargeMem, 0, 3}},
		{"trunked c5.large + m5.xlarge: 10 and 20 ENIs", cluster.InstanceSpec{AwsvpcTrunking: true}, []string{"c5.large", "m5.xlarge"},
			dims{2048, c5LargeMem, 0, 10}, dims{4096, m5XLargeMem, 0, 20}},
		{"trunked t3.medium (no trunking) + m5.large", cluster.InstanceSpec{AwsvpcTrunking: true}, []string{"m5.large", "t3.medium"},
			dims{2048, 3993, 0, 2}, dims{2048, m5LargeMem, 0, 10}},
		{"g4dn.xlarge + m5.xlarge: GPUs 0..1", cluster.InstanceSpec{}, []string{"m5.xlarge", "g4dn.xlarge"},
			dims{4096, 15974, 0, 2}, dims{4096, 15974, 1, 3}},
		// Per dimension, not per type: the largest CPU is c5.xlarge's, the
		// largest memory r5.large's, a combination no real type has.
		{"c5.xlarge + r5.large: largest mixes two types", cluster.InstanceSpec{}, []string{"c5.xlarge", "r5.large"},
			dims{2048, 7987, 0, 2}, dims{4096, r5LargeMem, 0, 3}},
		{"three types c5.large, m5.large, c4.4xlarge", cluster.InstanceSpec{}, []string{"m5.large", "c4.4xlarge", "c5.large"},
			dims{2048, c5LargeMem, 0, 2}, dims{16384, 30158, 0, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, l := boundsSpec(t, c.spec, c.types...)
			if got := get(s); got != c.small {
				t.Errorf("smallest = %+v, want %+v", got, c.small)
			}
			if got := get(l); got != c.lg {
				t.Errorf("largest = %+v, want %+v", got, c.lg)
			}
		})
	}
	// No types: zero capacities.
	s, l := autoscaling.Bounds(nil, cluster.InstanceSpec{})
	if s.Free != (cluster.Resources{}) || l.Free != (cluster.Resources{}) || s.ENIFree != 0 || l.ENIFree != 0 {
		t.Errorf("no types: %+v, %+v, want zero", s, l)
	}
}

// TestBoundsMixedEstimate: a task sized for r5.large memory is incompatible
// with an m5.large + r5.large group; a task fitting m5.large packs on the
// largest bounds (2048/15974): 512/3000 → min(4, 5) = 4 per instance.
func TestBoundsMixedEstimate(t *testing.T) {
	s, l := bounds(t, "m5.large", "r5.large")
	got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(512, 3000), 9), group(req(512, 9000), 2)}, s, l)
	if want := (autoscaling.Estimate{Instances: 3, Compatible: 9, Incompatible: 2}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestBoundsPortsIndependent: packing on the bounds never changes them (the
// estimator clones the largest capacity's reserved ports).
func TestBoundsPortsIndependent(t *testing.T) {
	s, l := bounds(t, "m5.large", "m5.xlarge")
	sp, lp := slices.Clone(s.Ports), slices.Clone(l.Ports)
	autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(64, 64, 80, 443), 10)}, s, l)
	if !slices.Equal(s.Ports, sp) || !slices.Equal(l.Ports, lp) {
		t.Errorf("ports changed: %v / %v, want %v / %v", s.Ports, l.Ports, sp, lp)
	}
	// And the estimate is still right the second time.
	if got := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(portReq(64, 64, 80, 443), 10)}, s, l); got.Instances != 10 {
		t.Errorf("second run: %d instances, want 10", got.Instances)
	}
}
