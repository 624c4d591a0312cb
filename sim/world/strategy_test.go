package world

import (
	"slices"
	"testing"

	"github.com/ecsim/ecsim/placement"
)

// TestChooseItemSplits checks the capacity provider strategy split against
// docs/model.md W-10 and §8.
func TestChooseItemSplits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items []StrategyItem
		tasks int
		want  []int
	}{
		// W-10: OD base 2 weight 1, Spot weight 3, 10 tasks → 4 and 6.
		{"base then 1:3", []StrategyItem{{Provider: 0, Base: 2, Weight: 1}, {Provider: 1, Weight: 3}}, 10, []int{4, 6}},
		// W-10: CP1 base 3 weight 1, CP2 weight 3, 7 tasks → 4 and 3.
		{"base 3 then 1:3", []StrategyItem{{Provider: 0, Base: 3, Weight: 1}, {Provider: 1, Weight: 3}}, 7, []int{4, 3}},
		// W-10: weights 1 and 4 → one on A for every four on B.
		{"1:4", []StrategyItem{{Provider: 0, Weight: 1}, {Provider: 1, Weight: 4}}, 10, []int{2, 8}},
		// Equal weights split evenly, ties to the earlier item.
		{"1:1 odd", []StrategyItem{{Provider: 0, Weight: 1}, {Provider: 1, Weight: 1}}, 5, []int{3, 2}},
		// Weight 0 gets only its base (§8).
		{"weight 0 with base", []StrategyItem{{Provider: 0, Base: 2}, {Provider: 1, Weight: 1}}, 6, []int{2, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			counts := make([]int, len(tc.items))
			for i := 0; i < tc.tasks; i++ {
				counts[chooseItem(tc.items, counts)]++
			}
			if !slices.Equal(counts, tc.want) {
				t.Fatalf("split %v, want %v", counts, tc.want)
			}
		})
	}
}

// plan compiles specs with the ECS strategies; tests only.
func plan(specs ...placement.Spec) placement.Plan {
	p, err := placement.NewRegistry().Compile(specs)
	if err != nil {
		panic(err)
	}
	return p
}
