package reports

import (
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// gonumQuantiles is the summary as it was computed from every wait kept:
// gonum's empirical quantiles over the sorted list.
func gonumQuantiles(xs []float64) Quantiles {
	if len(xs) == 0 {
		return Quantiles{}
	}
	slices.Sort(xs)
	q := func(p float64) float64 { return round(stat.Quantile(p, stat.Empirical, xs, nil), 3) }
	return Quantiles{Mean: round(stat.Mean(xs, nil), 3), P50: q(0.5), P95: q(0.95), P99: q(0.99), Max: round(xs[len(xs)-1], 3)}
}

// TestWaitsMatchGonum: counting the zero waits instead of keeping them
// gives gonum's empirical quantiles and mean over the full list, for runs
// where no task, some or every task waited.
func TestWaitsMatchGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		n := 1 + r.IntN(300)
		zeroShare := []float64{0, 0.5, 0.9, 1}[trial%4]
		var w waits
		all := make([]float64, 0, n)
		for range n {
			x := 0.0
			if r.Float64() >= zeroShare {
				x = float64(r.IntN(100000)) / 1000 * r.ExpFloat64()
			}
			w.add(x)
			all = append(all, x)
		}
		if got, want := w.quantiles(), gonumQuantiles(all); got != want {
			t.Fatalf("trial %d (n %d, zero share %v): %+v, want %+v", trial, n, zeroShare, got, want)
		}
	}
	var none waits
	if none.quantiles() != (Quantiles{}) {
		t.Error("no waits: want the zero summary")
	}
}

// TestWaitsKeepOnlyNonZero: a million tasks that found room at once cost
// a counter, not a list.
func TestWaitsKeepOnlyNonZero(t *testing.T) {
	var w waits
	for range 1_000_000 {
		w.add(0)
	}
	w.add(2.5)
	if len(w.nonZero) != 1 || w.n() != 1_000_001 {
		t.Fatalf("kept %d waits for %d", len(w.nonZero), w.n())
	}
	if q := w.quantiles(); q.P99 != 0 || q.Max != 2.5 || q.Mean != 0 {
		t.Errorf("%+v", q)
	}
}
