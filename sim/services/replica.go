package services

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// Pass is one pass of the REPLICA scheduler: the actions Reconcile
// decided, and what Progress needs to judge the pass once the world has
// applied them.
type Pass struct {
	// Actions are the pass's decisions, in the order the world applies
	// them: outdated tasks that are not RUNNING stopped, then new tasks
	// started (or, while backing off, a later reconcile), then outdated
	// RUNNING tasks stopped or surplus tasks scaled in.
	Actions  []Action
	current  []*cluster.Task // the primary deployment's tasks the pass saw
	stopping int             // tasks told to stop, still running
	stopped  int             // tasks the pass stops
	bounds   bounds
}

// bounds is what a service's deployment configuration allows in one pass
// (docs/model.md §6.4, W-14): tasks may start while the total stays at or
// below maxTotal = floor(desired × maximumPercent / 100), outdated ones
// may stop while the healthy stay at or above minHealthy =
// ceil(desired × minimumHealthyPercent / 100).
type bounds struct {
	minHealthy, maxTotal int
	// total counts the service's tasks (PROVISIONING, PENDING, RUNNING and
	// stopping), healthy its healthy ones, when the pass began.
	total, healthy int
	// canStart and canStop report whether the bounds let the pass start a
	// task or stop an outdated one.
	canStart, canStop bool
	// inFlight is set while something will change the bounds without the
	// scheduler: a task starting or not yet healthy, a task stopping.
	inFlight bool
}

// newBounds returns the bounds of desired tasks under minimumHealthyPercent
// minPct and maximumPercent maxPct (§6.4): 50 % of 4 → at least 2 healthy,
// 75 % of 2 → 2; 200 % of 4 → at most 8 tasks, 125 % of 3 → 3.
func newBounds(desired, minPct, maxPct int) bounds {
	return bounds{minHealthy: (desired*minPct + 99) / 100, maxTotal: desired * maxPct / 100}
}

// Reconcile is one pass of the REPLICA scheduler (§6.1–§6.4): outdated
// tasks (of an older revision, on a DRAINING instance, §4.2) that are not
// RUNNING are stopped at once; new tasks are started while the service has
// fewer current tasks than desired and the total stays within
// maximumPercent; outdated RUNNING tasks are stopped, unhealthy first,
// while the healthy stay at or above minimumHealthyPercent; without
// outdated tasks the surplus is scaled in by the placement strategy's rule
// (§6.2). The world applies Pass.Actions, then calls Progress.
func (s *Scheduler) Reconcile(v View) Pass {
	now := v.Now()
	var p Pass
	var outdated []*cluster.Task
	healthy := 0
	for _, t := range v.Tasks() {
		if v.Stopping(t) {
			p.stopping++ // counts toward maximumPercent only
			continue
		}
		if s.outdated(v, t) {
			if t.State != cluster.Running {
				p.Actions = append(p.Actions, stop(t, s.replacedReason(t)))
				p.stopped++
				continue
			}
			outdated = append(outdated, t)
		} else {
			p.current = append(p.current, t)
		}
		if s.healthy(now, t) {
			healthy++
		}
	}
	total := len(p.current) + len(outdated) + p.stopping
	p.bounds = newBounds(s.desired, s.cfg.MinimumHealthyPercent, s.cfg.MaximumPercent)
	p.bounds.total, p.bounds.healthy = total, healthy
	if want, room := s.desired-len(p.current), p.bounds.maxTotal-total; want > 0 && room > 0 {
		p.Actions = append(p.Actions, s.start(now, min(want, room))...)
		p.bounds.canStart = true
	}
	if len(outdated) > 0 {
		stops := s.stopOutdated(now, outdated, healthy-p.bounds.minHealthy)
		p.Actions = append(p.Actions, stops...)
		p.stopped += len(stops)
		p.bounds.canStop = healthy > p.bounds.minHealthy
	} else if surplus := len(p.current) - s.desired; surplus > 0 {
		p.Actions = append(p.Actions, Action{Verb: ScaleIn, Count: surplus, Tasks: slices.Clone(p.current), TaskDefinition: s.primary,
			Reason: "Service " + s.cfg.Name + ": scaled in"})
	}
	return p
}

// outdated reports whether t must be replaced: it runs an older revision
// than the primary deployment, was told to stop, or sits on a DRAINING
// instance (§4.2).
func (s *Scheduler) outdated(v View, t *cluster.Task) bool {
	if t.Def != s.primary || v.Stopping(t) {
		return true
	}
	return t.Instance != cluster.NoInstance && v.Instance(t.Instance).Status == cluster.Draining
}

// replacedReason is the stoppedReason of an outdated task the scheduler
// replaces: it runs an older revision (a deployment), or its container
// instance is DRAINING.
func (s *Scheduler) replacedReason(t *cluster.Task) string {
	if t.Def != s.primary {
		return "Service " + s.cfg.Name + ": replaced by " + s.primary.Name() + " (deployment)"
	}
	return "Service " + s.cfg.Name + ": container instance draining, task replaced"
}

// start starts n tasks of the primary deployment, unless the scheduler is
// backing off (it then reconciles when the back-off ends, §6.3) or the
// circuit breaker failed the deployment (§6.5).
func (s *Scheduler) start(now sim.Time, n int) []Action {
	if now < s.throttle.till {
		return []Action{{Verb: ReconcileAt, At: s.throttle.till}}
	}
	if s.deployment != nil && s.deployment.failed {
		return nil
	}
	return []Action{{Verb: StartTasks, Count: n, TaskDefinition: s.primary}}
}

// stopOutdated stops up to canStop outdated RUNNING tasks, the unhealthy
// first, then in launch order.
func (s *Scheduler) stopOutdated(now sim.Time, outdated []*cluster.Task, canStop int) []Action {
	if canStop <= 0 {
		return nil
	}
	slices.SortStableFunc(outdated, func(a, b *cluster.Task) int {
		ha, hb := s.healthy(now, a), s.healthy(now, b)
		switch {
		case ha == hb:
			return int(a.Seq - b.Seq)
		case !ha:
			return -1
		}
		return 1
	})
	out := make([]Action, min(canStop, len(outdated)))
	for i := range out {
		out[i] = stop(outdated[i], s.replacedReason(outdated[i]))
	}
	return out
}

// Progress judges a pass once the world has applied its actions, started
// being how many tasks of StartTasks it started (§6.4): a deployment whose
// bounds allow no step is STALLED; one that moves again after a stall is
// IN_PROGRESS; one whose tasks all run the primary revision, healthy and
// as many as desired, is COMPLETED; and the service reports steady state
// when it reaches it. A deployment is STALLED only when tasks of an older
// revision remain, no task may start (the total is at maximumPercent), none
// may stop (the healthy are at minimumHealthyPercent) and nothing in flight
// will change that; one that is stopping tasks to make room, waiting for
// new tasks to become healthy, out of capacity or backing off is
// IN_PROGRESS.
func (s *Scheduler) Progress(v View, p Pass, started int) []Action {
	now := v.Now()
	b := p.bounds
	b.inFlight = p.stopping > 0 || !s.allHealthy(now, p.current)
	steps := started + p.stopped
	current, outdatedLeft := s.split(v)
	deploying := s.deployment != nil && !s.deployment.failed
	stalled := deploying && outdatedLeft > 0 && steps == 0 && !b.canStart && !b.canStop && !b.inFlight
	acts := s.reportStall(stalled, steps, b)
	done := outdatedLeft == 0 && len(current) == s.desired && s.allHealthy(now, current)
	if done && deploying {
		acts = append(acts, s.complete())
	}
	if done != s.steady {
		s.steady = done
		if done {
			acts = append(acts, Action{Verb: SteadyState})
		}
	}
	return acts
}

// split returns the service's current tasks and counts its outdated ones.
func (s *Scheduler) split(v View) (current []*cluster.Task, outdated int) {
	for _, t := range v.Tasks() {
		if s.outdated(v, t) {
			outdated++
		} else {
			current = append(current, t)
		}
	}
	return current, outdated
}

// reportStall reports a deployment that became STALLED (with the bounds
// and counts it blocks on), or that moves again after one.
func (s *Scheduler) reportStall(stalled bool, steps int, b bounds) []Action {
	switch {
	case stalled && !s.stalled:
		s.stalled = true
		return []Action{s.deploymentChanged(Stalled, fmt.Sprintf("service %s was unable to stop or start tasks during a deployment because of the service deployment configuration: "+
			"maximumPercent %d allows %d tasks and %d are running or starting; minimumHealthyPercent %d needs %d healthy tasks and %d are",
			s.cfg.Name, s.cfg.MaximumPercent, b.maxTotal, b.total, s.cfg.MinimumHealthyPercent, b.minHealthy, b.healthy))}
	case s.stalled && steps > 0:
		s.stalled = false
		return []Action{s.deploymentChanged(InProgress, "the deployment moves again")}
	}
	return nil
}
