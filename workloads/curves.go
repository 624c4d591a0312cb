package workloads

import (
	"math"
	"sort"
	"time"
)

// Curve is a value over simulated time: an arrival rate, or the load a
// service's target tracking sees (docs/model.md §2). Arrival processes and
// the service load model share these curves, so "diurnal" and "piecewise"
// mean the same shape everywhere.
type Curve interface {
	// Value returns the curve at t (t >= 0).
	Value(t time.Duration) float64
}

// DiurnalCurve is the cosine day curve
//
//	v(t) = Min + (Max − Min)·(1 + cos(2π(t − PeakAt)/Period))/2,
//
// Max at PeakAt (mod Period), Min half a period away. Period 0 means
// DefaultDiurnalPeriod.
//
// Example: Min 10, Max 30, Period 24h, PeakAt 12h: v(12h) = 30,
// v(0) = v(24h) = 10, v(6h) = 20.
type DiurnalCurve struct {
	Min, Max       float64
	Period, PeakAt time.Duration
}

// Value returns v(t).
func (d DiurnalCurve) Value(t time.Duration) float64 {
	period := d.Period
	if period <= 0 {
		period = DefaultDiurnalPeriod
	}
	x := float64((t-d.PeakAt)%period) / float64(period)
	return d.Min + (d.Max-d.Min)*(1+math.Cos(2*math.Pi*x))/2
}

// PiecewiseCurve is the piecewise-linear curve through the points (Times[i],
// Values[i]), Times strictly increasing: constant before the first point
// and after the last. With Cycle > 0 the curve repeats every Cycle (the
// points lie in [0, Cycle)); between the last point and Cycle it stays at
// the last value.
//
// Example: Times 0, 1h; Values 0, 60: v(30m) = 30, v(2h) = 60.
type PiecewiseCurve struct {
	Times  []time.Duration
	Values []float64
	Cycle  time.Duration
}

// Value returns the curve at t.
func (p PiecewiseCurve) Value(t time.Duration) float64 {
	if len(p.Times) == 0 {
		return 0
	}
	if p.Cycle > 0 {
		t %= p.Cycle
	}
	if t <= p.Times[0] {
		return p.Values[0]
	}
	i := sort.Search(len(p.Times), func(i int) bool { return p.Times[i] > t }) - 1
	return p.segment(i, t)
}

// segment returns the curve at t (in the cycle) inside segment i, the one
// from point i to point i+1 (or the tail after the last point).
func (p PiecewiseCurve) segment(i int, t time.Duration) float64 {
	if i+1 == len(p.Times) || p.Values[i] == p.Values[i+1] {
		return p.Values[i]
	}
	x := float64(t-p.Times[i]) / float64(p.Times[i+1]-p.Times[i])
	return p.Values[i] + (p.Values[i+1]-p.Values[i])*x
}
