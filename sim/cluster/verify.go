package cluster

import (
	"errors"
	"fmt"
)

// Verify checks, through the public API, the bookkeeping invariants of c
// that hold after every operation, and returns every violation joined. For
// each instance:
//
//   - Reserved <= Registered on CPU, memory and GPUs, and Reserved >= 0;
//   - Reserved is the sum of the requirements of the tasks on it;
//   - every listed task is on the instance, and no static host port is held
//     by two of them;
//   - ReservedPorts <= MaxReservedPorts and at least the static ports
//     of its tasks; ENIsFree >= 0;
//   - TaskCount, RunningTasksCount, NonDaemonTasks, Empty and GroupCount agree
//     with the tasks.
//
// For the cluster: Totals are the sums over ACTIVE and DRAINING instances and
// InstancesIn counts the instances per status.
func Verify(c *Cluster) error {
	var errs []error
	var reg, res Resources
	statuses := map[InstanceStatus]int{}
	for _, in := range c.Instances() {
		statuses[in.Status]++
		if in.Status.Registered() {
			reg = reg.Add(in.Registered)
			res = res.Add(in.Reserved)
		}
		if err := verifyInstance(c, in); err != nil {
			errs = append(errs, fmt.Errorf("%s (%s): %w", in.EC2InstanceID, in.Type.Name, err))
		}
	}
	if got := c.Totals(); got.Registered != reg || got.Reserved != res {
		errs = append(errs, fmt.Errorf("Totals = %+v, want registered %+v reserved %+v", got, reg, res))
	}
	for s := Launching; s <= RegistrationFailed; s++ {
		if got := c.InstancesIn(s); got != statuses[s] {
			errs = append(errs, fmt.Errorf("InstancesIn(%v) = %d, want %d", s, got, statuses[s]))
		}
	}
	return errors.Join(errs...)
}

func verifyInstance(c *Cluster, in *Instance) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	r, g := in.Reserved, in.Registered
	if r.CPU > g.CPU || r.MemoryMiB > g.MemoryMiB || r.GPUs > g.GPUs {
		fail("over-committed: reserved %+v > registered %+v", r, g)
	}
	if r.CPU < 0 || r.MemoryMiB < 0 || r.GPUs < 0 {
		fail("negative reservation %+v", r)
	}
	var sum Resources
	running, nonDaemon, static := 0, 0, 0
	groups := map[GroupID]int{}
	var order []GroupID // first appearance, for a stable error order
	ports := map[PortKey]TaskID{}
	for _, id := range in.Tasks() {
		t := c.Task(id)
		if t.Instance != in.ID {
			fail("task %d listed here but on instance %d", id, t.Instance)
		}
		req := t.Req()
		sum = sum.Add(req.Resources)
		for _, p := range req.StaticPorts {
			if other, dup := ports[p]; dup {
				fail("host port %d booked by tasks %d and %d", p.Port(), other, id)
			}
			ports[p] = id
		}
		static += len(req.StaticPorts)
		if t.State == Running {
			running++
		}
		if !t.Daemon() {
			nonDaemon++
		}
		if groups[t.Group] == 0 {
			order = append(order, t.Group)
		}
		groups[t.Group]++
	}
	if sum != r {
		fail("Reserved = %+v, want the sum of its tasks %+v", r, sum)
	}
	if n := in.ReservedPorts(); n > MaxReservedPorts || n < static {
		fail("ReservedPorts = %d, want between the tasks' %d static ports and %d", n, static, MaxReservedPorts)
	}
	if in.ENIsFree() < 0 {
		fail("ENIsFree = %d < 0", in.ENIsFree())
	}
	if in.TaskCount() != len(in.Tasks()) {
		fail("TaskCount = %d, want %d", in.TaskCount(), len(in.Tasks()))
	}
	if in.RunningTasksCount() != running {
		fail("RunningTasksCount = %d, want %d", in.RunningTasksCount(), running)
	}
	if in.NonDaemonTasks() != nonDaemon || in.Empty() != (nonDaemon == 0) {
		fail("NonDaemonTasks = %d (Empty %v), want %d", in.NonDaemonTasks(), in.Empty(), nonDaemon)
	}
	for _, grp := range order {
		if n, got := groups[grp], in.GroupCount(grp); got != n {
			fail("GroupCount(%s) = %d, want %d", c.GroupName(grp), got, n)
		}
	}
	return errors.Join(errs...)
}
