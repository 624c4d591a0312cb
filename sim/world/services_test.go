package world_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// fleet is a static cluster of six m5.large (2048 CPU, 7987 MiB) over three
// zones, with a 512-CPU web task definition (v1) and its v2.
const fleet = `
name: svc
duration: 2h
cluster:
  containerInstances: [{instanceType: m5.large, count: 6}]
taskDefinitions:
  - {family: web, revision: 1, containerDefinitions: [{name: app, cpu: 512, memory: 1024}]}
  - {family: web, revision: 2, containerDefinitions: [{name: app, cpu: 512, memory: 1024}]}
  - {family: agent, containerDefinitions: [{name: agent, cpu: 128, memory: 256}]}
services:
`

// running counts the service's RUNNING tasks per task definition from the
// timeline, at every event.
type counter struct {
	running map[string]map[string]bool // taskDefinition → task → running
	defs    map[int64]string
}

func newCounter() *counter {
	return &counter{running: map[string]map[string]bool{}, defs: map[int64]string{}}
}

func (c *counter) see(e *record.Event) {
	switch e.Type {
	case record.TaskPlaced:
		c.defs[e.Task] = e.TaskDefinition
	case record.TaskRunning:
		d := c.defs[e.Task]
		if c.running[d] == nil {
			c.running[d] = map[string]bool{}
		}
		c.running[d][fmt.Sprint(e.Task)] = true
	case record.TaskStopped:
		delete(c.running[c.defs[e.Task]], fmt.Sprint(e.Task))
	}
}

func (c *counter) total() int {
	n := 0
	for _, m := range c.running {
		n += len(m)
	}
	return n
}

// TestReplicaSpreadsOverZones: a REPLICA service without strategy balances
// its tasks over the zones, then the instances (docs/model.md §5.1,
// W-19: 6 tasks over 3 zones → 2 each, on 6 instances → 1 each).
func TestReplicaSpreadsOverZones(t *testing.T) {
	l, _ := simulate(t, fleet+"  - {serviceName: web, taskDefinition: web:1, desiredCount: 6}\n", nil)
	perZone, perInstance := map[string]int{}, map[string]int{}
	for _, e := range l.of(record.TaskPlaced) {
		perZone[e.AZ]++
		perInstance[e.Instance]++
	}
	if len(perZone) != 3 || len(perInstance) != 6 {
		t.Fatalf("zones %v, instances %v; want 2 per zone, 1 per instance", perZone, perInstance)
	}
	if len(l.of(record.ServiceSteadyState)) == 0 {
		t.Fatal("the service never reached steady state")
	}
}

// TestScaleInFollowsTheRule: scaling 6 → 3 stops one task per zone,
// keeping the zones balanced (§6.2).
func TestScaleInFollowsTheRule(t *testing.T) {
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 6
    desiredCountSchedule: [{at: 30m, desiredCount: 3}]
`, nil)
	zoneOf := map[int64]string{}
	for _, e := range l.of(record.TaskPlaced) {
		zoneOf[e.Task] = e.AZ
	}
	stoppedZones := map[string]int{}
	for _, e := range l.of(record.TaskStopped) {
		stoppedZones[zoneOf[e.Task]]++
	}
	if len(stoppedZones) != 3 {
		t.Fatalf("stops per zone %v, want one in each zone", stoppedZones)
	}
}

// TestRollingDeploymentKeepsTheMinimum: a deployment with
// minimumHealthyPercent 50, maximumPercent 150 and 4 tasks never has fewer
// than ceil(4 × 0.5) = 2 RUNNING tasks nor more than floor(4 × 1.5) = 6
// tasks, and completes (§6.4, W-14).
func TestRollingDeploymentKeepsTheMinimum(t *testing.T) {
	c := newCounter()
	started := false
	maxLive := 0
	live := map[int64]bool{}
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 4
    taskStartDelay: 20s
    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 150}
    deployments: [{at: 30m, taskDefinition: web:2}]
`, func(l *log, e *record.Event) {
		c.see(e)
		switch e.Type {
		case record.TaskSubmitted:
			live[e.Task] = true
		case record.TaskStopped:
			delete(live, e.Task)
		case record.ServiceDeploymentChanged:
			started = started || e.State == "IN_PROGRESS"
		}
		maxLive = max(maxLive, len(live))
		if started && e.T > 30*sim.Minute && c.total() < 2 {
			t.Fatalf("at %v only %d tasks running; minimumHealthyPercent 50 of 4 keeps 2", e.T, c.total())
		}
	})
	if maxLive > 6 {
		t.Fatalf("%d tasks at once; maximumPercent 150 of 4 allows 6", maxLive)
	}
	var states []string
	for _, e := range l.of(record.ServiceDeploymentChanged) {
		states = append(states, e.State)
	}
	if strings.Join(states, " ") != "IN_PROGRESS COMPLETED" || len(c.running["web:2"]) != 4 || len(c.running["web:1"]) != 0 {
		t.Fatalf("deployment states %v, running %v", states, c.running)
	}
}

// TestDeploymentStallsAt100And100: with minimumHealthyPercent and
// maximumPercent both 100 the scheduler can neither stop nor start a task
// and reports it (§6.4; confusion #18).
func TestDeploymentStallsAt100And100(t *testing.T) {
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 4
    deploymentConfiguration: {minimumHealthyPercent: 100, maximumPercent: 100}
    deployments: [{at: 30m, taskDefinition: web:2}]
`, nil)
	var states []string
	for _, e := range l.of(record.ServiceDeploymentChanged) {
		states = append(states, e.State)
		if e.State == "STALLED" && !strings.Contains(e.Cause, "unable to stop or start tasks during a deployment") {
			t.Fatalf("stall message %q", e.Cause)
		}
	}
	if strings.Join(states, " ") != "IN_PROGRESS STALLED" {
		t.Fatalf("deployment states %v, want IN_PROGRESS STALLED", states)
	}
	for _, e := range l.of(record.TaskPlaced) {
		if e.TaskDefinition == "web:2" {
			t.Fatal("a web:2 task started although 100/100 allows no change")
		}
	}
}

// TestCircuitBreakerRollsBack: a revision whose tasks all fail to start
// trips the circuit breaker after max(3, ceil(0.5 × 4)) = 3 failures; with
// rollback on, the service returns to the last completed revision (§6.5,
// W-15).
func TestCircuitBreakerRollsBack(t *testing.T) {
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 4
    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 200,
                              deploymentCircuitBreaker: {enable: true, rollback: true}}
    deployments: [{at: 30m, taskDefinition: web:2, startFailureRate: 1}]
`, nil)
	var states []string
	for _, e := range l.of(record.ServiceDeploymentChanged) {
		states = append(states, e.State+" "+e.TaskDefinition)
	}
	if strings.Join(states, ", ") != "IN_PROGRESS web:2, FAILED web:2, IN_PROGRESS web:1, COMPLETED web:1" {
		t.Fatalf("deployment states %v", states)
	}
	failed := 0
	for _, e := range l.of(record.TaskStopped) {
		if strings.HasPrefix(e.Reason, "TaskFailedToStart") {
			failed++
		}
	}
	if failed < 3 {
		t.Fatalf("%d start failures before the breaker tripped, want at least the threshold 3", failed)
	}
}

// TestThrottleBackOff: tasks that keep failing before RUNNING are retried
// with growing delays, capped at 15 minutes (§6.3; confusion #20).
func TestThrottleBackOff(t *testing.T) {
	l, _ := simulate(t, fleet+`  - {serviceName: web, taskDefinition: web:1, desiredCount: 1, startFailureRate: 1}
`, nil)
	var gaps []time.Duration
	var last sim.Time = -1
	for _, e := range l.of(record.TaskSubmitted) {
		if last >= 0 {
			gaps = append(gaps, e.T.Sub(last))
		}
		last = e.T
	}
	if len(gaps) < 6 || gaps[0] != 10*time.Second || gaps[1] != 20*time.Second || gaps[2] != 40*time.Second {
		t.Fatalf("gaps between attempts %v, want 10s, 20s, 40s, ...", gaps)
	}
	for _, g := range gaps {
		if g > 15*time.Minute {
			t.Fatalf("a gap of %v exceeds the 15-minute cap", g)
		}
	}
	if gaps[len(gaps)-1] != 15*time.Minute {
		t.Fatalf("last gap %v, want the 15-minute cap", gaps[len(gaps)-1])
	}
}

// TestDaemonOnEveryInstance: a DAEMON service runs exactly one task per
// ACTIVE instance that meets its constraints, at every sample, including
// instances an Auto Scaling group adds later, where it is placed first
// (§6.1); daemon tasks do not keep an instance from being empty (§1.3).
func TestDaemonOnEveryInstance(t *testing.T) {
	src := `
name: daemon
duration: 3h
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10, desiredCapacity: 2,
                         launchDelay: {distribution: constant, value: 60s}}
      managedScaling: {status: ENABLED, instanceWarmupPeriod: 60}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: agent, containerDefinitions: [{name: agent, cpu: 128, memory: 256}]}
  - {family: job, containerDefinitions: [{name: job, cpu: 1024, memory: 2048}]}
services:
  - {serviceName: agent, taskDefinition: agent, schedulingStrategy: DAEMON}
workloads:
  - {name: jobs, taskDefinition: job, arrivals: {process: batch, at: 10m, count: 10}, duration: {distribution: constant, value: 30m}}
`
	daemons := map[string]bool{}
	l, _ := simulate(t, src, func(l *log, e *record.Event) {
		switch {
		case e.Type == record.TaskPlaced && e.Owner == "agent":
			if daemons[e.Instance] {
				t.Fatalf("a second daemon task on %s", e.Instance)
			}
			daemons[e.Instance] = true
		case e.Type == record.TaskStopped && e.Owner == "agent":
			delete(daemons, e.Instance)
		}
	})
	for i, s := range l.samples {
		if i == 0 {
			continue
		}
		if s.InstancesRunning != countDaemons(l, s.T) {
			t.Fatalf("at %v: %d instances, %d daemon tasks", s.T, s.InstancesRunning, countDaemons(l, s.T))
		}
	}
	// The batch grows the group beyond 2 and, once it ends, the group
	// scales in although every instance runs a daemon task.
	if len(l.of(record.InstanceTerminated)) == 0 {
		t.Fatal("no scale-in: daemon tasks must not make instances non-empty")
	}
	// On every new instance the daemon task is the first task placed.
	first := map[string]string{}
	for _, e := range l.of(record.TaskPlaced) {
		if _, ok := first[e.Instance]; !ok {
			first[e.Instance] = e.Owner
		}
	}
	for in, owner := range first {
		if owner != "agent" {
			t.Fatalf("the first task on %s belongs to %s, not the daemon", in, owner)
		}
	}
}

// countDaemons counts the daemon tasks running (placed, not stopped) at t.
func countDaemons(l *log, at sim.Time) int {
	n := 0
	for _, e := range l.events {
		if e.T > at {
			break
		}
		if e.Owner != "agent" {
			continue
		}
		switch e.Type {
		case record.TaskPlaced:
			n++
		case record.TaskStopped:
			n--
		}
	}
	return n
}

// TestServiceAndClusterScaling: service auto scaling raises the desired
// count as a diurnal load grows; tasks that do not fit go PROVISIONING and
// drive cluster auto scaling; when the load falls both scale in (the
// two-level loop, §2 and §1).
func TestServiceAndClusterScaling(t *testing.T) {
	src := `
name: two-level
duration: 24h
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 1, maxSize: 30, desiredCapacity: 1,
                         launchDelay: {distribution: constant, value: 90s}}
      managedScaling: {status: ENABLED}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: api, cpu: "512", memory: "1024", containerDefinitions: [{name: api}]}
services:
  - serviceName: api
    taskDefinition: api
    desiredCount: 2
    placementStrategy: [{type: binpack, field: cpu}]
    serviceAutoScaling:
      minCapacity: 2
      maxCapacity: 60
      targetTracking: {metric: ECSServiceAverageCPUUtilization, targetValue: 60}
    load: {pattern: diurnal, min: 600, max: 12000, period: 24h, peakAt: 12h}
`
	l, _ := simulate(t, src, nil)
	var desired []int
	for _, e := range l.of(record.ServiceDesiredCountChanged) {
		desired = append(desired, e.To)
	}
	maxDesired := 0
	for _, d := range desired {
		maxDesired = max(maxDesired, d)
	}
	// At the peak, 12000 CPU units at 60 % need 12000 / (512 × 0.6) ≈ 40 tasks.
	if maxDesired < 35 || maxDesired > 45 {
		t.Fatalf("desired counts %v; the peak should need about 40 tasks", desired)
	}
	var provisioning bool
	for _, e := range l.of(record.TaskProvisioning) {
		provisioning = provisioning || e.Service == "api"
	}
	outs, ins := 0, 0
	for _, e := range l.of(record.DesiredCapacityChanged) {
		if e.To > e.From {
			outs++
		} else {
			ins++
		}
	}
	if !provisioning || outs == 0 || ins == 0 {
		t.Fatalf("provisioning %v, cluster scale-outs %d, scale-ins %d; want the service to drive both", provisioning, outs, ins)
	}
}

// deploymentStates lists a service's ServiceDeploymentChanged states.
func deploymentStates(l *log) string {
	var states []string
	for _, e := range l.of(record.ServiceDeploymentChanged) {
		states = append(states, e.State)
	}
	return strings.Join(states, " ")
}

// TestDeploymentStoppingToMakeRoomIsNotStalled: desired 4 with
// minimumHealthyPercent 50 and maximumPercent 100 (W-14) cannot start a new
// task before stopping old ones; in the same instant it stops 2 to make
// room. That is progress, not a stall (docs/model.md §6.4): the deployment
// goes IN_PROGRESS → COMPLETED.
func TestDeploymentStoppingToMakeRoomIsNotStalled(t *testing.T) {
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 4
    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 100}
    deployments: [{at: 30m, taskDefinition: web:2}]
`, nil)
	if got := deploymentStates(l); got != "IN_PROGRESS COMPLETED" {
		t.Fatalf("deployment states %q, want IN_PROGRESS COMPLETED", got)
	}
	stoppedAt30 := 0
	for _, e := range l.of(record.TaskStopped) {
		if e.T == 30*sim.Minute {
			stoppedAt30++
		}
	}
	if stoppedAt30 != 2 {
		t.Fatalf("%d tasks stopped at 30m, want 2 (4 − ceil(4 × 50 %%))", stoppedAt30)
	}
}

// TestThrottleIsNotAStall: a new revision whose tasks all fail to start,
// without a circuit breaker, makes the scheduler back off (ServiceThrottled,
// "unable to consistently start tasks successfully", docs/model.md §6.3);
// the deployment is never reported STALLED.
func TestThrottleIsNotAStall(t *testing.T) {
	l, _ := simulate(t, fleet+`  - serviceName: web
    taskDefinition: web:1
    desiredCount: 2
    deployments: [{at: 10m, taskDefinition: web:2, startFailureRate: 1}]
`, nil)
	if got := deploymentStates(l); strings.Contains(got, "STALLED") {
		t.Fatalf("deployment states %q: a throttled deployment is not stalled", got)
	}
	th := l.of(record.ServiceThrottled)
	if len(th) < 3 || th[0].Wait != 10*time.Second || th[1].Wait != 20*time.Second ||
		!strings.Contains(th[0].Reason, "unable to consistently start tasks successfully") {
		t.Fatalf("throttle events %+v, want back-offs of 10s, 20s, … with ECS's message", th)
	}
}
