package services

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// deployment is a rolling deployment under way (docs/model.md §6.4,
// §6.5): to a new task definition revision.
type deployment struct {
	to *cluster.TaskDefinition
	// threshold is the circuit breaker's failure threshold; failures the
	// consecutive tasks of the new revision that failed to reach RUNNING;
	// running is set once one did (stage 1 passed: the breaker no longer
	// trips on start failures); failed once the breaker tripped.
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

// Deploy makes def the primary deployment (a new task definition
// revision, or a rollback): the service's other tasks become outdated and
// are replaced within minimumHealthyPercent and maximumPercent (§6.4); the
// circuit breaker's threshold is taken from the desired count now (§6.5);
// a new task definition resets the throttle (§6.3).
func (s *Scheduler) Deploy(def *cluster.TaskDefinition, cause string) []Action {
	s.deployment = &deployment{to: def, threshold: CircuitBreakerThreshold(s.desired)}
	s.primary = def
	s.throttle.reset()
	s.stalled, s.steady = false, false
	return []Action{s.deploymentChanged(InProgress, cause), {Verb: ReconcileNow}}
}

// deploymentChanged is the action that reports the primary deployment
// entering state.
func (s *Scheduler) deploymentChanged(state, cause string) Action {
	return Action{Verb: DeploymentChanged, State: state, Cause: cause, TaskDefinition: s.primary}
}

// complete records that every task runs the primary revision.
func (s *Scheduler) complete() Action {
	s.completed = s.primary
	s.deployment = nil
	return s.deploymentChanged(Completed, "all tasks run "+s.primary.Name())
}

// TaskRunning is told that the service's task t reached RUNNING at now:
// the throttle resets (§6.3), a task of the new revision passes the
// circuit breaker's stage 1 (§6.5), and the service reconciles again when
// the task becomes healthy.
func (s *Scheduler) TaskRunning(t *cluster.Task, now sim.Time) []Action {
	s.throttle.reset()
	if d := s.deployment; d != nil && t.Def == d.to {
		d.running = true
		d.failures = 0
	}
	return []Action{{Verb: ReconcileAt, At: now.Add(s.cfg.HealthyAfter)}}
}

// TaskStopped is told that the service's task t stopped at now;
// failedToStart is set when it stopped before RUNNING because it failed to
// start. Such a failure grows the back-off (§6.3) and counts toward the
// circuit breaker (§6.5); the service reconciles to replace the task.
func (s *Scheduler) TaskStopped(t *cluster.Task, failedToStart bool, now sim.Time) []Action {
	var acts []Action
	if failedToStart {
		if wait, grew := s.throttle.grow(now, s.cfg.ThrottleInitialDelay); grew {
			acts = append(acts, Action{Verb: Throttled, Wait: wait,
				Reason: "service " + s.cfg.Name + " is unable to consistently start tasks successfully"})
		}
		acts = append(acts, s.countFailure(t)...)
	}
	return append(acts, Action{Verb: ReconcileNow})
}

// countFailure counts a new-revision task that failed before RUNNING
// toward the circuit breaker (stage 1, §6.5); at the threshold the
// deployment fails, launches nothing more, and with rollback on the
// service rolls back to the last completed deployment.
func (s *Scheduler) countFailure(t *cluster.Task) []Action {
	d := s.deployment
	if d == nil || !s.cfg.CircuitBreaker || d.failed || d.running || t.Def != d.to {
		return nil
	}
	d.failures++
	if d.failures < d.threshold {
		return nil
	}
	d.failed = true
	acts := []Action{s.deploymentChanged(Failed, fmt.Sprintf("deployment circuit breaker: %d tasks of %s failed to start (threshold %d)",
		d.failures, d.to.Name(), d.threshold))}
	if s.cfg.Rollback && s.completed != nil && s.completed != d.to {
		acts = append(acts, s.Deploy(s.completed, "rollback to "+s.completed.Name())...)
	}
	return acts
}

// maxThrottle caps the service scheduler's back-off (§6.3).
const maxThrottle = 15 * time.Minute

// throttle is the back-off of a service whose tasks keep failing to start
// (§6.3, §14.6): the first delay, doubling with each consecutive failed
// attempt up to maxThrottle; no launch before till.
type throttle struct {
	attempts int      // consecutive failed attempts
	till     sim.Time // no launch before this
	at       sim.Time // when the back-off last grew
}

// reset ends the back-off: a task reached RUNNING, or a new revision is
// deployed.
func (th *throttle) reset() { th.attempts, th.till = 0, 0 }

// grow counts a failed attempt at now and returns the new delay; the
// tasks of one launch that fail together are one attempt, so it grows at
// most once per instant (grew false).
func (th *throttle) grow(now sim.Time, initial time.Duration) (wait time.Duration, grew bool) {
	if th.at == now {
		return 0, false
	}
	th.at = now
	th.attempts++
	wait = min(initial<<min(th.attempts-1, 20), maxThrottle)
	th.till = now.Add(wait)
	return wait, true
}
