package services

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestBounds: the deployment bounds are ceil(desired × min / 100) healthy
// and floor(desired × max / 100) tasks (docs/model.md §6.4, W-14).
func TestBounds(t *testing.T) {
	for _, c := range []struct {
		desired, minPct, maxPct int
		minHealthy, maxTotal    int
	}{
		{4, 50, 200, 2, 8},   // W-14: may stop 2 first, may start 4 first
		{2, 75, 200, 2, 4},   // W-14: 1.5 rounds up, none may stop
		{3, 100, 125, 3, 3},  // W-14: 3.75 rounds down, none may start
		{5, 50, 150, 3, 7},   // 2.5 → 3, 7.5 → 7
		{10, 90, 110, 9, 11}, //
		{3, 34, 100, 2, 3},   // 1.02 → 2
		{0, 100, 200, 0, 0},  // a service scaled to zero
	} {
		b := newBounds(c.desired, c.minPct, c.maxPct)
		if b.minHealthy != c.minHealthy || b.maxTotal != c.maxTotal {
			t.Errorf("desired %d, %d/%d: min healthy %d, max total %d; want %d, %d",
				c.desired, c.minPct, c.maxPct, b.minHealthy, b.maxTotal, c.minHealthy, c.maxTotal)
		}
	}
}

// TestRollingDeploymentSteps: a deployment over desired healthy tasks of
// the old revision starts min(desired, floor(desired × max/100) − desired)
// new tasks and stops min(desired, desired − ceil(desired × min/100)) old
// ones in its first pass; when both are 0 it is STALLED (§6.4, W-14).
func TestRollingDeploymentSteps(t *testing.T) {
	for _, c := range []struct {
		desired, minPct, maxPct int
		start, stop             int
		stalled                 bool
	}{
		{4, 50, 200, 4, 2, false},  // W-14
		{4, 100, 200, 4, 0, false}, // W-14: start 4 before stopping
		{2, 75, 200, 2, 0, false},  // W-14: none may stop
		{3, 100, 125, 0, 0, true},  // W-14: none may start, none may stop
		{1, 100, 100, 0, 0, true},  //
		{4, 0, 100, 0, 4, false},   // stop everything first
		{4, 50, 150, 2, 2, false},  //
		{10, 90, 110, 1, 1, false}, // one at a time
		{5, 60, 140, 2, 2, false},  //
		{3, 34, 100, 0, 1, false},  // stop 1 to make room
	} {
		web1, web2 := revisions()
		s := New(cfg(web1, c.desired, c.minPct, c.maxPct))
		v := newView()
		v.add(c.desired, web1, cluster.Running, healthyFor)
		deploy(t, s, web2)
		p := s.Reconcile(v)
		name := describe(p.Actions)
		if started(p.Actions) != c.start || count(p.Actions, StopTask) != c.stop {
			t.Errorf("desired %d, %d/%d: %s; want start %d, stop %d", c.desired, c.minPct, c.maxPct, name, c.start, c.stop)
		}
		for _, a := range p.Actions {
			if a.Verb == StartTasks && a.TaskDefinition != web2 {
				t.Errorf("desired %d, %d/%d: starts %s, want web:2", c.desired, c.minPct, c.maxPct, a.TaskDefinition.Name())
			}
		}
		got := describe(s.Progress(v, p, started(p.Actions)))
		if want := map[bool]string{true: "DeploymentChanged STALLED web:2"}[c.stalled]; got != want {
			t.Errorf("desired %d, %d/%d: progress %q, want %q", c.desired, c.minPct, c.maxPct, got, want)
		}
	}
}

// TestReconcileOrder: outdated tasks that are not RUNNING stop first, then
// new tasks start, then outdated RUNNING tasks stop, the unhealthy first,
// then in launch order (§6.4).
func TestReconcileOrder(t *testing.T) {
	for _, c := range []struct {
		minPct int
		want   string
	}{
		// 4 old RUNNING, 3 healthy; desired 3, max 200: 6 − 4 = 2 may start.
		{50, "StopTask #1, StartTasks 2, StopTask #3"},                          // 3 − ceil(1.5) = 1 may stop
		{0, "StopTask #1, StartTasks 2, StopTask #3, StopTask #2, StopTask #4"}, // all 3 healthy may stop, after #3
		{100, "StopTask #1, StartTasks 2"},                                      // none may stop
	} {
		web1, web2 := revisions()
		s := New(cfg(web1, 3, c.minPct, 200))
		v := newView()
		v.add(1, web1, cluster.Pending, 0)
		v.add(1, web1, cluster.Running, healthyFor)
		v.add(1, web1, cluster.Running, 10*time.Second) // RUNNING, not yet healthy
		v.add(2, web1, cluster.Running, healthyFor)
		deploy(t, s, web2)
		p := s.Reconcile(v)
		if got := describe(p.Actions); got != c.want {
			t.Errorf("min %d: %s, want %s", c.minPct, got, c.want)
		}
		if r := p.Actions[0].Reason; r != "Service web: replaced by web:2 (deployment)" {
			t.Errorf("min %d: reason %q", c.minPct, r)
		}
	}
}

// TestDrainingTasksAreReplaced: without a deployment, the service's tasks
// on a DRAINING instance are outdated (§4.2): a PENDING one stops at once,
// a RUNNING one once its replacement leaves minimumHealthyPercent
// satisfied.
func TestDrainingTasksAreReplaced(t *testing.T) {
	web1, _ := revisions()
	v := newView()
	draining := clustertest.Instance(v.c, "m5.large").Draining()
	active := clustertest.Instance(v.c, "m5.large").Active()
	onDraining := v.add(1, web1, cluster.Running, healthyFor)[0]
	onDraining.Instance = draining.ID
	v.add(1, web1, cluster.Running, healthyFor)[0].Instance = active.ID
	v.add(1, web1, cluster.Pending, 0)[0].Instance = draining.ID
	for _, c := range []struct {
		minPct int
		want   string
	}{
		{100, "StopTask #3, StartTasks 1"},             // 2 healthy, 2 needed: #1 waits for its replacement
		{50, "StopTask #3, StartTasks 1, StopTask #1"}, // 2 healthy, 1 needed
	} {
		s := New(cfg(web1, 2, c.minPct, 200))
		p := s.Reconcile(v)
		if got := describe(p.Actions); got != c.want {
			t.Errorf("min %d: %s, want %s", c.minPct, got, c.want)
		}
		if r := p.Actions[0].Reason; r != "Service web: container instance draining, task replaced" {
			t.Errorf("min %d: reason %q", c.minPct, r)
		}
		if got := describe(s.Progress(v, p, 1)); got != "" {
			t.Errorf("min %d: progress %s: draining is no deployment and never STALLED", c.minPct, got)
		}
	}
}

// TestScaleIn: surplus tasks of the primary revision are scaled in, chosen
// among the current ones by the placement strategy's rule (§6.2); tasks
// told to stop are no candidates, and there is no scale-in while outdated
// tasks remain.
func TestScaleIn(t *testing.T) {
	web1, web2 := revisions()
	s := New(cfg(web1, 2, 100, 200))
	v := newView()
	v.add(4, web1, cluster.Running, healthyFor)
	v.stopping[v.add(1, web1, cluster.Running, healthyFor)[0]] = true
	p := s.Reconcile(v)
	if got := describe(p.Actions); got != "ScaleIn 2" {
		t.Fatalf("actions %s, want ScaleIn 2", got)
	}
	a := p.Actions[0]
	if len(a.Tasks) != 4 || a.Tasks[3].Seq != 4 || a.TaskDefinition != web1 || a.Reason != "Service web: scaled in" {
		t.Fatalf("scale-in %d candidates of %s for %q, want the 4 current tasks of web:1", len(a.Tasks), a.TaskDefinition.Name(), a.Reason)
	}
	v.add(1, web2, cluster.Running, healthyFor) // outdated: not the primary revision
	if got := describe(s.Reconcile(v).Actions); got != "StopTask #6" {
		t.Fatalf("with an outdated task: %s, want StopTask #6 and no scale-in", got)
	}
}

// TestStalledOnlyWhenBoundsAllowNoStep: a deployment is STALLED only when
// no task may start, none may stop and nothing in flight will change that
// (§6.4); backing off is no stall (§6.3).
func TestStalledOnlyWhenBoundsAllowNoStep(t *testing.T) {
	for _, c := range []struct {
		name                    string
		desired, minPct, maxPct int
		setup                   func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition)
		stalled                 bool
	}{
		{"at both bounds", 4, 100, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(4, web1, cluster.Running, healthyFor)
		}, true},
		{"a task stopping", 4, 100, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(3, web1, cluster.Running, healthyFor)
			v.stopping[v.add(1, web1, cluster.Running, healthyFor)[0]] = true
		}, false},
		{"a new task about to become healthy", 2, 100, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(1, web1, cluster.Running, healthyFor)
			v.add(1, web2, cluster.Running, 10*time.Second)
		}, false},
		{"a new task starting", 2, 100, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(1, web1, cluster.Running, healthyFor)
			v.add(1, web2, cluster.Pending, 0)
		}, false},
		{"backing off", 2, 100, 200, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(2, web1, cluster.Running, healthyFor)
			s.TaskStopped(&cluster.Task{Def: web2}, true, v.now)
		}, false},
		{"minimum 50 stops an old task", 4, 50, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(4, web1, cluster.Running, healthyFor)
		}, false},
		{"an old task not yet healthy", 2, 100, 100, func(s *Scheduler, v *fakeView, web1, web2 *cluster.TaskDefinition) {
			v.add(1, web1, cluster.Running, healthyFor)
			v.add(1, web1, cluster.Running, 10*time.Second) // becoming healthy adds nothing: none may stop
		}, true},
	} {
		web1, web2 := revisions()
		s := New(cfg(web1, c.desired, c.minPct, c.maxPct))
		v := newView()
		deploy(t, s, web2)
		c.setup(s, v, web1, web2)
		p := s.Reconcile(v)
		acts := s.Progress(v, p, 0)
		if got := count(acts, DeploymentChanged) == 1 && acts[0].State == Stalled; got != c.stalled {
			t.Errorf("%s: pass %s, progress %s; want stalled %v", c.name, describe(p.Actions), describe(acts), c.stalled)
		}
	}
}

// TestStallIsReportedOnceAndEnds: a STALLED deployment is reported once,
// with the bounds it blocks on, and IN_PROGRESS again when a step becomes
// possible (§6.4, confusion #18).
func TestStallIsReportedOnceAndEnds(t *testing.T) {
	web1, web2 := revisions()
	s := New(cfg(web1, 4, 100, 100))
	v := newView()
	v.add(4, web1, cluster.Running, healthyFor)
	deploy(t, s, web2)
	acts := s.Progress(v, s.Reconcile(v), 0)
	if len(acts) != 1 || acts[0].State != Stalled || !strings.HasSuffix(acts[0].Cause,
		"because of the service deployment configuration: maximumPercent 100 allows 4 tasks and 4 are running or starting; "+
			"minimumHealthyPercent 100 needs 4 healthy tasks and 4 are") {
		t.Fatalf("first pass: %s %+v", describe(acts), acts)
	}
	if acts := s.Progress(v, s.Reconcile(v), 0); len(acts) != 0 {
		t.Fatalf("second pass: %s, want nothing (reported once)", describe(acts))
	}
	acts = s.SetDesiredCount(3, "desiredCountSchedule")
	if got := describe(acts); got != "DesiredCountChanged, ReconcileNow" || acts[0].From != 4 || acts[0].To != 3 ||
		acts[0].Cause != "desiredCountSchedule" || s.DesiredCount() != 3 {
		t.Fatalf("SetDesiredCount: %s %+v", got, acts[0])
	}
	p := s.Reconcile(v) // 4 healthy, 3 needed: 1 may stop, one step
	if got := describe(p.Actions); got != "StopTask #1" {
		t.Fatalf("after the desired count fell: %s", got)
	}
	acts = s.Progress(v, p, 0)
	if got := describe(acts); got != "DeploymentChanged IN_PROGRESS web:2" || acts[0].Cause != "the deployment moves again" {
		t.Fatalf("after the stall: %s (%q)", got, acts[0].Cause)
	}
}

// TestDeploymentCompletes: a deployment completes when every task runs the
// new revision, healthy and as many as desired; the service then reports
// steady state, once, and again after it left it (§6.4).
func TestDeploymentCompletes(t *testing.T) {
	web1, web2 := revisions()
	s := New(cfg(web1, 2, 100, 200))
	v := newView()
	deploy(t, s, web2)
	v.add(1, web2, cluster.Running, healthyFor)
	v.add(1, web2, cluster.Running, 10*time.Second)
	if acts := s.Progress(v, s.Reconcile(v), 0); len(acts) != 0 || !s.Deploying() {
		t.Fatalf("a task not yet healthy: %s, deploying %v; want nothing yet", describe(acts), s.Deploying())
	}
	v.now = v.now.Add(time.Minute)
	acts := s.Progress(v, s.Reconcile(v), 0)
	if got := describe(acts); got != "DeploymentChanged COMPLETED web:2, SteadyState" || acts[0].Cause != "all tasks run web:2" {
		t.Fatalf("all healthy: %s (%q)", got, acts[0].Cause)
	}
	if s.Deploying() || s.TaskDefinition() != web2 {
		t.Fatalf("deploying %v, primary %s; want done, web:2", s.Deploying(), s.TaskDefinition().Name())
	}
	if acts := s.Progress(v, s.Reconcile(v), 0); len(acts) != 0 {
		t.Fatalf("steady again: %s, want nothing", describe(acts))
	}
	s.SetDesiredCount(3, "target tracking")
	p := s.Reconcile(v)
	if got := describe(p.Actions); got != "StartTasks 1" {
		t.Fatalf("desired 3: %s", got)
	}
	v.add(1, web2, cluster.Running, healthyFor)
	if got := describe(s.Progress(v, p, 1)); got != "SteadyState" {
		t.Fatalf("back at the desired count: %s, want SteadyState", got)
	}
}

// TestStoppingTaskIsNoSteadyState: a task told to stop (an interruption
// notice) counts toward maximumPercent but is outdated: it is replaced,
// and the service is not at steady state until the replacement is
// healthy (§6.4, §8.1).
func TestStoppingTaskIsNoSteadyState(t *testing.T) {
	web1, _ := revisions()
	s := New(cfg(web1, 2, 100, 200))
	v := newView()
	v.add(1, web1, cluster.Running, healthyFor)
	v.stopping[v.add(1, web1, cluster.Running, healthyFor)[0]] = true
	p := s.Reconcile(v)
	if got := describe(p.Actions); got != "StartTasks 1" {
		t.Fatalf("pass: %s, want StartTasks 1 (a replacement)", got)
	}
	if got := describe(s.Progress(v, p, 1)); got != "" {
		t.Fatalf("progress: %s, want nothing: the stopping task is no current task", got)
	}
	delete(v.stopping, v.tasks[1])
	if got := describe(s.Progress(v, s.Reconcile(v), 0)); got != "SteadyState" {
		t.Fatalf("without the notice: %s, want SteadyState", got)
	}
}

// TestStallEndsWhenATaskStarts: a STALLED deployment moves again when a
// pass starts a task; a start that found no room is no step (§6.4, §5.6).
func TestStallEndsWhenATaskStarts(t *testing.T) {
	for _, c := range []struct {
		started int
		want    string
	}{
		{1, "DeploymentChanged IN_PROGRESS web:2"},
		{0, ""},
	} {
		web1, web2 := revisions()
		s := New(cfg(web1, 4, 100, 100))
		v := newView()
		v.add(4, web1, cluster.Running, healthyFor)
		deploy(t, s, web2)
		if got := describe(s.Progress(v, s.Reconcile(v), 0)); got != "DeploymentChanged STALLED web:2" {
			t.Fatalf("at both bounds: %s", got)
		}
		s.SetDesiredCount(5, "target tracking") // 5 tasks allowed: one may start
		p := s.Reconcile(v)
		if got := describe(p.Actions); got != "StartTasks 1" {
			t.Fatalf("desired 5: %s, want StartTasks 1", got)
		}
		if got := describe(s.Progress(v, p, c.started)); got != c.want {
			t.Errorf("%d started: %s, want %q", c.started, got, c.want)
		}
	}
}
