package services

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// TestCircuitBreakerThreshold: clamp(ceil(0.5 × desired), 3, 200)
// (docs/model.md §6.5, W-15).
func TestCircuitBreakerThreshold(t *testing.T) {
	for _, c := range []struct{ desired, want int }{
		{0, 3}, {1, 3}, {5, 3}, {6, 3}, {7, 4}, {25, 13}, {399, 200}, {400, 200}, {401, 200}, {800, 200},
	} {
		if got := CircuitBreakerThreshold(c.desired); got != c.want {
			t.Errorf("CircuitBreakerThreshold(%d) = %d, want %d", c.desired, got, c.want)
		}
	}
}

// TestCircuitBreaker: the deployment fails at the threshold-th consecutive
// task of the new revision that fails to start, and then launches nothing
// more; with rollback the last completed deployment becomes the primary
// again. Tasks of another revision do not count, nor does anything once a
// new task reached RUNNING (stage 1 passed), nor anything without the
// breaker (§6.5).
func TestCircuitBreaker(t *testing.T) {
	for _, c := range []struct {
		name               string
		desired            int
		breaker, rollback  bool
		oldFails, ranFirst bool
		sameInstant        bool
		failedAt           int // the failure that trips it (1-based), 0: none in 20
	}{
		{"desired 4: threshold 3", 4, true, false, false, false, false, 3},
		{"with rollback", 4, true, true, false, false, false, 3},
		{"desired 25: threshold 13", 25, true, false, false, false, false, 13},
		{"failures at one instant each count", 4, true, false, false, false, true, 3},
		{"breaker off", 4, false, false, false, false, false, 0},
		{"old revision's failures", 4, true, false, true, false, false, 0},
		{"a new task ran first", 4, true, false, false, true, false, 0},
	} {
		web1, web2 := revisions()
		conf := cfg(web1, c.desired, 100, 200)
		conf.CircuitBreaker, conf.Rollback = c.breaker, c.rollback
		s := New(conf)
		deploy(t, s, web2)
		now := sim.At(time.Hour)
		if c.ranFirst {
			s.TaskRunning(&cluster.Task{Def: web2}, now)
		}
		failing := &cluster.Task{Def: web2}
		if c.oldFails {
			failing.Def = web1
		}
		failedAt := 0
		var tripped []Action
		for i := 1; i <= 20 && failedAt == 0; i++ {
			if !c.sameInstant {
				now = now.Add(time.Second)
			}
			for _, a := range s.TaskStopped(failing, true, now) {
				if a.Verb == DeploymentChanged {
					failedAt, tripped = i, append(tripped, a)
				}
			}
		}
		if failedAt != c.failedAt {
			t.Errorf("%s: failed at failure %d, want %d", c.name, failedAt, c.failedAt)
			continue
		}
		if failedAt == 0 {
			continue
		}
		want := "DeploymentChanged FAILED web:2"
		if c.rollback {
			want += ", DeploymentChanged IN_PROGRESS web:1"
		}
		if got := describe(tripped); got != want {
			t.Errorf("%s: %s, want %s", c.name, got, want)
		}
		if c.rollback && (tripped[1].Cause != "rollback to web:1" || s.TaskDefinition() != web1) {
			t.Errorf("%s: rollback %q, primary %s", c.name, tripped[1].Cause, s.TaskDefinition().Name())
		}
		// Past the back-off, the service starts tasks again only after a rollback.
		v := newView()
		v.now = now.Add(maxThrottle)
		if got, want := started(s.Reconcile(v).Actions) > 0, c.rollback; got != want {
			t.Errorf("%s: starts tasks after the failure: %v, want %v", c.name, got, want)
		}
	}
}

// TestThrottleBackOff: consecutive failures to start back off 10 s, then
// twice as long each time up to 15 minutes; failures at one instant are
// one attempt; a task reaching RUNNING or a new deployment resets it; a
// task that stops after RUNNING does not count (§6.3, §14.6).
func TestThrottleBackOff(t *testing.T) {
	web1, web2 := revisions()
	s := New(cfg(web1, 2, 100, 200))
	now := sim.At(time.Hour)
	task := &cluster.Task{Def: web1}
	fail := func(advance bool) string {
		if advance {
			now = now.Add(time.Second)
		}
		return describe(s.TaskStopped(task, true, now))
	}
	for _, want := range []string{"10s", "20s", "40s", "1m20s", "2m40s", "5m20s", "10m40s", "15m0s", "15m0s"} {
		if got := fail(true); got != "Throttled "+want+", ReconcileNow" {
			t.Fatalf("got %s, want a back-off of %s", got, want)
		}
	}
	if got := fail(false); got != "ReconcileNow" {
		t.Fatalf("a second failure at the same instant: %s, want no new back-off", got)
	}
	if got := describe(s.TaskStopped(task, false, now.Add(time.Second))); got != "ReconcileNow" {
		t.Fatalf("a task that stopped after RUNNING: %s, want no back-off", got)
	}
	s.TaskRunning(task, now)
	if got := fail(true); got != "Throttled 10s, ReconcileNow" {
		t.Fatalf("after a task reached RUNNING: %s, want 10s again", got)
	}
	fail(true)
	deploy(t, s, web2)
	if got := fail(true); got != "Throttled 10s, ReconcileNow" {
		t.Fatalf("after a new deployment: %s, want 10s again", got)
	}
}

// TestNoLaunchWhileBackingOff: while the back-off lasts, a pass that would
// start tasks asks to run again when it ends instead (§6.3).
func TestNoLaunchWhileBackingOff(t *testing.T) {
	web1, _ := revisions()
	s := New(cfg(web1, 3, 100, 200))
	v := newView()
	v.add(1, web1, cluster.Running, healthyFor)
	s.TaskStopped(&cluster.Task{Def: web1}, true, v.now)
	if got := describe(s.Reconcile(v).Actions); got != "ReconcileAt 1h0m10s" {
		t.Fatalf("backing off: %s, want ReconcileAt 1h0m10s", got)
	}
	v.now = v.now.Add(10 * time.Second)
	if got := describe(s.Reconcile(v).Actions); got != "StartTasks 2" {
		t.Fatalf("after the back-off: %s, want StartTasks 2", got)
	}
}

// TestTaskRunningReconcilesWhenHealthy: a task reaching RUNNING makes the
// service run again healthyAfter later, when it counts as healthy (§6.3).
func TestTaskRunningReconcilesWhenHealthy(t *testing.T) {
	web1, _ := revisions()
	s := New(cfg(web1, 1, 100, 200))
	if got := describe(s.TaskRunning(&cluster.Task{Def: web1}, sim.At(time.Hour))); got != "ReconcileAt 1h0m40s" {
		t.Fatalf("got %s, want ReconcileAt 1h0m40s", got)
	}
}

// TestPlacementFailureWaitsForCapacity: a task placed nowhere is reported
// with ECS's message, and the service runs again once when capacity
// changes (§5.6).
func TestPlacementFailureWaitsForCapacity(t *testing.T) {
	web1, _ := revisions()
	s := New(cfg(web1, 1, 100, 200))
	if acts := s.CapacityChanged(); len(acts) != 0 {
		t.Fatalf("not waiting: %s", describe(acts))
	}
	acts := s.NotPlaced("RESOURCE:MEMORY")
	if len(acts) != 1 || acts[0].Verb != PlacementFailed || acts[0].Reason != "RESOURCE:MEMORY" ||
		acts[0].Cause != "service web was unable to place a task because no container instance met all of its requirements" {
		t.Fatalf("NotPlaced: %+v", acts)
	}
	if got := describe(s.CapacityChanged()); got != "ReconcileNow" {
		t.Fatalf("capacity changed: %s, want ReconcileNow", got)
	}
	if acts := s.CapacityChanged(); len(acts) != 0 {
		t.Fatalf("capacity changed again: %s, want nothing", describe(acts))
	}
}
