package workloads

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// TestModulatedArrivalsInPeriod: with random ON/OFF lengths (exponential ON,
// log-normal OFF) and a three-state mmpp with a silent state, every arrival
// falls inside the current period, [start, end), and that period's rate is
// positive: no arrival during an OFF period or a state of rate 0.
func TestModulatedArrivalsInPeriod(t *testing.T) {
	for _, s := range []ArrivalSpec{
		{Process: OnOff, RatePerMinute: 120, On: DistSpec{Kind: Exponential, Mean: 20},
			Off: DistSpec{Kind: LogNormal, Mean: 40, StdDev: 40}},
		{Process: OnOff, RatePerMinute: 120, StartOff: true, On: DistSpec{Kind: Empirical, Values: []float64{0, 5, 60}},
			Off: DistSpec{Kind: Uniform, Min: 0, Max: 30}},
		{Process: MMPP, States: []MMPPState{{60, 10 * time.Second}, {0, time.Minute}, {6, 30 * time.Second}}},
	} {
		for seed := range uint64(5) {
			a, err := NewArrivals(s, rand.NewPCG(seed, 5))
			if err != nil {
				t.Fatal(err)
			}
			m := a.(*modulated)
			n := 0
			for now := sim.Time(0); now < sim.At(24*time.Hour); n++ {
				at, _, ok := m.Next(now)
				if !ok || at < now || at < m.start || at >= m.end || !(m.rate > 0) {
					t.Fatalf("%s seed %d: arrival %v (%v) in period [%v, %v) of rate %v", s.Process, seed, at, ok, m.start, m.end, m.rate)
				}
				now = at
			}
			if n < 1000 {
				t.Errorf("%s seed %d: only %d arrivals in 24h", s.Process, seed, n)
			}
		}
	}
}

// TestMMPPPath: over 300000 periods of States {20 s, 40 s, 60 s}, the state
// never repeats, each state is visited a third of the time (the jump chain
// is uniform over the others; its visit counts vary less than a
// multinomial's, whose 99.9 % bound ± 3.2905·√(n·(1/3)(2/3)) = ± 849 is
// used) and the mean holding time of state i is m_i within the 99.9 %
// bound of an exponential mean, ± 3.2905·m_i/√(n/3).
func TestMMPPPath(t *testing.T) {
	s := ArrivalSpec{Process: MMPP, States: []MMPPState{{1, 20 * time.Second}, {0, 40 * time.Second}, {2, time.Minute}}}
	p := newMMPP(s, rand.NewPCG(7, 7)).path.(*mmppPath)
	const n = 300000
	var visits [3]int
	var held [3]float64
	prev := -1
	for range n {
		d, rate := p.next()
		if p.state == prev {
			t.Fatalf("state %d followed by itself", prev)
		}
		if rate != s.States[p.state].RatePerMinute/60 {
			t.Fatalf("state %d has rate %v/s", p.state, rate)
		}
		visits[p.state]++
		held[p.state] += d.Seconds()
		prev = p.state
	}
	for i, st := range s.States {
		if tol := z999 * math.Sqrt(n*2.0/9); math.Abs(float64(visits[i])-n/3.0) > tol {
			t.Errorf("state %d: %d visits, want %d ± %.0f", i, visits[i], n/3, tol)
		}
		m := st.MeanDuration.Seconds()
		if mean, tol := held[i]/float64(visits[i]), z999*m/math.Sqrt(float64(visits[i])); math.Abs(mean-m) > tol {
			t.Errorf("state %d: mean holding time %.3f s, want %.0f ± %.3f", i, mean, m, tol)
		}
	}
}

const z999 = 3.2905

// recorder records the periods of a path.
type recorder struct {
	periods
	lengths []time.Duration
}

func (r *recorder) next() (time.Duration, float64) {
	d, rate := r.periods.next()
	r.lengths = append(r.lengths, d)
	return d, rate
}

// TestModulatedPathIndependentOfRates: the period path comes from its own
// stream seeded from the source, so changing the rate (and with it the
// number of gaps drawn) leaves the ON/OFF periods as they were.
func TestModulatedPathIndependentOfRates(t *testing.T) {
	periods := func(rate float64) []time.Duration {
		s := ArrivalSpec{Process: OnOff, RatePerMinute: rate, On: DistSpec{Kind: Exponential, Mean: 30},
			Off: DistSpec{Kind: Exponential, Mean: 60}}
		m := newOnOff(NewRegistry(), s, rand.NewPCG(3, 3))
		rec := &recorder{periods: m.path}
		m.path = rec
		countTo(m, sim.At(time.Hour))
		return rec.lengths
	}
	x, y := periods(6), periods(600)
	if len(x) < 40 || len(y) < 40 {
		t.Fatalf("%d and %d periods in an hour, want about 40", len(x), len(y))
	}
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			t.Fatalf("period %d lasts %v at 6/min, %v at 600/min", i, x[i], y[i])
		}
	}
}

// countTo counts the arrivals of a in [0, horizon).
func countTo(a Arrivals, horizon sim.Time) (n int) {
	for now := sim.Time(0); ; n++ {
		at, _, ok := a.Next(now)
		if !ok || at >= horizon {
			return n
		}
		now = at
	}
}

// TestStep: step truncates to the nanosecond, stays before end, and does
// not overflow near the end of time.
func TestStep(t *testing.T) {
	for _, tc := range []struct {
		t, end sim.Time
		sec    float64
		want   sim.Time
		in     bool
	}{
		{0, sim.Second, 0.5, sim.Second / 2, true},
		{0, sim.Second, 1, sim.Second, false},
		{0, sim.Second, 0.9999999999, sim.Second - 1, true},
		{10, 20, 1e-8, 20, false},
		{endOfTime - 5, endOfTime, 1, endOfTime, false},
		{0, endOfTime, math.Inf(1), endOfTime, false},
		{0, endOfTime, 1e300, endOfTime, false},
	} {
		if got, in := step(tc.t, tc.end, tc.sec); got != tc.want || in != tc.in {
			t.Errorf("step(%d, %d, %g) = %d, %v; want %d, %v", tc.t, tc.end, tc.sec, got, in, tc.want, tc.in)
		}
	}
	if seconds(1e300) != math.MaxInt64 || seconds(1e-12) != 1 || seconds(0) != 0 || seconds(1.5) != 1500*time.Millisecond {
		t.Error("seconds does not round up or saturate")
	}
}

// TestMajorantBounds: at 100000 random instants over three cycles, λ(t) is
// within the bound of the window holding t (the condition for thinning to
// be exact), for diurnal peaks at, between and on window boundaries and for
// piecewise ramps up, down and flat, repeating or not.
func TestMajorantBounds(t *testing.T) {
	type rated struct {
		name string
		m    *majorant
	}
	var ms []rated
	for _, peak := range []time.Duration{0, 14 * time.Hour, 45 * time.Minute, 23*time.Hour + 59*time.Minute} {
		d := newDiurnal(ArrivalSpec{Process: Diurnal, MinRatePerMinute: 0, MaxRatePerMinute: 60, PeakAt: peak}, rand.NewPCG(1, 1))
		ms = append(ms, rated{"diurnal peak " + peak.String(), d.m})
	}
	pts := []RatePoint{{0, 0}, {10 * time.Minute, 60}, {20 * time.Minute, 60}, {30 * time.Minute, 5}, {time.Hour, 30}}
	ms = append(ms, rated{"piecewise", newPiecewise(ArrivalSpec{Process: Piecewise, Rates: pts}, rand.NewPCG(1, 1)).m},
		rated{"piecewise repeat", newPiecewise(ArrivalSpec{Process: Piecewise, Rates: pts, Repeat: 2 * time.Hour}, rand.NewPCG(1, 1)).m})
	r := rand.New(rand.NewPCG(2, 2))
	for _, x := range ms {
		span := 3 * x.m.cycle
		if span == 0 {
			span = 3 * time.Hour
		}
		for range 100000 {
			at := sim.Time(r.Int64N(int64(span)))
			phase := at.Duration()
			if x.m.cycle > 0 {
				phase %= x.m.cycle
			}
			i := 0
			for i+1 < len(x.m.starts) && x.m.starts[i+1] <= phase {
				i++
			}
			if lam, b := x.m.rate(at, i), x.m.bounds[i]; lam > b*(1+1e-12) || lam < 0 {
				t.Fatalf("%s: λ(%v) = %v above the bound %v of window %d", x.name, at, lam, b, i)
			}
		}
	}
}
