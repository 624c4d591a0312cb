package scenarios

import "github.com/ecsim/ecsim/sim/world"

// ScheduledActionSpec is a scheduled action of an Auto Scaling group, as
// PutScheduledUpdateGroupAction writes it, with times relative to the
// start of the run: at its time (and every period after it, when set) the
// group takes the sizes given; a size left out stays as it is.
//
//	scheduledActions:
//	  - {scheduledActionName: pre-warm, at: 1h, desiredCapacity: 4}
//	  - {scheduledActionName: shrink, at: 30m, every: 30m, desiredCapacity: 2}
type ScheduledActionSpec struct {
	// ScheduledActionName names the action, unique in the group.
	ScheduledActionName string `yaml:"scheduledActionName"`
	// At is when the action first fires, from the start of the run.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// Every repeats the action with this period.
	Every Duration `yaml:"every" range:"[1m,3650d]"`
	// MinSize is the group's new minimum size.
	MinSize *int `yaml:"minSize" range:"[0,1000000] instances"`
	// MaxSize is the group's new maximum size.
	MaxSize *int `yaml:"maxSize" range:"[0,1000000] instances"`
	// DesiredCapacity is the group's new desired capacity.
	DesiredCapacity *int `yaml:"desiredCapacity" range:"[0,1000000] instances"`
}

// scheduledActions checks a group's scheduled actions: a unique name, a
// time within the run, a period of at least a minute (the finest a
// recurrence can be: its range tag), at least one size, each in range, and sizes that
// agree with each other (the API refuses minSize > maxSize, or a desired
// capacity outside them, in one action).
func (v *validator) scheduledActions(p string, specs []ScheduledActionSpec, g *world.AutoScalingGroup) {
	horizon := v.spec.Duration.D
	seen := map[string]bool{}
	for i, a := range specs {
		ap := index(join(p, "scheduledActions"), i)
		switch {
		case a.ScheduledActionName == "":
			v.errf(join(ap, "scheduledActionName"), "required: a name for the action")
		case seen[a.ScheduledActionName]:
			v.errf(join(ap, "scheduledActionName"), "%q is used by another scheduled action of this group", a.ScheduledActionName)
		}
		seen[a.ScheduledActionName] = true
		v.timeInRun(join(ap, "at"), a.At, horizon)
		out := world.ScheduledAction{Name: a.ScheduledActionName, At: a.At.D, Every: a.Every.D,
			MinSize: actionSize(a.MinSize), MaxSize: actionSize(a.MaxSize), DesiredCapacity: actionSize(a.DesiredCapacity)}
		v.actionSizes(ap, a, out)
		g.ScheduledActions = append(g.ScheduledActions, out)
	}
}

// actionSizes checks that an action gives a size and that its sizes agree.
func (v *validator) actionSizes(ap string, a ScheduledActionSpec, out world.ScheduledAction) {
	if a.MinSize == nil && a.MaxSize == nil && a.DesiredCapacity == nil {
		v.errf(ap, "give at least one of minSize, maxSize, desiredCapacity")
	}
	if out.MinSize >= 0 && out.MaxSize >= 0 && out.MinSize > out.MaxSize {
		v.errf(join(ap, "maxSize"), "must be >= minSize (%d) (got %d)", out.MinSize, out.MaxSize)
	}
	if d := out.DesiredCapacity; d >= 0 && (out.MinSize >= 0 && d < out.MinSize || out.MaxSize >= 0 && d > out.MaxSize) {
		v.errf(join(ap, "desiredCapacity"), "must be between the action's minSize and maxSize (got %d)", d)
	}
}

// actionSize is a scheduled action's size, -1 when it is left out.
// (Its range is checked with every other number's, ranges.go.)
func actionSize(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}
