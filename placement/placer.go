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

// Placer places tasks on the instances of one cluster. For every prepared
// request it keeps an index of the schedulable instances that meet the
// request's static constraints, ordered by free CPU or memory and partitioned
// by a spread attribute as the request's strategy chain needs; it learns of
// every change through the cluster's Listener hook.
//
// Place returns an instance an exhaustive evaluation would choose: one of the
// candidates that fit and meet the constraints and that the chain ranks best,
// chosen uniformly at random with the Placer's own random stream. Only the
// number of random draws differs between the indexed and exhaustive paths.
type Placer struct {
	c       Cluster
	src     *rand.PCG // rng's state, kept to undo a placement that fails
	rng     *rand.Rand
	indexes []*levelIndex

	ties  []cluster.InstanceID
	ids   []cluster.InstanceID
	rank  []int64
	best  []int64
	parts []*levels
	lists [][]cluster.InstanceID
	cur   []int32
	pcs   []partCount

	groups    []*groupIndex // spread(instanceId) by count (spreadindex.go)
	scanOnly  bool          // tests: rank every member, the reference
	oneSlot   [1]int        // the one partition of an unsplit groupIndex
	slots     []int
	explained []*explained // Explain's kept counts (explain_cache.go)
	scanned   [16]explainKey
	clock     uint64

	// Stats accumulates over the Placer's life.
	Stats Stats
}

// mode is how a plan finds candidates.
type mode uint8

const (
	modeScan           mode = iota // rank every member of the index
	modeRandom                     // uniform over the members
	modeBinpack                    // binpack first: walk the levels upwards
	modeSpread                     // spread on an attribute first: partitions by count
	modeSpreadInstance             // spread on the instance first: instances by count
)

// plan is how a prepared request is placed.
type plan struct {
	mode    mode
	x       *levelIndex
	dynamic []Constraint // constraints the index does not guarantee
	chain   []Strategy
	// g counts the group's tasks per instance when the chain starts with
	// spread(instanceId), or with spread(attribute), spread(instanceId).
	g *groupIndex
}

// NewPlacer returns a placer for c whose random tie-breaks draw from src.
// It registers itself as a listener of c.
func NewPlacer(c Cluster, src *rand.PCG) *Placer {
	p := &Placer{c: c, src: src, rng: rand.New(src)}
	c.AddListener(p)
	return p
}

// Prepare readies r: it asks the cluster to count tasks per value of every
// spread attribute of r's chain and builds the index that makes r fast.
// Place prepares unprepared requests itself, but spread counts are only exact
// for tasks placed after the chain's first Prepare, so prepare every request
// before placing any task.
func (p *Placer) Prepare(r *Request) {
	for _, a := range r.Chain.spreadAttrs() {
		p.c.TrackSpread(a)
	}
	static, dynamic := splitConstraints(r.Constraints)
	st := r.Chain.strategies
	pl := &plan{mode: modeScan, dynamic: dynamic, chain: st}
	dim, attr := DimMemory, cluster.AttrID(-1)
	if len(st) == 0 {
		pl.mode = modeRandom
	} else {
		switch s0 := st[0].(type) {
		case binpack:
			pl.mode, dim = modeBinpack, s0.dim
		case spreadAttribute:
			pl.mode, attr = modeSpread, s0.attr
			if len(st) > 1 {
				if b, ok := st[1].(binpack); ok {
					dim = b.dim
				}
				if _, ok := st[1].(spreadInstance); ok {
					pl.g = p.ensureGroupIndex(r.Group, s0.attr, static)
				}
			}
		case spreadInstance:
			pl.mode, pl.g = modeSpreadInstance, p.ensureGroupIndex(r.Group, -1, static)
		}
	}
	distinct := noGroup
	if pl.mode != modeSpreadInstance && pl.g == nil {
		pl.dynamic, distinct = p.foldDistinct(pl.dynamic, r.Group)
	}
	pl.x = p.ensureIndex(dim, attr, static, distinct)
	r.plan = pl
}

// maxDistinctIndexes bounds the indexes that fold in a distinctInstance
// constraint (one per task group): each is updated on every change of every
// instance, so past it the constraint is checked per candidate instead.
const maxDistinctIndexes = 8

// foldDistinct takes a distinctInstance constraint out of dynamic when an
// index of the instances running no task of group g can stand for it, so
// that binpack, random and spread on an attribute never look at the
// instances it excludes (issue 13: placement sub-linear for every
// constraint).
func (p *Placer) foldDistinct(dynamic []Constraint, g cluster.GroupID) ([]Constraint, cluster.GroupID) {
	i := slices.IndexFunc(dynamic, func(c Constraint) bool { _, ok := c.(distinctInstance); return ok })
	if i < 0 {
		return dynamic, noGroup
	}
	n := 0
	for _, x := range p.indexes {
		if x.distinct == g {
			return slices.Delete(slices.Clone(dynamic), i, i+1), g
		}
		if x.distinct != noGroup {
			n++
		}
	}
	if n >= maxDistinctIndexes {
		return dynamic, noGroup
	}
	return slices.Delete(slices.Clone(dynamic), i, i+1), g
}

func (p *Placer) ensureIndex(dim Dimension, attr cluster.AttrID, filter []Constraint, distinct cluster.GroupID) *levelIndex {
	key := filterKey(filter)
	for _, x := range p.indexes {
		if x.dim == dim && x.attr == attr && x.key == key && x.distinct == distinct {
			return x
		}
	}
	x := newLevelIndex(dim, attr, filter, p.c)
	x.distinct = distinct
	for _, in := range p.c.Instances() {
		x.update(in)
	}
	p.indexes = append(p.indexes, x)
	return x
}

// InstanceChanged implements cluster.Listener.
func (p *Placer) InstanceChanged(in *cluster.Instance) {
	for _, x := range p.indexes {
		x.update(in)
	}
	for _, x := range p.groups {
		x.update(in)
	}
	p.explainChanged(in)
}

// Place chooses the instance for the task of r, or returns nil when no
// schedulable instance fits and meets the constraints. It does not reserve
// anything: the caller places the task with cluster.Place.
func (p *Placer) Place(r *Request) *cluster.Instance {
	if r.plan == nil {
		p.Prepare(r)
	}
	saved := *p.src
	id, ok := p.choose(r, r.plan)
	if !ok {
		// A placement that finds no instance draws nothing: the stream is
		// where it was, so whether a caller tries a request that cannot fit
		// (or knows better and does not) changes no later placement.
		*p.src = saved
		p.Stats.Misses++
		return nil
	}
	p.Stats.Placements++
	return p.c.Instances()[id]
}

func (p *Placer) choose(r *Request, pl *plan) (cluster.InstanceID, bool) {
	x := pl.x
	switch {
	case p.scanOnly:
		return p.exhaustive(r, pl, x.all, pl.chain)
	case pl.mode == modeRandom:
		return p.placeRandom(r, pl)
	case pl.mode == modeBinpack:
		return p.placeBinpack(r, pl, x.parts[:min(1, len(x.parts))], pl.chain[1:])
	case pl.mode == modeSpread && !x.overflow:
		return p.placeSpread(r, pl)
	case pl.mode == modeSpreadInstance:
		return p.placeByCount(pl.g, p.oneSlot[:], r, pl, pl.chain[1:])
	}
	return p.exhaustive(r, pl, x.all, pl.chain)
}

// feasible reports whether in fits r and meets the given constraints,
// counting the examination.
func (p *Placer) feasible(in *cluster.Instance, r *Request, cons []Constraint) bool {
	p.Stats.Examined++
	if in.Lacks(r.Req) != cluster.ResourceNone {
		p.Stats.Rejected++
		return false
	}
	for _, c := range cons {
		if !c.Check(in, r, p.c) {
			p.Stats.Rejected++
			return false
		}
	}
	return true
}

// exhaustive ranks every feasible instance of ids by chain and picks among
// the best uniformly at random.
func (p *Placer) exhaustive(r *Request, pl *plan, ids []cluster.InstanceID, chain []Strategy) (cluster.InstanceID, bool) {
	insts := p.c.Instances()
	p.ties = p.ties[:0]
	p.rank = slices.Grow(p.rank[:0], len(chain))[:len(chain)]
	p.best = slices.Grow(p.best[:0], len(chain))[:len(chain)]
	for _, id := range ids {
		in := insts[id]
		if !p.feasible(in, r, pl.dynamic) {
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

// placeRandom picks uniformly among the feasible members of the plan's
// index: by rejection sampling, then by a scan when sampling keeps missing.
func (p *Placer) placeRandom(r *Request, pl *plan) (cluster.InstanceID, bool) {
	all := pl.x.all
	n := len(all)
	if n == 0 {
		return cluster.NoInstance, false
	}
	insts := p.c.Instances()
	if n > 1 {
		for try := 0; try < rejectionTries; try++ {
			id := all[p.rng.IntN(n)]
			if p.feasible(insts[id], r, pl.dynamic) {
				return id, true
			}
		}
	}
	return p.exhaustive(r, pl, all, nil)
}
