package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/reports"
)

// compareResult runs ecsim compare and reads compare.json.
func compareResult(t *testing.T, args ...string) *reports.Comparison {
	t.Helper()
	dir := t.TempDir()
	code, _, stderr := runCLI(t, dir, append([]string{"compare", "-q", "-o", "out"}, args...)...)
	if code != 0 {
		t.Fatalf("ecsim compare %v: exit %d: %s", args, code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "compare.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c reports.Comparison
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestCompareBinpackVersusSpread reads the lesson of the built-in compare
// example: spread keeps a task on every instance, so managed scaling, which
// only removes instances running no tasks (docs/model.md §6), never
// scales in; it pays for more instance-hours at a lower reservation, a
// significant paired difference.
func TestCompareBinpackVersusSpread(t *testing.T) {
	c := compareResult(t, "binpack-vs-spread", "-r", "4")
	if c.Baseline != "binpack" || len(c.Variants) != 2 || c.Variants[1] != "spread" {
		t.Fatalf("baseline %q, variants %q", c.Baseline, c.Variants)
	}
	for _, m := range []string{"cost.total", "instanceHours"} {
		if d := c.Differences[m]["spread"]; !d.Significant || d.Mean <= 0 {
			t.Errorf("%s: spread − binpack = %+v, want significantly more", m, d)
		}
	}
	if d := c.Differences["utilization.cpuReservedMean"]["spread"]; !d.Significant || d.Mean >= 0 {
		t.Errorf("cpuReservedMean: spread − binpack = %+v, want significantly less", d)
	}
	// Every scale-in is binpack's: spread's only actions are scale-outs,
	// fewer of them.
	if d := c.Differences["scaling.actions"]["spread"]; d.Mean >= 0 {
		t.Errorf("scaling actions: spread − binpack = %+v, want fewer", d)
	}
}

// TestCompareFargateVersusEC2 reads fargate-vs-ec2: Fargate runs no
// instances and costs less than an EC2 group paying for its idle and
// stranded capacity; FARGATE_SPOT costs 70% less than FARGATE (the default
// prices.fargateSpotDiscount); Fargate tasks wait for Fargate's
// provisioning delay (10–30 s).
func TestCompareFargateVersusEC2(t *testing.T) {
	c := compareResult(t, "fargate-vs-ec2", "-r", "3")
	cost := c.Metrics["cost.total"]
	if !(cost["fargate"].Mean < cost["ec2"].Mean) || !c.Differences["cost.total"]["fargate"].Significant {
		t.Errorf("cost: ec2 %v, fargate %v: want fargate significantly cheaper", cost["ec2"], cost["fargate"])
	}
	if r := cost["fargate-spot"].Mean / cost["fargate"].Mean; r < 0.29 || r > 0.31 {
		t.Errorf("FARGATE_SPOT / FARGATE cost = %.3f, want 0.3", r)
	}
	if h := c.Metrics["instanceHours"]["fargate"].Mean; h != 0 {
		t.Errorf("fargate instanceHours = %v, want 0", h)
	}
	if p50 := c.Metrics["taskWaitSeconds.p50"]["fargate"].Mean; p50 < 10 || p50 > 30 {
		t.Errorf("fargate wait p50 = %v s, want within the 10–30 s provisioning delay", p50)
	}
}

// TestCompareGolden pins compare.json of binpack-vs-spread, 3 replications,
// master seed 3: the runs, the common random numbers and the statistics
// together (go test -update rewrites it after a deliberate model change).
// --json prints the same bytes.
func TestCompareGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, dir, "compare", "binpack-vs-spread", "-r", "3", "--json", "-o", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file, err := os.ReadFile(filepath.Join(dir, "out", "compare.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != stdout {
		t.Error("--json output differs from compare.json")
	}
	golden(t, "binpack-vs-spread.compare.json", stdout)
}

// TestCompareSeedsReproduceRuns: compare.json's seeds are the replications'
// seeds, so `ecsim run --seed` with seeds[k] and a variant's overrides
// reproduces replication k; the interval's mean is the mean of those runs.
func TestCompareSeedsReproduceRuns(t *testing.T) {
	c := compareResult(t, "binpack-vs-spread", "-r", "2")
	if len(c.Seeds) != 2 || c.Seeds[0] == c.Seeds[1] {
		t.Fatalf("seeds %v, want 2 distinct", c.Seeds)
	}
	var sum float64
	for _, seed := range c.Seeds {
		dir := t.TempDir()
		code, stdout, stderr := runCLI(t, dir, "run", "binpack-vs-spread", "--json", "-o", "out",
			"--seed", strconv.FormatUint(seed, 10), "--set", "workloads.small.placementStrategy=[{type: spread, field: instanceId}]")
		if code != 0 {
			t.Fatal(stderr)
		}
		var s reports.Summary
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			t.Fatal(err)
		}
		sum += s.Cost.Total
	}
	if got, want := c.Metrics["cost.total"]["spread"].Mean, sum/2; math.Abs(got-want) > 1e-6 {
		t.Errorf("spread cost mean %v, the runs' mean %v", got, want)
	}
}

// TestInterruptLeavesNothing: a run, a compare or an explain whose context
// is done (Ctrl-C) stops, exits 130 and leaves no output directory or
// temporary folder behind.
func TestInterruptLeavesNothing(t *testing.T) {
	for _, args := range [][]string{
		{"run", "-q", "-o", "out"},
		{"compare", "binpack-vs-spread", "-r", "3", "-q", "-o", "out"},
		{"explain", "quickstart"},
	} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			cwdMu.Lock()
			defer cwdMu.Unlock()
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			var stdout, stderr bytes.Buffer
			if code := runContext(ctx, args, &stdout, &stderr); code != exitInterrupted {
				t.Fatalf("exit %d, want %d; stderr %s", code, exitInterrupted, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted; nothing written") || stdout.Len() > 0 {
				t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}
