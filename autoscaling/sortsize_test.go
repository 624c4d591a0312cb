package autoscaling

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortBySizeExample is the worked example of sortBySize's comment.
func TestSortBySizeExample(t *testing.T) {
	keys := []sizeKey{{0x0201, 0}, {0x0102, 1}, {0x0201, 2}}
	got := sortBySize(keys, make([]sizeKey, 3))
	want := []sizeKey{{0x0102, 1}, {0x0201, 0}, {0x0201, 2}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// TestSortBySizeIsStableSort holds the radix sort to a stable comparison
// sort of decreasing sizes, on random shares with many ties.
func TestSortBySizeIsStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for trial := range 100 {
		n := r.IntN(3000)
		keys := make([]sizeKey, n)
		for i := range keys {
			size := float64(r.IntN(50))/49 + r.Float64()*float64(r.IntN(2))
			keys[i] = sizeKey{^math.Float64bits(size), int32(i)}
		}
		want := slices.Clone(keys)
		slices.SortStableFunc(want, func(a, b sizeKey) int {
			return cmp.Compare(math.Float64frombits(^b.key), math.Float64frombits(^a.key))
		})
		if got := sortBySize(keys, make([]sizeKey, n)); !slices.Equal(got, want) {
			t.Fatalf("trial %d: radix order differs from the stable sort", trial)
		}
	}
}
