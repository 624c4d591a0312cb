package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Sweep is the sweep: block (`ecsim sweep`): overrides, as --set takes
// them, each path with a list of values; the paths' values are crossed as a
// full grid, except the paths of a zip group, whose values go together
// (the first values of each, then the second, ...). Every grid cell runs
// Replications times; replication k of every cell uses the same seed
// (common random numbers). `ecsim run` ignores the block.
//
//	sweep:
//	  parameters:
//	    cluster.capacityProviders.general.managedScaling.targetCapacity: [60, 80, 100]
//	    workloads.web.arrivals.ratePerMinute: [2, 4, 8]
//	  zip: []
//	  replications: 10
//	  metrics: []
type Sweep struct {
	// Parameters are the swept paths in the file's order.
	Parameters []SweepParameter `yaml:"parameters"`
	// Zip lists groups of paths whose values vary together.
	Zip [][]string `yaml:"zip"`
	// Replications is the runs per grid cell (default 1).
	Replications int `yaml:"replications" range:"[1,100000] runs"`
	// Metrics are the summary metrics kept, as compare names them
	// (default: compare's).
	Metrics []string `yaml:"metrics"`
	// Given is whether the file has a sweep: block.
	Given bool `yaml:"-"`

	pos map[string]Pos // where each parameter and value is, for messages
}

// SweepParameter is one swept path and its values, as YAML text.
type SweepParameter struct {
	Path   string
	Values []string
}

// maxSweepReplications bounds sweep.replications, as compare bounds -r;
// DefaultSweepReplications is its default.
const (
	maxSweepReplications     = 100000
	DefaultSweepReplications = 1
)

// MaxSweepCells bounds a sweep's grid: a million cells of even a tiny
// scenario is days of runs, and merging keeps a few numbers per cell.
const MaxSweepCells = 1_000_000

// decodeNode reads the sweep: block.
func (s *Sweep) decodeNode(d *decoder, n *yaml.Node, path string) {
	s.Given, s.Replications, s.pos = true, DefaultSweepReplications, map[string]Pos{"sweep": posOf(n)}
	if n.Kind != yaml.MappingNode {
		d.errorAt(d.at(n), path, "expected a mapping with parameters, zip, replications and metrics, got %s", describe(n))
		return
	}
	for _, kv := range d.pairs(n, path) {
		key, val, p := kv[0].Value, kv[1], join(path, kv[0].Value)
		d.pos[p] = d.at(kv[0])
		switch key {
		case "parameters":
			s.decodeParameters(d, val, p)
		case "zip":
			s.Zip = d.stringLists(val, p)
		case "replications":
			r, err := strconv.Atoi(val.Value)
			if val.Kind != yaml.ScalarNode || err != nil || r < 1 || r > maxSweepReplications {
				d.errorAt(d.at(val), p, "expected a whole number of runs per grid cell from 1 to %d, got %s", maxSweepReplications, describe(val))
				continue
			}
			s.Replications = r
		case "metrics":
			s.Metrics = d.strings(val, p)
		default:
			d.errorAt(d.at(kv[0]), p, "%s", unknownKey(key, []string{"parameters", "zip", "replications", "metrics"}))
		}
	}
}

// decodeParameters reads sweep.parameters: path → list of values, each
// value measured and copied with its aliases expanded (as variants).
func (s *Sweep) decodeParameters(d *decoder, n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(d.at(n), path, "expected a mapping of PATH: [VALUE, ...], got %s", describe(n))
		return
	}
	total := 0
	for _, kv := range d.pairs(n, path) {
		pp := join(path, kv[0].Value)
		s.pos[kv[0].Value] = posOf(kv[0])
		if kv[1].Kind != yaml.SequenceNode || len(kv[1].Content) == 0 {
			d.errorAt(d.at(kv[1]), pp, "expected a non-empty list of values, got %s", describe(kv[1]))
			continue
		}
		p := SweepParameter{Path: kv[0].Value}
		for i, v := range kv[1].Content {
			size := expandedSize(v, map[*yaml.Node]int{}, maxVariantValueNodes+1)
			if total += size; size > maxVariantValueNodes || total > maxVariantNodes {
				d.errorAt(d.at(v), pp, "sweep values too large: more than %d nodes in one or %d in all, aliases expanded",
					maxVariantValueNodes, maxVariantNodes)
				return
			}
			value := d.expandAliases(v, index(pp, i), 0)
			if d.overBudget {
				return
			}
			out, err := yaml.Marshal(value)
			if err != nil {
				d.errorAt(d.at(v), index(pp, i), "%v", err)
				continue
			}
			s.pos[index(p.Path, i)] = posOf(v)
			p.Values = append(p.Values, strings.TrimSuffix(string(out), "\n"))
		}
		for i, v := range p.Values {
			if j := slices.Index(p.Values[:i], v); j >= 0 {
				d.errorAt(s.pos[index(p.Path, i)], index(pp, i), "the value %s is given twice (also at %d): each cell once", v, j)
			}
		}
		s.Parameters = append(s.Parameters, p)
	}
}

// strings reads a list of scalars.
func (d *decoder) strings(n *yaml.Node, path string) []string {
	if n.Kind != yaml.SequenceNode {
		d.errorAt(d.at(n), path, "expected a list, got %s", describe(n))
		return nil
	}
	var out []string
	for i, v := range n.Content {
		if v.Kind != yaml.ScalarNode || v.Value == "" {
			d.errorAt(d.at(v), index(path, i), "expected a name, got %s", describe(v))
			continue
		}
		out = append(out, v.Value)
	}
	return out
}

// stringLists reads a list of lists of scalars.
func (d *decoder) stringLists(n *yaml.Node, path string) [][]string {
	if n.Kind != yaml.SequenceNode {
		d.errorAt(d.at(n), path, "expected a list of lists of paths, got %s", describe(n))
		return nil
	}
	var out [][]string
	for i, v := range n.Content {
		out = append(out, d.strings(v, index(path, i)))
	}
	return out
}

// SweepDimensions checks s's sweep: block against the scenario (every
// path exists, every value is valid on its own, zip groups are well formed,
// the grid is not empty and holds at most MaxSweepCells cells) and returns
// the grid's dimensions: indexes into Spec.Sweep.Parameters, one parameter
// each or the parameters of a zip group, in order of their first
// parameter. reports.SweepPlan numbers the cells, the first dimension
// slowest.
func (s *Scenario) SweepDimensions() ([][]int, error) {
	sw := s.Spec.Sweep
	if !sw.Given {
		return nil, Errors{{File: s.File, Field: "sweep", Msg: "the scenario has no sweep: block (README \"Sweeps\")"}}
	}
	if len(sw.Parameters) == 0 {
		return nil, Errors{{File: s.File, Pos: sw.pos["sweep"], Field: "sweep.parameters", Msg: "the grid is empty: give at least one PATH: [VALUE, ...]"}}
	}
	dims, errs := s.sweepDimensions()
	if len(errs) > 0 {
		return nil, errs
	}
	cells := 1
	for _, d := range dims {
		if cells *= len(sw.Parameters[d[0]].Values); cells > MaxSweepCells {
			return nil, Errors{{File: s.File, Pos: sw.pos["sweep"], Field: "sweep.parameters",
				Msg: fmt.Sprintf("the grid has more than %d cells: sweep fewer values, or zip parameters that vary together", MaxSweepCells)}}
		}
	}
	if errs := s.checkSweepValues(); len(errs) > 0 {
		return nil, errs
	}
	out := make([][]int, len(dims))
	for i, d := range dims {
		out[i] = d
	}
	return out, nil
}

// dimension is a parameter, or a zip group of parameters, of the grid:
// indexes into Parameters, all with the same number of values.
type dimension []int

// sweepDimensions groups the parameters into dimensions, in order of
// each dimension's first parameter.
func (s *Scenario) sweepDimensions() ([]dimension, Errors) {
	sw := &s.Spec.Sweep
	at := map[string]int{}
	var names []string
	for i, p := range sw.Parameters {
		at[p.Path] = i
		names = append(names, p.Path)
	}
	group := make([]int, len(sw.Parameters)) // 0: alone, g+1: zip group g
	var errs Errors
	for g, paths := range sw.Zip {
		field := index("sweep.zip", g)
		for _, p := range paths {
			i, ok := at[p]
			switch {
			case !ok:
				errs = append(errs, &FieldError{File: s.File, Field: field, Msg: fmt.Sprintf("%q is not a swept parameter%s", p, accepted(names...))})
			case group[i] != 0:
				errs = append(errs, &FieldError{File: s.File, Field: field, Msg: fmt.Sprintf("%q is in two zip groups", p)})
			default:
				group[i] = g + 1
			}
		}
	}
	var dims []dimension
	seen := map[int]int{}
	for i, g := range group {
		if g == 0 {
			dims = append(dims, dimension{i})
			continue
		}
		if d, ok := seen[g]; ok {
			first := sw.Parameters[dims[d][0]]
			if len(sw.Parameters[i].Values) != len(first.Values) {
				errs = append(errs, &FieldError{File: s.File, Pos: sw.pos[sw.Parameters[i].Path], Field: "sweep.parameters." + sw.Parameters[i].Path,
					Msg: fmt.Sprintf("zipped with %s, which has %d values: give %d values (it has %d)", first.Path, len(first.Values), len(first.Values), len(sw.Parameters[i].Values))})
			}
			dims[d] = append(dims[d], i)
			continue
		}
		seen[g] = len(dims)
		dims = append(dims, dimension{i})
	}
	return dims, errs
}

// checkSweepValues applies every value of every parameter alone to the
// scenario, so that an unknown path or a bad value is reported where it is
// written, before anything runs.
func (s *Scenario) checkSweepValues() Errors {
	sw := &s.Spec.Sweep
	var errs Errors
	for _, p := range sw.Parameters {
		for i, v := range p.Values {
			_, err := s.WithSets(Set{Path: p.Path, Value: v, Origin: "sweep.parameters"})
			if err == nil {
				continue
			}
			badPath := false // a path error names no field: say it once, at the path
			for _, e := range err.(Errors) {
				switch {
				case e.Field == "" && e.Pos.Line == 0:
					e.Pos, badPath = sw.pos[p.Path], true
				case e.Pos.Line == 0:
					e.Pos = sw.pos[index(p.Path, i)]
				}
				errs = append(errs, e)
			}
			if len(errs) >= maxErrors {
				return errs
			}
			if badPath {
				break
			}
		}
	}
	return errs
}
