package scenarios

import (
	"time"

	"github.com/ecsim/ecsim/sim/world"
)

// model checks the model: block and fills the world's Model.
func (v *validator) model(m *ModelSpec) world.Model {
	out := world.DefaultModel()
	if m.MetricPeriod.Set {
		out.MetricPeriod = m.MetricPeriod.D
		if out.MetricPeriod < time.Second {
			v.errf("model.metricPeriod", "must be at least 1s (got %s)", FormatDuration(out.MetricPeriod))
		}
	}
	out.HighDatapoints = deref(m.HighAlarmDatapoints, out.HighDatapoints)
	out.LowDatapoints = deref(m.LowAlarmDatapoints, out.LowDatapoints)
	v.intRange("model.highAlarmDatapoints", int64(out.HighDatapoints), 1, 1440)
	v.intRange("model.lowAlarmDatapoints", int64(out.LowDatapoints), 1, 1440)
	if m.ScaleInWaitAfterScaleOut.Set {
		out.ScaleInWait = m.ScaleInWaitAfterScaleOut.D
	}
	if m.ScaleInMaxFraction != nil {
		out.ScaleInMaxFraction = *m.ScaleInMaxFraction
	}
	v.fraction("model.scaleInMaxFraction", out.ScaleInMaxFraction, true)
	choices := modelChoices()
	out.ProportionalFromZero = v.choice("model.scaleOutFromZero", m.ScaleOutFromZero, choices["scaleOutFromZero"])
	out.FixedStepForMixedGroups = v.choice("model.mixedGroupScaleOut", m.MixedGroupScaleOut, choices["mixedGroupScaleOut"])
	out.LegacyScaleInMetric = v.choice("model.scaleInMetric", m.ScaleInMetric, choices["scaleInMetric"])
	if m.ProvisioningRetryDelay.Set {
		out.ProvisioningRetryDelay = m.ProvisioningRetryDelay.D
	}
	if m.ManagedDrainingTimeout.Set {
		out.ManagedDrainingTimeout = m.ManagedDrainingTimeout.D
	}
	for path, d := range map[string]time.Duration{"model.scaleInWaitAfterScaleOut": out.ScaleInWait,
		"model.provisioningRetryDelay": out.ProvisioningRetryDelay, "model.managedDrainingTimeout": out.ManagedDrainingTimeout} {
		if d < 0 {
			v.errf(path, "must be >= 0 (got %s)", FormatDuration(d))
		}
	}
	out.FargateSpotInterruptionsPerHour = m.FargateSpotInterruptionsPerHour
	if out.FargateSpotInterruptionsPerHour < 0 {
		v.errf("model.fargateSpotInterruptionsPerHour", "must be >= 0 (got %v)", out.FargateSpotInterruptionsPerHour)
	}
	v.serviceModel(m, &out)
	return out
}

// serviceModel reads the alarm evaluation delay and the service scheduler
// and service auto scaling choices (docs/model.md §14).
func (v *validator) serviceModel(m *ModelSpec, out *world.Model) {
	if m.AlarmEvaluationDelay.Set {
		out.AlarmEvaluationDelay = m.AlarmEvaluationDelay.D
		v.durationRange("model.alarmEvaluationDelay", out.AlarmEvaluationDelay, 0, time.Hour)
	}
	if m.ServiceThrottleInitialDelay.Set {
		out.ServiceThrottleInitialDelay = m.ServiceThrottleInitialDelay.D
		v.durationRange("model.serviceThrottleInitialDelay", out.ServiceThrottleInitialDelay, time.Second, 15*time.Minute)
	}
	out.ServiceScaleOutDatapoints = deref(m.ServiceScaleOutDatapoints, out.ServiceScaleOutDatapoints)
	out.ServiceScaleInDatapoints = deref(m.ServiceScaleInDatapoints, out.ServiceScaleInDatapoints)
	v.intRange("model.serviceScaleOutDatapoints", int64(out.ServiceScaleOutDatapoints), 1, 1440)
	v.intRange("model.serviceScaleInDatapoints", int64(out.ServiceScaleInDatapoints), 1, 1440)
	if m.ServiceScaleInThreshold != nil {
		out.ServiceScaleInThreshold = *m.ServiceScaleInThreshold
	}
	v.fraction("model.serviceScaleInThreshold", out.ServiceScaleInThreshold, true)
}

// durationRange checks lo <= d <= hi.
func (v *validator) durationRange(path string, d, lo, hi time.Duration) {
	if d < lo || d > hi {
		v.errf(path, "must be between %s and %s (got %s)", FormatDuration(lo), FormatDuration(hi), FormatDuration(d))
	}
}

// fraction checks that x is between 0 and 1 (above 0 when positive).
func (v *validator) fraction(path string, x float64, positive bool) {
	if x < 0 || x > 1 || positive && x == 0 {
		v.errf(path, "must be a fraction between 0 and 1 (got %v)", x)
	}
}

// modelChoices are the two-valued settings of the model: block by key,
// the default first.
func modelChoices() map[string][2]string {
	return map[string][2]string{"scaleOutFromZero": {"two", "proportional"},
		"mixedGroupScaleOut": {"estimate", "minimum-step"}, "scaleInMetric": {"needed-over-running", "hundred-minus-empty"}}
}

// choice reads a two-valued setting: "" or the first is false, the second true.
func (v *validator) choice(path, s string, values [2]string) bool {
	switch s {
	case "", values[0]:
		return false
	case values[1]:
		return true
	}
	v.errf(path, "unknown value %q%s", s, accepted(values[:]...))
	return false
}
