package autoscaling

// AlarmState is a CloudWatch alarm state.
type AlarmState uint8

// Alarm states.
const (
	InsufficientData AlarmState = iota
	OK
	InAlarm
)

// String returns the CloudWatch name of s.
func (s AlarmState) String() string {
	switch s {
	case OK:
		return "OK"
	case InAlarm:
		return "ALARM"
	}
	return "INSUFFICIENT_DATA"
}

// Alarm is a CloudWatch metric alarm with M of N datapoints where M = N
// (datapoints_to_alarm unset, docs/model.md §2): it is in ALARM when the
// last Datapoints values all breach the threshold, OK otherwise, and
// INSUFFICIENT_DATA before the first datapoint.
//
// The capacity provider's AlarmHigh is GreaterThanThreshold over 1 datapoint,
// AlarmLow LessThanThreshold over 15, both with the targetCapacity as
// threshold (§1.5, §1.6).
type Alarm struct {
	Name       string
	Threshold  float64
	Greater    bool // GreaterThanThreshold, else LessThanThreshold
	Datapoints int
	State      AlarmState
	// Breaching counts the consecutive breaching datapoints so far.
	Breaching int
}

// HighAlarm returns the capacity provider's scale-out alarm.
func HighAlarm(target float64, datapoints int) Alarm {
	return Alarm{Name: "AlarmHigh", Threshold: target, Greater: true, Datapoints: datapoints}
}

// LowAlarm returns the capacity provider's scale-in alarm.
func LowAlarm(target float64, datapoints int) Alarm {
	return Alarm{Name: "AlarmLow", Threshold: target, Datapoints: datapoints}
}

// Observe adds a datapoint and reports whether the state changed.
func (a *Alarm) Observe(v float64) bool {
	breach := v < a.Threshold
	if a.Greater {
		breach = v > a.Threshold
	}
	if breach {
		a.Breaching++
	} else {
		a.Breaching = 0
	}
	next := OK
	if a.Breaching >= a.Datapoints {
		next = InAlarm
	}
	changed := next != a.State
	a.State = next
	return changed
}
