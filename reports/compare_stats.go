package reports

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// interval is the mean of xs ± t·s/√n. Equal values give s = 0 exactly
// (gonum's mean of equal values can be off in the last bit).
func interval(xs []float64, t float64) Interval {
	mean, s := stat.MeanStdDev(xs, nil)
	if allEqual(xs) {
		mean, s = xs[0], 0
	}
	h := t * s / math.Sqrt(float64(len(xs)))
	return Interval{Mean: mean, CI95: [2]float64{mean - h, mean + h}}
}

// difference is the interval of the paired differences xs[k] − base[k].
func difference(xs, base []float64, t float64) Difference {
	d := make([]float64, len(xs))
	for k := range xs {
		d[k] = xs[k] - base[k]
	}
	in := interval(d, t)
	return Difference{Mean: in.Mean, CI95: in.CI95, Significant: in.CI95[0] > 0 || in.CI95[1] < 0}
}

// allEqual reports whether every value of xs (not empty) is equal.
func allEqual(xs []float64) bool {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return false
		}
	}
	return true
}
