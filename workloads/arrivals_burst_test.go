package workloads_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// countStats returns the per-seed counts of arrivals in [0, horizon] and
// their mean and (n−1)-variance.
func countStats(t *testing.T, s workloads.ArrivalSpec, seeds int, horizon time.Duration) (counts []float64, mean, variance float64) {
	t.Helper()
	for seed := range uint64(seeds) {
		n, _ := countIn(mustArrivals(t, s, rand.NewPCG(seed, 0xb)), sim.At(horizon))
		counts = append(counts, float64(n))
		mean += float64(n)
	}
	mean /= float64(seeds)
	for _, c := range counts {
		variance += (c - mean) * (c - mean)
	}
	return counts, mean, variance / float64(seeds-1)
}

// TestOnOffConstantPeriods: ON 60 s, OFF 120 s, 30 a minute: every arrival
// falls in an ON period, [0, 60 s) mod 180 s (or [120 s, 180 s) when the
// process starts OFF). Given the periods the count is Poisson with mean
// 30 × (ON minutes): over 10 h, 200 ON minutes, 6000 arrivals per seed,
// 10 a minute in the long run (rate × E[on]/(E[on] + E[off]) = 30/3).
func TestOnOffConstantPeriods(t *testing.T) {
	for _, startOff := range []bool{false, true} {
		spec := workloads.ArrivalSpec{Process: workloads.OnOff, RatePerMinute: 30, StartOff: startOff,
			On: workloads.DistSpec{Kind: workloads.Constant, Value: 60}, Off: workloads.DistSpec{Kind: workloads.Constant, Value: 120}}
		onFrom, onTo := time.Duration(0), time.Minute
		if startOff {
			onFrom, onTo = 2*time.Minute, 3*time.Minute
		}
		total := 0
		for seed := range uint64(20) {
			ts := collect(t, mustArrivals(t, spec, rand.NewPCG(seed, 60)), 0, sim.At(10*time.Hour))
			for _, at := range ts {
				if ph := at.Duration() % (3 * time.Minute); ph < onFrom || ph >= onTo {
					t.Fatalf("startOff %v, seed %d: arrival at %v, in an OFF period", startOff, seed, at)
				}
			}
			total += len(ts)
		}
		poissonWithin(t, "onoff constant periods", total, 20*6000)
	}
}

// TestOnOffLongRun: 60 a minute (λ = 1/s) during ON periods of exponential
// length, mean 30 s, and OFF periods uniform on [60, 120] s (mean 90 s): the
// long-run rate is λ·E[on]/(E[on] + E[off]) = 60·30/120 = 15 a minute.
//
// Starting ON (a renewal at 0), the expected ON time in [0, T] is pT + c
// with p = 1/4 and, by the key renewal theorem (Cox, "Renewal Theory",
// 1962, §7.2; the s → 0 expansion of the Laplace transform),
// c = p·(E[C²]/2E[C] − E[on²]/2E[on]), C = on + off: E[on²] = 1800,
// E[C²] = 1800 + 2·30·90 + (300 + 8100) = 15600, E[C] = 120, so
// c = (65 − 30)/4 = 8.75 s. Over T = 10 h: E[N] = λ(pT + c) = 9008.75.
//
// Given its ON time A(T), N is Poisson, so Var N = λ·E[A] + λ²·Var A, and
// by the renewal-reward central limit theorem Var A ≈ T·Var(on − pC)/E[C]
// = T·(0.75²·900 + 0.25²·300)/120 = 4.375·T: Var N ≈ 4.625·T = 166500
// (index of dispersion 18.5: the bursts make the counts far more variable
// than a poisson process's). The total over 100 seeds is accepted within
// 99.9 % normal bounds, ± 3.2905·√(100·166500) = ± 13427 (1.5 %), and
// the sample variance within ± 3.2905·166500·√(2/99) = ± 77868.
func TestOnOffLongRun(t *testing.T) {
	spec := workloads.ArrivalSpec{Process: workloads.OnOff, RatePerMinute: 60,
		On:  workloads.DistSpec{Kind: workloads.Exponential, Mean: 30},
		Off: workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 120}}
	const seeds, wantMean, wantVar = 100, 9008.75, 166500.0
	_, mean, v := countStats(t, spec, seeds, 10*time.Hour)
	if tol := z999 * math.Sqrt(wantVar/seeds); math.Abs(mean-wantMean) > tol {
		t.Errorf("mean count over 10h = %.1f, want %.1f ± %.1f (15 a minute)", mean, wantMean, tol)
	}
	if tol := z999 * wantVar * math.Sqrt(2.0/(seeds-1)); math.Abs(v-wantVar) > tol {
		t.Errorf("variance of the counts = %.0f, want %.0f ± %.0f", v, wantVar, tol)
	}
	t.Logf("onoff: %.2f a minute (want 15), variance %.0f (want %.0f)", mean/600, v, wantVar)
}

// TestMMPPLongRun: three states, 120 a minute for 20 s on average, 0 for
// 40 s, 30 for 60 s. The jump chain (uniform over the other states) is
// doubly stochastic, so it visits the states equally often and the
// fraction of time in state i is m_i/Σm (semi-Markov limit, e.g. Ross,
// "Stochastic Processes", 2nd ed., Thm 4.8.3): the long-run rate is
// (120·20 + 0·40 + 30·60)/120 = 35 a minute, 21000 over 10 h. The count's
// variance has no short closed form here, so the mean of 60 seeds is
// accepted within the 99.9 % Student interval, ± t(0.9995, 59)·s/√60
// with t = 3.46.
//
// With two states (60 a minute for 30 s, 0 for 90 s) mmpp is the onoff
// process with exponential periods: as in TestOnOffLongRun, p = 1/4,
// E[C²] = 900 + 8100 + 14400 = 23400, c = (97.5 − 30)/4 = 16.875 s,
// Var A/T = (0.75²·900 + 0.25²·8100)/120 = 8.4375, so over 10 h
// E[N] = 9016.9 and Var N ≈ 8.6875·T = 312750.
func TestMMPPLongRun(t *testing.T) {
	three := workloads.ArrivalSpec{Process: workloads.MMPP, States: []workloads.MMPPState{
		{RatePerMinute: 120, MeanDuration: 20 * time.Second},
		{RatePerMinute: 0, MeanDuration: 40 * time.Second},
		{RatePerMinute: 30, MeanDuration: time.Minute},
	}}
	const seeds = 60
	_, mean, v := countStats(t, three, seeds, 10*time.Hour)
	if tol := 3.46 * math.Sqrt(v/seeds); math.Abs(mean-21000) > tol {
		t.Errorf("3 states: mean count over 10h = %.1f, want 21000 ± %.1f (35 a minute)", mean, tol)
	}
	t.Logf("mmpp 3 states: %.2f a minute (want 35), index of dispersion %.1f", mean/600, v/mean)

	two := workloads.ArrivalSpec{Process: workloads.MMPP, States: []workloads.MMPPState{
		{RatePerMinute: 60, MeanDuration: 30 * time.Second},
		{RatePerMinute: 0, MeanDuration: 90 * time.Second},
	}}
	const wantMean, wantVar = 9016.875, 312750.0
	_, mean, v = countStats(t, two, 100, 10*time.Hour)
	if tol := z999 * math.Sqrt(wantVar/100); math.Abs(mean-wantMean) > tol {
		t.Errorf("2 states: mean count over 10h = %.1f, want %.1f ± %.1f (15 a minute)", mean, wantMean, tol)
	}
	if tol := z999 * wantVar * math.Sqrt(2.0/99); math.Abs(v-wantVar) > tol {
		t.Errorf("2 states: variance of the counts = %.0f, want %.0f ± %.0f", v, wantVar, tol)
	}
	t.Logf("mmpp 2 states: %.2f a minute (want 15), variance %.0f (want %.0f)", mean/600, v, wantVar)
}

// TestModulatedCount: onoff and mmpp submit Count tasks per arrival.
func TestModulatedCount(t *testing.T) {
	for _, s := range []workloads.ArrivalSpec{
		{Process: workloads.OnOff, RatePerMinute: 60, Count: 4, On: workloads.DistSpec{Kind: workloads.Constant, Value: 10},
			Off: workloads.DistSpec{Kind: workloads.Constant, Value: 0}},
		{Process: workloads.MMPP, Count: 4, States: []workloads.MMPPState{{1, time.Minute}, {60, time.Minute}}},
	} {
		n, tasks := countIn(mustArrivals(t, s, rand.NewPCG(1, 2)), sim.At(time.Hour))
		if n == 0 || tasks != 4*n {
			t.Errorf("%s: %d tasks in %d arrivals, want 4 each", s.Process, tasks, n)
		}
	}
}
