package reports

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// waits are the seconds each task waited from submission to RUNNING
// (summary.json taskWaitSeconds). Most tasks of most runs wait 0 s: those
// are counted, not kept, so a run's memory does not grow with the tasks
// that found room at once; the others are kept exactly.
//
// The quantiles are the empirical ones (the lowest wait w such that at
// least a fraction p of the tasks waited w or less), exact: of n waits
// sorted, the one at index ceil(p·n) − 1.
type waits struct {
	zero    int64
	nonZero []float64
}

// add records one wait.
func (w *waits) add(seconds float64) {
	if seconds == 0 {
		w.zero++
		return
	}
	w.nonZero = append(w.nonZero, seconds)
}

// n returns the number of waits.
func (w *waits) n() int64 { return w.zero + int64(len(w.nonZero)) }

// quantiles summarises the waits (sorting the kept ones).
func (w *waits) quantiles() Quantiles {
	n := w.n()
	if n == 0 {
		return Quantiles{}
	}
	slices.Sort(w.nonZero)
	at := func(p float64) float64 {
		i := max(int64(math.Ceil(p*float64(n)))-1, 0)
		if i < w.zero {
			return 0
		}
		return w.nonZero[i-w.zero]
	}
	return Quantiles{Mean: round(floats.Sum(w.nonZero)/float64(n), 3), P50: round(at(0.5), 3), P95: round(at(0.95), 3),
		P99: round(at(0.99), 3), Max: round(at(1), 3)}
}
