package services

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// revisions returns two revisions of one family, web:1 and web:2: 512 CPU
// units and 1024 MiB each.
func revisions() (web1, web2 *cluster.TaskDefinition) {
	b := clustertest.TaskDef().Family("web").Container("app", 512, 1024)
	return b.Revision(1).Obj(), b.Revision(2).Obj()
}

// fakeView is a hand-built world: the service's tasks, those told to stop,
// a cluster for the instances, the daemon's task on each instance and the
// placement request of every revision.
type fakeView struct {
	now      sim.Time
	tasks    []*cluster.Task
	stopping map[*cluster.Task]bool
	c        *cluster.Cluster
	on       map[cluster.InstanceID]*cluster.Task
	req      *placement.Request
}

func newView() *fakeView {
	return &fakeView{now: sim.At(time.Hour), stopping: map[*cluster.Task]bool{}, c: clustertest.New(),
		on: map[cluster.InstanceID]*cluster.Task{}, req: &placement.Request{}}
}

func (v *fakeView) Now() sim.Time                                      { return v.now }
func (v *fakeView) Tasks() []*cluster.Task                             { return v.tasks }
func (v *fakeView) Stopping(t *cluster.Task) bool                      { return v.stopping[t] }
func (v *fakeView) Instance(id cluster.InstanceID) *cluster.Instance   { return v.c.Instance(id) }
func (v *fakeView) TaskOn(in *cluster.Instance) *cluster.Task          { return v.on[in.ID] }
func (v *fakeView) Request(*cluster.TaskDefinition) *placement.Request { return v.req }
func (v *fakeView) State() placement.State                             { return v.c }

// add gives the service n tasks of def in state st, RUNNING (when st is
// RUNNING) for age, numbered after the tasks it has.
func (v *fakeView) add(n int, def *cluster.TaskDefinition, st cluster.TaskState, age time.Duration) []*cluster.Task {
	var out []*cluster.Task
	for range n {
		t := &cluster.Task{Seq: int64(len(v.tasks) + 1), Def: def, State: st, Instance: cluster.NoInstance,
			StartedAt: v.now.Add(-age)}
		v.tasks = append(v.tasks, t)
		out = append(out, t)
	}
	return out
}

// healthyFor is past the 40 s healthyAfter of cfg.
const healthyFor = time.Minute

// cfg is a REPLICA service of desired tasks of def under
// minimumHealthyPercent minPct and maximumPercent maxPct, healthy 40 s
// after RUNNING, backing off 10 s first.
func cfg(def *cluster.TaskDefinition, desired, minPct, maxPct int) Config {
	return Config{Name: "web", TaskDefinition: def, DesiredCount: desired, MinimumHealthyPercent: minPct,
		MaximumPercent: maxPct, HealthyAfter: 40 * time.Second, ThrottleInitialDelay: 10 * time.Second}
}

// count counts the actions of verb.
func count(acts []Action, verb Verb) int {
	n := 0
	for _, a := range acts {
		if a.Verb == verb {
			n++
		}
	}
	return n
}

// started returns the Count of the StartTasks action, 0 without one.
func started(acts []Action) int {
	for _, a := range acts {
		if a.Verb == StartTasks {
			return a.Count
		}
	}
	return 0
}

// verbName names a verb for messages.
func verbName(v Verb) string {
	return [...]string{"StartTasks", "StopTask", "ScaleIn", "PlaceDaemon", "ReconcileNow", "ReconcileAt",
		"DesiredCountChanged", "DeploymentChanged", "SteadyState", "Throttled", "PlacementFailed"}[v]
}

// describe writes actions compactly: verbs, with a deployment's state,
// a start's count, a stopped task's number.
func describe(acts []Action) string {
	var out []string
	for _, a := range acts {
		s := verbName(a.Verb)
		switch a.Verb {
		case StartTasks, ScaleIn:
			s += fmt.Sprintf(" %d", a.Count)
		case StopTask:
			s += fmt.Sprintf(" #%d", a.Task.Seq)
		case DeploymentChanged:
			s += " " + a.State + " " + a.TaskDefinition.Name()
		case ReconcileAt:
			s += " " + a.At.Duration().String()
		case Throttled:
			s += " " + a.Wait.String()
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// deploy starts a deployment to def (web:2) and checks what it says.
func deploy(t *testing.T, s *Scheduler, def *cluster.TaskDefinition) {
	t.Helper()
	if got, want := describe(s.Deploy(def, "a new task definition revision")), "DeploymentChanged IN_PROGRESS web:2, ReconcileNow"; got != want {
		t.Fatalf("Deploy = %s, want %s", got, want)
	}
}
