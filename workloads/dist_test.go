package workloads_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/workloads"
)

// The statistical tests draw n = 200000 values from a fixed PCG seed and
// accept a sample mean within 5 standard errors of the true mean,
// 5·σ/√n (CLT), and a sample variance within 5·σ²·√((κ−1)/n), κ the
// kurtosis (the large-sample standard error of s²). A correct sampler fails
// such a bound with probability below 1e-6; the seeds are fixed, so the
// tests are deterministic.
const nDraws = 200000

func src(seed uint64) rand.Source { return rand.NewPCG(seed, 0xd15) }

func mustSampler(t *testing.T, s workloads.DistSpec, seed uint64) workloads.Sampler {
	t.Helper()
	smp, err := workloads.NewSampler(s, src(seed))
	if err != nil {
		t.Fatalf("NewSampler(%+v): %v", s, err)
	}
	return smp
}

// moments draws n values and returns their mean, (n−1)-variance, min, max.
func moments(s workloads.Sampler, n int) (mean, variance, lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	var sum, sum2 float64
	xs := make([]float64, n)
	for i := range xs {
		x := s.Rand()
		xs[i] = x
		sum += x
		lo, hi = min(lo, x), max(hi, x)
	}
	mean = sum / float64(n)
	for _, x := range xs {
		sum2 += (x - mean) * (x - mean)
	}
	return mean, sum2 / float64(n-1), lo, hi
}

func checkMoments(t *testing.T, s workloads.Sampler, wantMean, wantVar, kurtosis float64) (lo, hi float64) {
	t.Helper()
	mean, v, lo, hi := moments(s, nDraws)
	if tol := 5 * math.Sqrt(wantVar/nDraws); math.Abs(mean-wantMean) > tol {
		t.Errorf("mean = %.4f, want %.4f ± %.4f", mean, wantMean, tol)
	}
	if tol := 5 * wantVar * math.Sqrt((kurtosis-1)/nDraws); math.Abs(v-wantVar) > tol {
		t.Errorf("variance = %.2f, want %.2f ± %.2f", v, wantVar, tol)
	}
	return lo, hi
}

// TestExponential: mean 300 → rate 1/300, variance 300² = 90000, kurtosis 9.
func TestExponential(t *testing.T) {
	lo, _ := checkMoments(t, mustSampler(t, workloads.DistSpec{Kind: workloads.Exponential, Mean: 300}, 1), 300, 90000, 9)
	if lo < 0 {
		t.Errorf("negative draw %v", lo)
	}
}

// TestUniform: [60, 180] has mean 120, variance 120²/12 = 1200, kurtosis
// 9/5; every draw lies in the bounds.
func TestUniform(t *testing.T) {
	lo, hi := checkMoments(t, mustSampler(t, workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 180}, 2), 120, 1200, 1.8)
	if lo < 60 || hi > 180 {
		t.Errorf("draws span [%v, %v], outside [60, 180]", lo, hi)
	}
	if lo > 60.01 || hi < 179.99 {
		t.Errorf("draws span [%v, %v], not the whole of [60, 180]", lo, hi)
	}
	// min == max is the constant min.
	s := mustSampler(t, workloads.DistSpec{Kind: workloads.Uniform, Min: 90, Max: 90}, 2)
	for range 100 {
		if x := s.Rand(); x != 90 {
			t.Fatalf("uniform [90, 90] drew %v", x)
		}
	}
}

// TestLogNormal: mean 300 and stddev 300 are of the values themselves
// (README Distributions): sigma² = ln(1 + 300²/300²) = ln 2, mu = ln 300 −
// ln 2 / 2 ≈ 5.3572. The values have mean 300, variance 90000 and kurtosis
// e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3 = 16 + 16 + 12 − 3 = 41. The median is
// e^mu = 300/√2 ≈ 212.13, with a standard error 1/(2 f(median) √n), f the
// density, f(median) = 1/(median·σ·√(2π)).
func TestLogNormal(t *testing.T) {
	spec := workloads.DistSpec{Kind: workloads.LogNormal, Mean: 300, StdDev: 300}
	lo, _ := checkMoments(t, mustSampler(t, spec, 3), 300, 90000, 41)
	if lo <= 0 {
		t.Errorf("non-positive draw %v", lo)
	}
	s := mustSampler(t, spec, 4)
	median := 300 / math.Sqrt2
	below := 0
	for range nDraws {
		if s.Rand() < median {
			below++
		}
	}
	// P(X < median) = 1/2: binomial tolerance 5·√(¼/n).
	if p, tol := float64(below)/nDraws, 5*math.Sqrt(0.25/nDraws); math.Abs(p-0.5) > tol {
		t.Errorf("P(X < 300/√2) = %.4f, want 0.5 ± %.4f (mu is wrong)", p, tol)
	}
	// Stddev 0 degenerates to the constant mean (sigma = 0, e^mu = m).
	s = mustSampler(t, workloads.DistSpec{Kind: workloads.LogNormal, Mean: 300}, 5)
	for range 100 {
		if x := s.Rand(); math.Abs(x-300) > 1e-9 {
			t.Fatalf("lognormal with stddev 0 drew %v, want 300", x)
		}
	}
}

// TestLogNormalParams: the worked example m = 300, sd = 300 gives sigma² =
// ln 2 ≈ 0.6931 and mu = ln 300 − ln 2 / 2 ≈ 5.7038 − 0.3466 = 5.3572;
// sd = 0 gives sigma 0 and mu = ln m; m = 100, sd = 200 gives sigma² = ln 5.
func TestLogNormalParams(t *testing.T) {
	for _, tc := range []struct{ m, sd, mu, sigma2 float64 }{
		{300, 300, math.Log(300) - math.Ln2/2, math.Ln2},
		{300, 0, math.Log(300), 0},
		{100, 200, math.Log(100) - math.Log(5)/2, math.Log(5)},
	} {
		mu, sigma := workloads.LogNormalParams(tc.m, tc.sd)
		if math.Abs(mu-tc.mu) > 1e-12 || math.Abs(sigma*sigma-tc.sigma2) > 1e-12 {
			t.Errorf("LogNormalParams(%v, %v) = mu %v, sigma² %v; want %v, %v", tc.m, tc.sd, mu, sigma*sigma, tc.mu, tc.sigma2)
		}
	}
	mu, sigma := workloads.LogNormalParams(300, 300)
	if math.Abs(sigma*sigma-0.6931) > 1e-4 || math.Abs(mu-5.3572) > 1e-4 {
		t.Errorf("worked example: sigma² %.4f mu %.4f; want 0.6931 5.3572", sigma*sigma, mu)
	}
	// Round trip: the lognormal mean e^{mu+σ²/2} and variance (e^{σ²}−1)e^{2mu+σ²}.
	m, v := math.Exp(mu+sigma*sigma/2), (math.Exp(sigma*sigma)-1)*math.Exp(2*mu+sigma*sigma)
	if math.Abs(m-300) > 1e-9 || math.Abs(math.Sqrt(v)-300) > 1e-9 {
		t.Errorf("round trip gives mean %v stddev %v", m, math.Sqrt(v))
	}
}

// truncatedNormal returns the mean and variance of N(mu, sd²) conditioned on
// X >= 0. With alpha = −mu/sd and lambda = φ(alpha)/(1 − Φ(alpha)):
// mean = mu + sd·lambda, variance = sd²·(1 + alpha·lambda − lambda²).
func truncatedNormal(mu, sd float64) (mean, variance float64) {
	alpha := -mu / sd
	phi := math.Exp(-alpha*alpha/2) / math.Sqrt(2*math.Pi)
	tail := 0.5 * math.Erfc(alpha/math.Sqrt2) // 1 − Φ(alpha)
	lambda := phi / tail
	return mu + sd*lambda, sd * sd * (1 + alpha*lambda - lambda*lambda)
}

// TestNormalTruncated: normal is truncated at 0 by redrawing (README
// Distributions), so it never returns a negative value and has the
// truncated-normal mean. Mean 60, stddev 60: alpha = −1, lambda =
// φ(1)/Φ(1) = 0.24197/0.84134 = 0.28760, mean = 60 + 60·0.28760 = 77.256,
// variance = 3600·(1 − 0.28760 − 0.08271) = 2266.9.
func TestNormalTruncated(t *testing.T) {
	mean, variance := truncatedNormal(60, 60)
	if math.Abs(mean-77.256) > 1e-3 || math.Abs(variance-2266.9) > 0.1 {
		t.Fatalf("truncated-normal formula: mean %.4f variance %.2f, want 77.256 and 2266.9", mean, variance)
	}
	s := mustSampler(t, workloads.DistSpec{Kind: workloads.Normal, Mean: 60, StdDev: 60}, 6)
	m, v, lo, _ := moments(s, nDraws)
	if lo < 0 {
		t.Errorf("negative draw %v", lo)
	}
	if tol := 5 * math.Sqrt(variance/nDraws); math.Abs(m-mean) > tol {
		t.Errorf("mean = %.4f, want the truncated mean %.4f ± %.4f (the untruncated mean is 60)", m, mean, tol)
	}
	// The truncated normal's kurtosis is below 3; 3 gives a looser bound.
	if tol := 5 * variance * math.Sqrt(2.0/nDraws); math.Abs(v-variance) > tol {
		t.Errorf("variance = %.2f, want %.2f ± %.2f", v, variance, tol)
	}
	// Mean 300, stddev 30: truncation is negligible (alpha = −10).
	checkMoments(t, mustSampler(t, workloads.DistSpec{Kind: workloads.Normal, Mean: 300, StdDev: 30}, 7), 300, 900, 3)
	// Stddev 0 is the constant mean.
	s = mustSampler(t, workloads.DistSpec{Kind: workloads.Normal, Mean: 45}, 8)
	for range 100 {
		if x := s.Rand(); x != 45 {
			t.Fatalf("normal with stddev 0 drew %v, want 45", x)
		}
	}
}

// TestEmpirical: values are equally likely, so with [10, 20, 20, 60] 20 has
// frequency 1/2 and 10 and 60 have 1/4 each (binomial tolerance
// 5·√(p(1−p)/n)); the mean is 27.5; nothing else is drawn.
func TestEmpirical(t *testing.T) {
	s := mustSampler(t, workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{10, 20, 20, 60}}, 9)
	counts := map[float64]int{}
	for range nDraws {
		counts[s.Rand()]++
	}
	if len(counts) != 3 {
		t.Fatalf("drew values %v, want only 10, 20, 60", counts)
	}
	for v, p := range map[float64]float64{10: 0.25, 20: 0.5, 60: 0.25} {
		got := float64(counts[v]) / nDraws
		if tol := 5 * math.Sqrt(p*(1-p)/nDraws); math.Abs(got-p) > tol {
			t.Errorf("frequency of %v = %.4f, want %.2f ± %.4f", v, got, p, tol)
		}
	}
	one := mustSampler(t, workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{7}}, 9)
	if one.Rand() != 7 || one.Rand() != 7 {
		t.Error("a one-value empirical distribution drew something else")
	}
}

// TestConstant: always the value, and it draws nothing from the source.
func TestConstant(t *testing.T) {
	s := mustSampler(t, workloads.DistSpec{Kind: workloads.Constant, Value: 1200}, 10)
	for range 1000 {
		if x := s.Rand(); x != 1200 {
			t.Fatalf("constant drew %v", x)
		}
	}
	zero := mustSampler(t, workloads.DistSpec{Kind: workloads.Constant}, 10)
	if zero.Rand() != 0 {
		t.Error("constant 0 drew non-zero")
	}
}

// TestExpectedValue: the mean of each kind (for the truncated normal the
// mean before truncation, as documented).
func TestExpectedValue(t *testing.T) {
	for _, tc := range []struct {
		s    workloads.DistSpec
		want float64
	}{
		{workloads.DistSpec{Kind: workloads.Constant, Value: 5}, 5},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 180}, 120},
		{workloads.DistSpec{Kind: workloads.Exponential, Mean: 300}, 300},
		{workloads.DistSpec{Kind: workloads.LogNormal, Mean: 300, StdDev: 300}, 300},
		{workloads.DistSpec{Kind: workloads.Normal, Mean: 60, StdDev: 60}, 60},
		{workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{10, 20, 20, 60}}, 27.5},
	} {
		if got := tc.s.ExpectedValue(); got != tc.want {
			t.Errorf("%s ExpectedValue = %v, want %v", tc.s.Kind, got, tc.want)
		}
	}
}

// TestDistValidate: every invalid spec is rejected with a message naming
// the field; valid edge cases pass; NewSampler returns the same error.
func TestDistValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := []struct {
		s    workloads.DistSpec
		want []string // substrings of the error
	}{
		{workloads.DistSpec{}, []string{`unknown distribution ""`, "accepted: constant, uniform, exponential, lognormal, normal, empirical"}},
		{workloads.DistSpec{Kind: "gamma", Mean: 1}, []string{`unknown distribution "gamma"`}},
		{workloads.DistSpec{Kind: "Constant", Value: 1}, []string{`unknown distribution "Constant"`}},
		{workloads.DistSpec{Kind: workloads.Constant, Value: -1}, []string{"value must be a finite value >= 0 (got -1)"}},
		{workloads.DistSpec{Kind: workloads.Constant, Value: nan}, []string{"value must be", "NaN"}},
		{workloads.DistSpec{Kind: workloads.Constant, Value: inf}, []string{"value must be", "+Inf"}},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: -1, Max: 5}, []string{"min must be a finite value >= 0 (got -1)"}},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: 5, Max: 4}, []string{"max (4) must be >= min (5)"}},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: 0, Max: inf}, []string{"max must be"}},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: nan, Max: 1}, []string{"min must be"}},
		{workloads.DistSpec{Kind: workloads.Uniform, Min: -1, Max: -2}, []string{"min must be", "max must be", "max (-2) must be >= min (-1)"}},
		{workloads.DistSpec{Kind: workloads.Exponential}, []string{"mean must be > 0 (got 0)"}},
		{workloads.DistSpec{Kind: workloads.Exponential, Mean: -3}, []string{"mean must be > 0 (got -3)"}},
		{workloads.DistSpec{Kind: workloads.Exponential, Mean: nan}, []string{"mean must be > 0 (got NaN)"}},
		{workloads.DistSpec{Kind: workloads.Exponential, Mean: inf}, []string{"mean must be > 0 (got +Inf)"}},
		{workloads.DistSpec{Kind: workloads.LogNormal, StdDev: 1}, []string{"mean must be > 0"}},
		{workloads.DistSpec{Kind: workloads.LogNormal, Mean: 1, StdDev: -1}, []string{"stddev must be a finite value >= 0 (got -1)"}},
		{workloads.DistSpec{Kind: workloads.LogNormal, Mean: 1, StdDev: nan}, []string{"stddev must be"}},
		{workloads.DistSpec{Kind: workloads.LogNormal, Mean: inf, StdDev: 1}, []string{"mean must be > 0"}},
		{workloads.DistSpec{Kind: workloads.Normal, Mean: -5, StdDev: 1}, []string{"mean must be > 0 (got -5)"}},
		{workloads.DistSpec{Kind: workloads.Normal, Mean: 5, StdDev: inf}, []string{"stddev must be"}},
		{workloads.DistSpec{Kind: workloads.Normal, Mean: 0, StdDev: -1}, []string{"mean must be > 0", "stddev must be"}},
		{workloads.DistSpec{Kind: workloads.Empirical}, []string{"values must list at least one value"}},
		{workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{}}, []string{"values must list at least one value"}},
		{workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{1, -1}}, []string{"values must be a finite value >= 0 (got -1)"}},
		{workloads.DistSpec{Kind: workloads.Empirical, Values: []float64{nan, inf}}, []string{"(got NaN)", "(got +Inf)"}},
	}
	for _, tc := range bad {
		err := tc.s.Validate()
		if err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", tc.s)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Validate(%+v) = %q, want it to contain %q", tc.s, err, w)
			}
		}
		smp, err2 := workloads.NewSampler(tc.s, src(1))
		if smp != nil || err2 == nil || err2.Error() != err.Error() {
			t.Errorf("NewSampler(%+v) = %v, %v; want nil and the Validate error", tc.s, smp, err2)
		}
	}
	good := []workloads.DistSpec{
		{Kind: workloads.Constant},
		{Kind: workloads.Constant, Value: 60},
		{Kind: workloads.Uniform},
		{Kind: workloads.Uniform, Min: 1, Max: 2},
		{Kind: workloads.Exponential, Mean: 1e-9},
		{Kind: workloads.LogNormal, Mean: 300},
		{Kind: workloads.LogNormal, Mean: 300, StdDev: 3000},
		{Kind: workloads.Normal, Mean: 1},
		{Kind: workloads.Normal, Mean: 1, StdDev: 100},
		{Kind: workloads.Empirical, Values: []float64{0}},
	}
	for _, s := range good {
		if err := s.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", s, err)
		}
		if _, err := workloads.NewSampler(s, src(1)); err != nil {
			t.Errorf("NewSampler(%+v) = %v", s, err)
		}
	}
}

// TestNewSamplerNilSource: a nil source would fall back to a global
// generator and break reproducibility, so NewSampler panics, even for a
// constant or an invalid spec.
func TestNewSamplerNilSource(t *testing.T) {
	for _, s := range []workloads.DistSpec{{Kind: workloads.Constant, Value: 1}, {Kind: workloads.Exponential, Mean: 1}, {Kind: "bogus"}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "nil random source") {
					t.Errorf("NewSampler(%q, nil) recovered %v, want a nil-source panic", s.Kind, r)
				}
			}()
			_, _ = workloads.NewSampler(s, nil)
		}()
	}
}

// TestSamplerDeterminism: the same seed gives the same sequence for every
// kind; a different seed a different one (except for constant).
func TestSamplerDeterminism(t *testing.T) {
	specs := []workloads.DistSpec{
		{Kind: workloads.Uniform, Min: 1, Max: 2},
		{Kind: workloads.Exponential, Mean: 300},
		{Kind: workloads.LogNormal, Mean: 300, StdDev: 300},
		{Kind: workloads.Normal, Mean: 10, StdDev: 20},
		{Kind: workloads.Empirical, Values: []float64{1, 2, 3, 4, 5, 6, 7, 8}},
	}
	draw := func(s workloads.DistSpec, seed uint64) []float64 {
		smp := mustSampler(t, s, seed)
		xs := make([]float64, 50)
		for i := range xs {
			xs[i] = smp.Rand()
		}
		return xs
	}
	for _, s := range specs {
		a, b, c := draw(s, 42), draw(s, 42), draw(s, 43)
		same := func(x, y []float64) bool {
			for i := range x {
				if x[i] != y[i] {
					return false
				}
			}
			return true
		}
		if !same(a, b) {
			t.Errorf("%s: two samplers on seed 42 differ", s.Kind)
		}
		if same(a, c) {
			t.Errorf("%s: seeds 42 and 43 give the same 50 draws", s.Kind)
		}
	}
}
