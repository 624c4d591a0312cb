package world

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// timeline records events as "t type task instance reason" lines.
type timeline struct {
	lines   []string
	samples []record.Sample
	events  []record.Event
}

func (tl *timeline) Event(e *record.Event) {
	tl.events = append(tl.events, *e)
	tl.lines = append(tl.lines, fmt.Sprintf("%s %s task=%d %s %s", string(e.T.AppendSeconds(nil)), e.Type, e.Task, e.Instance, e.Reason))
}
func (tl *timeline) Sample(s *record.Sample) {
	c := *s
	c.Providers = slices.Clone(s.Providers)
	tl.samples = append(tl.samples, c)
}

func (tl *timeline) of(typ record.EventType) []record.Event {
	var out []record.Event
	for _, e := range tl.events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func def(family string, cpu, mem int64) *cluster.TaskDefinition {
	d := &cluster.TaskDefinition{Family: family, NetworkMode: cluster.NetworkBridge, RequiresCompatibilities: []string{"EC2"},
		Containers: []cluster.ContainerDefinition{{Name: "c", CPU: cpu, MemoryMiB: mem, Essential: true}}}
	d.Finalize()
	return d
}

func baseConfig(t testing.TB, instances ...InstanceGroup) Config {
	t.Helper()
	cat := cluster.DefaultCatalogue()
	for i := range instances {
		if instances[i].Type == nil {
			instances[i].Type, _ = cat.Lookup("m5.large")
		}
	}
	return Config{Name: "test", Seed: 1, Duration: 2 * time.Hour, SampleInterval: time.Minute, Catalogue: cat,
		AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}, Instances: instances,
		StartTime: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Model: DefaultModel(), Prices: DefaultPrices(),
		ProvisioningLimit: 500}
}

// run runs cfg under a Checker (docs/model.md §7.3).
func run(t testing.TB, cfg Config) (*timeline, outcome, *World) {
	t.Helper()
	tl := &timeline{}
	chk := NewChecker(1)
	led := reports.NewLedger()
	w, err := New(cfg, multi{tl, chk, led})
	if err != nil {
		t.Fatal(err)
	}
	chk.Attach(w)
	final := w.Run(nil)
	if err := chk.Final(final); err != nil {
		t.Fatalf("invariant: %v", err)
	}
	if final == nil {
		return tl, outcome{}, w
	}
	return tl, outcome{final, led.Close(final.End)}, w
}

// outcome is a run's final state and the figures its events give
// (reports.Ledger: cost, fleet, utilization, scaling actions).
type outcome struct {
	*record.Final
	reports.LedgerFigures
}

// TestRunTaskLifecycle follows three RunTask tasks through PENDING (for the
// start delay), RUNNING and STOPPED (docs/model.md §7.1).
func TestRunTaskLifecycle(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 2})
	cfg.Workloads = []Workload{{Name: "jobs", TaskDefinition: def("job", 512, 1024), LaunchType: LaunchEC2,
		Arrivals:       workloads.ArrivalSpec{Process: workloads.Batch, At: 5 * time.Minute, Count: 3},
		Duration:       workloads.DistSpec{Kind: workloads.Constant, Value: 600},
		TaskStartDelay: 30 * time.Second}}
	tl, final, _ := run(t, cfg)
	var got []string
	for _, l := range tl.lines {
		if strings.Contains(l, "task=1 ") {
			got = append(got, l)
		}
	}
	want := []string{
		"300 TaskSubmitted task=1  ",
		"300 TaskPlaced task=1 " + tl.of(record.TaskPlaced)[0].Instance + " ",
		"330 TaskRunning task=1  ",
		"930 TaskStopped task=1 " + tl.of(record.TaskPlaced)[0].Instance + " EssentialContainerExited",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("timeline of task 1:\n got %q\nwant %q", got, want)
	}
	if n := len(tl.of(record.TaskStopped)); n != 3 {
		t.Fatalf("%d tasks stopped, want 3", n)
	}
	for _, e := range tl.of(record.TaskRunning) {
		if e.Wait != 30*time.Second {
			t.Errorf("task %d waited %v, want the 30s start delay", e.Task, e.Wait)
		}
	}
	if final.TasksRunningAtEnd != 0 || final.InstancesLaunched != 2 {
		t.Fatalf("final %+v", final)
	}
}

// TestRunTaskFailsWithECSReason: RunTask with a launch type fails a task
// that fits nowhere at once, with the ECS reason (docs/model.md §14,
// docs/model.md §5.6).
func TestRunTaskFailsWithECSReason(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cpu, mem int64
		want     string
	}{
		{"memory", 256, 9000, "RESOURCE:MEMORY"},
		{"cpu", 4096, 256, "RESOURCE:CPU"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := baseConfig(t, InstanceGroup{Count: 1}) // m5.large: 2048 CPU, 7987 MiB
			cfg.Workloads = []Workload{{Name: "big", TaskDefinition: def("big", tc.cpu, tc.mem), LaunchType: LaunchEC2,
				Arrivals: workloads.ArrivalSpec{Process: workloads.Batch, At: 0, Count: 2},
				Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 60}}}
			tl, _, _ := run(t, cfg)
			failed := tl.of(record.TaskFailed)
			if len(failed) != 2 || failed[0].Reason != tc.want || failed[0].T != 0 {
				t.Fatalf("failures %+v, want 2 at t=0 with %s", failed, tc.want)
			}
		})
	}
}

// TestBinpackFillsOneInstanceFirst: 4 tasks of 2 GiB under binpack(memory)
// go to the same m5.large until it is full (docs/model.md §5.3).
func TestBinpackFillsOneInstanceFirst(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 3})
	cfg.Workloads = []Workload{{Name: "b", TaskDefinition: def("b", 256, 2048), LaunchType: LaunchEC2,
		Arrivals:          workloads.ArrivalSpec{Process: workloads.Batch, At: 0, Count: 4},
		Duration:          workloads.DistSpec{Kind: workloads.Constant, Value: 60},
		PlacementStrategy: plan(placement.Spec{Type: "binpack", Field: "memory"})}}
	tl, _, _ := run(t, cfg)
	placed := tl.of(record.TaskPlaced)
	// 7987 MiB holds three 2048 MiB tasks; the fourth needs a second instance.
	if placed[0].Instance != placed[1].Instance || placed[1].Instance != placed[2].Instance || placed[3].Instance == placed[0].Instance {
		t.Fatalf("placements %v %v %v %v", placed[0].Instance, placed[1].Instance, placed[2].Instance, placed[3].Instance)
	}
}

// checker verifies invariants after every event: simulated time never runs
// backwards and no instance is ever over-committed.
type checker struct {
	t    testing.TB
	w    *World
	last sim.Time
	n    int
}

func (c *checker) Event(e *record.Event) {
	if e.T < c.last {
		c.t.Fatalf("time ran backwards: %v after %v", e.T, c.last)
	}
	c.last = e.T
	c.n++
	if e.Type != record.TaskPlaced && c.n%50 != 0 {
		return
	}
	for _, in := range c.w.Cluster().Instances() {
		if in.Reserved.CPU > in.Registered.CPU || in.Reserved.MemoryMiB > in.Registered.MemoryMiB ||
			in.Reserved.GPUs > in.Registered.GPUs || in.Reserved.CPU < 0 || in.Reserved.MemoryMiB < 0 {
			c.t.Fatalf("t=%v instance %s over-committed: reserved %+v registered %+v", e.T, in.EC2InstanceID, in.Reserved, in.Registered)
		}
	}
}
func (c *checker) Sample(*record.Sample) {}

// TestInvariantsOnRandomScenarios runs random mixes of workloads and
// strategies and checks that no instance is over-committed, time never runs
// backwards and every submitted task is accounted for:
// submitted = placed + failed + provisioning, and placed = stopped + running + pending.
func TestInvariantsOnRandomScenarios(t *testing.T) {
	chains := [][]placement.Spec{nil, {{Type: "binpack", Field: "memory"}}, {{Type: "binpack", Field: "cpu"}},
		{{Type: "spread", Field: "attribute:ecs.availability-zone"}, {Type: "binpack", Field: "memory"}},
		{{Type: "spread", Field: "instanceId"}}}
	for seed := uint64(1); seed <= 12; seed++ {
		cfg := baseConfig(t, InstanceGroup{Count: 3 + int(seed%5)}, InstanceGroup{Count: 2})
		cfg.Instances[1].Type, _ = cfg.Catalogue.Lookup("r5.large")
		cfg.Seed = seed
		for i := 0; i < 3; i++ {
			cfg.Workloads = append(cfg.Workloads, Workload{Name: fmt.Sprint("w", i),
				TaskDefinition: def(fmt.Sprint("d", i), int64(128<<i), int64(256<<i)), LaunchType: LaunchEC2,
				Arrivals:          workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: float64(2 + seed%4)},
				Duration:          workloads.DistSpec{Kind: workloads.Exponential, Mean: 600},
				PlacementStrategy: plan(chains[(int(seed)+i)%len(chains)]...),
				TaskStartDelay:    time.Duration(i) * 10 * time.Second})
		}
		c := &checker{t: t}
		tl := &timeline{}
		w, err := New(cfg, multi{c, tl})
		if err != nil {
			t.Fatal(err)
		}
		c.w = w
		final := w.Run(nil)
		sub, placed, failed, stopped := len(tl.of(record.TaskSubmitted)), len(tl.of(record.TaskPlaced)), len(tl.of(record.TaskFailed)), len(tl.of(record.TaskStopped))
		if sub != placed+failed+final.TasksProvisioning {
			t.Errorf("seed %d: submitted %d != placed %d + failed %d + provisioning %d", seed, sub, placed, failed, final.TasksProvisioning)
		}
		if placed != stopped+final.TasksRunningAtEnd+final.TasksPendingAtEnd {
			t.Errorf("seed %d: placed %d != stopped %d + running %d + pending %d", seed, placed, stopped, final.TasksRunningAtEnd, final.TasksPendingAtEnd)
		}
		if sub == 0 || placed == 0 {
			t.Errorf("seed %d: nothing happened", seed)
		}
	}
}

type multi []Observer

func (m multi) Event(e *record.Event) {
	for _, o := range m {
		o.Event(e)
	}
}
func (m multi) Sample(s *record.Sample) {
	for _, o := range m {
		o.Sample(s)
	}
}

func poissonWorkload(name string, d *cluster.TaskDefinition, rate float64) Workload {
	return Workload{Name: name, TaskDefinition: d, LaunchType: LaunchEC2,
		Arrivals: workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: rate},
		Duration: workloads.DistSpec{Kind: workloads.LogNormal, Mean: 300, StdDev: 200}}
}

// TestSameSeedSameRun: the same configuration and seed replay the same
// events and samples exactly (README "Determinism").
func TestSameSeedSameRun(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 4})
	cfg.Workloads = []Workload{poissonWorkload("a", def("a", 256, 512), 10), poissonWorkload("b", def("b", 512, 1024), 5)}
	tl1, f1, _ := run(t, cfg)
	tl2, f2, _ := run(t, cfg)
	if !slices.Equal(tl1.lines, tl2.lines) || !reflect.DeepEqual(tl1.samples, tl2.samples) || !reflect.DeepEqual(f1, f2) {
		t.Fatal("two runs of the same scenario and seed differ")
	}
	cfg.Seed = 2
	tl3, _, _ := run(t, cfg)
	if slices.Equal(tl1.lines, tl3.lines) {
		t.Fatal("a different seed replayed the same run")
	}
}

// TestAddingAWorkloadKeepsOthersArrivals: each workload draws from its own
// named streams, so adding one leaves the others' submissions and durations
// unchanged (common random numbers, README "Determinism").
func TestAddingAWorkloadKeepsOthersArrivals(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 50})
	cfg.Workloads = []Workload{poissonWorkload("web", def("web", 256, 512), 10)}
	alone, _, _ := run(t, cfg)
	cfg.Workloads = append([]Workload{poissonWorkload("batch", def("batch", 256, 512), 20)}, cfg.Workloads...)
	with, _, _ := run(t, cfg)
	submissions := func(tl *timeline, owner string) []sim.Time {
		var out []sim.Time
		for _, e := range tl.of(record.TaskSubmitted) {
			if e.Owner == owner {
				out = append(out, e.T)
			}
		}
		return out
	}
	a, b := submissions(alone, "web"), submissions(with, "web")
	if len(a) < 100 || !slices.Equal(a, b) {
		t.Fatalf("web's arrivals changed when batch was added (%d vs %d submissions)", len(a), len(b))
	}
}

// TestSamplesAndUtilization: samples come every interval from 0 to the end,
// and the time-weighted utilisation of a constant load equals that load.
func TestSamplesAndUtilization(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 1}) // 2048 CPU units
	cfg.Duration = time.Hour
	cfg.Workloads = []Workload{{Name: "half", TaskDefinition: def("half", 1024, 512), LaunchType: LaunchEC2,
		Arrivals: workloads.ArrivalSpec{Process: workloads.Batch, At: 0, Count: 1},
		Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 1800}}}
	tl, final, _ := run(t, cfg)
	if len(tl.samples) != 61 || tl.samples[60].T != sim.Hour {
		t.Fatalf("%d samples, last at %v; want 61 up to 1h", len(tl.samples), tl.samples[len(tl.samples)-1].T)
	}
	if tl.samples[10].CPUReserved != 0.5 || tl.samples[40].CPUReserved != 0 {
		t.Fatalf("cpuReserved at 10m %v, at 40m %v; want 0.5 then 0", tl.samples[10].CPUReserved, tl.samples[40].CPUReserved)
	}
	// Half the CPU for half the hour: a mean of 0.25.
	if d := final.CPUReservedMean - 0.25; d > 1e-9 || d < -1e-9 {
		t.Fatalf("CPUReservedMean = %v, want 0.25", final.CPUReservedMean)
	}
	// One m5.large for an hour at $0.096.
	if d := final.CostEC2 - 0.096; d > 1e-9 || d < -1e-9 || final.InstanceHours != 1 {
		t.Fatalf("cost %v, hours %v; want 0.096 and 1", final.CostEC2, final.InstanceHours)
	}
}

// TestLoopGuard: past MaxEventsPerInstant events at one instant the run
// ends with an error instead of hanging (here the bound is lowered to 50
// and a batch of 100 zero-length tasks needs more).
func TestLoopGuard(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 2})
	cfg.Workloads = []Workload{{Name: "z", TaskDefinition: def("z", 1, 6), LaunchType: LaunchEC2,
		Arrivals: workloads.ArrivalSpec{Process: workloads.Batch, At: time.Minute, Count: 100},
		Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 0}}}
	w, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.maxPerInstant = 50
	if final := w.Run(nil); final != nil || w.Err() == nil || !strings.Contains(w.Err().Error(), "made no progress") {
		t.Fatalf("final %v, err %v; want nil and the loop error", final, w.Err())
	}
}
