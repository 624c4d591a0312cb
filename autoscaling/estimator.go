package autoscaling

import (
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
	var est Estimate
	order := make([]int, 0, len(groups))
	for i, g := range groups {
		if g.Count <= 0 {
			continue
		}
		s := smallest
		if s.Count(g.Req, 1) == 0 {
			est.Incompatible += g.Count
			continue
		}
		est.Compatible += g.Count
		order = append(order, i)
	}
	size := func(g TaskGroup) float64 {
		return share(g.Req.CPU, largest.Free.CPU) + share(g.Req.MemoryMiB, largest.Free.MemoryMiB)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		sa, sb := size(groups[a]), size(groups[b])
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	var bins []cluster.Capacity
	for _, i := range order {
		bins = pack(bins, groups[i], largest)
	}
	est.Instances = len(bins)
	return est
}

func share(need, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return float64(need) / float64(total)
}

// pack adds one group's tasks to the bins, first fit, opening empty bins of
// the largest type as needed.
func pack(bins []cluster.Capacity, g TaskGroup, largest cluster.Capacity) []cluster.Capacity {
	left := g.Count
	limit := left
	if g.PerInstance > 0 {
		limit = g.PerInstance
	}
	for i := range bins {
		if left == 0 {
			return bins
		}
		k := bins[i].Count(g.Req, min(left, limit))
		takeN(&bins[i], g.Req, k)
		left -= k
	}
	empty := largest
	per := empty.Count(g.Req, limit)
	if per == 0 {
		return bins // cannot happen for compatible tasks: largest >= smallest
	}
	for left > 0 {
		bin := cloneCapacity(largest)
		k := min(per, left)
		takeN(&bin, g.Req, k)
		bins = append(bins, bin)
		left -= k
	}
	return bins
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
