package world

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/services"
)

// serviceRun is a service during a run: its scheduler (sim/services, which
// keeps the scheduling state of docs/model.md §6) and what the world keeps
// to apply its actions: a launcher per revision and the service's tasks.
type serviceRun struct {
	cfg       *Service
	idx       int32
	ctl       *services.Scheduler
	view      *serviceView
	launchers map[*cluster.TaskDefinition]*launcher // one per revision
	tasks     []queued                              // the service's tasks not yet stopped
	daemonOn  map[cluster.InstanceID]queued         // the daemon task on each instance
	scheduled bool                                  // a reconcile is queued for this instant
	scaling   *serviceScaling
}

func (w *World) newServiceRun(cfg *Service, idx int32) (*serviceRun, error) {
	s := &serviceRun{cfg: cfg, idx: idx, launchers: map[*cluster.TaskDefinition]*launcher{}}
	s.view = &serviceView{w: w, s: s}
	s.ctl = services.New(services.Config{Name: cfg.Name, TaskDefinition: cfg.TaskDefinition,
		DesiredCount: cfg.DesiredCount, MinimumHealthyPercent: cfg.MinimumHealthyPercent, MaximumPercent: cfg.MaximumPercent,
		CircuitBreaker: cfg.CircuitBreaker, Rollback: cfg.Rollback, HealthyAfter: cfg.HealthyAfter,
		ThrottleInitialDelay: w.cfg.Model.ServiceThrottleInitialDelay})
	if cfg.Daemon {
		s.daemonOn = map[cluster.InstanceID]queued{}
	}
	if err := w.serviceLauncher(s, cfg.TaskDefinition, cfg.StartFailureRate); err != nil {
		return nil, err
	}
	for _, d := range cfg.Deployments {
		if err := w.serviceLauncher(s, d.TaskDefinition, d.StartFailureRate); err != nil {
			return nil, err
		}
	}
	if cfg.AutoScaling != nil {
		s.scaling = newServiceScaling(cfg.AutoScaling, w.cfg.Model)
	}
	return s, nil
}

// serviceLauncher builds the launcher of the service's tasks of def, once.
func (w *World) serviceLauncher(s *serviceRun, def *cluster.TaskDefinition, failRate float64) error {
	if _, ok := s.launchers[def]; ok {
		return nil
	}
	kind := cluster.OwnerService
	if s.cfg.Daemon {
		kind = cluster.OwnerDaemon
	}
	l, err := w.newLauncher(launchSpec{name: s.cfg.Name, group: "service:" + s.cfg.Name, def: def, kind: kind,
		launchType: s.cfg.LaunchType, items: s.cfg.CapacityProviderStrategy, strategy: s.cfg.PlacementStrategy,
		constraints: s.cfg.PlacementConstraints, startDelay: s.cfg.TaskStartDelay, startFailureRate: failRate, svc: s})
	if err != nil {
		return fmt.Errorf("service %s: %w", s.cfg.Name, err)
	}
	s.launchers[def] = l
	return nil
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

// reconcileService runs one pass of the service's scheduler and applies
// its actions: a REPLICA pass, then its progress; or the DAEMON scheduler
// on every instance in turn.
func (w *World) reconcileService(s *serviceRun) {
	s.scheduled = false
	if s.cfg.Daemon {
		for _, in := range w.c.Instances() {
			w.daemonOn(s, in)
		}
		w.applyService(s, s.ctl.DaemonProgress(s.view, w.c.Instances()))
		return
	}
	pass := s.ctl.Reconcile(s.view)
	started := w.applyService(s, pass.Actions)
	w.applyService(s, s.ctl.Progress(s.view, pass, started))
}

// daemonOn runs the DAEMON service s's scheduler on one instance. When
// it stopped the instance's daemon task (an older revision), it runs again
// at once, so that the replacement takes the room the old task left before
// anything else can: ECS reserves a daemon's resources and places it first
// (docs/model.md §6.1).
func (w *World) daemonOn(s *serviceRun, in *cluster.Instance) {
	acts := s.ctl.Daemon(s.view, in)
	w.applyService(s, acts)
	if len(acts) == 1 && acts[0].Verb == services.StopTask {
		w.applyService(s, s.ctl.Daemon(s.view, in))
	}
}

// applyService carries out a scheduler's actions in order and returns how
// many tasks it started. The world's rules hold whatever the scheduler
// asks: a task is started only where placement finds it room.
func (w *World) applyService(s *serviceRun, actions []services.Action) int {
	started := 0
	for _, a := range actions {
		switch a.Verb {
		case services.StartTasks:
			started += w.startServiceTasks(s, s.launchers[a.TaskDefinition], a.Count)
		case services.StopTask:
			w.stopTask(a.Task, a.Reason)
		case services.ScaleIn:
			w.scaleInService(s, a)
		case services.PlaceDaemon:
			w.placeDaemon(s, s.launchers[a.TaskDefinition], a.Instance)
		case services.ReconcileNow:
			w.queueReconcile(s)
		case services.ReconcileAt:
			w.loop.At(a.At, prioArrival, event{kind: evServiceReconcile, idx: s.idx})
		default:
			w.serviceEvent(s, a)
		}
	}
	return started
}

// serviceEvent emits the record of a scheduler's report.
func (w *World) serviceEvent(s *serviceRun, a services.Action) {
	var typ record.EventType
	switch a.Verb {
	case services.DesiredCountChanged:
		typ = record.ServiceDesiredCountChanged
	case services.DeploymentChanged:
		typ = record.ServiceDeploymentChanged
	case services.SteadyState:
		typ = record.ServiceSteadyState
	case services.Throttled:
		typ = record.ServiceThrottled
	case services.PlacementFailed:
		typ = record.ServicePlacementFailed
	default:
		panic(fmt.Sprintf("world: service action %d is not a record", a.Verb))
	}
	e := w.emit(typ)
	e.Service, e.Owner, e.State, e.Cause, e.Reason = s.cfg.Name, s.cfg.Name, a.State, a.Cause, a.Reason
	e.Wait, e.From, e.To = a.Wait, a.From, a.To
	if a.TaskDefinition != nil {
		e.TaskDefinition = a.TaskDefinition.Name()
	}
	w.publish()
}

// startServiceTasks starts up to n tasks of l, stopping at the first that
// cannot be placed (ECS creates no task for it, §5.6: its scheduler is
// told); it returns how many it started.
func (w *World) startServiceTasks(s *serviceRun, l *launcher, n int) int {
	started := 0
	for ; started < n; started++ {
		t := w.newTask(l, nil)
		s.tasks = append(s.tasks, queued{t.ID, t.Gen})
		if reason, ok := w.launch(t, l); !ok {
			s.tasks = s.tasks[:len(s.tasks)-1]
			w.c.DiscardTask(t)
			w.applyService(s, s.ctl.NotPlaced(reason))
			break
		}
	}
	return started
}

// scaleInService stops a.Count of a.Tasks, each chosen by the scale-in
// rule of the placement strategy (§6.2, placement.ChooseTaskToStop) after
// the previous one stopped.
func (w *World) scaleInService(s *serviceRun, a services.Action) {
	r := &s.launchers[a.TaskDefinition].req
	current := a.Tasks
	for n := a.Count; n > 0 && len(current) > 0; n-- {
		t := w.placer.ChooseTaskToStop(current, r)
		current = slices.DeleteFunc(current, func(x *cluster.Task) bool { return x == t })
		w.stopTask(t, a.Reason)
	}
}

// placeDaemon places a daemon task of l on in.
func (w *World) placeDaemon(s *serviceRun, l *launcher, in *cluster.Instance) {
	t := w.newTask(l, nil)
	s.tasks = append(s.tasks, queued{t.ID, t.Gen})
	s.daemonOn[in.ID] = queued{t.ID, t.Gen}
	w.submitted(t)
	w.placeOwned(t, in)
}

// serviceView is what a service's scheduler reads of the world.
type serviceView struct {
	w *World
	s *serviceRun
}

// Now implements services.View.
func (v *serviceView) Now() sim.Time { return v.w.loop.Now() }

// Tasks implements services.View: the service's tasks not yet stopped,
// pruning the rest.
func (v *serviceView) Tasks() []*cluster.Task { return v.w.liveTasks(v.s) }

// Stopping implements services.View.
func (v *serviceView) Stopping(t *cluster.Task) bool { return v.w.beingStopped(t) }

// Instance implements services.View.
func (v *serviceView) Instance(id cluster.InstanceID) *cluster.Instance { return v.w.c.Instance(id) }

// TaskOn implements services.View: the daemon service's live task on in,
// forgetting a stopped one.
func (v *serviceView) TaskOn(in *cluster.Instance) *cluster.Task {
	q, ok := v.s.daemonOn[in.ID]
	if !ok {
		return nil
	}
	if t := v.w.c.Task(q.id); t.Gen == q.gen && t.State != cluster.Stopped && t.Instance == in.ID {
		return t
	}
	delete(v.s.daemonOn, in.ID)
	return nil
}

// Request implements services.View.
func (v *serviceView) Request(def *cluster.TaskDefinition) *placement.Request {
	return &v.s.launchers[def].req
}

// State implements services.View.
func (v *serviceView) State() placement.State { return v.w.c }

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
