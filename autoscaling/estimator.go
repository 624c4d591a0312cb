package autoscaling

import (
	"math"
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TaskGroup is a number of PROVISIONING tasks with identical requirements
// (docs/model.md §1.3 step 2).
type TaskGroup struct {
	Req   *cluster.Requirements
	Count int
	// PerInstance caps the group's tasks per instance (1 for a
	// distinctInstance constraint, the one constraint the estimator can
	// honour, §1.3); 0 means no cap.
	PerInstance int
}

// Estimate is the result of the binpack-based capacity estimator.
type Estimate struct {
	// Instances is the "maximum calculated instance count": the instances
	// of the largest type the compatible tasks need, packed first-fit
	// decreasing.
	Instances int
	// Compatible and Incompatible count the tasks that fit, or not, on an
	// empty instance of the smallest type.
	Compatible, Incompatible int
}

// Bounds returns the capacity of an empty instance of the smallest and of
// the largest instance type of a group, per dimension (§1.3 step 3: the
// types are sorted per parameter and the smallest and largest of each are
// selected). spec gives the other settings of the group's instances
// (reserved memory, trunking); its Type is ignored.
//
// Example: m5.large (2048 CPU, 7987 MiB, 2 ENIs) and r5.large (2048 CPU,
// 15974 MiB, 2 ENIs) give smallest 2048/7987 and largest 2048/15974.
func Bounds(types []*cluster.InstanceType, spec cluster.InstanceSpec) (smallest, largest cluster.Capacity) {
	caps := make([]cluster.Capacity, len(types))
	for i, t := range types {
		spec.Type = t
		caps[i] = cluster.EmptyCapacity(spec)
	}
	return BoundsOf(caps)
}

// BoundsOf returns the per-dimension minimum and maximum of the capacities
// of empty instances (see Bounds). The reserved ports of the first are kept.
func BoundsOf(caps []cluster.Capacity) (smallest, largest cluster.Capacity) {
	for i, c := range caps {
		if i == 0 {
			smallest, largest = cloneCapacity(c), cloneCapacity(c)
			continue
		}
		smallest.Free.CPU = min(smallest.Free.CPU, c.Free.CPU)
		smallest.Free.MemoryMiB = min(smallest.Free.MemoryMiB, c.Free.MemoryMiB)
		smallest.Free.GPUs = min(smallest.Free.GPUs, c.Free.GPUs)
		smallest.ENIFree = min(smallest.ENIFree, c.ENIFree)
		smallest.DynamicFree = min(smallest.DynamicFree, c.DynamicFree)
		largest.Free.CPU = max(largest.Free.CPU, c.Free.CPU)
		largest.Free.MemoryMiB = max(largest.Free.MemoryMiB, c.Free.MemoryMiB)
		largest.Free.GPUs = max(largest.Free.GPUs, c.Free.GPUs)
		largest.ENIFree = max(largest.ENIFree, c.ENIFree)
		largest.DynamicFree = max(largest.DynamicFree, c.DynamicFree)
	}
	return smallest, largest
}

// EstimateInstances is the binpack-based capacity estimator of ECS managed
// scaling (docs/model.md §1.3; docs/model.md §14): a task that does not fit on
// an empty instance of the smallest type is incompatible and left out; the
// compatible tasks of all groups are packed together, first-fit decreasing,
// onto empty instances of the largest type, with the same fit rules as
// placement (cluster.Capacity). It is a pure function.
//
// Groups are ordered by decreasing size, size being the task's share of the
// largest instance's CPU plus its share of memory (as cluster-autoscaler's
// estimator orders pods), ties kept in input order. Packing identical tasks
// first-fit into bins is the same as filling each open bin in turn with as
// many as fit and then opening new ones, which is what this does, so the cost
// is O(groups × instances), not O(tasks × instances).
//
// Example (cluster-autoscaler's benchmark): 50,000 tasks of 50 CPU / 100 MiB
// and 1,000 of 95 CPU / 190 MiB on 1,000 CPU / 5,000 MiB instances: the
// large tasks fill 100 instances 10 each (950 CPU), which then take one small
// task each; the other 49,900 small tasks need 2,495 instances of 20: 2,595.
func EstimateInstances(groups []TaskGroup, smallest, largest cluster.Capacity) Estimate {
	return new(EstimateScratch).Estimate(groups, smallest, largest)
}

// EstimateScratch is the estimator's working memory, kept between calls
// by a caller that estimates every minute (the world, per capacity
// provider), so that a long PROVISIONING queue is packed without
// allocating its sort keys, bins and tree anew each time. The zero value
// is ready to use; results do not depend on what it held before.
type EstimateScratch struct {
	order, tmp []sizeKey
	p          packer
}

// Estimate is EstimateInstances with s's memory.
func (s *EstimateScratch) Estimate(groups []TaskGroup, smallest, largest cluster.Capacity) Estimate {
	var est Estimate
	order := s.order[:0]
	for i, g := range groups {
		if g.Count <= 0 {
			continue
		}
		sm := smallest
		if sm.Count(g.Req, 1) == 0 {
			est.Incompatible += g.Count
			continue
		}
		est.Compatible += g.Count
		size := share(g.Req.CPU, largest.Free.CPU) + share(g.Req.MemoryMiB, largest.Free.MemoryMiB)
		order = append(order, sizeKey{^math.Float64bits(size), int32(i)})
	}
	s.order = order
	s.tmp = slices.Grow(s.tmp[:0], len(order))[:len(order)]
	order = sortBySize(order, s.tmp)
	s.p.reset(largest)
	for _, k := range order {
		s.p.pack(groups[k.i])
	}
	est.Instances = len(s.p.bins)
	return est
}

// sizeKey is a group's size as a key that orders decreasing sizes first
// (the complement of the size's bits: for non-negative floats, IEEE 754
// bits order as the values do) and its index in the input.
type sizeKey struct {
	key uint64
	i   int32
}

// sortBySize orders keys by key, ties in input order, using tmp (as long
// as keys) as scratch, and returns the sorted slice (keys or tmp). It is a
// least-significant-digit radix sort, a byte a pass: stable, so ties keep
// their input order, and linear, where a comparison sort of the thousands
// of sizes a long PROVISIONING queue holds took most of the estimate. A
// pass whose byte is the same in every key is skipped.
//
// Example: keys 0x0201, 0x0102, 0x0201 (inputs 0, 1, 2): the low byte
// orders them 0, 2 (0x01) before 1 (0x02); the next byte puts 1 (0x01)
// first, 0 and 2 keeping their order: 1, 0, 2.
func sortBySize(keys, tmp []sizeKey) []sizeKey {
	for shift := uint(0); shift < 64; shift += 8 {
		var count [257]int
		for _, k := range keys {
			count[(k.key>>shift)&0xff+1]++
		}
		if slices.Contains(count[1:], len(keys)) {
			continue // every key has the same byte here
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, k := range keys {
			d := (k.key >> shift) & 0xff
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

func share(need, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return float64(need) / float64(total)
}

// packer packs groups first fit onto bins. First fit scans the bins in
// order for the first that takes a task; a tree of the bins' largest free
// CPU and memory (fitTree) finds it without visiting the bins that are too
// full, so packing costs O(log bins) per bin taken, not O(bins): the same
// bins, found faster.
type packer struct {
	largest cluster.Capacity
	bins    []cluster.Capacity
	tree    fitTree
}

// reset empties the packer for bins of the largest type.
func (p *packer) reset(largest cluster.Capacity) {
	p.largest, p.bins = largest, p.bins[:0]
	p.tree.reset()
}

// pack adds a group's tasks to the bins, first fit, opening empty bins of
// the largest type as needed.
func (p *packer) pack(g TaskGroup) {
	left := g.Count
	limit := left
	if g.PerInstance > 0 {
		limit = g.PerInstance
	}
	for from := 0; left > 0; {
		b := p.tree.first(from, g.Req.CPU, g.Req.MemoryMiB)
		if b < 0 {
			break
		}
		bin := &p.bins[b]
		n := bin.Count(g.Req, min(left, limit))
		takeN(bin, g.Req, n)
		p.tree.set(b, bin.Free.CPU, bin.Free.MemoryMiB)
		left -= n
		from = b + 1
	}
	if left == 0 {
		return
	}
	per := p.largest.Count(g.Req, limit)
	if per == 0 {
		return // cannot happen for compatible tasks: largest >= smallest
	}
	for left > 0 {
		bin := cloneCapacity(p.largest)
		n := min(per, left)
		takeN(&bin, g.Req, n)
		p.bins = append(p.bins, bin)
		p.tree.set(len(p.bins)-1, bin.Free.CPU, bin.Free.MemoryMiB)
		left -= n
	}
}

// fitTree is a segment tree over the bins of their free CPU and memory:
// each node holds the largest of each in its range, so a range whose
// largest is short of a task holds no bin that takes it.
type fitTree struct {
	cpu, mem []int64 // node 1 is the root; leaves start at size
	size     int
}

// set records bin i's free CPU and memory, growing the tree as needed.
func (t *fitTree) set(i int, cpu, mem int64) {
	if i >= t.size {
		t.grow(i + 1)
	}
	n := t.size + i
	t.cpu[n], t.mem[n] = cpu, mem
	for n /= 2; n > 0; n /= 2 {
		t.cpu[n], t.mem[n] = max(t.cpu[2*n], t.cpu[2*n+1]), max(t.mem[2*n], t.mem[2*n+1])
	}
}

// reset marks every bin empty of room (-1), keeping the arrays.
func (t *fitTree) reset() {
	for i := range t.cpu {
		t.cpu[i], t.mem[i] = -1, -1
	}
}

// grow doubles the tree until it has room for n bins.
func (t *fitTree) grow(n int) {
	size := max(t.size, 16)
	for size < n {
		size *= 2
	}
	cpu, mem := make([]int64, 2*size), make([]int64, 2*size)
	for i := range cpu {
		cpu[i], mem[i] = -1, -1
	}
	copy(cpu[size:], t.cpu[t.size:])
	copy(mem[size:], t.mem[t.size:])
	t.cpu, t.mem, t.size = cpu, mem, size
	for n := size - 1; n > 0; n-- {
		t.cpu[n], t.mem[n] = max(t.cpu[2*n], t.cpu[2*n+1]), max(t.mem[2*n], t.mem[2*n+1])
	}
}

// first returns the first bin at or after from with at least cpu and mem
// free, or -1.
func (t *fitTree) first(from int, cpu, mem int64) int {
	if t.size == 0 {
		return -1
	}
	return t.find(1, 0, t.size, from, cpu, mem)
}

func (t *fitTree) find(node, lo, hi, from int, cpu, mem int64) int {
	if hi <= from || t.cpu[node] < cpu || t.mem[node] < mem {
		return -1
	}
	if hi-lo == 1 {
		return lo
	}
	mid := (lo + hi) / 2
	if r := t.find(2*node, lo, mid, from, cpu, mem); r >= 0 {
		return r
	}
	return t.find(2*node+1, mid, hi, from, cpu, mem)
}

func takeN(c *cluster.Capacity, req *cluster.Requirements, k int) {
	for ; k > 0; k-- {
		c.Take(req)
	}
}

func cloneCapacity(c cluster.Capacity) cluster.Capacity {
	c.Ports = slices.Clone(c.Ports)
	return c
}
