package world

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// serviceRun is a service's state during a run: the service scheduler of
// docs/model.md §6, keeping desiredCount tasks of the primary deployment
// and replacing outdated ones within minimumHealthyPercent and
// maximumPercent.
type serviceRun struct {
	cfg       *Service
	idx       int32
	desired   int
	current   *launcher                             // the primary deployment's
	launchers map[*cluster.TaskDefinition]*launcher // one per revision
	tasks     []queued                              // the service's tasks not yet stopped
	deploy    *deploymentRun
	completed *launcher // the last deployment that completed

	throttled    int      // consecutive tasks that failed to start
	throttleTill sim.Time // no launch before this
	throttledAt  sim.Time // when the back-off last grew
	waiting      bool     // a placement failed: retry when capacity changes
	scheduled    bool     // a reconcile is queued for this instant
	steady       bool
	stalled      bool
	daemonOn     map[cluster.InstanceID]queued // the daemon task on each instance
	scaling      *serviceScaling
}

func (w *World) newServiceRun(cfg *Service, idx int32) (*serviceRun, error) {
	s := &serviceRun{cfg: cfg, idx: idx, desired: cfg.DesiredCount, launchers: map[*cluster.TaskDefinition]*launcher{},
		throttledAt: -1}
	if cfg.Daemon {
		s.daemonOn = map[cluster.InstanceID]queued{}
	}
	l, err := w.serviceLauncher(s, cfg.TaskDefinition, cfg.StartFailureRate)
	if err != nil {
		return nil, err
	}
	s.current, s.completed = l, l
	for _, d := range cfg.Deployments {
		if _, err := w.serviceLauncher(s, d.TaskDefinition, d.StartFailureRate); err != nil {
			return nil, err
		}
	}
	if cfg.AutoScaling != nil {
		s.scaling = newServiceScaling(cfg.AutoScaling, w.cfg.Model)
	}
	return s, nil
}

func (w *World) serviceLauncher(s *serviceRun, def *cluster.TaskDefinition, failRate float64) (*launcher, error) {
	if l, ok := s.launchers[def]; ok {
		return l, nil
	}
	kind := cluster.OwnerService
	if s.cfg.Daemon {
		kind = cluster.OwnerDaemon
	}
	l, err := w.newLauncher(launchSpec{name: s.cfg.Name, group: "service:" + s.cfg.Name, def: def, kind: kind,
		launchType: s.cfg.LaunchType, items: s.cfg.CapacityProviderStrategy, strategy: s.cfg.PlacementStrategy,
		constraints: s.cfg.PlacementConstraints, startDelay: s.cfg.TaskStartDelay, startFailureRate: failRate, svc: s})
	if err != nil {
		return nil, fmt.Errorf("service %s: %w", s.cfg.Name, err)
	}
	s.launchers[def] = l
	return l, nil
}

// startServices schedules every service's first reconcile and its timed
// changes.
func (w *World) startServices() {
	for _, s := range w.svcs {
		w.queueReconcile(s)
		for i, c := range s.cfg.DesiredCountSchedule {
			w.loop.At(sim.At(c.At), prioArrival, event{kind: evServiceDesired, idx: s.idx, gen: uint32(i)})
		}
		for i, d := range s.cfg.Deployments {
			w.loop.At(sim.At(d.At), prioArrival, event{kind: evServiceDeploy, idx: s.idx, gen: uint32(i)})
		}
	}
}

// queueReconcile runs the service's scheduler once more at this instant.
func (w *World) queueReconcile(s *serviceRun) {
	if !s.scheduled {
		s.scheduled = true
		w.loop.At(w.loop.Now(), prioArrival, event{kind: evServiceReconcile, idx: s.idx})
	}
}

// liveTasks returns the service's tasks not yet stopped, pruning the rest.
func (w *World) liveTasks(s *serviceRun) []*cluster.Task {
	var out []*cluster.Task
	keep := s.tasks[:0]
	for _, q := range s.tasks {
		t := w.c.Task(q.id)
		if t.Gen == q.gen && t.State != cluster.Stopped {
			keep = append(keep, q)
			out = append(out, t)
		}
	}
	s.tasks = keep
	return out
}

// healthy reports whether a service task counts toward
// minimumHealthyPercent: RUNNING for at least HealthyAfter (§6.3).
func (w *World) healthy(s *serviceRun, t *cluster.Task) bool {
	return t.State == cluster.Running && w.loop.Now().Sub(t.StartedAt) >= s.cfg.HealthyAfter
}

// outdated reports whether t must be replaced: it runs an older revision
// than the primary deployment, or sits on a DRAINING instance (§4.2).
func (w *World) outdated(s *serviceRun, t *cluster.Task) bool {
	if t.Def != s.current.def || w.beingStopped(t) {
		return true
	}
	return t.Instance != cluster.NoInstance && w.c.Instance(t.Instance).Status == cluster.Draining
}

// reconcileService is one pass of the REPLICA service scheduler (§6.1–6.4):
// outdated tasks that are not RUNNING are stopped at once; new tasks are
// started while the service has fewer current tasks than desired and the
// total stays within maximumPercent (rounded down); outdated RUNNING tasks
// are stopped while the healthy tasks stay at or above minimumHealthyPercent
// (rounded up); surplus tasks are stopped on scale-in by the placement
// strategy's rule (§6.2).
func (w *World) reconcileService(s *serviceRun) {
	s.scheduled = false
	if s.cfg.Daemon {
		w.reconcileDaemon(s)
		return
	}
	live := w.liveTasks(s)
	var current, outdated []*cluster.Task
	healthy, stopping, dropped := 0, 0, 0
	for _, t := range live {
		if w.beingStopped(t) {
			stopping++ // counts toward maximumPercent only
			continue
		}
		if w.outdated(s, t) {
			if t.State != cluster.Running {
				w.stopTask(t, w.replacedReason(s, t))
				dropped++
				continue
			}
			outdated = append(outdated, t)
		} else {
			current = append(current, t)
		}
		if w.healthy(s, t) {
			healthy++
		}
	}
	total := len(current) + len(outdated) + stopping
	b := bounds{minHealthy: (s.desired*s.cfg.MinimumHealthyPercent + 99) / 100,
		maxTotal: s.desired * s.cfg.MaximumPercent / 100, total: total, healthy: healthy}
	started, stopped := 0, 0
	if want, room := s.desired-len(current), b.maxTotal-total; want > 0 && room > 0 {
		started = w.startServiceTasks(s, min(want, room))
		b.canStart = true
	}
	if len(outdated) > 0 {
		stopped = w.stopOutdated(s, outdated, healthy-b.minHealthy)
		b.canStop = healthy > b.minHealthy
	} else if surplus := len(current) - s.desired; surplus > 0 {
		w.scaleInService(s, slices.Clone(current), surplus)
	}
	b.inFlight = stopping > 0 || w.settling(s, current)
	w.serviceProgress(s, started+stopped+dropped, b)
}

// bounds is what a service's deployment configuration allows in one pass of
// its scheduler (docs/model.md §6.4): tasks may start while the total stays
// within floor(desired × maximumPercent / 100), outdated ones may stop while
// the healthy stay at or above ceil(desired × minimumHealthyPercent / 100).
type bounds struct {
	minHealthy, maxTotal, total, healthy int
	canStart, canStop                    bool
	// inFlight is set while something will change the bounds without the
	// scheduler: a task starting or not yet healthy, a task stopping.
	inFlight bool
}

// settling reports whether any of the primary deployment's tasks is still
// on its way to healthy (PROVISIONING, PENDING, or RUNNING for less than
// healthyAfter).
func (w *World) settling(s *serviceRun, current []*cluster.Task) bool {
	for _, t := range current {
		if !w.healthy(s, t) {
			return true
		}
	}
	return false
}

// startServiceTasks starts up to n tasks of the primary deployment, unless
// the scheduler is backing off or the circuit breaker failed the deployment;
// it returns how many it started.
func (w *World) startServiceTasks(s *serviceRun, n int) int {
	now := w.loop.Now()
	if now < s.throttleTill {
		w.loop.At(s.throttleTill, prioArrival, event{kind: evServiceReconcile, idx: s.idx})
		return 0
	}
	if s.deploy != nil && s.deploy.failed {
		return 0
	}
	started := 0
	for ; started < n; started++ {
		t := w.newTask(s.current, nil)
		s.tasks = append(s.tasks, queued{t.ID, t.Gen})
		if reason, ok := w.launch(t, s.current); !ok {
			s.tasks = s.tasks[:len(s.tasks)-1]
			w.c.DiscardTask(t)
			w.placementFailed(s, reason)
			break
		}
	}
	return started
}

// placementFailed records a service task that could not be placed: the
// service emits SERVICE_TASK_PLACEMENT_FAILURE and retries when capacity
// changes, failing nothing (docs/model.md corrections).
func (w *World) placementFailed(s *serviceRun, reason string) {
	s.waiting = true
	e := w.emit(record.ServicePlacementFailed)
	e.Service, e.Owner, e.Reason = s.cfg.Name, s.cfg.Name, reason
	e.Cause = "service " + s.cfg.Name + " was unable to place a task because no container instance met all of its requirements"
	w.publish()
}

// replacedReason is the stoppedReason of an outdated task the scheduler
// replaces: it runs an older revision (a deployment), or its container
// instance is DRAINING.
func (w *World) replacedReason(s *serviceRun, t *cluster.Task) string {
	if t.Def != s.current.def {
		return "Service " + s.cfg.Name + ": replaced by " + s.current.def.Name() + " (deployment)"
	}
	return "Service " + s.cfg.Name + ": container instance draining, task replaced"
}

// stopOutdated stops outdated RUNNING tasks, unhealthy-first, while more
// than minimumHealthyPercent stay healthy; it returns how many it stopped.
func (w *World) stopOutdated(s *serviceRun, outdated []*cluster.Task, canStop int) int {
	if canStop <= 0 {
		return 0
	}
	slices.SortStableFunc(outdated, func(a, b *cluster.Task) int {
		ha, hb := w.healthy(s, a), w.healthy(s, b)
		switch {
		case ha == hb:
			return int(a.Seq - b.Seq)
		case !ha:
			return -1
		}
		return 1
	})
	n := min(canStop, len(outdated))
	for _, t := range outdated[:n] {
		w.stopTask(t, w.replacedReason(s, t))
	}
	return n
}

// scaleInService stops surplus tasks chosen by the placement strategy's
// scale-in rule (§6.2, placement.ChooseTaskToStop).
func (w *World) scaleInService(s *serviceRun, current []*cluster.Task, n int) {
	r := &s.current.req
	for ; n > 0 && len(current) > 0; n-- {
		t := w.placer.ChooseTaskToStop(current, r)
		current = slices.DeleteFunc(current, func(x *cluster.Task) bool { return x == t })
		w.stopTask(t, "Service "+s.cfg.Name+": scaled in")
	}
}

// serviceProgress reports a deployment whose bounds allow no step, resumes
// one that moves again, completes deployments, and reports steady state
// (docs/model.md §6.4). A deployment is STALLED only when tasks of an older
// revision remain, no task may start (the total is at maximumPercent), none
// may stop (the healthy are at minimumHealthyPercent) and nothing in flight
// will change that; one that is stopping tasks to make room, waiting for new
// tasks to become healthy, out of capacity or backing off is IN_PROGRESS.
func (w *World) serviceProgress(s *serviceRun, steps int, b bounds) {
	var current []*cluster.Task
	outdatedLeft := 0
	for _, t := range w.liveTasks(s) {
		if w.outdated(s, t) {
			outdatedLeft++
		} else {
			current = append(current, t)
		}
	}
	deploying := s.deploy != nil && !s.deploy.failed
	w.reportStall(s, deploying && outdatedLeft > 0 && steps == 0 && !b.canStart && !b.canStop && !b.inFlight, steps, b)
	done := outdatedLeft == 0 && len(current) == s.desired && w.allHealthy(s, current)
	if done && deploying {
		w.completeDeployment(s)
	}
	if done != s.steady {
		s.steady = done
		if done {
			e := w.emit(record.ServiceSteadyState)
			e.Service, e.Owner = s.cfg.Name, s.cfg.Name
			w.publish()
		}
	}
}

// reportStall reports a deployment that became STALLED (with the bounds
// and counts it blocks on), or that moves again after one.
func (w *World) reportStall(s *serviceRun, stalled bool, steps int, b bounds) {
	switch {
	case stalled && !s.stalled:
		s.stalled = true
		w.deploymentEvent(s, "STALLED", fmt.Sprintf("service %s was unable to stop or start tasks during a deployment because of the service deployment configuration: "+
			"maximumPercent %d allows %d tasks and %d are running or starting; minimumHealthyPercent %d needs %d healthy tasks and %d are",
			s.cfg.Name, s.cfg.MaximumPercent, b.maxTotal, b.total, s.cfg.MinimumHealthyPercent, b.minHealthy, b.healthy))
	case s.stalled && steps > 0:
		s.stalled = false
		w.deploymentEvent(s, "IN_PROGRESS", "the deployment moves again")
	}
}

// allHealthy reports whether every task of tasks is healthy.
func (w *World) allHealthy(s *serviceRun, tasks []*cluster.Task) bool {
	for _, t := range tasks {
		if !w.healthy(s, t) {
			return false
		}
	}
	return true
}
