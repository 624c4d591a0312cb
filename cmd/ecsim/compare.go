package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/spf13/cobra"
)

// Files ecsim compare writes.
const (
	compareJSON = "compare.json"
	compareCSV  = "compare.csv"
	compareHTML = "compare.html"
)

type compareOptions struct {
	replications int
	baseline     string
	out          string
	json, quiet  bool
	seed         uint64
	seedSet      bool
	parallel     int
	assets       string
	sets         []string
}

func newCompareCmd() *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare SCENARIO [--replications R] [--baseline NAME]",
		Short: "Run a scenario's variants side by side on common random numbers",
		Long: `Run every variant of a scenario (its variants: map, variant name → PATH: VALUE
overrides as --set takes them) R times. Replication k of every variant uses the
same seed, derived from the master seed and k, so all variants see the same
arrivals and durations (common random numbers) and differences are paired.
Runs go in parallel on all cores.

Prints, per metric (cost.total, instanceHours, utilization, taskWaitSeconds
p50/p95, tasks.failed, scaling actions), each variant's mean with its 95%
confidence interval (Student t), and each variant's mean paired difference from
the baseline with its interval; * marks a difference whose interval excludes 0.
Writes compare.json, compare.csv and compare.html into the output directory
(default ecsim-out/<scenario name>-compare). The baseline is --baseline, or the
first variant in name order.`,
		Args: rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.seedSet = cmd.Flags().Changed("seed")
			return runCompare(args[0], opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.replications, "replications", "r", 10, "runs per variant (at least 2)")
	f.StringVar(&opts.baseline, "baseline", "", "the variant the others are compared with (default: the first by name)")
	f.StringVarP(&opts.out, "output", "o", "", "output directory (default ecsim-out/<scenario name>-compare)")
	f.BoolVar(&opts.json, "json", false, "print compare.json to stdout instead of the table")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors")
	f.Uint64Var(&opts.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	f.IntVar(&opts.parallel, "parallel", 0, "runs at once (default: the number of CPUs)")
	f.StringVar(&opts.assets, "assets", "", "folder holding echarts.min.js to inline into compare.html")
	f.StringArrayVar(&opts.sets, "set", nil, "override a field of every variant, PATH=VALUE (repeatable)")
	return cmd
}

// job is one run: replication k of variant v.
type job struct {
	v, k int
	cfg  world.Config
}

func runCompare(arg string, opts *compareOptions, stdout, stderr io.Writer) error {
	if opts.replications < 2 {
		return badInput("--replications %d: a confidence interval needs at least 2", opts.replications)
	}
	var assetsJS string
	if opts.assets != "" {
		var err error
		if assetsJS, err = reports.LoadAssets(opts.assets); err != nil {
			return badInput("%v", err)
		}
	}
	sc, err := loadScenario(arg, opts.sets)
	if err != nil {
		return err
	}
	names, baseline, err := compareVariants(sc, opts.baseline)
	if err != nil {
		return err
	}
	master := sc.Config.Seed
	if opts.seedSet {
		master = opts.seed
	}
	jobs, err := compareJobs(sc, names, opts.replications, master)
	if err != nil {
		return err
	}
	dir := opts.out
	if dir == "" {
		dir = filepath.Join("ecsim-out", sc.Config.Name+"-compare")
	}
	// The output directory is checked before the runs, and written all
	// or nothing after them.
	out, err := reports.NewOutput(dir)
	if err != nil {
		return badInput("%v", err)
	}
	cmp, err := compareRuns(sc, jobs, names, baseline, master, opts, stderr)
	if err == nil {
		err = writeComparison(out, cmp, assetsJS)
	}
	if err != nil {
		out.Abort()
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	switch {
	case opts.json:
		return cmp.WriteJSON(stdout)
	case !opts.quiet:
		if err := cmp.WriteTable(stdout); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "output: %s/ (%s, %s, %s)\n", filepath.Clean(dir), compareJSON, compareCSV, compareHTML)
	}
	return nil
}

// compareRuns runs the jobs and compares the variants' metrics.
func compareRuns(sc *scenarios.Scenario, jobs []job, names []string, baseline string, master uint64, opts *compareOptions, stderr io.Writer) (*reports.Comparison, error) {
	runs, err := runJobs(jobs, names, opts, stderr)
	if err != nil {
		return nil, err
	}
	byName := map[string][]map[string]float64{}
	for i, n := range names {
		byName[n] = runs[i]
	}
	return reports.Compare(sc.Config.Name, master, baseline, names, byName)
}

// compareVariants returns the variant names (baseline first, then the
// others by name) and the baseline.
func compareVariants(sc *scenarios.Scenario, baseline string) ([]string, string, error) {
	var names []string
	for _, v := range sc.Variants {
		names = append(names, v.Name)
	}
	if len(names) < 2 {
		return nil, "", badInput("%s: compare needs at least 2 variants under variants: (it has %d)", sc.File, len(names))
	}
	if baseline == "" {
		baseline = names[0]
	}
	if !slices.Contains(names, baseline) {
		return nil, "", badInput("--baseline %q: no such variant (accepted: %s)", baseline, strings.Join(names, ", "))
	}
	out := []string{baseline}
	for _, n := range names {
		if n != baseline {
			out = append(out, n)
		}
	}
	return out, baseline, nil
}

// compareJobs builds every run: replication k of every variant gets the
// seed of replication k of the master seed (common random numbers).
func compareJobs(sc *scenarios.Scenario, names []string, r int, master uint64) ([]job, error) {
	streams := sim.NewStreams(master)
	var jobs []job
	for v, name := range names {
		vs, err := sc.Variant(name)
		if err != nil {
			return nil, err
		}
		for k := 0; k < r; k++ {
			cfg := vs.Config
			cfg.Seed = streams.Replication(k).Seed()
			jobs = append(jobs, job{v: v, k: k, cfg: cfg})
		}
	}
	return jobs, nil
}

// runJobs runs the jobs on opts.parallel workers (all CPUs by default) and
// returns each variant's metrics by replication, in order whatever the
// order the runs finish in.
func runJobs(jobs []job, names []string, opts *compareOptions, stderr io.Writer) ([][]map[string]float64, error) {
	out := make([][]map[string]float64, len(names))
	for i := range out {
		out[i] = make([]map[string]float64, opts.replications)
	}
	workers := opts.parallel
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	bar := newCountProgress(stderr, opts.quiet || opts.json, len(jobs))
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		queue = make(chan job)
	)
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				m, err := runOne(j.cfg)
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("variant %s replication %d: %w", names[j.v], j.k, err)
				}
				out[j.v][j.k] = m
				bar.add()
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
	bar.finish()
	return out, first
}

// runOne runs cfg and returns its summary's compared metrics.
func runOne(cfg world.Config) (map[string]float64, error) {
	rec, err := reports.NewRecorder(nil, reports.Options{})
	if err != nil {
		return nil, err
	}
	w, err := world.New(cfg, rec)
	if err != nil {
		return nil, badInput("%v", err)
	}
	final := w.Run(nil)
	if err := w.Err(); err != nil {
		return nil, err
	}
	sum, err := rec.Finish(reports.Meta{Scenario: cfg.Name, Seed: cfg.Seed}, final)
	if err != nil {
		return nil, err
	}
	return reports.MetricsOf(sum), nil
}

// writeComparison writes compare.json, compare.csv and compare.html into
// the directory under construction.
func writeComparison(out *reports.Output, cmp *reports.Comparison, assetsJS string) error {
	for _, w := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{compareJSON, cmp.WriteJSON},
		{compareCSV, cmp.WriteCSV},
		{compareHTML, func(w io.Writer) error { return cmp.WriteHTML(w, assetsJS) }},
	} {
		f, err := out.Create(w.name)
		if err != nil {
			return err
		}
		if err := w.fn(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
