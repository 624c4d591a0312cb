package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Files and folders of a sweep's folder (README "Sweeps").
const (
	SweepPlanFile  = "sweep-plan.json"
	SweepPointsDir = "points"
	SweepShardsDir = "shards"
	SweepCSVFile   = "sweep.csv"
	SweepJSONFile  = "sweep.json"
	SweepHTMLFile  = "sweep.html"
)

// MaxSweepPoints bounds a sweep's points (cells × replications): ten
// million runs of even a tiny scenario is days of a large cluster, and a
// plan read from a folder is held to it before anything loops over it.
const MaxSweepPoints = 10_000_000

// SweepParameter is one swept path and its values as YAML text.
type SweepParameter struct {
	Path   string   `json:"path"`
	Values []string `json:"values"`
}

// SweepPlan is sweep-plan.json: everything a sweep runs, so that every
// shard, a resumed run and `ecsim merge` agree on the points. The grid's
// cells are numbered as an odometer over Dimensions, the first slowest; a
// dimension is one parameter, or the parameters of a zip group, which take
// their i-th values together. Point p is replication p mod R of cell p div
// R; replication k of every cell runs with Seeds[k] (common random
// numbers).
type SweepPlan struct {
	// Sweep identifies the sweep: a hash of the scenario's text, its
	// overrides and everything below.
	Sweep        string           `json:"sweep"`
	Scenario     string           `json:"scenario"`
	Seed         uint64           `json:"seed"`
	Replications int              `json:"replications"`
	Seeds        []uint64         `json:"seeds"`
	Parameters   []SweepParameter `json:"parameters"`
	Dimensions   [][]int          `json:"dimensions"`
	Metrics      []string         `json:"metrics"`
	Cells        int              `json:"cells"`
	Points       int              `json:"points"`
}

// NewSweepPlan returns the plan of a sweep of source (the scenario's text
// and overrides, which the hash covers) and seals it with its hash.
func NewSweepPlan(source []byte, scenario string, seed uint64, seeds []uint64, params []SweepParameter, dims [][]int, metrics []string) *SweepPlan {
	p := &SweepPlan{Scenario: scenario, Seed: seed, Replications: len(seeds), Seeds: seeds, Parameters: params,
		Dimensions: dims, Metrics: metrics, Cells: 1}
	for _, d := range dims {
		p.Cells *= len(params[d[0]].Values)
	}
	p.Points = p.Cells * p.Replications
	body, _ := json.Marshal(p) // plain data: cannot fail
	h := sha256.New()
	h.Write(source)
	h.Write([]byte{0})
	h.Write(body)
	p.Sweep = hex.EncodeToString(h.Sum(nil))[:32]
	return p
}

// Values returns the value index of every parameter in cell c.
func (p *SweepPlan) Values(c int) []int {
	out := make([]int, len(p.Parameters))
	for k := len(p.Dimensions) - 1; k >= 0; k-- {
		d := p.Dimensions[k]
		n := len(p.Parameters[d[0]].Values)
		for _, i := range d {
			out[i] = c % n
		}
		c /= n
	}
	return out
}

// PointID is the stable name of point (cell c, replication k): a hash of
// its parameters' paths and values and k, so that it survives reordering
// the file's parameters and never names another point.
//
// Example: targetCapacity=60 and ratePerMinute=2, replication 0, has one ID
// in every sweep that holds that combination.
func (p *SweepPlan) PointID(c, k int) string {
	h := fnv.New64a()
	for i, v := range p.Values(c) {
		h.Write([]byte(p.Parameters[i].Path))
		h.Write([]byte{0})
		h.Write([]byte(p.Parameters[i].Values[v]))
		h.Write([]byte{0})
	}
	h.Write([]byte(strconv.Itoa(k)))
	return fmt.Sprintf("%016x", h.Sum64())
}

// Shard returns the shard of n that runs point pt: pt mod n, so every
// shard gets every n-th point and replications spread over the shards.
func Shard(pt, n int) int { return pt % n }

// SweepPoint is points/<id>.json: one finished run of a sweep.
type SweepPoint struct {
	Sweep       string             `json:"sweep"`
	ID          string             `json:"id"`
	Cell        int                `json:"cell"`
	Replication int                `json:"replication"`
	Seed        uint64             `json:"seed"`
	Parameters  map[string]string  `json:"parameters"`
	Metrics     map[string]float64 `json:"metrics"`
}

// NewSweepPoint returns point (cell c, replication k) of p with its
// metrics.
func (p *SweepPlan) NewSweepPoint(c, k int, metrics map[string]float64) *SweepPoint {
	pt := &SweepPoint{Sweep: p.Sweep, ID: p.PointID(c, k), Cell: c, Replication: k, Seed: p.Seeds[k],
		Parameters: map[string]string{}, Metrics: map[string]float64{}}
	for i, v := range p.Values(c) {
		pt.Parameters[p.Parameters[i].Path] = p.Parameters[i].Values[v]
	}
	for _, m := range p.Metrics {
		pt.Metrics[m] = metrics[m]
	}
	return pt
}

// PointPath returns where the point (cell c, replication k) of p lives in
// dir.
func (p *SweepPlan) PointPath(dir string, c, k int) string {
	return filepath.Join(dir, SweepPointsDir, p.PointID(c, k)+".json")
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that a reader (another shard, a resumed run,
// merge) sees the whole file or none of it, whenever the writer is killed.
// It does not sync (a sweep writes thousands of small files): a point file
// that a machine crash leaves damaged is run again (ecsim sweep checks the
// files it finds).
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ReadSweepPlan reads dir's sweep-plan.json; fs.ErrNotExist when dir
// holds none.
func ReadSweepPlan(dir string) (*SweepPlan, error) {
	data, err := readSmall(filepath.Join(dir, SweepPlanFile), 64<<20)
	if err != nil {
		return nil, err
	}
	var p SweepPlan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not a sweep plan: %v", filepath.Join(dir, SweepPlanFile), err)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, SweepPlanFile), err)
	}
	return &p, nil
}

// check checks that a plan read from a file is whole and consistent.
func (p *SweepPlan) check() error {
	if p.Sweep == "" || p.Replications < 1 || len(p.Seeds) != p.Replications || len(p.Dimensions) == 0 {
		return errors.New("not a sweep plan (no sweep hash, replications, seeds or dimensions)")
	}
	cells := 1
	for _, d := range p.Dimensions {
		if err := p.checkDimension(d); err != nil {
			return err
		}
		cells *= len(p.Parameters[d[0]].Values)
		if cells > MaxSweepPoints {
			return errors.New("too many cells")
		}
	}
	if p.Replications > MaxSweepPoints || cells*p.Replications > MaxSweepPoints {
		return fmt.Errorf("more than %d points", MaxSweepPoints)
	}
	if cells != p.Cells || p.Points != cells*p.Replications {
		return fmt.Errorf("%d cells and %d points, but the dimensions give %d cells", p.Cells, p.Points, cells)
	}
	return nil
}

// checkDimension checks that dimension d names parameters that exist,
// with values, as many of them each.
func (p *SweepPlan) checkDimension(d []int) error {
	if len(d) == 0 {
		return errors.New("an empty dimension")
	}
	for _, i := range d {
		if i < 0 || i >= len(p.Parameters) || len(p.Parameters[i].Values) == 0 || len(p.Parameters[i].Values) != len(p.Parameters[d[0]].Values) {
			return fmt.Errorf("dimension %v does not match the parameters", d)
		}
	}
	return nil
}

// ReadSweepPoint reads a point file.
func ReadSweepPoint(path string) (*SweepPoint, error) {
	data, err := readSmall(path, 1<<20)
	if err != nil {
		return nil, err
	}
	var pt SweepPoint
	if err := json.Unmarshal(data, &pt); err != nil {
		return nil, fmt.Errorf("%s: not a sweep point: %v", path, err)
	}
	return &pt, nil
}

// readSmall reads a regular file of at most limit bytes.
func readSmall(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return os.ReadFile(path)
}

// IsNotExist reports whether err says a file does not exist.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
