package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/reports"
	"github.com/spf13/cobra"
)

// shard is the part of a sweep one process runs: every n-th point from
// point i.
type shard struct {
	i, n    int
	sharded bool // from --shard or an array job's variables
	from    string
}

// resolveShard finds the shard: --shard i/n, else the array-job engines'
// own variables (README "Sweeps"): Slurm's SLURM_ARRAY_TASK_ID minus
// SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT; Kubernetes Indexed Jobs'
// JOB_COMPLETION_INDEX and AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX, whose
// count --shards gives (neither engine exports it); else all the points.
func resolveShard(opts *sweepOptions) (shard, error) {
	if opts.shards < 0 {
		return shard{}, badInput("--shards %d: give the number of shards (at least 1)", opts.shards)
	}
	if opts.shardFlag {
		i, n, ok := parseShard(opts.shard)
		if !ok {
			return shard{}, badInput("--shard %q: give i/n with 0 <= i < n, e.g. --shard 0/4", opts.shard)
		}
		return shard{i: i, n: n, sharded: true, from: "--shard"}, nil
	}
	env := opts.getenv
	if id := env("SLURM_ARRAY_TASK_ID"); id != "" {
		return slurmShard(env)
	}
	for _, name := range []string{"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"} {
		if v := env(name); v != "" {
			i, err := strconv.Atoi(v)
			switch {
			case err != nil || i < 0:
				return shard{}, badInput("%s=%q: expected an index from 0", name, v)
			case opts.shards == 0:
				return shard{}, badInput("%s=%d is set: give the shard count with --shards (the engine does not export it)", name, i)
			case i >= opts.shards:
				return shard{}, badInput("%s=%d is out of range for --shards %d (0 to %d)", name, i, opts.shards, opts.shards-1)
			}
			return shard{i: i, n: opts.shards, sharded: true, from: name}, nil
		}
	}
	if opts.shards > 1 {
		return shard{}, badInput("--shards %d without a shard index: give --shard i/%d, or run under an array job", opts.shards, opts.shards)
	}
	return shard{i: 0, n: 1}, nil
}

// slurmShard reads Slurm's array variables: the index counts from
// SLURM_ARRAY_TASK_MIN (sbatch --array=1-8 runs indexes 1 to 8).
func slurmShard(env func(string) string) (shard, error) {
	num := func(name string) (int, error) {
		v := env(name)
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, badInput("%s=%q: expected a whole number (is this an array job? sbatch --array=0-N)", name, v)
		}
		return n, nil
	}
	id, err := num("SLURM_ARRAY_TASK_ID")
	if err != nil {
		return shard{}, err
	}
	count, err := num("SLURM_ARRAY_TASK_COUNT")
	if err != nil {
		return shard{}, err
	}
	lo := 0
	if env("SLURM_ARRAY_TASK_MIN") != "" {
		if lo, err = num("SLURM_ARRAY_TASK_MIN"); err != nil {
			return shard{}, err
		}
	}
	if i := id - lo; count < 1 || i < 0 || i >= count {
		return shard{}, badInput("SLURM_ARRAY_TASK_ID=%d (min %d) is out of range for SLURM_ARRAY_TASK_COUNT=%d: give the array a contiguous range, e.g. --array=0-%d", id, lo, count, max(count-1, 0))
	}
	return shard{i: id - lo, n: count, sharded: true, from: "SLURM_ARRAY_TASK_ID"}, nil
}

// parseShard parses "i/n" with 0 <= i < n.
func parseShard(s string) (i, n int, ok bool) {
	a, b, found := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !found || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n || n > 1_000_000 {
		return 0, 0, false
	}
	return i, n, true
}

func newMergeCmd() *cobra.Command {
	var assets, figures, figSize string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "merge DIR",
		Short: "Merge a sweep's points into sweep.csv, sweep.json and sweep.html",
		Long: `Check that the sweep folder DIR holds every point of its plan, all of the same
sweep, and write into it sweep.csv (one row per point: a column per parameter,
replication, seed, a column per metric), sweep.json (per grid cell: the mean and
95% confidence interval of every metric, and the paired difference from the first
cell) and sweep.html (each metric against each parameter with its confidence band;
a heatmap for two parameters); --figures svg,png,pdf also draws the line charts as
figures under DIR/figures/. A missing point is named with the shard that owns it
(exit 2).`,
		Args: rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			formats, err := parseFigures(figures, figSize)
			if err != nil {
				return err
			}
			assetsJS := ""
			if assets != "" {
				if assetsJS, err = reports.LoadAssets(assets); err != nil {
					return badInput("%v", err)
				}
			}
			switch _, err := reports.ReadSweepPlan(args[0]); {
			case reports.IsNotExist(err):
				return badInput("%s is not a sweep folder (no %s): give the -o of ecsim sweep", args[0], reports.SweepPlanFile)
			case err != nil:
				return badInput("%v", err) // the folder's plan is damaged or not a plan
			}
			return mergeAndReport(args[0], assetsJS, formats, quiet, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&assets, "assets", "", "folder holding echarts.min.js to inline into sweep.html")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	cmd.Flags().StringVar(&figures, "figures", "", "also write sweep.html's line charts as static figures under DIR/figures/: svg,png,pdf (any of them)")
	cmd.Flags().StringVar(&figSize, "figure-size", "two-column", "the figures' size: two-column (7 × 3 in) or one-column (3.5 × 2.6 in)")
	return cmd
}

// String names the shard in messages.
func (s shard) String() string { return fmt.Sprintf("%d/%d", s.i, s.n) }
