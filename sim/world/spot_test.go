package world_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestFargateSpotServiceReplacesAtTheNotice is the knowledge-center article
// on Fargate Spot termination notices (docs/model.md §8.1): at the notice
// the service's scheduler starts a replacement at once (maximumPercent 200
// leaves room), and the interrupted task stops when its containers'
// stopTimeout runs out: 90 s here, not two minutes after the notice. With
// maximumPercent 100 the replacement waits until the old task has stopped.
func TestFargateSpotServiceReplacesAtTheNotice(t *testing.T) {
	src := `
name: fgspot
duration: 4h
cluster:
  capacityProviders: [{name: FARGATE}, {name: FARGATE_SPOT}]
  fargate: {provisioningDelay: {distribution: constant, value: 10s}}
model: {fargateSpotInterruptionsPerHour: 1}
taskDefinitions:
  - {family: api, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
     containerDefinitions: [{name: app, stopTimeout: 90}]}
services:
  - serviceName: api
    taskDefinition: api
    desiredCount: 2
    capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, weight: 1}]
    deploymentConfiguration: {minimumHealthyPercent: 100, maximumPercent: MAXP}
`
	for _, maxp := range []string{"200", "100"} {
		l, _ := simulate(t, strings.Replace(src, "MAXP", maxp, 1), nil)
		notices := l.of(record.TaskInterruptionNotice)
		if len(notices) == 0 {
			t.Fatalf("max %s: no interruption in 4h at 1 per task-hour", maxp)
		}
		for _, n := range notices {
			var stoppedAt sim.Time = -1
			for _, s := range l.of(record.TaskStopped) {
				if s.Task == n.Task {
					stoppedAt = s.T
				}
			}
			if stoppedAt >= 0 && stoppedAt != n.T.Add(90*time.Second) {
				t.Fatalf("max %s: task %d noticed at %v stopped at %v, want 90 s later (stopTimeout)", maxp, n.Task, n.T, stoppedAt)
			}
			// The replacement is the first task submitted at or after the
			// notice.
			var next sim.Time = -1
			for _, s := range l.of(record.TaskSubmitted) {
				if s.Task > n.Task && s.T >= n.T {
					next = s.T
					break
				}
			}
			switch {
			case next < 0:
				t.Fatalf("max %s: task %d interrupted at %v was never replaced", maxp, n.Task, n.T)
			case maxp == "200" && next != n.T:
				t.Fatalf("max 200: replacement of task %d submitted at %v, want at the notice %v", n.Task, next, n.T)
			case maxp == "100" && stoppedAt >= 0 && next < stoppedAt:
				t.Fatalf("max 100: replacement of task %d at %v before the old one stopped at %v", n.Task, next, stoppedAt)
			}
		}
	}
}

// TestSpotInstanceWithTasksTerminatedOnce: an EC2 Spot instance reclaimed
// while it still runs RunTask tasks (managed draining had set it DRAINING
// at the notice) is terminated once, with its tasks; the fleet counts stay
// those of the events (the Checker's Final). It was terminated twice: its
// last task stopping finished its draining from inside the termination.
func TestSpotInstanceWithTasksTerminatedOnce(t *testing.T) {
	src := `
name: dr
duration: 2h
cluster:
  capacityProviders:
    - name: spot
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 1, maxSize: 1, desiredCapacity: 1, spot: true}
      managedScaling: {status: ENABLED}
  defaultCapacityProviderStrategy: [{capacityProvider: spot, weight: 1}]
taskDefinitions:
  - {family: job, containerDefinitions: [{name: app, image: x, cpu: 256, memory: 512}]}
workloads:
  - {name: jobs, taskDefinition: job, arrivals: {process: poisson, ratePerMinute: 2}, duration: {distribution: constant, value: 5m}}
faults:
  - {type: spotInterruption, capacityProvider: spot, ratePerHour: 2}
`
	l, final := simulate(t, src, nil)
	seen := map[string]bool{}
	busy := 0
	for _, e := range l.of(record.InstanceTerminated) {
		if seen[e.Instance] {
			t.Fatalf("%s terminated twice", e.Instance)
		}
		seen[e.Instance] = true
		if e.Reason == record.TerminatedSpot && e.Tasks > 0 {
			busy++
		}
	}
	if busy == 0 || final.InstancesFinal != final.InstancesLaunched-final.InstancesTerm || final.InstancesFinal < 0 {
		t.Fatalf("%d busy reclaims; launched %d terminated %d final %d", busy, final.InstancesLaunched, final.InstancesTerm, final.InstancesFinal)
	}
}
