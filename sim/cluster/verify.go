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
	// INACTIVE instances are counted, not walked: a long run holds far more
	// of them than live ones (a month of churn: 60,000), and walking them
	// after every event made --check quadratic. The world's checker checks
	// each one empty when it is terminated (sim/world Checker).
	var statuses [RegistrationFailed + 1]int
	statuses[Inactive] = len(c.instances) - len(c.live)
	for _, in := range c.live {
		statuses[in.Status]++
		if in.Status == Inactive {
			errs = append(errs, fmt.Errorf("%s: INACTIVE but in the live list", in.EC2InstanceID))
		}
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

// violations collects the invariant violations found by Verify, in the
// order found.
type violations []error

// add records a violation described by format and args, as fmt.Errorf.
func (v *violations) add(format string, args ...any) {
	*v = append(*v, fmt.Errorf(format, args...))
}

// instanceTally is what an instance's bookkeeping must agree with,
// recounted from its tasks.
type instanceTally struct {
	sum                        Resources // sum of the tasks' requirements
	running, nonDaemon, static int       // RUNNING tasks, non-daemon tasks, static host ports
	groups                     map[GroupID]int
	order                      []GroupID // first appearance, for a stable error order
}

// verifyInstance checks the invariants of one instance (see Verify) and
// returns every violation joined.
func verifyInstance(c *Cluster, in *Instance) error {
	var errs violations
	verifyReservation(in, &errs)
	tally := tallyTasks(c, in, &errs)
	verifyTally(c, in, tally, &errs)
	return errors.Join(errs...)
}

// verifyReservation checks that in's reservation is neither over-committed
// nor negative.
func verifyReservation(in *Instance, errs *violations) {
	r, g := in.Reserved, in.Registered
	if r.CPU > g.CPU || r.MemoryMiB > g.MemoryMiB || r.GPUs > g.GPUs {
		errs.add("over-committed: reserved %+v > registered %+v", r, g)
	}
	if r.CPU < 0 || r.MemoryMiB < 0 || r.GPUs < 0 {
		errs.add("negative reservation %+v", r)
	}
}

// tallyTasks recounts in's bookkeeping from the tasks listed on it, checking
// on the way that each is on in and that no static host port is held twice.
func tallyTasks(c *Cluster, in *Instance, errs *violations) instanceTally {
	if len(in.Tasks()) == 0 {
		return instanceTally{} // most instances of a long run are gone: no maps for them
	}
	tally := instanceTally{groups: map[GroupID]int{}}
	ports := map[PortKey]TaskID{}
	for _, id := range in.Tasks() {
		t := c.Task(id)
		if t.Instance != in.ID {
			errs.add("task %d listed here but on instance %d", id, t.Instance)
		}
		req := t.Req()
		tally.sum = tally.sum.Add(req.Resources)
		for _, p := range req.StaticPorts {
			if other, dup := ports[p]; dup {
				errs.add("host port %d booked by tasks %d and %d", p.Port(), other, id)
			}
			ports[p] = id
		}
		tally.static += len(req.StaticPorts)
		if t.State == Running {
			tally.running++
		}
		if !t.Daemon() {
			tally.nonDaemon++
		}
		if tally.groups[t.Group] == 0 {
			tally.order = append(tally.order, t.Group)
		}
		tally.groups[t.Group]++
	}
	return tally
}

// verifyTally checks in's reservation, port and ENI use and task counts
// against the tally of its tasks.
func verifyTally(c *Cluster, in *Instance, tally instanceTally, errs *violations) {
	if r := in.Reserved; tally.sum != r {
		errs.add("Reserved = %+v, want the sum of its tasks %+v", r, tally.sum)
	}
	if n := in.ReservedPorts(); n > MaxReservedPorts || n < tally.static {
		errs.add("ReservedPorts = %d, want between the tasks' %d static ports and %d", n, tally.static, MaxReservedPorts)
	}
	if in.ENIsFree() < 0 {
		errs.add("ENIsFree = %d < 0", in.ENIsFree())
	}
	if in.TaskCount() != len(in.Tasks()) {
		errs.add("TaskCount = %d, want %d", in.TaskCount(), len(in.Tasks()))
	}
	if in.RunningTasksCount() != tally.running {
		errs.add("RunningTasksCount = %d, want %d", in.RunningTasksCount(), tally.running)
	}
	if in.NonDaemonTasks() != tally.nonDaemon || in.Empty() != (tally.nonDaemon == 0) {
		errs.add("NonDaemonTasks = %d (Empty %v), want %d", in.NonDaemonTasks(), in.Empty(), tally.nonDaemon)
	}
	for _, grp := range tally.order {
		if n, got := tally.groups[grp], in.GroupCount(grp); got != n {
			errs.add("GroupCount(%s) = %d, want %d", c.GroupName(grp), got, n)
		}
	}
}
