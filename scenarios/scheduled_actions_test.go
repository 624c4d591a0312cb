package scenarios

import (
	"strings"
	"testing"
	"time"
)

// TestScheduledActionValidation: a scheduled action needs a unique name, a
// time within the run, a period of at least a minute, at least one size,
// and sizes the API would accept together (minSize ≤ desiredCapacity ≤
// maxSize); each error names the line, the field and what is accepted.
func TestScheduledActionValidation(t *testing.T) {
	for _, tc := range []struct {
		name, action string
		want         wantLine
	}{
		{"no name", "{at: 1m, desiredCapacity: 2}",
			wantLine{"6:97", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].scheduledActionName", "required"}},
		{"beyond the run", "{scheduledActionName: a, at: 2d, desiredCapacity: 2}",
			wantLine{"6:126", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].at", "between 0s and the scenario duration (1d)"}},
		{"every second", "{scheduledActionName: a, at: 1m, every: 1s, desiredCapacity: 2}",
			wantLine{"6:137", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].every", "must be at least 1m"}},
		{"no size", "{scheduledActionName: a, at: 1m}",
			wantLine{"6:97", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0]", "give at least one of minSize, maxSize, desiredCapacity"}},
		{"min above max", "{scheduledActionName: a, at: 1m, minSize: 5, maxSize: 2}",
			wantLine{"6:151", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].maxSize", "must be >= minSize (5) (got 2)"}},
		{"desired above max", "{scheduledActionName: a, at: 1m, maxSize: 2, desiredCapacity: 3}",
			wantLine{"6:159", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].desiredCapacity", "between the action's minSize and maxSize (got 3)"}},
		{"negative size", "{scheduledActionName: a, at: 1m, minSize: -1}",
			wantLine{"6:139", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].minSize", "must be at least 0 and at most 1000000"}},
		{"same name twice", "{scheduledActionName: a, at: 1m, desiredCapacity: 1}, {scheduledActionName: a, at: 2m, desiredCapacity: 1}",
			wantLine{"6:173", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[1].scheduledActionName", `"a" is used by another scheduled action of this group`}},
		{"unknown key", "{scheduledActionName: a, at: 1m, recurrence: '0 * * * *'}",
			wantLine{"6:130", "cluster.capacityProviders[0].autoScalingGroup.scheduledActions[0].recurrence", "unknown field \"recurrence\" (accepted: scheduledActionName, at, every, minSize, maxSize, desiredCapacity)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(providerScenario, "maxSize: 10}", "maxSize: 10, scheduledActions: ["+tc.action+"]}", 1)
			src = strings.Replace(src, "name: p\n", "name: p\nduration: 1d\n", 1)
			checkLines(t, "p.yaml", parseErrors(t, "p.yaml", src), []wantLine{tc.want})
		})
	}
}

// TestScheduledActionConverts: sizes left out are -1 (unchanged), times
// and the period are kept.
func TestScheduledActionConverts(t *testing.T) {
	src := strings.Replace(providerScenario, "maxSize: 10}", "maxSize: 10, scheduledActions: [{scheduledActionName: night, at: 1h, every: 1d, desiredCapacity: 0}]}", 1)
	a := mustParse(t, "p.yaml", src).Config.CapacityProviders[0].ASG.ScheduledActions
	if len(a) != 1 || a[0].Name != "night" || a[0].At != time.Hour || a[0].Every != 24*time.Hour ||
		a[0].MinSize != -1 || a[0].MaxSize != -1 || a[0].DesiredCapacity != 0 {
		t.Errorf("scheduled actions %+v", a)
	}
}
