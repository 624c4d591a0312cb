package reports

import (
	"fmt"
	"math"
	"regexp"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// CompareMetrics lists the metrics ecsim compare compares, in output order,
// as dotted summary.json paths. "scaling.actions" is
// scaling.scaleOutActions + scaling.scaleInActions.
func CompareMetrics() []string {
	return []string{"cost.total", "instanceHours", "utilization.cpuReservedMean", "utilization.memoryReservedMean",
		"taskWaitSeconds.p50", "taskWaitSeconds.p95", "tasks.failed", "scaling.actions"}
}

// MetricsOf extracts CompareMetrics from s, keyed by their dotted paths.
// Utilization stays a fraction (0..1) as in the summary. A nil summary gives
// an empty map (which Compare rejects as missing every metric).
func MetricsOf(s *Summary) map[string]float64 {
	if s == nil {
		return map[string]float64{}
	}
	return map[string]float64{
		"cost.total":                     s.Cost.Total,
		"instanceHours":                  s.InstanceHours,
		"utilization.cpuReservedMean":    s.Utilization.CPUReservedMean,
		"utilization.memoryReservedMean": s.Utilization.MemoryReservedMean,
		"taskWaitSeconds.p50":            s.TaskWaitSeconds.P50,
		"taskWaitSeconds.p95":            s.TaskWaitSeconds.P95,
		"tasks.failed":                   float64(s.Tasks.Failed),
		"scaling.actions":                float64(s.Scaling.ScaleOutActions + s.Scaling.ScaleInActions),
	}
}

// Interval is a mean with its 95% confidence interval [low, high].
type Interval struct {
	Mean float64    `json:"mean"`
	CI95 [2]float64 `json:"ci95"`
}

// Difference is the mean paired difference of a variant from the baseline
// (variant − baseline) with its 95% confidence interval; Significant when
// the interval excludes 0 strictly.
type Difference struct {
	Mean        float64    `json:"mean"`
	CI95        [2]float64 `json:"ci95"`
	Significant bool       `json:"significant"`
}

// Comparison is compare.json: every variant's mean of each metric over the
// replications, and every other variant's paired difference from the
// baseline.
type Comparison struct {
	Scenario string `json:"scenario"`
	// Seed is the master seed; the CLI derives replication k's seed from it.
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	// Seeds are the replications' seeds, derived from Seed, the same in
	// every variant: `ecsim run --seed Seeds[k]` (with a variant's
	// overrides as --set) reproduces replication k. Compare leaves it
	// empty; the CLI fills it in.
	Seeds    []uint64 `json:"seeds,omitempty"`
	Baseline string   `json:"baseline"`
	// Variants are in the order given, the baseline first.
	Variants []string `json:"variants"`
	// Metrics maps METRIC → VARIANT → interval.
	Metrics map[string]map[string]Interval `json:"metrics"`
	// Differences maps METRIC → VARIANT (not the baseline) → paired
	// difference variant − baseline.
	Differences map[string]map[string]Difference `json:"differences"`
}

// Compare computes the comparison of variants over their replications:
// runs[variant][k] holds the metrics (MetricsOf) of replication k, which
// used the same seed in every variant (common random numbers). Every
// variant needs the same number R >= 2 of replications, and every map every
// metric of CompareMetrics (others are ignored); a missing or non-finite
// value is an error naming the variant, the replication (numbered from 0)
// and the metric. Variants keep their order, with the baseline moved first.
//
// For each metric and variant, with x_1..x_R its values, the interval is
//
//	mean ± t(0.975, R−1) · s / √R
//
// where s is the sample standard deviation (divisor R−1) and t the Student
// t quantile. The difference of a variant from the baseline applies the same
// formula to the paired differences d_k = variant_k − baseline_k, which
// cancels the noise both variants share. It is Significant when its interval
// excludes 0 (low > 0 or high < 0); when every d_k is equal the interval is
// [d, d].
//
// Example, R = 3: baseline {1, 2, 3} has mean 2 and s = 1; t(0.975, 2) =
// 4.302653, so its interval is 2 ± 4.302653/√3 = [−0.484138, 4.484138]. A
// variant {2, 4, 3} has d = {1, 2, 0}: mean 1, s = 1, interval
// [−1.484138, 3.484138], not significant. A variant {3, 4, 5} has d = {2, 2, 2}:
// interval [2, 2], significant.
func Compare(scenario string, seed uint64, baseline string, variants []string, runs map[string][]map[string]float64) (*Comparison, error) {
	order, err := compareOrder(baseline, variants, runs)
	if err != nil {
		return nil, err
	}
	r, err := replications(order, runs)
	if err != nil {
		return nil, err
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(r - 1)}.Quantile(0.975)
	c := &Comparison{Scenario: scenario, Seed: seed, Replications: r, Baseline: baseline, Variants: order,
		Metrics: map[string]map[string]Interval{}, Differences: map[string]map[string]Difference{}}
	for _, m := range CompareMetrics() {
		base, err := column(baseline, m, runs[baseline])
		if err != nil {
			return nil, err
		}
		c.Metrics[m] = map[string]Interval{baseline: interval(base, t)}
		c.Differences[m] = map[string]Difference{}
		for _, v := range order[1:] {
			xs, err := column(v, m, runs[v])
			if err != nil {
				return nil, err
			}
			c.Metrics[m][v] = interval(xs, t)
			c.Differences[m][v] = difference(xs, base, t)
		}
	}
	if err := c.checkFinite(); err != nil {
		return nil, err
	}
	return c, nil
}

// compareOrder checks the variants and the baseline and returns the
// variants with the baseline first.
func compareOrder(baseline string, variants []string, runs map[string][]map[string]float64) ([]string, error) {
	if len(variants) == 0 {
		return nil, fmt.Errorf("compare: no variants")
	}
	if !slices.Contains(variants, baseline) {
		return nil, fmt.Errorf("compare: baseline %q is not among the variants %q", baseline, variants)
	}
	order := []string{baseline}
	seen := map[string]bool{}
	for _, v := range variants {
		if !variantNameRE.MatchString(v) {
			return nil, fmt.Errorf("compare: variant name %q: use letters, digits, '.', '_' and '-'", v)
		}
		if seen[v] {
			return nil, fmt.Errorf("compare: variant %q given twice", v)
		}
		seen[v] = true
		if v != baseline {
			order = append(order, v)
		}
	}
	for v := range runs {
		if !seen[v] {
			return nil, fmt.Errorf("compare: runs of %q, which is not among the variants %q", v, variants)
		}
	}
	return order, nil
}

// variantNameRE is what a variant may be called: the scenario names'
// alphabet, which also keeps names inert in compare.html's scripts.
var variantNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// replications returns the number of replications R, the same for every
// variant and at least 2.
func replications(order []string, runs map[string][]map[string]float64) (int, error) {
	r := len(runs[order[0]])
	for _, v := range order {
		switch n := len(runs[v]); {
		case n < 2:
			return 0, fmt.Errorf("compare: variant %q has %d replications; a confidence interval needs at least 2", v, n)
		case n != r:
			return 0, fmt.Errorf("compare: variant %q has %d replications but %q has %d; every variant needs the same number", v, n, order[0], r)
		}
	}
	return r, nil
}

// column returns metric m of every replication of variant v.
func column(v, m string, reps []map[string]float64) ([]float64, error) {
	xs := make([]float64, len(reps))
	for k, rep := range reps {
		x, ok := rep[m]
		switch {
		case !ok:
			return nil, fmt.Errorf("compare: variant %q replication %d: metric %q missing", v, k, m)
		case math.IsNaN(x) || math.IsInf(x, 0):
			return nil, fmt.Errorf("compare: variant %q replication %d: metric %q is %v", v, k, m, x)
		}
		xs[k] = x
	}
	return xs, nil
}

// checkFinite rejects results that overflowed (inputs near ±MaxFloat64).
func (c *Comparison) checkFinite() error {
	bad := func(xs ...float64) bool {
		return slices.ContainsFunc(xs, func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) })
	}
	for _, m := range CompareMetrics() {
		for _, v := range c.Variants {
			in, d := c.Metrics[m][v], c.Differences[m][v]
			if bad(in.Mean, in.CI95[0], in.CI95[1], d.Mean, d.CI95[0], d.CI95[1]) {
				return fmt.Errorf("compare: variant %q: metric %q overflows (values too large)", v, m)
			}
		}
	}
	return nil
}
