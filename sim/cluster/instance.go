package cluster

import (
	"slices"

	"github.com/ecsim/ecsim/sim"
)

// InstanceStatus is a container instance's status (docs/model.md §4.1),
// plus Launching for an EC2 instance whose agent has not registered yet.
type InstanceStatus uint8

// Container instance statuses.
const (
	Launching InstanceStatus = iota // EC2 pending: launched, agent not registered
	Active
	Draining
	Deregistering
	Inactive
	RegistrationFailed
)

var instanceStatusNames = [...]string{"PENDING", "ACTIVE", "DRAINING", "DEREGISTERING", "INACTIVE", "REGISTRATION_FAILED"}

// String returns the ECS name of s.
func (s InstanceStatus) String() string { return instanceStatusNames[s] }

// Registered reports whether an instance in status s is registered with the
// cluster and counts towards its capacity (ACTIVE or DRAINING, §4.1).
func (s InstanceStatus) Registered() bool { return s == Active || s == Draining }

// InstanceID is a container instance's index in its Cluster.
type InstanceID int32

// NoInstance is the InstanceID of a task that has no instance.
const NoInstance InstanceID = -1

// MaxReservedPorts is the most host ports an instance may have reserved,
// the agent's defaults included; dynamic ports do not count
// (docs/model.md §5.2, [td-params]).
const MaxReservedPorts = 100

// DefaultReservedPorts returns the TCP ports the Linux agent reserves by
// default (ECS_RESERVED_PORTS, agent/config/config_unix.go; docs/model.md
// corrections). 51680 is reserved only with Prometheus metrics on.
func DefaultReservedPorts() []int { return []int{22, 2375, 2376, 51678, 51679} }

// Default ephemeral range of the ECS-optimized AMI for dynamic host ports
// (ip_local_port_range 32768-61000, docs/model.md §5.2).
const (
	DefaultDynamicPortFirst = 32768
	DefaultDynamicPortLast  = 61000
)

// Attribute is one name/value attribute of a container instance.
type Attribute struct {
	Name, Value string
}

// InstanceSpec describes a container instance to add to a cluster.
type InstanceSpec struct {
	Type             *InstanceType
	AvailabilityZone string
	// Attributes are custom attributes; the ecs.* built-ins are added.
	Attributes []Attribute
	// ReservedMemoryMiB is ECS_RESERVED_MEMORY: subtracted from the
	// registered memory (docs/model.md §5.2, W-12).
	ReservedMemoryMiB int64
	// ReservedPorts are the agent's reserved TCP host ports
	// (nil means DefaultReservedPorts()).
	ReservedPorts []int
	// DynamicPorts is the size of the ephemeral port range
	// (0 means DefaultDynamicPortLast-DefaultDynamicPortFirst+1).
	DynamicPorts int
	// AwsvpcTrunking gives the instance the trunked ENI task limit when its
	// type supports trunking (docs/model.md §5.2, W-13).
	AwsvpcTrunking bool
	AMIID          string
	AgentVersion   string
	// OSFamily is LINUX (default) or a WINDOWS_SERVER_* family; it sets the
	// ecs.os-type and ecs.os-family attributes.
	OSFamily string
	// Provider is the index of the capacity provider whose Auto Scaling group
	// launched the instance, or -1.
	Provider int
	// Spot marks a Spot instance.
	Spot bool
}

// Instance is a container instance: an EC2 instance whose ECS agent
// registered (or will register) with the cluster.
type Instance struct {
	liveAt        int32 // index in the cluster's live list while not INACTIVE
	ID            InstanceID
	EC2InstanceID string
	Type          *InstanceType
	AZ            string
	Status        InstanceStatus
	// AgentConnected is false while the agent is disconnected; such an
	// instance keeps its tasks but takes no new ones.
	AgentConnected bool
	AgentVersion   string
	LaunchedAt     sim.Time
	RegisteredAt   sim.Time
	Provider       int
	Spot           bool
	// ProtectedFromScaleIn is the ASG instance protection managed termination
	// protection sets and clears.
	ProtectedFromScaleIn bool

	// Registered is what the agent registered; Reserved is what tasks hold.
	Registered Resources
	Reserved   Resources

	attrs     []Attribute // sorted by name
	attrVals  []int32     // interned value per AttrID, -1 when missing
	ports     []PortKey   // reserved static host ports, sorted
	dynUsed   int
	dynMax    int
	eniUsed   int
	eniMax    int
	tasks     []TaskID
	groups    []groupCount
	running   int
	nonDaemon int
	version   uint32
}

type groupCount struct {
	g GroupID
	n int32
}

// Attributes returns the instance's attributes sorted by name: the ecs.*
// built-ins and the custom ones. The slice must not be modified.
func (in *Instance) Attributes() []Attribute { return in.attrs }

// Attribute returns the value of the named attribute.
func (in *Instance) Attribute(name string) (string, bool) {
	i, ok := slices.BinarySearchFunc(in.attrs, name, func(a Attribute, n string) int {
		switch {
		case a.Name < n:
			return -1
		case a.Name > n:
			return 1
		}
		return 0
	})
	if !ok {
		return "", false
	}
	return in.attrs[i].Value, true
}

// AttrValue returns the interned value of attribute a, or -1 when the
// instance lacks it.
func (in *Instance) AttrValue(a AttrID) int32 {
	if int(a) < len(in.attrVals) {
		return in.attrVals[a]
	}
	return -1
}

// Free returns the resources not reserved by tasks.
func (in *Instance) Free() Resources { return in.Registered.Sub(in.Reserved) }

// Tasks returns the IDs of the tasks placed on the instance and not yet
// stopped, in placement order. The slice must not be modified.
func (in *Instance) Tasks() []TaskID { return in.tasks }

// TaskCount returns the number of tasks on the instance that have not stopped.
func (in *Instance) TaskCount() int { return len(in.tasks) }

// RunningTasksCount returns the number of RUNNING tasks, the CQL subject
// runningTasksCount.
func (in *Instance) RunningTasksCount() int { return in.running }

// NonDaemonTasks returns the number of tasks that are not daemon-service
// tasks. An instance with none is empty for managed scaling (§1.3).
func (in *Instance) NonDaemonTasks() int { return in.nonDaemon }

// Empty reports whether the instance runs no tasks but daemon tasks.
func (in *Instance) Empty() bool { return in.nonDaemon == 0 }

// ReservedPorts returns the number of reserved static host ports.
func (in *Instance) ReservedPorts() int { return len(in.ports) }

// ENIsFree returns the number of ENIs left for awsvpc tasks.
func (in *Instance) ENIsFree() int { return in.eniMax - in.eniUsed }

// GroupCount returns the number of the group's tasks on the instance.
func (in *Instance) GroupCount(g GroupID) int {
	for _, gc := range in.groups {
		if gc.g == g {
			return int(gc.n)
		}
	}
	return 0
}

// Version changes whenever the instance's attributes, status or agent
// connection change, so callers can cache what depends on those only.
func (in *Instance) Version() uint32 { return in.version }

// Schedulable reports whether the scheduler may place new tasks on the
// instance: ACTIVE with its agent connected (docs/model.md §4.1).
func (in *Instance) Schedulable() bool { return in.Status == Active && in.AgentConnected }

// Lacks returns the first resource, in the order CPU, memory, GPU, ports,
// ENI, of which the instance has too little for req, or ResourceNone when req
// fits (docs/model.md §5.1 step 1, §5.2):
//
//   - CPU units, memory MiB and GPUs must not exceed what is free;
//   - no static host port may be reserved already, and the reserved ports may
//     not exceed MaxReservedPorts;
//   - dynamic ports must be left in the ephemeral range;
//   - an awsvpc task needs a free ENI (ENIs minus the primary, or the trunk limit).
func (in *Instance) Lacks(req *Requirements) Resource {
	return lacks(in.Registered.Sub(in.Reserved), in.ports, in.dynMax-in.dynUsed, in.eniMax-in.eniUsed, req)
}

// Capacity returns the instance's room for new tasks.
func (in *Instance) Capacity() Capacity {
	return Capacity{Free: in.Free(), Ports: slices.Clone(in.ports), DynamicFree: in.dynMax - in.dynUsed, ENIFree: in.eniMax - in.eniUsed}
}
