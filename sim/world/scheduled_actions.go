package world

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// ScheduledAction is a scheduled action of an Auto Scaling group
// (PutScheduledUpdateGroupAction, https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html):
// at At, and every Every after it when Every > 0, the group takes the
// sizes given (−1: unchanged), its desired capacity held within the new
// bounds. Managed scaling does not know of it: ECS's target tracking and
// the action each set the desired capacity, and the last one wins until
// the other acts again (confusion #10).
type ScheduledAction struct {
	Name                              string
	At, Every                         time.Duration
	MinSize, MaxSize, DesiredCapacity int
}

// startScheduledActions queues each group's scheduled actions.
func (w *World) startScheduledActions() {
	for _, p := range w.providers {
		if p.cfg.ASG == nil {
			continue
		}
		for i, a := range p.cfg.ASG.ScheduledActions {
			w.loop.At(sim.At(a.At), prioScaling, event{kind: evScheduledAction, idx: int32(p.idx), gen: uint32(i)})
		}
	}
}

// scheduledAction carries out the i-th scheduled action of p's group: the
// new bounds, then the desired capacity (DesiredCapacityChanged, its cause
// naming the action, even when the desired capacity stays), launches or
// terminations as for any change (with managed termination protection,
// busy instances wait until they empty), and the next occurrence.
func (w *World) scheduledAction(p *providerRun, i int) {
	a := p.cfg.ASG.ScheduledActions[i]
	if a.Every > 0 {
		if next := w.loop.Now().Add(a.Every); next <= sim.At(w.cfg.Duration) {
			w.loop.At(next, prioScaling, event{kind: evScheduledAction, idx: int32(p.idx), gen: uint32(i)})
		}
	}
	lo, hi := p.group.Bounds()
	if a.MinSize >= 0 {
		lo = a.MinSize
	}
	if a.MaxSize >= 0 {
		hi = a.MaxSize
	}
	if lo > hi {
		e := w.emit(record.ScalingSkipped)
		e.Provider, e.From, e.To = p.cfg.Name, p.group.Desired(), p.group.Desired()
		e.Reason = fmt.Sprintf("%s%s failed: minSize %d above maxSize %d", record.CauseScheduledAction, a.Name, lo, hi)
		w.publish()
		return
	}
	asked := p.group.Desired()
	if a.DesiredCapacity >= 0 {
		asked = a.DesiredCapacity
	}
	desired := min(max(asked, lo), hi)
	held := ""
	if desired != asked {
		held = fmt.Sprintf(", held within [%d, %d] from %d", lo, hi, asked)
	}
	p.group.SetBounds(lo, hi)
	w.setDesired(p, desired, fmt.Sprintf("%s%s (minSize %d, maxSize %d, desiredCapacity %d%s)", record.CauseScheduledAction, a.Name, lo, hi, desired, held))
}
