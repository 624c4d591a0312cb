package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/spf13/cobra"
)

type estimateOptions struct {
	types       []string
	tasks       []string
	running     int
	nonEmpty    int
	nonEmptySet bool
	target      int
	minStep     int
	maxStep     int
	json        bool
	stdout      io.Writer
}

func newEstimateCmd() *cobra.Command {
	opts := &estimateOptions{}
	cmd := &cobra.Command{
		Use:   "estimate --instance-type TYPE... [--tasks COUNT:cpu=C,memory=M]... [flags]",
		Short: "Compute CapacityProviderReservation and the next scaling step, as ECS does",
		Long: `The binpack-based capacity estimator and the CapacityProviderReservation
arithmetic of ECS managed scaling, as a calculator (docs/model.md §1).

--instance-type is a catalogue type (m5.large) or registered values
(cpu=1000,memory=5000[,gpus=1,enis=3]); repeat it for a mixed group: the
smallest value of each dimension is the compatibility guard, the largest is
what the tasks are packed onto. --tasks COUNT:cpu=C,memory=M[,gpus=G] are
PROVISIONING tasks, repeatable. --running is N, the instances running;
--non-empty (default N) those running a non-daemon task, used when no task is
PROVISIONING.

Example (cluster-autoscaler's benchmark): ecsim estimate \
  --instance-type cpu=1000,memory=5000 \
  --tasks 50000:cpu=50,memory=100 --tasks 1000:cpu=95,memory=190`,
		Args: rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.nonEmptySet = cmd.Flags().Changed("non-empty")
			opts.stdout = cmd.OutOrStdout()
			return runEstimate(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.types, "instance-type", nil, "instance type name or cpu=C,memory=M[,gpus=G,enis=E] (repeatable)")
	f.StringArrayVar(&opts.tasks, "tasks", nil, "PROVISIONING tasks COUNT:cpu=C,memory=M[,gpus=G] (repeatable)")
	f.IntVar(&opts.running, "running", 0, "N: instances running in the group")
	f.IntVar(&opts.nonEmpty, "non-empty", 0, "instances running a non-daemon task (default N)")
	f.IntVar(&opts.target, "target-capacity", 100, "targetCapacity, 1-100")
	f.IntVar(&opts.minStep, "min-step", 1, "minimumScalingStepSize, 1-10000")
	f.IntVar(&opts.maxStep, "max-step", 10000, "maximumScalingStepSize, 1-10000")
	f.BoolVar(&opts.json, "json", false, "print the result as JSON")
	return cmd
}

// estimateResult is `ecsim estimate --json`.
type estimateResult struct {
	InstancesRunning            int     `json:"instancesRunning"`
	InstancesNeeded             int     `json:"instancesNeeded"`
	InstancesToAdd              int     `json:"instancesToAdd"`
	IncompatibleTasks           int     `json:"incompatibleTasks"`
	CapacityProviderReservation float64 `json:"capacityProviderReservation"`
	DesiredCapacity             int     `json:"desiredCapacity"`
}

func runEstimate(opts *estimateOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	cat := cluster.DefaultCatalogue()
	var caps []cluster.Capacity
	for _, s := range opts.types {
		c, err := parseInstanceType(s, cat)
		if err != nil {
			return err
		}
		caps = append(caps, c)
	}
	var groups []autoscaling.TaskGroup
	total := 0
	for _, s := range opts.tasks {
		g, err := parseTasks(s)
		if err != nil {
			return err
		}
		if total += g.Count; total > scenarios.MaxBatchCount {
			return flagError{fmt.Errorf("--tasks: at most %d tasks in all", scenarios.MaxBatchCount)}
		}
		groups = append(groups, g)
	}
	if !opts.nonEmptySet {
		opts.nonEmpty = opts.running
	}
	smallest, largest := autoscaling.BoundsOf(caps)
	m := autoscaling.ComputeMetric(autoscaling.MetricInput{N: opts.running, NonEmpty: opts.nonEmpty,
		Provisioning: groups, Smallest: smallest, Largest: largest, MinStep: opts.minStep, MaxStep: opts.maxStep,
		TargetCapacity: opts.target})
	res := estimateResult{InstancesRunning: m.N, InstancesNeeded: m.M, InstancesToAdd: m.Add,
		IncompatibleTasks: m.Estimate.Incompatible, CapacityProviderReservation: roundTo(m.Value, 2),
		DesiredCapacity: autoscaling.NextDesired(m, autoscaling.DefaultScalerConfig(opts.target))}
	if opts.json {
		enc := json.NewEncoder(opts.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return printEstimate(opts, m, res)
}

func (o *estimateOptions) check() error {
	switch {
	case len(o.types) == 0:
		return flagError{fmt.Errorf("estimate needs at least one --instance-type (a catalogue name or cpu=C,memory=M)")}
	case o.running < 0 || o.nonEmpty < 0 || o.running > scenarios.MaxInstances || o.nonEmpty > scenarios.MaxInstances:
		return flagError{fmt.Errorf("--running and --non-empty must be between 0 and %d instances", scenarios.MaxInstances)}
	case o.nonEmptySet && o.nonEmpty > o.running:
		return flagError{fmt.Errorf("--non-empty (%d) cannot exceed --running (%d)", o.nonEmpty, o.running)}
	case o.target < 1 || o.target > 100:
		return flagError{fmt.Errorf("--target-capacity must be between 1 and 100 (got %d)", o.target)}
	case o.minStep < 1 || o.minStep > 10000 || o.maxStep < 1 || o.maxStep > 10000:
		return flagError{fmt.Errorf("--min-step and --max-step must be between 1 and 10000")}
	case o.maxStep < o.minStep:
		return flagError{fmt.Errorf("--max-step (%d) must be >= --min-step (%d)", o.maxStep, o.minStep)}
	}
	return nil
}

func printEstimate(opts *estimateOptions, m autoscaling.Metric, res estimateResult) error {
	tw := tabwriter.NewWriter(opts.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "instances running (N)\t%d\n", m.N)
	switch {
	case m.AllIncompatible:
		fmt.Fprintf(tw, "instances needed (M)\t%d\t(every PROVISIONING task is too big for the smallest instance type: no scale-out)\n", m.M)
	case m.Estimate.Compatible > 0:
		fmt.Fprintf(tw, "instances needed (M)\t%d\t= N + %d (binpack estimate %d instances, step %d..%d)\n",
			m.M, m.Add, m.Estimate.Instances, opts.minStep, opts.maxStep)
	default:
		fmt.Fprintf(tw, "instances needed (M)\t%d\t(non-empty instances; nothing PROVISIONING)\n", m.M)
	}
	fmt.Fprintf(tw, "CapacityProviderReservation\t%.2f\t(target %d)\n", m.Value, opts.target)
	switch t := float64(opts.target); {
	case m.Value > t:
		fmt.Fprintf(tw, "AlarmHigh\tALARM\t(1 datapoint above the target: scale-out)\n")
	case m.Value < t:
		fmt.Fprintf(tw, "AlarmLow\tALARM after 15 datapoints\t(scale-in, at most half the group per minute)\n")
	default:
		fmt.Fprintf(tw, "alarms\tOK\t(the reservation equals the target)\n")
	}
	if m.N == 0 && m.Value > float64(opts.target) {
		fmt.Fprintf(tw, "instances to add\t%d\t(the estimate behind M; the first step from zero launches %d instead)\n",
			res.InstancesToAdd, res.DesiredCapacity)
	} else {
		fmt.Fprintf(tw, "instances to add\t%d\n", res.InstancesToAdd)
	}
	if m.N == 0 && m.Value > float64(opts.target) {
		fmt.Fprintf(tw, "next desired capacity\t%d\t(from zero instances ECS first launches 2, then steps after the warm-up)\n", res.DesiredCapacity)
	} else {
		fmt.Fprintf(tw, "next desired capacity\t%d\n", res.DesiredCapacity)
	}
	fmt.Fprintf(tw, "incompatible tasks\t%d\n", res.IncompatibleTasks)
	return tw.Flush()
}

// parseInstanceType reads a catalogue name or cpu=C,memory=M[,gpus=G,enis=E]
// (registered values; enis are the ENIs available to awsvpc tasks).
func parseInstanceType(s string, cat *cluster.Catalogue) (cluster.Capacity, error) {
	if !strings.Contains(s, "=") {
		t, ok := cat.Lookup(s)
		if !ok {
			return cluster.Capacity{}, flagError{fmt.Errorf("--instance-type %q: unknown instance type: %s; or give registered values cpu=C,memory=M[,gpus=G,enis=E]",
				s, cat.Help(s))}
		}
		return cluster.EmptyCapacity(cluster.InstanceSpec{Type: t}), nil
	}
	vals, err := parseKV("--instance-type", s, []string{"cpu", "memory", "gpus", "enis"}, []string{"cpu", "memory"})
	if err != nil {
		return cluster.Capacity{}, err
	}
	c := cluster.EmptyCapacity(cluster.InstanceSpec{Type: &cluster.InstanceType{Name: "custom", ENIs: 1}})
	c.Free = cluster.Resources{CPU: vals["cpu"], MemoryMiB: vals["memory"], GPUs: vals["gpus"]}
	c.ENIFree = int(vals["enis"])
	return c, nil
}

// parseTasks reads COUNT:cpu=C,memory=M[,gpus=G].
func parseTasks(s string) (autoscaling.TaskGroup, error) {
	count, spec, ok := strings.Cut(s, ":")
	n, err := strconv.Atoi(count)
	if !ok || err != nil || n < 1 || n > scenarios.MaxBatchCount {
		return autoscaling.TaskGroup{}, flagError{fmt.Errorf("--tasks %q: expected COUNT:cpu=C,memory=M[,gpus=G] with COUNT from 1 to %d", s, scenarios.MaxBatchCount)}
	}
	vals, err := parseKV("--tasks", spec, []string{"cpu", "memory", "gpus"}, []string{"memory"})
	if err != nil {
		return autoscaling.TaskGroup{}, err
	}
	req := &cluster.Requirements{Resources: cluster.Resources{CPU: vals["cpu"], MemoryMiB: vals["memory"], GPUs: vals["gpus"]}}
	return autoscaling.TaskGroup{Req: req, Count: n}, nil
}

// maxFlagValue bounds a CPU, memory, GPU or ENI figure on the command line
// (2^32: far above any instance).
const maxFlagValue = 1 << 32

// parseKV reads k=v pairs of non-negative integers.
func parseKV(flag, s string, keys, required []string) (map[string]int64, error) {
	vals := map[string]int64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.ParseInt(v, 10, 64)
		known := false
		for _, key := range keys {
			known = known || key == k
		}
		switch {
		case !ok || !known:
			return nil, flagError{fmt.Errorf("%s %q: unknown or malformed %q (accepted keys: %s)", flag, s, part, strings.Join(keys, ", "))}
		case err != nil || n < 0 || n > maxFlagValue:
			return nil, flagError{fmt.Errorf("%s %q: %s must be a whole number from 0 to %d (got %q)", flag, s, k, maxFlagValue, v)}
		}
		vals[k] = n
	}
	for _, k := range required {
		if _, ok := vals[k]; !ok {
			return nil, flagError{fmt.Errorf("%s %q: %s is required", flag, s, k)}
		}
	}
	return vals, nil
}

func roundTo(x float64, n int) float64 {
	p := math.Pow10(n)
	return math.Round(x*p) / p
}
