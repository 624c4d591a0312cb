package world

// chooseItem picks the strategy item for the next task of a workload or
// service that has placed counts[i] tasks with item i so far (docs/model.md
// §8): first the base of the one item that has one, then the item furthest
// below its share, the share of item i being base_i + (tasks − Σ base) ×
// weight_i / Σ weight. Ties go to the earlier item (docs/model.md §14:
// largest-remainder split, ties to the earlier provider). For a batch of n
// tasks this is the largest-remainder split of n; for a stream of single
// tasks it keeps the running split as close to the weights as it can.
//
// Example (W-10): base 2 weight 1 and weight 3, 10 tasks → 4 and 6.
func chooseItem(items []StrategyItem, counts []int) int {
	for i, it := range items {
		if it.Base > counts[i] {
			return i
		}
	}
	total, bases, weights := 1, 0, 0
	for i, it := range items {
		total += counts[i]
		bases += it.Base
		weights += it.Weight
	}
	best, bestDeficit := -1, 0
	for i, it := range items {
		if it.Weight == 0 {
			continue
		}
		// deficit × weights, in integers: base·W + (total − B)·w − count·W.
		deficit := it.Base*weights + (total-bases)*it.Weight - counts[i]*weights
		if best < 0 || deficit > bestDeficit {
			best, bestDeficit = i, deficit
		}
	}
	return best
}
