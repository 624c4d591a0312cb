package workloads_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// The statistical tests of the time-varying processes rest on one fact: a
// Poisson process of intensity λ(t) has N(a, b) ~ Poisson(∫_a^b λ), and
// counts in disjoint windows are independent (Lewis & Shedler 1979, §1;
// Ross, "Simulation", 5th ed., §5.5). A total over S seeds is therefore
// Poisson with mean S·∫λ, and is accepted within the two-sided 99.9 %
// normal bound S·∫λ ± 3.2905·√(S·∫λ). The seed sets are fixed, so the tests
// are deterministic.
const z999 = 3.2905

// poissonWithin reports an error unless got is within the 99.9 % bound of a
// Poisson count of mean want.
func poissonWithin(t *testing.T, what string, got int, want float64) {
	t.Helper()
	if tol := z999 * math.Sqrt(want); math.Abs(float64(got)-want) > tol {
		t.Errorf("%s: %d arrivals, want %.1f ± %.1f (99.9 %%)", what, got, want, tol)
	}
}

// collect returns the arrivals of a in [from, to), starting at from.
func collect(t *testing.T, a workloads.Arrivals, from, to sim.Time) []sim.Time {
	t.Helper()
	var ts []sim.Time
	for now := from; ; {
		at, n, ok := a.Next(now)
		if !ok || at >= to {
			return ts
		}
		if at < now || n != 1 {
			t.Fatalf("Next(%v) = %v, %d", now, at, n)
		}
		ts = append(ts, at)
		now = at
	}
}

// TestDiurnalPeakTrough: min 6, max 60 a minute, period 24h, peak at 14h, so
// the trough is at 2h. Over an hour centred on the peak, with h = 60 min
// and P = 1440 min,
//
//	∫λ = 60·min + (max − min)·(h/2 + P/(2π)·sin(πh/P))
//	   = 360 + 54·(30 + 229.183·0.130526) = 360 + 54·59.9144 = 3595.38,
//
// and over the hour centred on the trough 360 + 54·(30 − 29.9144) = 364.62.
// 100 seeds each start at the window's start (an inhomogeneous Poisson
// process after now does not depend on before now) and count to its end.
// The per-seed peak counts have variance ∫λ (index of dispersion 1) within
// 5·∫λ·√(2/99) ≈ 2555.
func TestDiurnalPeakTrough(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Diurnal, MinRatePerMinute: 6, MaxRatePerMinute: 60, PeakAt: 14 * time.Hour}
	const seeds = 100
	peak, trough := 3595.38, 364.62
	if got := 360 + 54*(30+1440/(2*math.Pi)*math.Sin(math.Pi/24)); math.Abs(got-peak) > 0.01 {
		t.Fatalf("hand-computed peak integral %.2f, formula %.2f", peak, got)
	}
	var nPeak, nTrough int
	var sum, sum2 float64
	for seed := range uint64(seeds) {
		a := mustArrivals(t, spec, rand.NewPCG(seed, 24))
		n := len(collect(t, a, sim.At(13*time.Hour+30*time.Minute), sim.At(14*time.Hour+30*time.Minute)))
		nPeak += n
		sum += float64(n)
		sum2 += float64(n) * float64(n)
		nTrough += len(collect(t, a, sim.At(90*time.Minute), sim.At(150*time.Minute)))
	}
	poissonWithin(t, "peak hour", nPeak, seeds*peak)
	poissonWithin(t, "trough hour", nTrough, seeds*trough)
	mean := sum / seeds
	if v, tol := (sum2-seeds*mean*mean)/(seeds-1), 5*peak*math.Sqrt(2.0/(seeds-1)); math.Abs(v-peak) > tol {
		t.Errorf("variance of the peak-hour counts = %.0f, want %.0f ± %.0f", v, peak, tol)
	}
	t.Logf("peak hour %d, trough hour %d over %d seeds (ratio %.2f, want %.2f)", nPeak, nTrough, seeds,
		float64(nPeak)/float64(nTrough), peak/trough)
}

// TestDiurnalQuarters: min 0, peak at 0, so over a quarter period Q = P/4
// from the peak ∫(1 + cos(2πt/P))/2 dt = P/8 + P/(4π), and over the next
// quarter P/8 − P/(4π); the other half period mirrors it. With max 120 a
// minute and P = 1h the quarters hold 120·(7.5 + 4.7746) = 1472.96 and
// 120·(7.5 − 4.7746) = 327.04 arrivals; with max 6 and P = 2 min (windows of
// 1/max = 10 s, longer than P/32) 6·(0.25 + 0.159155) = 2.45493 and
// 6·(0.25 − 0.159155) = 0.54507 per period. Each seed runs `periods`
// periods; arrivals are binned by quarter of the phase.
func TestDiurnalQuarters(t *testing.T) {
	for _, tc := range []struct {
		max            float64
		period         time.Duration
		periods, seeds int
		near, far      float64 // per quarter period next to / away from the peak
	}{
		{120, time.Hour, 4, 25, 1472.96, 327.04},
		{6, 2 * time.Minute, 1500, 20, 2.45493, 0.54507},
	} {
		spec := workloads.ArrivalSpec{Process: workloads.Diurnal, MaxRatePerMinute: tc.max, Period: tc.period}
		var quarters [4]int
		for seed := range uint64(tc.seeds) {
			a := mustArrivals(t, spec, rand.NewPCG(seed, 4))
			for _, at := range collect(t, a, 0, sim.At(time.Duration(tc.periods)*tc.period)) {
				quarters[at.Duration()%tc.period*4/tc.period]++
			}
		}
		n := float64(tc.periods * tc.seeds)
		for q, want := range []float64{tc.near, tc.far, tc.far, tc.near} {
			poissonWithin(t, tc.period.String()+" quarter "+string(rune('1'+q)), quarters[q], n*want)
		}
	}
}

// TestDiurnalDefaultPeriod: Period 0 is 24h: the same seed gives the same
// arrivals as an explicit 24h.
func TestDiurnalDefaultPeriod(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Diurnal, MinRatePerMinute: 1, MaxRatePerMinute: 10, PeakAt: 3 * time.Hour}
	x := collect(t, mustArrivals(t, spec, rand.NewPCG(8, 8)), 0, sim.At(6*time.Hour))
	spec.Period = 24 * time.Hour
	y := collect(t, mustArrivals(t, spec, rand.NewPCG(8, 8)), 0, sim.At(6*time.Hour))
	if len(x) == 0 || len(x) != len(y) || x[len(x)-1] != y[len(y)-1] {
		t.Errorf("period 0: %d arrivals, period 24h: %d", len(x), len(y))
	}
}

// A 3-hour cycle: up from 0 to 60 a minute over 10 min, 60 for 10 min, down
// to 0 at 30 min, 0 until 2h, up to 30 at 2h10m, then 30 (the last point's
// rate) until the cycle repeats at 3h.
var cycle = workloads.ArrivalSpec{Process: workloads.Piecewise, Repeat: 3 * time.Hour, Rates: []workloads.RatePoint{
	{At: 0, RatePerMinute: 0},
	{At: 10 * time.Minute, RatePerMinute: 60},
	{At: 20 * time.Minute, RatePerMinute: 60},
	{At: 30 * time.Minute, RatePerMinute: 0},
	{At: 2 * time.Hour, RatePerMinute: 0},
	{At: 2*time.Hour + 10*time.Minute, RatePerMinute: 30},
}}

// TestPiecewiseSegments: each stretch's count is the trapezoid area under
// the rate, (r_a + r_b)/2 · (b − a) in minutes; the ramps are cut at their
// middle so the shape is checked too (a ramp 0 → 60 over 10 min holds 75 in
// its first half and 225 in its second). 100 seeds over 2 cycles; none
// arrives where the rate is 0, including the repeat boundary at 3h (30 → 0).
func TestPiecewiseSegments(t *testing.T) {
	bins := []struct {
		from, to time.Duration
		area     float64
	}{
		{0, 5 * time.Minute, 75},                               // 0 → 30
		{5 * time.Minute, 10 * time.Minute, 225},               // 30 → 60
		{10 * time.Minute, 20 * time.Minute, 600},              // 60
		{20 * time.Minute, 25 * time.Minute, 225},              // 60 → 30
		{25 * time.Minute, 30 * time.Minute, 75},               // 30 → 0
		{30 * time.Minute, 2 * time.Hour, 0},                   // 0
		{2 * time.Hour, 2*time.Hour + 10*time.Minute, 150},     // 0 → 30
		{2*time.Hour + 10*time.Minute, 3 * time.Hour, 30 * 50}, // 30
	}
	const seeds, cycles = 100, 2
	counts := make([]int, len(bins))
	total := 0
	for seed := range uint64(seeds) {
		for _, at := range collect(t, mustArrivals(t, cycle, rand.NewPCG(seed, 3)), 0, sim.At(cycles*3*time.Hour)) {
			phase := at.Duration() % (3 * time.Hour)
			for i, b := range bins {
				if phase >= b.from && phase < b.to {
					counts[i]++
				}
			}
			if phase >= 30*time.Minute && phase <= 2*time.Hour {
				t.Fatalf("seed %d: arrival at %v, where the rate is 0", seed, at)
			}
			total++
		}
	}
	for i, b := range bins {
		if b.area > 0 {
			poissonWithin(t, b.from.String()+"–"+b.to.String(), counts[i], seeds*cycles*b.area)
		}
	}
	poissonWithin(t, "whole cycles", total, seeds*cycles*2850)
}

// TestPiecewiseZeroTail: 30 a minute for 10 min, then down to 0 at 20 min,
// no repeat: ∫λ = 300 + 150 = 450 per seed, all before 20 min, then Next
// reports the end, at once, from any instant.
func TestPiecewiseZeroTail(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Piecewise, Rates: []workloads.RatePoint{
		{0, 30}, {10 * time.Minute, 30}, {20 * time.Minute, 0}}}
	const seeds = 100
	total := 0
	for seed := range uint64(seeds) {
		a := mustArrivals(t, spec, rand.NewPCG(seed, 20))
		ts := collect(t, a, 0, endOfTime)
		if len(ts) > 0 && ts[len(ts)-1] >= sim.At(20*time.Minute) {
			t.Fatalf("seed %d: arrival at %v, after the rate reached 0", seed, ts[len(ts)-1])
		}
		total += len(ts)
		for _, now := range []sim.Time{sim.At(19 * time.Minute), sim.At(20 * time.Minute), sim.At(1000 * time.Hour), endOfTime - 1} {
			if at, n, ok := a.Next(now); ok && at >= sim.At(20*time.Minute) {
				t.Fatalf("seed %d: Next(%v) = %v, %d, true after the end", seed, now, at, n)
			}
		}
	}
	poissonWithin(t, "zero tail", total, seeds*450)
}

const endOfTime = sim.Time(math.MaxInt64)

// TestPiecewiseLongZero: a rate of 0 for 1000 hours is skipped in one step,
// without and with repeat (a 2-minute bump every 1000 h: 0 → 60 → 0, 60
// arrivals on average), and near the end of time Next reports no arrival
// rather than overflowing.
func TestPiecewiseLongZero(t *testing.T) {
	start := workloads.ArrivalSpec{Process: workloads.Piecewise, Rates: []workloads.RatePoint{
		{0, 0}, {1000 * time.Hour, 0}, {1000*time.Hour + time.Minute, 60}}}
	at, _, ok := mustArrivals(t, start, rand.NewPCG(1, 1)).Next(0)
	if !ok || at <= sim.At(1000*time.Hour) || at > sim.At(1000*time.Hour+2*time.Minute) {
		t.Errorf("first arrival %v, %v; want just after 1000h", at, ok)
	}
	bump := workloads.ArrivalSpec{Process: workloads.Piecewise, Repeat: 1000 * time.Hour, Rates: []workloads.RatePoint{
		{0, 0}, {999 * time.Hour, 0}, {999*time.Hour + time.Minute, 60}, {999*time.Hour + 2*time.Minute, 0}}}
	total := 0
	for seed := range uint64(20) {
		ts := collect(t, mustArrivals(t, bump, rand.NewPCG(seed, 1)), 0, sim.At(5000*time.Hour))
		for _, at := range ts {
			if ph := at.Duration() % (1000 * time.Hour); ph <= 999*time.Hour || ph >= 999*time.Hour+2*time.Minute {
				t.Fatalf("seed %d: arrival at %v, outside the bumps", seed, at)
			}
		}
		total += len(ts)
	}
	poissonWithin(t, "5 bumps × 20 seeds", total, 100*60)
	for _, s := range []workloads.ArrivalSpec{bump, cycle, {Process: workloads.Diurnal, MaxRatePerMinute: 1}} {
		if at, _, ok := mustArrivals(t, s, rand.NewPCG(1, 1)).Next(endOfTime - 1); ok {
			t.Errorf("%s: Next near the end of time = %v, true; want false", s.Process, at)
		}
	}
}

// TestPiecewiseConstant: a single point is a poisson process at its rate:
// 30 a minute over 10 minutes, 300 per seed.
func TestPiecewiseConstant(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Piecewise, Count: 2, Rates: []workloads.RatePoint{{0, 30}}}
	total := 0
	for seed := range uint64(100) {
		n, tasks := countIn(mustArrivals(t, spec, rand.NewPCG(seed, 30)), sim.At(10*time.Minute))
		if tasks != 2*n {
			t.Fatalf("%d tasks in %d arrivals, want 2 each", tasks, n)
		}
		total += n
	}
	poissonWithin(t, "constant 30/min", total, 100*300)
}

// TestRateNoSpin: cycles far shorter than the gaps between arrivals (a
// 2 ns repeat, a 1 ns diurnal period, a 2 ns spike once a second, whose
// arrivals are decades apart) are skipped a whole number of cycles at a
// time, so each Next returns at once; a spike too rare to recur before the
// end of time (once an hour, a mean gap of 10⁹ h ≈ 10⁵ years) reports no
// arrival. Only termination and order are checked: at these scales the
// nanosecond truncation of the candidates dominates the rate.
func TestRateNoSpin(t *testing.T) {
	for _, s := range []workloads.ArrivalSpec{
		{Process: workloads.Piecewise, Rates: []workloads.RatePoint{{0, 0}, {1, 60}}, Repeat: 2},
		{Process: workloads.Diurnal, MaxRatePerMinute: 60, Period: 1},
		{Process: workloads.Piecewise, Rates: []workloads.RatePoint{{0, 0}, {1, 60}, {2, 0}}, Repeat: time.Second},
	} {
		a := mustArrivals(t, s, rand.NewPCG(4, 4))
		now := sim.Time(0)
		for range 3 {
			at, _, ok := a.Next(now)
			if !ok || at < now {
				t.Fatalf("%+v: Next(%v) = %v, %v", s, now, at, ok)
			}
			now = at
		}
	}
	rare := workloads.ArrivalSpec{Process: workloads.Piecewise, Rates: []workloads.RatePoint{{0, 0}, {1, 60}, {2, 0}}, Repeat: time.Hour}
	if at, _, ok := mustArrivals(t, rare, rand.NewPCG(4, 4)).Next(0); ok {
		t.Errorf("a spike with a mean gap of 10⁵ years arrived at %v", at)
	}
}
