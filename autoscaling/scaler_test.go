package autoscaling_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim"
)

// minute returns the time m minutes after the start.
func minute(m int) sim.Time { return sim.Time(m) * sim.Minute }

// grp is an Auto Scaling group with desired capacity d, min 0 and max 100,
// nothing warming up.
func grp(d int) autoscaling.GroupState { return autoscaling.GroupState{Desired: d, Max: 100} }

// want checks a decision's action and desired capacity, and that Why
// contains each of whys.
func want(t *testing.T, at string, d autoscaling.Decision, action autoscaling.Action, desired int, whys ...string) {
	t.Helper()
	if d.Action != action || d.Desired != desired {
		t.Fatalf("%s: action %d desired %d (%q), want action %d desired %d", at, d.Action, d.Desired, d.Why, action, desired)
	}
	for _, w := range whys {
		if !strings.Contains(d.Why, w) {
			t.Errorf("%s: Why %q does not mention %q", at, d.Why, w)
		}
	}
}

// TestDefaultScalerConfig: ECS's defaults (§0, §1.4, §2).
func TestDefaultScalerConfig(t *testing.T) {
	c := autoscaling.DefaultScalerConfig(100)
	w := autoscaling.ScalerConfig{TargetCapacity: 100, WarmupPeriod: 300 * time.Second, ScaleInWait: 15 * time.Minute,
		ScaleInMaxFraction: 0.5, HighDatapoints: 1, LowDatapoints: 15}
	if c != w {
		t.Errorf("DefaultScalerConfig(100) = %+v, want %+v", c, w)
	}
	s := autoscaling.NewScaler(c)
	if s.Config() != c {
		t.Errorf("Config() = %+v, want %+v", s.Config(), c)
	}
	if s.High.State != autoscaling.InsufficientData || s.Low.State != autoscaling.InsufficientData {
		t.Errorf("new scaler alarms %v / %v, want INSUFFICIENT_DATA", s.High.State, s.Low.State)
	}
	if s.High.Threshold != 100 || s.Low.Threshold != 100 || s.High.Datapoints != 1 || s.Low.Datapoints != 15 {
		t.Errorf("alarms %+v / %+v, want thresholds 100, 1 and 15 datapoints", s.High, s.Low)
	}
}

// TestScalerFromZeroW2 is W-2 / §1.5 step 5: from zero instances the first
// scale-out is 2 instances whatever M, and whatever the target.
func TestScalerFromZeroW2(t *testing.T) {
	for _, target := range []int{100, 80, 50} {
		for _, m := range []int{1, 3, 10, 500} {
			s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(target))
			d := s.Tick(0, metric(m, 0), grp(0))
			want(t, "W-2", d, autoscaling.ScaleOut, 2, "from zero", "AlarmHigh")
			if !d.HighChanged || s.High.State != autoscaling.InAlarm {
				t.Errorf("target %d M %d: high alarm %v changed %v, want ALARM changed", target, m, s.High.State, d.HighChanged)
			}
		}
	}
}

// TestScalerProportionalFromZero: the switch of docs/model.md §14 — current
// capacity taken as 1, desired = ceil(200 / target).
func TestScalerProportionalFromZero(t *testing.T) {
	for _, c := range []struct{ target, max, want int }{
		{100, 100, 2}, {50, 100, 4}, {80, 100, 3}, {25, 100, 8}, {90, 100, 3}, {25, 5, 5},
	} {
		cfg := autoscaling.DefaultScalerConfig(c.target)
		cfg.ProportionalFromZero = true
		s := autoscaling.NewScaler(cfg)
		g := grp(0)
		g.Max = c.max
		want(t, "proportional from zero", s.Tick(0, metric(7, 0), g), autoscaling.ScaleOut, c.want)
	}
}

// TestScalerW1NoAction is W-1: M = N = 0 → CPR 100, no action at target 100.
func TestScalerW1NoAction(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := range 30 {
		d := s.Tick(minute(i), metric(0, 0), grp(0))
		want(t, "W-1", d, autoscaling.NoAction, 0)
	}
	if s.High.State != autoscaling.OK || s.Low.State != autoscaling.OK {
		t.Errorf("alarms %v / %v, want OK / OK", s.High.State, s.Low.State)
	}
}

// TestScalerW3NoScaling is W-3: M = N = 3 → 100, nothing happens.
func TestScalerW3NoScaling(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := range 30 {
		want(t, "W-3", s.Tick(minute(i), metric(3, 3), grp(3)), autoscaling.NoAction, 3)
	}
}

// TestScalerW4ScaleOut is W-4: N = 3, M = 4 → CPR 133.33 → desired 4.
func TestScalerW4ScaleOut(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	d := s.Tick(0, metric(4, 3), grp(3))
	want(t, "W-4", d, autoscaling.ScaleOut, 4, "AlarmHigh", "133.33", "M = 4", "N = 3")
	if strings.Contains(d.Why, "from zero") {
		t.Errorf("W-4: Why %q mentions from zero", d.Why)
	}
	if !d.HighChanged || !d.LowChanged {
		t.Errorf("first datapoint: HighChanged %v LowChanged %v, want both (INSUFFICIENT_DATA → ALARM / OK)", d.HighChanged, d.LowChanged)
	}
}

// TestScalerW7Target50 is W-7: N = 3, M = 2, target 50 → 66.67 > 50 →
// desired ceil(200/50) = 4 (not 5); then CPR 50 = target and it holds.
func TestScalerW7Target50(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(50))
	want(t, "W-7", s.Tick(0, metric(2, 3), grp(3)), autoscaling.ScaleOut, 4)
	for i := 1; i <= 40; i++ {
		want(t, "W-7 after", s.Tick(minute(i), metric(2, 4), grp(4)), autoscaling.NoAction, 4)
	}
}

// TestScalerWarmupGate is §1.5 step 6 / W-9: no scale-out while an instance
// is younger than instanceWarmupPeriod.
func TestScalerWarmupGate(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g := grp(3)
	g.Warming = 1
	d := s.Tick(0, metric(4, 3), g)
	want(t, "warming", d, autoscaling.NoAction, 3, "warm-up", "1 instance still within the 5m warm-up")
	if s.High.State != autoscaling.InAlarm {
		t.Errorf("high alarm %v, want ALARM while blocked", s.High.State)
	}
	g.Warming = 2
	want(t, "still warming", s.Tick(minute(1), metric(6, 3), g), autoscaling.NoAction, 3, "warm-up")
	g.Warming = 0
	want(t, "warm", s.Tick(minute(2), metric(6, 3), g), autoscaling.ScaleOut, 6)

	// From zero too: instances launched but not yet registered.
	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g = autoscaling.GroupState{Desired: 2, Max: 10, Warming: 2}
	want(t, "from zero, warming", s.Tick(0, metric(5, 0), g), autoscaling.NoAction, 2, "warm-up")
}

// TestScalerClampMax: the ASG never goes above MaxSize (§2, confusion #2).
func TestScalerClampMax(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g := autoscaling.GroupState{Desired: 3, Max: 6}
	want(t, "clamped to max", s.Tick(0, metric(20, 3), g), autoscaling.ScaleOut, 6)

	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g = autoscaling.GroupState{Desired: 10, Max: 10}
	want(t, "at max", s.Tick(0, metric(20, 10), g), autoscaling.NoAction, 10, "maxSize 10")

	// Confusion #2: MaxSize 0 — tasks stay PROVISIONING.
	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g = autoscaling.GroupState{}
	want(t, "max 0", s.Tick(0, metric(5, 0), g), autoscaling.NoAction, 0, "maxSize 0")
	// Max 1 from zero: 2 clamped to 1.
	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	want(t, "max 1 from zero", s.Tick(0, metric(5, 0), autoscaling.GroupState{Max: 1}), autoscaling.ScaleOut, 1)
}

// TestScalerClampMin: the ASG never goes below MinSize (§2).
func TestScalerClampMin(t *testing.T) {
	// Scale-out raised to min: desired 1 below min 3, M = 2 → 3.
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	want(t, "raised to min", s.Tick(0, metric(2, 1), autoscaling.GroupState{Desired: 1, Min: 3, Max: 10}), autoscaling.ScaleOut, 3)

	// Scale-in stops at min: N = 3, M = 0, min 2.
	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	g := autoscaling.GroupState{Desired: 3, Min: 2, Max: 10}
	for i := 1; i < 15; i++ {
		want(t, "low", s.Tick(minute(i), metric(0, 3), g), autoscaling.NoAction, 3)
	}
	want(t, "scale-in to min", s.Tick(minute(15), metric(0, 3), g), autoscaling.ScaleIn, 2)
	g.Desired = 2
	want(t, "at min", s.Tick(minute(16), metric(0, 2), g), autoscaling.NoAction, 2, "minSize 2")
}

// TestScalerAlreadyCovers: breaches don't stack (§1.5 step 6): desired 4
// already covers M = 4 while the 4th instance boots.
func TestScalerAlreadyCovers(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	want(t, "covered", s.Tick(0, metric(4, 3), grp(4)), autoscaling.NoAction, 4, "already covers")
}

// TestScalerScaleInW5W6 is W-5/W-6: N = 3, M = 2 → 66.67 < 100 for 15
// datapoints → N 3 → 2; then CPR 100 and the low alarm clears.
func TestScalerScaleInW5W6(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := 1; i <= 14; i++ {
		d := s.Tick(minute(i), metric(2, 3), grp(3))
		want(t, "W-5 minute "+itoa(i), d, autoscaling.NoAction, 3)
		if d.LowChanged != (i == 1) {
			t.Errorf("minute %d: LowChanged %v", i, d.LowChanged)
		}
	}
	d := s.Tick(minute(15), metric(2, 3), grp(3))
	want(t, "W-5 minute 15", d, autoscaling.ScaleIn, 2, "AlarmLow", "66.67", "15 datapoints")
	if !d.LowChanged || d.HighChanged {
		t.Errorf("minute 15: LowChanged %v HighChanged %v, want true false", d.LowChanged, d.HighChanged)
	}
	d = s.Tick(minute(16), metric(2, 2), grp(2))
	want(t, "W-6 CPR 100", d, autoscaling.NoAction, 2)
	if !d.LowChanged || s.Low.State != autoscaling.OK {
		t.Errorf("minute 16: low alarm %v changed %v, want OK changed", s.Low.State, d.LowChanged)
	}
}

// TestScalerScaleInAfterScaleOutDefault: scale out at t = 0 (W-4, 3 → 4),
// then the load drops (M = 2, N = 4: 50 %) from t = 1m. The 15th low
// datapoint is at 15m, which is also exactly ScaleInWait after the
// scale-out: the code's rule blocks only while now − lastScaleOut < 15m, so
// the scale-in happens at 15m (removing min(4 − 2, 4/2) = 2), not before.
func TestScalerScaleInAfterScaleOutDefault(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	want(t, "t=0", s.Tick(0, metric(4, 3), grp(3)), autoscaling.ScaleOut, 4)
	for i := 1; i <= 14; i++ {
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(2, 4), grp(4)), autoscaling.NoAction, 4)
	}
	want(t, "minute 15", s.Tick(minute(15), metric(2, 4), grp(4)), autoscaling.ScaleIn, 2)
}

// TestScalerScaleInWaitRule isolates the 15-minute wait after a scale-out
// (§1.6) from the 15 datapoints by using a 3-datapoint low alarm: the alarm
// fires at 3m, the scale-in is blocked until now − lastScaleOut reaches 15m.
func TestScalerScaleInWaitRule(t *testing.T) {
	cfg := autoscaling.DefaultScalerConfig(100)
	cfg.LowDatapoints = 3
	s := autoscaling.NewScaler(cfg)
	want(t, "t=0", s.Tick(0, metric(4, 3), grp(3)), autoscaling.ScaleOut, 4)
	for i := 1; i <= 2; i++ {
		d := s.Tick(minute(i), metric(2, 4), grp(4))
		want(t, "minute "+itoa(i), d, autoscaling.NoAction, 4)
		if d.Why != "" {
			t.Errorf("minute %d: Why %q, want empty (low alarm not in ALARM yet)", i, d.Why)
		}
	}
	for i := 3; i <= 14; i++ {
		d := s.Tick(minute(i), metric(2, 4), grp(4))
		want(t, "minute "+itoa(i), d, autoscaling.NoAction, 4, "scale-in blocked", "ECS waits 15m")
		if s.Low.State != autoscaling.InAlarm {
			t.Fatalf("minute %d: low alarm %v, want ALARM", i, s.Low.State)
		}
	}
	at := minute(15) - sim.Second
	want(t, "14m59s", s.Tick(at, metric(2, 4), grp(4)), autoscaling.NoAction, 4, "scale-in blocked", "14m59s")
	want(t, "15m", s.Tick(minute(15), metric(2, 4), grp(4)), autoscaling.ScaleIn, 2)
}

// TestScalerScaleInStepHalf is §1.6 as docs/model.md §14 reads it: each minute at
// least 1 and at most half the group. N = 10, M = 0 → 5 removed; then N = 5
// → 2 (floor 2.5); N = 3 → 1; N = 2 → 1; N = 1 → 1 (at least 1); N = 0 →
// CPR 100 (W-1), the low alarm clears.
func TestScalerScaleInStepHalf(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := 1; i <= 14; i++ {
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(0, 10), grp(10)), autoscaling.NoAction, 10)
	}
	want(t, "N=10", s.Tick(minute(15), metric(0, 10), grp(10)), autoscaling.ScaleIn, 5)
	want(t, "N=5", s.Tick(minute(16), metric(0, 5), grp(5)), autoscaling.ScaleIn, 3)
	want(t, "N=3", s.Tick(minute(17), metric(0, 3), grp(3)), autoscaling.ScaleIn, 2)
	want(t, "N=2", s.Tick(minute(18), metric(0, 2), grp(2)), autoscaling.ScaleIn, 1)
	want(t, "N=1", s.Tick(minute(19), metric(0, 1), grp(1)), autoscaling.ScaleIn, 0)
	d := s.Tick(minute(20), metric(0, 0), grp(0))
	want(t, "N=0", d, autoscaling.NoAction, 0)
	if !d.LowChanged || s.Low.State != autoscaling.OK {
		t.Errorf("N=0: low %v changed %v, want OK changed", s.Low.State, d.LowChanged)
	}
}

// TestScalerScaleInStepSizes: r = N − ceil(100·M/target), clamped to
// [1, max(1, floor(N/2))] (§1.7).
func TestScalerScaleInStepSizes(t *testing.T) {
	cases := []struct {
		name                 string
		target, m, n, wantTo int
	}{
		{"W-5 N=3 M=2: 1", 100, 2, 3, 2},
		{"N=3 M=0: half of 3 is 1", 100, 0, 3, 2},
		{"N=20 M=12: 8 (below half)", 100, 12, 20, 12},
		{"N=20 M=2: 18 capped at 10", 100, 2, 20, 10},
		{"N=11 M=0: floor(5.5) = 5", 100, 0, 11, 6},
		{"target 50 N=6 M=1: 6 − 2 = 4 capped at 3", 50, 1, 6, 3},
		{"target 50 N=3 M=1: 3 − 2 = 1", 50, 1, 3, 2},
		{"target 80 N=10 M=4: 10 − 5 = 5", 80, 4, 10, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(c.target))
			for i := 1; i < 15; i++ {
				want(t, "minute "+itoa(i), s.Tick(minute(i), metric(c.m, c.n), grp(c.n)), autoscaling.NoAction, c.n)
			}
			want(t, "minute 15", s.Tick(minute(15), metric(c.m, c.n), grp(c.n)), autoscaling.ScaleIn, c.wantTo)
		})
	}
}

// TestScalerTarget50ScaleInStopsAtGoal: with target 50 and M = 1 the scale-in
// goes 6 → 3 → 2 and stops at CPR 50 (§1.4: target 50 keeps half idle).
func TestScalerTarget50ScaleInStopsAtGoal(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(50))
	for i := 1; i < 15; i++ {
		s.Tick(minute(i), metric(1, 6), grp(6))
	}
	want(t, "N=6", s.Tick(minute(15), metric(1, 6), grp(6)), autoscaling.ScaleIn, 3)
	want(t, "N=3", s.Tick(minute(16), metric(1, 3), grp(3)), autoscaling.ScaleIn, 2)
	for i := 17; i < 60; i++ {
		want(t, "N=2 minute "+itoa(i), s.Tick(minute(i), metric(1, 2), grp(2)), autoscaling.NoAction, 2)
	}
}

// TestScalerHighDatapointCancelsScaleIn is §1.6: a scale-out request during
// scale-in cancels it; it restarts from the beginning (15 datapoints).
func TestScalerHighDatapointCancelsScaleIn(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := 1; i < 15; i++ {
		s.Tick(minute(i), metric(0, 10), grp(10))
	}
	want(t, "scale-in starts", s.Tick(minute(15), metric(0, 10), grp(10)), autoscaling.ScaleIn, 5)
	// Minute 16: 6 instances needed on 5 → 120 → scale out to 6.
	d := s.Tick(minute(16), metric(6, 5), grp(5))
	want(t, "scale-out", d, autoscaling.ScaleOut, 6)
	if !d.LowChanged || s.Low.State != autoscaling.OK || s.Low.Breaching != 0 {
		t.Errorf("low alarm %v (%d breaching) changed %v, want OK, 0, changed", s.Low.State, s.Low.Breaching, d.LowChanged)
	}
	// Load gone again from minute 17: 15 new datapoints, 17..31.
	for i := 17; i <= 30; i++ {
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(0, 6), grp(6)), autoscaling.NoAction, 6)
	}
	want(t, "minute 31", s.Tick(minute(31), metric(0, 6), grp(6)), autoscaling.ScaleIn, 3)
}

// TestScalerDatapointAtTargetResetsScaleIn: a datapoint equal to the target
// is not low (LessThanThreshold), so it resets the count too, without a
// scale-out.
func TestScalerDatapointAtTargetResetsScaleIn(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := 1; i < 15; i++ {
		s.Tick(minute(i), metric(0, 10), grp(10))
	}
	want(t, "scale-in starts", s.Tick(minute(15), metric(0, 10), grp(10)), autoscaling.ScaleIn, 5)
	want(t, "at target", s.Tick(minute(16), metric(5, 5), grp(5)), autoscaling.NoAction, 5)
	for i := 17; i <= 30; i++ {
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(0, 5), grp(5)), autoscaling.NoAction, 5)
	}
	want(t, "minute 31", s.Tick(minute(31), metric(0, 5), grp(5)), autoscaling.ScaleIn, 3)

	// Likewise 14 low datapoints, then one at target, then 14 more: no
	// scale-in at all.
	s = autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	for i := 1; i <= 29; i++ {
		m := 2
		if i == 15 {
			m = 3
		}
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(m, 3), grp(3)), autoscaling.NoAction, 3)
	}
	want(t, "minute 30", s.Tick(minute(30), metric(2, 3), grp(3)), autoscaling.ScaleIn, 2)
}

// TestScalerAllIncompatibleHoldsTarget: the metric at the target (§1.3 step
// 5) neither scales out nor lets a scale-in proceed.
func TestScalerAllIncompatibleHoldsTarget(t *testing.T) {
	for _, target := range []int{100, 80} {
		s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(target))
		m := autoscaling.Metric{Value: float64(target), M: 3, N: 3, AllIncompatible: true}
		for i := range 40 {
			want(t, "minute "+itoa(i), s.Tick(minute(i), m, grp(3)), autoscaling.NoAction, 3)
		}
	}
}

// TestScalerTarget80KeepsSpare is §1.4: target 80 keeps empty spare
// instances. N = 4, M = 4 → 100 > 80 → ceil(400/80) = 5; then N = 5, M = 4
// → 80, neither above nor below the target: it stays at 5.
func TestScalerTarget80KeepsSpare(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(80))
	want(t, "scale-out", s.Tick(0, metric(4, 4), grp(4)), autoscaling.ScaleOut, 5)
	for i := 1; i <= 60; i++ {
		want(t, "minute "+itoa(i), s.Tick(minute(i), metric(4, 5), grp(5)), autoscaling.NoAction, 5)
	}
	if s.High.State != autoscaling.OK || s.Low.State != autoscaling.OK {
		t.Errorf("alarms %v / %v, want OK / OK", s.High.State, s.Low.State)
	}
}

// TestScalerTarget90KeepsSpare is §1.4 with a target whose goal is not a
// whole number: target 90, M = 4 → desired ceil(400/90) = 5, CPR 80 < 90.
// Target tracking rounds removals down (§2: "rounds down when removing"):
// N·CPR/target = 4.44, 0.56 to remove → 0, so the group should stay at 5.
// The scaler's "at least 1" rule removes one instance after 15 minutes,
// which puts CPR at 100 > 90 and scales straight back out: it flaps every
// 15 minutes for as long as M stays at 4.
func TestScalerTarget90KeepsSpare(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(90))
	want(t, "scale-out", s.Tick(0, metric(4, 4), grp(4)), autoscaling.ScaleOut, 5)
	for i := 1; i <= 60; i++ {
		d := s.Tick(minute(i), metric(4, 5), grp(5))
		want(t, "minute "+itoa(i), d, autoscaling.NoAction, 5)
	}
}

// TestScalerScaleOutDuringScaleInWaitIsFine: scale-out is never blocked by
// the scale-in wait; only warm-up blocks it.
func TestScalerScaleOutDuringScaleInWaitIsFine(t *testing.T) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	want(t, "t=0", s.Tick(0, metric(4, 3), grp(3)), autoscaling.ScaleOut, 4)
	want(t, "t=6m", s.Tick(minute(6), metric(6, 4), grp(4)), autoscaling.ScaleOut, 6)
}

// itoa is strconv.Itoa without the import.
func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestScaleInDesiredNeverRemovesTwice is docs/model.md §1.6 (scale-in with
// managed draining): the step counts from the desired capacity, which no
// longer holds instances whose termination is under way, never goes below
// G = ceil(100·M/target) and removes at most half of N (at least 1).
// Hand-derived rows:
func TestScaleInDesiredNeverRemovesTwice(t *testing.T) {
	cfg := autoscaling.DefaultScalerConfig(100)
	for _, c := range []struct {
		name                      string
		m, n, desired, min_, want int
		target                    int
		ok                        bool
	}{
		{"issue example, first minute: G = 3", 3, 4, 4, 0, 3, 100, true},
		{"issue example, one busy instance draining: 3 = G", 3, 4, 3, 0, 3, 100, false},
		{"two draining, M = 1: G = 1, 2 → 1", 1, 4, 2, 0, 1, 100, true},
		{"W-5: M = 2, N = 3 → 2", 2, 3, 3, 0, 2, 100, true},
		{"half of N = 10 at most: M = 0 → 5", 0, 10, 10, 0, 5, 100, true},
		{"at least 1: N = 1, M = 0 → 0", 0, 1, 1, 0, 0, 100, true},
		{"minSize 2 holds", 0, 4, 4, 2, 2, 100, true},
		{"at minSize", 0, 2, 2, 2, 2, 100, false},
		{"target 80: M = 4 → G = 5, N = 6 → 5", 4, 6, 6, 0, 5, 80, true},
		{"target 80: M = 4, desired 5 is the goal", 4, 6, 5, 0, 5, 80, false},
		{"target 50: M = 2 → G = 4", 2, 10, 10, 0, 5, 50, true},
		{"target 50: M = 2, desired 5 → 4", 2, 5, 5, 0, 4, 50, true},
	} {
		cfg.TargetCapacity = c.target
		m := autoscaling.Metric{M: c.m, N: c.n, Value: autoscaling.CapacityProviderReservation(c.m, c.n)}
		got, ok := autoscaling.ScaleInDesired(m, c.desired, c.min_, cfg)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: ScaleInDesired = %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
		if ok && got < autoscaling.DesiredFor(c.m, c.target) {
			t.Errorf("%s: %d below ceil(100·M/T) = %d", c.name, got, autoscaling.DesiredFor(c.m, c.target))
		}
	}
}

// TestScalerDrainingInstancesAreNotRemovedTwice drives the scaler through
// the episode: after the first step, the alarm stays in ALARM (a
// draining busy instance keeps N = 4 > M = 3) but desired stays 3.
func TestScalerDrainingInstancesAreNotRemovedTwice(t *testing.T) {
	cfg := autoscaling.DefaultScalerConfig(100)
	cfg.WarmupPeriod = 0
	s := autoscaling.NewScaler(cfg)
	desired := 4
	for i := 1; i <= 40; i++ {
		d := s.Tick(minute(i), autoscaling.Metric{M: 3, N: 4, Value: 75}, grp(desired))
		if d.Action == autoscaling.ScaleIn {
			desired = d.Desired
		}
		if i >= 15 && desired != 3 {
			t.Fatalf("minute %d: desired %d, want 3 (4 → 3 once)", i, desired)
		}
		if i > 15 && d.Blocked != autoscaling.BlockedFewest {
			t.Fatalf("minute %d: blocked %q (%s), want %q", i, d.Blocked, d.Why, autoscaling.BlockedFewest)
		}
	}
}
