package world_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// faultCluster: an Auto Scaling group of 6 m5.large over three zones with
// a spread service of 6 tasks and a RunTask job.
func faultCluster(faults, asgExtra string, workloads ...string) string {
	return `
name: faults
duration: 2h
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 6, maxSize: 12, desiredCapacity: 6,
                         launchDelay: {distribution: constant, value: 60s}` + asgExtra + `}
      managedScaling: {status: ENABLED}
      managedTerminationProtection: ENABLED
      managedDraining: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: web, containerDefinitions: [{name: app, cpu: 512, memory: 1024}]}
  - {family: job, containerDefinitions: [{name: job, cpu: 256, memory: 512}]}
services:
  - {serviceName: web, taskDefinition: web, desiredCount: 6}
workloads:
  - {name: jobs, taskDefinition: job, arrivals: {process: batch, at: 1m, count: 6}, duration: {distribution: constant, value: 1h30m}}
` + strings.Join(workloads, "") + `faults:
` + faults
}

// TestFailedInstanceTasksComeBackElsewhere: when an instance fails its
// service tasks are started on other instances, its RunTask tasks are lost
// and counted, and the Auto Scaling group replaces the instance.
func TestFailedInstanceTasksComeBackElsewhere(t *testing.T) {
	l, final := simulate(t, faultCluster("  - {type: instanceFailure, at: 30m, count: 1}\n", ""), nil)
	var failed string
	for _, e := range l.of(record.InstanceTerminated) {
		if e.T == 30*sim.Minute && e.Cause == "instance failure" {
			failed = e.Instance
		}
	}
	if failed == "" {
		t.Fatal("no instance failed at 30m")
	}
	svcLost, jobLost := 0, 0
	for _, e := range l.of(record.TaskStopped) {
		if e.Instance == failed && e.T == 30*sim.Minute {
			if e.Service == "web" {
				svcLost++
			} else {
				jobLost++
			}
		}
	}
	replaced := 0
	for _, e := range l.of(record.TaskPlaced) {
		if e.Service == "web" && e.T >= 30*sim.Minute {
			if e.Instance == failed {
				t.Fatal("a replacement went to the failed instance")
			}
			replaced++
		}
	}
	if svcLost == 0 || replaced != svcLost {
		t.Fatalf("%d service tasks stopped on the failed instance, %d started again; want equal and > 0", svcLost, replaced)
	}
	if final.TasksLost != jobLost {
		t.Fatalf("lost RunTask tasks %d, want %d", final.TasksLost, jobLost)
	}
	launchedAfter := 0
	for _, e := range l.of(record.InstanceLaunched) {
		if e.T == 30*sim.Minute {
			launchedAfter++
		}
	}
	if launchedAfter != 1 {
		t.Fatalf("%d instances launched at 30m, want 1 replacement", launchedAfter)
	}
}

// TestZoneOutageMovesASpreadService: an outage of us-east-1b takes its
// instances; the service's tasks return in the other zones, the group
// launches nothing in the dead zone during the window.
func TestZoneOutageMovesASpreadService(t *testing.T) {
	l, _ := simulate(t, faultCluster("  - {type: availabilityZoneOutage, availabilityZone: us-east-1b, at: 20m, duration: 30m}\n", ""), nil)
	for _, e := range l.of(record.InstanceLaunched) {
		if e.AZ == "us-east-1b" && e.T >= 20*sim.Minute && e.T < 50*sim.Minute {
			t.Fatalf("instance launched in us-east-1b during its outage at %v", e.T)
		}
	}
	at := func(when sim.Time) (n int, inB int) {
		r := map[int64]string{}
		for _, e := range l.events {
			if e.T > when {
				break
			}
			switch {
			case e.Type == record.TaskPlaced && e.Service == "web":
				r[e.Task] = e.AZ
			case e.Type == record.TaskStopped:
				delete(r, e.Task)
			}
		}
		for _, az := range r {
			if az == "us-east-1b" {
				inB++
			}
		}
		return len(r), inB
	}
	if n, inB := at(25 * sim.Minute); n != 6 || inB != 0 {
		t.Fatalf("at 25m: %d web tasks, %d in us-east-1b; want 6 and 0", n, inB)
	}
}

// TestAgentDisconnect: disconnected agents keep their tasks running but
// take no new ones (docs/model.md §4.1): with every agent down from 10m
// to 40m, the tasks submitted at 20m wait for new instances.
func TestAgentDisconnect(t *testing.T) {
	l, _ := simulate(t, faultCluster("  - {type: agentDisconnect, at: 10m, duration: 30m, count: 6}\n", "",
		"  - {name: late, taskDefinition: job, arrivals: {process: batch, at: 20m, count: 2}, duration: {distribution: constant, value: 5m}}\n"), nil)
	old := map[string]bool{}
	for _, e := range l.of(record.InstanceRegistered) {
		if e.T == 0 {
			old[e.Instance] = true
		}
	}
	for _, e := range l.of(record.TaskStopped) {
		if e.T >= 10*sim.Minute && e.T < 40*sim.Minute && old[e.Instance] {
			t.Fatalf("task %d on %s stopped at %v: a disconnected agent keeps its tasks", e.Task, e.Instance, e.T)
		}
	}
	for _, e := range l.of(record.TaskPlaced) {
		if e.Owner == "late" && (old[e.Instance] && e.T < 40*sim.Minute || e.T == 20*sim.Minute) {
			t.Fatalf("task %d placed on %s at %v while every old agent was disconnected", e.Task, e.Instance, e.T)
		}
	}
	if len(l.of(record.TaskProvisioning)) < 2 {
		t.Fatal("the late tasks should wait in PROVISIONING")
	}
}

// TestSpotInterruptionWithDraining: EC2 Spot instances get a two-minute
// notice; managed draining replaces the service tasks before the instance is
// reclaimed (docs/model.md §3.3, §4.4).
func TestSpotInterruptionWithDraining(t *testing.T) {
	l, _ := simulate(t, faultCluster("  - {type: spotInterruption, capacityProvider: asg, ratePerHour: 0.5}\n", ", spot: true"), nil)
	notices := l.of(record.InstanceInterruptionNotice)
	if len(notices) == 0 {
		t.Fatal("no Spot notice in 2h at 0.5 per instance-hour on 6 instances")
	}
	for _, n := range notices {
		reclaimed := false
		for _, e := range l.of(record.InstanceTerminated) {
			if e.Instance == n.Instance {
				reclaimed = e.T <= n.T.Add(2*time.Minute)
			}
		}
		if !reclaimed {
			t.Fatalf("%s not reclaimed within two minutes of its notice at %v", n.Instance, n.T)
		}
	}
	// Every service task stopped by a reclaim was replaced: the service
	// ends with its 6 tasks.
	running := 0
	for _, e := range l.events {
		switch {
		case e.Type == record.TaskRunning && l.serviceTask(e.Task):
			running++
		case e.Type == record.TaskStopped && e.Service == "web":
			running--
		}
	}
	if running != 6 {
		t.Fatalf("%d web tasks running at the end, want 6", running)
	}
}
