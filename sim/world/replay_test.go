package world

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
	"github.com/ecsim/ecsim/workloads/schedule"
)

// TestScheduledTaskFiresOnCron: cron(0/15 * * * ? *) from a startTime of
// 00:05 fires at 00:15, 00:30, 00:45, 01:00, … (docs/model.md §11), each
// firing a RunTask of TaskCount tasks.
func TestScheduledTaskFiresOnCron(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 2})
	cfg.StartTime = time.Date(2026, 1, 5, 0, 5, 0, 0, time.UTC)
	cfg.Duration = time.Hour
	s, err := schedule.Parse("cron(0/15 * * * ? *)", cfg.StartTime)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Workloads = []Workload{{Name: "report", TaskDefinition: def("report", 256, 256), LaunchType: LaunchEC2,
		Schedule: s, Arrivals: workloads.ArrivalSpec{Count: 2},
		Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 60}}}
	tl, final, _ := run(t, cfg)
	var got []string
	for _, e := range tl.of(record.TaskSubmitted) {
		got = append(got, string(e.T.AppendSeconds(nil)))
	}
	// 00:15, 00:30, 00:45 and 01:00 are 10, 25, 40 and 55 minutes in; the
	// run ends at 01:05.
	want := []string{"600", "600", "1500", "1500", "2400", "2400", "3300", "3300"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("submitted at %v, want %v", got, want)
	}
	if final.TasksLost != 0 {
		t.Errorf("lost %d", final.TasksLost)
	}
}

// TestScheduledTaskRateAnchoredAtStart: rate(20 minutes) fires at startTime
// + 20m, + 40m, … (a rate starts when the rule is created, §11).
func TestScheduledTaskRateAnchoredAtStart(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 1})
	cfg.Duration = time.Hour
	s, err := schedule.Parse("rate(20 minutes)", cfg.StartTime)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Workloads = []Workload{{Name: "r", TaskDefinition: def("r", 256, 256), LaunchType: LaunchEC2, Schedule: s,
		Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 1}}}
	tl, _, _ := run(t, cfg)
	var got []string
	for _, e := range tl.of(record.TaskSubmitted) {
		got = append(got, string(e.T.AppendSeconds(nil)))
	}
	if strings.Join(got, " ") != "1200 2400 3600" {
		t.Errorf("submitted at %v", got)
	}
}

func traceOf(csv string, defs map[string]*cluster.TaskDefinition) *Trace {
	return &Trace{Format: "csv", Definitions: defs,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(csv)), nil }}
}

// TestTraceReplay: each row submits its count of tasks at its time, with
// its size and duration, under the task definition it names.
func TestTraceReplay(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 1})
	base, other := def("base", 128, 128), def("other", 128, 128)
	csv := "submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n" +
		"0,60,1024,2048,1,\n" +
		"30,10,256,512,2,other\n" +
		"90,5,4096,512,1,\n" // bigger than an m5.large: fails
	cfg.Workloads = []Workload{{Name: "replay", TaskDefinition: base, LaunchType: LaunchEC2,
		Trace: traceOf(csv, map[string]*cluster.TaskDefinition{"other": other})}}
	tl, final, w := run(t, cfg)
	if w.Err() != nil {
		t.Fatal(w.Err())
	}
	sub := tl.of(record.TaskSubmitted)
	if len(sub) != 4 {
		t.Fatalf("%d submitted, want 4", len(sub))
	}
	type want struct {
		at, family string
		cpu, mem   int64
	}
	wants := []want{{"0", "base", 1024, 2048}, {"30", "other", 256, 512}, {"30", "other", 256, 512}, {"90", "base", 4096, 512}}
	for i, e := range sub {
		got := want{string(e.T.AppendSeconds(nil)), e.TaskDefinition, e.CPU, e.MemoryMiB}
		if !strings.HasPrefix(got.family, wants[i].family) || got.at != wants[i].at || got.cpu != wants[i].cpu || got.mem != wants[i].mem {
			t.Errorf("task %d: %+v, want %+v", i, got, wants[i])
		}
	}
	stops := tl.of(record.TaskStopped)
	if len(stops) != 3 || stops[0].T.Seconds() != 40 || stops[2].T.Seconds() != 60 {
		t.Errorf("stops %v", tl.lines)
	}
	if f := tl.of(record.TaskFailed); len(f) != 1 || !strings.Contains(f[0].Reason, "RESOURCE:CPU") {
		t.Errorf("failed %v", f)
	}
	if final.TasksLost != 0 {
		t.Errorf("lost %d", final.TasksLost)
	}
}

// TestTraceUnknownDefinitionStopsRun: a row naming a definition the
// scenario lacks is an error of the run, not a silent default.
func TestTraceUnknownDefinitionStopsRun(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 1})
	cfg.Workloads = []Workload{{Name: "replay", TaskDefinition: def("base", 128, 128), LaunchType: LaunchEC2,
		Trace: traceOf("submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n5,1,0,0,1,nope\n", nil)}}
	_, _, w := run(t, cfg)
	if w.Err() == nil || !strings.Contains(w.Err().Error(), `line 2: unknown task definition "nope"`) {
		t.Errorf("err %v", w.Err())
	}
}
