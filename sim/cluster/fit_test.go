package cluster_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// placeN places n tasks of def on in and fails the test if one does not fit.
func placeN(t testing.TB, c *cluster.Cluster, def *cluster.TaskDefinition, in *cluster.Instance, n int) []*cluster.Task {
	t.Helper()
	tasks := make([]*cluster.Task, n)
	for i := range tasks {
		tasks[i] = clustertest.Task(c, def, "family:"+def.Family)
		if err := c.Place(tasks[i], in); err != nil {
			t.Fatalf("task %d of %d: %v", i+1, n, err)
		}
	}
	return tasks
}

// wantNoFit asserts that Place of a new task of def on in fails with
// ErrDoesNotFit naming reason r, that Lacks agrees, and that nothing changed.
func wantNoFit(t testing.TB, c *cluster.Cluster, def *cluster.TaskDefinition, in *cluster.Instance, r cluster.Resource) {
	t.Helper()
	if got := in.Lacks(def.Requirements()); got != r {
		t.Errorf("Lacks = %v, want %v", got, r)
	}
	task := clustertest.Task(c, def, "family:"+def.Family)
	before, n, tot := in.Reserved, in.TaskCount(), c.Totals()
	ports, enis := in.ReservedPorts(), in.ENIsFree()
	err := c.Place(task, in)
	if !errors.Is(err, cluster.ErrDoesNotFit) {
		t.Fatalf("Place = %v, want ErrDoesNotFit", err)
	}
	if !strings.Contains(err.Error(), r.String()) || !strings.Contains(err.Error(), in.EC2InstanceID) {
		t.Errorf("Place error %q does not name %s and %s", err, r, in.EC2InstanceID)
	}
	if task.Instance != cluster.NoInstance || in.Reserved != before || in.TaskCount() != n || c.Totals() != tot ||
		in.ReservedPorts() != ports || in.ENIsFree() != enis {
		t.Errorf("a failed Place changed the state")
	}
}

// small starts a bridge task of 128 CPU units and 128 MiB.
func small() *clustertest.TaskDefBuilder {
	return clustertest.TaskDef().Family("small").CPU(128).Memory(128)
}

// TestENIsW13: c5.large has 3 ENIs, the primary included, so 2 awsvpc tasks
// fit without trunking and the third fails with RESOURCE:ENI; with
// awsvpcTrunking the limit is the table's 10 (W-13, §5.2, §12 #13). t3.medium
// and g4dn.xlarge do not support trunking and stay at 3-1 = 2; m5.xlarge
// goes from 4-1 = 3 to 20; m4.large (2 ENIs) runs 1.
func TestENIsW13(t *testing.T) {
	def := small().Network(cluster.NetworkAwsvpc).Obj()
	for _, tc := range []struct {
		typ      string
		trunking bool
		want     int
	}{
		{"c5.large", false, 2},
		{"c5.large", true, 10},
		{"t3.medium", false, 2},
		{"t3.medium", true, 2},
		{"g4dn.xlarge", true, 2},
		{"m5.xlarge", false, 3},
		{"m5.xlarge", true, 20},
		{"m4.large", false, 1},
		{"m4.large", true, 1},
	} {
		name := tc.typ
		if tc.trunking {
			name += "/trunking"
		}
		t.Run(name, func(t *testing.T) {
			c := clustertest.New()
			b := clustertest.Instance(c, tc.typ)
			if tc.trunking {
				b.Trunking()
			}
			in := b.Active()
			if in.ENIsFree() != tc.want {
				t.Fatalf("ENIsFree = %d, want %d", in.ENIsFree(), tc.want)
			}
			tasks := placeN(t, c, def, in, tc.want)
			if in.ENIsFree() != 0 {
				t.Errorf("ENIsFree after %d tasks = %d, want 0", tc.want, in.ENIsFree())
			}
			wantNoFit(t, c, def, in, cluster.ResourceENI)
			c.Unplace(tasks[0])
			if in.ENIsFree() != 1 {
				t.Errorf("ENIsFree after Unplace = %d, want 1", in.ENIsFree())
			}
			mustPlace(t, c, clustertest.Task(c, def, "family:small"), in)
			if err := clustertest.Verify(c); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestENIsOnlyForAwsvpc: bridge, host and none tasks take no ENI (§5.2), so
// they still fit an instance whose ENIs are all used.
func TestENIsOnlyForAwsvpc(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "c5.large").Active()
	placeN(t, c, small().Network(cluster.NetworkAwsvpc).Obj(), in, 2)
	for _, m := range []cluster.NetworkMode{cluster.NetworkBridge, cluster.NetworkHost, cluster.NetworkNone} {
		mustPlace(t, c, clustertest.Task(c, clustertest.TaskDef().Network(m).CPU(128).Memory(128).Obj(), "g"), in)
	}
	if in.ENIsFree() != 0 || in.TaskCount() != 5 {
		t.Errorf("ENIsFree %d, tasks %d; want 0 and 5", in.ENIsFree(), in.TaskCount())
	}
}

// TestAgentReservedPorts: the Linux agent reserves tcp 22, 2375, 2376, 51678
// and 51679 (docs/model.md corrections, §5.2); a static hostPort on any of
// them fails with RESOURCE:PORTS in bridge and host mode. 51680 is reserved
// only with Prometheus metrics, and the reservations are tcp only.
func TestAgentReservedPorts(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	if in.ReservedPorts() != 5 {
		t.Fatalf("ReservedPorts = %d, want the 5 agent defaults", in.ReservedPorts())
	}
	for _, p := range []int{22, 2375, 2376, 51678, 51679} {
		wantNoFit(t, c, small().Port(8000, p).Obj(), in, cluster.ResourcePorts)
		host := clustertest.TaskDef().Network(cluster.NetworkHost).CPU(128).Memory(128).Port(p, 0).Obj()
		wantNoFit(t, c, host, in, cluster.ResourcePorts)
	}
	for _, d := range []*cluster.TaskDefinition{
		clustertest.TaskDef().CPU(128).Memory(128).Port(8000, 51680).Obj(),
		clustertest.TaskDef().CPU(128).Memory(128).UDPPort(22, 22).Obj(),
	} {
		if got := in.Lacks(d.Requirements()); got != cluster.ResourceNone {
			t.Errorf("%s: Lacks = %v, want it to fit", reqString(d.Requirements()), got)
		}
	}
}

// TestCustomReservedPorts: ECS_RESERVED_PORTS replaces the defaults; an
// empty list reserves nothing, duplicates count once.
func TestCustomReservedPorts(t *testing.T) {
	c := clustertest.New()
	none := clustertest.Instance(c, "m5.large").ReservedPorts().Active()
	dup := clustertest.Instance(c, "m5.large").ReservedPorts(8080, 8080, 9090).Active()
	if none.ReservedPorts() != 0 || dup.ReservedPorts() != 2 {
		t.Fatalf("ReservedPorts = %d and %d, want 0 and 2", none.ReservedPorts(), dup.ReservedPorts())
	}
	mustPlace(t, c, clustertest.Task(c, small().Port(1, 22).Obj(), "g"), none)
	wantNoFit(t, c, small().Port(1, 8080).Obj(), dup, cluster.ResourcePorts)
}

// TestStaticPortOneTaskPerHost: a fixed host port gives at most one such
// task per instance (§5.2, §12 #14) although CPU and memory would take 16;
// the next instance takes the second; Unplace frees the port.
func TestStaticPortOneTaskPerHost(t *testing.T) {
	c := clustertest.New()
	a := clustertest.Instance(c, "m5.large").Active()
	b := clustertest.Instance(c, "m5.large").Active()
	def := clustertest.TaskDef().Family("web").Container("app", 128, 256).Port(80, 8080).Obj()
	first := placeN(t, c, def, a, 1)[0]
	if a.ReservedPorts() != 6 {
		t.Errorf("ReservedPorts = %d, want 5+1", a.ReservedPorts())
	}
	wantNoFit(t, c, def, a, cluster.ResourcePorts)
	placeN(t, c, def, b, 1)
	c.Unplace(first)
	if a.ReservedPorts() != 5 {
		t.Errorf("ReservedPorts after Unplace = %d, want 5", a.ReservedPorts())
	}
	placeN(t, c, def, a, 1)
	// Another port on the same instance still fits: 8081 is free.
	placeN(t, c, clustertest.TaskDef().Container("app", 128, 256).Port(80, 8081).Obj(), a, 1)
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
}

// portsDef returns a bridge task with n static tcp host ports from first on.
func portsDef(first, n int) *cluster.TaskDefinition {
	b := clustertest.TaskDef().CPU(1).Memory(1)
	for i := range n {
		b.Port(i+1, first+i)
	}
	return b.Obj()
}

// TestReservedPortLimit: at most 100 reserved host ports per instance, the 5
// agent defaults included (§5.2, §13): 5 + 95 static ports fit, 5 + 96 do
// not; after 95 one more port fails; dynamic ports do not count.
func TestReservedPortLimit(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	wantNoFit(t, c, portsDef(10000, 96), in, cluster.ResourcePorts)
	task := placeN(t, c, portsDef(10000, 95), in, 1)[0]
	if in.ReservedPorts() != cluster.MaxReservedPorts {
		t.Fatalf("ReservedPorts = %d, want 100", in.ReservedPorts())
	}
	wantNoFit(t, c, portsDef(20000, 1), in, cluster.ResourcePorts)
	// A dynamic-port task still fits and leaves the count at 100.
	placeN(t, c, clustertest.TaskDef().CPU(1).Memory(1).Port(80, 0).Obj(), in, 1)
	if in.ReservedPorts() != 100 {
		t.Errorf("ReservedPorts after a dynamic-port task = %d, want 100", in.ReservedPorts())
	}
	c.Unplace(task)
	if in.ReservedPorts() != 5 {
		t.Errorf("ReservedPorts after Unplace = %d, want 5", in.ReservedPorts())
	}
	placeN(t, c, portsDef(20000, 95), in, 1)

	// Without agent defaults the limit is 100 static ports.
	bare := clustertest.Instance(c, "m5.large").ReservedPorts().Active()
	wantNoFit(t, c, portsDef(10000, 101), bare, cluster.ResourcePorts)
	placeN(t, c, portsDef(10000, 100), bare, 1)
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
}

// TestDynamicPorts: bridge hostPort 0 takes ports from the ephemeral range
// (§5.2); with a range of 3, tasks of 2+1 dynamic ports fit and a further one
// fails with RESOURCE:PORTS; Unplace returns them. The default range
// 32768-61000 holds 28233 ports.
func TestDynamicPorts(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").DynamicPorts(3).Active()
	two := clustertest.TaskDef().CPU(1).Memory(1).Port(80, 0).Port(443, 0).Obj()
	one := clustertest.TaskDef().CPU(1).Memory(1).Port(80, 0).Obj()
	a := placeN(t, c, two, in, 1)[0]
	wantNoFit(t, c, two, in, cluster.ResourcePorts)
	placeN(t, c, one, in, 1)
	wantNoFit(t, c, one, in, cluster.ResourcePorts)
	if used, max := in.DynamicPortsForTest(); used != 3 || max != 3 {
		t.Errorf("dynamic ports used/max = %d/%d, want 3/3", used, max)
	}
	c.Unplace(a)
	placeN(t, c, two, in, 1)

	def := clustertest.Instance(c, "m5.large").Active()
	if _, max := def.DynamicPortsForTest(); max != 61000-32768+1 {
		t.Errorf("default dynamic range = %d, want 28233", max)
	}
}

// TestGPUsNeverOvercommitted: g4dn.xlarge has 1 GPU (§5.2, §10); a second
// 1-GPU task fails with RESOURCE:GPU although CPU and memory are free; an
// instance type without GPUs takes no GPU task; Unplace frees the GPU.
func TestGPUsNeverOvercommitted(t *testing.T) {
	c := clustertest.New()
	g := clustertest.Instance(c, "g4dn.xlarge").Active()
	if g.Registered.GPUs != 1 {
		t.Fatalf("g4dn.xlarge registers %d GPUs, want 1", g.Registered.GPUs)
	}
	def := clustertest.TaskDef().Container("cuda", 256, 1024).GPUs(1).Obj()
	task := placeN(t, c, def, g, 1)[0]
	if g.Free().GPUs != 0 {
		t.Errorf("Free().GPUs = %d, want 0", g.Free().GPUs)
	}
	wantNoFit(t, c, def, g, cluster.ResourceGPU)
	two := clustertest.TaskDef().Container("cuda", 256, 1024).GPUs(2).Obj()
	c.Unplace(task)
	wantNoFit(t, c, two, g, cluster.ResourceGPU)
	placeN(t, c, def, g, 1)
	// A CPU-only task still fits next to the GPU task.
	placeN(t, c, clustertest.TaskDef().CPU(256).Memory(256).Obj(), g, 1)
	wantNoFit(t, c, def, clustertest.Instance(c, "m5.large").Active(), cluster.ResourceGPU)
}

// TestLacksOrder: with several shortages Lacks names the first in the order
// CPU, memory, GPU, ports, ENI (README Placement, §5.6). The instance is an
// m4.large (2048 CPU, 7985 MiB, 0 GPUs, 1 awsvpc ENI) whose one ENI is in use;
// each step removes the shortage named before.
func TestLacksOrder(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m4.large").DynamicPorts(1).Active()
	placeN(t, c, small().Network(cluster.NetworkAwsvpc).Obj(), in, 1) // 128 CPU, 128 MiB, the ENI
	req := cluster.Requirements{
		Resources:    cluster.Resources{CPU: 2048, MemoryMiB: 7985, GPUs: 1},
		StaticPorts:  []cluster.PortKey{tcp(22)},
		DynamicPorts: 2,
		ENIs:         1,
	}
	steps := []struct {
		want cluster.Resource
		fix  func()
	}{
		{cluster.ResourceCPU, func() { req.CPU = 1920 }},          // 2048-128 free
		{cluster.ResourceMemory, func() { req.MemoryMiB = 7857 }}, // 7985-128 free
		{cluster.ResourceGPU, func() { req.GPUs = 0 }},            // no GPUs
		{cluster.ResourcePorts, func() { req.StaticPorts = nil }}, // 22 is the agent's
		{cluster.ResourcePorts, func() { req.DynamicPorts = 1 }},  // range of 1
		{cluster.ResourceENI, func() { req.ENIs = 0 }},            // the one ENI is used
		{cluster.ResourceNone, func() {}},
	}
	for i, s := range steps {
		if got := in.Lacks(&req); got != s.want {
			t.Errorf("step %d: Lacks = %v, want %v", i, got, s.want)
		}
		s.fix()
	}
}

// TestPlaceBookkeeping: Place records the task on the instance and adds its
// requirements to the instance and, for a registered instance, to the
// Totals; Unplace undoes both; Unplace of an unplaced task is a no-op; Place
// of a placed task panics.
func TestPlaceBookkeeping(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	def := clustertest.TaskDef().CPU(512).Memory(1024).Obj()
	task := clustertest.Task(c, def, "family:test")
	mustPlace(t, c, task, in)
	if task.Instance != in.ID || in.TaskCount() != 1 || in.Tasks()[0] != task.ID {
		t.Fatalf("task not recorded: Instance %d, tasks %v", task.Instance, in.Tasks())
	}
	want := cluster.Resources{CPU: 512, MemoryMiB: 1024}
	if in.Reserved != want || c.Totals().Reserved != want || in.Free() != in.Registered.Sub(want) {
		t.Errorf("Reserved %+v, Totals %+v, Free %+v", in.Reserved, c.Totals().Reserved, in.Free())
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Place of a placed task did not panic")
			}
		}()
		_ = c.Place(task, in)
	}()
	c.Unplace(task)
	c.Unplace(task)
	if task.Instance != cluster.NoInstance || in.TaskCount() != 0 || in.Reserved != (cluster.Resources{}) || c.Totals().Reserved != (cluster.Resources{}) {
		t.Errorf("after Unplace: Instance %d, tasks %d, Reserved %+v, Totals %+v", task.Instance, in.TaskCount(), in.Reserved, c.Totals().Reserved)
	}
}

// TestPlaceIgnoresStatus: Place does not check the status; a task on a
// Launching instance is reserved there but counts in the Totals only once
// the instance registers (§4.1: Totals cover ACTIVE and DRAINING).
func TestPlaceIgnoresStatus(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Launching()
	mustPlace(t, c, clustertest.Task(c, clustertest.TaskDef().CPU(256).Memory(256).Obj(), "g"), in)
	if c.Totals() != (cluster.Totals{}) {
		t.Errorf("Totals with a Launching instance = %+v, want zero", c.Totals())
	}
	c.SetStatus(in, cluster.Active, 0)
	want := cluster.Totals{Registered: in.Registered, Reserved: cluster.Resources{CPU: 256, MemoryMiB: 256}}
	if c.Totals() != want {
		t.Errorf("Totals = %+v, want %+v", c.Totals(), want)
	}
}
