package cluster

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// NetworkMode is a task definition's Docker networking mode.
type NetworkMode string

// The network modes ECS accepts on Linux.
const (
	NetworkBridge NetworkMode = "bridge"
	NetworkHost   NetworkMode = "host"
	NetworkAwsvpc NetworkMode = "awsvpc"
	NetworkNone   NetworkMode = "none"
)

// PortMapping maps a container port to a host port. HostPort 0 in bridge
// mode asks for a dynamic port from the instance's ephemeral range.
type PortMapping struct {
	ContainerPort int
	HostPort      int
	Protocol      string // "tcp" (default) or "udp"
}

// ContainerDefinition is the part of a container definition that placement
// and the task lifecycle use.
type ContainerDefinition struct {
	Name string
	// CPU is the container's CPU units (a share; 0 when unset).
	CPU int64
	// MemoryMiB is the hard limit (0 when unset).
	MemoryMiB int64
	// MemoryReservationMiB is the soft limit (0 when unset).
	MemoryReservationMiB int64
	// GPUs is the number of GPUs from resourceRequirements.
	GPUs int64
	// Essential containers stop the task when they stop.
	Essential bool
	// PortMappings are the container's port mappings.
	PortMappings []PortMapping
	// StopTimeout is how long ECS waits after SIGTERM before it kills the
	// container (stopTimeout; 0 kills it at once).
	StopTimeout time.Duration
}

// ReservedMemoryMiB is the memory ECS reserves for the container on an
// instance: memoryReservation if set, else memory (docs/model.md §5.2).
func (c *ContainerDefinition) ReservedMemoryMiB() int64 {
	if c.MemoryReservationMiB > 0 {
		return c.MemoryReservationMiB
	}
	return c.MemoryMiB
}

// StopTimeout is how long a task takes to stop once ECS sends its
// containers SIGTERM, when they do not exit on their own: the largest
// container stopTimeout (docs/model.md §7.1). Example: containers with 30 s
// and 90 s stop in 90 s.
func (d *TaskDefinition) StopTimeout() time.Duration {
	var out time.Duration
	for i := range d.Containers {
		out = max(out, d.Containers[i].StopTimeout)
	}
	return out
}

// PlacementConstraint is a constraint as ECS writes it: type distinctInstance
// or memberOf with a cluster query language expression.
type PlacementConstraint struct {
	Type       string
	Expression string
}

// TaskDefinition is a registered task definition: the fields the model uses.
type TaskDefinition struct {
	Family   string
	Revision int
	// NetworkMode defaults to bridge on Linux EC2.
	NetworkMode NetworkMode
	// RequiresCompatibilities lists EC2 and/or FARGATE.
	RequiresCompatibilities []string
	// CPU and MemoryMiB are the task-level sizes (0 when unset).
	CPU       int64
	MemoryMiB int64
	// Containers are the container definitions, in order.
	Containers []ContainerDefinition
	// PlacementConstraints are the task definition's memberOf constraints.
	PlacementConstraints []PlacementConstraint
	// OSFamily and CPUArchitecture are the runtimePlatform: LINUX or a
	// WINDOWS_SERVER_* family, X86_64 or ARM64 ("" when not given).
	OSFamily        string
	CPUArchitecture string

	req Requirements
}

// Windows reports whether the task definition's runtimePlatform is Windows.
func (d *TaskDefinition) Windows() bool { return strings.HasPrefix(d.OSFamily, "WINDOWS") }

// Compatible reports whether d lists launch type lt in requiresCompatibilities.
func (d *TaskDefinition) Compatible(lt string) bool {
	return slices.Contains(d.RequiresCompatibilities, lt)
}

// PlatformConstraints returns the constraints the runtimePlatform implies:
// instances whose ecs.os-type and ecs.cpu-architecture match. A task
// definition without runtimePlatform runs on Linux instances of any
// architecture.
func (d *TaskDefinition) PlatformConstraints() []PlacementConstraint {
	os := "linux"
	if d.Windows() {
		os = "windows"
	}
	out := []PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.os-type == " + os}}
	switch d.CPUArchitecture {
	case "ARM64":
		out = append(out, PlacementConstraint{Type: "memberOf", Expression: "attribute:ecs.cpu-architecture == arm64"})
	case "X86_64":
		out = append(out, PlacementConstraint{Type: "memberOf", Expression: "attribute:ecs.cpu-architecture == x86_64"})
	}
	return out
}

// Name returns "family:revision".
func (d *TaskDefinition) Name() string {
	if d.Revision == 0 {
		return d.Family
	}
	return d.Family + ":" + strconv.Itoa(d.Revision)
}

// Requirements returns what one task of d needs from a container instance.
// It is computed once by Finalize.
func (d *TaskDefinition) Requirements() *Requirements { return &d.req }

// Finalize computes d's requirements from its fields; call it once after
// building d and before using it. The rules (docs/model.md §5.2):
//
//   - CPU: the task-level cpu if set, else the sum of the containers' cpu.
//   - Memory: the task-level memory if set, else the sum over containers of
//     memoryReservation, or memory where no reservation is given.
//   - GPUs: the sum of the containers' GPU requirements.
//   - Host ports: in bridge mode a hostPort > 0 is a static port and a hostPort
//     of 0 or none a dynamic one; in host mode the host port is the container
//     port; awsvpc and none take no host ports.
//   - ENIs: an awsvpc task takes one ENI on the instance.
//
// Example: two containers (cpu 256, memory 512) and (cpu 0, memoryReservation
// 128, memory 256) with no task-level sizes need 256 CPU units and 640 MiB.
func (d *TaskDefinition) Finalize() {
	var r Requirements
	for i := range d.Containers {
		c := &d.Containers[i]
		r.CPU += c.CPU
		r.MemoryMiB += c.ReservedMemoryMiB()
		r.GPUs += c.GPUs
		for _, pm := range c.PortMappings {
			switch d.NetworkMode {
			case NetworkBridge, "":
				if pm.HostPort > 0 {
					r.StaticPorts = append(r.StaticPorts, MakePortKey(pm.HostPort, pm.Protocol))
				} else {
					r.DynamicPorts++
				}
			case NetworkHost:
				hp := pm.HostPort
				if hp == 0 {
					hp = pm.ContainerPort
				}
				r.StaticPorts = append(r.StaticPorts, MakePortKey(hp, pm.Protocol))
			}
		}
	}
	if d.CPU > 0 {
		r.CPU = d.CPU
	}
	if d.MemoryMiB > 0 {
		r.MemoryMiB = d.MemoryMiB
	}
	if d.NetworkMode == NetworkAwsvpc {
		r.ENIs = 1
	}
	slices.Sort(r.StaticPorts)
	r.StaticPorts = slices.Compact(r.StaticPorts)
	d.req = r
}

// Requirements is what one task needs from a container instance.
type Requirements struct {
	Resources
	// StaticPorts are the fixed host ports the task holds while it runs,
	// sorted and without duplicates.
	StaticPorts []PortKey
	// DynamicPorts is the number of host ports the task takes from the
	// instance's ephemeral range.
	DynamicPorts int
	// ENIs is 1 for an awsvpc task, else 0.
	ENIs int
}

// PortKey is a host port and its protocol in one comparable value.
type PortKey uint32

// MakePortKey returns the key of port/protocol ("udp" or anything else for tcp).
func MakePortKey(port int, protocol string) PortKey {
	k := PortKey(port)
	if protocol == "udp" {
		k |= 1 << 16
	}
	return k
}

// Port returns the port number of k.
func (k PortKey) Port() int { return int(k & 0xffff) }
