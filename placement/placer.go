package placement

import (
	"math/rand/v2"
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// Cluster is what a Placer needs from the cluster it places into;
// *cluster.Cluster implements it.
type Cluster interface {
	State
	TrackSpread(a cluster.AttrID)
	AddListener(l cluster.Listener)
}

// Stats count the Placer's work, so benchmarks and reports can show how many
// candidates placement examined and rejected.
type Stats struct {
	Placements int64 // Place calls that found an instance
	Misses     int64 // Place calls that found none
	Examined   int64 // candidates whose fit and constraints were checked
	Rejected   int64 // examined candidates that failed them
}

// Placer places tasks on the instances of one cluster. It keeps the set of
// schedulable instances (ACTIVE, agent connected) and, for the strategy chains
// it was prepared for, indexes ordered by free CPU or memory; it learns of
// every change through the cluster's Listener hook.
//
// Place returns the instance an exhaustive evaluation would choose: the
// candidates that fit and meet the constraints, ordered by the chain, ties
// broken uniformly at random with the Placer's own random stream. Only the
// number of random draws differs between the indexed and exhaustive paths.
type Placer struct {
	c       Cluster
	rng     *rand.Rand
	sched   []cluster.InstanceID
	pos     []int32 // by instance ID: index in sched, -1 if absent
	indexes []*levelIndex

	ties  []cluster.InstanceID
	ids   []cluster.InstanceID
	rank  []int64
	best  []int64
	parts []*levels
	lists [][]cluster.InstanceID
	cur   []int32
	pcs   []partCount

	// Stats accumulates over the Placer's life.
	Stats Stats
}

// NewPlacer returns a placer for c whose random tie-breaks draw from rng.
// It registers itself as a listener of c and indexes c's current instances.
func NewPlacer(c Cluster, rng *rand.Rand) *Placer {
	p := &Placer{c: c, rng: rng}
	c.AddListener(p)
	for _, in := range c.Instances() {
		p.InstanceChanged(in)
	}
	return p
}

// Prepare readies the placer for requests that use ch: it asks the cluster
// to count tasks per value of every spread attribute and builds the indexes
// that make ch fast. Call it for every chain before tasks are placed.
func (p *Placer) Prepare(ch Chain) {
	for _, a := range ch.spreadAttrs() {
		p.c.TrackSpread(a)
	}
	st := ch.strategies
	if len(st) == 0 {
		return
	}
	switch s0 := st[0].(type) {
	case binpack:
		p.ensureIndex(s0.dim, -1)
	case spreadAttribute:
		dim := DimMemory
		if len(st) > 1 {
			if b, ok := st[1].(binpack); ok {
				dim = b.dim
			}
		}
		p.ensureIndex(dim, s0.attr)
	}
}

func (p *Placer) ensureIndex(dim Dimension, attr cluster.AttrID) {
	if p.index(dim, attr) != nil {
		return
	}
	x := newLevelIndex(dim, attr)
	for _, in := range p.c.Instances() {
		x.update(in)
	}
	p.indexes = append(p.indexes, x)
}

func (p *Placer) index(dim Dimension, attr cluster.AttrID) *levelIndex {
	for _, x := range p.indexes {
		if x.dim == dim && x.attr == attr && !x.overflow {
			return x
		}
	}
	return nil
}

// InstanceChanged implements cluster.Listener.
func (p *Placer) InstanceChanged(in *cluster.Instance) {
	for int(in.ID) >= len(p.pos) {
		p.pos = append(p.pos, -1)
	}
	at := p.pos[in.ID]
	switch ok := in.Schedulable(); {
	case ok && at < 0:
		p.pos[in.ID] = int32(len(p.sched))
		p.sched = append(p.sched, in.ID)
	case !ok && at >= 0:
		last := len(p.sched) - 1
		moved := p.sched[last]
		p.sched[at] = moved
		p.pos[moved] = at
		p.sched = p.sched[:last]
		p.pos[in.ID] = -1
	}
	for _, x := range p.indexes {
		x.update(in)
	}
}

// Schedulable returns the number of instances that can take new tasks.
func (p *Placer) Schedulable() int { return len(p.sched) }

// Place chooses the instance for the task of r, or returns nil when no
// schedulable instance fits and meets the constraints. It does not reserve
// anything: the caller places the task with cluster.Place.
func (p *Placer) Place(r *Request) *cluster.Instance {
	id, ok := p.choose(r)
	if !ok {
		p.Stats.Misses++
		return nil
	}
	p.Stats.Placements++
	return p.c.Instances()[id]
}

func (p *Placer) choose(r *Request) (cluster.InstanceID, bool) {
	st := r.Chain.strategies
	if len(st) == 0 {
		return p.placeRandom(r)
	}
	switch s0 := st[0].(type) {
	case binpack:
		if x := p.index(s0.dim, -1); x != nil {
			return p.placeBinpack(r, x, x.parts[:min(1, len(x.parts))], s0.dim, st[1:])
		}
	case spreadAttribute:
		dim, rest := DimMemory, st[1:]
		b, next := Strategy(nil), false
		if len(rest) > 0 {
			b = rest[0]
		}
		if bp, ok := b.(binpack); ok {
			dim, next = bp.dim, true
		}
		if x := p.index(dim, s0.attr); x != nil {
			return p.placeSpread(r, x, s0, rest, next)
		}
	}
	return p.exhaustive(r, p.sched, st)
}

// feasible reports whether in fits r and meets its constraints, counting the
// examination.
func (p *Placer) feasible(in *cluster.Instance, r *Request) bool {
	p.Stats.Examined++
	if in.Lacks(r.Req) != cluster.ResourceNone {
		p.Stats.Rejected++
		return false
	}
	for _, c := range r.Constraints {
		if !c.Check(in, r, p.c) {
			p.Stats.Rejected++
			return false
		}
	}
	return true
}

// exhaustive ranks every feasible instance of ids by chain and picks among
// the best uniformly at random.
func (p *Placer) exhaustive(r *Request, ids []cluster.InstanceID, chain []Strategy) (cluster.InstanceID, bool) {
	insts := p.c.Instances()
	p.ties = p.ties[:0]
	p.rank = slices.Grow(p.rank[:0], len(chain))[:len(chain)]
	p.best = slices.Grow(p.best[:0], len(chain))[:len(chain)]
	for _, id := range ids {
		in := insts[id]
		if !p.feasible(in, r) {
			continue
		}
		for k, s := range chain {
			p.rank[k] = s.Rank(in, r, p.c)
		}
		switch c := slices.Compare(p.rank, p.best); {
		case len(p.ties) == 0 || c < 0:
			copy(p.best, p.rank)
			p.ties = append(p.ties[:0], id)
		case c == 0:
			p.ties = append(p.ties, id)
		}
	}
	return p.pick(p.ties)
}

// pick returns one of ties uniformly at random (ties are put in ID order
// first, so the choice does not depend on index internals).
func (p *Placer) pick(ties []cluster.InstanceID) (cluster.InstanceID, bool) {
	switch len(ties) {
	case 0:
		return cluster.NoInstance, false
	case 1:
		return ties[0], true
	}
	slices.Sort(ties)
	return ties[p.rng.IntN(len(ties))], true
}

// rejectionTries is how many uniform draws placement tries before it falls
// back to scanning the whole set; the result is uniform over the feasible
// members either way.
const rejectionTries = 16

// placeRandom picks uniformly among the feasible schedulable instances: by
// rejection sampling, then by a scan when sampling keeps missing.
func (p *Placer) placeRandom(r *Request) (cluster.InstanceID, bool) {
	n := len(p.sched)
	if n == 0 {
		return cluster.NoInstance, false
	}
	insts := p.c.Instances()
	if n > 1 {
		for try := 0; try < rejectionTries; try++ {
			id := p.sched[p.rng.IntN(n)]
			if p.feasible(insts[id], r) {
				return id, true
			}
		}
	}
	return p.exhaustive(r, p.sched, nil)
}
