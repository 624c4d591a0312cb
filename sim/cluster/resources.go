package cluster

// Resources are the amounts ECS accounts for on a container instance and
// reserves for a task (docs/model.md §5.2).
//
// CPU is in CPU units, 1 vCPU = 1024 units; an instance registers
// vCPUs × 1024. Memory is in MiB; an instance registers the memory its OS
// reports minus ECS_RESERVED_MEMORY, a little below the nominal size. GPUs are
// whole physical GPUs, pinned to containers and never over-committed.
type Resources struct {
	CPU       int64 // CPU units
	MemoryMiB int64 // MiB
	GPUs      int64
}

// Add returns r+o.
func (r Resources) Add(o Resources) Resources {
	return Resources{r.CPU + o.CPU, r.MemoryMiB + o.MemoryMiB, r.GPUs + o.GPUs}
}

// Sub returns r-o.
func (r Resources) Sub(o Resources) Resources {
	return Resources{r.CPU - o.CPU, r.MemoryMiB - o.MemoryMiB, r.GPUs - o.GPUs}
}

// Resource names one schedulable dimension. Its String is the reason ECS
// gives when no container instance has enough of it (docs/model.md §5.6).
type Resource uint8

// The resource dimensions, in the order the fit check tests them.
const (
	ResourceNone Resource = iota
	ResourceCPU
	ResourceMemory
	ResourceGPU
	ResourcePorts
	ResourceENI
)

// String returns the ECS failure reason for a shortage of r, such as
// "RESOURCE:MEMORY".
func (r Resource) String() string {
	switch r {
	case ResourceCPU:
		return "RESOURCE:CPU"
	case ResourceMemory:
		return "RESOURCE:MEMORY"
	case ResourceGPU:
		return "RESOURCE:GPU"
	case ResourcePorts:
		return "RESOURCE:PORTS"
	case ResourceENI:
		return "RESOURCE:ENI"
	}
	return ""
}
