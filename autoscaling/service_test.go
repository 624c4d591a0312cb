package autoscaling

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// svcCfg is target tracking at 60 % CPU with 3-datapoint alarms both ways,
// so the tables stay short (docs/model.md §2; AWS uses 3 and 15).
func svcCfg() ServiceScalerConfig {
	return ServiceScalerConfig{Metric: "ECSServiceAverageCPUUtilization", TargetValue: 60,
		MinCapacity: 1, MaxCapacity: 10, ScaleOutCooldown: 300 * time.Second, ScaleInCooldown: 300 * time.Second,
		ScaleOutDatapoints: 3, ScaleInDatapoints: 3, ScaleInThreshold: 0.9}
}

// svcStep is one datapoint fed to the scaler and the desired count expected
// after it (0: no change).
type svcStep struct {
	at        time.Duration
	v         float64
	deploying bool
	want      int
}

func runSvc(t *testing.T, cfg ServiceScalerConfig, desired int, steps []svcStep) {
	t.Helper()
	s := NewServiceScaler(cfg)
	for _, st := range steps {
		d := s.Tick(sim.At(st.at), st.v, desired, st.deploying)
		got := 0
		if d.Scale {
			got = d.Desired
			desired = d.Desired
			if d.Why == "" {
				t.Errorf("t=%v: scaled to %d without a reason", st.at, d.Desired)
			}
		} else if d.Desired != desired {
			t.Errorf("t=%v: no scale but Desired %d != %d", st.at, d.Desired, desired)
		}
		if got != st.want {
			t.Fatalf("t=%v v=%.0f: scaled to %d, want %d (0 = no action)", st.at, st.v, got, st.want)
		}
	}
}

// TestServiceScalerTargetTracking_model2 derives each step by hand from
// docs/model.md §2: desired' = ceil(desired × metric / target), bounded by
// [min, max], after M of M datapoints, spaced by the cooldowns.
func TestServiceScalerTargetTracking_model2(t *testing.T) {
	s := time.Second
	t.Run("scale out after 3 datapoints then waits the cooldown", func(t *testing.T) {
		runSvc(t, svcCfg(), 2, []svcStep{
			{0, 90, false, 0}, {60 * s, 90, false, 0},
			{120 * s, 90, false, 3}, // ceil(2 × 90 / 60) = 3
			{180 * s, 90, false, 0}, // 60 s into the 300 s cooldown
			{360 * s, 90, false, 0}, // 240 s
			{420 * s, 90, false, 5}, // ceil(3 × 1.5) = 5 at 300 s
		})
	})
	t.Run("scale out capped at max", func(t *testing.T) {
		runSvc(t, svcCfg(), 8, []svcStep{{0, 120, false, 0}, {60 * s, 120, false, 0}, {120 * s, 120, false, 10}})
	})
	t.Run("scale in after 3 low datapoints", func(t *testing.T) {
		runSvc(t, svcCfg(), 4, []svcStep{
			{0, 30, false, 0}, {60 * s, 30, false, 0},
			{120 * s, 30, false, 2}, // ceil(4 × 30 / 60) = 2
		})
	})
	t.Run("no scale in between 0.9×target and target", func(t *testing.T) {
		runSvc(t, svcCfg(), 4, []svcStep{{0, 55, false, 0}, {60 * s, 55, false, 0}, {120 * s, 55, false, 0}, {180 * s, 55, false, 0}})
	})
	t.Run("scale in floored at min", func(t *testing.T) {
		cfg := svcCfg()
		cfg.MinCapacity = 2
		runSvc(t, cfg, 3, []svcStep{{0, 1, false, 0}, {60 * s, 1, false, 0}, {120 * s, 1, false, 2}}) // ceil(0.05) = 1 → min 2
	})
	t.Run("scale in waits for a deployment", func(t *testing.T) {
		runSvc(t, svcCfg(), 4, []svcStep{
			{0, 30, true, 0}, {60 * s, 30, true, 0}, {120 * s, 30, true, 0},
			{180 * s, 30, false, 2},
		})
	})
	t.Run("scale in waits the scale-in cooldown after a scale-out", func(t *testing.T) {
		runSvc(t, svcCfg(), 2, []svcStep{
			{0, 90, false, 0}, {60 * s, 90, false, 0}, {120 * s, 90, false, 3},
			{180 * s, 20, false, 0}, {240 * s, 20, false, 0},
			{300 * s, 20, false, 0}, // low alarm, but only 180 s since the scale-out
			{360 * s, 20, false, 0}, // 240 s
			{420 * s, 20, false, 1}, // 300 s: ceil(3 × 20 / 60) = 1
		})
	})
	t.Run("disableScaleIn", func(t *testing.T) {
		cfg := svcCfg()
		cfg.DisableScaleIn = true
		runSvc(t, cfg, 4, []svcStep{{0, 10, false, 0}, {60 * s, 10, false, 0}, {120 * s, 10, false, 0}, {180 * s, 10, false, 0}})
	})
}
