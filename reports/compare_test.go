package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// update rewrites golden files: go test ./reports/ -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// exampleT is t(0.975, 2), the Student t quantile of Compare's worked
// example; exampleH = t/√3 is its half-width for s = 1, R = 3.
const (
	exampleT = 4.302653
	exampleH = exampleT / 1.7320508075688772 // 2.484138...
	tol      = 1e-6
)

// repsOf builds R replications in which metric "cost.total" takes the given
// values and every other metric of CompareMetrics() a constant (its index + 1),
// so every metric is present.
func repsOf(values ...float64) []map[string]float64 {
	reps := make([]map[string]float64, len(values))
	for k, x := range values {
		rep := map[string]float64{}
		for i, m := range CompareMetrics() {
			rep[m] = float64(i + 1)
		}
		rep["cost.total"] = x
		reps[k] = rep
	}
	return reps
}

func near(a, b float64) bool { return math.Abs(a-b) <= tol }

func nearPair(a, b [2]float64) bool { return near(a[0], b[0]) && near(a[1], b[1]) }

// TestCompareWorkedExample checks the example of Compare's doc comment,
// derived by hand: mean ± t(0.975, R−1)·s/√R with t(0.975, 2) = 4.302653.
func TestCompareWorkedExample(t *testing.T) {
	runs := map[string][]map[string]float64{
		"base":  repsOf(1, 2, 3),
		"mixed": repsOf(2, 4, 3),
		"shift": repsOf(3, 4, 5),
		"same":  repsOf(1, 2, 3),
		"down":  repsOf(-1, 0, 1),
	}
	c, err := Compare("example", 7, "base", []string{"mixed", "shift", "base", "same", "down"}, runs)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"base", "mixed", "shift", "same", "down"}; !slices.Equal(c.Variants, want) {
		t.Errorf("Variants = %q, want %q (baseline first, then the given order)", c.Variants, want)
	}
	if c.Scenario != "example" || c.Seed != 7 || c.Replications != 3 || c.Baseline != "base" {
		t.Errorf("header = %q seed %d R %d baseline %q", c.Scenario, c.Seed, c.Replications, c.Baseline)
	}
	tests := []struct {
		variant  string
		mean     float64
		ci       [2]float64
		diff     *Difference // nil for the baseline
		diffNote string
	}{
		{"base", 2, [2]float64{-0.484138, 4.484138}, nil, "baseline"},
		// d = {1, 2, 0}: mean 1, s = 1.
		{"mixed", 3, [2]float64{3 - exampleH, 3 + exampleH},
			&Difference{Mean: 1, CI95: [2]float64{-1.484138, 3.484138}, Significant: false}, "CI spans 0"},
		// d = {2, 2, 2}: s = 0, interval [2, 2].
		{"shift", 4, [2]float64{1.515862, 6.484138},
			&Difference{Mean: 2, CI95: [2]float64{2, 2}, Significant: true}, "all d equal and > 0"},
		// d = {0, 0, 0}: interval [0, 0], which does not exclude 0.
		{"same", 2, [2]float64{-0.484138, 4.484138},
			&Difference{Mean: 0, CI95: [2]float64{0, 0}, Significant: false}, "zero difference"},
		// d = {−2, −2, −2}: high < 0.
		{"down", 0, [2]float64{-exampleH, exampleH},
			&Difference{Mean: -2, CI95: [2]float64{-2, -2}, Significant: true}, "all d equal and < 0"},
	}
	for _, tc := range tests {
		t.Run(tc.variant, func(t *testing.T) {
			in, ok := c.Metrics["cost.total"][tc.variant]
			if !ok {
				t.Fatalf("no interval for %q", tc.variant)
			}
			if !near(in.Mean, tc.mean) || !nearPair(in.CI95, tc.ci) {
				t.Errorf("interval = %v %v, want %v %v", in.Mean, in.CI95, tc.mean, tc.ci)
			}
			d, ok := c.Differences["cost.total"][tc.variant]
			if tc.diff == nil {
				if ok {
					t.Errorf("baseline has a difference %+v", d)
				}
				return
			}
			if !ok {
				t.Fatalf("no difference for %q", tc.variant)
			}
			if !near(d.Mean, tc.diff.Mean) || !nearPair(d.CI95, tc.diff.CI95) || d.Significant != tc.diff.Significant {
				t.Errorf("difference (%s) = %+v, want %+v", tc.diffNote, d, *tc.diff)
			}
		})
	}
	// Equal d gives exactly [d, d], not an interval off by rounding.
	if got := c.Differences["cost.total"]["shift"].CI95; got != [2]float64{2, 2} {
		t.Errorf("shift CI95 = %v, want exactly [2 2]", got)
	}
	// The constant metrics: interval [x, x], difference exactly 0.
	for i, m := range CompareMetrics()[1:] {
		x := float64(i + 2)
		for _, v := range c.Variants {
			if in := c.Metrics[m][v]; in.Mean != x || in.CI95 != [2]float64{x, x} {
				t.Errorf("%s %s = %+v, want %v [%v, %v]", m, v, in, x, x, x)
			}
			if d, ok := c.Differences[m][v]; v != "base" && (!ok || d != (Difference{})) {
				t.Errorf("%s %s difference = %+v, want 0 [0, 0] not significant", m, v, d)
			}
		}
	}
	if len(c.Metrics) != len(CompareMetrics()) || len(c.Differences) != len(CompareMetrics()) {
		t.Errorf("%d metrics, %d differences, want %d", len(c.Metrics), len(c.Differences), len(CompareMetrics()))
	}
}

// TestCompareEqualValuesExact: equal values give their value and a
// zero-width interval exactly (gonum's mean of {0.7, 0.7, 0.7} is
// 0.6999999999999998).
func TestCompareEqualValuesExact(t *testing.T) {
	c, err := Compare("s", 1, "a", []string{"a", "b"},
		map[string][]map[string]float64{"a": repsOf(0.7, 0.7, 0.7), "b": repsOf(0.8, 0.8, 0.8)})
	if err != nil {
		t.Fatal(err)
	}
	if in := c.Metrics["cost.total"]["a"]; in != (Interval{Mean: 0.7, CI95: [2]float64{0.7, 0.7}}) {
		t.Errorf("interval of {0.7, 0.7, 0.7} = %+v, want exactly 0.7 [0.7, 0.7]", in)
	}
	hi, lo := 0.8, 0.7
	d, want := c.Differences["cost.total"]["b"], hi-lo // 0.10000000000000009, not the constant 0.1
	if d != (Difference{Mean: want, CI95: [2]float64{want, want}, Significant: true}) {
		t.Errorf("difference = %+v, want exactly %v [%v, %v] significant", d, want, want, want)
	}
}

// TestCompareIgnoresExtraMetrics: metrics outside CompareMetrics() are not
// compared.
func TestCompareIgnoresExtraMetrics(t *testing.T) {
	a, b := repsOf(1, 2), repsOf(2, 3)
	a[0]["extra"], a[1]["extra"], b[0]["extra"] = 1, math.NaN(), 1
	c, err := Compare("s", 1, "a", []string{"a", "b"}, map[string][]map[string]float64{"a": a, "b": b})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Metrics["extra"]; ok {
		t.Error("metric extra compared")
	}
}

// TestCompareCoverage simulates comparisons of R = 10 replications with
// common random numbers: replication k of every variant shares a large
// component c_k, and variant "plus3" is the baseline + 3. About 95% of the
// paired-difference intervals must contain 3, and the intervals of a
// variant equal in distribution to the baseline ("same") must mark it
// significant about 5% of the time. Every metric is an independent trial.
func TestCompareCoverage(t *testing.T) {
	const (
		comparisons = 2000
		r           = 10
		trueDiff    = 3.0
		sharedSD    = 20.0 // common random numbers: cancels in the difference
		noiseSD     = 1.0
		mu          = 100.0
	)
	rng := rand.New(rand.NewPCG(20240601, 1))
	var trials, covered, falsePositives, baseCovered int
	var diffWidth, baseWidth float64
	for i := 0; i < comparisons; i++ {
		runs := map[string][]map[string]float64{}
		for _, v := range []string{"base", "plus3", "same"} {
			runs[v] = make([]map[string]float64, r)
			for k := range runs[v] {
				runs[v][k] = map[string]float64{}
			}
		}
		for _, m := range CompareMetrics() {
			for k := 0; k < r; k++ {
				shared := sharedSD * rng.NormFloat64()
				runs["base"][k][m] = mu + shared + noiseSD*rng.NormFloat64()
				runs["plus3"][k][m] = mu + trueDiff + shared + noiseSD*rng.NormFloat64()
				runs["same"][k][m] = mu + shared + noiseSD*rng.NormFloat64()
			}
		}
		c, err := Compare("coverage", uint64(i), "base", []string{"base", "plus3", "same"}, runs)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range CompareMetrics() {
			trials++
			d := c.Differences[m]["plus3"]
			if d.CI95[0] <= trueDiff && trueDiff <= d.CI95[1] {
				covered++
			}
			if c.Differences[m]["same"].Significant {
				falsePositives++
			}
			b := c.Metrics[m]["base"]
			if b.CI95[0] <= mu && mu <= b.CI95[1] {
				baseCovered++
			}
			diffWidth += d.CI95[1] - d.CI95[0]
			baseWidth += b.CI95[1] - b.CI95[0]
		}
	}
	n := float64(trials)
	t.Logf("%d intervals: coverage %.4f, false positives %.4f, baseline coverage %.4f, width ratio %.2f",
		trials, float64(covered)/n, float64(falsePositives)/n, float64(baseCovered)/n, baseWidth/diffWidth)
	if f := float64(covered) / n; f < 0.93 || f > 0.97 {
		t.Errorf("difference intervals contain the true difference %.4f of the time, want 0.93..0.97", f)
	}
	if f := float64(falsePositives) / n; f < 0.03 || f > 0.07 {
		t.Errorf("zero-difference variant significant %.4f of the time, want 0.03..0.07", f)
	}
	if f := float64(baseCovered) / n; f < 0.93 || f > 0.97 {
		t.Errorf("baseline intervals contain the true mean %.4f of the time, want 0.93..0.97", f)
	}
	// Pairing cancels the shared noise: the difference intervals are
	// narrower than the baseline's by about sharedSD/(√2·noiseSD) ≈ 14.
	if ratio := baseWidth / diffWidth; ratio < 8 {
		t.Errorf("baseline CI / difference CI width = %.2f, want > 8 (paired differences)", ratio)
	}
}

// TestCompareErrors checks every rejected input, and that the message names
// the offending variant, replication or metric.
func TestCompareErrors(t *testing.T) {
	good := func() map[string][]map[string]float64 {
		return map[string][]map[string]float64{"a": repsOf(1, 2, 3), "b": repsOf(2, 3, 4)}
	}
	tests := []struct {
		name     string
		baseline string
		variants []string
		runs     func() map[string][]map[string]float64
		want     []string
	}{
		{"no variants", "a", nil, good, []string{"no variants"}},
		{"baseline not a variant", "zzz", []string{"a", "b"},
			good, []string{`"zzz"`, "not among the variants"}},
		{"duplicate variant", "a", []string{"a", "b", "b"},
			good, []string{`"b"`, "twice"}},
		{"baseline given twice", "a", []string{"a", "b", "a"},
			good, []string{`"a"`, "twice"}},
		{"name that is not inert in HTML", "a", []string{"a", "b</script>"},
			good, []string{`"b</script>"`, "letters, digits"}},
		{"one replication", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				return map[string][]map[string]float64{"a": repsOf(1, 2), "b": repsOf(2)}
			}, []string{`"b"`, "1 replications", "at least 2"}},
		{"baseline has one replication", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				return map[string][]map[string]float64{"a": repsOf(1), "b": repsOf(2)}
			}, []string{`"a"`, "at least 2"}},
		{"no runs of a variant", "a", []string{"a", "b", "c"},
			good, []string{`"c"`, "0 replications"}},
		{"unequal replications", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				return map[string][]map[string]float64{"a": repsOf(1, 2, 3), "b": repsOf(2, 3)}
			}, []string{`"b" has 2 replications`, `"a" has 3`}},
		{"missing metric", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				delete(r["b"][2], "taskWaitSeconds.p95")
				return r
			}, []string{`"b"`, "replication 2", `"taskWaitSeconds.p95"`, "missing"}},
		{"missing metric in the baseline", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				delete(r["a"][0], "scaling.actions")
				return r
			}, []string{`"a"`, "replication 0", `"scaling.actions"`, "missing"}},
		{"NaN metric", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				r["b"][1]["instanceHours"] = math.NaN()
				return r
			}, []string{`"b"`, "replication 1", `"instanceHours"`, "NaN"}},
		{"infinite metric", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				r["a"][1]["tasks.failed"] = math.Inf(-1)
				return r
			}, []string{`"a"`, "replication 1", `"tasks.failed"`, "-Inf"}},
		{"runs of an unknown variant", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				r["ghost"] = repsOf(1, 2, 3)
				return r
			}, []string{`"ghost"`, "not among the variants"}},
		{"nil summary", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				r := good()
				r["b"][0] = MetricsOf(nil)
				return r
			}, []string{`"b"`, "replication 0", `"cost.total"`, "missing"}},
		{"overflow", "a", []string{"a", "b"},
			func() map[string][]map[string]float64 {
				return map[string][]map[string]float64{"a": repsOf(1, 2), "b": repsOf(math.MaxFloat64, math.MaxFloat64/2)}
			}, []string{`"b"`, `"cost.total"`, "overflows"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compare("s", 1, tc.baseline, tc.variants, tc.runs())
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			if c != nil {
				t.Errorf("a comparison with the error %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
}

// goldenComparison is a fixed comparison of three variants over three
// replications. Values exercise rounding to 6 decimals (thirds), a negative
// mean difference and one that rounds to −0 (written as 0).
func goldenComparison(t *testing.T) *Comparison {
	t.Helper()
	rep := func(cost, hours, cpu, mem, p50, p95, failed, actions float64) map[string]float64 {
		return map[string]float64{"cost.total": cost, "instanceHours": hours,
			"utilization.cpuReservedMean": cpu, "utilization.memoryReservedMean": mem,
			"taskWaitSeconds.p50": p50, "taskWaitSeconds.p95": p95, "tasks.failed": failed, "scaling.actions": actions}
	}
	runs := map[string][]map[string]float64{
		"ec2": {
			rep(10, 4, 0.5, 0.4, 1, 10, 0, 4),
			rep(11, 4.5, 0.6, 0.45, 2, 12, 0, 6),
			rep(13, 5, 0.55, 0.5, 1.5, 11, 1, 5),
		},
		"spot": {
			rep(7, 4.1, 0.5, 0.4, 1.0000001, 13, 1, 4),
			rep(8, 4.4, 0.65, 0.45, 2, 14, 2, 6),
			rep(9, 5.2, 0.6, 0.5, 1.4999998, 16, 1, 5),
		},
		"fargate": {
			rep(12, 0, 0, 0, 30, 40, 0, 0),
			rep(12.5, 0, 0, 0, 31, 45, 0, 0),
			rep(14, 0, 0, 0, 29, 41, 0, 0),
		},
	}
	c, err := Compare("golden", 42, "ec2", []string{"spot", "ec2", "fargate"}, runs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCompareGoldenJSON compares compare.json with
// testdata/compare.golden.json (rewrite it with -update).
func TestCompareGoldenJSON(t *testing.T) {
	c := goldenComparison(t)
	var b bytes.Buffer
	if err := c.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "compare.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("compare.json differs from %s (run with -update if intended):\n%s", path, b.String())
	}
	// Writing twice gives the same bytes, and c is not modified by rounding.
	var again bytes.Buffer
	before := c.Metrics["cost.total"]["ec2"]
	if err := c.WriteJSON(&again); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
		t.Errorf("second WriteJSON differs (err %v)", err)
	}
	if c.Metrics["cost.total"]["ec2"] != before {
		t.Error("WriteJSON modified the comparison")
	}
	// Structure: it decodes back to a Comparison, ends with a newline, has
	// no negative zero and no number with more than 6 decimals.
	var back Comparison
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "}\n") {
		t.Error("compare.json does not end with a newline")
	}
	if strings.Contains(b.String(), "-0,") || strings.Contains(b.String(), "-0\n") {
		t.Error("compare.json has a negative zero")
	}
	if m := regexp.MustCompile(`\d\.\d{7,}`).FindString(b.String()); m != "" {
		t.Errorf("compare.json has %s, more than 6 decimals", m)
	}
	if m := regexp.MustCompile(`\de[-+]?\d`).FindString(b.String()); m != "" {
		t.Errorf("compare.json has an exponent %s", m)
	}
	if !slices.Equal(back.Variants, []string{"ec2", "spot", "fargate"}) {
		t.Errorf("variants = %q", back.Variants)
	}
	if _, ok := back.Differences["cost.total"]["ec2"]; ok {
		t.Error("the baseline has a difference in compare.json")
	}
	// spot − ec2 cost: d = {−3, −3, −4}: mean −3.333333, significant.
	if d := back.Differences["cost.total"]["spot"]; d.Mean != -3.333333 || !d.Significant {
		t.Errorf("spot cost difference = %+v, want mean -3.333333 significant", d)
	}
	// spot − ec2 p50: d = {1e−7, 0, −2e−7}: mean −3.3e−8 rounds to 0.
	if d := back.Differences["taskWaitSeconds.p50"]["spot"]; d.Mean != 0 || d.Significant {
		t.Errorf("spot p50 difference = %+v, want mean 0 not significant", d)
	}
}

// TestCompareWriteCSV checks compare.csv's header and rows.
func TestCompareWriteCSV(t *testing.T) {
	c, err := Compare("csv", 1, "base", []string{"base", "mixed", "shift"},
		map[string][]map[string]float64{"base": repsOf(1, 2, 3), "mixed": repsOf(2, 4, 3), "shift": repsOf(3, 4, 5)})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"metric", "variant", "mean", "ci95Low", "ci95High", "diffMean", "diffLow", "diffHigh", "significant"}
	if len(rows) == 0 || !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("header = %q, want %q", rows[0], wantHeader)
	}
	if len(rows) != 1+len(CompareMetrics())*3 {
		t.Fatalf("%d rows, want %d", len(rows), 1+len(CompareMetrics())*3)
	}
	want := [][]string{
		{"cost.total", "base", "2", "-0.484138", "4.484138", "", "", "", ""},
		{"cost.total", "mixed", "3", "0.515862", "5.484138", "1", "-1.484138", "3.484138", "false"},
		{"cost.total", "shift", "4", "1.515862", "6.484138", "2", "2", "2", "true"},
		{"instanceHours", "base", "2", "2", "2", "", "", "", ""},
		{"instanceHours", "mixed", "2", "2", "2", "0", "0", "0", "false"},
	}
	for i, w := range want {
		if !slices.Equal(rows[1+i], w) {
			t.Errorf("row %d = %q, want %q", 1+i, rows[1+i], w)
		}
	}
	// Rows follow CompareMetrics(), variants baseline first.
	for i, row := range rows[1:] {
		if m, v := CompareMetrics()[i/3], c.Variants[i%3]; row[0] != m || row[1] != v {
			t.Errorf("row %d is %s/%s, want %s/%s", i+1, row[0], row[1], m, v)
		}
		if len(row) != len(wantHeader) {
			t.Errorf("row %d has %d fields", i+1, len(row))
		}
	}
}

// TestCompareWriteTable checks the terminal table: a * after significant
// differences only, "(baseline)" for the baseline and the legend.
func TestCompareWriteTable(t *testing.T) {
	c, err := Compare("tbl", 9, "base", []string{"base", "mixed", "shift"},
		map[string][]map[string]float64{"base": repsOf(1, 2, 3), "mixed": repsOf(2, 4, 3), "shift": repsOf(3, 4, 5)})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := c.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{
		"scenario tbl (seed 9): 3 variants × 3 replications, baseline base\n",
		"cost.total (USD)", "instanceHours (h)", "utilization.cpuReservedMean (fraction)", "taskWaitSeconds.p95 (s)",
		"difference from base [95% CI]",
		"mean [lo, hi]: mean of the 3 replications with its 95% confidence interval (Student t).",
		"* marks a significant difference: its 95% CI excludes 0.\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("table lacks %q:\n%s", w, out)
		}
	}
	lines := strings.Split(out, "\n")
	find := func(prefix string) []string {
		var got []string
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), prefix+" ") {
				got = append(got, l)
			}
		}
		return got
	}
	base, mixed, shift := find("base"), find("mixed"), find("shift")
	if len(base) != len(CompareMetrics()) || len(mixed) != len(CompareMetrics()) || len(shift) != len(CompareMetrics()) {
		t.Fatalf("rows: %d base, %d mixed, %d shift, want %d each:\n%s", len(base), len(mixed), len(shift), len(CompareMetrics()), out)
	}
	// cost.total: 3 decimals for values up to 6.48 (about 4 significant digits).
	if !regexp.MustCompile(`4\.000 \[1\.516, 6\.484\]\s+\+2\.000 \[2\.000, 2\.000\] \*$`).MatchString(shift[0]) {
		t.Errorf("shift cost row = %q", shift[0])
	}
	if !regexp.MustCompile(`3\.000 \[0\.516, 5\.484\]\s+\+1\.000 \[-1\.484, 3\.484\]$`).MatchString(mixed[0]) {
		t.Errorf("mixed cost row = %q", mixed[0])
	}
	if !strings.HasSuffix(base[0], "(baseline)") {
		t.Errorf("base cost row = %q", base[0])
	}
	// Only shift's cost row is significant; the constant metrics are not.
	stars := 0
	for _, l := range lines {
		if strings.HasSuffix(l, " *") {
			stars++
		}
	}
	if stars != 1 {
		t.Errorf("%d rows marked significant, want 1:\n%s", stars, out)
	}
	for _, l := range mixed[1:] {
		if !strings.HasSuffix(l, "+0.00 [0.00, 0.00]") {
			t.Errorf("constant-metric row = %q, want +0.00 [0.00, 0.00]", l)
		}
	}
}

// TestCompareChartID checks the chart IDs are JavaScript identifiers.
func TestCompareChartID(t *testing.T) {
	if got := CompareChartID("cost.total"); got != "compare_cost_total" {
		t.Errorf("CompareChartID(cost.total) = %q", got)
	}
	if got := CompareChartID("a-b c/d"); got != "compare_a_b_c_d" {
		t.Errorf("CompareChartID(a-b c/d) = %q", got)
	}
	ident := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	seen := map[string]string{}
	for _, m := range CompareMetrics() {
		id := CompareChartID(m)
		if !ident.MatchString(id) {
			t.Errorf("CompareChartID(%q) = %q, not an identifier", m, id)
		}
		if other, ok := seen[id]; ok {
			t.Errorf("%q and %q share the chart ID %q", m, other, id)
		}
		seen[id] = m
	}
}

// TestCompareWriteHTML checks compare.html: a chart per metric with its ID,
// the table block right after <body>, and the echarts library either from
// the asset host or inlined.
func TestCompareWriteHTML(t *testing.T) {
	c := goldenComparison(t)
	render := func(assets string) string {
		t.Helper()
		var b bytes.Buffer
		if err := c.WriteHTML(&b, assets); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	check := func(t *testing.T, page string) {
		for _, m := range CompareMetrics() {
			id := CompareChartID(m)
			if !strings.Contains(page, `id="`+id+`"`) || !strings.Contains(page, "goecharts_"+id+" = echarts.init") {
				t.Errorf("no chart %s", id)
			}
		}
		if n := strings.Count(page, `<div id="ecsim-compare"`); n != 1 {
			t.Fatalf("%d ecsim-compare blocks, want 1", n)
		}
		headEnd := strings.LastIndex(page, "</head>")
		body := headEnd + strings.Index(page[headEnd:], "<body>")
		block := strings.Index(page, `<div id="ecsim-compare"`)
		firstChart := strings.Index(page, `<div class="container">`)
		if headEnd < 0 || body < headEnd || block != body+len("<body>\n") || firstChart < block {
			t.Errorf("</head> at %d, <body> at %d, block at %d, first chart at %d: want the block right after <body>, before the charts",
				headEnd, body, block, firstChart)
		}
		for _, w := range []string{
			"<title>ecsim compare: golden</title>",
			"<h1 style=\"margin:0\">golden: compare</h1>",
			"3 variants × 3 replications (master seed 42;",
			"Baseline: ec2.",
			`<table id="differences"`,
			// spot − ec2 cost: −3.333 [−4.768, −1.899], significant; means
			// with 2 decimals (values up to 15.4), differences with 3.
			"<td style=\"text-align:left\">cost.total</td><td style=\"text-align:left\">spot</td><td>11.33</td><td>8.00</td><td>-3.333</td><td>[-4.768, -1.899]</td><td>*</td></tr>",
		} {
			if !strings.Contains(page, w) {
				t.Errorf("page lacks %q", w)
			}
		}
		// One table row per metric and non-baseline variant.
		if n := strings.Count(page, "<tr><td"); n != 2*len(CompareMetrics()) {
			t.Errorf("%d difference rows, want %d", n, 2*len(CompareMetrics()))
		}
	}
	t.Run("asset host", func(t *testing.T) {
		page := render("")
		check(t, page)
		if !regexp.MustCompile(`<script src="https://[^"]*/echarts\.min\.js"></script>`).MatchString(page) {
			t.Error("no echarts script from the asset host")
		}
	})
	t.Run("inlined", func(t *testing.T) {
		page := render("/*FAKE-ECHARTS*/")
		check(t, page)
		if !strings.Contains(page, "<script>/*FAKE-ECHARTS*/</script>") {
			t.Error("the assets are not inlined")
		}
		if strings.Contains(page, "<script src=") || strings.Contains(page, "go-echarts-assets") {
			t.Error("the page still loads a script from the asset host")
		}
		if head := strings.Index(page, "</head>"); strings.Index(page, "/*FAKE-ECHARTS*/") > head {
			t.Error("the inlined library is not in <head>")
		}
	})
	t.Run("inlined library holding tags", func(t *testing.T) {
		// The library's own "</script" is escaped so it does not end the
		// inline script, and its "</head><body>" does not move the block.
		page := render("/*FAKE-ECHARTS*/ var s = '</script></head><body>';")
		check(t, page)
		if !strings.Contains(page, `var s = '<\/script></head><body>';</script>`) {
			t.Error("the library's </script is not escaped")
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		if render("/*FAKE-ECHARTS*/") != render("/*FAKE-ECHARTS*/") {
			t.Error("two renderings differ")
		}
	})
}

// TestMetricsOf checks the metrics taken from a summary.
func TestMetricsOf(t *testing.T) {
	if got := MetricsOf(nil); got == nil || len(got) != 0 {
		t.Errorf("MetricsOf(nil) = %v, want an empty map", got)
	}
	s := &Summary{
		Cost:            Cost{EC2: 10, Fargate: 2.5, Total: 12.5, Idle: 1, Stranded: 2},
		InstanceHours:   3.25,
		Utilization:     Utilization{CPUReservedMean: 0.4, MemoryReservedMean: 0.65},
		TaskWaitSeconds: Quantiles{Mean: 3, P50: 1.5, P95: 9.75, P99: 20, Max: 30},
		Tasks:           TaskSummary{Submitted: 100, Placed: 90, Failed: 7},
		Scaling:         Scaling{ScaleOutActions: 4, ScaleInActions: 3},
	}
	want := map[string]float64{
		"cost.total":                     12.5,
		"instanceHours":                  3.25,
		"utilization.cpuReservedMean":    0.4,
		"utilization.memoryReservedMean": 0.65,
		"taskWaitSeconds.p50":            1.5,
		"taskWaitSeconds.p95":            9.75,
		"tasks.failed":                   7,
		"scaling.actions":                7,
	}
	got := MetricsOf(s)
	if len(got) != len(want) {
		t.Errorf("MetricsOf = %v, want %v", got, want)
	}
	for m, w := range want {
		if g, ok := got[m]; !ok || g != w {
			t.Errorf("%s = %v (present %v), want %v", m, g, ok, w)
		}
	}
	for _, m := range CompareMetrics() {
		if _, ok := got[m]; !ok {
			t.Errorf("MetricsOf lacks %s of CompareMetrics()", m)
		}
	}
	// Its maps feed Compare.
	s2 := *s
	s2.Cost.Total = 14.5
	c, err := Compare("s", 1, "a", []string{"a", "b"}, map[string][]map[string]float64{
		"a": {MetricsOf(s), MetricsOf(s)}, "b": {MetricsOf(&s2), MetricsOf(&s2)}})
	if err != nil {
		t.Fatal(err)
	}
	if d := c.Differences["cost.total"]["b"]; d.Mean != 2 || !d.Significant {
		t.Errorf("cost difference = %+v, want 2 significant", d)
	}
}

// TestCompareHugeValuesWrite: values too large to round to 6 decimals are
// written as they are, not as +Inf (which JSON cannot hold).
func TestCompareHugeValuesWrite(t *testing.T) {
	c, err := Compare("s", 1, "a", []string{"a", "b"}, map[string][]map[string]float64{"a": repsOf(1, 2, 3), "b": repsOf(1e303, 1e303, 1e303)})
	if err != nil {
		t.Fatal(err)
	}
	var j, csv bytes.Buffer
	if err := c.WriteJSON(&j); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if err := c.WriteCSV(&csv); err != nil || strings.Contains(csv.String(), "Inf") {
		t.Fatalf("WriteCSV: %v\n%s", err, csv.String())
	}
	if !strings.Contains(j.String(), "1e+303") {
		t.Errorf("compare.json lost the value 1e303:\n%s", j.String())
	}
}

// TestAllZeroMetricSaysSo: a metric that is 0 in every run of every
// variant says so on its chart rather than showing empty bars.
func TestAllZeroMetricSaysSo(t *testing.T) {
	c := &Comparison{Replications: 3, Variants: []string{"a", "b"}, Metrics: map[string]map[string]Interval{
		"tasks.failed": {"a": {}, "b": {}},
		"cost.total":   {"a": {Mean: 1, CI95: [2]float64{0.5, 1.5}}, "b": {}},
	}}
	if got := c.meanSubtitle("tasks.failed"); got != "0 in every run: each of the 3 replications of every variant" {
		t.Errorf("all zero: %q", got)
	}
	if got := c.meanSubtitle("cost.total"); strings.HasPrefix(got, "0 in every run") {
		t.Errorf("not all zero: %q", got)
	}
}
