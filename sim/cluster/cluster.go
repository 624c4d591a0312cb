package cluster

import (
	"errors"
	"fmt"
	"slices"
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
	c.statuses[Launching]++
	return in
}

// SetAttributes replaces the instance's custom and built-in attributes,
// moving its tasks' spread counts to the new attribute values.
func (c *Cluster) SetAttributes(in *Instance, attrs []Attribute) {
	for _, gc := range in.groups {
		c.countSpread(in, gc.g, -gc.n)
	}
	c.setAttributes(in, attrs)
	for _, gc := range in.groups {
		c.countSpread(in, gc.g, gc.n)
	}
	in.version++
	c.changed(in)
}

func (c *Cluster) setAttributes(in *Instance, attrs []Attribute) {
	attrs = slices.Clone(attrs)
	slices.SortStableFunc(attrs, func(a, b Attribute) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	// A later attribute of the same name wins.
	out := attrs[:0]
	for i, a := range attrs {
		if i+1 < len(attrs) && attrs[i+1].Name == a.Name {
			continue
		}
		out = append(out, a)
	}
	in.attrs = out
	in.attrVals = in.attrVals[:0]
	for _, a := range out {
		id := c.Attr(a.Name)
		for int(id) >= len(in.attrVals) {
			in.attrVals = append(in.attrVals, -1)
		}
		in.attrVals[id] = c.internValue(id, a.Value)
	}
}

// Attr returns the ID of the attribute name, interning it.
func (c *Cluster) Attr(name string) AttrID {
	if id, ok := c.attrIDs[name]; ok {
		return id
	}
	id := AttrID(len(c.attrNames))
	c.attrIDs[name] = id
	c.attrNames = append(c.attrNames, name)
	c.attrValIDs = append(c.attrValIDs, map[string]int32{})
	c.attrVals = append(c.attrVals, nil)
	return id
}

func (c *Cluster) internValue(a AttrID, v string) int32 {
	if id, ok := c.attrValIDs[a][v]; ok {
		return id
	}
	id := int32(len(c.attrVals[a]))
	c.attrValIDs[a][v] = id
	c.attrVals[a] = append(c.attrVals[a], v)
	return id
}

// AttrValueName returns the string of an interned value of attribute a.
func (c *Cluster) AttrValueName(a AttrID, v int32) string { return c.attrVals[a][v] }

// AttrValueCount returns how many distinct values attribute a has taken.
func (c *Cluster) AttrValueCount(a AttrID) int { return len(c.attrVals[a]) }

// Group returns the ID of a task group name, interning it.
func (c *Cluster) Group(name string) GroupID {
	if id, ok := c.groupIDs[name]; ok {
		return id
	}
	id := GroupID(len(c.groupNames))
	c.groupIDs[name] = id
	c.groupNames = append(c.groupNames, name)
	return id
}

// GroupName returns the name of group g.
func (c *Cluster) GroupName(g GroupID) string { return c.groupNames[g] }

// TrackSpread asks the cluster to count, per task group, the tasks on
// instances with each value of attribute a, for spread placement on a.
// Call it before placing tasks.
func (c *Cluster) TrackSpread(a AttrID) {
	if !slices.Contains(c.tracked, a) {
		c.tracked = append(c.tracked, a)
	}
}

// SpreadCount returns the number of group g's tasks on instances whose
// attribute a has value v; v = -1 counts the instances without the attribute,
// which spread treats as one more value. Attribute a must be tracked
// (TrackSpread).
func (c *Cluster) SpreadCount(g GroupID, a AttrID, v int32) int {
	counts := c.spread[spreadKey{g, a}]
	slot := int(v) + 1
	if slot < 0 || slot >= len(counts) {
		return 0
	}
	return int(counts[slot])
}

// NewTask creates a task of def in group g, submitted at now, in state
// PROVISIONING and on no instance.
func (c *Cluster) NewTask(def *TaskDefinition, g GroupID, now sim.Time) *Task {
	t := c.tasks.alloc()
	c.taskSeq++
	t.Seq = c.taskSeq
	t.Def = def
	t.Group = g
	t.State = Provisioning
	t.Instance = NoInstance
	t.Provider = -1
	t.Zone = -1
	t.SubmittedAt = now
	t.Duration = -1
	c.states[Provisioning]++
	return t
}

// Task returns the task in slot id.
func (c *Cluster) Task(id TaskID) *Task { return c.tasks.get(id) }

// TaskSeq returns the number of tasks created so far.
func (c *Cluster) TaskSeq() int64 { return c.taskSeq }

// SetTaskState moves t to state s, keeping the per-state counts and the
// instance's runningTasksCount.
func (c *Cluster) SetTaskState(t *Task, s TaskState) {
	if t.State == s {
		return
	}
	if t.Instance != NoInstance {
		in := c.instances[t.Instance]
		if t.State == Running {
			in.running--
		}
		if s == Running {
			in.running++
		}
	}
	c.states[t.State]--
	c.states[s]++
	t.State = s
}

// FreeTask returns a STOPPED task's slot for reuse. t must be STOPPED.
func (c *Cluster) FreeTask(t *Task) {
	if t.State != Stopped || t.Instance != NoInstance {
		panic("cluster: FreeTask of a task that is not stopped and unplaced")
	}
	c.states[Stopped]--
	c.tasks.release(t)
}

// DiscardTask frees a task that was never submitted (a service task that
// found no capacity: ECS creates none) and gives its number back, so that
// task numbers stay consecutive. t must be the last task created and on no
// instance.
func (c *Cluster) DiscardTask(t *Task) {
	if t.Seq == c.taskSeq {
		c.taskSeq--
	}
	c.SetTaskState(t, Stopped)
	c.FreeTask(t)
}

// Place reserves t's requirements on in and records t there. It returns
// ErrDoesNotFit, changing nothing, if in lacks any resource: an instance can
// never be over-committed. Place does not check the instance's status.
func (c *Cluster) Place(t *Task, in *Instance) error {
	if t.Instance != NoInstance {
		panic("cluster: Place of a task that is already placed")
	}
	req := t.Req()
	if r := in.Lacks(req); r != ResourceNone {
		return fmt.Errorf("%w: %s on %s", ErrDoesNotFit, r, in.EC2InstanceID)
	}
	in.Reserved = in.Reserved.Add(req.Resources)
	if len(req.StaticPorts) > 0 {
		in.ports = append(in.ports, req.StaticPorts...)
		slices.Sort(in.ports)
	}
	in.dynUsed += req.DynamicPorts
	in.eniUsed += req.ENIs
	t.Instance = in.ID
	t.slot = int32(len(in.tasks))
	in.tasks = append(in.tasks, t.ID)
	if !t.Daemon() {
		in.nonDaemon++
		if in.nonDaemon == 1 && in.Status.Registered() {
			c.providerCount(in, 0, 1)
		}
	}
	if t.State == Running {
		in.running++
	}
	c.countGroup(in, t.Group, 1)
	if in.Status.Registered() {
		c.totals.Reserved = c.totals.Reserved.Add(req.Resources)
	}
	c.changed(in)
	return nil
}

// Unplace releases everything t holds on its instance.
func (c *Cluster) Unplace(t *Task) {
	if t.Instance == NoInstance {
		return
	}
	in := c.instances[t.Instance]
	req := t.Req()
	in.Reserved = in.Reserved.Sub(req.Resources)
	for _, p := range req.StaticPorts {
		if i, ok := slices.BinarySearch(in.ports, p); ok {
			in.ports = slices.Delete(in.ports, i, i+1)
		}
	}
	in.dynUsed -= req.DynamicPorts
	in.eniUsed -= req.ENIs
	last := len(in.tasks) - 1
	moved := in.tasks[last]
	in.tasks[t.slot] = moved
	c.tasks.get(moved).slot = t.slot
	in.tasks = in.tasks[:last]
	if !t.Daemon() {
		in.nonDaemon--
		if in.nonDaemon == 0 && in.Status.Registered() {
			c.providerCount(in, 0, -1)
		}
	}
	if t.State == Running {
		in.running--
	}
	c.countGroup(in, t.Group, -1)
	if in.Status.Registered() {
		c.totals.Reserved = c.totals.Reserved.Sub(req.Resources)
	}
	t.Instance = NoInstance
	c.changed(in)
}

func (c *Cluster) countGroup(in *Instance, g GroupID, d int32) {
	found := false
	for i := range in.groups {
		if in.groups[i].g == g {
			in.groups[i].n += d
			if in.groups[i].n == 0 {
				in.groups = slices.Delete(in.groups, i, i+1)
			}
			found = true
			break
		}
	}
	if !found {
		in.groups = append(in.groups, groupCount{g, d})
	}
	c.countSpread(in, g, d)
}

// countSpread adds d to group g's count at in's value of every tracked
// attribute.
func (c *Cluster) countSpread(in *Instance, g GroupID, d int32) {
	for _, a := range c.tracked {
		// Slot 0 counts instances without the attribute; value v is at v+1.
		slot := int(in.AttrValue(a)) + 1
		k := spreadKey{g, a}
		counts := c.spread[k]
		for slot >= len(counts) {
			counts = append(counts, 0)
		}
		counts[slot] += d
		c.spread[k] = counts
	}
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
