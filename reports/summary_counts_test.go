package reports

import (
	"testing"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestServiceTasksKilled: a service's tasks that went with their capacity
// (their host terminated, their Fargate Spot capacity reclaimed) are
// counted apart from those its scheduler stopped or that completed; a
// service with no such event still has its entry.
func TestServiceTasksKilled(t *testing.T) {
	rec, err := NewRecorder(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s int64) sim.Time { return sim.Time(s) * sim.Second }
	for _, e := range []record.Event{
		{T: at(0), Type: record.TaskSubmitted, Task: 1, Service: "web"},
		{T: at(0), Type: record.TaskSubmitted, Task: 2, Service: "quiet"},
		{T: at(10), Type: record.TaskStopped, Task: 1, Service: "web", Reason: record.StopHostTerminated("i-1")},
		{T: at(11), Type: record.TaskStopped, Task: 3, Service: "web", Reason: record.StopSpotInterrupted},
		{T: at(12), Type: record.TaskStopped, Task: 4, Service: "web", Reason: "Service web: container instance draining, task replaced"},
		{T: at(13), Type: record.TaskStopped, Task: 5, Reason: record.StopHostTerminated("i-1")}, // a RunTask task: lost
	} {
		rec.Event(&e)
	}
	sum, err := rec.Finish(Meta{Scenario: "x"}, &record.Final{End: at(60)})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Services["web"].TasksKilled; got != 2 {
		t.Errorf("web tasksKilled %d, want 2", got)
	}
	if q, ok := sum.Services["quiet"]; !ok || q.TasksKilled != 0 {
		t.Errorf("quiet: %+v, %v; want an entry with 0", q, ok)
	}
	if sum.Tasks.Lost != 1 || sum.Tasks.Stopped != 3 {
		t.Errorf("lost %d stopped %d, want 1 and 3", sum.Tasks.Lost, sum.Tasks.Stopped)
	}
}

// TestDrainingSecondsMax: the longest DRAINING spell, hand-derived: i-1
// drains 100 → 400 s (300 s, then terminated), i-2 from 500 s to the end
// at 1000 s (500 s, still draining): 500.
func TestDrainingSecondsMax(t *testing.T) {
	l := NewLedger()
	at := func(s int64) sim.Time { return sim.Time(s) * sim.Second }
	for _, e := range []record.Event{
		{T: at(0), Type: record.InstanceLaunched, Instance: "i-1", InstanceSeq: 1, CPU: 2048, MemoryMiB: 8192},
		{T: at(0), Type: record.InstanceLaunched, Instance: "i-2", InstanceSeq: 2, CPU: 2048, MemoryMiB: 8192},
		{T: at(100), Type: record.InstanceDraining, Instance: "i-1", InstanceSeq: 1},
		{T: at(400), Type: record.InstanceTerminated, Instance: "i-1", InstanceSeq: 1},
		{T: at(500), Type: record.InstanceDraining, Instance: "i-2", InstanceSeq: 2},
	} {
		l.Event(&e)
	}
	if got := l.Close(at(1000)).DrainingSecondsMax; got != 500 {
		t.Errorf("drainingSecondsMax %v, want 500", got)
	}
}
