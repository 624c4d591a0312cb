package workloads

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// ProcessType is an arrival process a Registry knows: a new one is one
// file with its type and one RegisterProcess call (README "Extending
// ecsim").
type ProcessType struct {
	// Name is the scenario's process value, e.g. "poisson".
	Name string
	// Keys are the arrivals keys the process reads, as a scenario writes
	// them, besides process and count (every process takes count).
	Keys []string
	// Check reports what is wrong with a spec of this process, each problem
	// named by its scenario key. r resolves the distributions a process
	// takes (onoff's on and off).
	Check func(r *Registry, s ArrivalSpec, errs *FieldErrors)
	// New builds the process of a spec that passed Check, drawing from
	// src.
	New func(r *Registry, s ArrivalSpec, src rand.Source) Arrivals
}

// DistributionType is a distribution a Registry knows.
type DistributionType struct {
	// Name is the scenario's distribution value, e.g. "lognormal".
	Name string
	// Keys are the fields it reads: value, min, max, mean, stddev, values.
	Keys []string
	// Check reports what is wrong with a spec of this distribution.
	Check func(s DistSpec, errs *FieldErrors)
	// New builds the sampler of a spec that passed Check.
	New func(s DistSpec, src rand.Source) Sampler
	// Mean is the expected value of a spec that passed Check.
	Mean func(s DistSpec) float64
}

// Registry maps arrival process and distribution names to their types.
type Registry struct {
	procs     map[string]ProcessType
	procOrder []string
	dists     map[string]DistributionType
	distOrder []string
}

// NewRegistry returns a registry of the built-in processes (poisson, batch,
// diurnal, piecewise, onoff, mmpp) and distributions (constant, uniform,
// exponential, lognormal, normal, empirical).
func NewRegistry() *Registry {
	r := &Registry{procs: map[string]ProcessType{}, dists: map[string]DistributionType{}}
	for _, p := range builtinProcesses() {
		if err := r.RegisterProcess(p); err != nil {
			panic(err)
		}
	}
	for _, d := range builtinDistributions() {
		if err := r.RegisterDistribution(d); err != nil {
			panic(err)
		}
	}
	return r
}

// RegisterProcess adds an arrival process; a name registered twice is an
// error.
func (r *Registry) RegisterProcess(p ProcessType) error {
	if p.Name == "" || p.Check == nil || p.New == nil {
		return fmt.Errorf("workloads: process %q needs a name, Check and New", p.Name)
	}
	if _, dup := r.procs[p.Name]; dup {
		return fmt.Errorf("workloads: process %q registered twice", p.Name)
	}
	r.procs[p.Name] = p
	r.procOrder = append(r.procOrder, p.Name)
	return nil
}

// RegisterDistribution adds a distribution; a name registered twice is an
// error.
func (r *Registry) RegisterDistribution(d DistributionType) error {
	if d.Name == "" || d.Check == nil || d.New == nil || d.Mean == nil {
		return fmt.Errorf("workloads: distribution %q needs a name, Check, New and Mean", d.Name)
	}
	if _, dup := r.dists[d.Name]; dup {
		return fmt.Errorf("workloads: distribution %q registered twice", d.Name)
	}
	r.dists[d.Name] = d
	r.distOrder = append(r.distOrder, d.Name)
	return nil
}

// Process returns the process named name.
func (r *Registry) Process(name string) (ProcessType, bool) {
	p, ok := r.procs[name]
	return p, ok
}

// Distribution returns the distribution named name.
func (r *Registry) Distribution(name string) (DistributionType, bool) {
	d, ok := r.dists[name]
	return d, ok
}

// Processes returns the process names in registration order.
func (r *Registry) Processes() []string { return slices.Clone(r.procOrder) }

// Distributions returns the distribution names in registration order.
func (r *Registry) Distributions() []string { return slices.Clone(r.distOrder) }

// CheckArrivals reports what is wrong with s, if anything, as FieldErrors.
func (r *Registry) CheckArrivals(s ArrivalSpec) error {
	var errs FieldErrors
	p, ok := r.procs[s.Process]
	if !ok {
		errs.Add("process", "unknown arrival process %q (accepted: %s)", s.Process, strings.Join(r.procOrder, ", "))
		return errs
	}
	p.Check(r, s, &errs)
	return errs.err()
}

// NewArrivals returns the arrival process of s drawing from src, or what is
// wrong with s. It panics if src is nil.
func (r *Registry) NewArrivals(s ArrivalSpec, src rand.Source) (Arrivals, error) {
	if src == nil {
		panic("workloads: nil random source")
	}
	if err := r.CheckArrivals(s); err != nil {
		return nil, err
	}
	return r.procs[s.Process].New(r, s, src), nil
}

// CheckDist reports what is wrong with s, if anything, as FieldErrors.
func (r *Registry) CheckDist(s DistSpec) error {
	var errs FieldErrors
	d, ok := r.dists[s.Kind]
	if !ok {
		errs.Add("distribution", "unknown distribution %q (accepted: %s)", s.Kind, strings.Join(r.distOrder, ", "))
		return errs
	}
	d.Check(s, &errs)
	return errs.err()
}

// NewSampler returns a sampler of s drawing from src, or what is wrong with
// s. It panics if src is nil: a nil source would fall back to gonum's
// global generator and break reproducibility.
func (r *Registry) NewSampler(s DistSpec, src rand.Source) (Sampler, error) {
	if src == nil {
		panic("workloads: nil random source")
	}
	if err := r.CheckDist(s); err != nil {
		return nil, err
	}
	return r.dists[s.Kind].New(s, src), nil
}

// Mean returns the expected value of s (0 for an unknown distribution).
func (r *Registry) Mean(s DistSpec) float64 {
	d, ok := r.dists[s.Kind]
	if !ok {
		return 0
	}
	return d.Mean(s)
}

// builtinProcesses are the processes of README "Arrival processes".
func builtinProcesses() []ProcessType {
	return []ProcessType{
		{Name: Poisson, Keys: []string{"ratePerMinute"}, Check: checkPoisson,
			New: func(_ *Registry, s ArrivalSpec, src rand.Source) Arrivals {
				return poisson{gap: distuv.Exponential{Rate: s.RatePerMinute / 60, Src: src}, count: max(1, s.Count)}
			}},
		{Name: Batch, Keys: []string{"at"}, Check: checkBatch,
			New: func(_ *Registry, s ArrivalSpec, _ rand.Source) Arrivals {
				return &batch{at: sim.At(s.At), count: s.Count}
			}},
		{Name: Diurnal, Keys: []string{"minRatePerMinute", "maxRatePerMinute", "period", "peakAt"},
			Check: func(_ *Registry, s ArrivalSpec, errs *FieldErrors) { s.validateDiurnal(errs) },
			New:   func(_ *Registry, s ArrivalSpec, src rand.Source) Arrivals { return newDiurnal(s, src) }},
		{Name: Piecewise, Keys: []string{"ratesPerMinute", "repeat"},
			Check: func(_ *Registry, s ArrivalSpec, errs *FieldErrors) { s.validatePiecewise(errs) },
			New:   func(_ *Registry, s ArrivalSpec, src rand.Source) Arrivals { return newPiecewise(s, src) }},
		{Name: OnOff, Keys: []string{"ratePerMinute", "on", "off", "startOff"},
			Check: func(r *Registry, s ArrivalSpec, errs *FieldErrors) { s.validateOnOff(r, errs) },
			New:   func(r *Registry, s ArrivalSpec, src rand.Source) Arrivals { return newOnOff(r, s, src) }},
		{Name: MMPP, Keys: []string{"states"},
			Check: func(_ *Registry, s ArrivalSpec, errs *FieldErrors) { s.validateMMPP(errs) },
			New:   func(_ *Registry, s ArrivalSpec, src rand.Source) Arrivals { return newMMPP(s, src) }},
	}
}

// checkPoisson reports the first problem of a poisson spec.
func checkPoisson(_ *Registry, s ArrivalSpec, errs *FieldErrors) {
	if !positive(s.RatePerMinute) {
		errs.Add("ratePerMinute", "must be > 0 (got %v)", s.RatePerMinute)
	} else if s.Count < 0 {
		errs.Add("count", "must be >= 1 (got %d)", s.Count)
	}
}

// checkBatch reports the first problem of a batch spec.
func checkBatch(_ *Registry, s ArrivalSpec, errs *FieldErrors) {
	if s.At < 0 {
		errs.Add("at", "must be >= 0 (got %v)", s.At)
	} else if s.Count < 1 {
		errs.Add("count", "must be >= 1 (got %d)", s.Count)
	}
}
