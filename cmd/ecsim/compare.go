package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	ctx          context.Context
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
			opts.ctx = cmd.Context()
			return runCompare(args[0], opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.replications, "replications", "r", 10, "runs per variant (2 to 100000)")
	f.StringVar(&opts.baseline, "baseline", "", "the variant the others are compared with (default: the first by name)")
	f.StringVarP(&opts.out, "output", "o", "", "output directory (default ecsim-out/<scenario name>-compare)")
	f.BoolVar(&opts.json, "json", false, "print compare.json to stdout instead of the table")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors")
	f.Uint64Var(&opts.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	f.IntVar(&opts.parallel, "parallel", 0, "runs at once (default: the number of CPUs)")
	f.StringVar(&opts.assets, "assets", "", "folder holding echarts.min.js to inline into compare.html")
	f.StringArrayVar(&opts.sets, "set", nil, "override a field of the scenario, PATH=VALUE (repeatable), before each variant's own overrides (a variant's value wins)")
	return cmd
}

// maxReplications bounds -r: a million runs of even a tiny scenario take
// hours, and the runs' metrics are held in memory.
const maxReplications = 100000

// job is one run: replication k of variant v.
type job struct{ v, k int }

// runCompare runs ecsim compare: every variant of scenario arg,
// opts.replications times on common random numbers; it writes the
// comparison into the output directory and prints it.
func runCompare(arg string, opts *compareOptions, stdout, stderr io.Writer) error {
	assetsJS, err := opts.check()
	if err != nil {
		return err
	}
	sc, err := loadScenario(arg, opts.sets, "")
	if err != nil {
		return err
	}
	names, baseline, err := compareVariants(sc, opts.baseline)
	if err != nil {
		return err
	}
	cfgs, err := variantConfigs(sc, names, opts.quiet, stderr)
	if err != nil {
		return err
	}
	master := sc.Config.Seed
	if opts.seedSet {
		master = opts.seed
	}
	dir := opts.out
	if dir == "" {
		dir = filepath.Join("ecsim-out", sc.Config.Name+"-compare")
	}
	// The output directory is checked before the runs and written, all or
	// nothing, after them.
	if err := reports.CheckOutputDir(dir); err != nil {
		return badInput("%v", err)
	}
	seeds := replicationSeeds(master, opts.replications)
	cmp, err := compareRuns(sc.Config.Name, master, baseline, names, cfgs, seeds, opts, stderr)
	if err != nil {
		return err
	}
	if err := writeComparison(opts.ctx, dir, cmp, assetsJS); err != nil {
		return err
	}
	return printComparison(stdout, cmp, dir, opts)
}

// check checks --replications, --parallel and --assets before anything
// runs, and returns the echarts script --assets names ("" without it).
func (opts *compareOptions) check() (assetsJS string, err error) {
	if opts.replications < 2 || opts.replications > maxReplications {
		return "", badInput("--replications %d: give 2 to %d (a confidence interval needs at least 2)", opts.replications, maxReplications)
	}
	if opts.parallel < 0 {
		return "", badInput("--parallel %d: give the number of runs at once, or 0 for one per CPU", opts.parallel)
	}
	if opts.assets != "" {
		if assetsJS, err = reports.LoadAssets(opts.assets); err != nil {
			return "", badInput("%v", err)
		}
	}
	return assetsJS, nil
}

// compareRuns runs every replication of every variant (names, with their
// configs cfgs, baseline first) with the given seeds and compares their
// metrics against the baseline's.
func compareRuns(scenario string, master uint64, baseline string, names []string, cfgs []world.Config, seeds []uint64, opts *compareOptions, stderr io.Writer) (*reports.Comparison, error) {
	runs, err := runJobs(cfgs, names, seeds, opts, stderr)
	if err != nil {
		return nil, err
	}
	byName := map[string][]map[string]float64{}
	for i, n := range names {
		byName[n] = runs[i]
	}
	cmp, err := reports.Compare(scenario, master, baseline, names, byName)
	if err != nil {
		return nil, err
	}
	cmp.Seeds = seeds
	return cmp, nil
}

// printComparison prints cmp as compare.json (--json) or as a table
// followed by the files written into dir; nothing with --quiet.
func printComparison(stdout io.Writer, cmp *reports.Comparison, dir string, opts *compareOptions) error {
	switch {
	case opts.json:
		return cmp.WriteJSON(stdout)
	case !opts.quiet:
		if err := cmp.WriteTable(stdout); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "output: %s/ (%s, %s, %s)\n", filepath.Clean(dir), reports.CompareJSONFile, reports.CompareCSVFile, reports.CompareHTMLFile)
	}
	return nil
}

// variantConfigs applies every variant's overrides (scenarios validates
// each: its configuration is final) and prints its warnings (once per
// variant, unless quiet).
func variantConfigs(sc *scenarios.Scenario, names []string, quiet bool, stderr io.Writer) ([]world.Config, error) {
	cfgs := make([]world.Config, len(names))
	for i, name := range names {
		vs, err := sc.Variant(name)
		if err != nil {
			return nil, err
		}
		if !quiet {
			for _, w := range vs.Warnings {
				fmt.Fprintf(stderr, "ecsim: warning: variant %s: %s\n", name, w)
			}
		}
		cfgs[i] = vs.Config
	}
	return cfgs, nil
}

// replicationSeeds returns the seed of every replication: stream k of the
// master seed, the same in every variant (common random numbers).
// `ecsim run --seed` with seeds[k] reproduces replication k of a variant.
func replicationSeeds(master uint64, r int) []uint64 {
	streams := sim.NewStreams(master)
	seeds := make([]uint64, r)
	for k := range seeds {
		seeds[k] = streams.Replication(k).Seed()
	}
	return seeds
}

// runJobs runs every replication of every variant on opts.parallel workers
// (all CPUs by default) and returns each variant's metrics by replication,
// in order whatever the order the runs finish in. After a run fails, no
// new run starts.
func runJobs(cfgs []world.Config, names []string, seeds []uint64, opts *compareOptions, stderr io.Writer) ([][]map[string]float64, error) {
	out := make([][]map[string]float64, len(names))
	for i := range out {
		out[i] = make([]map[string]float64, len(seeds))
	}
	workers := opts.parallel
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := len(cfgs) * len(seeds)
	bar := newCountProgress(stderr, opts.quiet || opts.json, total)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		queue = make(chan job)
	)
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return first != nil }
	for range min(workers, total) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				cfg := cfgs[j.v]
				cfg.Seed = seeds[j.k]
				m, err := runOne(opts.ctx, cfg)
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("variant %s replication %d (seed %d): %w", names[j.v], j.k, seeds[j.k], err)
				}
				out[j.v][j.k] = m
				bar.add()
				mu.Unlock()
			}
		}()
	}
	for v := range cfgs {
		for k := range seeds {
			if failed() || opts.ctx.Err() != nil {
				break
			}
			queue <- job{v, k}
		}
	}
	close(queue)
	wg.Wait()
	bar.finish()
	if opts.ctx.Err() != nil {
		return nil, errInterrupted
	}
	return out, first
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

// runOne runs cfg and returns its summary's compared metrics.
func runOne(ctx context.Context, cfg world.Config) (m map[string]float64, err error) {
	defer func() {
		// A panic in a worker cannot reach main's recover: report it as
		// this run's error.
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (a bug: please report it with the scenario): %v\n%s", r, debug.Stack())
		}
	}()
	rec, err := reports.NewRecorder(nil, reports.Options{})
	if err != nil {
		return nil, err
	}
	w, err := world.New(cfg, rec)
	if err != nil {
		return nil, badInput("%v", err)
	}
	defer w.Close()
	final, err := runWorld(ctx, w, nil)
	if err != nil {
		return nil, err
	}
	sum, err := rec.Finish(reports.Meta{Scenario: cfg.Name, Seed: cfg.Seed}, final)
	if err != nil {
		return nil, err
	}
	return reports.MetricsOf(sum), nil
}

// writeComparison writes compare.json, compare.csv and compare.html into
// dir, all or nothing.
func writeComparison(ctx context.Context, dir string, cmp *reports.Comparison, assetsJS string) error {
	out, err := reports.NewOutput(dir)
	if err != nil {
		return badInput("%v", err)
	}
	defer func() {
		if r := recover(); r != nil {
			out.Abort()
			panic(r)
		}
	}()
	for _, w := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{reports.CompareJSONFile, cmp.WriteJSON},
		{reports.CompareCSVFile, cmp.WriteCSV},
		{reports.CompareHTMLFile, func(w io.Writer) error { return cmp.WriteHTML(w, assetsJS) }},
	} {
		if err := writeFile(out, w.name, w.fn); err != nil {
			out.Abort()
			return err
		}
	}
	if ctx.Err() != nil {
		out.Abort()
		return errInterrupted
	}
	return out.Commit()
}

// writeFile creates name in out and writes it with fn.
func writeFile(out *reports.Output, name string, fn func(io.Writer) error) error {
	f, err := out.Create(name)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
