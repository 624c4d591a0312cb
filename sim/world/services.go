package world

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// serviceRun is a service's state during a run: the service scheduler of
// ecs-reference.md §6, keeping desiredCount tasks of the primary deployment
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
	waiting      bool     // a placement failed: retry when capacity changes
	scheduled    bool     // a reconcile is queued for this instant
	steady       bool
	stalled      bool
	daemonOn     map[cluster.InstanceID]queued // the daemon task on each instance
	scaling      *serviceScaling
}

func (w *World) newServiceRun(cfg *Service, idx int32) (*serviceRun, error) {
	s := &serviceRun{cfg: cfg, idx: idx, desired: cfg.DesiredCount, launchers: map[*cluster.TaskDefinition]*launcher{}}
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
	if t.Def != s.current.def {
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
	healthy := 0
	for _, t := range live {
		if w.outdated(s, t) {
			if t.State != cluster.Running {
				w.stopTask(t, "Service "+s.cfg.Name+": task replaced")
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
	total := len(current) + len(outdated)
	minHealthy := (s.desired*s.cfg.MinimumHealthyPercent + 99) / 100
	maxTotal := s.desired * s.cfg.MaximumPercent / 100
	started := 0
	if want, room := s.desired-len(current), maxTotal-total; want > 0 && room > 0 {
		started = w.startServiceTasks(s, min(want, room))
	}
	if len(outdated) > 0 {
		w.stopOutdated(s, outdated, healthy-minHealthy)
	} else if surplus := len(current) - s.desired; surplus > 0 {
		w.scaleInService(s, slices.Clone(current), surplus)
	}
	w.serviceProgress(s, started)
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
// changes, failing nothing (ecs-reference.md corrections).
func (w *World) placementFailed(s *serviceRun, reason string) {
	s.waiting = true
	e := w.emit(record.ServicePlacementFailed)
	e.Service, e.Owner, e.Reason = s.cfg.Name, s.cfg.Name, reason
	e.Cause = "service " + s.cfg.Name + " was unable to place a task because no container instance met all of its requirements"
	w.publish()
}

// stopOutdated stops outdated RUNNING tasks, unhealthy-first, while more
// than minimumHealthyPercent stay healthy.
func (w *World) stopOutdated(s *serviceRun, outdated []*cluster.Task, canStop int) {
	if canStop <= 0 {
		return
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
	for _, t := range outdated[:min(canStop, len(outdated))] {
		w.stopTask(t, "Service "+s.cfg.Name+": task replaced")
	}
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

// serviceProgress reports a deployment that can neither start nor stop
// tasks, completes deployments, and reports steady state (§6.4).
func (w *World) serviceProgress(s *serviceRun, started int) {
	var current []*cluster.Task
	outdatedLeft := 0
	for _, t := range w.liveTasks(s) {
		if w.outdated(s, t) {
			outdatedLeft++
		} else {
			current = append(current, t)
		}
	}
	if outdatedLeft > 0 && started == 0 && len(current) < s.desired && !s.stalled && s.deploy != nil {
		s.stalled = true
		e := w.emit(record.ServiceDeploymentChanged)
		e.Service, e.Owner, e.State = s.cfg.Name, s.cfg.Name, "STALLED"
		e.Cause = fmt.Sprintf("service %s was unable to stop or start tasks during a deployment because of the service deployment configuration (minimumHealthyPercent %d, maximumPercent %d)",
			s.cfg.Name, s.cfg.MinimumHealthyPercent, s.cfg.MaximumPercent)
		w.publish()
	}
	healthyCurrent := 0
	for _, t := range current {
		if w.healthy(s, t) {
			healthyCurrent++
		}
	}
	done := outdatedLeft == 0 && healthyCurrent == s.desired && len(current) == s.desired
	if done && s.deploy != nil && !s.deploy.failed {
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

// serviceTaskRunning resets the throttle and marks the deployment's stage 1
// passed; the service is reconciled again when the task becomes healthy.
func (w *World) serviceTaskRunning(s *serviceRun, t *cluster.Task) {
	s.throttled, s.throttleTill = 0, 0
	if d := s.deploy; d != nil && t.Def == d.to.def {
		d.running = true
		d.failures = 0
	}
	w.loop.After(s.cfg.HealthyAfter, prioArrival, event{kind: evServiceReconcile, idx: s.idx})
}

// maxThrottle caps the service scheduler's back-off (§6.3).
const maxThrottle = 15 * time.Minute

// serviceTaskStopped reacts to a stop: a task that failed before RUNNING
// grows the back-off and counts toward the circuit breaker; the service is
// reconciled to replace it.
func (w *World) serviceTaskStopped(s *serviceRun, t *cluster.Task, wasRunning bool) {
	if !wasRunning && w.startFailed {
		s.throttled++
		delay := w.cfg.Model.ServiceThrottleInitialDelay << min(s.throttled-1, 20)
		s.throttleTill = w.loop.Now().Add(min(delay, maxThrottle))
		w.countDeploymentFailure(s, t)
	}
	w.queueReconcile(s)
}

// ReasonStartFailed is the stop reason of a task that failed before RUNNING.
const ReasonStartFailed = "TaskFailedToStart: the essential container failed to start"

// startFailedTask stops a task that failed before reaching RUNNING.
func (w *World) startFailedTask(t *cluster.Task) {
	w.startFailed = true
	w.stopTask(t, ReasonStartFailed)
	w.startFailed = false
}

// servicesCapacityChanged reconciles the services waiting for capacity.
func (w *World) servicesCapacityChanged() {
	for _, s := range w.svcs {
		if s.waiting {
			s.waiting = false
			w.queueReconcile(s)
		}
	}
}

// draining starts replacing the service tasks of an instance that became
// DRAINING (§4.2): every service reconciles.
func (w *World) draining(in *cluster.Instance) {
	for _, s := range w.svcs {
		w.queueReconcile(s)
	}
}
