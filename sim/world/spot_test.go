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
