package workloads_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// TestProcesses: the registry lists every built-in process and distribution, and an unknown one is
// rejected with all of them.
func TestProcesses(t *testing.T) {
	want := []string{"poisson", "batch", "diurnal", "piecewise", "onoff", "mmpp"}
	reg := workloads.NewRegistry()
	if !slices.Equal(reg.Processes(), want) {
		t.Errorf("Processes() = %v, want %v", reg.Processes(), want)
	}
	wantDists := []string{"constant", "uniform", "exponential", "lognormal", "normal", "empirical"}
	if !slices.Equal(reg.Distributions(), wantDists) {
		t.Errorf("Distributions() = %v, want %v", reg.Distributions(), wantDists)
	}
	err := workloads.ArrivalSpec{Process: "sawtooth"}.Validate()
	if err == nil || err.Error() != `process: unknown arrival process "sawtooth" (accepted: poisson, batch, diurnal, piecewise, onoff, mmpp)` {
		t.Errorf("Validate(sawtooth) = %v", err)
	}
}

// TestArrivalValidateNew: every invalid field of the new processes is
// named, with what it accepts; NewArrivals returns the same error.
func TestArrivalValidateNew(t *testing.T) {
	const (
		D = workloads.Diurnal
		P = workloads.Piecewise
		O = workloads.OnOff
		M = workloads.MMPP
	)
	type spec = workloads.ArrivalSpec
	type pt = workloads.RatePoint
	type st = workloads.MMPPState
	on := workloads.DistSpec{Kind: workloads.Exponential, Mean: 30}
	off := workloads.DistSpec{Kind: workloads.Constant, Value: 60}
	pts := []pt{{0, 1}, {10 * time.Minute, 2}}
	two := []st{{1, time.Minute}, {0, time.Minute}}
	bad := []struct {
		s    spec
		want string
	}{
		{spec{Process: D, MinRatePerMinute: -1, MaxRatePerMinute: 1}, "minRatePerMinute must be a finite value >= 0 (got -1)"},
		{spec{Process: D, MinRatePerMinute: math.NaN(), MaxRatePerMinute: 1}, "minRatePerMinute must be a finite value >= 0 (got NaN)"},
		{spec{Process: D, MinRatePerMinute: math.Inf(1), MaxRatePerMinute: 1}, "minRatePerMinute must be a finite value >= 0 (got +Inf)"},
		{spec{Process: D}, "maxRatePerMinute must be a finite value > 0 (got 0)"},
		{spec{Process: D, MaxRatePerMinute: math.Inf(1)}, "maxRatePerMinute must be a finite value > 0 (got +Inf)"},
		{spec{Process: D, MinRatePerMinute: 10, MaxRatePerMinute: 5}, "maxRatePerMinute (5) must be >= minRatePerMinute (10)"},
		{spec{Process: D, MaxRatePerMinute: 1, Period: -time.Hour}, "period must be > 0, or 0 for 24h0m0s (got -1h0m0s)"},
		{spec{Process: D, MaxRatePerMinute: 1, PeakAt: -time.Second}, "peakAt must be >= 0 and < period (24h0m0s) (got -1s)"},
		{spec{Process: D, MaxRatePerMinute: 1, PeakAt: 24 * time.Hour}, "peakAt must be >= 0 and < period (24h0m0s) (got 24h0m0s)"},
		{spec{Process: D, MaxRatePerMinute: 1, Period: time.Hour, PeakAt: time.Hour}, "peakAt must be >= 0 and < period (1h0m0s) (got 1h0m0s)"},
		{spec{Process: D, MaxRatePerMinute: 1, Count: -1}, "count must be >= 1, or 0 for 1 (got -1)"},

		{spec{Process: P}, "ratesPerMinute must list at least one point {at, rate}, the first at 0 (got none)"},
		{spec{Process: P, Rates: []pt{{time.Minute, 1}}}, "ratesPerMinute[0].at must be 0 (got 1m0s)"},
		{spec{Process: P, Rates: []pt{{0, 1}, {time.Minute, 1}, {time.Minute, 2}}}, "ratesPerMinute[2].at must be > ratesPerMinute[1].at (1m0s): points in strictly increasing order (got 1m0s)"},
		{spec{Process: P, Rates: []pt{{0, 1}, {time.Minute, 1}, {time.Second, 2}}}, "ratesPerMinute[2].at must be > ratesPerMinute[1].at (1m0s): points in strictly increasing order (got 1s)"},
		{spec{Process: P, Rates: []pt{{0, 1}, {time.Minute, -1}}}, "ratesPerMinute[1].rate must be a finite value >= 0 (got -1)"},
		{spec{Process: P, Rates: []pt{{0, math.NaN()}, {time.Minute, 1}}}, "ratesPerMinute[0].rate must be a finite value >= 0 (got NaN)"},
		{spec{Process: P, Rates: []pt{{0, 1}, {time.Minute, math.Inf(1)}}}, "ratesPerMinute[1].rate must be a finite value >= 0 (got +Inf)"},
		{spec{Process: P, Rates: []pt{{0, 0}, {time.Minute, 0}}}, "ratesPerMinute must have at least one rate > 0"},
		{spec{Process: P, Rates: pts, Repeat: -1}, "repeat must be > the last ratesPerMinute[].at, or 0 for no repeat (got -1ns)"},
		{spec{Process: P, Rates: pts, Repeat: 10 * time.Minute}, "repeat must be > the last ratesPerMinute[].at (10m0s), or 0 for no repeat (got 10m0s)"},
		{spec{Process: P, Rates: pts, Count: -2}, "count must be >= 1, or 0 for 1 (got -2)"},

		{spec{Process: O, On: on, Off: off}, "ratePerMinute must be a finite value > 0: the rate during ON periods (got 0)"},
		{spec{Process: O, RatePerMinute: math.Inf(1), On: on, Off: off}, "ratePerMinute must be a finite value > 0: the rate during ON periods (got +Inf)"},
		{spec{Process: O, RatePerMinute: 1, Off: off}, "on must be set: the distribution of ON period lengths in seconds (accepted kinds: constant, uniform, exponential, lognormal, normal, empirical)"},
		{spec{Process: O, RatePerMinute: 1, On: on}, "off must be set: the distribution of OFF period lengths in seconds (accepted kinds: constant, uniform, exponential, lognormal, normal, empirical)"},
		{spec{Process: O, RatePerMinute: 1, On: workloads.DistSpec{Kind: "weibull"}, Off: off}, `on: unknown distribution "weibull"`},
		{spec{Process: O, RatePerMinute: 1, On: workloads.DistSpec{Kind: workloads.Exponential}, Off: off}, "on.mean must be > 0 (got 0)"},
		{spec{Process: O, RatePerMinute: 1, On: on, Off: workloads.DistSpec{Kind: workloads.Uniform, Min: 5, Max: 1}}, "off.max (1) must be >= min (5)"},
		{spec{Process: O, RatePerMinute: 1, On: on, Off: workloads.DistSpec{Kind: workloads.Uniform, Min: -5, Max: -1}}, "off.max must be a finite value >= 0 (got -1)"},
		{spec{Process: O, RatePerMinute: 1, On: workloads.DistSpec{Kind: workloads.Constant}, Off: off}, "on must have an expected value > 0 seconds: ON periods of length 0 admit no arrivals (got 0)"},
		{spec{Process: O, RatePerMinute: 1, On: on, Off: off, Count: -1}, "count must be >= 1, or 0 for 1 (got -1)"},

		{spec{Process: M}, "states must list at least 2 states {ratePerMinute, meanDuration} (got 0)"},
		{spec{Process: M, States: []st{{1, time.Minute}}}, "states must list at least 2 states {ratePerMinute, meanDuration} (got 1)"},
		{spec{Process: M, States: []st{{1, time.Minute}, {-1, time.Minute}}}, "states[1].ratePerMinute must be a finite value >= 0 (got -1)"},
		{spec{Process: M, States: []st{{math.Inf(1), time.Minute}, {1, time.Minute}}}, "states[0].ratePerMinute must be a finite value >= 0 (got +Inf)"},
		{spec{Process: M, States: []st{{1, 0}, {1, time.Minute}}}, "states[0].meanDuration must be > 0 (got 0s)"},
		{spec{Process: M, States: []st{{1, time.Minute}, {1, -time.Second}}}, "states[1].meanDuration must be > 0 (got -1s)"},
		{spec{Process: M, States: []st{{0, time.Minute}, {0, time.Minute}}}, "states must have at least one ratePerMinute > 0"},
		{spec{Process: M, States: two, Count: -1}, "count must be >= 1, or 0 for 1 (got -1)"},
	}
	for _, tc := range bad {
		err := tc.s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.s, err, tc.want)
			continue
		}
		a, err2 := workloads.NewArrivals(tc.s, rand.NewPCG(1, 1))
		if a != nil || err2 == nil || err2.Error() != err.Error() {
			t.Errorf("NewArrivals(%+v) = %v, %v; want nil and the Validate error", tc.s, a, err2)
		}
	}
	// All the problems of a spec are reported, one a line.
	err := spec{Process: M, Count: -1, States: []st{{-1, 0}}}.Validate()
	if err == nil || strings.Count(err.Error(), "\n") != 4 {
		t.Errorf("Validate reports %q, want 5 lines", err)
	}
	for _, s := range []spec{
		{Process: D, MaxRatePerMinute: 1e-6},
		{Process: D, MinRatePerMinute: 5, MaxRatePerMinute: 5, Period: time.Nanosecond},
		{Process: D, MaxRatePerMinute: 6000, Period: time.Hour, PeakAt: time.Hour - 1, Count: 10},
		{Process: P, Rates: []pt{{0, 1}}},
		{Process: P, Rates: []pt{{0, 0}, {time.Nanosecond, 1}}, Repeat: 2},
		{Process: P, Rates: []pt{{0, 1}, {time.Hour, 0}}},
		{Process: O, RatePerMinute: 1, On: on, Off: workloads.DistSpec{Kind: workloads.Constant}},
		{Process: O, RatePerMinute: 1, On: workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{0, 1}}, Off: off, StartOff: true},
		{Process: M, States: two},
		{Process: M, States: []st{{0, 1}, {0, 1}, {1e-9, 1}}},
	} {
		if err := s.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", s, err)
		}
	}
}

// The new processes with their typical parameters, for the determinism
// tests.
var newProcesses = []workloads.ArrivalSpec{
	{Process: workloads.Diurnal, MinRatePerMinute: 2, MaxRatePerMinute: 20, Period: time.Hour},
	cycle,
	{Process: workloads.OnOff, RatePerMinute: 30, On: workloads.DistSpec{Kind: workloads.Exponential, Mean: 30},
		Off: workloads.DistSpec{Kind: workloads.LogNormal, Mean: 60, StdDev: 30}},
	{Process: workloads.MMPP, States: []workloads.MMPPState{{30, time.Minute}, {0, time.Minute}, {5, time.Minute}}},
}

// TestNewProcessesDeterminism: the same source gives the same arrivals
// (through sim.Streams too, as the world builds them); another seed gives
// different ones; and the source is the only randomness (no global
// generator): two processes on sources in the same state agree even when
// the global generator is used in between.
func TestNewProcessesDeterminism(t *testing.T) {
	trace := func(s workloads.ArrivalSpec, src rand.Source) []sim.Time {
		a := mustArrivals(t, s, src)
		var ts []sim.Time
		now := sim.Time(0)
		for range 200 {
			at, _, ok := a.Next(now)
			if !ok {
				t.Fatalf("%s: process ended after %d arrivals", s.Process, len(ts))
			}
			_ = rand.Float64() // the global generator must not matter
			ts = append(ts, at)
			now = at
		}
		return ts
	}
	for _, s := range newProcesses {
		x, y, z := trace(s, rand.NewPCG(1, 9)), trace(s, rand.NewPCG(1, 9)), trace(s, rand.NewPCG(2, 9))
		if !slices.Equal(x, y) {
			t.Errorf("%s: the same seed gives different arrivals", s.Process)
		}
		if slices.Equal(x, z) {
			t.Errorf("%s: seeds 1 and 2 give the same arrivals", s.Process)
		}
		u := trace(s, sim.NewStreams(7).Source("workload/web/arrivals"))
		v := trace(s, sim.NewStreams(7).Source("workload/web/arrivals"))
		if !slices.Equal(u, v) {
			t.Errorf("%s: named streams differ", s.Process)
		}
	}
}

// TestNewProcessesNilSource: NewArrivals panics on a nil source for the new
// processes too.
func TestNewProcessesNilSource(t *testing.T) {
	for _, s := range newProcesses {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "nil random source") {
					t.Errorf("NewArrivals(%q, nil) recovered %v, want a nil-source panic", s.Process, r)
				}
			}()
			_, _ = workloads.NewArrivals(s, nil)
		}()
	}
}
