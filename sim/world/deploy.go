package world

import (
	"fmt"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// deploymentRun is a rolling deployment in progress (docs/model.md §6.4,
// §6.5): from the previous primary to a new task definition revision.
type deploymentRun struct {
	from, to *launcher
	// threshold is the circuit breaker's failure threshold; failures the
	// consecutive tasks of the new revision that failed to reach RUNNING;
	// running is set once one did (stage 1 passed: the breaker no longer
	// trips on start failures).
	threshold int
	failures  int
	running   bool
	failed    bool
}

// CircuitBreakerThreshold is the deployment circuit breaker's failure
// threshold: ceil(0.5 × desiredCount) clamped to [3, 200] (§6.5, W-15:
// 1 → 3, 25 → 13, 400 → 200).
func CircuitBreakerThreshold(desired int) int {
	return min(max((desired+1)/2, 3), 200)
}

// startDeployment makes l the primary deployment: the service's other
// tasks become outdated and are replaced within minimumHealthyPercent and
// maximumPercent. A new task definition resets the throttle (§6.3).
func (w *World) startDeployment(s *serviceRun, l *launcher, cause string) {
	s.deploy = &deploymentRun{from: s.current, to: l, threshold: CircuitBreakerThreshold(s.desired)}
	s.current = l
	s.throttled, s.throttleTill = 0, 0
	s.stalled, s.steady = false, false
	w.deploymentEvent(s, "IN_PROGRESS", cause)
	w.queueReconcile(s)
}

func (w *World) deploymentEvent(s *serviceRun, state, cause string) {
	e := w.emit(record.ServiceDeploymentChanged)
	e.Service, e.Owner, e.State, e.Cause = s.cfg.Name, s.cfg.Name, state, cause
	e.TaskDefinition = s.current.def.Name()
	w.publish()
}

// completeDeployment records that every task runs the primary revision.
func (w *World) completeDeployment(s *serviceRun) {
	s.completed = s.current
	s.deploy = nil
	w.deploymentEvent(s, "COMPLETED", "all tasks run "+s.current.def.Name())
}

// countDeploymentFailure counts a new-revision task that failed before
// RUNNING toward the circuit breaker (stage 1, §6.5); at the threshold the
// deployment fails, launches nothing more, and with rollback on the service
// rolls back to the last completed deployment.
func (w *World) countDeploymentFailure(s *serviceRun, t *cluster.Task) {
	d := s.deploy
	if d == nil || !s.cfg.CircuitBreaker || d.failed || d.running || t.Def != d.to.def {
		return
	}
	d.failures++
	if d.failures < d.threshold {
		return
	}
	d.failed = true
	w.deploymentEvent(s, "FAILED", fmt.Sprintf("deployment circuit breaker: %d tasks of %s failed to start (threshold %d)",
		d.failures, d.to.def.Name(), d.threshold))
	if s.cfg.Rollback && s.completed != nil && s.completed != d.to {
		w.startDeployment(s, s.completed, "rollback to "+s.completed.def.Name())
	}
}
