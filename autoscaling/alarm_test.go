package autoscaling_test

import (
	"testing"

	"github.com/ecsim/ecsim/autoscaling"
)

// TestAlarmStateString: CloudWatch's names (docs/model.md §2).
func TestAlarmStateString(t *testing.T) {
	for s, want := range map[autoscaling.AlarmState]string{
		autoscaling.InsufficientData: "INSUFFICIENT_DATA",
		autoscaling.OK:               "OK",
		autoscaling.InAlarm:          "ALARM",
	} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", s, got, want)
		}
	}
}

// TestAlarmsStartInsufficientData (§2: missing data → INSUFFICIENT_DATA).
func TestAlarmsStartInsufficientData(t *testing.T) {
	h, l := autoscaling.HighAlarm(100, 1), autoscaling.LowAlarm(100, 15)
	if h.State != autoscaling.InsufficientData || l.State != autoscaling.InsufficientData {
		t.Errorf("initial states %v, %v, want INSUFFICIENT_DATA", h.State, l.State)
	}
	if h.Name != "AlarmHigh" || !h.Greater || h.Threshold != 100 || h.Datapoints != 1 {
		t.Errorf("HighAlarm = %+v, want AlarmHigh, GreaterThanThreshold 100, 1 datapoint", h)
	}
	if l.Name != "AlarmLow" || l.Greater || l.Threshold != 100 || l.Datapoints != 15 {
		t.Errorf("LowAlarm = %+v, want AlarmLow, LessThanThreshold 100, 15 datapoints", l)
	}
}

// step is one datapoint and what the alarm must do with it.
type step struct {
	v       float64
	state   autoscaling.AlarmState
	changed bool
}

func runAlarm(t *testing.T, a *autoscaling.Alarm, steps []step) {
	t.Helper()
	for i, s := range steps {
		changed := a.Observe(s.v)
		if a.State != s.state || changed != s.changed {
			t.Fatalf("datapoint %d (%v): state %v changed %v, want %v changed %v", i+1, s.v, a.State, changed, s.state, s.changed)
		}
	}
}

// TestAlarmHighOneDatapointStrict is §1.5 step 3 / §2: GreaterThanThreshold,
// 1 of 1 datapoints: ALARM after one datapoint above the target, OK again at
// a datapoint equal to the target (strict comparison).
func TestAlarmHighOneDatapointStrict(t *testing.T) {
	a := autoscaling.HighAlarm(100, 1)
	runAlarm(t, &a, []step{
		{100, autoscaling.OK, true},           // INSUFFICIENT_DATA → OK: 100 is not > 100
		{100.0001, autoscaling.InAlarm, true}, // one breaching datapoint is enough
		{133.33, autoscaling.InAlarm, false},
		{200, autoscaling.InAlarm, false},
		{100, autoscaling.OK, true}, // == threshold: back to OK
		{66.67, autoscaling.OK, false},
		{0, autoscaling.OK, false},
		{133.33, autoscaling.InAlarm, true},
	})
	// A first datapoint that breaches goes straight from INSUFFICIENT_DATA to ALARM (W-2).
	b := autoscaling.HighAlarm(100, 1)
	runAlarm(t, &b, []step{{200, autoscaling.InAlarm, true}})
	// Target 80 (§1.4): 80 is not above, 80.01 is.
	c := autoscaling.HighAlarm(80, 1)
	runAlarm(t, &c, []step{{80, autoscaling.OK, true}, {80.01, autoscaling.InAlarm, true}})
}

// TestAlarmLowFifteenDatapoints is §1.6 / §2: LessThanThreshold, 15 of 15
// datapoints; any datapoint at or above the target resets the count.
func TestAlarmLowFifteenDatapoints(t *testing.T) {
	a := autoscaling.LowAlarm(100, 15)
	var steps []step
	steps = append(steps, step{66.67, autoscaling.OK, true}) // INSUFFICIENT_DATA → OK, 1 low
	for range 13 {                                           // datapoints 2..14
		steps = append(steps, step{66.67, autoscaling.OK, false})
	}
	steps = append(steps,
		step{66.67, autoscaling.InAlarm, true},  // 15th consecutive low datapoint
		step{0, autoscaling.InAlarm, false},     // stays in ALARM
		step{99.99, autoscaling.InAlarm, false}, // still low
		step{100, autoscaling.OK, true},         // == threshold is not low: reset
	)
	for range 14 {
		steps = append(steps, step{50, autoscaling.OK, false})
	}
	steps = append(steps, step{50, autoscaling.InAlarm, true}) // the count restarts from 15
	runAlarm(t, &a, steps)
	if a.Breaching != 15 {
		t.Errorf("Breaching = %d, want 15", a.Breaching)
	}

	// A high datapoint on the 15th minute resets it as well.
	b := autoscaling.LowAlarm(100, 15)
	for i := range 14 {
		b.Observe(80)
		if b.Breaching != i+1 || b.State != autoscaling.OK {
			t.Fatalf("datapoint %d: Breaching %d state %v, want %d OK", i+1, b.Breaching, b.State, i+1)
		}
	}
	if b.Observe(150) || b.Breaching != 0 || b.State != autoscaling.OK {
		t.Fatalf("high datapoint: Breaching %d state %v, want 0 OK and no change", b.Breaching, b.State)
	}
	for range 14 {
		b.Observe(80)
	}
	if b.State != autoscaling.OK {
		t.Errorf("14 low datapoints after the reset: %v, want OK", b.State)
	}
	if !b.Observe(80) || b.State != autoscaling.InAlarm {
		t.Errorf("15th low datapoint after the reset: %v, want ALARM (changed)", b.State)
	}
}

// TestAlarmObserveReportsChangesExactly: Observe returns true exactly when
// the state differs from the previous one, over a long mixed sequence.
func TestAlarmObserveReportsChangesExactly(t *testing.T) {
	vals := []float64{100, 101, 99, 99, 99, 120, 120, 100, 80, 80, 80, 80, 101, 50, 50, 50}
	for _, dp := range []int{1, 2, 3} {
		for _, greater := range []bool{true, false} {
			a := autoscaling.Alarm{Threshold: 100, Greater: greater, Datapoints: dp}
			prev := a.State
			run := 0
			for i, v := range vals {
				breach := v < 100
				if greater {
					breach = v > 100
				}
				if breach {
					run++
				} else {
					run = 0
				}
				want := autoscaling.OK
				if run >= dp {
					want = autoscaling.InAlarm
				}
				changed := a.Observe(v)
				if a.State != want || changed != (want != prev) {
					t.Fatalf("greater=%v dp=%d datapoint %d (%v): state %v changed %v, want %v changed %v",
						greater, dp, i, v, a.State, changed, want, want != prev)
				}
				prev = a.State
			}
		}
	}
}
