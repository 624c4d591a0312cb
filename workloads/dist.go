package workloads

import (
	"math"
	"math/rand/v2"
	"strings"

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

// Kinds lists the distribution kinds, for error messages.
var Kinds = []string{Constant, Uniform, Exponential, LogNormal, Normal, Empirical}

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

// Validate reports what is wrong with s, if anything.
func (s DistSpec) Validate() error {
	var errs FieldErrors
	switch s.Kind {
	case Constant:
		checkNonNegative(&errs, "value", s.Value)
	case Uniform:
		checkNonNegative(&errs, "min", s.Min)
		checkNonNegative(&errs, "max", s.Max)
		if s.Max < s.Min {
			errs.Add("max", "(%v) must be >= min (%v)", s.Max, s.Min)
		}
	case Exponential:
		checkMean(&errs, s.Mean)
	case LogNormal, Normal:
		checkMean(&errs, s.Mean)
		checkNonNegative(&errs, "stddev", s.StdDev)
	case Empirical:
		if len(s.Values) == 0 {
			errs.Add("values", "must list at least one value")
		}
		for _, v := range s.Values {
			checkNonNegative(&errs, "values", v)
		}
	default:
		errs.Add("distribution", "unknown distribution %q (accepted: %s)", s.Kind, strings.Join(Kinds, ", "))
	}
	return errs.err()
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

// ExpectedValue returns the distribution's expected value (for a truncated normal,
// the mean before truncation).
func (s DistSpec) ExpectedValue() float64 {
	switch s.Kind {
	case Constant:
		return s.Value
	case Uniform:
		return (s.Min + s.Max) / 2
	case Empirical:
		sum := 0.0
		for _, v := range s.Values {
			sum += v
		}
		return sum / float64(len(s.Values))
	}
	return s.Mean
}

// NewSampler returns a sampler of s drawing from src. It panics if src is
// nil: a nil source would fall back to gonum's global generator and break
// reproducibility.
func NewSampler(s DistSpec, src rand.Source) (Sampler, error) {
	if src == nil {
		panic("workloads: nil random source")
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	switch s.Kind {
	case Constant:
		return constant(s.Value), nil
	case Uniform:
		if s.Min == s.Max {
			return constant(s.Min), nil
		}
		return distuv.Uniform{Min: s.Min, Max: s.Max, Src: src}, nil
	case Exponential:
		return distuv.Exponential{Rate: 1 / s.Mean, Src: src}, nil
	case LogNormal:
		mu, sigma := LogNormalParams(s.Mean, s.StdDev)
		return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: src}, nil
	case Normal:
		if s.StdDev == 0 {
			return constant(s.Mean), nil
		}
		return truncNormal{distuv.Normal{Mu: s.Mean, Sigma: s.StdDev, Src: src}}, nil
	}
	return empirical{values: s.Values, rng: rand.New(src)}, nil
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
