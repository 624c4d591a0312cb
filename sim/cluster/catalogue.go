package cluster

import (
	"math"
	"slices"
)

// InstanceType describes one EC2 instance type as ECS sees it.
type InstanceType struct {
	Name string
	// VCPU is the number of vCPUs; the instance registers VCPU × 1024 CPU units.
	VCPU int
	// MemoryMiB is the nominal memory.
	MemoryMiB int64
	// RegisteredMemoryMiB is the memory the ECS agent registers before
	// ECS_RESERVED_MEMORY: what the OS reports, a few per cent below nominal
	// (ecs-reference.md §5.2: m4.large has 8 GiB and registers 7985 MiB).
	RegisteredMemoryMiB int64
	// ENIs is the instance's maximum number of network interfaces, the primary
	// one included; without trunking an instance runs ENIs-1 awsvpc tasks.
	ENIs int
	// TrunkTasks is the number of awsvpc tasks with ENI trunking
	// (awsvpcTrunking) or 0 where the type does not support trunking
	// (ecs-reference.md §5.2 table).
	TrunkTasks int
	// GPUs is the number of physical GPUs.
	GPUs int
	// Architecture is the ecs.cpu-architecture attribute: x86_64 or arm64.
	Architecture string
	// PricePerHour is the us-east-1 Linux On-Demand price in USD.
	PricePerHour float64
}

// CPUUnits returns the CPU units the instance registers: vCPUs × 1024.
func (t *InstanceType) CPUUnits() int64 { return int64(t.VCPU) * 1024 }

// RegisteredMemoryFraction is the ratio of registered to nominal memory used
// for instance types that give no measured value (ecs-reference.md §10 [INF]).
const RegisteredMemoryFraction = 0.975

// DefaultRegisteredMemory returns floor(nominal × RegisteredMemoryFraction).
// Example: 8192 MiB → 7987 MiB.
func DefaultRegisteredMemory(nominalMiB int64) int64 {
	return int64(math.Floor(float64(nominalMiB) * RegisteredMemoryFraction))
}

// Catalogue is a set of instance types by name. Scenarios start from
// DefaultCatalogue and may add or override types.
type Catalogue struct {
	byName map[string]*InstanceType
}

// NewCatalogue returns a catalogue holding types.
func NewCatalogue(types ...InstanceType) *Catalogue {
	c := &Catalogue{byName: make(map[string]*InstanceType, len(types))}
	for _, t := range types {
		c.Put(t)
	}
	return c
}

// Put adds t, replacing any type of the same name. A zero
// RegisteredMemoryMiB defaults to DefaultRegisteredMemory(t.MemoryMiB).
func (c *Catalogue) Put(t InstanceType) {
	if t.RegisteredMemoryMiB == 0 {
		t.RegisteredMemoryMiB = DefaultRegisteredMemory(t.MemoryMiB)
	}
	if t.Architecture == "" {
		t.Architecture = "x86_64"
	}
	c.byName[t.Name] = &t
}

// Lookup returns the type called name.
func (c *Catalogue) Lookup(name string) (*InstanceType, bool) {
	t, ok := c.byName[name]
	return t, ok
}

// Names returns the type names in sorted order.
func (c *Catalogue) Names() []string {
	names := make([]string, 0, len(c.byName))
	for n := range c.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// DefaultCatalogue returns a fresh catalogue of the built-in instance types:
// those of ecs-reference.md §10 (vCPU, memory, ENIs and trunking limits from
// the §5.2 table, us-east-1 Linux On-Demand prices) and the three types whose
// registered memory AWS documents (m4.large, c4.large, c4.4xlarge, §5.2).
// Registered memory is the documented figure where AWS gives one and
// DefaultRegisteredMemory otherwise.
func DefaultCatalogue() *Catalogue {
	return NewCatalogue(
		InstanceType{Name: "t3.medium", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 0, PricePerHour: 0.0416},
		InstanceType{Name: "m5.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.096},
		InstanceType{Name: "m5.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, PricePerHour: 0.192},
		InstanceType{Name: "m5.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, PricePerHour: 0.384},
		InstanceType{Name: "c5.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.085},
		InstanceType{Name: "c5.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, PricePerHour: 0.17},
		InstanceType{Name: "r5.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.126},
		InstanceType{Name: "m6g.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: "arm64", PricePerHour: 0.077},
		// g4dn.xlarge: ENI count not in the retrieved table (unverified); the
		// g4dn family is excluded from trunking.
		InstanceType{Name: "g4dn.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 0, GPUs: 1, PricePerHour: 0.526},
		// Documented registrations (memmgmt, cw-metrics); prices are public
		// list prices [2ND]; previous generation, no trunking.
		InstanceType{Name: "m4.large", VCPU: 2, MemoryMiB: 8192, RegisteredMemoryMiB: 7985, ENIs: 2, PricePerHour: 0.10},
		InstanceType{Name: "c4.large", VCPU: 2, MemoryMiB: 3840, RegisteredMemoryMiB: 3768, ENIs: 3, PricePerHour: 0.10},
		InstanceType{Name: "c4.4xlarge", VCPU: 16, MemoryMiB: 30720, RegisteredMemoryMiB: 30158, ENIs: 8, PricePerHour: 0.796},
	)
}
