package world_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/services"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads/schedule"
)

// This file is the conformance table of docs/model.md section W: every worked
// example ecsim models is a row below that names it ("W-n: ...") and checks
// the example's expected outputs through ecsim's own code: a scenario run
// through scenarios.Parse, world.New and Run where the example is about
// behaviour over time, or the package function the world calls (autoscaling,
// placement, cluster prices, workloads/schedule) where it is a rule. The
// expected values are the example's, derived by hand in each row's comment;
// no row computes its expectation with the code under test. Examples ecsim
// does not model are listed in conformanceNotModelled with the reason, and
// TestConformanceWorkedExamples fails when a "### W-n" heading of
// docs/model.md has neither a row nor an entry there.

// conformanceModelPath is docs/model.md seen from this package's directory.
const conformanceModelPath = "../../docs/model.md"

// conformanceRow is one worked example, or one sub-example, of docs/model.md
// section W. name starts with the example's number: "W-4: ...".
type conformanceRow struct {
	name  string
	check func(t *testing.T)
}

// conformanceNotModelled are the worked examples ecsim does not model, with
// the reason (docs/model.md says so in the example itself).
var conformanceNotModelled = []struct{ example, reason string }{
	{"W-21", "Fargate launch throttles (token buckets of 100 tasks refilled at 20 per second, RunTask 20 calls " +
		"per second) are not modelled: docs/model.md W-21, §9.3, §13 and §14.7"},
	{"W-23", "ecsim has no load balancers: no target group health checks and no deregistration delay " +
		"(scenarios ignore a service's loadBalancers key); docs/model.md W-23"},
}

// conformanceRows holds the worked examples ecsim models, in the order of
// docs/model.md.
var conformanceRows = []conformanceRow{
	// §1 CapacityProviderReservation and managed scaling (W-1..W-9).
	{"W-1: empty group, nothing waiting: M = 0, N = 0 → CPR 100, no action", confW1},
	{"W-2: 10 service tasks, empty On-Demand and Spot groups → CPR 200 on both, AlarmHigh on the first " +
		"datapoint, each group 0 → 2", confW2},
	{"W-3: steady state: N = 3, 3 tasks fill an instance, 7 tasks → M = 3, CPR 100, no scaling", confW3},
	{"W-4: one task more than fits: 10 tasks, 9 placed, 1 PROVISIONING → M = 4, N = 3, CPR 133.33, " +
		"desired 3 → 4", confW4},
	{"W-5: scale-in with protection: 4 tasks left on 2 of 3 instances → M = 2, CPR 66.67, after 15 low " +
		"datapoints 3 → 2, the empty instance goes", confW5},
	{"W-6: M = 2, N = 3, T = 100 → CPR 66.67, the 15th low datapoint removes 1 → N = 2, CPR 100", confW6},
	{"W-7: M = 2, N = 3, T = 50 → CPR 66.67 > 50, desired ceil(100 × 2 ÷ 50) = 4 (not 5), then CPR 50 and " +
		"2 empty instances stay", confW7},
	{"W-8: 2 empty of N = 10, current guide → 80", confW8(false, 80)},
	{"W-8: 2 empty of N = 10, 2023 guide (scaleInMetric hundred-minus-empty) → 98", confW8(true, 98)},
	{"W-9: step sizes: ScaleOutStep(1, min 3) → 3, ScaleOutStep(12, max 5) → 5", confW9Steps},
	{"W-9: estimate 1 with minimumScalingStepSize 3 → add 3: N = 1, M = 4, desired 1 → 4", confW9MinStep},
	{"W-9: estimate 12 with maximumScalingStepSize 5 → add 5 (1 → 6 at 5m, after the 300 s warm-up of the " +
		"first instance), the next step waits for the new instances' warm-up (6 → 11 at 10m)", confW9MaxStep},

	// §8 Capacity provider strategies (W-10).
	{"W-10: On-Demand base 2 weight 1, Spot weight 3, a service of 10 tasks → On-Demand 4, Spot 6",
		confW10(true, "on-demand", "spot", "{capacityProvider: on-demand, base: 2, weight: 1}, "+
			"{capacityProvider: spot, weight: 3}", 10, 4, 6)},
	{"W-10: A weight 1, B weight 4, 10 tasks → A 2, B 8 (four on B for each on A)",
		confW10(false, "a", "b", "{capacityProvider: a, weight: 1}, {capacityProvider: b, weight: 4}", 10, 2, 8)},
	{"W-10: CP1 base 3 weight 1, CP2 weight 3, 7 tasks → CP1 3 + 1 = 4, CP2 3",
		confW10(false, "cp1", "cp2", "{capacityProvider: cp1, base: 3, weight: 1}, "+
			"{capacityProvider: cp2, weight: 3}", 7, 4, 3)},

	// §5.2 Resource accounting (W-11..W-13).
	{"W-11: c4.4xlarge + c4.large register 18432 CPU and 33926 MiB; 10 tasks of 1024 CPU and 2048 MiB → " +
		"CPUReservation 55 %, MemoryReservation 60 %", confW11},
	{"W-12: m4.large registers 7985 MiB (8,373,026,816 bytes), 7729 MiB with ECS_RESERVED_MEMORY=256", confW12},
	{"W-13: c5.large, 3 ENIs → 2 awsvpc tasks", confW13(false, 2)},
	{"W-13: c5.large with awsvpcTrunking, 12 ENIs → 10 awsvpc tasks", confW13(true, 10)},

	// §6.4, §6.5 Deployments (W-14, W-15).
	{"W-14: desired 4, minimumHealthyPercent 50 → may stop 2 before starting 2",
		confW14(4, 50, 100, func(t *testing.T, r confRollout) {
			if r.stopsBeforeFirstStart != 2 || r.minHealthy != 2 {
				t.Errorf("%d old tasks stopped before the first new one started, at least %d healthy; want 2 and 2",
					r.stopsBeforeFirstStart, r.minHealthy)
			}
		})},
	{"W-14: desired 2, minimumHealthyPercent 75 → ceil(1.5) = 2 healthy, may stop none",
		confW14(2, 75, 200, func(t *testing.T, r confRollout) {
			if r.minHealthy != 2 {
				t.Errorf("at least %d healthy tasks during the deployment; want 2: no old task stops before a "+
					"replacement is healthy", r.minHealthy)
			}
		})},
	{"W-14: desired 4, maximumPercent 200 → may start 4 before stopping 4",
		confW14(4, 100, 200, func(t *testing.T, r confRollout) {
			if r.startsBeforeFirstStop != 4 || r.maxLive != 8 {
				t.Errorf("%d new tasks started before the first old one stopped, at most %d tasks; want 4 and 8",
					r.startsBeforeFirstStop, r.maxLive)
			}
		})},
	{"W-14: desired 3, maximumPercent 125 → floor(3.75) = 3 tasks, may start none",
		confW14(3, 50, 125, func(t *testing.T, r confRollout) {
			if r.startsBeforeFirstStop != 0 || r.maxLive != 3 {
				t.Errorf("%d new tasks started before the first old one stopped, at most %d tasks; want 0 and 3",
					r.startsBeforeFirstStop, r.maxLive)
			}
		})},
	{"W-15: desired 1 → threshold 3", confW15Threshold(1, 3)},
	{"W-15: desired 25 → threshold 13", confW15Threshold(25, 13)},
	{"W-15: desired 400 → threshold 200", confW15Threshold(400, 200)},
	{"W-15: desired 800 → threshold 200", confW15Threshold(800, 200)},
	{"W-15: desired 1 → a deployment whose tasks never start fails on the 3rd failure", confW15Run(1, 3)},
	{"W-15: desired 25 → a deployment whose tasks never start fails on the 13th failure", confW15Run(25, 13)},

	// §5.1, §5.3, §6.2 Placement (W-16..W-19).
	{"W-16: zones A = 1, B = 2 (1 + 1), C = 2 (2 + 0) → stop in C, on its instance with 2 tasks", confW16(false)},
	{"W-16: zones A = 1, B = 2 (2 + 0), C = 2 (1 + 1) → stop in B, on its instance with 2 tasks", confW16(true)},
	{"W-17: zones A = 1, B = 0, C = 0 → place in B or C", confW17},
	{"W-18: 2, 4 and 6 GiB free, a 1 GiB task, binpack on memory → the 2 GiB instance", confW18},
	{"W-19: 6 tasks, 3 zones, spread on the zone → 2 per zone", confW19},

	// §9.2 Fargate prices (W-20).
	{"W-20: 1 vCPU and 2 GB on Linux x86 → 0.04048 + 2 × 0.004445 = $0.04937 an hour", confW20Price(1024, 2048, 0.04937)},
	{"W-20: 0.25 vCPU and 0.5 GB → 0.01012 + 0.0022225 = $0.0123425 an hour", confW20Price(256, 512, 0.0123425)},
	{"W-20: one task of 1 vCPU and 2 GB running for an hour is billed $0.04937", confW20Run},

	// §11 Scheduled tasks (W-22).
	{"W-22: cron(0/15 * * * ? *) → minutes 0, 15, 30 and 45 of every hour", confW22Every15},
	{"W-22: cron(15 10 ? * 6L 2019-2022) → 10:15 UTC on the last Friday of every month, 2019 to 2022", confW22LastFriday},
	{"W-22: rate(5 minutes) is valid", confW22Rate5},
	{"W-22: rate(1 minutes) is not", confW22Rate1Minutes},
}

// TestConformanceWorkedExamples checks every worked example of docs/model.md
// section W that ecsim models (conformanceRows), after checking that the rows
// and conformanceNotModelled account for exactly the "### W-n" headings of
// docs/model.md.
func TestConformanceWorkedExamples(t *testing.T) {
	conformanceCoverage(t)
	for _, row := range conformanceRows {
		t.Run(row.name, row.check)
	}
}

// conformanceExampleID is the worked example a row name or heading starts with.
var conformanceExampleID = regexp.MustCompile(`^(W-[0-9]+)\b`)

// conformanceCoverage fails unless every "### W-n" heading of docs/model.md
// has a row or a not-modelled entry, and no row or entry names an example
// the file lacks.
func conformanceCoverage(t *testing.T) {
	t.Helper()
	text, err := os.ReadFile(conformanceModelPath)
	if err != nil {
		t.Fatalf("reading the model: %v", err)
	}
	var headings []string
	for _, line := range strings.Split(string(text), "\n") {
		if rest, ok := strings.CutPrefix(line, "### "); ok {
			if m := conformanceExampleID.FindStringSubmatch(rest); m != nil {
				headings = append(headings, m[1])
			}
		}
	}
	if len(headings) == 0 {
		t.Fatalf("no \"### W-n\" heading in %s", conformanceModelPath)
	}
	covered := map[string]string{} // example → "row" or "not modelled"
	for _, row := range conformanceRows {
		m := conformanceExampleID.FindStringSubmatch(row.name)
		if m == nil {
			t.Errorf("row %q does not start with its worked example (\"W-n: ...\")", row.name)
			continue
		}
		covered[m[1]] = "row"
	}
	for _, nm := range conformanceNotModelled {
		if covered[nm.example] == "row" {
			t.Errorf("%s has rows and is listed as not modelled", nm.example)
		}
		covered[nm.example] = "not modelled"
	}
	for _, h := range headings {
		if covered[h] == "" {
			t.Errorf("%s (docs/model.md) has no conformance row and is not listed as not modelled", h)
		}
	}
	for ex := range covered {
		if !slices.Contains(headings, ex) {
			t.Errorf("%s has a %s entry but docs/model.md has no \"### %s\" heading", ex, covered[ex], ex)
		}
	}
}

// ---------------------------------------------------------------------------
// Scenario helpers.

// confProvider is a cluster with one managed-scaling capacity provider "cp"
// of m5.large (2048 CPU units, 7987 MiB registered) whose instances register
// 60 s after launch, with managed termination protection and the provider as
// the default strategy. asg holds the group's sizes, managed adds to the
// managedScaling block, rest adds top-level keys (services, workloads, model).
// Task definitions: "third" (640 CPU units, 1024 MiB: three fill an
// m5.large, as 4 × 640 = 2560 > 2048) and "whole" (2048 CPU units: one per
// instance).
func confProvider(asg, managed, rest string) string {
	return `
name: conformance
duration: 1h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], maxSize: 20, launchDelay: {distribution: constant, value: 60s}, ` + asg + `}
      managedScaling: {status: ENABLED` + managed + `}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
taskDefinitions:
  - {family: third, containerDefinitions: [{name: app, cpu: 640, memory: 1024}]}
  - {family: whole, containerDefinitions: [{name: app, cpu: 2048, memory: 1024}]}
` + rest
}

// confWholeJobs is a workload of n "whole" tasks arriving at 30s and running
// for 2h.
func confWholeJobs(n int) string {
	return fmt.Sprintf(`workloads:
  - {name: jobs, taskDefinition: whole, arrivals: {process: batch, at: 30s, count: %d}, duration: {distribution: constant, value: 2h}}
`, n)
}

// confMetrics returns provider's MetricPublished events.
func confMetrics(l *log, provider string) []record.Event {
	var out []record.Event
	for _, e := range l.of(record.MetricPublished) {
		if e.Provider == provider {
			out = append(out, e)
		}
	}
	return out
}

// confMetric describes a datapoint for messages.
func confMetric(e record.Event) string {
	return fmt.Sprintf("%v: M = %d, N = %d, CPR %.2f", e.T, e.M, e.N, e.Value)
}

// confIs reports whether datapoint e has M = m, N = n and the value cpr (to
// 1e-9: the metric is 100·M/N in floating point).
func confIs(e record.Event, m, n int, cpr float64) bool {
	return e.M == m && e.N == n && confNear(e.Value, cpr)
}

// confNear reports whether a and b agree to 1e-9.
func confNear(a, b float64) bool { return math.Abs(a-b) <= 1e-9 }

// ---------------------------------------------------------------------------
// W-1 .. W-9: CapacityProviderReservation and managed scaling.

// confW1: a group of no instance and nothing waiting publishes M = N = 0 →
// 100 every minute, which is the target: neither alarm fires, nothing scales.
func confW1(t *testing.T) {
	l, final := simulate(t, confProvider("minSize: 0", "", ""), nil)
	ms := confMetrics(l, "cp")
	if len(ms) < 59 {
		t.Fatalf("%d datapoints in an hour, want one a minute", len(ms))
	}
	for _, e := range ms {
		if !confIs(e, 0, 0, 100) {
			t.Fatalf("datapoint %s, want M = N = 0 → 100", confMetric(e))
		}
	}
	for _, e := range l.of(record.AlarmStateChanged) {
		if e.State == autoscaling.InAlarm.String() {
			t.Fatalf("%s went to ALARM at %v", e.Alarm, e.T)
		}
	}
	if d := desiredChanges(l); len(d) != 0 || final.ScaleOutActions+final.ScaleInActions != 0 {
		t.Fatalf("desired changes %v, want none", d)
	}
}

// confW2 is the AWS workshop: a service of 10 tasks over empty On-Demand
// (base 2, weight 1) and Spot (weight 3) groups. Both providers have tasks
// PROVISIONING (4 and 6) and N = 0, so the first datapoint (1m) is 200 on
// both, AlarmHigh goes to ALARM on that one datapoint and each group is set
// to 2 instances (from zero: 2, not the 4 or 6 instances the tasks need).
func confW2(t *testing.T) {
	l, _ := simulate(t, `
name: workshop
duration: 30m
cluster:
  capacityProviders:
    - name: on-demand
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10, launchDelay: {distribution: constant, value: 60s}}
      managedScaling: {status: ENABLED}
    - name: spot
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10, spot: true, launchDelay: {distribution: constant, value: 60s}}
      managedScaling: {status: ENABLED}
taskDefinitions:
  - {family: whole, containerDefinitions: [{name: app, cpu: 2048, memory: 1024}]}
services:
  - serviceName: web
    taskDefinition: whole
    desiredCount: 10
    capacityProviderStrategy: [{capacityProvider: on-demand, base: 2, weight: 1}, {capacityProvider: spot, weight: 3}]
`, nil)
	for _, p := range []string{"on-demand", "spot"} {
		ms := confMetrics(l, p)
		if len(ms) == 0 || ms[0].T != sim.Minute || ms[0].N != 0 || ms[0].Value != 200 {
			t.Errorf("%s: first datapoint %v, want 200 with N = 0 at 1m", p, ms)
		}
		high := false
		for _, e := range l.of(record.AlarmStateChanged) {
			high = high || e.Provider == p && e.Alarm == "AlarmHigh" && e.State == autoscaling.InAlarm.String() && e.T == sim.Minute
		}
		if !high {
			t.Errorf("%s: AlarmHigh did not go to ALARM on the first datapoint (1m)", p)
		}
		var first *record.Event
		for _, e := range l.of(record.DesiredCapacityChanged) {
			if e.Provider == p {
				first = &e
				break
			}
		}
		if first == nil || first.T != sim.Minute || first.From != 0 || first.To != 2 {
			t.Errorf("%s: first desired change %+v, want 0 → 2 at 1m", p, first)
		}
		launched := 0
		for _, e := range l.of(record.InstanceLaunched) {
			if e.Provider == p && e.T == sim.Minute {
				launched++
			}
		}
		if launched != 2 {
			t.Errorf("%s: %d instances launched at 1m, want 2", p, launched)
		}
	}
}

// confW3Service is the talk's service: tasks of "third" on a group of three
// m5.large, which hold 3 each.
const confW3Service = `services:
  - serviceName: web
    taskDefinition: third
    desiredCount: 7
`

// confW3: 7 tasks on 3 instances that hold 3 each leave no instance empty
// and nothing PROVISIONING: M = N = 3, CPR 100 = target, nothing scales.
func confW3(t *testing.T) {
	l, final := simulate(t, confProvider("minSize: 0, desiredCapacity: 3", "", confW3Service), nil)
	ms := confMetrics(l, "cp")
	if len(ms) < 59 {
		t.Fatalf("%d datapoints in an hour", len(ms))
	}
	for _, e := range ms {
		if !confIs(e, 3, 3, 100) {
			t.Fatalf("datapoint %s, want M = N = 3 → 100", confMetric(e))
		}
	}
	if d := desiredChanges(l); len(d) != 0 || final.TasksRunningAtEnd != 7 {
		t.Fatalf("desired changes %v, %d tasks running; want none and 7", d, final.TasksRunningAtEnd)
	}
}

// confW4: the same service goes to 10 tasks at 10m. The three instances hold
// 9; the 10th waits PROVISIONING and needs one more instance (estimate 1):
// M = 3 + 1 = 4, N = 3, CPR 400/3 = 133.33, and target tracking asks for
// ceil(100 × 4/100) = 4 instances. Once the 4th registers, M = N = 4 → 100.
func confW4(t *testing.T) {
	svc := confW3Service + "    desiredCountSchedule: [{at: 10m, desiredCount: 10}]\n"
	l, final := simulate(t, confProvider("minSize: 0, desiredCapacity: 3", "", svc), nil)
	ms := confMetrics(l, "cp")
	i := slices.IndexFunc(ms, func(e record.Event) bool { return e.M != 3 })
	if i < 0 {
		t.Fatal("the metric never left M = 3")
	}
	for _, e := range ms[:i] {
		if !confIs(e, 3, 3, 100) {
			t.Fatalf("datapoint %s before the change, want M = N = 3 → 100", confMetric(e))
		}
	}
	if !confIs(ms[i], 4, 3, 400.0/3) || math.Round(ms[i].Value*100)/100 != 133.33 {
		t.Fatalf("datapoint %s after the change, want M = 4, N = 3, CPR 133.33", confMetric(ms[i]))
	}
	if d := desiredChanges(l); len(d) != 1 || d[0] != fmt.Sprintf("%v 3->4", ms[i].T) {
		t.Fatalf("desired changes %v, want exactly 3->4 at %v", d, ms[i].T)
	}
	if last := ms[len(ms)-1]; !confIs(last, 4, 4, 100) || final.TasksRunningAtEnd != 10 {
		t.Fatalf("last datapoint %s with %d tasks running, want M = N = 4 → 100 and 10 tasks",
			confMetric(last), final.TasksRunningAtEnd)
	}
}

// confW5: the service binpacks 7 tasks on memory as 3 + 3 + 1 and drops to 4
// at 10m; binpack's scale-in stops the tasks whose instances keep the most
// free, leaving 4 tasks on 2 instances: M = 2, N = 3, CPR 200/3 = 66.67.
// The 15th low datapoint takes the group 3 → 2 and, under managed
// termination protection, the group terminates the empty instance; then
// M = N = 2 → 100.
func confW5(t *testing.T) {
	svc := confW3Service + `    placementStrategy: [{type: binpack, field: memory}]
    desiredCountSchedule: [{at: 10m, desiredCount: 4}]
`
	l, _ := simulate(t, confProvider("minSize: 0, desiredCapacity: 3", "", svc), nil)
	ms := confMetrics(l, "cp")
	i := slices.IndexFunc(ms, func(e record.Event) bool { return e.M != 3 })
	if i < 0 || !confIs(ms[i], 2, 3, 200.0/3) || math.Round(ms[i].Value*100)/100 != 66.67 {
		t.Fatalf("first datapoint after the scale-in %v, want M = 2, N = 3, CPR 66.67", ms[i:min(i+1, len(ms))])
	}
	fifteenth := ms[i].T.Add(14 * time.Minute)
	if d := desiredChanges(l); len(d) != 1 || d[0] != fmt.Sprintf("%v 3->2", fifteenth) {
		t.Fatalf("desired changes %v, want exactly 3->2 at the 15th low datapoint, %v", d, fifteenth)
	}
	term := l.of(record.InstanceTerminated)
	if len(term) != 1 || term[0].Tasks != 0 {
		t.Fatalf("terminations %+v, want one instance, without tasks", term)
	}
	if last := ms[len(ms)-1]; !confIs(last, 2, 2, 100) {
		t.Fatalf("last datapoint %s, want M = N = 2 → 100", confMetric(last))
	}
}

// confW6 runs the scaler the world runs on the datapoint of 2 busy instances
// out of 3 at target 100: 66.67 < 100 for 14 datapoints changes nothing; the
// 15th removes one instance (3 → 2); two busy instances of two then publish
// 100 = target, and nothing more happens.
func confW6(t *testing.T) {
	in := confMetricInput(3, 2)
	m := autoscaling.ComputeMetric(in)
	if m.M != 2 || m.N != 3 || !confNear(m.Value, 200.0/3) {
		t.Fatalf("datapoint %+v, want M = 2, N = 3, CPR 66.67", m)
	}
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g := autoscaling.GroupState{Desired: 3, Max: 10}
	for k := 1; k <= 15; k++ {
		d := s.Tick(sim.Time(k)*sim.Minute, m, g)
		switch {
		case k < 15 && d.Action != autoscaling.NoAction:
			t.Fatalf("low datapoint %d: %+v, want no action before the 15th", k, d)
		case k == 15 && (d.Action != autoscaling.ScaleIn || d.Desired != 2):
			t.Fatalf("15th low datapoint: %+v, want scale-in to 2", d)
		}
	}
	after := autoscaling.ComputeMetric(confMetricInput(2, 2))
	if after.Value != 100 {
		t.Fatalf("after the scale-in: %+v, want CPR 100", after)
	}
	g.Desired = 2
	for k := 16; k <= 40; k++ {
		if d := s.Tick(sim.Time(k)*sim.Minute, after, g); d.Action != autoscaling.NoAction {
			t.Fatalf("datapoint %d at 100: %+v, want no action", k, d)
		}
	}
}

// confMetricInput is the metric input of a group of n m5.large, nonEmpty of
// them busy, nothing PROVISIONING, at ECS's default managed scaling.
func confMetricInput(n, nonEmpty int) autoscaling.MetricInput {
	small, large := confBounds()
	return autoscaling.MetricInput{N: n, NonEmpty: nonEmpty, Smallest: small, Largest: large,
		MinStep: 1, MaxStep: 10000, TargetCapacity: 100}
}

// confBounds is autoscaling.Bounds of a group of m5.large.
func confBounds() (smallest, largest cluster.Capacity) {
	it, ok := cluster.DefaultCatalogue().Lookup("m5.large")
	if !ok {
		panic("m5.large is not in the default catalogue")
	}
	return autoscaling.Bounds([]*cluster.InstanceType{it}, cluster.InstanceSpec{})
}

// confW7: target 50, three instances, two whole-instance jobs: M = 2, N = 3,
// CPR 200/3 = 66.67 > 50 on the first datapoint. Target tracking asks for
// ceil(100 × 2/50) = 4 (a CPR rounded to 66.67 would give ceil(3 × 66.67/50)
// = ceil(4.0002) = 5). With 4 instances CPR = 100 × 2/4 = 50, the target:
// nothing more happens and two instances stay empty.
func confW7(t *testing.T) {
	l, _ := simulate(t, confProvider("minSize: 0, desiredCapacity: 3", ", targetCapacity: 50, instanceWarmupPeriod: 0",
		confWholeJobs(2)), nil)
	ms := confMetrics(l, "cp")
	if len(ms) < 2 || !confIs(ms[0], 2, 3, 200.0/3) {
		t.Fatalf("first datapoint %v, want M = 2, N = 3, CPR 66.67 at 1m", ms)
	}
	if d := desiredChanges(l); len(d) != 1 || d[0] != fmt.Sprintf("%v 3->4", ms[0].T) {
		t.Fatalf("desired changes %v, want exactly 3->4 at %v", d, ms[0].T)
	}
	last := ms[len(ms)-1]
	end := l.samples[len(l.samples)-1]
	if !confIs(last, 2, 4, 50) || end.InstancesRunning != 4 || end.TasksRunning != 2 {
		t.Fatalf("at the end %s, %d instances for %d tasks; want M = 2, N = 4, CPR 50: 4 instances, 2 empty",
			confMetric(last), end.InstancesRunning, end.TasksRunning)
	}
}

// confW8 returns the row of 10 instances of which 8 run a whole-instance job
// (minSize 10, so nothing scales in): the current guide publishes
// 100 × 8/10 = 80, the 2023 guide 100 − 2 empty = 98.
func confW8(legacy bool, want float64) func(t *testing.T) {
	return func(t *testing.T) {
		rest := confWholeJobs(8)
		if legacy {
			rest += "model: {scaleInMetric: hundred-minus-empty}\n"
		}
		l, _ := simulate(t, confProvider("minSize: 10, desiredCapacity: 10", "", rest), nil)
		ms := confMetrics(l, "cp")
		if len(ms) == 0 || ms[0].T != sim.Minute || ms[0].N != 10 || ms[0].M != 8 || ms[0].Value != want {
			t.Fatalf("first datapoint %v, want N = 10, M = 8 → %v at 1m", ms[:min(1, len(ms))], want)
		}
	}
}

// confW9Steps: the clamp of the estimate to minimumScalingStepSize and
// maximumScalingStepSize (defaults 1 and 10000).
func confW9Steps(t *testing.T) {
	if got := autoscaling.ScaleOutStep(1, 3, 10000); got != 3 {
		t.Errorf("estimate 1, minimum step 3: add %d, want 3", got)
	}
	if got := autoscaling.ScaleOutStep(12, 1, 5); got != 5 {
		t.Errorf("estimate 12, maximum step 5: add %d, want 5", got)
	}
}

// confW9MinStep: one instance runs a whole-instance job, a second job waits:
// the estimate is 1 instance, raised to the minimum step 3: M = 1 + 3 = 4,
// N = 1, CPR 400, and the group goes 1 → ceil(100 × 4/100) = 4 (warm-up 0).
func confW9MinStep(t *testing.T) {
	l, _ := simulate(t, confProvider("minSize: 0, desiredCapacity: 1", ", minimumScalingStepSize: 3, instanceWarmupPeriod: 0",
		confWholeJobs(2)), nil)
	ms := confMetrics(l, "cp")
	if len(ms) == 0 || !confIs(ms[0], 4, 1, 400) {
		t.Fatalf("first datapoint %v, want M = 4, N = 1, CPR 400", ms[:min(1, len(ms))])
	}
	if d := desiredChanges(l); len(d) == 0 || d[0] != fmt.Sprintf("%v 1->4", ms[0].T) {
		t.Fatalf("desired changes %v, want 1->4 at %v first", d, ms[0].T)
	}
}

// confW9MaxStep: one instance (registered at t = 0, so warming up until
// 5m), 13 whole-instance jobs at 90s: one runs, 12 wait. Estimate 12,
// clamped to the maximum step 5: M = 1 + 5 = 6, N = 1, CPR 600 at 2m. The
// warm-up (300 s) holds the scale-out until 5m: 1 → 6. The 5 new instances
// take 5 jobs; 7 wait (estimate 7 → 5), but the next step waits until the
// instances launched at 5m are 300 s old: 6 → 11 at 10m.
func confW9MaxStep(t *testing.T) {
	rest := `workloads:
  - {name: jobs, taskDefinition: whole, arrivals: {process: batch, at: 90s, count: 13}, duration: {distribution: constant, value: 2h}}
`
	l, _ := simulate(t, confProvider("minSize: 0, desiredCapacity: 1", ", maximumScalingStepSize: 5", rest), nil)
	ms := confMetrics(l, "cp")
	if len(ms) < 2 || ms[1].T != 2*sim.Minute || !confIs(ms[1], 6, 1, 600) {
		t.Fatalf("datapoint at 2m %v, want M = 6, N = 1, CPR 600", ms[:min(2, len(ms))])
	}
	if d := desiredChanges(l); len(d) < 2 || d[0] != "5m0s 1->6" || d[1] != "10m0s 6->11" {
		t.Fatalf("desired changes %v, want 5m0s 1->6 and 10m0s 6->11 first", d)
	}
	skips := l.of(record.ScalingSkipped)
	if len(skips) == 0 || skips[0].T != 2*sim.Minute || skips[0].Cause != autoscaling.BlockedWarmup {
		t.Fatalf("ScalingSkipped %+v, want the warm-up at 2m first", skips)
	}
}

// ---------------------------------------------------------------------------
// W-10: capacity provider strategy splits.

// confW10 returns the row that runs tasks tasks (a service, or a RunTask
// workload) with the given strategy over two static groups of two m5.large
// named p1 and p2 (without managed scaling; each holds 32 tasks of 128 CPU
// units) and counts the placements per provider.
func confW10(service bool, p1, p2, strategy string, tasks, want1, want2 int) func(t *testing.T) {
	return func(t *testing.T) {
		src := fmt.Sprintf(`
name: split
duration: 30m
cluster:
  capacityProviders:
    - {name: %s, autoScalingGroup: {instanceTypes: [m5.large], minSize: 2, maxSize: 2}}
    - {name: %s, autoScalingGroup: {instanceTypes: [m5.large], minSize: 2, maxSize: 2, spot: true}}
taskDefinitions:
  - {family: small, containerDefinitions: [{name: app, cpu: 128, memory: 128}]}
`, p1, p2)
		if service {
			src += fmt.Sprintf("services:\n  - {serviceName: web, taskDefinition: small, desiredCount: %d, "+
				"capacityProviderStrategy: [%s]}\n", tasks, strategy)
		} else {
			src += fmt.Sprintf("workloads:\n  - {name: jobs, taskDefinition: small, capacityProviderStrategy: [%s], "+
				"arrivals: {process: batch, at: 1m, count: %d}, duration: {distribution: constant, value: 1h}}\n", strategy, tasks)
		}
		l, _ := simulate(t, src, nil)
		per := map[string]int{}
		for _, e := range l.of(record.TaskPlaced) {
			per[e.Provider]++
		}
		if per[p1] != want1 || per[p2] != want2 || len(per) != 2 {
			t.Fatalf("placements per provider %v, want %s %d, %s %d", per, p1, want1, p2, want2)
		}
	}
}

// ---------------------------------------------------------------------------
// W-11 .. W-13: resource accounting on EC2.

// confW11: c4.4xlarge (16384 CPU, 30158 MiB) and c4.large (2048, 3768)
// register 18432 CPU units and 33926 MiB. Ten tasks of 1024/2048 fit (the
// c4.large takes at most one, 2 × 2048 > 3768) and reserve 10240 and 20480:
// CPUReservation 10240/18432 = 55.6 % and MemoryReservation 20480/33926 =
// 60.4 %, 55 % and 60 % truncated.
func confW11(t *testing.T) {
	l, _ := simulate(t, `
name: reservation
duration: 10m
cluster:
  containerInstances: [{instanceType: c4.4xlarge, count: 1}, {instanceType: c4.large, count: 1}]
taskDefinitions:
  - {family: app, containerDefinitions: [{name: app, cpu: 1024, memory: 2048}]}
workloads:
  - {name: app, taskDefinition: app, arrivals: {process: batch, at: 1m, count: 10}, duration: {distribution: constant, value: 1h}}
`, nil)
	var cpu, mem int64
	for _, e := range l.of(record.InstanceRegistered) {
		cpu += e.CPU
		mem += e.MemoryMiB
	}
	if cpu != 18432 || mem != 33926 {
		t.Fatalf("registered %d CPU units and %d MiB, want 18432 and 33926", cpu, mem)
	}
	end := l.samples[len(l.samples)-1]
	if end.TasksRunning != 10 || !confNear(end.CPUReserved, 10240.0/18432) || !confNear(end.MemoryReserved, 20480.0/33926) {
		t.Fatalf("sample %+v, want 10 tasks, CPU reserved 10240/18432, memory reserved 20480/33926", end)
	}
	if c, m := int(end.CPUReserved*100), int(end.MemoryReserved*100); c != 55 || m != 60 {
		t.Fatalf("CPUReservation %d %%, MemoryReservation %d %%; want 55 %% and 60 %%", c, m)
	}
}

// confW12: the OS of an m4.large sees 8,373,026,816 bytes, floor(8373026816
// / 2^20) = 7985 MiB, which the instance registers; ECS_RESERVED_MEMORY=256
// (reservedMemoryMiB) lowers it to 7985 − 256 = 7729 MiB.
func confW12(t *testing.T) {
	const osBytes = 8_373_026_816
	l, _ := simulate(t, `
name: registered-memory
duration: 10m
cluster:
  containerInstances: [{instanceType: m4.large, count: 1}, {instanceType: m4.large, count: 1, reservedMemoryMiB: 256}]
taskDefinitions:
  - {family: app, containerDefinitions: [{name: app, cpu: 128, memory: 128}]}
workloads:
  - {name: app, taskDefinition: app, arrivals: {process: batch, at: 1m, count: 1}, duration: {distribution: constant, value: 1m}}
`, nil)
	var got []int64
	for _, e := range l.of(record.InstanceRegistered) {
		got = append(got, e.MemoryMiB)
	}
	if want := []int64{osBytes >> 20, osBytes>>20 - 256}; !slices.Equal(got, want) || want[0] != 7985 || want[1] != 7729 {
		t.Fatalf("registered memory %v MiB, want %v", got, want)
	}
}

// confW13 returns the row of 12 awsvpc tasks (128 CPU units, 256 MiB: CPU
// and memory would take 16 and 15) on one c5.large: its 3 ENIs, the primary
// one included, leave 2 tasks; with trunking the trunk raises the limit to
// 10 (12 ENIs, the primary and the trunk apart). The others fail with
// RESOURCE:ENI.
func confW13(trunking bool, want int) func(t *testing.T) {
	return func(t *testing.T) {
		src := fmt.Sprintf(`
name: enis
duration: 10m
cluster:
  awsvpcTrunking: %v
  containerInstances: [{instanceType: c5.large, count: 1}]
taskDefinitions:
  - {family: api, networkMode: awsvpc, cpu: "128", memory: "256", containerDefinitions: [{name: api}]}
workloads:
  - {name: api, taskDefinition: api, arrivals: {process: batch, at: 1m, count: 12}, duration: {distribution: constant, value: 1h}}
`, trunking)
		if it, ok := cluster.DefaultCatalogue().Lookup("c5.large"); !ok || it.ENIs != 3 {
			t.Fatalf("c5.large in the catalogue: %+v, want 3 ENIs", it)
		}
		l, _ := simulate(t, src, nil)
		placed, failed := l.of(record.TaskPlaced), l.of(record.TaskFailed)
		if len(placed) != want || len(failed) != 12-want {
			t.Fatalf("%d placed, %d failed; want %d and %d", len(placed), len(failed), want, 12-want)
		}
		for _, e := range failed {
			if e.Reason != string(placement.ReasonENI) {
				t.Fatalf("task %d failed with %q, want %s", e.Task, e.Reason, placement.ReasonENI)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// W-14, W-15: deployments.

// confFleet is a static cluster of nine m5.large (2048 CPU units, 7987 MiB)
// over the three default zones, with two revisions of a web task of 256 CPU
// units (eight per instance, 72 in all).
const confFleet = `
name: fleet
duration: 2h
cluster:
  containerInstances: [{instanceType: m5.large, count: 9}]
taskDefinitions:
  - {family: web, revision: 1, containerDefinitions: [{name: app, cpu: 256, memory: 512}]}
  - {family: web, revision: 2, containerDefinitions: [{name: app, cpu: 256, memory: 512}]}
services:
`

// confRollout is what a deployment of web:1 → web:2 did, from its start
// (ServiceDeploymentChanged IN_PROGRESS) to its end.
type confRollout struct {
	// stopsBeforeFirstStart counts web:1 tasks stopped before the first
	// web:2 task was placed; startsBeforeFirstStop web:2 tasks placed before
	// the first web:1 task stopped.
	stopsBeforeFirstStart, startsBeforeFirstStop int
	// minHealthy is the fewest tasks RUNNING for at least healthyAfter (40s)
	// after any event; maxLive the most tasks placed and not stopped.
	minHealthy, maxLive int
	states              []string
}

// confW14 returns the row that runs a service of desired web:1 tasks with
// the given minimumHealthyPercent and maximumPercent, deploys web:2 at 10m
// (tasks start 20 s after placement and are healthy 40 s after RUNNING) and
// hands what happened to check; the deployment must complete.
func confW14(desired, minPct, maxPct int, check func(*testing.T, confRollout)) func(t *testing.T) {
	return func(t *testing.T) {
		const healthyAfter = 40 * time.Second
		svc := fmt.Sprintf(`  - serviceName: web
    taskDefinition: web:1
    desiredCount: %d
    taskStartDelay: 20s
    healthyAfter: 40s
    deploymentConfiguration: {minimumHealthyPercent: %d, maximumPercent: %d}
    deployments: [{at: 10m, taskDefinition: web:2}]
`, desired, minPct, maxPct)
		r := confRollout{minHealthy: math.MaxInt}
		def := map[int64]string{}
		runningSince := map[int64]sim.Time{}
		live := map[int64]bool{}
		deploying, started, stopped := false, false, false
		l, _ := simulate(t, confFleet+svc, func(l *log, e *record.Event) {
			switch e.Type {
			case record.TaskPlaced:
				def[e.Task] = e.TaskDefinition
				live[e.Task] = true
				if deploying && e.TaskDefinition == "web:2" {
					if !stopped {
						r.startsBeforeFirstStop++
					}
					started = true
				}
			case record.TaskRunning:
				runningSince[e.Task] = e.T
			case record.TaskStopped:
				delete(live, e.Task)
				delete(runningSince, e.Task)
				if deploying && def[e.Task] == "web:1" {
					if !started {
						r.stopsBeforeFirstStart++
					}
					stopped = true
				}
			case record.ServiceDeploymentChanged:
				r.states = append(r.states, e.State)
				deploying = e.State == "IN_PROGRESS"
			}
			if deploying {
				healthy := 0
				for _, since := range runningSince {
					if e.T.Sub(since) >= healthyAfter {
						healthy++
					}
				}
				r.minHealthy = min(r.minHealthy, healthy)
				r.maxLive = max(r.maxLive, len(live))
			}
		})
		if strings.Join(r.states, " ") != "IN_PROGRESS COMPLETED" || len(l.of(record.ServiceSteadyState)) < 2 {
			t.Fatalf("deployment states %v, want IN_PROGRESS COMPLETED", r.states)
		}
		check(t, r)
	}
}

// confW15Threshold returns the row of the circuit breaker's threshold for a
// desired count: ceil(0.5 × desired) clamped to [3, 200].
func confW15Threshold(desired, want int) func(t *testing.T) {
	return func(t *testing.T) {
		if got := services.CircuitBreakerThreshold(desired); got != want {
			t.Fatalf("CircuitBreakerThreshold(%d) = %d, want %d", desired, got, want)
		}
	}
}

// confW15Run returns the row that deploys, at 10m, a revision whose tasks all
// fail to start to a service of desired tasks with the circuit breaker on:
// the deployment fails when the want-th task of the new revision has failed,
// not before, and launches nothing more.
func confW15Run(desired, want int) func(t *testing.T) {
	return func(t *testing.T) {
		svc := fmt.Sprintf(`  - serviceName: web
    taskDefinition: web:1
    desiredCount: %d
    deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: false}}
    deployments: [{at: 10m, taskDefinition: web:2, startFailureRate: 1}]
`, desired)
		failures, atFailed := 0, -1
		var states []string
		simulate(t, confFleet+svc, func(l *log, e *record.Event) {
			switch {
			case e.Type == record.TaskStopped && e.TaskDefinition == "web:2" && strings.HasPrefix(e.Reason, "TaskFailedToStart"):
				failures++
			case e.Type == record.ServiceDeploymentChanged:
				states = append(states, e.State)
				if e.State == "FAILED" {
					atFailed = failures
				}
			}
		})
		if strings.Join(states, " ") != "IN_PROGRESS FAILED" || atFailed != want {
			t.Fatalf("deployment states %v, failed after %d start failures; want IN_PROGRESS FAILED after %d", states, atFailed, want)
		}
	}
}

// ---------------------------------------------------------------------------
// W-16 .. W-19: placement.

// confZones returns a cluster with one m5.large per zone named (a zone named
// twice gets two) and a placer whose ties draw from seed.
func confZones(seed uint64, zones ...string) (*cluster.Cluster, *placement.Placer, []*cluster.Instance) {
	c := clustertest.New()
	p := placement.NewPlacer(c, rand.NewPCG(seed, 7))
	var ins []*cluster.Instance
	for _, z := range zones {
		ins = append(ins, clustertest.Instance(c, "m5.large").AZ(z).Active())
	}
	return c, p, ins
}

// confPlaceOn places one task of def in group g on each instance listed.
func confPlaceOn(t *testing.T, c *cluster.Cluster, def *cluster.TaskDefinition, g cluster.GroupID,
	on ...*cluster.Instance) []*cluster.Task {
	t.Helper()
	var tasks []*cluster.Task
	for _, in := range on {
		task := c.NewTask(def, g, 0)
		if err := c.Place(task, in); err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, task)
	}
	return tasks
}

// confW16 returns the row of a service scale-in without a strategy: zones
// A = 1, and B and C with 2 tasks each, one zone's on one instance, the
// other's on two. B and C tie on the zone rule; the instance rule picks the
// instance with 2 tasks. mirrored puts the pair in B instead of C.
func confW16(mirrored bool) func(t *testing.T) {
	return func(t *testing.T) {
		for seed := range uint64(20) {
			c, p, ins := confZones(seed, "us-east-1a", "us-east-1b", "us-east-1b", "us-east-1c", "us-east-1c")
			a, b1, b2, c1, c2 := ins[0], ins[1], ins[2], ins[3], ins[4]
			r := &placement.Request{Chain: placement.ServiceDefault(c), Group: c.Group("service:web")}
			p.Prepare(r)
			def := clustertest.TaskDef().CPU(256).Memory(512).Obj()
			r.Req = def.Requirements()
			on, want := []*cluster.Instance{a, b1, b2, c1, c1}, c1 // B = 1 + 1, C = 2 + 0
			if mirrored {
				on, want = []*cluster.Instance{a, b1, b1, c1, c2}, b1 // B = 2 + 0, C = 1 + 1
			}
			tasks := confPlaceOn(t, c, def, r.Group, on...)
			if got := p.ChooseTaskToStop(tasks, r); got.Instance != want.ID {
				t.Fatalf("seed %d: stopped the task on %s (%s), want the one on %s (%s)", seed,
					c.Instance(got.Instance).EC2InstanceID, c.Instance(got.Instance).AZ, want.EC2InstanceID, want.AZ)
			}
		}
	}
}

// confW17: a REPLICA service without a strategy with one task in zone A and
// none in B or C places its next task in B or C, whatever the tie-break.
func confW17(t *testing.T) {
	for seed := range uint64(20) {
		c, p, ins := confZones(seed, "us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b", "us-east-1c", "us-east-1c")
		r := &placement.Request{Chain: placement.ServiceDefault(c), Group: c.Group("service:web")}
		p.Prepare(r)
		def := clustertest.TaskDef().CPU(256).Memory(512).Obj()
		r.Req = def.Requirements()
		confPlaceOn(t, c, def, r.Group, ins[0])
		if got := p.Place(r); got == nil || got.AZ == "us-east-1a" {
			t.Fatalf("seed %d: placed on %v, want an instance in us-east-1b or us-east-1c", seed, got)
		}
	}
}

// confW18: three r5.large (15974 MiB registered) filled to leave 6, 2 and
// 4 GiB free; binpack on memory puts a 1 GiB task on the one with the least
// left that still fits: 2 GiB.
func confW18(t *testing.T) {
	c, p, _ := confZones(1)
	ins := []*cluster.Instance{clustertest.Instance(c, "r5.large").Active(), clustertest.Instance(c, "r5.large").Active(),
		clustertest.Instance(c, "r5.large").Active()}
	r := &placement.Request{Chain: placement.NewChain(placement.Binpack(placement.DimMemory)), Group: c.Group("family:w18"),
		Req: clustertest.TaskDef().CPU(128).Memory(1024).Obj().Requirements()}
	p.Prepare(r)
	for i, free := range []int64{6144, 2048, 4096} {
		filler := clustertest.TaskDef().Memory(ins[i].Registered.MemoryMiB - free).Obj()
		confPlaceOn(t, c, filler, c.Group("family:filler"), ins[i])
	}
	if got := p.Place(r); got != ins[1] {
		t.Fatalf("binpack(memory) chose %v, want %s with 2 GiB free", got, ins[1].EC2InstanceID)
	}
}

// confW19: a service of 6 tasks spread on the zone over nine instances in
// three zones places 2 in each zone.
func confW19(t *testing.T) {
	l, _ := simulate(t, confFleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 6
    placementStrategy: [{type: spread, field: attribute:ecs.availability-zone}]
`, nil)
	perZone := map[string]int{}
	for _, e := range l.of(record.TaskPlaced) {
		perZone[e.AZ]++
	}
	if len(perZone) != 3 {
		t.Fatalf("tasks per zone %v, want 2 in each of 3 zones", perZone)
	}
	for z, n := range perZone {
		if n != 2 {
			t.Fatalf("zone %s has %d tasks (%v), want 2", z, n, perZone)
		}
	}
}

// ---------------------------------------------------------------------------
// W-20: Fargate cost.

// confW20Price returns the row of the hourly price of a Linux x86 Fargate
// task of cpu units and mem MiB at the default prices.
func confW20Price(cpu, mem int64, want float64) func(t *testing.T) {
	return func(t *testing.T) {
		prices := world.DefaultPrices()
		if got := prices.Fargate(false, false).HourlyCost(cpu, mem); !confNear(got, want) {
			t.Fatalf("%d CPU units, %d MiB: $%v an hour, want $%v", cpu, mem, got, want)
		}
	}
}

// confW20Run: a Fargate task of 1 vCPU and 2 GB runs exactly an hour (no
// start delay, billed from placement to stop): $0.04937.
func confW20Run(t *testing.T) {
	_, final := simulate(t, `
name: fargate-cost
duration: 2h
cluster:
  fargate: {provisioningDelay: {distribution: constant, value: 20s}}
taskDefinitions:
  - {family: fg, requiresCompatibilities: [FARGATE], networkMode: awsvpc, cpu: "1024", memory: "2048", containerDefinitions: [{name: app}]}
workloads:
  - {name: fg, taskDefinition: fg, launchType: FARGATE, arrivals: {process: batch, at: 1m, count: 1}, duration: {distribution: constant, value: 1h}}
`, nil)
	if !confNear(final.CostFargate, 0.04937) || final.CostEC2 != 0 {
		t.Fatalf("Fargate cost $%v, EC2 cost $%v; want $0.04937 and 0", final.CostFargate, final.CostEC2)
	}
}

// ---------------------------------------------------------------------------
// W-22: schedule expressions.

// confW22Every15: over one day, cron(0/15 * * * ? *) fires 96 times, at
// 00:00, 00:15, ... 23:45.
func confW22Every15(t *testing.T) {
	s, err := schedule.Parse("cron(0/15 * * * ? *)", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)
	at := day.Add(-time.Second)
	for k := range 96 {
		next, ok := s.Next(at)
		if want := day.Add(time.Duration(k) * 15 * time.Minute); !ok || !next.Equal(want) {
			t.Fatalf("firing %d: %v (%v), want %v", k, next, ok, want)
		}
		at = next
	}
}

// confW22LastFriday: the firings of cron(15 10 ? * 6L 2019-2022) are the 48
// last Fridays of 2019-01 .. 2022-12 at 10:15 UTC, and none after. The
// expected days are found by walking back from each month's last day to a
// Friday.
func confW22LastFriday(t *testing.T) {
	s, err := schedule.Parse("cron(15 10 ? * 6L 2019-2022)", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var want []time.Time
	for y := 2019; y <= 2022; y++ {
		for m := time.January; m <= time.December; m++ {
			d := time.Date(y, m+1, 0, 10, 15, 0, 0, time.UTC) // day 0 of the next month: the last day of m
			for d.Weekday() != time.Friday {
				d = d.AddDate(0, 0, -1)
			}
			want = append(want, d)
		}
	}
	var got []time.Time
	for at, ok := s.Next(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)); ok; at, ok = s.Next(at) {
		got = append(got, at)
		if len(got) > len(want) {
			break
		}
	}
	if !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Fatalf("firings\n%v\nwant\n%v", got, want)
	}
}

// confW22Rate5: rate(5 minutes) parses and fires every 5 minutes after the
// rule is created.
func confW22Rate5(t *testing.T) {
	created := time.Date(2024, 1, 1, 10, 30, 0, 0, time.UTC)
	s, err := schedule.Parse("rate(5 minutes)", created)
	if err != nil {
		t.Fatalf("rate(5 minutes): %v, want valid", err)
	}
	at := created
	for k := 1; k <= 3; k++ {
		next, ok := s.Next(at)
		if want := created.Add(time.Duration(k) * 5 * time.Minute); !ok || !next.Equal(want) {
			t.Fatalf("firing %d: %v, want %v", k, next, want)
		}
		at = next
	}
}

// confW22Rate1Minutes: a value of 1 takes the singular unit.
func confW22Rate1Minutes(t *testing.T) {
	if _, err := schedule.Parse("rate(1 minutes)", time.Time{}); err == nil {
		t.Fatal("rate(1 minutes) parsed; want an error (a value of 1 takes the singular unit)")
	}
}
