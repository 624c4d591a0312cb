package cluster

import (
	"time"

	"github.com/ecsim/ecsim/sim"
)

// TaskState is a task's lastStatus (docs/model.md §7.1).
type TaskState uint8

// Task lifecycle states in ECS order. The model moves tasks through
// PROVISIONING (waiting for capacity), PENDING (placed, starting), RUNNING and
// STOPPED; resources are released as soon as a task stops, as ECS treats them
// as free from STOPPING on (§5.1).
const (
	Provisioning TaskState = iota
	Pending
	Activating
	Running
	Deactivating
	Stopping
	Deprovisioning
	Stopped
	numTaskStates
)

var taskStateNames = [...]string{"PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"}

// String returns the ECS name of s.
func (s TaskState) String() string { return taskStateNames[s] }

// TaskID is a task's slot in its Cluster. Slots are reused after a task is
// freed; Task.Gen tells incarnations apart.
type TaskID int32

// GroupID is an interned task group name ("family:web", "service:web").
type GroupID int32

// OwnerKind says what started a task.
type OwnerKind uint8

// Task owners.
const (
	OwnerRunTask OwnerKind = iota // a RunTask workload or scheduled task
	OwnerService                  // a REPLICA service
	OwnerDaemon                   // a DAEMON service
)

// Task is one task: an instantiation of a task definition.
type Task struct {
	ID  TaskID
	Gen uint32
	// Seq is the task's number in submission order, its user-visible name.
	Seq   int64
	Def   *TaskDefinition
	Group GroupID
	State TaskState
	// Instance is where the task is placed, or NoInstance.
	Instance InstanceID
	// Owner and OwnerIndex name the workload or service that started it.
	Owner      OwnerKind
	OwnerIndex int32
	// Provider is the capacity provider chosen for the task, or -1.
	Provider int32
	// Zone is the index of a Fargate task's availability zone, or -1.
	Zone        int32
	SubmittedAt sim.Time
	PlacedAt    sim.Time
	StartedAt   sim.Time
	// Duration is how long the task runs once RUNNING; negative runs until
	// stopped by someone else.
	Duration time.Duration
	// Timer is the task's next scheduled lifecycle event.
	Timer sim.Handle

	slot int32         // index in the instance's task list
	req  *Requirements // own requirements (sized tasks), nil: the definition's
}

// Req returns the task's requirements: its own if it was sized, else its
// task definition's.
func (t *Task) Req() *Requirements {
	if t.req != nil {
		return t.req
	}
	return &t.Def.req
}

// SetReq gives a task that is not placed its own requirements (a trace
// record's size, a size drawn from a distribution). r must not change.
func (t *Task) SetReq(r *Requirements) {
	if t.Instance != NoInstance {
		panic("cluster: SetReq on a placed task")
	}
	t.req = r
}

// Sized returns a copy of the requirements of d with task-level CPU units
// and memory MiB replaced (0 keeps the definition's).
func (d *TaskDefinition) Sized(cpu, memoryMiB int64) *Requirements {
	r := d.req
	if cpu > 0 {
		r.CPU = cpu
	}
	if memoryMiB > 0 {
		r.MemoryMiB = memoryMiB
	}
	return &r
}

// Daemon reports whether the task belongs to a DAEMON service.
func (t *Task) Daemon() bool { return t.Owner == OwnerDaemon }

const taskChunkBits = 12

// taskSlab stores tasks in fixed-size chunks so that *Task pointers stay
// valid as the slab grows, and reuses freed slots.
type taskSlab struct {
	chunks [][]Task
	free   []TaskID
	n      int
}

func (s *taskSlab) get(id TaskID) *Task {
	return &s.chunks[id>>taskChunkBits][id&(1<<taskChunkBits-1)]
}

func (s *taskSlab) alloc() *Task {
	if k := len(s.free); k > 0 {
		id := s.free[k-1]
		s.free = s.free[:k-1]
		return s.get(id)
	}
	id := TaskID(s.n)
	if s.n>>taskChunkBits == len(s.chunks) {
		s.chunks = append(s.chunks, make([]Task, 1<<taskChunkBits))
	}
	s.n++
	t := s.get(id)
	t.ID = id
	return t
}

func (s *taskSlab) release(t *Task) {
	id, gen := t.ID, t.Gen+1
	*t = Task{ID: id, Gen: gen}
	s.free = append(s.free, id)
}
