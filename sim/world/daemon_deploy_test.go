package world_test

import (
	"testing"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestDaemonDeploymentCompletesAndKeepsItsRoom: a DAEMON service's
// deployments (a forced one at 1h, a new revision at 2h) replace the task
// on each of the 2 instances in the same instant, before the PROVISIONING
// jobs that wait for room can take it (ECS reserves a daemon's resources
// and places it first, docs/model.md §6.1), and each deployment reaches
// COMPLETED once both instances run the new task, healthy 40 s later
// (healthyAfter's default).
func TestDaemonDeploymentCompletesAndKeepsItsRoom(t *testing.T) {
	l, _ := simulate(t, `
name: d
duration: 3h
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 2, maxSize: 2, desiredCapacity: 2}
      managedScaling: {status: ENABLED}
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: agent, revision: 1, containerDefinitions: [{name: a, cpu: 128, memory: 128}]}
  - {family: agent, revision: 2, containerDefinitions: [{name: a, cpu: 128, memory: 128}]}
  - {family: job, containerDefinitions: [{name: j, cpu: 512, memory: 512}]}
services:
  - {serviceName: agent, taskDefinition: agent:1, schedulingStrategy: DAEMON, launchType: EC2,
     deployments: [{at: 1h, forceNewDeployment: true}, {at: 2h, taskDefinition: agent:2}]}
workloads:
  - {name: jobs, taskDefinition: job, arrivals: {process: poisson, ratePerMinute: 10}, duration: {distribution: constant, value: 5m}}
`, nil)
	var states []string
	for _, e := range l.of(record.ServiceDeploymentChanged) {
		states = append(states, e.T.String()+" "+e.State)
	}
	want := []string{"1h0m0s IN_PROGRESS", "1h0m40s COMPLETED", "2h0m0s IN_PROGRESS", "2h0m40s COMPLETED"}
	if len(states) != len(want) {
		t.Fatalf("deployment states %v, want %v", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Errorf("deployment states %v, want %v", states, want)
			break
		}
	}
	if f := l.of(record.ServicePlacementFailed); len(f) > 0 {
		t.Errorf("the daemon lost its room: %+v", f[0])
	}
	placed := map[sim.Time]int{}
	for _, e := range l.of(record.TaskPlaced) {
		if e.Service == "agent" {
			placed[e.T]++
		}
	}
	if placed[0] != 2 || placed[sim.Hour] != 2 || placed[2*sim.Hour] != 2 {
		t.Errorf("daemon tasks placed at 0, 1h, 2h: %d, %d, %d; want 2 each", placed[0], placed[sim.Hour], placed[2*sim.Hour])
	}
}
