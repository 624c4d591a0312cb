package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// testPlan is a 2 × 3 grid with a zip: rate and size go together (2
// values), the strategy crosses them (3 values), 2 replications.
func testPlan() *SweepPlan {
	params := []SweepParameter{
		{Path: "rate", Values: []string{"1", "2"}},
		{Path: "strategy", Values: []string{"binpack", "spread", "random"}},
		{Path: "size", Values: []string{"small", "large"}},
	}
	return NewSweepPlan([]byte("scenario text"), "t", 7, []uint64{11, 12}, params, [][]int{{0, 2}, {1}}, []string{"cost.total", "tasks.failed"})
}

// TestSweepPlanCells: the cells are an odometer over the dimensions, the
// first slowest, a zip group's parameters taking their values together.
func TestSweepPlanCells(t *testing.T) {
	p := testPlan()
	if p.Cells != 6 || p.Points != 12 {
		t.Fatalf("cells %d, points %d; want 6, 12", p.Cells, p.Points)
	}
	want := [][]int{{0, 0, 0}, {0, 1, 0}, {0, 2, 0}, {1, 0, 1}, {1, 1, 1}, {1, 2, 1}}
	for c, w := range want {
		if got := p.Values(c); !slices.Equal(got, w) {
			t.Errorf("cell %d: values %v, want %v", c, got, w)
		}
	}
}

// TestSweepPlanIdentity: point IDs are distinct and do not depend on the
// master seed or the metrics; the sweep hash changes with anything the
// plan holds or the scenario's text.
func TestSweepPlanIdentity(t *testing.T) {
	p := testPlan()
	seen := map[string]bool{}
	for c := 0; c < p.Cells; c++ {
		for k := 0; k < p.Replications; k++ {
			id := p.PointID(c, k)
			if seen[id] || len(id) != 16 {
				t.Fatalf("point ID %q repeated or malformed", id)
			}
			seen[id] = true
		}
	}
	other := NewSweepPlan([]byte("scenario text"), "t", 8, []uint64{13, 14}, p.Parameters, p.Dimensions, []string{"cost.total"})
	if other.PointID(3, 1) != p.PointID(3, 1) {
		t.Error("a point's ID depends on the seeds or metrics")
	}
	if other.Sweep == p.Sweep {
		t.Error("two sweeps with different seeds share a hash")
	}
	if NewSweepPlan([]byte("scenario text!"), "t", 7, p.Seeds, p.Parameters, p.Dimensions, p.Metrics).Sweep == p.Sweep {
		t.Error("two scenarios share a sweep hash")
	}
}

// writePoints writes every point of p into dir with metric values f(c, k).
func writePoints(t testing.TB, p *SweepPlan, dir string, f func(c, k int) map[string]float64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, SweepPointsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(p)
	if err := os.WriteFile(filepath.Join(dir, SweepPlanFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for c := 0; c < p.Cells; c++ {
		for k := 0; k < p.Replications; k++ {
			b, _ := json.Marshal(p.NewSweepPoint(c, k, f(c, k)))
			if err := os.WriteFile(p.PointPath(dir, c, k), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestMergeSweepFigures: hand-derived means, intervals and paired
// differences. Cell c, replication k costs 10c + k: every cell's mean is
// 10c + 0.5, its interval ±t(1)·s/√2 with s = √0.5, so ±12.706·0.5 =
// ±6.353; the differences from cell 0 are exactly 10c in both
// replications, an interval of width 0.
func TestMergeSweepFigures(t *testing.T) {
	p := testPlan()
	dir := t.TempDir()
	writePoints(t, p, dir, func(c, k int) map[string]float64 {
		return map[string]float64{"cost.total": float64(10*c + k), "tasks.failed": 0}
	})
	sum, err := MergeSweep(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	for c, cell := range sum.Cells {
		in := cell.Metrics["cost.total"]
		mean := float64(10*c) + 0.5
		if math.Abs(in.Mean-mean) > 1e-12 || math.Abs(in.CI95[1]-mean-6.353) > 1e-3 || math.Abs(mean-in.CI95[0]-6.353) > 1e-3 {
			t.Errorf("cell %d: %+v, want mean %g ± 6.353", c, in, mean)
		}
		if c == 0 {
			if cell.Differences != nil {
				t.Error("the baseline has differences")
			}
			continue
		}
		d := cell.Differences["cost.total"]
		if d.Mean != float64(10*c) || d.CI95 != [2]float64{float64(10 * c), float64(10 * c)} || !d.Significant {
			t.Errorf("cell %d: difference %+v, want exactly %d", c, d, 10*c)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(dir, SweepCSVFile))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if lines[0] != "rate,strategy,size,replication,seed,cost.total,tasks.failed" || len(lines) != 13 {
		t.Fatalf("sweep.csv header %q, %d lines", lines[0], len(lines))
	}
	if lines[8] != "2,binpack,large,1,12,31,0" {
		t.Errorf("row of cell 3 replication 1: %q", lines[8])
	}
	for _, f := range []string{SweepJSONFile, SweepHTMLFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestMergeSweepRefuses: a missing point is named with its shard (from the
// shards recorded), a point of another sweep is refused; nothing is written.
func TestMergeSweepRefuses(t *testing.T) {
	p := testPlan()
	dir := t.TempDir()
	writePoints(t, p, dir, func(c, k int) map[string]float64 { return map[string]float64{"cost.total": 1, "tasks.failed": 0} })
	os.MkdirAll(filepath.Join(dir, SweepShardsDir), 0o755)
	os.WriteFile(filepath.Join(dir, SweepShardsDir, "0-of-5"), nil, 0o644)
	os.Remove(p.PointPath(dir, 2, 1)) // point 5: shard 0 of 5
	_, err := MergeSweep(dir, "")
	var missing *MissingPointsError
	if !errors.As(err, &missing) || missing.Missing != 1 || !strings.Contains(err.Error(), fmt.Sprintf("%s (cell 2, replication 1, shard 0/5)", p.PointID(2, 1))) {
		t.Fatalf("error %v", err)
	}
	other := NewSweepPlan([]byte("another"), "t", 7, p.Seeds, p.Parameters, p.Dimensions, p.Metrics)
	b, _ := json.Marshal(other.NewSweepPoint(2, 1, map[string]float64{"cost.total": 1, "tasks.failed": 0}))
	os.WriteFile(p.PointPath(dir, 2, 1), b, 0o644)
	_, err = MergeSweep(dir, "")
	var mismatch *SweepMismatchError
	if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), "belongs to sweep "+other.Sweep) {
		t.Fatalf("error %v", err)
	}
	for _, f := range []string{SweepCSVFile, SweepJSONFile, SweepHTMLFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written by a refused merge", f)
		}
	}
}

// TestSweepHTMLEscapesValues: values are the user's YAML; none reaches
// the page as markup.
func TestSweepHTMLEscapesValues(t *testing.T) {
	params := []SweepParameter{{Path: "description", Values: []string{"</script><script>alert(1)</script>", "b"}}}
	p := NewSweepPlan(nil, "t", 1, []uint64{1, 2}, params, [][]int{{0}}, []string{"cost.total"})
	dir := t.TempDir()
	writePoints(t, p, dir, func(c, k int) map[string]float64 { return map[string]float64{"cost.total": float64(k)} })
	if _, err := MergeSweep(dir, ""); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dir, SweepHTMLFile))
	if strings.Contains(string(page), "<script>alert(1)") {
		t.Fatal("a swept value reaches sweep.html as markup")
	}
}

// BenchmarkMergeSweep100k merges 100,000 points (1,000 cells × 100
// replications, 8 metrics): issue 14's target is at most 5 s.
func BenchmarkMergeSweep100k(b *testing.B) {
	params := []SweepParameter{{Path: "a", Values: make([]string, 100)}, {Path: "b", Values: make([]string, 10)}}
	for i := range params[0].Values {
		params[0].Values[i] = fmt.Sprint(i)
	}
	for i := range params[1].Values {
		params[1].Values[i] = fmt.Sprint("v", i)
	}
	seeds := make([]uint64, 100)
	for i := range seeds {
		seeds[i] = uint64(i)
	}
	p := NewSweepPlan(nil, "bench", 1, seeds, params, [][]int{{0}, {1}}, CompareMetrics())
	dir := b.TempDir()
	writePoints(b, p, dir, func(c, k int) map[string]float64 {
		m := map[string]float64{}
		for i, name := range CompareMetrics() {
			m[name] = float64(c*k + i)
		}
		return m
	})
	b.ResetTimer()
	for range b.N {
		if _, err := MergeSweep(dir, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(p.Points)*float64(b.N)/b.Elapsed().Seconds(), "points/s")
}

// FuzzSweepFolder feeds any bytes as a sweep folder's plan and one point:
// reading and merging never panic, and a plan that reads holds to its
// bounds.
func FuzzSweepFolder(f *testing.F) {
	p := testPlan()
	plan, _ := json.Marshal(p)
	point, _ := json.Marshal(p.NewSweepPoint(0, 0, map[string]float64{"cost.total": 1, "tasks.failed": 0}))
	f.Add(plan, point)
	f.Add([]byte(`{"sweep":"x","replications":1,"seeds":[1],"parameters":[{"path":"a","values":["1"]}],"dimensions":[[0]],"cells":1,"points":1}`), []byte(`{}`))
	f.Add([]byte(`{"sweep":"x","replications":1,"seeds":[1],"parameters":[{"path":"a","values":["1"]}],"dimensions":[[0,0,5]],"cells":1,"points":1}`), []byte(`[]`))
	f.Fuzz(func(t *testing.T, planData, pointData []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, SweepPointsDir), 0o755)
		os.WriteFile(filepath.Join(dir, SweepPlanFile), planData, 0o644)
		p, err := ReadSweepPlan(dir)
		if err != nil {
			return
		}
		if p.Points > MaxSweepPoints || p.Cells < 1 || p.Points != p.Cells*p.Replications {
			t.Fatalf("a plan out of bounds was read: %d cells, %d points", p.Cells, p.Points)
		}
		if p.Points > 1000 {
			return // merging would look for every point
		}
		os.WriteFile(p.PointPath(dir, 0, 0), pointData, 0o644)
		MergeSweep(dir, "")
	})
}
