package cluster

import "slices"

// Capacity is the room an instance has for new tasks: free CPU, memory and
// GPUs, the host ports already reserved, and the dynamic ports and ENIs
// left. Placement (through Instance.Lacks) and the capacity estimator (on
// hypothetical empty instances) use the same rules, so "fits" means one
// thing everywhere.
type Capacity struct {
	Free        Resources
	Ports       []PortKey // reserved static host ports, sorted
	DynamicFree int
	ENIFree     int
}

// EmptyCapacity returns the capacity of a newly registered instance of
// spec: its registered resources, the agent's reserved ports, the whole
// ephemeral port range and its ENIs for tasks.
func EmptyCapacity(spec InstanceSpec) Capacity {
	t := spec.Type
	c := Capacity{
		Free: Resources{CPU: t.CPUUnits(), MemoryMiB: max(0, t.RegisteredMemoryMiB-spec.ReservedMemoryMiB),
			GPUs: int64(t.GPUs)},
		DynamicFree: spec.DynamicPorts,
		ENIFree:     max(0, t.ENIs-1),
	}
	if c.DynamicFree == 0 {
		c.DynamicFree = DefaultDynamicPortLast - DefaultDynamicPortFirst + 1
	}
	if spec.AwsvpcTrunking && t.TrunkTasks > 0 {
		c.ENIFree = t.TrunkTasks
	}
	reserved := spec.ReservedPorts
	if reserved == nil {
		reserved = DefaultReservedPorts()
	}
	for _, p := range reserved {
		c.Ports = append(c.Ports, MakePortKey(p, "tcp"))
	}
	slices.Sort(c.Ports)
	c.Ports = slices.Compact(c.Ports)
	return c
}

// Lacks returns the first resource, in the order CPU, memory, GPU, ports,
// ENI, of which c has too little for req, or ResourceNone (see
// Instance.Lacks for the rules).
func (c *Capacity) Lacks(req *Requirements) Resource {
	return lacks(c.Free, c.Ports, c.DynamicFree, c.ENIFree, req)
}

// Take reserves req in c. It does not check that req fits.
func (c *Capacity) Take(req *Requirements) {
	c.Free = c.Free.Sub(req.Resources)
	if len(req.StaticPorts) > 0 {
		c.Ports = append(c.Ports, req.StaticPorts...)
		slices.Sort(c.Ports)
	}
	c.DynamicFree -= req.DynamicPorts
	c.ENIFree -= req.ENIs
}

// Count returns how many more tasks of req fit in c, at most limit.
// Example: 1000 CPU units and 5000 MiB free take 20 tasks of 50 CPU / 100 MiB.
func (c *Capacity) Count(req *Requirements, limit int) int {
	if c.Lacks(req) != ResourceNone {
		return 0
	}
	n := limit
	per := func(free, need int64) {
		if need > 0 {
			n = min(n, int(min(free/need, int64(limit))))
		}
	}
	per(c.Free.CPU, req.CPU)
	per(c.Free.MemoryMiB, req.MemoryMiB)
	per(c.Free.GPUs, req.GPUs)
	per(int64(c.DynamicFree), int64(req.DynamicPorts))
	per(int64(c.ENIFree), int64(req.ENIs))
	if len(req.StaticPorts) > 0 {
		n = min(n, 1) // a second copy would find its ports taken
	}
	return n
}

// lacks is the fit rule of docs/model.md §5.1–5.2, shared by
// Instance.Lacks and Capacity.Lacks.
func lacks(free Resources, ports []PortKey, dynFree, eniFree int, req *Requirements) Resource {
	switch {
	case req.CPU > free.CPU:
		return ResourceCPU
	case req.MemoryMiB > free.MemoryMiB:
		return ResourceMemory
	case req.GPUs > free.GPUs:
		return ResourceGPU
	}
	if len(req.StaticPorts) > 0 {
		if len(ports)+len(req.StaticPorts) > MaxReservedPorts {
			return ResourcePorts
		}
		for _, p := range req.StaticPorts {
			if _, taken := slices.BinarySearch(ports, p); taken {
				return ResourcePorts
			}
		}
	}
	if req.DynamicPorts > dynFree {
		return ResourcePorts
	}
	if req.ENIs > eniFree {
		return ResourceENI
	}
	return ResourceNone
}
