package world

import (
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
)

// reconcileDaemon is the DAEMON scheduler (docs/model.md §6.1): one task
// on every ACTIVE instance that meets the service's constraints, placed as
// soon as the instance registers and retried when resources free up;
// tasks on instances that no longer qualify, or of an older revision, are
// stopped; on a DRAINING instance the daemon task stops last, after every
// other task (§4.4).
func (w *World) reconcileDaemon(s *serviceRun) {
	for _, in := range w.c.Instances() {
		if in.Status == cluster.Active || in.Status == cluster.Draining {
			w.daemonOn(s, in)
		}
	}
}

// daemonOn reconciles the daemon service s on one instance.
func (w *World) daemonOn(s *serviceRun, in *cluster.Instance) {
	task := w.daemonTask(s, in)
	eligible := in.Status == cluster.Active && in.AgentConnected && w.meetsDaemonConstraints(s, in, task != nil)
	switch {
	case task != nil && in.Status == cluster.Draining:
		if in.NonDaemonTasks() == 0 {
			w.stopTask(task, "Service "+s.cfg.Name+": instance draining")
		}
	case task != nil && task.Def != s.current.def:
		w.stopTask(task, "Service "+s.cfg.Name+": replaced by "+s.current.def.Name()+" (deployment)")
	case task != nil && !eligible:
		w.stopTask(task, "Service "+s.cfg.Name+": the instance no longer meets the placement constraints")
	case task == nil && eligible:
		w.placeDaemon(s, in)
	}
}

// daemonTask returns the daemon service's live task on in, or nil.
func (w *World) daemonTask(s *serviceRun, in *cluster.Instance) *cluster.Task {
	q, ok := s.daemonOn[in.ID]
	if !ok {
		return nil
	}
	if t := w.c.Task(q.id); t.Gen == q.gen && t.State != cluster.Stopped && t.Instance == in.ID {
		return t
	}
	delete(s.daemonOn, in.ID)
	return nil
}

// meetsDaemonConstraints reports whether in qualifies for the daemon's
// task. For a task already there only the constraints on the instance's
// own properties (attributes, type, zone) are checked again: the others
// (distinctInstance, runningTasksCount, task:group) would count the task
// itself, and a constraint its own task makes false would otherwise place
// and stop it forever (docs/model.md §6.1: ECS stops daemon tasks whose
// instance no longer meets the constraints, as when an attribute changes).
func (w *World) meetsDaemonConstraints(s *serviceRun, in *cluster.Instance, placed bool) bool {
	r := &s.current.req
	for _, c := range r.Constraints {
		if placed && !placement.IsStatic(c) {
			continue
		}
		if !c.Check(in, r, w.c) {
			return false
		}
	}
	return true
}

// placeDaemon places the daemon's task on in, or records the placement
// failure and waits for resources to free up.
func (w *World) placeDaemon(s *serviceRun, in *cluster.Instance) {
	if res := in.Lacks(s.current.def.Requirements()); res != cluster.ResourceNone {
		w.placementFailed(s, res.String())
		return
	}
	t := w.newTask(s.current, nil)
	s.tasks = append(s.tasks, queued{t.ID, t.Gen})
	s.daemonOn[in.ID] = queued{t.ID, t.Gen}
	w.submitted(t)
	w.placeOwned(t, in)
}

// daemonsOnRegister places every daemon service's task on a newly
// registered instance before anything else can take its resources (§6.1:
// "placed first").
func (w *World) daemonsOnRegister(in *cluster.Instance) {
	for _, s := range w.svcs {
		if s.cfg.Daemon {
			w.daemonOn(s, in)
		}
	}
}
