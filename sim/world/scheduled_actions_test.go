package world_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestScheduledActionsSetTheGroup: a group's scheduled actions
// (PutScheduledUpdateGroupAction) set its bounds and desired capacity at
// their times, the desired capacity held within the new bounds; an action
// whose minSize would exceed maxSize fails; a recurring action fires every
// period to the end. Hand-derived from a group of 2 (min 2, max 10):
//
//	10m up:      desired 5                 2 → 5
//	20m floor:   minSize 6                 5 → 6 (raised to the new min)
//	30m cap:     minSize 1, maxSize 3      6 → 3 (lowered to the new max)
//	40m bad:     minSize 5 (max stays 3)   fails: ScalingSkipped
//	50m tick:    desired 2, every 20m      3 → 2, then 2 → 2 at 70m, 90m, 110m
func TestScheduledActionsSetTheGroup(t *testing.T) {
	l, out := simulate(t, `
name: scheduled
duration: 2h
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup:
        instanceTypes: [m5.large]
        minSize: 2
        maxSize: 10
        launchDelay: {distribution: constant, value: 60s}
        scheduledActions:
          - {scheduledActionName: up, at: 10m, desiredCapacity: 5}
          - {scheduledActionName: floor, at: 20m, minSize: 6}
          - {scheduledActionName: cap, at: 30m, minSize: 1, maxSize: 3}
          - {scheduledActionName: bad, at: 40m, minSize: 5}
          - {scheduledActionName: tick, at: 50m, every: 20m, desiredCapacity: 2}
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: job, containerDefinitions: [{name: job, cpu: 256, memory: 512}]}
workloads:
  - {name: jobs, taskDefinition: job, arrivals: {process: batch, at: 1m, count: 1}, duration: {distribution: constant, value: 1m}}
`, nil)
	var got []string
	for _, e := range l.of(record.DesiredCapacityChanged) {
		name, _, _ := strings.Cut(strings.TrimPrefix(e.Cause, record.CauseScheduledAction), " ")
		got = append(got, fmt.Sprintf("%v %s %d→%d", e.T, name, e.From, e.To))
	}
	want := []string{"10m0s up 2→5", "20m0s floor 5→6", "30m0s cap 6→3", "50m0s tick 3→2", "1h10m0s tick 2→2", "1h30m0s tick 2→2", "1h50m0s tick 2→2"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("desired capacity changes:\n got %v\nwant %v", got, want)
	}
	// A desired capacity moved into the new bounds says from what.
	for _, e := range l.of(record.DesiredCapacityChanged) {
		if e.T == 20*sim.Minute && !strings.HasSuffix(e.Cause, "(minSize 6, maxSize 10, desiredCapacity 6, held within [6, 10] from 5)") {
			t.Errorf("the floor action's cause: %q", e.Cause)
		}
	}
	skipped := l.of(record.ScalingSkipped)
	if len(skipped) != 1 || skipped[0].T != 40*sim.Minute || !strings.Contains(skipped[0].Reason, "bad failed: minSize 5 above maxSize 3") {
		t.Errorf("the failing action: %+v", skipped)
	}
	if out.InstancesFinal != 2 || out.InstancesPeak != 6 {
		t.Errorf("instances final %d peak %d, want 2 and 6", out.InstancesFinal, out.InstancesPeak)
	}
	// Scaling actions count changes only: 2 up (10m, 20m), 2 down (30m, 50m).
	if out.ScaleOutActions != 2 || out.ScaleInActions != 2 {
		t.Errorf("scale-out %d, scale-in %d; want 2 and 2", out.ScaleOutActions, out.ScaleInActions)
	}
}
