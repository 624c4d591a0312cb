package workloads

import (
	"math"
	"testing"
	"time"
)

// TestCurvesWorkedExamples checks the doc comments' examples, derived by
// hand: the diurnal cosine (docs/model.md §2) and linear interpolation.
func TestCurvesWorkedExamples(t *testing.T) {
	h := time.Hour
	day := DiurnalCurve{Min: 10, Max: 30, Period: 24 * h, PeakAt: 12 * h}
	line := PiecewiseCurve{Times: []time.Duration{0, h}, Values: []float64{0, 60}}
	cyc := PiecewiseCurve{Times: []time.Duration{0, h}, Values: []float64{0, 60}, Cycle: 2 * h}
	late := PiecewiseCurve{Times: []time.Duration{h, 2 * h}, Values: []float64{5, 15}}
	for _, c := range []struct {
		name string
		c    Curve
		at   time.Duration
		want float64
	}{
		{"diurnal peak", day, 12 * h, 30},
		{"diurnal trough", day, 0, 10},
		{"diurnal trough next day", day, 24 * h, 10},
		{"diurnal quarter", day, 6 * h, 20},
		{"diurnal before peak, one period later", day, 42 * h, 20},
		{"diurnal default period", DiurnalCurve{Min: 0, Max: 2}, 12 * h, 0},
		{"piecewise at a point", line, 0, 0},
		{"piecewise midpoint", line, 30 * time.Minute, 30},
		{"piecewise after last", line, 5 * h, 60},
		{"piecewise before first", late, 0, 5},
		{"piecewise cycle tail", cyc, 90 * time.Minute, 60},
		{"piecewise cycle wraps", cyc, 2*h + 15*time.Minute, 15},
		{"piecewise empty", PiecewiseCurve{}, h, 0},
	} {
		if got := c.c.Value(c.at); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: Value(%v) = %v, want %v", c.name, c.at, got, c.want)
		}
	}
}
