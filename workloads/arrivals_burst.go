package workloads

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Modulated Poisson processes (onoff, mmpp): a path of periods, each with a
// constant rate, and Poisson arrivals at the rate of the current period.
//
// Randomness: NewArrivals draws two 64-bit words from the source to seed a
// PCG stream of its own for the path of periods (their lengths and, for
// mmpp, the next state); the arrival gaps are then drawn from the source
// itself, one exponential (math/rand/v2 ExpFloat64) per candidate gap. So the
// path depends only on the seed, not on the rates or on how many arrivals
// were drawn: two variants of a scenario differing only in the rates see
// the same ON/OFF periods (common random numbers).
//
// Next draws a gap from max(now, start of the current period); a gap that
// reaches the end of the period is discarded and drawn again from the start
// of the next period with a positive rate (exact, the exponential being
// memoryless), and periods of rate 0 are skipped in one step each. Periods
// are drawn lazily, so a now far ahead of the previous one costs one step
// per period in between. The path cannot go back: a now before the current
// period is treated as its start.

// periods yields the successive periods of a modulated process.
type periods interface {
	// next returns the length and the rate (requests per second) of the
	// next period; the first call returns the period starting at t = 0.
	next() (time.Duration, float64)
}

// modulated is a Poisson process whose rate is constant on each period.
type modulated struct {
	r          *rand.Rand // arrival gaps
	path       periods
	start, end sim.Time // the current period [start, end)
	rate       float64  // requests per second in the current period
	count      int
}

// newModulated seeds the path's stream from src (two words) and returns the
// process with its path built by mk.
func newModulated(src rand.Source, count int, mk func(path rand.Source) periods) *modulated {
	r := rand.New(src)
	pathSrc := rand.NewPCG(r.Uint64(), r.Uint64())
	return &modulated{r: r, path: mk(pathSrc), count: max(1, count)}
}

func (m *modulated) Next(now sim.Time) (sim.Time, int, bool) {
	t := max(now, m.start)
	for {
		for m.end <= t {
			if m.end == endOfTime {
				return 0, 0, false
			}
			d, rate := m.path.next()
			m.start, m.end, m.rate = m.end, after(m.end, d), rate
		}
		if m.rate > 0 {
			if at, in := step(t, m.end, m.r.ExpFloat64()/m.rate); in {
				return at, m.count, true
			}
		}
		t = m.end
	}
}

// onoffPath alternates ON periods (lengths from on, in seconds, rate rate)
// and OFF periods (lengths from off, rate 0). Each period takes one draw of
// its sampler (see NewSampler for how many words that is).
type onoffPath struct {
	on, off Sampler
	rate    float64
	isOn    bool // the current period
}

func newOnOff(r *Registry, s ArrivalSpec, src rand.Source) *modulated {
	return newModulated(src, s.Count, func(path rand.Source) periods {
		on, _ := r.NewSampler(s.On, path)
		off, _ := r.NewSampler(s.Off, path)
		return &onoffPath{on: on, off: off, rate: s.RatePerMinute / 60, isOn: s.StartOff}
	})
}

func (p *onoffPath) next() (time.Duration, float64) {
	p.isOn = !p.isOn
	if p.isOn {
		return seconds(p.on.Rand()), p.rate
	}
	return seconds(p.off.Rand()), 0
}

// mmppPath stays in state i for an exponential time of mean
// States[i].MeanDuration, then moves to one of the other states chosen
// uniformly (each with probability 1/(n−1)). Each period takes one
// exponential (ExpFloat64) and, from the second on, one IntN for the state.
//
// The embedded jump chain is doubly stochastic, so it visits the states
// equally often and the long-run fraction of time in state i is
// m_i/Σm_j (m the mean durations): the long-run rate is Σr_i·m_i/Σm_j.
type mmppPath struct {
	r     *rand.Rand
	rates []float64 // requests per second
	means []float64 // seconds
	state int       // the current state, −1 before the first period
}

func newMMPP(s ArrivalSpec, src rand.Source) *modulated {
	return newModulated(src, s.Count, func(path rand.Source) periods {
		p := &mmppPath{r: rand.New(path), state: -1}
		for _, st := range s.States {
			p.rates = append(p.rates, st.RatePerMinute/60)
			p.means = append(p.means, st.MeanDuration.Seconds())
		}
		return p
	})
}

func (p *mmppPath) next() (time.Duration, float64) {
	if p.state < 0 {
		p.state = 0
	} else {
		j := p.r.IntN(len(p.rates) - 1)
		if j >= p.state {
			j++
		}
		p.state = j
	}
	return seconds(p.r.ExpFloat64() * p.means[p.state]), p.rates[p.state]
}

// validateOnOff reports every problem of an onoff spec.
func (s ArrivalSpec) validateOnOff(r *Registry, errs *FieldErrors) {
	if !positive(s.RatePerMinute) {
		errs.Add("ratePerMinute", "must be a finite value > 0: the rate during ON periods (got %v)", s.RatePerMinute)
	}
	periodDist(r, errs, "on", "ON", s.On)
	periodDist(r, errs, "off", "OFF", s.Off)
	if r.CheckDist(s.On) == nil && !(r.Mean(s.On) > 0) {
		errs.Add("on", "must have an expected value > 0 seconds: ON periods of length 0 admit no arrivals (got %v)", r.Mean(s.On))
	}
	s.validateCount(errs)
}

// periodDist validates the distribution of the period lengths named field,
// each problem named field.<its field>.
func periodDist(r *Registry, errs *FieldErrors, field, what string, d DistSpec) {
	if d.Kind == "" {
		errs.Add(field, "must be set: the distribution of %s period lengths in seconds (accepted kinds: %s)", what, strings.Join(r.Distributions(), ", "))
		return
	}
	if es, ok := r.CheckDist(d).(FieldErrors); ok {
		for _, e := range es {
			errs.Add(field+"."+e.Field, "%s", e.Msg)
		}
	}
}

// validateMMPP reports every problem of an mmpp spec.
func (s ArrivalSpec) validateMMPP(errs *FieldErrors) {
	if len(s.States) < 2 {
		errs.Add("states", "must list at least 2 states {ratePerMinute, meanDuration} (got %d)", len(s.States))
	}
	anyPositive := false
	for i, st := range s.States {
		if !nonNegative(st.RatePerMinute) {
			errs.Add(fmt.Sprintf("states[%d].ratePerMinute", i), "must be a finite value >= 0 (got %v)", st.RatePerMinute)
		}
		if st.MeanDuration <= 0 {
			errs.Add(fmt.Sprintf("states[%d].meanDuration", i), "must be > 0 (got %v)", st.MeanDuration)
		}
		anyPositive = anyPositive || st.RatePerMinute > 0
	}
	if len(s.States) > 0 && !anyPositive {
		errs.Add("states", "must have at least one ratePerMinute > 0")
	}
	s.validateCount(errs)
}
