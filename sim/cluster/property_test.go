package cluster_test

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// This file holds the over-commitment property test: thousands of random
// Place, Unplace, SetTaskState, FreeTask, SetStatus and SetAgentConnected
// operations on random instances of every built-in type, with random task
// definitions (all network modes, GPUs, static and dynamic ports, ENIs).
// After every step the cluster is compared with a shadow model kept by the
// test (docs/model.md §5.1-5.2: an instance is never over-committed).

// shadow is the test's own model of one instance's reservations.
type shadow struct {
	in       *cluster.Instance
	reserved cluster.Resources
	ports    map[cluster.PortKey]bool // agent defaults and static ports of tasks
	dynUsed  int
	dynMax   int
	eniUsed  int
	eniMax   int
}

// lacks is an independent statement of the fit rules of §5.2 in the order
// CPU, memory, GPU, ports, ENI.
func (s *shadow) lacks(req *cluster.Requirements) cluster.Resource {
	free := s.in.Registered.Sub(s.reserved)
	switch {
	case req.CPU > free.CPU:
		return cluster.ResourceCPU
	case req.MemoryMiB > free.MemoryMiB:
		return cluster.ResourceMemory
	case req.GPUs > free.GPUs:
		return cluster.ResourceGPU
	}
	if len(s.ports)+len(req.StaticPorts) > cluster.MaxReservedPorts {
		return cluster.ResourcePorts
	}
	for _, p := range req.StaticPorts {
		if s.ports[p] {
			return cluster.ResourcePorts
		}
	}
	if s.dynUsed+req.DynamicPorts > s.dynMax {
		return cluster.ResourcePorts
	}
	if s.eniUsed+req.ENIs > s.eniMax {
		return cluster.ResourceENI
	}
	return cluster.ResourceNone
}

// portsReason says which port rule a task short of ports breaks.
func (s *shadow) portsReason(req *cluster.Requirements) string {
	if len(s.ports)+len(req.StaticPorts) > cluster.MaxReservedPorts {
		return "limit"
	}
	for _, p := range req.StaticPorts {
		if s.ports[p] {
			return "taken"
		}
	}
	return "dynamic"
}

func (s *shadow) apply(req *cluster.Requirements, sign int) {
	r := req.Resources
	if sign < 0 {
		s.reserved = s.reserved.Sub(r)
	} else {
		s.reserved = s.reserved.Add(r)
	}
	for _, p := range req.StaticPorts {
		if sign < 0 {
			delete(s.ports, p)
		} else {
			s.ports[p] = true
		}
	}
	s.dynUsed += sign * req.DynamicPorts
	s.eniUsed += sign * req.ENIs
}

type propWorld struct {
	t       *testing.T
	rng     *rand.Rand
	c       *cluster.Cluster
	shadows []*shadow
	defs    []*cluster.TaskDefinition
	groups  []cluster.GroupID
	live    []*cluster.Task // created and not freed
	freed   map[cluster.TaskID]uint32
	rack    cluster.AttrID
	zone    cluster.AttrID
	counts  map[string]int // operation outcomes, for coverage
}

// randomDef returns a random task definition; ports come from small ranges
// so that conflicts, the 100-port limit and the dynamic range are all hit.
func randomDef(rng *rand.Rand, i int) *cluster.TaskDefinition {
	modes := []cluster.NetworkMode{cluster.NetworkBridge, cluster.NetworkBridge, cluster.NetworkHost, cluster.NetworkAwsvpc, cluster.NetworkAwsvpc, cluster.NetworkNone, ""}
	b := clustertest.TaskDef().Family(fmt.Sprintf("f%d", i)).Network(modes[rng.IntN(len(modes))])
	sizes := []int64{0, 64, 128, 256, 512, 1024, 2048}
	if rng.IntN(3) == 0 {
		b.CPU(sizes[1+rng.IntN(len(sizes)-1)])
	}
	if rng.IntN(3) == 0 {
		b.Memory(sizes[1+rng.IntN(len(sizes)-1)])
	}
	for k := range 1 + rng.IntN(3) {
		b.Container(fmt.Sprintf("c%d", k), sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))])
		if rng.IntN(3) == 0 {
			b.Reservation(sizes[1+rng.IntN(len(sizes)-1)])
		}
		if rng.IntN(12) == 0 {
			b.GPUs(int64(1 + rng.IntN(2)))
		}
		switch rng.IntN(6) {
		case 0: // many static ports: two such tasks reach the 100-port limit
			base := 10000 + rng.IntN(100)
			for p := range 45 + rng.IntN(6) { // 5+45+50 = 100 fits, 5+48+48 = 101 does not
				b.Port(80, base+p)
			}
		case 1, 2: // a few static or dynamic ports, tcp or udp
			for range 1 + rng.IntN(3) {
				host := 0
				if rng.IntN(2) == 0 {
					host = []int{8000, 8001, 8002, 8003, 22, 2375, 51679, 53}[rng.IntN(8)]
				}
				if rng.IntN(3) == 0 {
					b.UDPPort(8000+rng.IntN(4), host)
				} else {
					b.Port(8000+rng.IntN(4), host)
				}
			}
		}
	}
	return b.Obj()
}

func (w *propWorld) addInstance() {
	names := w.c.Catalogue().Names()
	b := clustertest.Instance(w.c, names[w.rng.IntN(len(names))])
	b.AZ([]string{"us-east-1a", "us-east-1b", "us-east-1c"}[w.rng.IntN(3)])
	if w.rng.IntN(4) != 0 {
		b.Attr("rack", fmt.Sprintf("r%d", w.rng.IntN(3)))
	}
	if w.rng.IntN(2) == 0 {
		b.Trunking()
	}
	if w.rng.IntN(2) == 0 {
		b.DynamicPorts(1 + w.rng.IntN(6))
	}
	switch w.rng.IntN(4) {
	case 0:
		b.ReservedPorts()
	case 1:
		b.ReservedPorts(8000, 8000, 10010)
	}
	if w.rng.IntN(3) == 0 {
		b.ReservedMemory(int64(w.rng.IntN(1024)))
	}
	spec := b.Spec()
	var in *cluster.Instance
	if w.rng.IntN(4) == 0 {
		in = b.Launching()
	} else {
		in = b.Active()
	}
	s := &shadow{in: in, ports: map[cluster.PortKey]bool{}, dynMax: spec.DynamicPorts, eniMax: spec.Type.ENIs - 1}
	reserved := spec.ReservedPorts
	if reserved == nil {
		reserved = []int{22, 2375, 2376, 51678, 51679} // the Linux agent defaults (docs/model.md corrections)
	}
	for _, p := range reserved {
		s.ports[cluster.MakePortKey(p, "tcp")] = true
	}
	if s.dynMax == 0 {
		s.dynMax = cluster.DefaultDynamicPortLast - cluster.DefaultDynamicPortFirst + 1
	}
	if spec.AwsvpcTrunking && spec.Type.TrunkTasks > 0 {
		s.eniMax = spec.Type.TrunkTasks
	}
	want := cluster.Resources{CPU: int64(spec.Type.VCPU) * 1024, MemoryMiB: max(0, spec.Type.RegisteredMemoryMiB-spec.ReservedMemoryMiB), GPUs: int64(spec.Type.GPUs)}
	if in.Registered != want {
		w.t.Fatalf("%s registered %+v, want %+v", spec.Type.Name, in.Registered, want)
	}
	w.shadows = append(w.shadows, s)
}

// snapshot is everything a failed Place must leave unchanged.
func snapshot(c *cluster.Cluster, in *cluster.Instance) string {
	used, _ := in.DynamicPortsForTest()
	enis, _ := in.ENIsForTest()
	return fmt.Sprintf("%+v %v %d %d %v %d %d %+v", in.Reserved, in.PortsForTest(), used, enis, in.Tasks(), in.RunningTasksCount(), in.NonDaemonTasks(), c.Totals())
}

func (w *propWorld) place() {
	if len(w.shadows) == 0 {
		return
	}
	def := w.defs[w.rng.IntN(len(w.defs))]
	task := w.c.NewTask(def, w.groups[w.rng.IntN(len(w.groups))], 0)
	if gen, ok := w.freed[task.ID]; ok && task.Gen != gen {
		w.t.Fatalf("reused slot %d has Gen %d, want %d", task.ID, task.Gen, gen)
	}
	delete(w.freed, task.ID)
	if w.rng.IntN(5) == 0 {
		task.Owner = cluster.OwnerDaemon
	}
	if w.rng.IntN(5) == 0 {
		w.c.SetTaskState(task, cluster.Running)
	}
	w.live = append(w.live, task)
	s := w.shadows[w.rng.IntN(len(w.shadows))]
	want := s.lacks(def.Requirements())
	if got := s.in.Lacks(def.Requirements()); got != want {
		w.t.Fatalf("Lacks(%s) on %s = %v, want %v", reqString(def.Requirements()), s.in.Type.Name, got, want)
	}
	before := snapshot(w.c, s.in)
	err := w.c.Place(task, s.in)
	switch {
	case want == cluster.ResourceNone && err != nil:
		w.t.Fatalf("Place = %v, but Lacks is none", err)
	case want != cluster.ResourceNone && !errors.Is(err, cluster.ErrDoesNotFit):
		w.t.Fatalf("Place = %v, but Lacks is %v", err, want)
	case err != nil:
		if after := snapshot(w.c, s.in); after != before || task.Instance != cluster.NoInstance {
			w.t.Fatalf("failed Place changed the instance:\n%s\n%s", before, after)
		}
		w.counts["fail "+want.String()]++
		if want == cluster.ResourcePorts {
			w.counts["ports: "+s.portsReason(def.Requirements())]++
		}
	default:
		s.apply(def.Requirements(), +1)
		w.counts["placed"]++
	}
}

func (w *propWorld) unplace() {
	var placed []*cluster.Task
	for _, t := range w.live {
		if t.Instance != cluster.NoInstance {
			placed = append(placed, t)
		}
	}
	if len(placed) == 0 {
		return
	}
	t := placed[w.rng.IntN(len(placed))]
	w.shadows[t.Instance].apply(t.Req(), -1)
	w.c.Unplace(t)
	w.counts["unplaced"]++
	if w.rng.IntN(2) == 0 {
		w.c.SetTaskState(t, cluster.Stopped)
	}
}

func (w *propWorld) setTaskState() {
	if len(w.live) == 0 {
		return
	}
	t := w.live[w.rng.IntN(len(w.live))]
	w.c.SetTaskState(t, cluster.TaskState(w.rng.IntN(int(cluster.Stopped)+1)))
}

func (w *propWorld) freeTask() {
	for i, t := range w.live {
		if t.State == cluster.Stopped && t.Instance == cluster.NoInstance {
			w.freed[t.ID] = t.Gen + 1
			w.c.FreeTask(t)
			w.live = slices.Delete(w.live, i, i+1)
			w.counts["freed"]++
			return
		}
	}
}

func (w *propWorld) setStatus() {
	if len(w.shadows) == 0 {
		return
	}
	s := w.shadows[w.rng.IntN(len(w.shadows))]
	// Mostly registered statuses, so that tasks keep being placed.
	st := []cluster.InstanceStatus{cluster.Active, cluster.Active, cluster.Draining, cluster.Deregistering, cluster.Inactive, cluster.RegistrationFailed, cluster.Launching}
	w.c.SetStatus(s.in, st[w.rng.IntN(len(st))], sim.Time(w.rng.IntN(1000)))
}

func (w *propWorld) check(step int) {
	w.t.Helper()
	fail := func(format string, args ...any) {
		w.t.Helper()
		w.t.Fatalf("step %d: %s", step, fmt.Sprintf(format, args...))
	}
	if err := clustertest.Verify(w.c); err != nil {
		fail("%v", err)
	}
	for _, s := range w.shadows {
		in := s.in
		if in.Reserved != s.reserved {
			fail("%s Reserved %+v, shadow %+v", in.EC2InstanceID, in.Reserved, s.reserved)
		}
		if r, g := in.Reserved, in.Registered; r.CPU > g.CPU || r.MemoryMiB > g.MemoryMiB || r.GPUs > g.GPUs {
			fail("%s over-committed: %+v > %+v", in.EC2InstanceID, r, g)
		}
		ports := in.PortsForTest()
		if !slices.IsSorted(ports) || len(slices.Compact(slices.Clone(ports))) != len(ports) {
			fail("%s ports %v not sorted and unique", in.EC2InstanceID, ports)
		}
		if want := slices.Sorted(maps.Keys(s.ports)); !slices.Equal(ports, want) {
			fail("%s ports %v, shadow %v", in.EC2InstanceID, ports, want)
		}
		if len(ports) > cluster.MaxReservedPorts || in.ReservedPorts() != len(ports) {
			fail("%s %d reserved ports", in.EC2InstanceID, len(ports))
		}
		if used, mx := in.DynamicPortsForTest(); used != s.dynUsed || mx != s.dynMax || used > mx {
			fail("%s dynamic %d/%d, shadow %d/%d", in.EC2InstanceID, used, mx, s.dynUsed, s.dynMax)
		}
		if used, mx := in.ENIsForTest(); used != s.eniUsed || mx != s.eniMax || used > mx || in.ENIsFree() != mx-used {
			fail("%s ENIs %d/%d, shadow %d/%d", in.EC2InstanceID, used, mx, s.eniUsed, s.eniMax)
		}
		for i, id := range in.Tasks() {
			if w.c.Task(id).SlotForTest() != i {
				fail("%s task %d has slot %d, listed at %d", in.EC2InstanceID, id, w.c.Task(id).SlotForTest(), i)
			}
		}
	}
	var states [int(cluster.Stopped) + 1]int
	type sk struct {
		g    cluster.GroupID
		a    cluster.AttrID
		slot int32
	}
	spread := map[sk]int{}
	for _, t := range w.live {
		states[t.State]++
		if t.Instance != cluster.NoInstance {
			in := w.c.Instance(t.Instance)
			spread[sk{t.Group, w.rack, in.AttrValue(w.rack)}]++
			spread[sk{t.Group, w.zone, in.AttrValue(w.zone)}]++
		}
	}
	for s, n := range states {
		if got := w.c.TasksIn(cluster.TaskState(s)); got != n {
			fail("TasksIn(%v) = %d, want %d", cluster.TaskState(s), got, n)
		}
	}
	for _, g := range w.groups {
		for _, a := range []cluster.AttrID{w.rack, w.zone} {
			for v := int32(-1); v < int32(w.c.AttrValueCount(a)); v++ {
				if got, want := w.c.SpreadCount(g, a, v), spread[sk{g, a, v}]; got != want {
					fail("SpreadCount(%s, %d, %d) = %d, want %d", w.c.GroupName(g), a, v, got, want)
				}
			}
		}
	}
}

// TestNeverOvercommitted is the property test of the file comment: 4 seeds ×
// 5000 random operations, every invariant checked after every step, Place
// failing with ErrDoesNotFit (and changing nothing) exactly when Lacks is not
// ResourceNone, Lacks agreeing with the shadow model.
func TestNeverOvercommitted(t *testing.T) {
	steps := 5000
	if testing.Short() {
		steps = 1000
	}
	total := map[string]int{}
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		c := clustertest.New()
		w := &propWorld{t: t, rng: rng, c: c, freed: map[cluster.TaskID]uint32{}, counts: total,
			rack: c.Attr("rack"), zone: c.Attr("ecs.availability-zone")}
		c.TrackSpread(w.rack)
		c.TrackSpread(w.zone)
		for i := range 30 {
			w.defs = append(w.defs, randomDef(rng, i))
		}
		for _, g := range []string{"family:a", "family:b", "service:c", "service:d"} {
			w.groups = append(w.groups, c.Group(g))
		}
		for range 4 {
			w.addInstance()
		}
		for step := range steps {
			switch op := rng.IntN(100); {
			case op < 2 && len(w.shadows) < 14:
				w.addInstance()
			case op < 45:
				w.place()
			case op < 65:
				w.unplace()
			case op < 75:
				w.setTaskState()
			case op < 85:
				w.freeTask()
			case op < 92:
				w.setStatus()
			default:
				if len(w.shadows) > 0 {
					w.c.SetAgentConnected(w.shadows[rng.IntN(len(w.shadows))].in, rng.IntN(2) == 0)
				}
			}
			w.check(step)
		}
	}
	// The random operations must exercise every outcome, or the test proves little.
	for _, k := range []string{"placed", "unplaced", "freed", "fail RESOURCE:CPU", "fail RESOURCE:MEMORY",
		"fail RESOURCE:GPU", "fail RESOURCE:PORTS", "fail RESOURCE:ENI", "ports: limit", "ports: taken", "ports: dynamic"} {
		if total[k] == 0 {
			t.Errorf("no %q outcome in the random run: %v", k, total)
		}
	}
	t.Logf("outcomes: %v", total)
}
