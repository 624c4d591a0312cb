package autoscaling

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// ScalerConfig holds a capacity provider's managed scaling settings and the
// model's choices where AWS is silent (docs/model.md §14).
type ScalerConfig struct {
	// TargetCapacity is the CapacityProviderReservation target (1..100).
	TargetCapacity int
	// WarmupPeriod is instanceWarmupPeriod: no scale-out while any instance
	// of the group is younger (§1.5 step 6).
	WarmupPeriod time.Duration
	// ScaleInWait is how long after a scale-out no scale-in may happen
	// (15 minutes, §1.6).
	ScaleInWait time.Duration
	// ScaleInMaxFraction bounds the instances removed per step to this
	// fraction of the group (0.5, §1.6), at least 1.
	ScaleInMaxFraction float64
	// ProportionalFromZero scales out from zero instances as target
	// tracking would with the current capacity taken as 1
	// (ceil(200/target)) instead of ECS's documented 2 (§1.5 step 5).
	ProportionalFromZero bool
	// HighDatapoints and LowDatapoints are the alarms' evaluation periods
	// (1 and 15, §2).
	HighDatapoints, LowDatapoints int
}

// DefaultScalerConfig returns ECS's defaults for a target.
func DefaultScalerConfig(target int) ScalerConfig {
	return ScalerConfig{TargetCapacity: target, WarmupPeriod: 300 * time.Second, ScaleInWait: 15 * time.Minute,
		ScaleInMaxFraction: 0.5, HighDatapoints: 1, LowDatapoints: 15}
}

// GroupState is what the scaler sees of the Auto Scaling group.
type GroupState struct {
	Desired, Min, Max int
	// Warming is the number of the group's instances younger than the
	// warm-up period (launched less than WarmupPeriod ago).
	Warming int
}

// Action is what a tick of the scaler decided.
type Action uint8

// Actions.
const (
	NoAction Action = iota
	ScaleOut
	ScaleIn
)

// Decision is the outcome of one tick.
type Decision struct {
	Action  Action
	Desired int // the new desired capacity (the old one for NoAction)
	// Why explains the decision in ECS terms, for events and explain.
	Why string
	// Blocked names, when an alarm is in ALARM and nothing happens, what
	// stopped the action: one of the Blocked* constants; "" otherwise.
	Blocked string
	// Goal is the desired capacity target tracking asked for this tick:
	// ceil(100·M/target) (2 from zero), within [min, max]; 0 when no alarm
	// is in ALARM or the warm-up or scale-in wait stopped it first.
	Goal int
	// HighChanged and LowChanged report alarm state changes this tick.
	HighChanged, LowChanged bool
}

// Reasons an alarm in ALARM leads to no action (Decision.Blocked).
const (
	BlockedWarmup      = "warm-up"       // an instance is within instanceWarmupPeriod
	BlockedMaxSize     = "max-size"      // the group is at maxSize
	BlockedCovered     = "covered"       // desired already covers M
	BlockedLaunching   = "launching"     // the scale-out from zero is still launching
	BlockedScaleInWait = "scale-in-wait" // within 15 minutes of a scale-out
	BlockedFewest      = "fewest"        // no instance can go without exceeding the target
	BlockedMinSize     = "min-size"      // the group is at minSize
)

// Scaler is the CloudWatch alarms and target tracking policy ECS attaches to
// a capacity provider's Auto Scaling group (docs/model.md §1.1, §1.5–1.7,
// §2). It is a stateful controller: the caller feeds it one metric per
// minute and applies its decisions; it schedules nothing itself.
type Scaler struct {
	cfg          ScalerConfig
	High, Low    Alarm
	lastScaleOut sim.Time
	scaledOut    bool
}

// NewScaler returns a scaler with both alarms in INSUFFICIENT_DATA.
func NewScaler(cfg ScalerConfig) *Scaler {
	t := float64(cfg.TargetCapacity)
	return &Scaler{cfg: cfg, High: HighAlarm(t, cfg.HighDatapoints), Low: LowAlarm(t, cfg.LowDatapoints)}
}

// Config returns the scaler's configuration.
func (s *Scaler) Config() ScalerConfig { return s.cfg }

// Tick evaluates one datapoint at now (§1.7):
//
//   - AlarmHigh in ALARM: unless an instance is still warming up, target
//     tracking raises the desired capacity to ceil(100·M/target) (2 from zero
//     instances), within [min, max];
//   - AlarmLow in ALARM (15 low minutes) and at least 15 minutes after the
//     last scale-out: the desired capacity drops by
//     N − ceil(100·M/target) instances when that is positive, at most half
//     the group (at least 1), not below min. A datapoint at or above the target resets the
//     low alarm, so a scale-out cancels a scale-in.
func (s *Scaler) Tick(now sim.Time, m Metric, g GroupState) Decision {
	d := Decision{Desired: g.Desired}
	d.HighChanged = s.High.Observe(m.Value)
	d.LowChanged = s.Low.Observe(m.Value)
	switch {
	case s.High.State == InAlarm:
		s.scaleOut(now, m, g, &d)
	case s.Low.State == InAlarm:
		s.scaleIn(now, m, g, &d)
	}
	return d
}

func (s *Scaler) scaleOut(now sim.Time, m Metric, g GroupState, d *Decision) {
	if g.Warming > 0 {
		d.Why = fmt.Sprintf("scale-out blocked: %s still within the %s warm-up (instanceWarmupPeriod)", countInstances(g.Warming), shortDuration(s.cfg.WarmupPeriod))
		d.Blocked = BlockedWarmup
		return
	}
	want := DesiredFor(m.M, s.cfg.TargetCapacity)
	if m.N == 0 {
		want = 2
		if s.cfg.ProportionalFromZero {
			want = DesiredFor(2, s.cfg.TargetCapacity)
		}
	}
	want = min(max(want, g.Min), g.Max)
	d.Goal = want
	if want <= g.Desired {
		switch {
		case g.Desired >= g.Max:
			d.Why, d.Blocked = fmt.Sprintf("scale-out blocked: the group is at maxSize %d", g.Max), BlockedMaxSize
		case m.N == 0:
			d.Why = fmt.Sprintf("no scale-out: the group has no registered instance yet (N = 0); desired %d already holds the first step from zero, still launching", g.Desired)
			d.Blocked = BlockedLaunching
		default:
			d.Why = fmt.Sprintf("no scale-out: desired %d already covers ceil(100·M/target) = %d (M = %d, N = %d; instances still launching are not in N)",
				g.Desired, want, m.M, m.N)
			d.Blocked = BlockedCovered
		}
		return
	}
	d.Action, d.Desired = ScaleOut, want
	d.Why = fmt.Sprintf("AlarmHigh: CapacityProviderReservation %.2f > target %d (M = %d, N = %d)", m.Value, s.cfg.TargetCapacity, m.M, m.N)
	if m.N == 0 {
		d.Why += "; scale-out from zero"
	}
	s.lastScaleOut, s.scaledOut = now, true
}

func (s *Scaler) scaleIn(now sim.Time, m Metric, g GroupState, d *Decision) {
	if s.scaledOut && now.Sub(s.lastScaleOut) < s.cfg.ScaleInWait {
		d.Why = fmt.Sprintf("scale-in blocked: %s since the last scale-out, ECS waits %s",
			shortDuration(now.Sub(s.lastScaleOut)), shortDuration(s.cfg.ScaleInWait))
		d.Blocked = BlockedScaleInWait
		return
	}
	want, ok := ScaleInDesired(m, g.Desired, g.Min, s.cfg)
	d.Goal = want
	if !ok {
		goal := ScaleInGoal(m.M, s.cfg.TargetCapacity)
		switch {
		case goal >= g.Desired && g.Desired < m.N:
			// Target tracking sizes the group from its desired capacity,
			// which no longer holds the instances being terminated
			// (docs/model.md §1.6): they are not removed twice.
			d.Why = fmt.Sprintf("no scale-in: desired %d already is the fewest instances for M = %d at target %d; %s being terminated still %s in N = %d",
				g.Desired, m.M, s.cfg.TargetCapacity, countInstances(m.N-g.Desired), plural(m.N-g.Desired, "counts", "count"), m.N)
			d.Blocked = BlockedFewest
		case goal >= g.Desired:
			// Target tracking rounds removals down (§2): with a target
			// below 100 the group may already be the smallest that meets
			// it, the metric staying below the target (§1.4: spare empty
			// instances).
			d.Why = fmt.Sprintf("no scale-in: desired %d already is the fewest instances that keep the reservation at or below %d (M = %d)",
				g.Desired, s.cfg.TargetCapacity, m.M)
			d.Blocked = BlockedFewest
		default:
			d.Why, d.Blocked = fmt.Sprintf("scale-in blocked: the group is at minSize %d", g.Min), BlockedMinSize
		}
		return
	}
	d.Action, d.Desired = ScaleIn, want
	d.Why = fmt.Sprintf("AlarmLow: CapacityProviderReservation %.2f < target %d for %d datapoints (M = %d, N = %d)",
		m.Value, s.cfg.TargetCapacity, s.Low.Breaching, m.M, m.N)
}

// ScaleInGoal is the fewest instances that keep the reservation at or
// below the target: ceil(100·M/target), but at least 1 when the target is
// below 100, because an empty group publishes 100, above such a target
// (docs/model.md §1.6: a group with a target below 100 never rests at zero,
// and shrinking it to zero would only make it scale out again).
// Examples: M = 3, target 100 → 3; M = 0, target 100 → 0; M = 0, target 80
// → 1; M = 4, target 80 → 5.
func ScaleInGoal(m, targetCapacity int) int {
	goal := DesiredFor(m, targetCapacity)
	if goal == 0 && targetCapacity < 100 {
		return 1
	}
	return goal
}

// ScaleInDesired is the desired capacity one scale-in step sets
// (docs/model.md §1.6, §1.7): the goal G = ceil(100·M/target) is the
// fewest instances that hold the reservation at or below the target; a
// step removes desired − G instances, at most ScaleInMaxFraction of the N
// running instances (at least 1), never going below G or minSize. The
// step counts from the desired capacity, which excludes instances whose
// termination is already under way (DRAINING under managed draining), so
// those are never removed twice and one episode removes at most N − G.
// ok is false when no instance can go.
//
// Example: M = 3, N = 4, desired 4, target 100 → G = 3, desired 3; the
// next minute, with a busy instance DRAINING (M = 3, N = 4, desired 3),
// nothing more goes.
func ScaleInDesired(m Metric, desired, minSize int, cfg ScalerConfig) (int, bool) {
	goal := ScaleInGoal(m.M, cfg.TargetCapacity)
	if goal >= desired {
		return desired, false
	}
	r := min(desired-goal, max(1, int(float64(m.N)*cfg.ScaleInMaxFraction)))
	want := max(desired-r, minSize)
	return want, want < desired
}

// NextDesired is what target tracking would set the desired capacity to for
// metric m if its alarm fired, ignoring the warm-up gate, the scale-in wait
// and the group's bounds: ceil(100·M/target) on scale-out (2 from zero), one
// step of at most half the group on scale-in, else unchanged. It answers
// `ecsim estimate`.
func NextDesired(m Metric, cfg ScalerConfig) int {
	switch t := float64(cfg.TargetCapacity); {
	case m.Value > t && m.N == 0:
		if cfg.ProportionalFromZero {
			return DesiredFor(2, cfg.TargetCapacity)
		}
		return 2
	case m.Value > t:
		return max(m.N, DesiredFor(m.M, cfg.TargetCapacity))
	case m.Value < t:
		want, _ := ScaleInDesired(m, m.N, 0, cfg)
		return want
	}
	return m.N
}

// plural returns one for k = 1, else many.
func plural(k int, one, many string) string {
	if k == 1 {
		return one
	}
	return many
}

// countInstances is "1 instance" or "k instances".
func countInstances(k int) string {
	if k == 1 {
		return "1 instance"
	}
	return fmt.Sprintf("%d instances", k)
}

// shortDuration writes d without zero trailing units: 5m, 1h, 1h30m, 45s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if d%time.Minute == 0 && d != 0 {
		s = strings.TrimSuffix(s, "0s")
		if d%time.Hour == 0 {
			s = strings.TrimSuffix(s, "0m")
		}
	}
	return s
}
