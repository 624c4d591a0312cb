package services

import (
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
)

// Daemon is the DAEMON scheduler on one instance (docs/model.md §6.1): one
// task on every ACTIVE instance whose agent is connected and that meets
// the service's constraints, placed as soon as the instance registers and
// retried when resources free up (a placement failure is reported, and the
// service waits for capacity); a task of an older revision, or on an
// instance that no longer qualifies, is stopped; on a DRAINING instance
// the daemon task stops last, once no other task runs there (§4.4). The
// world asks for each instance in turn and applies the answer before the
// next: a placed task changes what the next instance's constraints see.
func (s *Scheduler) Daemon(v View, in *cluster.Instance) []Action {
	if in.Status != cluster.Active && in.Status != cluster.Draining {
		return nil
	}
	task := v.TaskOn(in)
	eligible := in.Status == cluster.Active && in.AgentConnected && s.meetsConstraints(v, in, task != nil)
	switch {
	case task != nil && in.Status == cluster.Draining:
		if in.NonDaemonTasks() == 0 {
			return []Action{stop(task, "Service "+s.cfg.Name+": instance draining")}
		}
	case task != nil && task.Def != s.primary:
		return []Action{stop(task, "Service "+s.cfg.Name+": replaced by "+s.primary.Name()+" (deployment)")}
	case task != nil && !eligible:
		return []Action{stop(task, "Service "+s.cfg.Name+": the instance no longer meets the placement constraints")}
	case task == nil && eligible:
		return s.placeDaemon(in)
	}
	return nil
}

// placeDaemon places the primary revision's task on in, or reports that in
// lacks the room and waits for resources to free up.
func (s *Scheduler) placeDaemon(in *cluster.Instance) []Action {
	if res := in.Lacks(s.primary.Requirements()); res != cluster.ResourceNone {
		return s.NotPlaced(res.String())
	}
	return []Action{{Verb: PlaceDaemon, Instance: in, TaskDefinition: s.primary}}
}

// meetsConstraints reports whether in qualifies for the daemon's task. For
// a task already there only the constraints on the instance's own
// properties (attributes, type, zone) are checked again: the others
// (distinctInstance, runningTasksCount, task:group) would count the task
// itself, and a constraint its own task makes false would otherwise place
// and stop it forever (§6.1: ECS stops daemon tasks whose instance no
// longer meets the constraints, as when an attribute changes).
func (s *Scheduler) meetsConstraints(v View, in *cluster.Instance, placed bool) bool {
	r := v.Request(s.primary)
	for _, c := range r.Constraints {
		if placed && !placement.IsStatic(c) {
			continue
		}
		if !c.Check(in, r, v.State()) {
			return false
		}
	}
	return true
}

// DaemonProgress judges a DAEMON pass over every instance (§6.1, §6.4): a
// deployment is COMPLETED once no task of an older revision remains, every
// instance the daemon qualifies for runs a task of the primary revision,
// and those tasks are healthy. An instance without room keeps the
// deployment IN_PROGRESS, as ECS shows it while it waits for capacity.
func (s *Scheduler) DaemonProgress(v View, instances []*cluster.Instance) []Action {
	if s.deployment == nil || s.deployment.failed {
		return nil
	}
	tasks := v.Tasks()
	for _, t := range tasks {
		if t.Def != s.primary {
			return nil
		}
	}
	for _, in := range instances {
		if in.Status == cluster.Active && in.AgentConnected && v.TaskOn(in) == nil && s.meetsConstraints(v, in, false) {
			return nil
		}
	}
	if !s.allHealthy(v.Now(), tasks) {
		return nil
	}
	return []Action{s.complete()}
}
