package reports

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// CompareMetrics lists the metrics ecsim compare compares, in output order,
// as dotted summary.json paths. "scaling.actions" is
// scaling.scaleOutActions + scaling.scaleInActions.
func CompareMetrics() []string {
	return []string{"cost.total", "instanceHours", "utilization.cpuReservedMean", "utilization.memoryReservedMean",
		"taskWaitSeconds.p50", "taskWaitSeconds.p95", "tasks.failed", "scaling.actions"}
}

// compareDecimals is the rounding of compare.json and compare.csv: a fixed
// number of decimal places, so the files are byte-stable.
const compareDecimals = 6

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

// interval is the mean of xs ± t·s/√n. Equal values give s = 0 exactly
// (gonum's mean of equal values can be off in the last bit).
func interval(xs []float64, t float64) Interval {
	mean, s := stat.MeanStdDev(xs, nil)
	if allEqual(xs) {
		mean, s = xs[0], 0
	}
	h := t * s / math.Sqrt(float64(len(xs)))
	return Interval{Mean: mean, CI95: [2]float64{mean - h, mean + h}}
}

// difference is the interval of the paired differences xs[k] − base[k].
func difference(xs, base []float64, t float64) Difference {
	d := make([]float64, len(xs))
	for k := range xs {
		d[k] = xs[k] - base[k]
	}
	in := interval(d, t)
	return Difference{Mean: in.Mean, CI95: in.CI95, Significant: in.CI95[0] > 0 || in.CI95[1] < 0}
}

func allEqual(xs []float64) bool {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return false
		}
	}
	return true
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

// metricNames returns c's metrics in output order: those of CompareMetrics,
// then any others by name.
func (c *Comparison) metricNames() []string {
	var out, extra []string
	for _, m := range CompareMetrics() {
		if _, ok := c.Metrics[m]; ok {
			out = append(out, m)
		}
	}
	for m := range c.Metrics {
		if !slices.Contains(CompareMetrics(), m) {
			extra = append(extra, m)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// roundOut rounds x to compareDecimals decimal places, without a negative
// zero (which encoding/json would write as -0).
func roundOut(x float64) float64 {
	r := round(x, compareDecimals)
	if r == 0 {
		return 0
	}
	return r
}

func roundPair(p [2]float64) [2]float64 { return [2]float64{roundOut(p[0]), roundOut(p[1])} }

// rounded returns a copy of c with every number rounded for output.
func (c *Comparison) rounded() *Comparison {
	out := *c
	out.Metrics = make(map[string]map[string]Interval, len(c.Metrics))
	for m, byVariant := range c.Metrics {
		out.Metrics[m] = make(map[string]Interval, len(byVariant))
		for v, in := range byVariant {
			out.Metrics[m][v] = Interval{Mean: roundOut(in.Mean), CI95: roundPair(in.CI95)}
		}
	}
	out.Differences = make(map[string]map[string]Difference, len(c.Differences))
	for m, byVariant := range c.Differences {
		out.Differences[m] = make(map[string]Difference, len(byVariant))
		for v, d := range byVariant {
			out.Differences[m][v] = Difference{Mean: roundOut(d.Mean), CI95: roundPair(d.CI95), Significant: d.Significant}
		}
	}
	return &out
}

// WriteJSON writes compare.json: c indented by 2 spaces with a final
// newline, numbers rounded to 6 decimal places and map keys sorted, so the
// file is byte-stable.
func (c *Comparison) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c.rounded())
}

// WriteCSV writes compare.csv: a header, then one row per metric and
// variant (metrics in output order, variants baseline first) with the mean,
// its 95% CI and the paired difference from the baseline with its CI and
// significance; the difference columns are empty for the baseline. Numbers
// are rounded as in compare.json.
func (c *Comparison) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"metric", "variant", "mean", "ci95Low", "ci95High", "diffMean", "diffLow", "diffHigh", "significant"})
	for _, m := range c.metricNames() {
		for _, v := range c.Variants {
			in := c.Metrics[m][v]
			row := []string{m, v, csvNum(in.Mean), csvNum(in.CI95[0]), csvNum(in.CI95[1]), "", "", "", ""}
			if d, ok := c.Differences[m][v]; ok && v != c.Baseline {
				row = append(row[:5], csvNum(d.Mean), csvNum(d.CI95[0]), csvNum(d.CI95[1]), strconv.FormatBool(d.Significant))
			}
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvNum(x float64) string { return strconv.FormatFloat(roundOut(x), 'f', -1, 64) }

// WriteTable prints c for the terminal: per metric, each variant's
// "mean [lo, hi]" and, but for the baseline, its paired difference
// "+d [lo, hi]" followed by * when significant; then a legend.
func (c *Comparison) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "scenario %s (seed %d): %d variants × %d replications, baseline %s\n",
		c.Scenario, c.Seed, len(c.Variants), c.Replications, c.Baseline)
	for _, m := range c.metricNames() {
		fmt.Fprintf(tw, "\n%s\tmean [95%% CI]\tdifference from %s [95%% CI]\n", metricLabel(m), c.Baseline)
		mdec, ddec := c.decimals(m)
		for _, v := range c.Variants {
			in := c.Metrics[m][v]
			diff := "(baseline)"
			if d, ok := c.Differences[m][v]; ok && v != c.Baseline {
				diff = signed(d.Mean, ddec) + " [" + fmtNum(d.CI95[0], ddec) + ", " + fmtNum(d.CI95[1], ddec) + "]"
				if d.Significant {
					diff += " *"
				}
			}
			fmt.Fprintf(tw, "  %s\t%s [%s, %s]\t%s\n", v, fmtNum(in.Mean, mdec), fmtNum(in.CI95[0], mdec), fmtNum(in.CI95[1], mdec), diff)
		}
	}
	fmt.Fprintf(tw, "\nmean [lo, hi]: mean of the %d replications with its 95%% confidence interval (Student t).\n", c.Replications)
	fmt.Fprintln(tw, "difference: mean paired difference variant − baseline (same seeds: common random numbers) with its 95% CI;")
	fmt.Fprintln(tw, "* marks a significant difference: its 95% CI excludes 0.")
	return tw.Flush()
}

// metricLabel names metric m with its unit.
func metricLabel(m string) string {
	switch {
	case m == "cost.total":
		return m + " (USD)"
	case m == "instanceHours":
		return m + " (h)"
	case strings.HasPrefix(m, "utilization."):
		return m + " (fraction)"
	case strings.HasPrefix(m, "taskWaitSeconds."):
		return m + " (s)"
	}
	return m
}

// decimals returns the decimal places that show metric m's intervals and
// differences with about 4 significant digits.
func (c *Comparison) decimals(m string) (means, diffs int) {
	var xs, ds []float64
	for _, v := range c.Variants {
		in := c.Metrics[m][v]
		xs = append(xs, in.Mean, in.CI95[0], in.CI95[1])
		if d, ok := c.Differences[m][v]; ok {
			ds = append(ds, d.Mean, d.CI95[0], d.CI95[1])
		}
	}
	return decimalsFor(xs), decimalsFor(ds)
}

func decimalsFor(xs []float64) int {
	var largest float64
	for _, x := range xs {
		largest = max(largest, math.Abs(x))
	}
	if largest == 0 {
		return 2
	}
	return min(max(3-int(math.Floor(math.Log10(largest))), 0), 6)
}

// fmtNum formats x with dec decimals, without a minus sign on zero.
func fmtNum(x float64, dec int) string {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}
