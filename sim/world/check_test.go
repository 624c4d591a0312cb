package world_test

import (
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
)

// TestCheckerCatchesEachViolation feeds a Checker made-up events that break
// one law each and expects it to name the law: the checker must be able to
// fail (docs/model.md §7.3, §1.6, §4.3).
func TestCheckerCatchesEachViolation(t *testing.T) {
	src := `
name: chk
duration: 1h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 1, maxSize: 5}
      managedScaling: {status: ENABLED}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
taskDefinitions:
  - {family: a, containerDefinitions: [{name: a, cpu: 256, memory: 512}]}
`
	sc, err := scenarios.Parse("chk.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		events []record.Event
		want   string
	}{
		{"time backwards", []record.Event{{T: 2 * sim.Minute, Type: record.FaultInjected}, {T: sim.Minute, Type: record.FaultInjected}}, "time ran backwards"},
		{"after the end", []record.Event{{T: 2 * sim.Hour, Type: record.FaultInjected}}, "after the end"},
		{"submitted not accounted", []record.Event{{Type: record.TaskSubmitted, Task: 1}}, "submitted 1 != placed 0"},
		{"placed not accounted", []record.Event{{Type: record.TaskPlaced, Task: 1}}, "placed 1 != completed 0"},
		{"desired above max", []record.Event{{Type: record.DesiredCapacityChanged, Provider: "cp", From: 1, To: 6}}, "outside [1, 5]"},
		{"desired below min", []record.Event{{Type: record.DesiredCapacityChanged, Provider: "cp", From: 2, To: 0}}, "outside [1, 5]"},
		{"scale-in below ceil(100·M/T)", []record.Event{{Type: record.MetricPublished, Provider: "cp", M: 3, N: 4},
			{Type: record.DesiredCapacityChanged, Provider: "cp", From: 4, To: 2}}, "below ceil(100·M/T) = 3"},
		{"busy instance scaled in under MTP", []record.Event{{Type: record.InstanceTerminated, Provider: "cp", Instance: "i-1",
			Reason: record.TerminatedScaleIn, Tasks: 2}}, "with 2 non-daemon tasks"},
	} {
		chk := world.NewChecker(1)
		w, err := world.New(sc.Config, chk)
		if err != nil {
			t.Fatal(err)
		}
		chk.Attach(w)
		for i := range c.events {
			chk.Event(&c.events[i])
		}
		if err := chk.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Err() = %v, want it to mention %q", c.name, err, c.want)
		}
	}
	// An instance reported terminated while the cluster still has it
	// ACTIVE (cluster.Verify no longer walks terminated instances: the
	// checker checks each one as it goes).
	chk := world.NewChecker(1)
	w, _ := world.New(sc.Config, chk)
	chk.Attach(w)
	w.Run(nil)
	if err := chk.Err(); err != nil {
		t.Fatal(err)
	}
	chk.Event(&record.Event{T: sim.Hour, Type: record.InstanceTerminated, Provider: "cp", Instance: "i-1", InstanceSeq: 1, Reason: record.TerminatedFailure})
	if err := chk.Err(); err == nil || !strings.Contains(err.Error(), "terminated but ACTIVE") {
		t.Errorf("a terminated instance still ACTIVE: Err() = %v", err)
	}
	// A fault kills a busy instance legitimately; a scale-in at the floor
	// is fine.
	chk = world.NewChecker(1)
	w, _ = world.New(sc.Config, chk)
	chk.Attach(w)
	for _, e := range []record.Event{{Type: record.InstanceTerminated, Provider: "cp", Reason: record.TerminatedFailure, Tasks: 3},
		{Type: record.MetricPublished, Provider: "cp", M: 2, N: 4}, {Type: record.DesiredCapacityChanged, Provider: "cp", From: 4, To: 2}} {
		chk.Event(&e)
	}
	if err := chk.Err(); err != nil {
		t.Errorf("lawful events rejected: %v", err)
	}
}

// TestHostileServicesFinish: inputs that once crashed or hung a run that
// validate accepted (issue "Hostile input"): a DAEMON service with
// distinctInstance (index out of range), one whose memberOf its own task
// makes false (placed and stopped forever at one instant). Each must run
// to its end under the Checker.
func TestHostileServicesFinish(t *testing.T) {
	for _, c := range []string{
		"[{type: distinctInstance}]",
		`[{type: memberOf, expression: "runningTasksCount == 0"}]`,
		`[{type: memberOf, expression: "not(task:group == service:d)"}]`,
	} {
		src := `
name: h
duration: 2h
cluster:
  containerInstances: [{instanceType: m5.large, count: 3}]
taskDefinitions:
  - {family: agent, containerDefinitions: [{name: a, cpu: 256, memory: 512}]}
  - {family: job, containerDefinitions: [{name: j, cpu: 256, memory: 512}]}
services:
  - {serviceName: d, taskDefinition: agent, schedulingStrategy: DAEMON, placementConstraints: ` + c + `}
workloads:
  - {name: w, taskDefinition: job, arrivals: {process: poisson, ratePerMinute: 2}, duration: {distribution: constant, value: 5m}}
`
		l, final := simulate(t, src, nil)
		if final.Final == nil || final.Events > 100000 {
			t.Fatalf("%s: %d events: a loop", c, final.Events)
		}
		if placed := len(l.of(record.TaskPlaced)); placed == 0 {
			t.Fatalf("%s: nothing placed", c)
		}
	}
}

// TestProvisioningLimitPaths: the PROVISIONING limit holds for Fargate
// tasks too; a service task the limit refuses is not submitted (ECS creates
// no task; the service reports the placement failure); a service task
// stopped while PROVISIONING is counted as cancelled. Both accounting laws
// hold throughout (simulate runs the Checker).
func TestProvisioningLimitPaths(t *testing.T) {
	fg := `
name: fglimit
duration: 30m
cluster:
  capacityProviders: [{name: FARGATE}]
  provisioningLimit: 3
  fargate: {provisioningDelay: {distribution: constant, value: 1m}}
taskDefinitions:
  - {family: fg, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512", containerDefinitions: [{name: a}]}
workloads:
  - {name: w, taskDefinition: fg, launchType: FARGATE, arrivals: {process: batch, at: 1m, count: 5}, duration: {distribution: constant, value: 5m}}
`
	l, _ := simulate(t, fg, nil)
	if failed := l.of(record.TaskFailed); len(failed) != 2 || failed[0].Reason != world.ReasonProvisioningLimit {
		t.Fatalf("Fargate over the limit: %d failures %v, want 2 with %q", len(failed), failed, world.ReasonProvisioningLimit)
	}
	svc := `
name: svclimit
duration: 1h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], maxSize: 0}
      managedScaling: {status: ENABLED}
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
  provisioningLimit: 2
taskDefinitions:
  - {family: web, containerDefinitions: [{name: a, cpu: 256, memory: 512}]}
services:
  - serviceName: web
    taskDefinition: web
    desiredCount: 5
    desiredCountSchedule: [{at: 30m, desiredCount: 0}]
`
	l, final := simulate(t, svc, nil)
	if sub := len(l.of(record.TaskSubmitted)); sub != 2 {
		t.Fatalf("%d service tasks submitted, want 2 (the limit; the others are refused and never created)", sub)
	}
	if len(l.of(record.ServicePlacementFailed)) == 0 {
		t.Fatal("no ServicePlacementFailed for the refused tasks")
	}
	cancelled := 0
	for _, e := range l.of(record.TaskStopped) {
		if e.State == record.StateProvisioning {
			cancelled++
		}
	}
	if cancelled != 2 || final.TasksProvisioning != 0 {
		t.Fatalf("%d cancelled, %d still provisioning; want the 2 PROVISIONING tasks cancelled by the scale-in to 0", cancelled, final.TasksProvisioning)
	}
}
