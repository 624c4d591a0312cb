package workloads

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// Arrival processes.
const (
	Poisson = "poisson"
	Batch   = "batch"
)

// Processes lists the arrival processes, for error messages.
var Processes = []string{Poisson, Batch}

// ArrivalSpec describes when RunTask requests arrive.
//
//	poisson  RatePerMinute   requests per minute, exponential gaps, Count tasks each (default 1)
//	batch    At, Count       one request for Count tasks at time At
type ArrivalSpec struct {
	Process       string
	RatePerMinute float64
	At            time.Duration
	Count         int
}

// Validate reports what is wrong with s, if anything.
func (s ArrivalSpec) Validate() error {
	switch s.Process {
	case Poisson:
		if !(s.RatePerMinute > 0) || math.IsInf(s.RatePerMinute, 0) {
			return fmt.Errorf("ratePerMinute must be > 0 (got %v)", s.RatePerMinute)
		}
		if s.Count < 0 {
			return fmt.Errorf("count must be >= 1 (got %d)", s.Count)
		}
	case Batch:
		if s.At < 0 {
			return fmt.Errorf("at must be >= 0 (got %v)", s.At)
		}
		if s.Count < 1 {
			return fmt.Errorf("count must be >= 1 (got %d)", s.Count)
		}
	default:
		return fmt.Errorf("unknown arrival process %q (accepted: poisson, batch)", s.Process)
	}
	return nil
}

// Arrivals generates the instants at which a workload submits tasks.
type Arrivals interface {
	// Next returns the first arrival after now (or at now for the first
	// call of a batch at t = 0) and how many tasks it submits; ok is false
	// once the process has no more arrivals.
	Next(now sim.Time) (at sim.Time, count int, ok bool)
}

// NewArrivals returns the arrival process of s drawing from src.
func NewArrivals(s ArrivalSpec, src rand.Source) (Arrivals, error) {
	if src == nil {
		panic("workloads: nil random source")
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.Process == Batch {
		return &batch{at: sim.At(s.At), count: s.Count}, nil
	}
	return poisson{gap: distuv.Exponential{Rate: s.RatePerMinute / 60, Src: src}, count: max(1, s.Count)}, nil
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
