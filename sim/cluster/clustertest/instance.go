package clustertest

import (
	"fmt"

	"github.com/ecsim/ecsim/sim/cluster"
)

// New returns an empty cluster over a fresh default catalogue.
func New() *cluster.Cluster { return cluster.New(cluster.DefaultCatalogue()) }

// InstanceBuilder builds a container instance of a cluster.
type InstanceBuilder struct {
	c    *cluster.Cluster
	spec cluster.InstanceSpec
}

// Instance starts an instance of the named type from c's catalogue in zone
// us-east-1a, outside any capacity provider. It panics if the type is unknown.
func Instance(c *cluster.Cluster, typeName string) *InstanceBuilder {
	t, ok := c.Catalogue().Lookup(typeName)
	if !ok {
		panic(fmt.Sprintf("clustertest: unknown instance type %q", typeName))
	}
	return &InstanceBuilder{c: c, spec: cluster.InstanceSpec{
		Type: t, AvailabilityZone: "us-east-1a", Provider: -1,
	}}
}

// AZ sets the availability zone.
func (b *InstanceBuilder) AZ(zone string) *InstanceBuilder {
	b.spec.AvailabilityZone = zone
	return b
}

// Attr adds a custom attribute.
func (b *InstanceBuilder) Attr(name, value string) *InstanceBuilder {
	b.spec.Attributes = append(b.spec.Attributes, cluster.Attribute{Name: name, Value: value})
	return b
}

// ReservedMemory sets ECS_RESERVED_MEMORY (MiB).
func (b *InstanceBuilder) ReservedMemory(mib int64) *InstanceBuilder {
	b.spec.ReservedMemoryMiB = mib
	return b
}

// ReservedPorts sets the agent's reserved TCP ports (ECS_RESERVED_PORTS).
func (b *InstanceBuilder) ReservedPorts(ports ...int) *InstanceBuilder {
	b.spec.ReservedPorts = append([]int{}, ports...)
	return b
}

// DynamicPorts sets the size of the ephemeral port range.
func (b *InstanceBuilder) DynamicPorts(n int) *InstanceBuilder {
	b.spec.DynamicPorts = n
	return b
}

// Trunking turns on awsvpcTrunking for the instance.
func (b *InstanceBuilder) Trunking() *InstanceBuilder {
	b.spec.AwsvpcTrunking = true
	return b
}

// Spot marks a Spot instance.
func (b *InstanceBuilder) Spot() *InstanceBuilder { b.spec.Spot = true; return b }

// Provider sets the capacity provider index.
func (b *InstanceBuilder) Provider(i int) *InstanceBuilder { b.spec.Provider = i; return b }

// AMI sets the AMI ID.
func (b *InstanceBuilder) AMI(id string) *InstanceBuilder { b.spec.AMIID = id; return b }

// AgentVersion sets the agent version.
func (b *InstanceBuilder) AgentVersion(v string) *InstanceBuilder {
	b.spec.AgentVersion = v
	return b
}

// Spec returns the instance spec built so far.
func (b *InstanceBuilder) Spec() cluster.InstanceSpec { return b.spec }

// Launching adds the instance at t = 0 and leaves it Launching.
func (b *InstanceBuilder) Launching() *cluster.Instance { return b.c.AddInstance(b.spec, 0) }

// Active adds the instance at t = 0 and registers it: ACTIVE, agent connected.
func (b *InstanceBuilder) Active() *cluster.Instance {
	in := b.Launching()
	b.c.SetStatus(in, cluster.Active, 0)
	return in
}

// Draining adds an ACTIVE instance and sets it DRAINING.
func (b *InstanceBuilder) Draining() *cluster.Instance {
	in := b.Active()
	b.c.SetStatus(in, cluster.Draining, 0)
	return in
}

// Task creates a PROVISIONING task of def in the named group at t = 0.
func Task(c *cluster.Cluster, def *cluster.TaskDefinition, group string) *cluster.Task {
	return c.NewTask(def, c.Group(group), 0)
}
