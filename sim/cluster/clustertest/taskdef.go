package clustertest

import (
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TaskDefBuilder builds a cluster.TaskDefinition. Methods that configure a
// container (Reservation, GPUs, Port, UDPPort) apply to the last container
// added, creating a container "app" without CPU or memory when there is none.
type TaskDefBuilder struct {
	d cluster.TaskDefinition
}

// TaskDef starts a task definition of family "test", revision 1, bridge
// network mode, compatible with EC2, without containers.
func TaskDef() *TaskDefBuilder {
	return &TaskDefBuilder{d: cluster.TaskDefinition{
		Family:                  "test",
		Revision:                1,
		NetworkMode:             cluster.NetworkBridge,
		RequiresCompatibilities: []string{"EC2"},
	}}
}

// Family sets the family.
func (b *TaskDefBuilder) Family(f string) *TaskDefBuilder { b.d.Family = f; return b }

// Revision sets the revision.
func (b *TaskDefBuilder) Revision(r int) *TaskDefBuilder { b.d.Revision = r; return b }

// CPU sets the task-level CPU units.
func (b *TaskDefBuilder) CPU(units int64) *TaskDefBuilder { b.d.CPU = units; return b }

// Memory sets the task-level memory in MiB.
func (b *TaskDefBuilder) Memory(mib int64) *TaskDefBuilder { b.d.MemoryMiB = mib; return b }

// Network sets the network mode.
func (b *TaskDefBuilder) Network(m cluster.NetworkMode) *TaskDefBuilder {
	b.d.NetworkMode = m
	return b
}

// Compat sets requiresCompatibilities.
func (b *TaskDefBuilder) Compat(c ...string) *TaskDefBuilder {
	b.d.RequiresCompatibilities = slices.Clone(c)
	return b
}

// Container appends an essential container with the given CPU units and
// memory hard limit (MiB); 0 leaves a field unset.
func (b *TaskDefBuilder) Container(name string, cpu, memoryMiB int64) *TaskDefBuilder {
	b.d.Containers = append(b.d.Containers, cluster.ContainerDefinition{
		Name: name, CPU: cpu, MemoryMiB: memoryMiB, Essential: true,
	})
	return b
}

func (b *TaskDefBuilder) last() *cluster.ContainerDefinition {
	if len(b.d.Containers) == 0 {
		b.Container("app", 0, 0)
	}
	return &b.d.Containers[len(b.d.Containers)-1]
}

// Reservation sets the memoryReservation (soft limit, MiB) of the last container.
func (b *TaskDefBuilder) Reservation(mib int64) *TaskDefBuilder {
	b.last().MemoryReservationMiB = mib
	return b
}

// GPUs sets the GPU requirement of the last container.
func (b *TaskDefBuilder) GPUs(n int64) *TaskDefBuilder { b.last().GPUs = n; return b }

// Port adds a tcp port mapping to the last container. In bridge mode
// hostPort 0 asks for a dynamic port.
func (b *TaskDefBuilder) Port(containerPort, hostPort int) *TaskDefBuilder {
	return b.mapping(containerPort, hostPort, "tcp")
}

// UDPPort adds a udp port mapping to the last container.
func (b *TaskDefBuilder) UDPPort(containerPort, hostPort int) *TaskDefBuilder {
	return b.mapping(containerPort, hostPort, "udp")
}

func (b *TaskDefBuilder) mapping(containerPort, hostPort int, proto string) *TaskDefBuilder {
	c := b.last()
	c.PortMappings = append(c.PortMappings, cluster.PortMapping{
		ContainerPort: containerPort, HostPort: hostPort, Protocol: proto,
	})
	return b
}

// Constraint adds a task-definition placement constraint.
func (b *TaskDefBuilder) Constraint(typ, expression string) *TaskDefBuilder {
	b.d.PlacementConstraints = append(b.d.PlacementConstraints,
		cluster.PlacementConstraint{Type: typ, Expression: expression})
	return b
}

// Obj returns a finalized copy of the task definition; the builder may be
// used again.
func (b *TaskDefBuilder) Obj() *cluster.TaskDefinition {
	d := b.d
	d.RequiresCompatibilities = slices.Clone(d.RequiresCompatibilities)
	d.PlacementConstraints = slices.Clone(d.PlacementConstraints)
	d.Containers = slices.Clone(d.Containers)
	for i := range d.Containers {
		d.Containers[i].PortMappings = slices.Clone(d.Containers[i].PortMappings)
	}
	d.Finalize()
	return &d
}
