package reports

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// compareDecimals is the rounding of compare.json and compare.csv: a fixed
// number of decimal places, so the files are byte-stable.
const compareDecimals = 6

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

// roundPair rounds both ends of an interval as roundOut does.
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

// csvNum formats x for compare.csv, rounded as in compare.json.
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

// decimalsFor returns the decimal places (0 to 6) that show the largest
// magnitude in xs with about 4 significant digits; 2 when all are zero.
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
