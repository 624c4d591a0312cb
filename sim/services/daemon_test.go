package services

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestDaemon: the DAEMON scheduler keeps one task of the primary revision
// on every ACTIVE instance whose agent is connected and that meets the
// constraints; a DRAINING instance loses it last; an instance that lacks
// the room is a placement failure; for a task already placed only the
// constraints on the instance's own properties are checked again
// (docs/model.md §6.1, §4.4).
func TestDaemon(t *testing.T) {
	m5 := func(v *fakeView) *cluster.Instance { return clustertest.Instance(v.c, "m5.large").Active() }
	withTask := func(v *fakeView, in *cluster.Instance, def *cluster.TaskDefinition) *cluster.Instance {
		v.on[in.ID] = &cluster.Task{Seq: 7, Def: def, State: cluster.Running, Instance: in.ID}
		return in
	}
	constrain := func(v *fakeView, typ, expression string) {
		cs, err := placement.CompileConstraints([]cluster.PlacementConstraint{{Type: typ, Expression: expression}}, v.c, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		v.req.Constraints = cs
	}
	for _, c := range []struct {
		name   string
		setup  func(v *fakeView, agent, agent2 *cluster.TaskDefinition) *cluster.Instance
		want   string
		reason string
	}{
		{"ACTIVE, no task", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return m5(v)
		}, "PlaceDaemon", ""},
		{"ACTIVE, its task", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return withTask(v, m5(v), agent)
		}, "", ""},
		{"still registering", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return clustertest.Instance(v.c, "m5.large").Launching()
		}, "", ""},
		{"agent disconnected", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			in := m5(v)
			v.c.SetAgentConnected(in, false)
			return in
		}, "", ""},
		{"no room", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return clustertest.Instance(v.c, "t3.nano").Active() // 512 MiB
		}, "PlacementFailed", "RESOURCE:MEMORY"},
		{"DRAINING with other tasks", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			in := withTask(v, clustertest.Instance(v.c, "m5.large").Draining(), agent)
			other := clustertest.Task(v.c, clustertest.TaskDef().Container("job", 256, 256).Obj(), "family:job")
			if err := v.c.Place(other, in); err != nil {
				t.Fatal(err)
			}
			return in
		}, "", ""},
		{"DRAINING, only the daemon's task", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return withTask(v, clustertest.Instance(v.c, "m5.large").Draining(), agent)
		}, "StopTask #7", "Service agent: instance draining"},
		{"DRAINING, no task", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			return clustertest.Instance(v.c, "m5.large").Draining()
		}, "", ""},
		{"another revision", func(v *fakeView, agent, agent2 *cluster.TaskDefinition) *cluster.Instance {
			return withTask(v, m5(v), agent2) // the primary is agent (revision 1)
		}, "StopTask #7", "Service agent: replaced by agent:1 (deployment)"},
		{"no longer meets a static constraint", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			constrain(v, placement.TypeMemberOf, "attribute:ecs.instance-type == c5.large")
			return withTask(v, m5(v), agent)
		}, "StopTask #7", "Service agent: the instance no longer meets the placement constraints"},
		{"does not meet a static constraint", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			constrain(v, placement.TypeMemberOf, "attribute:ecs.instance-type == c5.large")
			return m5(v)
		}, "", ""},
		{"meets a static constraint", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			constrain(v, placement.TypeMemberOf, "attribute:ecs.instance-type == m5.large")
			return m5(v)
		}, "PlaceDaemon", ""},
		{"a dynamic constraint is not checked again", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			constrain(v, placement.TypeMemberOf, "runningTasksCount == 0")
			in := m5(v)
			other := clustertest.Task(v.c, clustertest.TaskDef().Container("job", 256, 256).Obj(), "family:job")
			if err := v.c.Place(other, in); err != nil {
				t.Fatal(err)
			}
			v.c.SetTaskState(other, cluster.Running)
			return withTask(v, in, agent)
		}, "", ""},
		{"a dynamic constraint decides a placement", func(v *fakeView, agent, _ *cluster.TaskDefinition) *cluster.Instance {
			constrain(v, placement.TypeMemberOf, "runningTasksCount == 0")
			in := m5(v)
			other := clustertest.Task(v.c, clustertest.TaskDef().Container("job", 256, 256).Obj(), "family:job")
			if err := v.c.Place(other, in); err != nil {
				t.Fatal(err)
			}
			v.c.SetTaskState(other, cluster.Running)
			return in
		}, "", ""},
	} {
		b := clustertest.TaskDef().Family("agent").Container("agent", 128, 1024)
		agent, agent2 := b.Revision(1).Obj(), b.Revision(2).Obj()
		s := New(Config{Name: "agent", TaskDefinition: agent, MaximumPercent: 100})
		v := newView()
		in := c.setup(v, agent, agent2)
		acts := s.Daemon(v, in)
		if got := describe(acts); got != c.want {
			t.Errorf("%s: %s, want %q", c.name, got, c.want)
			continue
		}
		if len(acts) == 0 {
			continue
		}
		a := acts[0]
		switch a.Verb {
		case PlaceDaemon:
			if a.Instance != in || a.TaskDefinition != agent {
				t.Errorf("%s: places %s on %v", c.name, a.TaskDefinition.Name(), a.Instance)
			}
		case StopTask, PlacementFailed:
			if a.Reason != c.reason {
				t.Errorf("%s: reason %q, want %q", c.name, a.Reason, c.reason)
			}
		}
	}
}
