package workloads

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Distribution kinds.
const (
	Constant    = "constant"
	Uniform     = "uniform"
	Exponential = "exponential"
	LogNormal   = "lognormal"
	Normal      = "normal"
	Empirical   = "empirical"
)

// DistSpec describes a distribution of non-negative values (durations in
// seconds, or sizes). Which fields apply depends on Kind:
//
//	constant     Value
//	uniform      Min, Max             (Min <= Max)
//	exponential  Mean                 (rate 1/Mean)
//	lognormal    Mean, StdDev         of the values, not of their logarithm
//	normal       Mean, StdDev         truncated at 0 by redrawing negatives
//	empirical    Values               each equally likely
type DistSpec struct {
	Kind                          string
	Value, Min, Max, Mean, StdDev float64
	Values                        []float64
}

// Sampler draws one value per call.
type Sampler interface {
	Rand() float64
}

// Validate reports what is wrong with s, if anything, as FieldErrors
// (the built-in distributions; Registry.CheckDist for others).
func (s DistSpec) Validate() error { return NewRegistry().CheckDist(s) }

// builtinDistributions are the distributions of README "Task durations".
func builtinDistributions() []DistributionType {
	mean := func(s DistSpec) float64 { return s.Mean }
	meanSD := func(s DistSpec, errs *FieldErrors) {
		checkMean(errs, s.Mean)
		checkNonNegative(errs, "stddev", s.StdDev)
	}
	return []DistributionType{
		{Name: Constant, Keys: []string{"value"},
			Check: func(s DistSpec, errs *FieldErrors) { checkNonNegative(errs, "value", s.Value) },
			New:   func(s DistSpec, _ rand.Source) Sampler { return constant(s.Value) },
			Mean:  func(s DistSpec) float64 { return s.Value }},
		{Name: Uniform, Keys: []string{"min", "max"}, Check: checkUniform, New: newUniform,
			Mean: func(s DistSpec) float64 { return (s.Min + s.Max) / 2 }},
		{Name: Exponential, Keys: []string{"mean"},
			Check: func(s DistSpec, errs *FieldErrors) { checkMean(errs, s.Mean) },
			New:   func(s DistSpec, src rand.Source) Sampler { return distuv.Exponential{Rate: 1 / s.Mean, Src: src} },
			Mean:  mean},
		{Name: LogNormal, Keys: []string{"mean", "stddev"}, Check: meanSD, Mean: mean,
			New: func(s DistSpec, src rand.Source) Sampler {
				mu, sigma := LogNormalParams(s.Mean, s.StdDev)
				return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: src}
			}},
		{Name: Normal, Keys: []string{"mean", "stddev"}, Check: meanSD, Mean: mean, New: newTruncNormal},
		{Name: Empirical, Keys: []string{"values"}, Check: checkEmpirical, Mean: meanOf,
			New: func(s DistSpec, src rand.Source) Sampler { return empirical{values: s.Values, rng: rand.New(src)} }},
	}
}

func checkUniform(s DistSpec, errs *FieldErrors) {
	checkNonNegative(errs, "min", s.Min)
	checkNonNegative(errs, "max", s.Max)
	if s.Max < s.Min {
		errs.Add("max", "(%v) must be >= min (%v)", s.Max, s.Min)
	}
}

func newUniform(s DistSpec, src rand.Source) Sampler {
	if s.Min == s.Max {
		return constant(s.Min)
	}
	return distuv.Uniform{Min: s.Min, Max: s.Max, Src: src}
}

func newTruncNormal(s DistSpec, src rand.Source) Sampler {
	if s.StdDev == 0 {
		return constant(s.Mean)
	}
	return truncNormal{distuv.Normal{Mu: s.Mean, Sigma: s.StdDev, Src: src}}
}

func checkEmpirical(s DistSpec, errs *FieldErrors) {
	if len(s.Values) == 0 {
		errs.Add("values", "must list at least one value")
	}
	for _, v := range s.Values {
		checkNonNegative(errs, "values", v)
	}
}

// meanOf is the mean of the empirical values.
func meanOf(s DistSpec) float64 {
	sum := 0.0
	for _, v := range s.Values {
		sum += v
	}
	return sum / float64(len(s.Values))
}

// checkNonNegative reports field when v is not a finite value >= 0.
func checkNonNegative(errs *FieldErrors, field string, v float64) {
	if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		errs.Add(field, "must be a finite value >= 0 (got %v)", v)
	}
}

// checkMean reports a mean that is not a finite value > 0.
func checkMean(errs *FieldErrors, mean float64) {
	if !(mean > 0) || math.IsInf(mean, 0) {
		errs.Add("mean", "must be > 0 (got %v)", mean)
	}
}

// ExpectedValue returns the distribution's expected value (for a truncated
// normal, the mean before truncation); built-in distributions only
// (Registry.Mean for others).
func (s DistSpec) ExpectedValue() float64 { return NewRegistry().Mean(s) }

// NewSampler returns a sampler of s drawing from src (the built-in
// distributions; Registry.NewSampler for others). It panics if src is nil:
// a nil source would fall back to gonum's global generator and break
// reproducibility.
func NewSampler(s DistSpec, src rand.Source) (Sampler, error) {
	return NewRegistry().NewSampler(s, src)
}

// LogNormalParams converts the mean m and standard deviation sd of a
// log-normal variable to the parameters of its logarithm:
// sigma² = ln(1 + sd²/m²), mu = ln m − sigma²/2.
// Example: m = 300, sd = 300 gives sigma² = ln 2 ≈ 0.693, mu ≈ 5.357.
func LogNormalParams(m, sd float64) (mu, sigma float64) {
	s2 := math.Log1p(sd * sd / (m * m))
	return math.Log(m) - s2/2, math.Sqrt(s2)
}

type constant float64

func (c constant) Rand() float64 { return float64(c) }

// truncNormal redraws negative values, so the result is the normal
// distribution conditioned on being >= 0 (validation keeps the mean > 0, so at
// least half the draws are accepted).
type truncNormal struct{ n distuv.Normal }

func (t truncNormal) Rand() float64 {
	for {
		if v := t.n.Rand(); v >= 0 {
			return v
		}
	}
}

type empirical struct {
	values []float64
	rng    *rand.Rand
}

func (e empirical) Rand() float64 { return e.values[e.rng.IntN(len(e.values))] }
