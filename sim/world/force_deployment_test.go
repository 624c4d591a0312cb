package world_test

import (
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestForceNewDeploymentReplacesEveryTask: UpdateService
// --force-new-deployment with the revision the service already runs
// replaces each of its tasks (docs/model.md §6.4): 4 tasks stopped as
// replaced, 4 placed after 30m, one deployment COMPLETED; without the flag
// the same revision is a deployment with nothing to replace.
func TestForceNewDeploymentReplacesEveryTask(t *testing.T) {
	for _, force := range []bool{true, false} {
		flag := ", taskDefinition: web"
		if force {
			flag = ", forceNewDeployment: true"
		}
		l, _ := simulate(t, `
name: force
duration: 1h
cluster:
  containerInstances: [{instanceType: m5.large, count: 4}]
taskDefinitions:
  - {family: web, containerDefinitions: [{name: app, cpu: 512, memory: 1024}]}
services:
  - serviceName: web
    taskDefinition: web
    desiredCount: 4
    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 100}
    deployments: [{at: 30m`+flag+`}]
`, nil)
		replaced, placedAfter := 0, 0
		for _, e := range l.events {
			switch {
			case e.Type == record.TaskStopped && strings.Contains(e.Reason, "(deployment)"):
				replaced++
			case e.Type == record.TaskPlaced && e.T >= 30*sim.Minute:
				placedAfter++
			}
		}
		completed := 0
		for _, e := range l.of(record.ServiceDeploymentChanged) {
			if e.State == "COMPLETED" {
				completed++
			}
		}
		want := map[bool][3]int{true: {4, 4, 1}, false: {0, 0, 1}}[force]
		if got := [3]int{replaced, placedAfter, completed}; got != want {
			t.Errorf("force %v: replaced, placed after 30m, completed = %v, want %v", force, got, want)
		}
	}
}
