package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
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
	// (docs/model.md §5.2: m4.large has 8 GiB and registers 7985 MiB).
	RegisteredMemoryMiB int64
	// ENIs is the instance's maximum number of network interfaces, the primary
	// one included; without trunking an instance runs ENIs-1 awsvpc tasks.
	ENIs int
	// TrunkTasks is the number of awsvpc tasks with ENI trunking
	// (awsvpcTrunking) or 0 where the type does not support trunking
	// (docs/model.md §5.2 table).
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
// for instance types that give no measured value (docs/model.md §10 [INF]).
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

// Families returns the families of the catalogue's types (the part of a
// name before the dot: m5, c7g, g5), sorted.
func (c *Catalogue) Families() []string {
	var out []string
	for _, n := range c.Names() {
		if f, _, _ := strings.Cut(n, "."); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Sizes returns the sizes of family (large, xlarge, …) from the smallest to
// the largest by vCPU and memory; nil when the catalogue has no such family.
func (c *Catalogue) Sizes(family string) []string {
	var types []*InstanceType
	for _, t := range c.byName {
		if f, _, _ := strings.Cut(t.Name, "."); f == family {
			types = append(types, t)
		}
	}
	slices.SortFunc(types, func(a, b *InstanceType) int {
		return cmp.Or(cmp.Compare(a.VCPU, b.VCPU), cmp.Compare(a.MemoryMiB, b.MemoryMiB), strings.Compare(a.Name, b.Name))
	})
	out := make([]string, len(types))
	for i, t := range types {
		_, out[i], _ = strings.Cut(t.Name, ".")
	}
	return out
}

// Help says what the catalogue holds for a name that is not in it: the
// sizes of its family when the family is known, else the families.
func (c *Catalogue) Help(name string) string {
	family, _, _ := strings.Cut(name, ".")
	if sizes := c.Sizes(family); len(sizes) > 0 {
		return "the catalogue has " + family + " in sizes " + strings.Join(sizes, ", ")
	}
	return fmt.Sprintf("the catalogue has %d types in the families %s", len(c.byName), strings.Join(c.Families(), ", "))
}

// DefaultCatalogue returns a fresh catalogue of the 192 built-in instance
// types: the general purpose (m5, m5a, m6i, m6a, m6g, m7i, m7a, m7g, m8g,
// m4), burstable (t3, t3a, t4g), compute optimized (c5, c6i, c6a, c6g, c7i,
// c7a, c7g, c8g, c4), memory optimized (r5, r6i, r6a, r6g, r7i, r7a, r7g,
// r8g) and GPU (g4dn, g5) families of catalogue_types.go, with vCPUs,
// memory, maximum ENIs, ECS trunking limits, GPUs, architecture and
// us-east-1 Linux On-Demand prices from the sources listed there (docs/model.md
// §10). The ECS trunking table ecsim could read predates the m7i, m7a, m8g,
// c7i, c7a, c8g, r7i, r7a and r8g families: their TrunkTasks is 0 (no extra
// awsvpc tasks with trunking) until a scenario declares the figure.
// Registered memory is the documented figure where AWS gives one (m4.large,
// c4.large, c4.4xlarge) and DefaultRegisteredMemory otherwise.
func DefaultCatalogue() *Catalogue {
	return NewCatalogue(slices.Concat(generalPurposeTypes, computeOptimizedTypes, memoryOptimizedTypes, acceleratedTypes)...)
}
