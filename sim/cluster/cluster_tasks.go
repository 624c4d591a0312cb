package cluster

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/sim"
)

// NewTask creates a task of def in group g, submitted at now, in state
// PROVISIONING and on no instance.
func (c *Cluster) NewTask(def *TaskDefinition, g GroupID, now sim.Time) *Task {
	t := c.tasks.alloc()
	c.taskSeq++
	t.Seq = c.taskSeq
	t.Def = def
	t.Group = g
	t.State = Provisioning
	t.Instance = NoInstance
	t.Provider = -1
	t.Zone = -1
	t.SubmittedAt = now
	t.Duration = -1
	c.states[Provisioning]++
	return t
}

// Task returns the task in slot id.
func (c *Cluster) Task(id TaskID) *Task { return c.tasks.get(id) }

// TaskSeq returns the number of tasks created so far.
func (c *Cluster) TaskSeq() int64 { return c.taskSeq }

// SetTaskState moves t to state s, keeping the per-state counts and the
// instance's runningTasksCount.
func (c *Cluster) SetTaskState(t *Task, s TaskState) {
	if t.State == s {
		return
	}
	if t.Instance != NoInstance {
		in := c.instances[t.Instance]
		if t.State == Running {
			in.running--
		}
		if s == Running {
			in.running++
		}
	}
	c.states[t.State]--
	c.states[s]++
	t.State = s
}

// FreeTask returns a STOPPED task's slot for reuse. t must be STOPPED.
func (c *Cluster) FreeTask(t *Task) {
	if t.State != Stopped || t.Instance != NoInstance {
		panic("cluster: FreeTask of a task that is not stopped and unplaced")
	}
	c.states[Stopped]--
	c.tasks.release(t)
}

// DiscardTask frees a task that was never submitted (a service task that
// found no capacity: ECS creates none) and gives its number back, so that
// task numbers stay consecutive. t must be the last task created and on no
// instance.
func (c *Cluster) DiscardTask(t *Task) {
	if t.Seq == c.taskSeq {
		c.taskSeq--
	}
	c.SetTaskState(t, Stopped)
	c.FreeTask(t)
}

// Place reserves t's requirements on in and records t there. It returns
// ErrDoesNotFit, changing nothing, if in lacks any resource: an instance can
// never be over-committed. Place does not check the instance's status.
func (c *Cluster) Place(t *Task, in *Instance) error {
	if t.Instance != NoInstance {
		panic("cluster: Place of a task that is already placed")
	}
	req := t.Req()
	if r := in.Lacks(req); r != ResourceNone {
		return fmt.Errorf("%w: %s on %s", ErrDoesNotFit, r, in.EC2InstanceID)
	}
	in.Reserved = in.Reserved.Add(req.Resources)
	if len(req.StaticPorts) > 0 {
		in.ports = append(in.ports, req.StaticPorts...)
		slices.Sort(in.ports)
	}
	in.dynUsed += req.DynamicPorts
	in.eniUsed += req.ENIs
	t.Instance = in.ID
	t.slot = int32(len(in.tasks))
	in.tasks = append(in.tasks, t.ID)
	if !t.Daemon() {
		in.nonDaemon++
		if in.nonDaemon == 1 && in.Status.Registered() {
			c.providerCount(in, 0, 1)
		}
	}
	if t.State == Running {
		in.running++
	}
	c.countGroup(in, t.Group, 1)
	if in.Status.Registered() {
		c.totals.Reserved = c.totals.Reserved.Add(req.Resources)
	}
	c.changed(in)
	return nil
}

// Unplace releases everything t holds on its instance.
func (c *Cluster) Unplace(t *Task) {
	if t.Instance == NoInstance {
		return
	}
	in := c.instances[t.Instance]
	req := t.Req()
	in.Reserved = in.Reserved.Sub(req.Resources)
	for _, p := range req.StaticPorts {
		if i, ok := slices.BinarySearch(in.ports, p); ok {
			in.ports = slices.Delete(in.ports, i, i+1)
		}
	}
	in.dynUsed -= req.DynamicPorts
	in.eniUsed -= req.ENIs
	last := len(in.tasks) - 1
	moved := in.tasks[last]
	in.tasks[t.slot] = moved
	c.tasks.get(moved).slot = t.slot
	in.tasks = in.tasks[:last]
	if !t.Daemon() {
		in.nonDaemon--
		if in.nonDaemon == 0 && in.Status.Registered() {
			c.providerCount(in, 0, -1)
		}
	}
	if t.State == Running {
		in.running--
	}
	c.countGroup(in, t.Group, -1)
	if in.Status.Registered() {
		c.totals.Reserved = c.totals.Reserved.Sub(req.Resources)
	}
	t.Instance = NoInstance
	c.changed(in)
}
