package workloads

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// Arrival processes.
const (
	Poisson   = "poisson"
	Batch     = "batch"
	Diurnal   = "diurnal"
	Piecewise = "piecewise"
	OnOff     = "onoff"
	MMPP      = "mmpp"
)

// DefaultDiurnalPeriod is the period of a diurnal process whose Period is 0.
const DefaultDiurnalPeriod = 24 * time.Hour

// ArrivalSpec describes when RunTask requests arrive. Which fields apply
// depends on Process; the others are ignored:
//
//	poisson    RatePerMinute                              homogeneous Poisson
//	batch      At, Count                                  one request at At
//	diurnal    MinRatePerMinute, MaxRatePerMinute,
//	           Period, PeakAt                             sinusoidal rate (arrivals_rate.go)
//	piecewise  Rates, Repeat                              piecewise-linear rate (arrivals_rate.go)
//	onoff      RatePerMinute, On, Off, StartOff           Poisson bursts (arrivals_burst.go)
//	mmpp       States                                     Markov-modulated Poisson (arrivals_burst.go)
//
// Every process submits Count tasks per RunTask request (default 1; a batch
// requires it). All rates are in requests per minute.
type ArrivalSpec struct {
	// Process is the name of a registered process (Registry.Processes).
	Process string
	// RatePerMinute is the request rate, in requests per minute, of poisson
	// and of the ON periods of onoff. Must be finite and > 0.
	RatePerMinute float64
	// At is the offset from the scenario start of a batch. Must be >= 0.
	At time.Duration
	// Count is the number of tasks per RunTask request: >= 1, or 0 for the
	// default of 1 (a batch requires >= 1).
	Count int

	// MinRatePerMinute is the diurnal rate at the trough, in requests per
	// minute: finite, >= 0 and <= MaxRatePerMinute.
	MinRatePerMinute float64
	// MaxRatePerMinute is the diurnal rate at the peak, in requests per
	// minute: finite and > 0.
	MaxRatePerMinute float64
	// Period is the length of one diurnal cycle: > 0, or 0 for
	// DefaultDiurnalPeriod (24h).
	Period time.Duration
	// PeakAt is the offset of the first diurnal peak from the scenario start:
	// 0 <= PeakAt < Period. The troughs are half a period from the peaks.
	PeakAt time.Duration

	// Rates are the points of a piecewise rate, in order of At: the first at
	// At = 0, At strictly increasing, rates finite and >= 0, at least one > 0.
	// The rate is linear between points and constant after the last one.
	Rates []RatePoint
	// Repeat, when > 0, repeats the piecewise rate with that period: the rate
	// at t is the rate at t mod Repeat, which is the last point's rate from
	// the last At up to Repeat. It must then exceed the last At. 0 (the
	// default) does not repeat.
	Repeat time.Duration

	// On is the distribution of the length of the onoff ON periods, in
	// seconds (see DistSpec); its expected value must be > 0.
	On DistSpec
	// Off is the distribution of the length of the onoff OFF periods, in
	// seconds (see DistSpec); a constant 0 makes onoff a poisson process.
	Off DistSpec
	// StartOff starts an onoff process with an OFF period instead of an ON
	// period at t = 0.
	StartOff bool

	// States are the states of an mmpp process, at least 2; it starts in
	// States[0].
	States []MMPPState
}

// RatePoint is one point of a piecewise rate.
type RatePoint struct {
	// At is the offset from the scenario start (or from the start of the
	// cycle when the rate repeats).
	At time.Duration
	// RatePerMinute is the rate at At, in requests per minute.
	RatePerMinute float64
}

// MMPPState is one state of a Markov-modulated Poisson process.
type MMPPState struct {
	// RatePerMinute is the Poisson rate in the state, in requests per minute:
	// finite and >= 0.
	RatePerMinute float64
	// MeanDuration is the mean of the exponential time spent in the state on
	// each visit: > 0.
	MeanDuration time.Duration
}

// Validate reports what is wrong with s, if anything, as FieldErrors named
// by the scenario's keys (the built-in processes; Registry.CheckArrivals
// for others). For the poisson and batch processes it reports the first
// problem; for the others, all of them.
func (s ArrivalSpec) Validate() error { return NewRegistry().CheckArrivals(s) }

// validateCount reports a negative Count.
func (s ArrivalSpec) validateCount(errs *FieldErrors) {
	if s.Count < 0 {
		errs.Add("count", "must be >= 1, or 0 for 1 (got %d)", s.Count)
	}
}

// positive reports whether v is finite and > 0.
func positive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// nonNegative reports whether v is finite and >= 0.
func nonNegative(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }

// Arrivals generates the instants at which a workload submits tasks.
type Arrivals interface {
	// Next returns the first arrival after now (or at now for the first
	// call of a batch at t = 0, or when a gap rounds to 0 ns) and how many
	// tasks it submits; ok is false once the process has no more arrivals.
	// Callers pass non-decreasing values of now, normally the previous
	// arrival: onoff and mmpp keep their ON/OFF or state path and resume it
	// from its current period when now goes back.
	Next(now sim.Time) (at sim.Time, count int, ok bool)
}

// NewArrivals returns the arrival process of s drawing from src (the
// built-in processes; Registry.NewArrivals for others). How each process
// consumes src is documented on its type: poisson and the rate processes
// draw only from src as Next is called; onoff and mmpp draw two words from
// src at construction to seed their period path.
func NewArrivals(s ArrivalSpec, src rand.Source) (Arrivals, error) {
	return NewRegistry().NewArrivals(s, src)
}

// poisson arrivals: independent exponential gaps of mean 60/RatePerMinute
// seconds, each a RunTask request for count tasks.
type poisson struct {
	gap   distuv.Exponential
	count int
}

func (p poisson) Next(now sim.Time) (sim.Time, int, bool) {
	d := time.Duration(p.gap.Rand() * float64(time.Second))
	if d < 0 || now > sim.Time(math.MaxInt64)-sim.Time(d) {
		return 0, 0, false
	}
	return now.Add(d), p.count, true
}

// batch submits count tasks at one instant.
type batch struct {
	at    sim.Time
	count int
	done  bool
}

func (b *batch) Next(sim.Time) (sim.Time, int, bool) {
	if b.done {
		return 0, 0, false
	}
	b.done = true
	return b.at, b.count, true
}

// endOfTime is the last representable instant; no arrival is ever at or
// after it.
const endOfTime = sim.Time(math.MaxInt64)

// step returns t plus sec seconds, truncated to the nanosecond like the
// poisson gaps, and true if that is before end; otherwise end and false.
func step(t, end sim.Time, sec float64) (sim.Time, bool) {
	ns := sec * float64(time.Second)
	rem := end - t
	if !(ns < float64(rem)) {
		return end, false
	}
	if d := sim.Time(ns); d < rem {
		return t + d, true
	}
	return end, false
}

// after returns t + d, or endOfTime if that overflows. d >= 0.
func after(t sim.Time, d time.Duration) sim.Time {
	if sim.Time(d) > endOfTime-t {
		return endOfTime
	}
	return t + sim.Time(d)
}

// seconds converts a (possibly huge) number of seconds to a duration,
// rounding up so that a positive length is never 0 ns, and saturating at the
// longest duration.
func seconds(sec float64) time.Duration {
	ns := math.Ceil(sec * float64(time.Second))
	if !(ns < float64(math.MaxInt64)) {
		return math.MaxInt64
	}
	return time.Duration(max(ns, 0))
}
