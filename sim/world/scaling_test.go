package world_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
)

// log records events and samples.
type log struct {
	events  []record.Event
	samples []record.Sample
	w       *world.World
	check   func(e *record.Event)
}

func (l *log) Event(e *record.Event) {
	l.events = append(l.events, *e)
	if l.check != nil {
		l.check(e)
	}
}
func (l *log) Sample(s *record.Sample) { l.samples = append(l.samples, *s) }

// serviceTask reports whether task is a service task.
func (l *log) serviceTask(task int64) bool {
	for _, e := range l.events {
		if e.Type == record.TaskSubmitted && e.Task == task {
			return e.Service != ""
		}
	}
	return false
}

func (l *log) of(typ record.EventType) []record.Event {
	var out []record.Event
	for _, e := range l.events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func simulate(t *testing.T, yaml string, check func(*log, *record.Event)) (*log, outcome) {
	t.Helper()
	sc, err := scenarios.Parse("test.yaml", ".", []byte(yaml))
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	l := &log{}
	chk := world.NewChecker(1)
	led := reports.NewLedger()
	w, err := world.New(sc.Config, multi{l, chk, led})
	if err != nil {
		t.Fatal(err)
	}
	chk.Attach(w)
	l.w = w
	if check != nil {
		l.check = func(e *record.Event) { check(l, e) }
	}
	final := w.Run(nil)
	if err := chk.Final(final); err != nil {
		t.Fatalf("invariant: %v", err)
	}
	if final == nil {
		return l, outcome{}
	}
	return l, outcome{final, led.Close(final.End)}
}

// outcome is a run's final state and the figures its events give
// (reports.Ledger: cost, fleet, utilization, scaling actions).
type outcome struct {
	*record.Final
	reports.LedgerFigures
}

// multi sends a run's observations to several observers.
type multi []world.Observer

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

// scaling is a cluster with one managed-scaling provider of m5.large
// (2048 CPU units, 7987 MiB) and tasks of 1024 CPU: two per instance.
func scaling(asg, managed, workloads string) string {
	return `
name: scaling
duration: 3h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10, ` + asg + `}
      managedScaling: {status: ENABLED` + managed + `}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
taskDefinitions:
  - family: job
    containerDefinitions: [{name: job, cpu: 1024, memory: 1024}]
  - family: huge
    containerDefinitions: [{name: huge, cpu: 4096, memory: 1024}]
workloads:
` + workloads
}

const batch = `  - name: jobs
    taskDefinition: job
    arrivals: {process: batch, at: 90s, count: %d}
    duration: {distribution: constant, value: %s}
`

func desiredChanges(l *log) []string {
	var out []string
	for _, e := range l.of(record.DesiredCapacityChanged) {
		out = append(out, fmt.Sprintf("%s %d->%d", e.T, e.From, e.To))
	}
	return out
}

// TestScaleOutFromZero: tasks go PROVISIONING at 1m30s; the next metric
// (2m) is 200 (N = 0, M > 0, W-2), AlarmHigh fires after 1 datapoint and the
// group goes 0 → 2 (docs/model.md §1.5 step 5); the tasks are placed when
// the instances register, in submission order.
func TestScaleOutFromZero(t *testing.T) {
	l, final := simulate(t, scaling("launchDelay: {distribution: constant, value: 90s}", "", fmt.Sprintf(batch, 4, "20m")), nil)
	metrics := l.of(record.MetricPublished)
	if metrics[0].T != sim.Minute || metrics[0].Value != 100 || metrics[0].M != 0 || metrics[0].N != 0 {
		t.Fatalf("first metric %+v, want 100 at 1m with M = N = 0 (W-1)", metrics[0])
	}
	if metrics[1].T != 2*sim.Minute || metrics[1].Value != 200 {
		t.Fatalf("second metric %+v, want 200 at 2m (W-2)", metrics[1])
	}
	d := desiredChanges(l)
	if len(d) == 0 || d[0] != "2m0s 0->2" {
		t.Fatalf("desired changes %v, want 0->2 at 2m first", d)
	}
	// Registered at 2m + 90s = 3m30s: the four tasks (two per instance) go
	// on them in submission order.
	placed := l.of(record.TaskPlaced)
	if len(placed) != 4 {
		t.Fatalf("%d tasks placed, want 4", len(placed))
	}
	for i, e := range placed {
		if e.T != sim.At(3*time.Minute+30*time.Second) || e.Task != int64(i+1) {
			t.Fatalf("placement %d: task %d at %v; want task %d at 3m30s", i, e.Task, e.T, i+1)
		}
	}
	if final.ScaleOutActions != 1 {
		t.Fatalf("%d scale-out actions, want 1 (two instances were enough)", final.ScaleOutActions)
	}
}

// TestWarmupBlocksTheSecondStep: with a 5-minute warm-up, the second
// scale-out waits until every instance is older than instanceWarmupPeriod
// (§1.5 step 6; confusion #8), although the metric stays above target.
func TestWarmupBlocksTheSecondStep(t *testing.T) {
	l, _ := simulate(t, scaling("launchDelay: {distribution: constant, value: 60s}", ", instanceWarmupPeriod: 300",
		fmt.Sprintf(batch, 12, "1h")), nil)
	d := desiredChanges(l)
	// 0->2 at 2m (from zero). Instances launched at 2m warm up until 7m:
	// the next scale-out is at 7m, when M = 2 + 4 remaining instances.
	if len(d) < 2 || d[0] != "2m0s 0->2" || d[1] != "7m0s 2->6" {
		t.Fatalf("desired changes %v, want [2m0s 0->2 7m0s 2->6 ...]", d)
	}
	for _, e := range l.of(record.MetricPublished) {
		if e.T > 2*sim.Minute && e.T < 7*sim.Minute && e.Value <= 100 {
			t.Fatalf("metric at %v is %v; the alarm should stay high during warm-up", e.T, e.Value)
		}
	}
	// The block is told once, when it starts (3m), not every minute it
	// lasts: ScalingSkipped names the warm-up.
	skips := l.of(record.ScalingSkipped)
	if len(skips) == 0 || skips[0].T != 3*sim.Minute || !strings.Contains(skips[0].Reason, "warm-up") {
		t.Fatalf("ScalingSkipped %+v, want the warm-up at 3m first", skips)
	}
	for _, e := range skips[1:] {
		if e.T < 7*sim.Minute {
			t.Fatalf("the warm-up block told again at %v", e.T)
		}
	}
}

// TestSlowScaleIn: after the tasks end, scale-in waits for 15 low
// datapoints (§1.6) and removes at most half the group per minute, and only
// empty instances are terminated (managed termination protection, §4.3).
func TestSlowScaleIn(t *testing.T) {
	l, _ := simulate(t, scaling("desiredCapacity: 6, launchDelay: {distribution: constant, value: 60s}", "",
		fmt.Sprintf(batch, 2, "2h")), nil)
	ins := l.of(record.DesiredCapacityChanged)
	if len(ins) == 0 {
		t.Fatal("no scale-in")
	}
	// Six instances registered at 0, two tasks on one of them from 1m30s:
	// M = 1 (one non-empty instance) from the 2m datapoint on, so the 15th
	// low datapoint is at 15m; from 1m the metric was already 0 (M = 0).
	first := ins[0]
	if first.To >= first.From || first.T != 15*sim.Minute {
		t.Fatalf("first desired change %+v, want a scale-in at 15m", first)
	}
	// 6 → 3 (half), then 3 → 2: random placement put the two tasks on two
	// instances (M = 2). When they end at 2h1m30s, 15 low minutes later the
	// group goes 2 → 1 → 0 (minSize 0).
	if got := desiredChanges(l); strings.Join(got, " ") != "15m0s 6->3 16m0s 3->2 2h16m0s 2->1 2h17m0s 1->0" {
		t.Fatalf("desired changes %v", got)
	}
	for _, e := range l.of(record.InstanceTerminated) {
		for _, p := range l.of(record.TaskPlaced) {
			if p.Instance == e.Instance && p.T < e.T {
				stopped := false
				for _, s := range l.of(record.TaskStopped) {
					stopped = stopped || s.Task == p.Task && s.T <= e.T
				}
				if !stopped {
					t.Fatalf("instance %s terminated at %v while task %d ran on it", e.Instance, e.T, p.Task)
				}
			}
		}
	}
}

// TestTooBigForEveryTypeStaysProvisioning: a task that does not fit the
// smallest instance type is incompatible: it stays PROVISIONING, the metric
// equals the target and nothing scales (§1.3 step 5; confusion #1).
func TestTooBigForEveryTypeStaysProvisioning(t *testing.T) {
	l, final := simulate(t, scaling("launchDelay: {distribution: constant, value: 60s}", "", `  - name: huge
    taskDefinition: huge
    arrivals: {process: batch, at: 90s, count: 3}
    duration: {distribution: constant, value: 10m}
`), nil)
	if len(l.of(record.DesiredCapacityChanged)) != 0 || final.TasksProvisioning != 3 {
		t.Fatalf("desired changes %v, provisioning at end %d; want none and 3", desiredChanges(l), final.TasksProvisioning)
	}
	for _, e := range l.of(record.MetricPublished)[2:] {
		if e.Value != 100 || e.Reason == "" {
			t.Fatalf("metric %+v, want the target (100) with the incompatibility noted", e)
		}
	}
}

// TestMaxSizeStopsScaleOut: at maxSize the alarm stays high, desired stays
// at max and tasks wait in PROVISIONING (confusion #2).
func TestMaxSizeStopsScaleOut(t *testing.T) {
	src := strings.Replace(scaling("launchDelay: {distribution: constant, value: 60s}", ", instanceWarmupPeriod: 60",
		fmt.Sprintf(batch, 30, "2h")), "maxSize: 10", "maxSize: 4", 1)
	l, final := simulate(t, src, nil)
	max := 0
	for _, e := range l.of(record.DesiredCapacityChanged) {
		max = e.To
	}
	// Four instances hold 8 of the 30 tasks; until those end (2h1m30s) the
	// other 22 wait.
	if at := l.samples[60]; max != 4 || at.TasksProvisioning != 30-8 || final.ScaleOutActions == 0 {
		t.Fatalf("desired reached %d (want maxSize 4), %d provisioning at 1h (want 22)", max, at.TasksProvisioning)
	}
	found := false
	for _, e := range l.of(record.ScalingSkipped) {
		found = found || strings.Contains(e.Reason, "at maxSize 4")
	}
	if !found {
		t.Fatal("no ScalingSkipped saying the group is at maxSize")
	}
}

// TestTargetCapacityKeepsSpare: with targetCapacity 80, 4 busy instances
// (M = 4, binpacked) make the metric 100 > 80 and target tracking keeps
// ceil(400/80) = 5 instances: one empty spare (§1.4). A target below 100
// also means the group never rests at zero: M = N = 0 publishes 100 > 80.
func TestTargetCapacityKeepsSpare(t *testing.T) {
	l, _ := simulate(t, scaling("launchDelay: {distribution: constant, value: 60s}", ", targetCapacity: 80, instanceWarmupPeriod: 60",
		fmt.Sprintf(batch, 8, "3h")+"    placementStrategy: [{type: binpack, field: memory}]\n"), nil)
	last := l.samples[len(l.samples)-1]
	if last.InstancesRunning != 5 || last.TasksRunning != 8 {
		t.Fatalf("at the end %d instances for %d tasks, want 5 (one spare) for 8", last.InstancesRunning, last.TasksRunning)
	}
}

// TestScalingInvariants: on random loads the desired capacity stays within
// [minSize, maxSize] and managed termination protection never lets a
// non-empty instance be terminated (§4.3).
func TestScalingInvariants(t *testing.T) {
	for seed := 1; seed <= 8; seed++ {
		src := fmt.Sprintf(`
name: inv
seed: %d
duration: 6h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large, m5.xlarge], minSize: 1, maxSize: 12, desiredCapacity: 2,
                         allocationStrategy: random}
      managedScaling: {status: ENABLED, targetCapacity: %d, maximumScalingStepSize: 3, instanceWarmupPeriod: 120}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
taskDefinitions:
  - {family: a, containerDefinitions: [{name: a, cpu: 512, memory: 1024}]}
  - {family: b, containerDefinitions: [{name: b, cpu: 1024, memory: 4096}]}
workloads:
  - {name: a, taskDefinition: a, arrivals: {process: poisson, ratePerMinute: %d}, duration: {distribution: exponential, mean: 15m}}
  - {name: b, taskDefinition: b, arrivals: {process: batch, at: 2h, count: 20}, duration: {distribution: uniform, min: 10m, max: 40m}}
`, seed, 60+seed*5, 1+seed%4)
		l, _ := simulate(t, src, func(l *log, e *record.Event) {
			switch e.Type {
			case record.DesiredCapacityChanged:
				if e.To < 1 || e.To > 12 {
					t.Fatalf("seed %d: desired %d outside [1, 12]", seed, e.To)
				}
			case record.InstanceTerminated:
				for _, in := range l.w.Cluster().Instances() {
					if in.EC2InstanceID == e.Instance && in.NonDaemonTasks() > 0 {
						t.Fatalf("seed %d: %s terminated with %d tasks", seed, e.Instance, in.NonDaemonTasks())
					}
				}
			}
		})
		if len(l.of(record.DesiredCapacityChanged)) == 0 {
			t.Fatalf("seed %d: nothing scaled", seed)
		}
	}
}

// TestProvisioningLimit: beyond provisioningLimit PROVISIONING tasks, RunTask
// fails with "provisioning capacity limit exceeded" (§7.2; confusion #5).
func TestProvisioningLimit(t *testing.T) {
	src := strings.Replace(scaling("launchDelay: {distribution: constant, value: 60s}", "", fmt.Sprintf(batch, 12, "10m")),
		"  defaultCapacityProviderStrategy", "  provisioningLimit: 5\n  defaultCapacityProviderStrategy", 1)
	l, _ := simulate(t, src, nil)
	failed := l.of(record.TaskFailed)
	if len(failed) != 7 || failed[0].Reason != world.ReasonProvisioningLimit {
		t.Fatalf("failures %d (%v), want 7 with %q", len(failed), failed, world.ReasonProvisioningLimit)
	}
}

// TestManagedDrainingWithoutProtection: without managed termination
// protection the group may scale in busy instances; managed draining sets
// them DRAINING first and terminates them when their tasks have stopped
// (docs/model.md §4.4: MTP off, MID on).
func TestManagedDrainingWithoutProtection(t *testing.T) {
	src := strings.Replace(scaling("desiredCapacity: 4, launchDelay: {distribution: constant, value: 60s}", "",
		fmt.Sprintf(batch, 2, "1h")), "managedTerminationProtection: ENABLED", "managedTerminationProtection: DISABLED\n      managedDraining: ENABLED", 1)
	l, _ := simulate(t, src, nil)
	draining := l.of(record.InstanceDraining)
	terminated := l.of(record.InstanceTerminated)
	if len(terminated) == 0 {
		t.Fatal("nothing was terminated")
	}
	for _, d := range draining {
		for _, e := range terminated {
			if e.Instance == d.Instance && e.T != sim.At(90*time.Second+time.Hour) {
				t.Fatalf("%s drained at %v, terminated at %v; want terminated when its tasks end at 1h1m30s", d.Instance, d.T, e.T)
			}
		}
	}
	for _, s := range l.of(record.TaskStopped) {
		if s.Reason != record.StopCompleted {
			t.Fatalf("task %d stopped by %q; draining must let standalone tasks finish", s.Task, s.Reason)
		}
	}
	if len(draining) == 0 {
		t.Fatal("no instance was drained although busy instances were scaled in")
	}
}

// TestFargateProviders: a strategy over FARGATE (base 2) and FARGATE_SPOT
// splits tasks as W-10 does; Spot tasks cost less and may be interrupted:
// the notice SIGTERMs the task, which stops when its containers'
// stopTimeout (default 30 s) runs out (docs/model.md §8.1).
func TestFargateProviders(t *testing.T) {
	src := `
name: fg
duration: 3h
cluster:
  capacityProviders: [{name: FARGATE}, {name: FARGATE_SPOT}]
  fargate: {provisioningDelay: {distribution: constant, value: 20s}}
model: {fargateSpotInterruptionsPerHour: 0.5}
taskDefinitions:
  - {family: fg, requiresCompatibilities: [FARGATE], cpu: "1024", memory: "2048", containerDefinitions: [{name: app}]}
workloads:
  - name: jobs
    taskDefinition: fg
    capacityProviderStrategy: [{capacityProvider: FARGATE, base: 2, weight: 1}, {capacityProvider: FARGATE_SPOT, weight: 3}]
    arrivals: {process: batch, at: 1m, count: 10}
    duration: {distribution: constant, value: 2h}
`
	l, final := simulate(t, src, nil)
	per := map[string]int{}
	for _, e := range l.of(record.TaskPlaced) {
		per[e.Provider]++
	}
	if per["FARGATE"] != 4 || per["FARGATE_SPOT"] != 6 {
		t.Fatalf("placements per provider %v, want FARGATE 4, FARGATE_SPOT 6 (W-10)", per)
	}
	notices := l.of(record.TaskInterruptionNotice)
	interrupted := 0
	for _, s := range l.of(record.TaskStopped) {
		if s.Reason == world.ReasonSpotInterrupted {
			interrupted++
			found := false
			for _, n := range notices {
				found = found || n.Task == s.Task && s.T == n.T.Add(30*time.Second)
			}
			if !found {
				t.Fatalf("task %d interrupted at %v without a notice 30 s (the default stopTimeout) before", s.Task, s.T)
			}
		}
	}
	if interrupted == 0 || interrupted > 6 {
		t.Fatalf("%d Spot tasks interrupted; want some of the 6 (rate 0.5/h over 2h)", interrupted)
	}
	if final.CostFargate <= 0 || final.CostEC2 != 0 {
		t.Fatalf("costs EC2 %v Fargate %v", final.CostEC2, final.CostFargate)
	}
}

// TestRegistrationFailureLeavesTasksWaiting: instances whose agent never
// registers run (and are billed) but join no cluster, so the tasks stay
// PROVISIONING (confusion #3).
func TestRegistrationFailureLeavesTasksWaiting(t *testing.T) {
	l, final := simulate(t, scaling("launchDelay: {distribution: constant, value: 60s}, registrationFailureRate: 1", "",
		fmt.Sprintf(batch, 4, "20m")), nil)
	if len(l.of(record.InstanceLaunched)) == 0 || len(l.of(record.InstanceRegistered)) != 0 {
		t.Fatalf("launched %d, registered %d; want launches and no registration", len(l.of(record.InstanceLaunched)), len(l.of(record.InstanceRegistered)))
	}
	if final.TasksProvisioning != 4 || final.CostEC2 <= 0 {
		t.Fatalf("provisioning at end %d (want 4), EC2 cost %v (want > 0)", final.TasksProvisioning, final.CostEC2)
	}
}

// TestScaleInWithDrainingDoesNotCascade reproduces the example under
// the capacity-provider defaults (managed termination protection DISABLED,
// managed draining ENABLED): 4 m5.large, warm-up 0, target 100, three
// 2-hour jobs that each need a whole instance. M = 3, N = 4: the low alarm
// asks for ceil(100·3/100) = 3 instances, so desired goes 4 → 3 once. The
// group may pick a busy instance, which drains; it still runs its task, so
// it still counts in M and N (docs/model.md §1.6) and is not removed a
// second time: desired never goes below ceil(100·M/T).
func TestScaleInWithDrainingDoesNotCascade(t *testing.T) {
	src := `
name: cascade
duration: 3h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10, desiredCapacity: 4,
                         launchDelay: {distribution: constant, value: 60s}}
      managedScaling: {status: ENABLED, targetCapacity: 100, instanceWarmupPeriod: 0}
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
taskDefinitions:
  - {family: whole, containerDefinitions: [{name: w, cpu: 2048, memory: 4096}]}
workloads:
  - name: jobs
    taskDefinition: whole
    arrivals: {process: batch, at: 30s, count: 3}
    duration: {distribution: constant, value: 2h}
`
	for seed := 1; seed <= 10; seed++ {
		l, final := simulate(t, strings.Replace(src, "duration: 3h", fmt.Sprintf("duration: 3h\nseed: %d", seed), 1), nil)
		var m int
		for _, e := range l.events {
			switch e.Type {
			case record.MetricPublished:
				m = e.M
			case record.DesiredCapacityChanged:
				if floor := autoscalingDesiredFor(m, 100); e.To < e.From && e.To < floor {
					t.Fatalf("seed %d: at %v desired %d → %d below ceil(100·M/T) = %d (M = %d): %v",
						seed, e.T, e.From, e.To, floor, m, desiredChanges(l))
				}
			}
		}
		// Until the jobs end (2h0m30s) the group keeps 3 instances.
		if got := desiredChanges(l); len(got) == 0 || got[0] != "15m0s 4->3" {
			t.Fatalf("seed %d: desired changes %v, want 4->3 at 15m first", seed, got)
		} else if len(got) > 1 && !strings.HasPrefix(got[1], "2h") {
			t.Fatalf("seed %d: desired changes %v: a second scale-in before the jobs ended", seed, got)
		}
		if final.TasksLost != 0 || len(l.of(record.TaskSubmitted)) != 3 {
			t.Fatalf("seed %d: %d tasks lost, %d submitted; want 0 and 3", seed, final.TasksLost, len(l.of(record.TaskSubmitted)))
		}
	}
}

// autoscalingDesiredFor is ceil(100·m/target).
func autoscalingDesiredFor(m, target int) int { return (100*m + target - 1) / target }

// TestAlarmEvaluationDelay: with model.alarmEvaluationDelay the alarms see a
// datapoint that long after ECS publishes it (docs/model.md §2, §14.2):
// the scale-out from zero the 2m datapoint triggers happens at 2m30s, not
// at 2m. The default, 0, evaluates at once (TestScaleOutFromZero).
func TestAlarmEvaluationDelay(t *testing.T) {
	src := strings.Replace(scaling("launchDelay: {distribution: constant, value: 90s}", "", fmt.Sprintf(batch, 4, "20m")),
		"cluster:", "model: {alarmEvaluationDelay: 30s}\ncluster:", 1)
	l, _ := simulate(t, src, nil)
	if d := desiredChanges(l); len(d) == 0 || d[0] != "2m30s 0->2" {
		t.Fatalf("desired changes %v, want 0->2 at 2m30s first", d)
	}
	for _, e := range l.of(record.AlarmStateChanged) {
		if e.T%sim.Minute != 30*sim.Second {
			t.Fatalf("alarm %s changed at %v, want 30 s after a publication", e.Alarm, e.T)
		}
	}
}

// TestServiceThrottleInitialDelaySetting: model.serviceThrottleInitialDelay
// sets the first back-off (docs/model.md §14): 5 s, then 10 s, 20 s.
func TestServiceThrottleInitialDelaySetting(t *testing.T) {
	l, _ := simulate(t, "model: {serviceThrottleInitialDelay: 5s}\n"+fleet+
		"  - {serviceName: web, taskDefinition: web:1, desiredCount: 1, startFailureRate: 1}\n", nil)
	th := l.of(record.ServiceThrottled)
	if len(th) < 3 || th[0].Wait != 5*time.Second || th[1].Wait != 10*time.Second || th[2].Wait != 20*time.Second {
		t.Fatalf("back-offs %v, want 5s, 10s, 20s, …", th)
	}
}

// TestTargetBelow100RestsAtOne: with a target below 100 an empty group
// publishes 100 (M = N = 0), above the target, so ECS cannot rest at zero
// (docs/model.md §1.6): scale-in stops at 1 instead of going to 0 and
// scaling out again from zero every 18 minutes.
func TestTargetBelow100RestsAtOne(t *testing.T) {
	for _, target := range []string{"80", "50"} {
		src := strings.Replace(scaling("desiredCapacity: 3, launchDelay: {distribution: constant, value: 60s}",
			", targetCapacity: "+target+", instanceWarmupPeriod: 60", fmt.Sprintf(batch, 2, "30m")), "duration: 3h", "duration: 6h", 1)
		l, _ := simulate(t, src, nil)
		fromZero := 0
		for _, e := range l.of(record.DesiredCapacityChanged) {
			if e.From == 0 {
				fromZero++
			}
			if e.To == 0 {
				t.Fatalf("target %s: desired went to 0 at %v: %v", target, e.T, desiredChanges(l))
			}
		}
		last := l.samples[len(l.samples)-1]
		if fromZero != 0 || last.InstancesRunning != 1 {
			t.Fatalf("target %s: %d scale-outs from zero, %d instances at the end; want none and 1: %v",
				target, fromZero, last.InstancesRunning, desiredChanges(l))
		}
	}
}
