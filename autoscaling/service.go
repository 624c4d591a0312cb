package autoscaling

import (
	"fmt"
	"math"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// ServiceScalerConfig is Application Auto Scaling target tracking on an ECS
// service (docs/model.md §2, §14.6).
type ServiceScalerConfig struct {
	// Metric is the predefined metric's name, for messages:
	// ECSServiceAverageCPUUtilization or ...MemoryUtilization.
	Metric string
	// TargetValue is the utilization (percent) tracked.
	TargetValue float64
	// MinCapacity and MaxCapacity bound the desired count.
	MinCapacity, MaxCapacity int
	// ScaleOutCooldown and ScaleInCooldown space the actions (300 s).
	ScaleOutCooldown, ScaleInCooldown time.Duration
	// DisableScaleIn leaves scale-in to someone else.
	DisableScaleIn bool
	// ScaleOutDatapoints above the target put AlarmHigh in ALARM (3);
	// ScaleInDatapoints below ScaleInThreshold × target put AlarmLow in
	// ALARM (15, 0.9).
	ScaleOutDatapoints, ScaleInDatapoints int
	ScaleInThreshold                      float64
}

// ServiceScaler is the controller target tracking runs for a service: the
// world feeds it one utilization datapoint per period and applies the
// desired count it returns. A high alarm scales out to
// ceil(desired × metric / target), a low alarm scales in the same way, each
// after its cooldown, within [MinCapacity, MaxCapacity]; scale-in waits
// while a deployment runs and for ScaleInCooldown after a scale-out.
//
// Example: desired 2 at 90 % for target 60 → ceil(2 × 90 / 60) = 3.
type ServiceScaler struct {
	cfg                 ServiceScalerConfig
	High, Low           Alarm
	lastOut, lastIn     sim.Time
	scaledOut, scaledIn bool
}

// ServiceDecision is the outcome of one datapoint.
type ServiceDecision struct {
	// Scale is set when Desired is a new desired count.
	Scale   bool
	Desired int
	// Why says what decided it, in the policy's terms.
	Why string
	// HighChanged and LowChanged report alarm state changes.
	HighChanged, LowChanged bool
}

// NewServiceScaler returns the controller of cfg, both alarms in
// INSUFFICIENT_DATA.
func NewServiceScaler(cfg ServiceScalerConfig) *ServiceScaler {
	return &ServiceScaler{cfg: cfg,
		High: Alarm{Name: "AlarmHigh", Threshold: cfg.TargetValue, Greater: true, Datapoints: cfg.ScaleOutDatapoints},
		Low:  Alarm{Name: "AlarmLow", Threshold: cfg.TargetValue * cfg.ScaleInThreshold, Datapoints: cfg.ScaleInDatapoints}}
}

// Tick evaluates the utilization v published at now for a service whose
// desired count is desired; deploying is set while a deployment runs.
func (s *ServiceScaler) Tick(now sim.Time, v float64, desired int, deploying bool) ServiceDecision {
	d := ServiceDecision{Desired: desired, HighChanged: s.High.Observe(v), LowChanged: s.Low.Observe(v)}
	want := int(math.Ceil(float64(desired) * v / s.cfg.TargetValue))
	want = min(max(want, s.cfg.MinCapacity), s.cfg.MaxCapacity)
	cooled := func(scaled bool, last sim.Time, cooldown time.Duration) bool {
		return !scaled || now.Sub(last) >= cooldown
	}
	switch {
	case s.High.State == InAlarm && want > desired && cooled(s.scaledOut, s.lastOut, s.cfg.ScaleOutCooldown):
		s.lastOut, s.scaledOut = now, true
		d.Scale, d.Desired = true, want
		d.Why = fmt.Sprintf("target tracking: %s %.1f > target %.0f for %d datapoints", s.cfg.Metric, v, s.cfg.TargetValue, s.High.Datapoints)
	case s.Low.State == InAlarm && want < desired && !s.cfg.DisableScaleIn && !deploying &&
		cooled(s.scaledIn, s.lastIn, s.cfg.ScaleInCooldown) && cooled(s.scaledOut, s.lastOut, s.cfg.ScaleInCooldown):
		s.lastIn, s.scaledIn = now, true
		d.Scale, d.Desired = true, want
		d.Why = fmt.Sprintf("target tracking: %s %.1f < %.0f %% of target %.0f for %d datapoints", s.cfg.Metric, v,
			100*s.cfg.ScaleInThreshold, s.cfg.TargetValue, s.Low.Datapoints)
	}
	return d
}
