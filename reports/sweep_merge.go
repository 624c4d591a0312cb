package reports

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// SweepSummary is sweep.json: per grid cell, the mean and 95% confidence
// interval (Student t over the replications) of every metric, and the mean
// paired difference from the baseline cell (the first) with its interval;
// replication k of every cell ran with the same seed, so differences are
// paired as in compare. With one replication an interval is the mean
// alone.
type SweepSummary struct {
	Sweep        string           `json:"sweep"`
	Scenario     string           `json:"scenario"`
	Seed         uint64           `json:"seed"`
	Replications int              `json:"replications"`
	Parameters   []SweepParameter `json:"parameters"`
	Metrics      []string         `json:"metrics"`
	Baseline     int              `json:"baseline"`
	Cells        []SweepCell      `json:"cells"`

	plan *SweepPlan
}

// SweepCell is one grid cell's figures in sweep.json.
type SweepCell struct {
	Parameters  map[string]string     `json:"parameters"`
	Metrics     map[string]Interval   `json:"metrics"`
	Differences map[string]Difference `json:"differences,omitempty"`
}

// MissingPointsError says which points a sweep's folder lacks and which
// shard owns each.
type MissingPointsError struct {
	Missing int
	// Lines name the first missing points: "ID (cell c, replication k,
	// shard i/n)".
	Lines []string
}

// Error lists the missing points (the first 20) with their shards.
func (e *MissingPointsError) Error() string {
	more := ""
	if e.Missing > len(e.Lines) {
		more = fmt.Sprintf("\n  … and %d more", e.Missing-len(e.Lines))
	}
	return fmt.Sprintf("%d points missing (rerun their shards, or ecsim sweep without --shard):\n  %s%s", e.Missing, strings.Join(e.Lines, "\n  "), more)
}

// SweepMismatchError says that a point file belongs to another sweep or is
// not what its name says.
type SweepMismatchError struct{ Msg string }

// Error says which file is not what the folder's plan expects.
func (e *SweepMismatchError) Error() string { return e.Msg }

// MergeSweep reads every point of the sweep in dir and writes sweep.csv,
// sweep.json and sweep.html into dir (each whole or not at all). A missing
// point is a *MissingPointsError naming it with its shard (the shard counts
// the sweep's runs recorded in dir/shards), a point of another sweep a
// *SweepMismatchError; either way nothing is written. It holds one cell's
// replications and the baseline's at a time, and the per-cell figures:
// memory grows with the grid, not with the replications run.
func MergeSweep(dir, assetsJS string) (*SweepSummary, error) {
	p, err := ReadSweepPlan(dir)
	if err != nil {
		return nil, err
	}
	if err := checkComplete(dir, p); err != nil {
		return nil, err
	}
	csvTmp, err := os.CreateTemp(dir, ".tmp-"+SweepCSVFile+"-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(csvTmp.Name())
	sum, err := mergePoints(dir, p, csvTmp)
	if cerr := csvTmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	js, err := json.MarshalIndent(sum.rounded(), "", "  ")
	if err != nil {
		return nil, err
	}
	var page strings.Builder
	if err := sum.WriteHTML(&page, assetsJS); err != nil {
		return nil, err
	}
	if err := WriteFileAtomic(filepath.Join(dir, SweepJSONFile), append(js, '\n')); err != nil {
		return nil, err
	}
	if err := WriteFileAtomic(filepath.Join(dir, SweepHTMLFile), []byte(page.String())); err != nil {
		return nil, err
	}
	if err := os.Rename(csvTmp.Name(), filepath.Join(dir, SweepCSVFile)); err != nil {
		return nil, err
	}
	removeStaleTemps(filepath.Join(dir, SweepPointsDir))
	return sum, nil
}

// removeStaleTemps removes the temporary files a point writer killed
// mid-write left (WriteFileAtomic's): once every point is present, no
// writer is left to finish them.
func removeStaleTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// checkComplete lists the points dir lacks.
func checkComplete(dir string, p *SweepPlan) error {
	n := shardCount(dir)
	e := &MissingPointsError{}
	for pt := 0; pt < p.Points; pt++ {
		c, k := pt/p.Replications, pt%p.Replications
		if _, err := os.Stat(p.PointPath(dir, c, k)); err == nil {
			continue
		}
		if e.Missing++; len(e.Lines) < 20 {
			e.Lines = append(e.Lines, fmt.Sprintf("%s (cell %d, replication %d, shard %d/%d)", p.PointID(c, k), c, k, Shard(pt, n), n))
		}
	}
	if e.Missing > 0 {
		return e
	}
	return nil
}

// shardCount returns the shard count the sweep's runs used (recorded as
// shards/I-of-N), the largest if they differ, 1 if none is recorded.
func shardCount(dir string) int {
	entries, _ := os.ReadDir(filepath.Join(dir, SweepShardsDir))
	n := 1
	for _, e := range entries {
		if _, of, ok := strings.Cut(e.Name(), "-of-"); ok {
			if k, err := strconv.Atoi(of); err == nil && k > n {
				n = k
			}
		}
	}
	return n
}

// mergePoints reads the points cell by cell, writing sweep.csv's rows to
// w and computing the cells' figures.
func mergePoints(dir string, p *SweepPlan, w *os.File) (*SweepSummary, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	header := []string{}
	for _, par := range p.Parameters {
		header = append(header, par.Path)
	}
	header = append(append(header, "replication", "seed"), p.Metrics...)
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	sum := &SweepSummary{Sweep: p.Sweep, Scenario: p.Scenario, Seed: p.Seed, Replications: p.Replications,
		Parameters: p.Parameters, Metrics: p.Metrics, Cells: make([]SweepCell, p.Cells), plan: p}
	t := math.NaN()
	if p.Replications > 1 {
		t = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(p.Replications - 1)}.Quantile(0.975)
	}
	var base [][]float64 // by metric, by replication
	row := make([]string, len(header))
	for c := 0; c < p.Cells; c++ {
		cols := make([][]float64, len(p.Metrics))
		for k := 0; k < p.Replications; k++ {
			pt, err := readPoint(dir, p, c, k)
			if err != nil {
				return nil, err
			}
			fillRow(row, p, pt)
			if err := cw.Write(row); err != nil {
				return nil, err
			}
			for i, m := range p.Metrics {
				cols[i] = append(cols[i], pt.Metrics[m])
			}
		}
		if c == 0 {
			base = cols
		}
		sum.Cells[c] = cellFigures(p, c, cols, base, t)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	return sum, bw.Flush()
}

// readPoint reads point (c, k) and checks that it is that point of this
// sweep with every metric.
func readPoint(dir string, p *SweepPlan, c, k int) (*SweepPoint, error) {
	path := p.PointPath(dir, c, k)
	pt, err := ReadSweepPoint(path)
	if err != nil {
		return nil, err
	}
	switch {
	case pt.Sweep != p.Sweep:
		return nil, &SweepMismatchError{fmt.Sprintf("%s belongs to sweep %s, not to this folder's sweep %s: merge each sweep's folder on its own", path, pt.Sweep, p.Sweep)}
	case pt.Cell != c || pt.Replication != k || pt.ID != p.PointID(c, k):
		return nil, &SweepMismatchError{fmt.Sprintf("%s holds point %s (cell %d, replication %d), not cell %d replication %d", path, pt.ID, pt.Cell, pt.Replication, c, k)}
	}
	for _, m := range p.Metrics {
		if x, ok := pt.Metrics[m]; !ok || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &SweepMismatchError{fmt.Sprintf("%s: metric %s missing or not a number", path, m)}
		}
	}
	return pt, nil
}

// fillRow writes point pt as a sweep.csv row.
func fillRow(row []string, p *SweepPlan, pt *SweepPoint) {
	i := 0
	for _, par := range p.Parameters {
		row[i] = pt.Parameters[par.Path]
		i++
	}
	row[i], row[i+1] = strconv.Itoa(pt.Replication), strconv.FormatUint(pt.Seed, 10)
	i += 2
	for _, m := range p.Metrics {
		row[i] = strconv.FormatFloat(pt.Metrics[m], 'g', -1, 64)
		i++
	}
}

// cellFigures computes cell c's intervals and its differences from the
// baseline (t is NaN with one replication: means only).
func cellFigures(p *SweepPlan, c int, cols, base [][]float64, t float64) SweepCell {
	cell := SweepCell{Parameters: map[string]string{}, Metrics: map[string]Interval{}}
	for i, v := range p.Values(c) {
		cell.Parameters[p.Parameters[i].Path] = p.Parameters[i].Values[v]
	}
	if c > 0 {
		cell.Differences = map[string]Difference{}
	}
	for i, m := range p.Metrics {
		if math.IsNaN(t) {
			cell.Metrics[m] = Interval{Mean: cols[i][0], CI95: [2]float64{cols[i][0], cols[i][0]}}
			if c > 0 {
				d := cols[i][0] - base[i][0]
				cell.Differences[m] = Difference{Mean: d, CI95: [2]float64{d, d}}
			}
			continue
		}
		cell.Metrics[m] = interval(cols[i], t)
		if c > 0 {
			cell.Differences[m] = difference(cols[i], base[i], t)
		}
	}
	return cell
}

// rounded returns the summary with its figures rounded as compare rounds
// them, so that sweep.json does not print the noise of the last bits.
func (s *SweepSummary) rounded() *SweepSummary {
	out := *s
	out.Cells = make([]SweepCell, len(s.Cells))
	for c, cell := range s.Cells {
		r := SweepCell{Parameters: cell.Parameters, Metrics: map[string]Interval{}}
		for m, in := range cell.Metrics {
			r.Metrics[m] = Interval{Mean: roundOut(in.Mean), CI95: roundPair(in.CI95)}
		}
		if cell.Differences != nil {
			r.Differences = map[string]Difference{}
			for m, d := range cell.Differences {
				r.Differences[m] = Difference{Mean: roundOut(d.Mean), CI95: roundPair(d.CI95), Significant: d.Significant}
			}
		}
		out.Cells[c] = r
	}
	return &out
}
