package placement

import (
	"math/bits"

	"github.com/ecsim/ecsim/sim/cluster"
)

// maxKeys bounds the number of levels per partition; free amounts above it
// are shifted right so that keys stay below it.
const maxKeys = 1 << 21

// maxPartitions is the most attribute values a partitioned index keeps; past
// it the index is abandoned and placement scans instead.
const maxPartitions = 64

// levelIndex orders the schedulable instances by their free amount of one
// dimension, optionally partitioned by the value of an attribute (for spread
// on that attribute). Within a partition, level k holds the instances whose
// free amount >> shift equals k, and a two-level bitmap finds the next
// non-empty level in a few word operations. With shift 0 a level is an exact
// tie set for binpack.
type levelIndex struct {
	dim      Dimension
	attr     cluster.AttrID // -1: one partition
	shift    uint
	parts    []*levels // by attribute value + 1 (0: attribute missing)
	where    []loc     // by instance ID
	overflow bool      // too many partitions: unusable
}

type loc struct {
	part, key, pos int32 // part -1: not indexed
}

type levels struct {
	lists [][]cluster.InstanceID
	bits  []uint64 // bit k set: lists[k] non-empty
	sum   []uint64 // bit w set: bits[w] != 0
	n     int
}

func newLevelIndex(dim Dimension, attr cluster.AttrID) *levelIndex {
	return &levelIndex{dim: dim, attr: attr}
}

func (x *levelIndex) keyOf(free int64) int32 { return int32(free >> x.shift) }

// update moves in to where its current free amount and status put it.
func (x *levelIndex) update(in *cluster.Instance) {
	for int(in.ID) >= len(x.where) {
		x.where = append(x.where, loc{part: -1})
	}
	want := loc{part: -1}
	if in.Schedulable() {
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
	cur := x.where[in.ID]
	if cur.part == want.part && cur.key == want.key {
		return
	}
	if cur.part >= 0 {
		x.remove(in.ID, cur)
	}
	if want.part >= 0 {
		x.insert(in.ID, want.part, want.key)
	}
}

func (x *levelIndex) insert(id cluster.InstanceID, part, key int32) {
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
	}
	for int(key)>>6 >= len(lv.bits) {
		lv.bits = append(lv.bits, 0)
	}
	for int(key)>>12 >= len(lv.sum) {
		lv.sum = append(lv.sum, 0)
	}
	x.where[id] = loc{part: part, key: key, pos: int32(len(lv.lists[key]))}
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
		id   cluster.InstanceID
		part int32
		key  int32
	}
	var all []entry
	for p, lv := range x.parts {
		if lv == nil {
			continue
		}
		for k, list := range lv.lists {
			for _, id := range list {
				all = append(all, entry{id, int32(p), int32(k)})
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
		x.insert(e.id, e.part, e.key>>1)
	}
}

// next returns the first non-empty level of part at or after key, or -1.
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

// part returns the levels of a partition slot, or nil.
func (x *levelIndex) part(slot int) *levels {
	if slot < len(x.parts) {
		return x.parts[slot]
	}
	return nil
}
