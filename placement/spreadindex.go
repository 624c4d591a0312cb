package placement

import (
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// groupIndex keeps, for one task group, the instances that may take its
// tasks (schedulable, meeting the request's static constraints) by how many
// of the group's tasks each runs: the ranks of spread(instanceId)
// (docs/model.md §5.3). With attr set the instances are also split by that
// attribute's value, for spread(attribute), spread(instanceId) chains such
// as a service's default (§5.1).
//
// Placing with it gives the choice an exhaustive scan gives: the scan's
// best instances are the feasible ones of the lowest count at which any is
// feasible, ranked by the rest of the chain, and ties are broken by the
// same draw over the same instances in ID order. But it looks only at the
// instances of that count: when tasks come and go, the lowest count holds
// the few instances a task just left, not the whole fleet.
type groupIndex struct {
	group  cluster.GroupID
	attr   cluster.AttrID
	filter []Constraint
	key    string
	state  State
	parts  [][][]cluster.InstanceID // [partition][count]: instances in ID order
	where  []groupLoc               // by instance
	// req is the task size whose misfits are counted: bad[part][count] of
	// the instances there lack room for it (lacks, by instance). With none
	// short of room and no other rule to apply, the choice at a count is
	// one draw, not a scan (see pickByCount).
	req   *cluster.Requirements
	lacks []bool
	bad   [][]int32
}

// groupLoc is where an instance is in a groupIndex (part -1: nowhere).
type groupLoc struct {
	part  int32
	count int32
}

// ensureGroupIndex returns the index of g split by attr (-1: not split)
// over the instances meeting filter, building it the first time.
func (p *Placer) ensureGroupIndex(g cluster.GroupID, attr cluster.AttrID, filter []Constraint) *groupIndex {
	key := filterKey(filter)
	for _, x := range p.groups {
		if x.group == g && x.attr == attr && x.key == key {
			return x
		}
	}
	x := &groupIndex{group: g, attr: attr, filter: filter, key: key, state: p.c}
	for _, in := range p.c.Instances() {
		x.update(in)
	}
	p.groups = append(p.groups, x)
	return x
}

// update moves in to where its status, attributes and count put it.
func (x *groupIndex) update(in *cluster.Instance) {
	for int(in.ID) >= len(x.where) {
		x.where, x.lacks = append(x.where, groupLoc{part: -1}), append(x.lacks, false)
	}
	want := groupLoc{part: -1}
	if x.member(in) {
		want.part, want.count = 0, int32(in.GroupCount(x.group))
		if x.attr >= 0 {
			want.part = in.AttrValue(x.attr) + 1
		}
	}
	cur := x.where[in.ID]
	lacks := x.req != nil && in.Lacks(x.req) != cluster.ResourceNone
	if cur == want && lacks == x.lacks[in.ID] {
		return
	}
	if cur.part >= 0 {
		b := x.parts[cur.part][cur.count]
		i, _ := slices.BinarySearch(b, in.ID)
		x.parts[cur.part][cur.count] = slices.Delete(b, i, i+1)
		if x.lacks[in.ID] {
			x.bad[cur.part][cur.count]--
		}
	}
	if want.part >= 0 {
		for int(want.part) >= len(x.parts) {
			x.parts, x.bad = append(x.parts, nil), append(x.bad, nil)
		}
		for int(want.count) >= len(x.parts[want.part]) {
			x.parts[want.part], x.bad[want.part] = append(x.parts[want.part], nil), append(x.bad[want.part], 0)
		}
		b := x.parts[want.part][want.count]
		i, _ := slices.BinarySearch(b, in.ID)
		x.parts[want.part][want.count] = slices.Insert(b, i, in.ID)
		if lacks {
			x.bad[want.part][want.count]++
		}
	}
	x.where[in.ID], x.lacks[in.ID] = want, lacks
}

// count makes x count the misfits of req (from now on, for every change).
func (x *groupIndex) count(req *cluster.Requirements, insts []*cluster.Instance) {
	x.req = req
	for _, row := range x.bad {
		clear(row)
	}
	for _, in := range insts {
		if int(in.ID) >= len(x.where) {
			continue
		}
		lacks := in.Lacks(req) != cluster.ResourceNone
		x.lacks[in.ID] = lacks
		if w := x.where[in.ID]; w.part >= 0 && lacks {
			x.bad[w.part][w.count]++
		}
	}
}

func (x *groupIndex) member(in *cluster.Instance) bool {
	if !in.Schedulable() {
		return false
	}
	for _, c := range x.filter {
		if !c.Check(in, nil, x.state) {
			return false
		}
	}
	return true
}

// placeByCount chooses among the instances of the given partitions
// (slots of x.parts): the lowest count at which one is feasible, ranked
// there by the rest of the chain.
func (p *Placer) placeByCount(x *groupIndex, slots []int, r *Request, pl *plan, rest []Strategy) (cluster.InstanceID, bool) {
	top := 0
	for _, s := range slots {
		if s < len(x.parts) {
			top = max(top, len(x.parts[s]))
		}
	}
	for k := range top {
		n := 0
		for _, s := range slots {
			if s < len(x.parts) && k < len(x.parts[s]) {
				n += len(x.parts[s][k])
			}
		}
		if n == 0 {
			continue
		}
		if id, found, ok := p.pickByCount(x, slots, k, n, r, pl, rest); ok {
			if found {
				return id, true
			}
			continue
		}
		p.ids = p.ids[:0]
		for _, s := range slots {
			if s < len(x.parts) && k < len(x.parts[s]) {
				p.ids = append(p.ids, x.parts[s][k]...)
			}
		}
		if id, ok := p.exhaustive(r, pl, p.ids, rest); ok {
			return id, true
		}
	}
	return cluster.NoInstance, false
}

// pickByCount chooses among the n instances of count k in the given
// partitions without looking at them, when it can: nothing but room
// decides (no other strategy, no dynamic constraint) and none of them lacks
// room for the task. The exhaustive scan would then find all of them
// feasible and tied, and draw one of them in ID order: the same draw picks
// the same instance here. ok is false when it cannot (scan instead); found
// is false when every instance at k lacks room.
func (p *Placer) pickByCount(x *groupIndex, slots []int, k, n int, r *Request, pl *plan, rest []Strategy) (id cluster.InstanceID, found, ok bool) {
	if len(rest) > 0 || len(pl.dynamic) > 0 {
		return 0, false, false
	}
	if x.req != r.Req {
		if x.req != nil {
			return 0, false, false // another size counted: scan
		}
		x.count(r.Req, p.c.Instances())
	}
	bad := int32(0)
	for _, s := range slots {
		if s < len(x.bad) && k < len(x.bad[s]) {
			bad += x.bad[s][k]
		}
	}
	switch {
	case int(bad) == n:
		p.Stats.Examined += int64(n)
		p.Stats.Rejected += int64(n)
		return 0, false, true
	case bad > 0:
		return 0, false, false
	}
	p.Stats.Examined++
	i := 0
	if n > 1 {
		i = p.rng.IntN(n)
	}
	return x.nth(slots, k, i), true, true
}

// nth returns the i-th smallest instance ID of count k over the given
// partitions, whose lists are each in ID order: the smallest ID v with
// more than i of them at or below it.
func (x *groupIndex) nth(slots []int, k, i int) cluster.InstanceID {
	var lists [][]cluster.InstanceID
	for _, s := range slots {
		if s < len(x.parts) && k < len(x.parts[s]) && len(x.parts[s][k]) > 0 {
			lists = append(lists, x.parts[s][k])
		}
	}
	if len(lists) == 1 {
		return lists[0][i]
	}
	lo, hi := cluster.InstanceID(0), cluster.InstanceID(len(x.where)-1)
	for lo < hi {
		mid := lo + (hi-lo)/2
		atOrBelow := 0
		for _, l := range lists {
			j, found := slices.BinarySearch(l, mid)
			if found {
				j++
			}
			atOrBelow += j
		}
		if atOrBelow > i {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
