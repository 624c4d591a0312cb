package autoscaling

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// GroupConfig is an EC2 Auto Scaling group as a capacity provider uses it.
type GroupConfig struct {
	// InstanceTypes are the group's types in priority order (a mixed
	// instances policy).
	InstanceTypes []*cluster.InstanceType
	// Zones are the group's Availability Zones.
	Zones []string
	// MinSize, MaxSize and Desired bound and start the desired capacity.
	MinSize, MaxSize, Desired int
	// AllocationStrategy picks the type of each launch: "prioritized" (the
	// first type), "lowest-price" or "random".
	AllocationStrategy string
	// ManagedTerminationProtection keeps scale-in protection on every
	// instance that runs a non-daemon task (docs/model.md §4.3).
	ManagedTerminationProtection bool
}

// Group is the Auto Scaling group's own logic, a controller in the shape of
// Scaler: it keeps the desired capacity and the instances it holds
// (launched and not being terminated), and decides, one action at a time,
// which zone and type a launch takes and which instance a scale-in
// terminates (docs/model.md §3.2, §4.3); the world applies each action to
// the cluster and reports it back (Launched, Remove).
type Group struct {
	cfg       GroupConfig
	desired   int
	members   []member   // launch order
	zoneCount []int      // members per zone
	launches  []sim.Time // recent launch times, for the warm-up gate
	typeRand  *rand.Rand
	termRand  *rand.Rand
}

// member is an instance the group holds and its zone's index.
type member struct {
	id   cluster.InstanceID
	zone int
}

// NewGroup returns a group at its configured desired capacity holding no
// instance yet; typeRand draws the types of the random allocation strategy
// and termRand breaks ties between equally good terminations.
func NewGroup(cfg GroupConfig, typeRand, termRand *rand.Rand) *Group {
	return &Group{cfg: cfg, desired: cfg.Desired, zoneCount: make([]int, len(cfg.Zones)), typeRand: typeRand, termRand: termRand}
}

// Desired returns the desired capacity.
func (g *Group) Desired() int { return g.desired }

// SetDesired changes the desired capacity (target tracking's decision).
func (g *Group) SetDesired(d int) { g.desired = d }

// Bounds returns the group's minSize and maxSize.
func (g *Group) Bounds() (minSize, maxSize int) { return g.cfg.MinSize, g.cfg.MaxSize }

// SetBounds changes minSize and maxSize (a scheduled action); the caller
// keeps the desired capacity within them.
func (g *Group) SetBounds(minSize, maxSize int) { g.cfg.MinSize, g.cfg.MaxSize = minSize, maxSize }

// Size returns the instances the group holds: launched and not being
// terminated.
func (g *Group) Size() int { return len(g.members) }

// Short reports whether the group holds fewer instances than desired.
func (g *Group) Short() bool { return len(g.members) < g.desired }

// Excess reports whether the group holds more instances than desired.
func (g *Group) Excess() bool { return len(g.members) > g.desired }

// State is what target tracking sees of the group at now: its desired
// capacity and bounds, and how many of its launches are younger than
// warmup (§1.5 step 6).
func (g *Group) State(now sim.Time, warmup time.Duration) GroupState {
	keep := g.launches[:0]
	for _, t := range g.launches {
		if now.Sub(t) < warmup {
			keep = append(keep, t)
		}
	}
	g.launches = keep
	return GroupState{Desired: g.desired, Min: g.cfg.MinSize, Max: g.cfg.MaxSize, Warming: len(keep)}
}

// Launch is a launch the group asks for: an instance of Type in zone Zone
// (an index into GroupConfig.Zones).
type Launch struct {
	Type *cluster.InstanceType
	Zone int
}

// NextLaunch returns the next launch: the type the allocation strategy
// picks, in the zone with the fewest of the group's instances that is not
// down (Availability Zone balance, the first zone on ties); ok is false
// when every zone is down.
func (g *Group) NextLaunch(down func(zone string) bool) (l Launch, ok bool) {
	best := -1
	for z, n := range g.zoneCount {
		if down(g.cfg.Zones[z]) {
			continue
		}
		if best < 0 || n < g.zoneCount[best] {
			best = z
		}
	}
	if best < 0 {
		return Launch{}, false
	}
	return Launch{Type: g.chooseType(), Zone: best}, true
}

// chooseType picks a launch's type: prioritized takes the first type (the
// On-Demand default, §3.3), lowest-price the cheapest, random any.
func (g *Group) chooseType() *cluster.InstanceType {
	types := g.cfg.InstanceTypes
	switch g.cfg.AllocationStrategy {
	case "lowest-price":
		best := types[0]
		for _, t := range types[1:] {
			if t.PricePerHour < best.PricePerHour {
				best = t
			}
		}
		return best
	case "random":
		return types[g.typeRand.IntN(len(types))]
	}
	return types[0]
}

// Launched records that the world launched instance id for l at now.
func (g *Group) Launched(id cluster.InstanceID, l Launch, now sim.Time) {
	g.members = append(g.members, member{id, l.Zone})
	g.zoneCount[l.Zone]++
	g.launches = append(g.launches, now)
}

// Remove takes id out of the group (a scale-in chose it, or it failed or
// was reclaimed); it reports whether the group held it.
func (g *Group) Remove(id cluster.InstanceID) bool {
	i := slices.IndexFunc(g.members, func(m member) bool { return m.id == id })
	if i < 0 {
		return false
	}
	g.zoneCount[g.members[i].zone]--
	g.members = slices.Delete(g.members, i, i+1)
	return true
}

// Holds reports whether the group holds id.
func (g *Group) Holds(id cluster.InstanceID) bool {
	return slices.ContainsFunc(g.members, func(m member) bool { return m.id == id })
}

// Instances is the read-only view of the cluster a group needs.
type Instances interface {
	Instance(id cluster.InstanceID) *cluster.Instance
}

// Terminable reports whether the group may terminate in on scale-in: with
// managed termination protection only instances without non-daemon tasks
// lose their scale-in protection (§4.3); an instance whose agent never
// registered stays protected.
func (g *Group) Terminable(in *cluster.Instance) bool {
	return !g.cfg.ManagedTerminationProtection || in.Status == cluster.Active && in.Empty()
}

// NextTermination picks the instance a scale-in terminates at now (§3.2):
// in the zone with the most of the group's instances among those holding a
// terminable one, the instance closest to its next billing hour, then one
// of the ties at random; ok is false when none may go.
func (g *Group) NextTermination(now sim.Time, view Instances) (id cluster.InstanceID, ok bool) {
	zone, best := -1, -1
	var cands []*cluster.Instance
	for _, m := range g.members {
		in := view.Instance(m.id)
		if !g.Terminable(in) {
			continue
		}
		switch {
		case zone < 0 || g.zoneCount[m.zone] > best:
			zone, best = m.zone, g.zoneCount[m.zone]
			cands = append(cands[:0], in)
		case m.zone == zone:
			cands = append(cands, in)
		}
	}
	if len(cands) == 0 {
		return 0, false
	}
	intoHour := func(in *cluster.Instance) sim.Time { return (now - in.LaunchedAt) % sim.Hour }
	slices.SortStableFunc(cands, func(a, b *cluster.Instance) int {
		switch da, db := intoHour(a), intoHour(b); {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return int(a.ID - b.ID)
	})
	n := 1
	for n < len(cands) && intoHour(cands[n]) == intoHour(cands[0]) {
		n++
	}
	return cands[g.termRand.IntN(n)].ID, true
}
