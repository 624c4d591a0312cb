package workloads

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Time-varying Poisson processes (diurnal, piecewise) are generated exactly
// by thinning (Lewis & Shedler 1979, "Simulation of nonhomogeneous Poisson
// processes by thinning", Naval Research Logistics Quarterly 26(3), with a
// piecewise-constant majorant as in their §3).
//
// The rate λ(t) is periodic (piecewise without Repeat: one cycle without
// end) and each cycle is cut into bounded windows, each with a bound
// λ̄ = max λ over the window. Candidates are the points of the Poisson
// process of intensity λ̄(t): from t, Next draws a unit exponential E and
// walks the windows, subtracting each window's mass λ̄·length until E falls
// inside one (inverting the cumulative majorant, Çinlar 1975); when E
// exceeds the mass M of a whole cycle, ⌊E/M⌋ cycles are skipped at once.
// A candidate at s in a window of bound λ̄ is accepted when U·λ̄ < λ(s), U
// uniform on [0, 1); otherwise the next candidate is drawn from s. The
// accepted candidates are a Poisson process of intensity λ(t), with no
// error beyond the nanosecond truncation of each gap that the poisson
// process has too. Windows with λ̄ = 0 have no mass and cost one step of
// the walk, so a stretch of zero rate, however long, is never spun
// through; when the rate is 0 for the rest of time Next returns false.
//
// Cost: each candidate takes one ExpFloat64 and one Float64 from the source
// (one 64-bit word each, ExpFloat64 occasionally more) and a walk of at
// most two cycles' windows; the expected number of candidates per arrival
// is the majorant's mass over the rate's, at most 2 for piecewise (a linear
// segment's mean is at least half its maximum) and at most
// 1 + 0.2·(max − min)/(max + min) over a diurnal period (32 windows a
// period; |λ'| ≤ π(max − min)/period, so each bound exceeds λ by at most
// π(max − min)/32). Nothing else draws from the source and Next keeps no
// state between calls: an arrival after now depends only on now and the
// source. The rate is defined for t >= 0; a negative now is taken as 0.

// majorant is a periodic piecewise-constant bound of a rate, with the rate.
type majorant struct {
	cycle  time.Duration   // the period; 0: one cycle without end
	starts []time.Duration // window i is [starts[i], starts[i+1]) of the cycle, the last up to cycle
	bounds []float64       // of the windows, per second
	mass   float64         // Σ bounds·length in seconds: candidates per cycle
	// rate returns λ(t) per second, t in window i.
	rate func(t sim.Time, i int) float64
}

// newMajorant computes the mass per cycle of a majorant.
func newMajorant(cycle time.Duration, starts []time.Duration, bounds []float64, rate func(sim.Time, int) float64) *majorant {
	m := &majorant{cycle: cycle, starts: starts, bounds: bounds, rate: rate}
	if cycle > 0 {
		for i, b := range bounds {
			m.mass += b * (m.end(i) - starts[i]).Seconds()
		}
	}
	return m
}

// end returns the end of window i in the cycle (for the last window of a
// cycle without end, the longest duration).
func (m *majorant) end(i int) time.Duration {
	switch {
	case i+1 < len(m.starts):
		return m.starts[i+1]
	case m.cycle > 0:
		return m.cycle
	}
	return math.MaxInt64
}

// next returns the first arrival after t, or false if there is none before
// the end of time.
func (m *majorant) next(r *rand.Rand, t sim.Time) (sim.Time, bool) {
	t = max(t, 0)
	for {
		at, i, ok := m.candidate(t, r.ExpFloat64())
		if !ok {
			return 0, false
		}
		if r.Float64()*m.bounds[i] < m.rate(at, i) {
			return at, true
		}
		t = at
	}
}

// candidate returns the point after t where the majorant's integral from t
// reaches e, and its window.
func (m *majorant) candidate(t sim.Time, e float64) (sim.Time, int, bool) {
	base, phase := sim.Time(0), t.Duration()
	if m.cycle > 0 {
		phase %= m.cycle
		base = t - sim.Time(phase)
	}
	i := sort.Search(len(m.starts), func(i int) bool { return m.starts[i] > phase }) - 1
	for t < endOfTime {
		end := after(base, m.end(i))
		if b := m.bounds[i]; b > 0 {
			if at, in := step(t, end, e/b); in {
				return at, i, true
			}
			e = max(0, e-b*end.Sub(t).Seconds())
		}
		t = end
		if i++; i < len(m.starts) {
			continue
		}
		if m.cycle == 0 {
			break // the rate is 0 from the last window on
		}
		i, base = 0, t
		if e >= m.mass {
			k := math.Floor(e / m.mass)
			if k >= float64((endOfTime-t)/sim.Time(m.cycle)) {
				break
			}
			t, base, e = t+sim.Time(k)*sim.Time(m.cycle), t+sim.Time(k)*sim.Time(m.cycle), math.Mod(e, m.mass)
		}
	}
	return 0, 0, false
}

// diurnal is the rate λ(t) = lo + (hi − lo)·(1 + cos(2π(t − peakAt)/period))/2,
// under 32 windows a period, each bounded by hi if it holds the peak and
// otherwise by its larger end value (between a peak and the next λ falls
// to the trough and rises again, so off the peak its maximum is at an end).
type diurnal struct {
	r     *rand.Rand
	m     *majorant
	curve DiurnalCurve // per second
	count int
}

// diurnalWindows is the number of windows of a diurnal period.
const diurnalWindows = 32

func newDiurnal(s ArrivalSpec, src rand.Source) *diurnal {
	d := &diurnal{r: rand.New(src), count: max(1, s.Count), curve: DiurnalCurve{Min: s.MinRatePerMinute / 60,
		Max: s.MaxRatePerMinute / 60, Period: s.Period, PeakAt: s.PeakAt}}
	if d.curve.Period == 0 {
		d.curve.Period = DefaultDiurnalPeriod
	}
	period := d.curve.Period
	starts := make([]time.Duration, diurnalWindows)
	bounds := make([]float64, diurnalWindows)
	for j := range starts {
		starts[j] = period / diurnalWindows * time.Duration(j)
	}
	for j, a := range starts {
		b := period
		if j+1 < len(starts) {
			b = starts[j+1]
		}
		bounds[j] = max(d.curve.Value(a), d.curve.Value(b))
		if a <= d.curve.PeakAt && d.curve.PeakAt <= b {
			bounds[j] = d.curve.Max
		}
	}
	d.m = newMajorant(period, starts, bounds, func(t sim.Time, _ int) float64 { return d.curve.Value(t.Duration()) })
	return d
}

func (d *diurnal) Next(now sim.Time) (sim.Time, int, bool) {
	at, ok := d.m.next(d.r, now)
	if !ok {
		return 0, 0, false
	}
	return at, d.count, true
}

// validateDiurnal reports every problem of a diurnal spec.
func (s ArrivalSpec) validateDiurnal(errs *FieldErrors) {
	if !nonNegative(s.MinRatePerMinute) {
		errs.Add("minRatePerMinute", "must be a finite value >= 0 (got %v)", s.MinRatePerMinute)
	}
	if !positive(s.MaxRatePerMinute) {
		errs.Add("maxRatePerMinute", "must be a finite value > 0 (got %v)", s.MaxRatePerMinute)
	} else if s.MaxRatePerMinute < s.MinRatePerMinute {
		errs.Add("maxRatePerMinute", "(%v) must be >= minRatePerMinute (%v)", s.MaxRatePerMinute, s.MinRatePerMinute)
	}
	period := s.Period
	if period == 0 {
		period = DefaultDiurnalPeriod
	}
	if s.Period < 0 {
		errs.Add("period", "must be > 0, or 0 for %v (got %v)", DefaultDiurnalPeriod, s.Period)
	} else if s.PeakAt < 0 || s.PeakAt >= period {
		errs.Add("peakAt", "must be >= 0 and < period (%v) (got %v)", period, s.PeakAt)
	}
	s.validateCount(errs)
}

// piecewise is the piecewise-linear rate through the points of Rates,
// constant after the last one, under one window per segment between
// points (and one for the tail), each bounded by the larger of its end
// rates. Locating the window of now is a binary search over the points.
type piecewise struct {
	r     *rand.Rand
	m     *majorant
	curve PiecewiseCurve // per second
	count int
}

func newPiecewise(s ArrivalSpec, src rand.Source) *piecewise {
	p := &piecewise{r: rand.New(src), count: max(1, s.Count), curve: PiecewiseCurve{Cycle: s.Repeat}}
	for _, pt := range s.Rates {
		p.curve.Times = append(p.curve.Times, pt.At)
		p.curve.Values = append(p.curve.Values, pt.RatePerMinute/60)
	}
	rates := p.curve.Values
	bounds := make([]float64, len(rates))
	for i, r := range rates {
		bounds[i] = max(r, rates[min(i+1, len(rates)-1)])
	}
	p.m = newMajorant(s.Repeat, p.curve.Times, bounds, p.rate)
	return p
}

// rate returns λ(t) per second, t in segment i.
func (p *piecewise) rate(t sim.Time, i int) float64 {
	phase := t.Duration()
	if p.m.cycle > 0 {
		phase %= p.m.cycle
	}
	return p.curve.segment(i, phase)
}

func (p *piecewise) Next(now sim.Time) (sim.Time, int, bool) {
	at, ok := p.m.next(p.r, now)
	if !ok {
		return 0, 0, false
	}
	return at, p.count, true
}

// validatePiecewise reports every problem of a piecewise spec.
func (s ArrivalSpec) validatePiecewise(errs *FieldErrors) {
	if len(s.Rates) == 0 {
		errs.Add("ratesPerMinute", "must list at least one point {at, rate}, the first at 0 (got none)")
	}
	anyPositive := false
	for i, pt := range s.Rates {
		switch {
		case i == 0 && pt.At != 0:
			errs.Add("ratesPerMinute[0].at", "must be 0 (got %v)", pt.At)
		case i > 0 && pt.At <= s.Rates[i-1].At:
			errs.Add(fmt.Sprintf("ratesPerMinute[%d].at", i), "must be > ratesPerMinute[%d].at (%v): points in strictly increasing order (got %v)", i-1, s.Rates[i-1].At, pt.At)
		}
		if !nonNegative(pt.RatePerMinute) {
			errs.Add(fmt.Sprintf("ratesPerMinute[%d].rate", i), "must be a finite value >= 0 (got %v)", pt.RatePerMinute)
		}
		anyPositive = anyPositive || pt.RatePerMinute > 0
	}
	if len(s.Rates) > 0 && !anyPositive {
		errs.Add("ratesPerMinute", "must have at least one rate > 0")
	}
	if s.Repeat < 0 {
		errs.Add("repeat", "must be > the last ratesPerMinute[].at, or 0 for no repeat (got %v)", s.Repeat)
	} else if n := len(s.Rates); s.Repeat > 0 && n > 0 && s.Repeat <= s.Rates[n-1].At {
		errs.Add("repeat", "must be > the last ratesPerMinute[].at (%v), or 0 for no repeat (got %v)", s.Rates[n-1].At, s.Repeat)
	}
	s.validateCount(errs)
}
