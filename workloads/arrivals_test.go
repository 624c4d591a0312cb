package workloads_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

func mustArrivals(t *testing.T, s workloads.ArrivalSpec, source rand.Source) workloads.Arrivals {
	t.Helper()
	a, err := workloads.NewArrivals(s, source)
	if err != nil {
		t.Fatalf("NewArrivals(%+v): %v", s, err)
	}
	return a
}

// countIn counts the tasks of the arrivals in [0, horizon], starting at 0.
func countIn(a workloads.Arrivals, horizon sim.Time) (arrivals, tasks int) {
	now := sim.Time(0)
	for {
		at, n, ok := a.Next(now)
		if !ok || at > horizon {
			return arrivals, tasks
		}
		if at < now {
			panic("arrival before now")
		}
		arrivals++
		tasks += n
		now = at
	}
}

// TestPoissonCounts: at 30 a minute over T = 10 minutes the count N is
// Poisson with mean λT = 300. Its 99.9 % interval is 300 ± 3.2905·√300 =
// [243, 357]; over 1000 seeds about 1 count falls outside, and P(more than 5
// outside) ≈ 6e-4. The total over the seeds is Poisson(300000) and must lie
// in 300000 ± 3.2905·√300000 = ± 1802; the sample variance of the counts
// must be λT = 300 (a Poisson process has index of dispersion 1) within
// 5·300·√(2/999) ≈ 67.
func TestPoissonCounts(t *testing.T) {
	const seeds, lambdaT = 1000, 300.0
	spec := workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 30}
	z := 3.2905 // two-sided 99.9 %
	lo, hi := lambdaT-z*math.Sqrt(lambdaT), lambdaT+z*math.Sqrt(lambdaT)
	outside, total := 0, 0
	counts := make([]float64, seeds)
	for seed := range uint64(seeds) {
		n, tasks := countIn(mustArrivals(t, spec, rand.NewPCG(seed, 77)), sim.At(10*time.Minute))
		if tasks != n {
			t.Fatalf("seed %d: %d tasks in %d arrivals, want one each", seed, tasks, n)
		}
		if float64(n) < lo || float64(n) > hi {
			outside++
		}
		total += n
		counts[seed] = float64(n)
	}
	if outside > 5 {
		t.Errorf("%d of %d seeds outside the 99.9 %% interval [%.0f, %.0f], want at most 5", outside, seeds, lo, hi)
	}
	mean := float64(total) / seeds
	if tol := z * math.Sqrt(lambdaT*seeds); math.Abs(float64(total)-lambdaT*seeds) > tol {
		t.Errorf("total over %d seeds = %d, want %.0f ± %.0f", seeds, total, lambdaT*seeds, tol)
	}
	var ss float64
	for _, c := range counts {
		ss += (c - mean) * (c - mean)
	}
	if v, tol := ss/(seeds-1), 5*lambdaT*math.Sqrt(2.0/(seeds-1)); math.Abs(v-lambdaT) > tol {
		t.Errorf("variance of the counts = %.1f, want %.0f ± %.0f (index of dispersion 1)", v, lambdaT, tol)
	}
}

// TestPoissonGaps: gaps are exponential with mean 60/rate seconds: 2 s at 30
// a minute, standard deviation 2 s, so 200000 gaps average 2 ± 5·2/√200000 =
// 2 ± 0.0224 s; the squared coefficient of variation is 1 (kurtosis 9:
// variance 4 ± 5·4·√(8/n) = ± 0.126).
func TestPoissonGaps(t *testing.T) {
	a := mustArrivals(t, workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 30}, rand.NewPCG(3, 4))
	now := sim.Time(0)
	var sum, sum2 float64
	for range nDraws {
		at, n, ok := a.Next(now)
		if !ok || n != 1 || at < now {
			t.Fatalf("Next(%v) = %v, %d, %v", now, at, n, ok)
		}
		g := at.Sub(now).Seconds()
		sum += g
		sum2 += g * g
		now = at
	}
	mean := sum / nDraws
	v := sum2/nDraws - mean*mean
	if math.Abs(mean-2) > 0.0224 {
		t.Errorf("mean gap = %.4f s, want 2 ± 0.0224", mean)
	}
	if math.Abs(v-4) > 0.126 {
		t.Errorf("gap variance = %.4f s², want 4 ± 0.126", v)
	}
}

// TestPoissonNextIsRelative: Next draws the gap after the now it is given,
// and reports no more arrivals when the next instant would overflow sim.Time.
func TestPoissonNextIsRelative(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 6}
	a := mustArrivals(t, spec, rand.NewPCG(5, 6))
	b := mustArrivals(t, spec, rand.NewPCG(5, 6))
	start := sim.At(time.Hour)
	x, _, _ := a.Next(0)
	y, _, _ := b.Next(start)
	if y.Sub(start) != x.Sub(0) {
		t.Errorf("same draw gives gaps %v after 0 and %v after 1h", x, y.Sub(start))
	}
	if at, n, ok := a.Next(sim.Time(math.MaxInt64 - 1)); ok {
		t.Errorf("Next near the end of time = %v, %d, true; want ok = false", at, n)
	}
}

// TestPoissonCount: README: poisson arrivals carry `count` tasks per RunTask
// call (1-10; scenarios validates it and passes it in ArrivalSpec.Count), so
// rate 30 and count 3 submit 3 tasks per arrival.
func TestPoissonCount(t *testing.T) {
	a := mustArrivals(t, workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 30, Count: 3}, rand.NewPCG(1, 1))
	_, n, ok := a.Next(0)
	if !ok {
		t.Fatal("no arrival")
	}
	if n != 3 {
		t.Fatalf("poisson arrivals ignore ArrivalSpec.Count: Next returned %d tasks, want 3", n)
	}
	// Count 0 (unset) means 1 task per call.
	a = mustArrivals(t, workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 30}, rand.NewPCG(1, 1))
	if _, n, _ := a.Next(0); n != 1 {
		t.Errorf("unset count: %d tasks per arrival, want 1", n)
	}
}

// TestBatch: a batch submits Count tasks once at At, whatever now is, then
// reports no more arrivals.
func TestBatch(t *testing.T) {
	for _, at := range []time.Duration{0, 30 * time.Minute} {
		a := mustArrivals(t, workloads.ArrivalSpec{Process: workloads.Batch, At: at, Count: 40}, rand.NewPCG(1, 1))
		got, n, ok := a.Next(0)
		if !ok || got != sim.At(at) || n != 40 {
			t.Errorf("batch at %v: Next = %v, %d, %v; want %v, 40, true", at, got, n, ok, sim.At(at))
		}
		for range 3 {
			if got, n, ok := a.Next(sim.At(at)); ok || n != 0 || got != 0 {
				t.Errorf("batch at %v: second Next = %v, %d, %v; want 0, 0, false", at, got, n, ok)
			}
		}
	}
}

// TestArrivalValidate: every invalid spec is rejected, NewArrivals returns
// the same error, valid edge cases pass.
func TestArrivalValidate(t *testing.T) {
	bad := []struct {
		s    workloads.ArrivalSpec
		want string
	}{
		{workloads.ArrivalSpec{}, `unknown arrival process "" (accepted: poisson, batch, diurnal, piecewise, onoff, mmpp)`},
		{workloads.ArrivalSpec{Process: "sawtooth", RatePerMinute: 1}, `unknown arrival process "sawtooth"`},
		{workloads.ArrivalSpec{Process: workloads.Poisson}, "ratePerMinute must be > 0 (got 0)"},
		{workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: -1}, "ratePerMinute must be > 0 (got -1)"},
		{workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: math.NaN()}, "ratePerMinute must be > 0 (got NaN)"},
		{workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: math.Inf(1)}, "ratePerMinute must be > 0 (got +Inf)"},
		{workloads.ArrivalSpec{Process: workloads.Batch, At: -time.Second, Count: 1}, "at must be >= 0 (got -1s)"},
		{workloads.ArrivalSpec{Process: workloads.Batch, At: time.Minute}, "count must be >= 1 (got 0)"},
		{workloads.ArrivalSpec{Process: workloads.Batch, Count: -5}, "count must be >= 1 (got -5)"},
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
	for _, s := range []workloads.ArrivalSpec{
		{Process: workloads.Poisson, RatePerMinute: 1e-6},
		{Process: workloads.Poisson, RatePerMinute: 6000},
		{Process: workloads.Batch, Count: 1},
		{Process: workloads.Batch, At: 10 * time.Minute, Count: 500},
	} {
		if err := s.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", s, err)
		}
	}
}

// TestNewArrivalsNilSource: NewArrivals panics on a nil source, batch and
// invalid specs included.
func TestNewArrivalsNilSource(t *testing.T) {
	for _, s := range []workloads.ArrivalSpec{
		{Process: workloads.Poisson, RatePerMinute: 1},
		{Process: workloads.Batch, Count: 1},
		{Process: "bogus"},
	} {
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

// TestArrivalsDeterminism: the same seed gives the same arrival instants
// (common random numbers, README Determinism); another seed different ones.
func TestArrivalsDeterminism(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 12}
	trace := func(seed uint64) []sim.Time {
		a := mustArrivals(t, spec, rand.NewPCG(seed, 9))
		var ts []sim.Time
		now := sim.Time(0)
		for range 100 {
			now, _, _ = a.Next(now)
			ts = append(ts, now)
		}
		return ts
	}
	x, y, z := trace(1), trace(1), trace(2)
	for i := range x {
		if x[i] != y[i] {
			t.Fatalf("arrival %d differs on the same seed: %v vs %v", i, x[i], y[i])
		}
	}
	if x[0] == z[0] && x[99] == z[99] {
		t.Error("seeds 1 and 2 give the same arrivals")
	}
	// Via sim.Streams, as the world builds them: same (seed, name), same arrivals.
	s1 := mustArrivals(t, spec, sim.NewStreams(7).Source("workload/web/arrivals"))
	s2 := mustArrivals(t, spec, sim.NewStreams(7).Source("workload/web/arrivals"))
	for range 20 {
		a, _, _ := s1.Next(0)
		b, _, _ := s2.Next(0)
		if a != b {
			t.Fatalf("named streams differ: %v vs %v", a, b)
		}
	}
}
