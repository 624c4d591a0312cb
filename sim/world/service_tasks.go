package world

import (
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

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
	if !wasRunning && w.startFailed && s.throttledAt != w.loop.Now() {
		// The tasks of one launch that fail together are one failed
		// attempt: the back-off grows once per instant.
		s.throttledAt = w.loop.Now()
		s.throttled++
		delay := min(w.cfg.Model.ServiceThrottleInitialDelay<<min(s.throttled-1, 20), maxThrottle)
		s.throttleTill = w.loop.Now().Add(delay)
		e := w.emit(record.ServiceThrottled)
		e.Service, e.Owner, e.Wait = s.cfg.Name, s.cfg.Name, delay
		e.Reason = "service " + s.cfg.Name + " is unable to consistently start tasks successfully"
		w.publish()
	}
	if !wasRunning && w.startFailed {
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
