package placement

import (
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// placeBinpack walks the levels of the given partitions of the plan's index
// upwards from the task's requirement (no instance below it can fit) and
// stops at the first level holding a feasible instance: with binpack first,
// the best candidates are the feasible instances with the least free amount
// of the binpack dimension. rest, the remainder of the chain, breaks their
// ties. Levels where no member has enough of the other dimension are skipped
// unseen.
func (p *Placer) placeBinpack(r *Request, pl *plan, parts []*levels, rest []Strategy) (cluster.InstanceID, bool) {
	x := pl.x
	from := x.keyOf(x.dim.need(r.Req))
	needOther := x.dim.other().need(r.Req)
	p.cur = slices.Grow(p.cur[:0], len(parts))[:len(parts)]
	cur := p.cur
	for i, lv := range parts {
		cur[i] = -1
		if lv != nil {
			cur[i] = lv.nextFit(from, needOther)
		}
	}
	for {
		key := int32(-1)
		for _, k := range cur {
			if k >= 0 && (key < 0 || k < key) {
				key = k
			}
		}
		if key < 0 {
			return cluster.NoInstance, false
		}
		p.lists = p.lists[:0]
		for i, lv := range parts {
			if cur[i] != key {
				continue
			}
			p.lists = append(p.lists, lv.lists[key])
			cur[i] = lv.nextFit(key+1, needOther)
		}
		var id cluster.InstanceID
		var ok bool
		if x.shift == 0 && len(rest) == 0 {
			// A level is an exact tie set: pick uniformly among its
			// feasible members.
			id, ok = p.sample(r, pl)
		} else {
			id, ok = p.bestInLevel(r, pl, rest)
		}
		if ok {
			return id, true
		}
	}
}

// bestInLevel finds the feasible members of p.lists with the least free
// amount of the index dimension and lets rest break their ties.
func (p *Placer) bestInLevel(r *Request, pl *plan, rest []Strategy) (cluster.InstanceID, bool) {
	insts := p.c.Instances()
	dim := pl.x.dim
	p.ids = p.ids[:0]
	best := int64(-1)
	for _, list := range p.lists {
		for _, id := range list {
			in := insts[id]
			if !p.feasible(in, r, pl.dynamic) {
				continue
			}
			v := dim.free(in)
			if best < 0 || v < best {
				best = v
				p.ids = p.ids[:0]
			}
			if v == best {
				p.ids = append(p.ids, id)
			}
		}
	}
	if len(rest) == 0 || len(p.ids) <= 1 {
		return p.pick(p.ids)
	}
	return p.rankTies(r, p.ids, rest)
}

// sample picks uniformly among the feasible members of p.lists: by
// rejection sampling first, then by a scan. Members short of the other
// dimension are rejected from the index's own record, without touching the
// instance.
func (p *Placer) sample(r *Request, pl *plan) (cluster.InstanceID, bool) {
	insts := p.c.Instances()
	where := pl.x.where
	needOther := pl.x.dim.other().need(r.Req)
	total := 0
	for _, l := range p.lists {
		total += len(l)
	}
	if total > 1 {
		for try := 0; try < rejectionTries; try++ {
			u := p.rng.IntN(total)
			for _, l := range p.lists {
				if u < len(l) {
					id := l[u]
					if where[id].other < needOther {
						p.Stats.Examined++
						p.Stats.Rejected++
					} else if p.feasible(insts[id], r, pl.dynamic) {
						return id, true
					}
					break
				}
				u -= len(l)
			}
		}
	}
	p.ids = p.ids[:0]
	for _, l := range p.lists {
		for _, id := range l {
			if where[id].other < needOther {
				p.Stats.Examined++
				p.Stats.Rejected++
				continue
			}
			if p.feasible(insts[id], r, pl.dynamic) {
				p.ids = append(p.ids, id)
			}
		}
	}
	return p.pick(p.ids)
}

// rankTies ranks ids (all feasible) by chain and picks among the best.
func (p *Placer) rankTies(r *Request, ids []cluster.InstanceID, chain []Strategy) (cluster.InstanceID, bool) {
	insts := p.c.Instances()
	p.ties = p.ties[:0]
	p.rank = slices.Grow(p.rank[:0], len(chain))[:len(chain)]
	p.best = slices.Grow(p.best[:0], len(chain))[:len(chain)]
	for _, id := range ids {
		in := insts[id]
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

type partCount struct {
	count int
	slot  int
}

func comparePartCounts(a, b partCount) int {
	if a.count != b.count {
		return a.count - b.count
	}
	return a.slot - b.slot
}

// placeSpread orders the partitions of the plan's index (the values of the
// spread attribute) by the group's task count and tries them level by level:
// the partitions with the fewest tasks first, all partitions of equal count
// together (they tie on spread, so the next strategy chooses among them).
func (p *Placer) placeSpread(r *Request, pl *plan) (cluster.InstanceID, bool) {
	x := pl.x
	s0 := pl.chain[0].(spreadAttribute)
	rest := pl.chain[1:]
	binpackNext := false
	if len(rest) > 0 {
		b, ok := rest[0].(binpack)
		binpackNext = ok && b.dim == x.dim
	}
	pcs := p.pcs[:0]
	for slot, lv := range x.parts {
		if lv != nil && lv.n > 0 {
			pcs = append(pcs, partCount{p.c.SpreadCount(r.Group, s0.attr, int32(slot-1)), slot})
		}
	}
	p.pcs = pcs
	slices.SortFunc(pcs, comparePartCounts)
	for i := 0; i < len(pcs); {
		j := i
		p.parts = p.parts[:0]
		for j < len(pcs) && pcs[j].count == pcs[i].count {
			p.parts = append(p.parts, x.parts[pcs[j].slot])
			j++
		}
		var id cluster.InstanceID
		var ok bool
		switch {
		case binpackNext:
			id, ok = p.placeBinpack(r, pl, p.parts, rest[1:])
		case pl.g != nil:
			p.slots = p.slots[:0]
			for _, pc := range pcs[i:j] {
				p.slots = append(p.slots, pc.slot)
			}
			id, ok = p.placeByCount(pl.g, p.slots, r, pl, rest[1:])
		default:
			id, ok = p.exhaustive(r, pl, p.members(p.parts), rest)
		}
		if ok {
			return id, true
		}
		i = j
	}
	return cluster.NoInstance, false
}

// members lists every instance of the given partitions.
func (p *Placer) members(parts []*levels) []cluster.InstanceID {
	p.ids = p.ids[:0]
	for _, lv := range parts {
		for k := lv.next(0); k >= 0; k = lv.next(k + 1) {
			p.ids = append(p.ids, lv.lists[k]...)
		}
	}
	return p.ids
}
