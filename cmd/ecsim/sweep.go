package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

type sweepOptions struct {
	ctx       context.Context
	out       string
	plan      bool
	quiet     bool
	parallel  int
	shard     string
	shards    int
	seed      uint64
	seedSet   bool
	sets      []string
	assets    string
	figures   string
	figSize   string
	getenv    func(string) string
	shardFlag bool // --shard was given
}

func newSweepCmd() *cobra.Command {
	opts := &sweepOptions{getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "sweep SCENARIO [-o DIR] [--shard i/n] [--plan]",
		Short: "Run a scenario's sweep: grid, on all cores or as one shard of an array job",
		Long: `Run every point of the scenario's sweep: block (README "Sweeps"): each cell of
the grid of its parameters (--set paths with lists of values, crossed, or zipped)
replications times, replication k of every cell with the same seed (common random
numbers). Each finished point is written into DIR/points/<id>.json at once, so a
sweep killed at any moment resumes where it was when the same command runs
again: finished points are skipped, none is run twice.

--shard i/n runs every n-th point from point i (i from 0), for array jobs: the
index and count also come from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT
(minus SLURM_ARRAY_TASK_MIN), JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or
AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), with the count from --shards. Shards share
DIR. Without a shard the sweep ends with ecsim merge DIR (sweep.csv, sweep.json,
sweep.html); with one, run ecsim merge once every shard is done.

--plan prints the grid, the number of points and the shards' shares and runs
nothing. DIR defaults to ecsim-out/<scenario name>-sweep.`,
		Args: rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.seedSet = cmd.Flags().Changed("seed")
			opts.shardFlag = cmd.Flags().Changed("shard")
			opts.ctx = cmd.Context()
			return runSweep(args[0], opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "the sweep's folder, shared by its shards (default ecsim-out/<scenario name>-sweep)")
	f.BoolVar(&opts.plan, "plan", false, "print the grid, the point count and the shard assignment; run nothing")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors")
	f.IntVar(&opts.parallel, "parallel", 0, "runs at once (default: the number of CPUs)")
	f.StringVar(&opts.shard, "shard", "", "run shard i of n (i/n, i from 0) of the points")
	f.IntVar(&opts.shards, "shards", 0, "the shard count, with JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX")
	f.Uint64Var(&opts.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	f.StringArrayVar(&opts.sets, "set", nil, "override a field of the scenario, PATH=VALUE (repeatable), under every cell's values")
	f.StringVar(&opts.assets, "assets", "", "folder holding echarts.min.js to inline into sweep.html")
	f.StringVar(&opts.figures, "figures", "", "also write sweep.html's line charts as static figures under DIR/figures/: svg,png,pdf (any of them)")
	f.StringVar(&opts.figSize, "figure-size", "two-column", "the figures' size: two-column (7 × 3 in) or one-column (3.5 × 2.6 in)")
	return cmd
}

// runSweep runs ecsim sweep.
func runSweep(arg string, opts *sweepOptions, stdout, stderr io.Writer) error {
	if opts.parallel < 0 {
		return badInput("--parallel %d: give the number of runs at once, or 0 for one per CPU", opts.parallel)
	}
	formats, err := parseFigures(opts.figures, opts.figSize)
	if err != nil {
		return err
	}
	assetsJS := ""
	if opts.assets != "" {
		if assetsJS, err = reports.LoadAssets(opts.assets); err != nil {
			return badInput("%v", err)
		}
	}
	sc, plan, err := planSweep(arg, opts)
	if err != nil {
		return err
	}
	sh, err := resolveShard(opts)
	if err != nil {
		return err
	}
	if opts.plan {
		return printSweepPlan(stdout, plan, sh)
	}
	dir := opts.out
	if dir == "" {
		dir = filepath.Join("ecsim-out", sc.Config.Name+"-sweep")
	}
	if err := prepareSweepDir(dir, plan, sh); err != nil {
		return err
	}
	done, err := runPoints(sc, plan, dir, sh, opts, stderr)
	if err != nil {
		return err
	}
	if sh.sharded {
		if !opts.quiet {
			fmt.Fprintf(stdout, "shard %d/%d: %d points run, %d already done; when every shard is done: ecsim merge %s\n", sh.i, sh.n, done.run, done.skipped, dir)
		}
		return nil
	}
	if !opts.quiet {
		fmt.Fprintf(stdout, "%d points run, %d already done\n", done.run, done.skipped)
	}
	return mergeAndReport(dir, assetsJS, formats, opts.quiet, stdout)
}

// planSweep loads the scenario and plans its sweep.
func planSweep(arg string, opts *sweepOptions) (*scenarios.Scenario, *reports.SweepPlan, error) {
	sc, err := loadScenario(arg, opts.sets, "")
	if err != nil {
		return nil, nil, err
	}
	dims, err := sc.SweepDimensions()
	if err != nil {
		return nil, nil, err
	}
	sw := sc.Spec.Sweep
	metrics := sw.Metrics
	if len(metrics) == 0 {
		metrics = reports.CompareMetrics()
	}
	for _, m := range metrics {
		if !slices.Contains(reports.CompareMetrics(), m) {
			return nil, nil, badInput("%s: sweep.metrics: unknown metric %q (accepted: %s)", sc.File, m, strings.Join(reports.CompareMetrics(), ", "))
		}
	}
	master := sc.Config.Seed
	if opts.seedSet {
		master = opts.seed
	}
	params := make([]reports.SweepParameter, len(sw.Parameters))
	for i, p := range sw.Parameters {
		params[i] = reports.SweepParameter{Path: p.Path, Values: p.Values}
	}
	cells := 1
	for _, d := range dims {
		cells *= len(params[d[0]].Values)
	}
	if cells*sw.Replications > reports.MaxSweepPoints {
		return nil, nil, badInput("%s: sweep: %d cells × %d replications is more than %d points: sweep fewer values or fewer replications",
			sc.File, cells, sw.Replications, reports.MaxSweepPoints)
	}
	plan := reports.NewSweepPlan(sc.Source(), sc.Config.Name, master, replicationSeeds(master, sw.Replications), params, dims, metrics)
	return sc, plan, nil
}

// printSweepPlan prints the grid, the point count and the shard shares.
func printSweepPlan(w io.Writer, p *reports.SweepPlan, sh shard) error {
	fmt.Fprintf(w, "sweep %s of %s: %d cells × %d replications = %d points (master seed %d)\n", p.Sweep, p.Scenario, p.Cells, p.Replications, p.Points, p.Seed)
	for _, d := range p.Dimensions {
		var names []string
		for _, i := range d {
			names = append(names, p.Parameters[i].Path)
		}
		fmt.Fprintf(w, "  %s: %d values\n", strings.Join(names, " + "), len(p.Parameters[d[0]].Values))
		for _, i := range d {
			fmt.Fprintf(w, "    %s: %s\n", p.Parameters[i].Path, strings.Join(p.Parameters[i].Values, ", "))
		}
	}
	fmt.Fprintf(w, "metrics: %s\n", strings.Join(p.Metrics, ", "))
	share := func(i int) int { return (p.Points - i + sh.n - 1) / sh.n }
	if sh.sharded {
		fmt.Fprintf(w, "shard %d/%d runs %d points (every %d-th from point %d); the shards run %d to %d points each\n",
			sh.i, sh.n, share(sh.i), sh.n, sh.i, share(sh.n-1), share(0))
	} else {
		fmt.Fprintf(w, "one process runs all %d points; with --shard i/n each shard runs every n-th\n", p.Points)
	}
	return nil
}

// prepareSweepDir makes dir a sweep folder for p, or checks that it is one
// already (a resumed run, another shard), and records the shard.
func prepareSweepDir(dir string, p *reports.SweepPlan, sh shard) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return badInput("%s exists and is not a folder: give a new folder with -o", dir)
	}
	old, err := reports.ReadSweepPlan(dir)
	switch {
	case err == nil && old.Sweep != p.Sweep:
		return badInput("%s holds another sweep (%s, of %s), not this one (%s): give another -o, or remove it", dir, old.Sweep, old.Scenario, p.Sweep)
	case err == nil:
	case !reports.IsNotExist(err):
		return badInput("%v", err)
	default:
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return badInput("%s exists and is not a sweep folder (no %s): give a new folder with -o", dir, reports.SweepPlanFile)
		}
	}
	for _, d := range []string{filepath.Join(dir, reports.SweepPointsDir), filepath.Join(dir, reports.SweepShardsDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if old == nil {
		data, _ := json.MarshalIndent(p, "", "  ")
		if err := reports.WriteFileAtomic(filepath.Join(dir, reports.SweepPlanFile), append(data, '\n')); err != nil {
			return err
		}
	}
	if sh.sharded {
		mark := filepath.Join(dir, reports.SweepShardsDir, fmt.Sprintf("%d-of-%d", sh.i, sh.n))
		return reports.WriteFileAtomic(mark, nil)
	}
	return nil
}

// mergeAndReport merges the sweep in dir (with figures as asked) and says
// where its outputs are.
func mergeAndReport(dir, assetsJS string, formats figureOpts, quiet bool, stdout io.Writer) error {
	sum, err := reports.MergeSweep(dir, assetsJS)
	if err != nil {
		return mergeError(err)
	}
	var figures []string
	if len(formats.formats) > 0 {
		if figures, err = reports.WriteSweepFigures(dir, sum, formats.formats, formats.size); err != nil {
			return err
		}
	}
	if !quiet {
		fmt.Fprintf(stdout, "sweep %s: %d cells × %d replications\noutput: %s/ (%s, %s, %s", sum.Scenario, len(sum.Cells), sum.Replications,
			filepath.Clean(dir), reports.SweepCSVFile, reports.SweepJSONFile, reports.SweepHTMLFile)
		if len(figures) > 0 {
			fmt.Fprintf(stdout, ", %d figures in %s/", len(figures), reports.FiguresDir)
		}
		fmt.Fprintln(stdout, ")")
	}
	return nil
}

// figureOpts are --figures and --figure-size.
type figureOpts struct {
	formats []string
	size    reports.FigureSize
}

// parseFigures parses --figures ("" for none) and --figure-size.
func parseFigures(list, size string) (figureOpts, error) {
	var out figureOpts
	var err error
	if out.size, err = reports.ParseFigureSize(size); err != nil {
		return out, badInput("--figure-size: %v", err)
	}
	if list == "" {
		return out, nil
	}
	if out.formats, err = reports.ParseFigureFormats(list); err != nil {
		return out, badInput("--figures: %v", err)
	}
	return out, nil
}

// mergeError marks what a merge found wrong with the folder as bad input.
func mergeError(err error) error {
	var missing *reports.MissingPointsError
	var mismatch *reports.SweepMismatchError
	if reports.IsNotExist(err) || errors.As(err, &missing) || errors.As(err, &mismatch) {
		return badInput("%v", err)
	}
	return err
}
