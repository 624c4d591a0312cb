package cluster_test

import (
	"slices"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestSpreadCount: with TrackSpread the cluster counts a group's tasks per
// value of an attribute; instances without it count as one more value,
// v = -1 (README Model, §5.3 spread). Racks: i0 r1, i1 r2, i2 none.
func TestSpreadCount(t *testing.T) {
	c := clustertest.New()
	rack := c.Attr("rack")
	c.TrackSpread(rack)
	c.TrackSpread(rack) // tracking twice must not double-count
	i0 := clustertest.Instance(c, "m5.large").Attr("rack", "r1").Active()
	i1 := clustertest.Instance(c, "m5.large").Attr("rack", "r2").Active()
	i2 := clustertest.Instance(c, "m5.large").Active()
	if v0, v1, v2 := i0.AttrValue(rack), i1.AttrValue(rack), i2.AttrValue(rack); v0 != 0 || v1 != 1 || v2 != -1 {
		t.Fatalf("AttrValue = %d, %d, %d; want 0, 1, -1 (interned in order, missing)", v0, v1, v2)
	}
	def := clustertest.TaskDef().CPU(64).Memory(64).Obj()
	g, h := c.Group("family:g"), c.Group("family:h")
	place := func(in *cluster.Instance, grp string, n int) []*cluster.Task {
		var ts []*cluster.Task
		for range n {
			task := clustertest.Task(c, def, grp)
			mustPlace(t, c, task, in)
			ts = append(ts, task)
		}
		return ts
	}
	onI0 := place(i0, "family:g", 2)
	place(i1, "family:g", 1)
	onI2 := place(i2, "family:g", 3)
	place(i1, "family:h", 4)
	check := func(when string, g0, g1, gMissing, h1 int) {
		t.Helper()
		got := []int{c.SpreadCount(g, rack, 0), c.SpreadCount(g, rack, 1), c.SpreadCount(g, rack, -1), c.SpreadCount(h, rack, 1)}
		if want := []int{g0, g1, gMissing, h1}; !slices.Equal(got, want) {
			t.Errorf("%s: SpreadCount g@r1, g@r2, g@missing, h@r2 = %v, want %v", when, got, want)
		}
	}
	check("placed", 2, 1, 3, 4)
	if n := c.SpreadCount(h, rack, 0) + c.SpreadCount(h, rack, -1) + c.SpreadCount(g, rack, 7); n != 0 {
		t.Errorf("counts of empty or unknown values = %d, want 0", n)
	}
	c.Unplace(onI0[0])
	c.Unplace(onI2[1])
	check("after two Unplace", 1, 1, 2, 4)
	if c.SpreadCount(g, c.Attr("untracked"), -1) != 0 {
		t.Error("an untracked attribute has counts")
	}
	if c.AttrValueCount(rack) != 2 || c.AttrValueName(rack, 1) != "r2" {
		t.Errorf("AttrValueCount %d, AttrValueName(1) %q; want 2, r2", c.AttrValueCount(rack), c.AttrValueName(rack, 1))
	}
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
}

// TestSpreadCountAfterSetAttributes: a tracked attribute that changes while
// tasks run must move their counts with it, or the next Unplace decrements
// the new value and leaves the old one inflated forever.
func TestSpreadCountAfterSetAttributes(t *testing.T) {
	c := clustertest.New()
	rack := c.Attr("rack")
	c.TrackSpread(rack)
	in := clustertest.Instance(c, "m5.large").Attr("rack", "r1").Active()
	task := clustertest.Task(c, clustertest.TaskDef().CPU(64).Memory(64).Obj(), "family:g")
	mustPlace(t, c, task, in)
	attrs := slices.Clone(in.Attributes())
	for i := range attrs {
		if attrs[i].Name == "rack" {
			attrs[i].Value = "r2"
		}
	}
	c.SetAttributes(in, attrs)
	g := task.Group
	r1, r2 := int32(0), in.AttrValue(rack)
	if c.SpreadCount(g, rack, r1) != 0 || c.SpreadCount(g, rack, r2) != 1 {
		t.Fatalf("SetAttributes does not move spread counts: after r1 → r2 SpreadCount r1 = %d, r2 = %d, want 0, 1",
			c.SpreadCount(g, rack, r1), c.SpreadCount(g, rack, r2))
	}
	c.Unplace(task)
	if c.SpreadCount(g, rack, r1) != 0 || c.SpreadCount(g, rack, r2) != 0 {
		t.Errorf("after Unplace SpreadCount r1 = %d, r2 = %d, want 0, 0", c.SpreadCount(g, rack, r1), c.SpreadCount(g, rack, r2))
	}
}

// TestGroupInterning: Group returns dense IDs from 0, the same ID for the
// same name, and GroupName inverts it (§5.4 task groups).
func TestGroupInterning(t *testing.T) {
	c := clustertest.New()
	web, svc := c.Group("family:web"), c.Group("service:web")
	if web != 0 || svc != 1 || c.Group("family:web") != web {
		t.Errorf("Group IDs %d, %d, again %d; want 0, 1, 0", web, svc, c.Group("family:web"))
	}
	if c.GroupName(web) != "family:web" || c.GroupName(svc) != "service:web" {
		t.Errorf("GroupName = %q, %q", c.GroupName(web), c.GroupName(svc))
	}
	if a, b := c.Attr("x"), c.Attr("y"); a == b || c.Attr("x") != a {
		t.Error("Attr does not intern")
	}
}

// TestGroupCount: per-instance counts of each group, dropping to 0 on Unplace.
func TestGroupCount(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	def := clustertest.TaskDef().CPU(64).Memory(64).Obj()
	a := clustertest.Task(c, def, "family:a")
	b1 := clustertest.Task(c, def, "family:b")
	b2 := clustertest.Task(c, def, "family:b")
	for _, task := range []*cluster.Task{a, b1, b2} {
		mustPlace(t, c, task, in)
	}
	if in.GroupCount(a.Group) != 1 || in.GroupCount(b1.Group) != 2 || in.GroupCount(c.Group("family:none")) != 0 {
		t.Errorf("GroupCount a, b, none = %d, %d, %d; want 1, 2, 0", in.GroupCount(a.Group), in.GroupCount(b1.Group), in.GroupCount(c.Group("family:none")))
	}
	c.Unplace(a)
	c.Unplace(b1)
	if in.GroupCount(a.Group) != 0 || in.GroupCount(b1.Group) != 1 {
		t.Errorf("after Unplace GroupCount a, b = %d, %d; want 0, 1", in.GroupCount(a.Group), in.GroupCount(b1.Group))
	}
	// Unplace swaps the last task into the freed slot: b2 is now the only one.
	if !slices.Equal(in.Tasks(), []cluster.TaskID{b2.ID}) || b2.SlotForTest() != 0 {
		t.Errorf("Tasks = %v, b2 slot %d; want [%d], 0", in.Tasks(), b2.SlotForTest(), b2.ID)
	}
}

// TestTaskSlabReuse: NewTask hands out slots 0, 1, 2, ... with Seq counting
// submissions from 1; FreeTask of a STOPPED, unplaced task bumps Gen and the
// slot is reused (last freed first) with a fresh state; pointers stay valid
// as the slab grows past a chunk (4096 tasks).
func TestTaskSlabReuse(t *testing.T) {
	c := clustertest.New()
	def := clustertest.TaskDef().CPU(64).Memory(64).Obj()
	t0 := c.NewTask(def, c.Group("g"), 5)
	t1 := c.NewTask(def, c.Group("g"), 6)
	if t0.ID != 0 || t1.ID != 1 || t0.Seq != 1 || t1.Seq != 2 || c.TaskSeq() != 2 {
		t.Fatalf("IDs %d, %d, Seq %d, %d, TaskSeq %d", t0.ID, t1.ID, t0.Seq, t1.Seq, c.TaskSeq())
	}
	if t0.State != cluster.Provisioning || t0.Instance != cluster.NoInstance || t0.Provider != -1 || t0.Duration != -1 ||
		t0.SubmittedAt != 5 || t0.Def != def || t0.Gen != 0 || c.Task(0) != t0 {
		t.Errorf("new task = %+v", *t0)
	}
	if c.TasksIn(cluster.Provisioning) != 2 {
		t.Errorf("TasksIn(PROVISIONING) = %d, want 2", c.TasksIn(cluster.Provisioning))
	}
	mustPanic(t, "FreeTask of a PROVISIONING task", func() { c.FreeTask(t0) })
	in := clustertest.Instance(c, "m5.large").Active()
	mustPlace(t, c, t0, in)
	c.SetTaskState(t0, cluster.Stopped)
	mustPanic(t, "FreeTask of a placed task", func() { c.FreeTask(t0) })
	c.Unplace(t0)
	c.SetTaskState(t1, cluster.Stopped)
	c.FreeTask(t0)
	c.FreeTask(t1)
	if t0.Gen != 1 || t0.ID != 0 || t0.Def != nil || t0.Seq != 0 {
		t.Errorf("freed slot = %+v, want ID 0, Gen 1, zeroed", *t0)
	}
	if c.TasksIn(cluster.Stopped) != 0 || c.TasksIn(cluster.Provisioning) != 0 {
		t.Errorf("TasksIn STOPPED %d PROVISIONING %d, want 0, 0", c.TasksIn(cluster.Stopped), c.TasksIn(cluster.Provisioning))
	}
	r1 := c.NewTask(def, c.Group("g"), 7) // slot 1 was freed last
	r0 := c.NewTask(def, c.Group("g"), 8)
	r2 := c.NewTask(def, c.Group("g"), 9)
	if r1.ID != 1 || r1.Gen != 1 || r0.ID != 0 || r0.Gen != 1 || r2.ID != 2 || r2.Gen != 0 {
		t.Errorf("reused IDs/Gens = %d/%d, %d/%d, %d/%d; want 1/1, 0/1, 2/0", r1.ID, r1.Gen, r0.ID, r0.Gen, r2.ID, r2.Gen)
	}
	if r1.Seq != 3 || r0.Seq != 4 || r2.Seq != 5 || r1.State != cluster.Provisioning || r1.Instance != cluster.NoInstance {
		t.Errorf("reused tasks: Seq %d, %d, %d; state %v instance %d", r1.Seq, r0.Seq, r2.Seq, r1.State, r1.Instance)
	}
	for range 5000 {
		c.NewTask(def, c.Group("g"), 10)
	}
	if c.Task(0) != r0 || r0.Seq != 4 || c.Task(4999).ID != 4999 {
		t.Error("task pointers moved or IDs wrong after the slab grew")
	}
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

// TestTaskStates: SetTaskState keeps TasksIn and the instance's
// runningTasksCount (§7.1 lifecycle, §5.5 runningTasksCount); daemon tasks
// count in TaskCount but not in NonDaemonTasks (§12 #7).
func TestTaskStates(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	def := clustertest.TaskDef().CPU(64).Memory(64).Obj()
	a := clustertest.Task(c, def, "g")
	d := clustertest.Task(c, def, "service:daemon")
	d.Owner = cluster.OwnerDaemon
	mustPlace(t, c, a, in)
	mustPlace(t, c, d, in)
	if in.NonDaemonTasks() != 1 || in.Empty() || in.TaskCount() != 2 {
		t.Errorf("NonDaemonTasks %d Empty %v TaskCount %d; want 1 false 2", in.NonDaemonTasks(), in.Empty(), in.TaskCount())
	}
	for _, s := range []cluster.TaskState{cluster.Pending, cluster.Running} {
		c.SetTaskState(a, s)
		c.SetTaskState(d, s)
	}
	c.SetTaskState(a, cluster.Running) // no-op
	if in.RunningTasksCount() != 2 || c.TasksIn(cluster.Running) != 2 || c.TasksIn(cluster.Pending) != 0 {
		t.Errorf("running %d, TasksIn RUNNING %d PENDING %d; want 2, 2, 0", in.RunningTasksCount(), c.TasksIn(cluster.Running), c.TasksIn(cluster.Pending))
	}
	c.SetTaskState(a, cluster.Stopping)
	if in.RunningTasksCount() != 1 || c.TasksIn(cluster.Stopping) != 1 {
		t.Errorf("after STOPPING: running %d, TasksIn(STOPPING) %d; want 1, 1", in.RunningTasksCount(), c.TasksIn(cluster.Stopping))
	}
	c.Unplace(a)
	if in.NonDaemonTasks() != 0 || !in.Empty() {
		t.Errorf("only a daemon left: NonDaemonTasks %d Empty %v; want 0 true", in.NonDaemonTasks(), in.Empty())
	}
	c.Unplace(d) // RUNNING when unplaced
	if in.RunningTasksCount() != 0 || in.TaskCount() != 0 {
		t.Errorf("after Unplace: running %d tasks %d", in.RunningTasksCount(), in.TaskCount())
	}
	// A RUNNING task placed directly counts at once.
	c.SetTaskState(a, cluster.Running)
	mustPlace(t, c, a, in)
	if in.RunningTasksCount() != 1 {
		t.Errorf("running after placing a RUNNING task = %d, want 1", in.RunningTasksCount())
	}
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
	names := []string{"PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"}
	for s := cluster.Provisioning; s <= cluster.Stopped; s++ {
		if s.String() != names[s] {
			t.Errorf("TaskState(%d) = %q, want %q", s, s, names[s])
		}
	}
}

// recorder is a Listener counting notifications per instance.
type recorder map[cluster.InstanceID]int

func (r recorder) InstanceChanged(in *cluster.Instance) { r[in.ID]++ }

// TestSetStatusTotals: moving into ACTIVE or DRAINING registers the
// instance's resources in the Totals, moving between them keeps them,
// moving out removes them (§4.1, W-11). Launching → ACTIVE sets
// RegisteredAt and connects the agent; INACTIVE disconnects it.
func TestSetStatusTotals(t *testing.T) {
	c := clustertest.New()
	rec := recorder{}
	c.AddListener(rec)
	in := clustertest.Instance(c, "m5.large").Launching()
	other := clustertest.Instance(c, "c5.large").Active()
	task := clustertest.Task(c, clustertest.TaskDef().CPU(512).Memory(1024).Obj(), "g")
	mustPlace(t, c, task, in)
	reg := other.Registered
	tot := func() cluster.Totals { return c.Totals() }
	if tot() != (cluster.Totals{Registered: reg}) || in.Schedulable() || in.AgentConnected {
		t.Fatalf("Launching: Totals %+v, schedulable %v", tot(), in.Schedulable())
	}
	v := in.Version()
	c.SetStatus(in, cluster.Active, 42)
	both := cluster.Totals{Registered: reg.Add(in.Registered), Reserved: cluster.Resources{CPU: 512, MemoryMiB: 1024}}
	if tot() != both || in.RegisteredAt != 42 || !in.AgentConnected || !in.Schedulable() || in.Version() == v {
		t.Errorf("Active: Totals %+v (want %+v), RegisteredAt %v, agent %v, version %d→%d", tot(), both, in.RegisteredAt, in.AgentConnected, v, in.Version())
	}
	v = in.Version()
	c.SetStatus(in, cluster.Active, 50) // no-op
	if in.Version() != v || in.RegisteredAt != 42 {
		t.Error("SetStatus to the same status changed the instance")
	}
	c.SetStatus(in, cluster.Draining, 60)
	if tot() != both || in.Schedulable() || c.InstancesIn(cluster.Draining) != 1 {
		t.Errorf("Draining: Totals %+v, want %+v kept; schedulable %v", tot(), both, in.Schedulable())
	}
	c.SetStatus(in, cluster.Inactive, 70)
	if tot() != (cluster.Totals{Registered: reg}) || in.AgentConnected {
		t.Errorf("Inactive: Totals %+v, want only the other instance; agent %v", tot(), in.AgentConnected)
	}
	// The task still holds its reservation on the inactive instance;
	// releasing it must not touch the Totals.
	c.Unplace(task)
	if tot() != (cluster.Totals{Registered: reg}) {
		t.Errorf("Unplace on an Inactive instance changed Totals to %+v", tot())
	}
	for s, want := range map[cluster.InstanceStatus]int{cluster.Launching: 0, cluster.Active: 1, cluster.Draining: 0, cluster.Inactive: 1} {
		if c.InstancesIn(s) != want {
			t.Errorf("InstancesIn(%v) = %d, want %d", s, c.InstancesIn(s), want)
		}
	}
	// Notifications: Place, Active, Draining, Inactive, Unplace on in.
	if rec[in.ID] != 5 {
		t.Errorf("listener saw %d changes of in, want 5", rec[in.ID])
	}
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
}

// TestRegistrationFailed: an instance that never registers adds nothing to
// the Totals (§12 #3) and is not schedulable.
func TestRegistrationFailed(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Launching()
	c.SetStatus(in, cluster.RegistrationFailed, 10)
	if c.Totals() != (cluster.Totals{}) || in.Schedulable() || in.Status.Registered() || in.RegisteredAt != 0 {
		t.Errorf("Totals %+v, schedulable %v", c.Totals(), in.Schedulable())
	}
	names := []string{"PENDING", "ACTIVE", "DRAINING", "DEREGISTERING", "INACTIVE", "REGISTRATION_FAILED"}
	for s := cluster.Launching; s <= cluster.RegistrationFailed; s++ {
		if s.String() != names[s] || s.Registered() != (s == cluster.Active || s == cluster.Draining) {
			t.Errorf("status %d: %q registered %v", s, s, s.Registered())
		}
	}
}

// TestAgentConnected: a disconnected agent keeps its tasks but the instance
// takes no new ones (§4.1); the change bumps Version and notifies.
func TestAgentConnected(t *testing.T) {
	c := clustertest.New()
	rec := recorder{}
	c.AddListener(rec)
	in := clustertest.Instance(c, "m5.large").Active()
	v, n := in.Version(), rec[in.ID]
	c.SetAgentConnected(in, true) // no change
	if in.Version() != v || rec[in.ID] != n {
		t.Error("SetAgentConnected without a change bumped Version or notified")
	}
	c.SetAgentConnected(in, false)
	if in.Schedulable() || in.Version() == v || rec[in.ID] != n+1 {
		t.Errorf("disconnected: schedulable %v, version %d→%d, notifications %d→%d", in.Schedulable(), v, in.Version(), n, rec[in.ID])
	}
	c.SetAgentConnected(in, true)
	if !in.Schedulable() {
		t.Error("reconnected instance not schedulable")
	}
}

// TestAttributes: the ECS built-ins of §5.5 plus custom attributes, sorted by
// name; a later attribute of the same name wins; SetAttributes replaces them
// all and bumps Version; an attribute interned later is missing (-1).
func TestAttributes(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m6g.large").AZ("us-east-1b").Attr("stack", "prod").Attr("stack", "dev").Attr("a", "1").Active()
	want := []cluster.Attribute{
		{Name: "a", Value: "1"},
		{Name: "ecs.ami-id", Value: "ami-ecs-optimized"},
		{Name: "ecs.availability-zone", Value: "us-east-1b"},
		{Name: "ecs.cpu-architecture", Value: "arm64"},
		{Name: "ecs.instance-type", Value: "m6g.large"},
		{Name: "ecs.os-family", Value: "LINUX"},
		{Name: "ecs.os-type", Value: "linux"},
		{Name: "stack", Value: "dev"},
	}
	if got := in.Attributes(); !slices.Equal(got, want) {
		t.Errorf("Attributes =\n%v\nwant\n%v", got, want)
	}
	for _, a := range want {
		if v, ok := in.Attribute(a.Name); !ok || v != a.Value {
			t.Errorf("Attribute(%q) = %q, %v; want %q", a.Name, v, ok, a.Value)
		}
		if id := c.Attr(a.Name); c.AttrValueName(id, in.AttrValue(id)) != a.Value {
			t.Errorf("interned %s = %q, want %q", a.Name, c.AttrValueName(id, in.AttrValue(id)), a.Value)
		}
	}
	for _, name := range []string{"zzz", "ecs.vpc-id", "", "b"} {
		if v, ok := in.Attribute(name); ok {
			t.Errorf("Attribute(%q) = %q, true; want missing", name, v)
		}
	}
	if in.AZ != "us-east-1b" || in.EC2InstanceID != "i-00000000000000001" {
		t.Errorf("AZ %q, EC2InstanceID %q", in.AZ, in.EC2InstanceID)
	}
	x86 := clustertest.Instance(c, "m5.large").AMI("ami-123").Active()
	if v, _ := x86.Attribute("ecs.cpu-architecture"); v != "x86_64" {
		t.Errorf("m5.large architecture %q", v)
	}
	if v, _ := x86.Attribute("ecs.ami-id"); v != "ami-123" {
		t.Errorf("ecs.ami-id %q, want ami-123", v)
	}
	if x86.EC2InstanceID != "i-00000000000000002" {
		t.Errorf("second EC2InstanceID %q", x86.EC2InstanceID)
	}
	late := c.Attr("late")
	if in.AttrValue(late) != -1 {
		t.Errorf("AttrValue of an attribute interned later = %d, want -1", in.AttrValue(late))
	}
	v := in.Version()
	c.SetAttributes(in, []cluster.Attribute{{Name: "late", Value: "yes"}, {Name: "ecs.instance-type", Value: "m6g.large"}})
	if in.Version() == v || len(in.Attributes()) != 2 {
		t.Errorf("SetAttributes: version %d→%d, attributes %v", v, in.Version(), in.Attributes())
	}
	if _, ok := in.Attribute("stack"); ok || in.AttrValue(c.Attr("stack")) != -1 || in.AttrValue(late) != 0 {
		t.Error("SetAttributes did not replace the attributes")
	}
}
