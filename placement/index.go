package placement

import (
	"math/bits"
	"strings"

	"github.com/ecsim/ecsim/sim/cluster"
)

// maxKeys bounds the number of levels per partition; free amounts above it
// are shifted right so that keys stay below it.
const maxKeys = 1 << 21

// maxPartitions is the most attribute values a partitioned index keeps; past
// it the index is abandoned and placement scans instead.
const maxPartitions = 64

// levelIndex holds the schedulable instances that meet a set of static
// constraints (constraints whose result depends only on the instance's
// attributes, such as memberOf on the instance type), ordered by their free
// amount of one dimension, optionally partitioned by the value of an attribute
// (for spread on that attribute).
//
// Within a partition, level k holds the instances whose free amount >> shift
// equals k, and a two-level bitmap finds the next non-empty level in a few
// word operations. With shift 0 a level is an exact tie set for binpack. Each
// level also keeps the maximum of its members' free amount of the other
// dimension (CPU for a memory index, memory for a CPU index), summarised per
// 64 and 4096 levels, so that levels that cannot fit a task's other
// requirement are skipped in a few steps.
type levelIndex struct {
	dim    Dimension
	attr   cluster.AttrID // -1: one partition
	filter []Constraint   // static constraints every member meets
	key    string         // identity of filter
	// distinct, when not noGroup, is the task group of a distinctInstance
	// constraint folded into the index: members run no task of it.
	distinct cluster.GroupID
	shift    uint
	parts    []*levels // by attribute value + 1 (0: attribute missing)
	where    []loc     // by instance ID
	all      []cluster.InstanceID
	allPos   []int32 // by instance ID: index in all, -1 if absent
	overflow bool    // too many partitions: unusable
	state    State
}

type loc struct {
	part, key, pos int32 // part -1: not indexed
	other          int64 // the member's free other dimension when last updated
}

// levels is one partition: the levels of free amount, and for each level,
// block of 64 levels and superblock of 64 blocks, the exact maximum of the
// members' free amount of the other dimension (-1 when empty), so that
// nextFit skips whole blocks that cannot fit a task.
type levels struct {
	lists    [][]cluster.InstanceID
	maxOther []int64  // per level
	atMax    []int32  // per level: members whose other == maxOther
	blockMax []int64  // per 64 levels
	superMax []int64  // per 4096 levels
	bits     []uint64 // bit k set: lists[k] non-empty
	sum      []uint64 // bit w set: bits[w] != 0
	n        int
}

func newLevelIndex(dim Dimension, attr cluster.AttrID, filter []Constraint, s State) *levelIndex {
	return &levelIndex{dim: dim, attr: attr, filter: filter, key: filterKey(filter), distinct: noGroup, state: s}
}

// noGroup is a levelIndex's distinct when it folds in no distinctInstance.
const noGroup cluster.GroupID = -1

// filterKey identifies a set of static constraints.
func filterKey(filter []Constraint) string {
	parts := make([]string, len(filter))
	for i, c := range filter {
		parts[i] = c.String()
	}
	return strings.Join(parts, " && ")
}

func (x *levelIndex) keyOf(free int64) int32 { return int32(free >> x.shift) }

func (x *levelIndex) member(in *cluster.Instance) bool {
	if !in.Schedulable() || x.distinct != noGroup && in.GroupCount(x.distinct) > 0 {
		return false
	}
	for _, c := range x.filter {
		if !c.Check(in, nil, x.state) {
			return false
		}
	}
	return true
}

// update moves in to where its current free amount, status and attributes
// put it.
func (x *levelIndex) update(in *cluster.Instance) {
	for int(in.ID) >= len(x.where) {
		x.where = append(x.where, loc{part: -1})
		x.allPos = append(x.allPos, -1)
	}
	want := loc{part: -1}
	if x.member(in) {
		free := x.dim.free(in)
		for free>>x.shift >= maxKeys {
			x.rebuild()
		}
		want.part = 0
		if x.attr >= 0 {
			want.part = in.AttrValue(x.attr) + 1
		}
		want.key = x.keyOf(free)
	}
	x.setMember(in.ID, want.part >= 0)
	cur := x.where[in.ID]
	other := x.dim.other().free(in)
	if cur.part == want.part && cur.key == want.key {
		if cur.part >= 0 && cur.other != other {
			lv := x.parts[cur.part]
			lv.dropOther(cur.key, cur.other, x)
			lv.addOther(cur.key, other)
			x.where[in.ID].other = other
		}
		return
	}
	if cur.part >= 0 {
		x.remove(in.ID, cur)
	}
	if want.part >= 0 {
		x.insert(in.ID, want.part, want.key, other)
	}
}

func (x *levelIndex) setMember(id cluster.InstanceID, in bool) {
	at := x.allPos[id]
	switch {
	case in && at < 0:
		x.allPos[id] = int32(len(x.all))
		x.all = append(x.all, id)
	case !in && at >= 0:
		last := len(x.all) - 1
		moved := x.all[last]
		x.all[at] = moved
		x.allPos[moved] = at
		x.all = x.all[:last]
		x.allPos[id] = -1
	}
}

// addOther accounts for a member with free other dimension v joining level
// key.
func (lv *levels) addOther(key int32, v int64) {
	switch {
	case v > lv.maxOther[key]:
		lv.maxOther[key], lv.atMax[key] = v, 1
	case v == lv.maxOther[key]:
		lv.atMax[key]++
		return
	default:
		return
	}
	b := key >> 6
	lv.blockMax[b] = max(lv.blockMax[b], v)
	lv.superMax[b>>6] = max(lv.superMax[b>>6], v)
}

// dropOther accounts for a member with free other dimension v leaving level
// key (still listed or not), recomputing the maxima it held.
func (lv *levels) dropOther(key int32, v int64, x *levelIndex) {
	if v != lv.maxOther[key] {
		return
	}
	if lv.atMax[key]--; lv.atMax[key] > 0 {
		return
	}
	m, n := int64(-1), int32(0)
	insts := x.state.Instances()
	for _, id := range lv.lists[key] {
		if w := x.where[id]; w.key == key && w.part >= 0 && x.parts[w.part] == lv {
			switch o := w.other; {
			case o > m:
				m, n = o, 1
			case o == m:
				n++
			}
		}
	}
	_ = insts
	lv.maxOther[key], lv.atMax[key] = m, n
	b := key >> 6
	bm := int64(-1)
	for _, o := range lv.maxOther[b<<6 : min(int(b+1)<<6, len(lv.maxOther))] {
		bm = max(bm, o)
	}
	lv.blockMax[b] = bm
	sb := b >> 6
	sm := int64(-1)
	for _, o := range lv.blockMax[sb<<6 : min(int(sb+1)<<6, len(lv.blockMax))] {
		sm = max(sm, o)
	}
	lv.superMax[sb] = sm
}

func (x *levelIndex) insert(id cluster.InstanceID, part, key int32, other int64) {
	for int(part) >= len(x.parts) {
		x.parts = append(x.parts, nil)
	}
	if x.parts[part] == nil {
		if len(x.parts) > maxPartitions+1 {
			x.overflow = true
		}
		x.parts[part] = &levels{}
	}
	lv := x.parts[part]
	for int(key) >= len(lv.lists) {
		lv.lists = append(lv.lists, nil)
		lv.maxOther = append(lv.maxOther, -1)
		lv.atMax = append(lv.atMax, 0)
	}
	for int(key)>>6 >= len(lv.bits) {
		lv.bits = append(lv.bits, 0)
		lv.blockMax = append(lv.blockMax, -1)
	}
	for int(key)>>12 >= len(lv.sum) {
		lv.sum = append(lv.sum, 0)
		lv.superMax = append(lv.superMax, -1)
	}
	x.where[id] = loc{part: part, key: key, pos: int32(len(lv.lists[key])), other: other}
	lv.addOther(key, other)
	lv.lists[key] = append(lv.lists[key], id)
	lv.bits[key>>6] |= 1 << (key & 63)
	lv.sum[key>>12] |= 1 << ((key >> 6) & 63)
	lv.n++
}

func (x *levelIndex) remove(id cluster.InstanceID, at loc) {
	lv := x.parts[at.part]
	list := lv.lists[at.key]
	last := len(list) - 1
	moved := list[last]
	list[at.pos] = moved
	x.where[moved].pos = at.pos
	lv.lists[at.key] = list[:last]
	x.where[id] = loc{part: -1}
	lv.dropOther(at.key, at.other, x)
	lv.n--
	if last == 0 {
		w := at.key >> 6
		lv.bits[w] &^= 1 << (at.key & 63)
		if lv.bits[w] == 0 {
			lv.sum[w>>6] &^= 1 << (w & 63)
		}
	}
}

// rebuild re-keys every indexed instance with shift+1.
func (x *levelIndex) rebuild() {
	type entry struct {
		id    cluster.InstanceID
		part  int32
		key   int32
		other int64
	}
	var all []entry
	for p, lv := range x.parts {
		if lv == nil {
			continue
		}
		for k, list := range lv.lists {
			for _, id := range list {
				all = append(all, entry{id, int32(p), int32(k), x.where[id].other})
			}
		}
	}
	x.shift++
	x.parts = nil
	for i := range x.where {
		x.where[i] = loc{part: -1}
	}
	for _, e := range all {
		// The shift grows by one, and (free >> s) >> 1 == free >> (s+1).
		x.insert(e.id, e.part, e.key>>1, e.other)
	}
}

// nextFit returns the first level at or after key holding a member whose
// free other dimension is at least need, or -1.
func (lv *levels) nextFit(key int32, need int64) int32 {
	for {
		key = lv.next(key)
		if key < 0 || lv.maxOther[key] >= need {
			return key
		}
		b := key >> 6
		switch {
		case lv.superMax[b>>6] < need:
			key = (b>>6 + 1) << 12
		case lv.blockMax[b] < need:
			key = (b + 1) << 6
		default:
			key++
		}
	}
}

// next returns the first non-empty level at or after key, or -1.
func (lv *levels) next(key int32) int32 {
	if key < 0 {
		key = 0
	}
	w := int(key >> 6)
	if w >= len(lv.bits) {
		return -1
	}
	if b := lv.bits[w] >> (key & 63); b != 0 {
		return key + int32(bits.TrailingZeros64(b))
	}
	// Scan the summary for the next non-empty word after w.
	w++
	for s := w >> 6; s < len(lv.sum); s++ {
		m := lv.sum[s]
		if s == w>>6 {
			m &= ^uint64(0) << (w & 63)
		}
		if m != 0 {
			word := s<<6 + bits.TrailingZeros64(m)
			return int32(word<<6 + bits.TrailingZeros64(lv.bits[word]))
		}
	}
	return -1
}
