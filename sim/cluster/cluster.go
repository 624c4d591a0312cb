package cluster

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/sim"
)

// AttrID is an interned attribute name.
type AttrID int32

// Listener is told about every change to an instance's reservations, status
// or attributes; placement indexes implement it.
type Listener interface {
	InstanceChanged(in *Instance)
}

// ErrDoesNotFit is returned by Place when the instance lacks a resource.
var ErrDoesNotFit = errors.New("cluster: task does not fit")

// Totals are cluster-wide sums over registered (ACTIVE and DRAINING)
// instances, the base of CloudWatch's CPUReservation and MemoryReservation
// (docs/model.md §4.1, W-11).
type Totals struct {
	Registered Resources
	Reserved   Resources
}

// Cluster is the state of one ECS cluster.
type Cluster struct {
	catalogue *Catalogue
	instances []*Instance
	live      []*Instance // the instances not INACTIVE, for Verify (each one's liveAt is its index)
	tasks     taskSlab
	taskSeq   int64

	groupIDs   map[string]GroupID
	groupNames []string

	attrIDs    map[string]AttrID
	attrNames  []string
	attrValIDs []map[string]int32
	attrVals   [][]string
	tracked    []AttrID
	spread     map[spreadKey][]int32

	listeners []Listener
	totals    Totals
	providers []ProviderCounts
	states    [numTaskStates]int
	statuses  [len(instanceStatusNames)]int
}

type spreadKey struct {
	g GroupID
	a AttrID
}

// New returns an empty cluster using the given instance-type catalogue.
func New(cat *Catalogue) *Cluster {
	return &Cluster{
		catalogue: cat,
		groupIDs:  map[string]GroupID{},
		attrIDs:   map[string]AttrID{},
		spread:    map[spreadKey][]int32{},
	}
}

// Catalogue returns the cluster's instance-type catalogue.
func (c *Cluster) Catalogue() *Catalogue { return c.catalogue }

// AddListener registers l for instance changes.
func (c *Cluster) AddListener(l Listener) { c.listeners = append(c.listeners, l) }

func (c *Cluster) changed(in *Instance) {
	for _, l := range c.listeners {
		l.InstanceChanged(in)
	}
}

// Instances returns every instance ever added, by ID. The slice must not be
// modified.
func (c *Cluster) Instances() []*Instance { return c.instances }

// Instance returns the instance with the given ID.
func (c *Cluster) Instance(id InstanceID) *Instance { return c.instances[id] }

// Totals returns the cluster-wide registered and reserved resources.
func (c *Cluster) Totals() Totals { return c.totals }

// ProviderCounts are the instances of one capacity provider's Auto Scaling
// group that are registered (ACTIVE or DRAINING) and, of those, the ones
// running a task that is not a daemon-service task: N and the non-empty
// count of the CapacityProviderReservation metric (docs/model.md §1.3).
type ProviderCounts struct {
	Registered, NonEmpty int
}

// Provider returns the counts of capacity provider p.
func (c *Cluster) Provider(p int) ProviderCounts {
	if p < 0 || p >= len(c.providers) {
		return ProviderCounts{}
	}
	return c.providers[p]
}

func (c *Cluster) providerCount(in *Instance, registered, nonEmpty int) {
	if in.Provider < 0 {
		return
	}
	for in.Provider >= len(c.providers) {
		c.providers = append(c.providers, ProviderCounts{})
	}
	pc := &c.providers[in.Provider]
	pc.Registered += registered
	pc.NonEmpty += nonEmpty
}

// TasksIn returns the number of tasks currently in state s.
func (c *Cluster) TasksIn(s TaskState) int { return c.states[s] }

// InstancesIn returns the number of instances currently in status s.
func (c *Cluster) InstancesIn(s InstanceStatus) int { return c.statuses[s] }

// AddInstance adds an EC2 instance launched at now, in status Launching. Its
// attributes are the custom ones of spec plus the ECS built-ins
// ecs.instance-type, ecs.availability-zone, ecs.os-type, ecs.os-family,
// ecs.cpu-architecture and ecs.ami-id (docs/model.md §5.5).
func (c *Cluster) AddInstance(spec InstanceSpec, now sim.Time) *Instance {
	t := spec.Type
	id := InstanceID(len(c.instances))
	in := &Instance{
		ID:            id,
		EC2InstanceID: fmt.Sprintf("i-%017x", int64(id)+1),
		Type:          t,
		AZ:            spec.AvailabilityZone,
		Status:        Launching,
		AgentVersion:  spec.AgentVersion,
		LaunchedAt:    now,
		Provider:      spec.Provider,
		Spot:          spec.Spot,
	}
	capa := EmptyCapacity(spec)
	in.Registered = capa.Free
	in.ports, in.dynMax, in.eniMax = capa.Ports, capa.DynamicFree, capa.ENIFree
	ami := spec.AMIID
	if ami == "" {
		ami = "ami-ecs-optimized"
	}
	osType, osFamily := "linux", "LINUX"
	if strings.HasPrefix(spec.OSFamily, "WINDOWS") {
		osType, osFamily = "windows", spec.OSFamily
	}
	attrs := append([]Attribute{
		{"ecs.instance-type", t.Name},
		{"ecs.availability-zone", spec.AvailabilityZone},
		{"ecs.os-type", osType},
		{"ecs.os-family", osFamily},
		{"ecs.cpu-architecture", t.Architecture},
		{"ecs.ami-id", ami},
	}, spec.Attributes...)
	c.setAttributes(in, attrs)
	c.instances = append(c.instances, in)
	in.liveAt = int32(len(c.live))
	c.live = append(c.live, in)
	c.statuses[Launching]++
	return in
}

// SetStatus moves in to status s at now. Moving into ACTIVE or DRAINING from
// another status registers the instance's resources in the totals; moving out
// removes them.
func (c *Cluster) SetStatus(in *Instance, s InstanceStatus, now sim.Time) {
	if in.Status == s {
		return
	}
	was := in.Status.Registered()
	if s == Active && in.Status == Launching {
		in.RegisteredAt = now
		in.AgentConnected = true
	}
	c.statuses[in.Status]--
	c.statuses[s]++
	switch {
	case s == Inactive:
		c.dropLive(in)
	case in.Status == Inactive: // the world never revives an instance; the API allows it
		in.liveAt = int32(len(c.live))
		c.live = append(c.live, in)
	}
	in.Status = s
	nonEmpty := 0
	if in.nonDaemon > 0 {
		nonEmpty = 1
	}
	switch is := s.Registered(); {
	case is && !was:
		c.totals.Registered = c.totals.Registered.Add(in.Registered)
		c.totals.Reserved = c.totals.Reserved.Add(in.Reserved)
		c.providerCount(in, 1, nonEmpty)
	case was && !is:
		c.totals.Registered = c.totals.Registered.Sub(in.Registered)
		c.totals.Reserved = c.totals.Reserved.Sub(in.Reserved)
		c.providerCount(in, -1, -nonEmpty)
	}
	if s == Inactive || s == RegistrationFailed {
		in.AgentConnected = false
	}
	in.version++
	c.changed(in)
}

// SetAgentConnected records the agent connecting or disconnecting.
func (c *Cluster) SetAgentConnected(in *Instance, connected bool) {
	if in.AgentConnected == connected {
		return
	}
	in.AgentConnected = connected
	in.version++
	c.changed(in)
}

// dropLive takes in out of the live list.
func (c *Cluster) dropLive(in *Instance) {
	last := c.live[len(c.live)-1]
	c.live[in.liveAt] = last
	last.liveAt = in.liveAt
	c.live = c.live[:len(c.live)-1]
}
