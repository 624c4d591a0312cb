package world

import "github.com/ecsim/ecsim/sim/cluster"

// serviceTaskRunning tells the service's scheduler that t reached RUNNING.
func (w *World) serviceTaskRunning(s *serviceRun, t *cluster.Task) {
	w.applyService(s, s.ctl.TaskRunning(t, w.loop.Now()))
}

// serviceTaskStopped tells the service's scheduler that t stopped: a task
// that failed before RUNNING (startFailedTask) counts as a failure to
// start.
func (w *World) serviceTaskStopped(s *serviceRun, t *cluster.Task, wasRunning bool) {
	w.applyService(s, s.ctl.TaskStopped(t, !wasRunning && w.startFailed, w.loop.Now()))
}

// ReasonStartFailed is the stop reason of a task that failed before RUNNING.
const ReasonStartFailed = "TaskFailedToStart: the essential container failed to start"

// startFailedTask stops a task that failed before reaching RUNNING.
func (w *World) startFailedTask(t *cluster.Task) {
	w.startFailed = true
	w.stopTask(t, ReasonStartFailed)
	w.startFailed = false
}

// servicesCapacityChanged tells every scheduler that capacity may have
// grown: those waiting since a placement failure reconcile.
func (w *World) servicesCapacityChanged() {
	for _, s := range w.svcs {
		w.applyService(s, s.ctl.CapacityChanged())
	}
}

// draining starts replacing the service tasks of an instance that became
// DRAINING (§4.2): every service reconciles.
func (w *World) draining(in *cluster.Instance) {
	for _, s := range w.svcs {
		w.queueReconcile(s)
	}
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
