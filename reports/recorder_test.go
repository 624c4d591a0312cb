package reports

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/record"
)

// recorderEvents are a short run's events: two tasks submitted, one placed
// and running after 20 s, one failed; a task of each way to stop; a
// scaling action of each kind.
func recorderEvents() []record.Event {
	return []record.Event{
		{T: at(0), Type: record.InstanceLaunched, Instance: "i-1", InstanceSeq: 1, InstanceType: "m5.large", PricePerHour: 3.6, CPU: 2048, MemoryMiB: 7680},
		{T: at(0), Type: record.TaskSubmitted, Task: 1, Owner: "web", CPU: 256, MemoryMiB: 512},
		{T: at(0), Type: record.TaskSubmitted, Task: 2, Owner: "web", CPU: 256, MemoryMiB: 512},
		{T: at(10), Type: record.TaskPlaced, Task: 1, Owner: "web", Instance: "i-1", InstanceSeq: 1, InstanceType: "m5.large", CPU: 256, MemoryMiB: 512},
		{T: at(20.5), Type: record.TaskRunning, Task: 1, Wait: 20500 * time.Millisecond},
		{T: at(30), Type: record.TaskFailed, Task: 2, Owner: "web", Reason: "RESOURCE:CPU"},
		{T: at(40), Type: record.TaskStopped, Task: 3, State: record.StateProvisioning},
		{T: at(40), Type: record.TaskStopped, Task: 4, Reason: record.StopCompleted},
		{T: at(40), Type: record.TaskStopped, Task: 5, Service: "api", Reason: "scale-in"},
		{T: at(40), Type: record.TaskStopped, Task: 6, Reason: "Host EC2 (instance i-1) terminated."},
		{T: at(60), Type: record.DesiredCapacityChanged, Provider: "general", From: 0, To: 2, Cause: "AlarmHigh"},
		{T: at(90), Type: record.ServiceDesiredCountChanged, Service: "api", From: 1, To: 3, Cause: "target tracking"},
	}
}

// recorderSample is a sample at sec with one provider.
func recorderSample(sec float64) *record.Sample {
	return &record.Sample{T: at(sec), InstancesRunning: 1, InstancesPending: 2, TasksRunning: 3, TasksProvisioning: 4, TasksPending: 5,
		CPUReserved: 0.123456, MemoryReserved: 0.5,
		Providers: []record.ProviderSample{{Name: "general", InstancesRunning: 1, InstancesPending: 2, Desired: 3, CPR: 133.3333,
			TasksProvisioning: 4, AlarmHigh: "ALARM", AlarmLow: "OK", Target: 80}}}
}

// TestRecorderWritesItsFiles records a short run and checks every file,
// line by line, and the series kept for the charts.
func TestRecorderWritesItsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	out, err := NewOutput(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := NewRecorder(out, Options{Events: EventsOn, Series: true})
	if err != nil {
		t.Fatal(err)
	}
	events := recorderEvents()
	rec.Sample(recorderSample(0))
	for i := range events {
		rec.Event(&events[i])
	}
	rec.Sample(recorderSample(60.5))
	sum, err := rec.Finish(Meta{Scenario: "rec", Seed: 3, WallSeconds: 1.23456}, &record.Final{End: at(120), SimulatedSeconds: 120, Events: 11})
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got, want := read(TimeseriesFile), TimeseriesHeader+"\n0,1,2,3,4,5,0.1235,0.5000,0.0000\n60.5,1,2,3,4,5,0.1235,0.5000,0.0605\n"; got != want {
		t.Errorf("timeseries.csv:\n%s\nwant:\n%s", got, want)
	}
	if got, want := read(ProvidersFile), ProvidersHeader+"\n0,general,1,2,3,133.33,4,ALARM,OK\n60.5,general,1,2,3,133.33,4,ALARM,OK\n"; got != want {
		t.Errorf("providers.csv:\n%s\nwant:\n%s", got, want)
	}
	lines := strings.Split(strings.TrimSuffix(read(EventsFile), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d event lines, want %d", len(lines), len(events))
	}
	for i, want := range map[int]string{
		0:  `{"t":0,"type":"InstanceLaunched","instance":"i-1","instanceType":"m5.large","cpu":2048,"memory":7680,"pricePerHour":3.6}`,
		1:  `{"t":0,"type":"TaskSubmitted","task":1,"owner":"web","cpu":256,"memory":512}`,
		4:  `{"t":20.5,"type":"TaskRunning","task":1,"waitSeconds":20.5}`,
		5:  `{"t":30,"type":"TaskFailed","task":2,"owner":"web","reason":"RESOURCE:CPU"}`,
		10: `{"t":60,"type":"DesiredCapacityChanged","provider":"general","from":0,"to":2,"cause":"AlarmHigh"}`,
		11: `{"t":90,"type":"ServiceDesiredCountChanged","service":"api","from":1,"to":3,"cause":"target tracking"}`,
	} {
		if lines[i] != want {
			t.Errorf("event %d: %s\nwant %s", i, lines[i], want)
		}
	}
	var disk Summary
	if err := json.Unmarshal([]byte(read(SummaryFile)), &disk); err != nil || disk.Scenario != "rec" || disk.WallSeconds != 1.235 {
		t.Errorf("summary.json: %+v, %v", disk, err)
	}
	wantTasks := TaskSummary{Submitted: 2, Placed: 1, Failed: 1, Cancelled: 1, Completed: 1, Stopped: 1, Lost: 1,
		FailureReasons: map[string]int64{"RESOURCE:CPU": 1}}
	if got := sum.Tasks; got.Submitted != wantTasks.Submitted || got.Placed != 1 || got.Failed != 1 || got.Cancelled != 1 ||
		got.Completed != 1 || got.Stopped != 1 || got.Lost != 1 || got.FailureReasons["RESOURCE:CPU"] != 1 {
		t.Errorf("tasks %+v, want %+v", got, wantTasks)
	}
	if sum.TaskWaitSeconds.Max != 20.5 || sum.SimulatedSeconds != 120 || sum.Events != 11 {
		t.Errorf("summary %+v", sum)
	}
	// The ledger's figures, from the events: i-1 at $3.60/h from 0 to the
	// end at 120 s bills $0.12 over 0.0333 h; the provider's desired went
	// 3 (the samples) and 0→2 (one scale-out), so its largest is 3.
	if sum.Cost.EC2 != 0.12 || sum.Cost.Total != 0.12 || sum.InstanceHours != 0.0333 || sum.Instances != (InstanceSummary{Launched: 1, Peak: 1, Final: 1}) ||
		sum.Scaling.ScaleOutActions != 1 || sum.CapacityProviders["general"].DesiredMax != 3 {
		t.Errorf("ledger figures: cost %+v, hours %v, instances %+v, scaling %+v, providers %+v",
			sum.Cost, sum.InstanceHours, sum.Instances, sum.Scaling, sum.CapacityProviders)
	}
	if got := rec.Files(); !slices.Equal(got, []string{SummaryFile, TimeseriesFile, ProvidersFile, EventsFile}) || rec.EventsDropped() {
		t.Errorf("Files() = %q, dropped %v", got, rec.EventsDropped())
	}
	checkRecordedSeries(t, rec.Series(), sum)
}

// checkRecordedSeries: the series holds the samples (percentages 0..100,
// rounded), the failed tasks so far at each sample, the provider's
// samples and both scaling actions, and the run's name and summary.
func checkRecordedSeries(t *testing.T, s *Series, sum *Summary) {
	t.Helper()
	if s.Scenario != "rec" || s.Seed != 3 || s.Summary != sum || s.Len() != 2 {
		t.Fatalf("series %q seed %d summary %p (want %p), %d samples", s.Scenario, s.Seed, s.Summary, sum, s.Len())
	}
	for name, got := range map[string][]float64{"T": s.T, "cpu": s.CPUReserved, "memory": s.MemoryReserved, "cost": s.CostUSD, "failed": s.TasksFailed} {
		want := map[string][]float64{"T": {0, 60.5}, "cpu": {12.35, 12.35}, "memory": {50, 50}, "cost": {0, 0.0605}, "failed": {0, 1}}[name]
		if !slices.Equal(got, want) {
			t.Errorf("series %s = %v, want %v", name, got, want)
		}
	}
	p := s.Providers
	if len(p) != 1 || p[0].Name != "general" || p[0].Target != 80 || !slices.Equal(p[0].CPR, []float64{133.33, 133.33}) ||
		!slices.Equal(p[0].Desired, []float64{3, 3}) || !slices.Equal(p[0].AlarmHigh, []string{"ALARM", "ALARM"}) {
		t.Errorf("providers %+v", p)
	}
	want := []ScalingAction{{T: 60, Kind: ActionCapacityProvider, Name: "general", From: 0, To: 2, Cause: "AlarmHigh"},
		{T: 90, Kind: ActionService, Name: "api", From: 1, To: 3, Cause: "target tracking"}}
	if !slices.Equal(s.Actions, want) {
		t.Errorf("actions %+v, want %+v", s.Actions, want)
	}
}

// TestRecorderDropsEventsPastTheLimit: in EventsAuto, a run with more
// events than the limit leaves events.jsonl out and says so.
func TestRecorderDropsEventsPastTheLimit(t *testing.T) {
	for _, tc := range []struct {
		events  int
		dropped bool
	}{{2, false}, {3, true}} {
		dir := filepath.Join(t.TempDir(), "out")
		out, err := NewOutput(dir)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := NewRecorder(out, Options{Events: EventsAuto, EventsLimit: 2})
		if err != nil {
			t.Fatal(err)
		}
		for i := range tc.events {
			rec.Event(&record.Event{T: at(float64(i)), Type: record.TaskSubmitted, Task: int64(i + 1)})
		}
		if _, err := rec.Finish(Meta{Scenario: "x"}, &record.Final{}); err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		_, statErr := os.Stat(filepath.Join(dir, EventsFile))
		if rec.EventsDropped() != tc.dropped || os.IsNotExist(statErr) != tc.dropped || slices.Contains(rec.Files(), EventsFile) == tc.dropped {
			t.Errorf("%d events, limit 2: dropped %v, file missing %v, files %q", tc.events, rec.EventsDropped(), os.IsNotExist(statErr), rec.Files())
		}
		if rec.Series() != nil {
			t.Error("a series kept without Options.Series")
		}
	}
}

// TestRecorderWithoutOutput: with no Output (ecsim compare's
// replications) the recorder writes nothing and only sums up.
func TestRecorderWithoutOutput(t *testing.T) {
	rec, err := NewRecorder(nil, Options{Events: EventsOn})
	if err != nil {
		t.Fatal(err)
	}
	events := recorderEvents()
	for i := range events {
		rec.Event(&events[i])
	}
	rec.Sample(recorderSample(0))
	sum, err := rec.Finish(Meta{Scenario: "x"}, &record.Final{})
	if err != nil || sum.Tasks.Submitted != 2 || sum.Tasks.Failed != 1 {
		t.Fatalf("Finish = %+v, %v", sum, err)
	}
	if got := rec.Files(); !slices.Equal(got, []string{SummaryFile, TimeseriesFile, ProvidersFile}) {
		t.Errorf("Files() = %q: events are off without an output", got)
	}
}

// TestRecorderCannotCreateItsFiles: a file that cannot be created (its
// name taken by a folder) is an error from NewRecorder.
func TestRecorderCannotCreateItsFiles(t *testing.T) {
	for _, name := range []string{TimeseriesFile, ProvidersFile, EventsFile} {
		out, err := NewOutput(filepath.Join(t.TempDir(), "out"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(out.Path(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := NewRecorder(out, Options{Events: EventsOn}); err == nil {
			t.Errorf("%s is a folder: no error", name)
		}
		out.Abort()
	}
}

// TestSeriesKeepsAtMostMaxSeriesPoints: past MaxSeriesPoints samples the
// series keeps every other one and then one in two, always the samples
// whose index is a multiple of the stride.
func TestSeriesKeepsAtMostMaxSeriesPoints(t *testing.T) {
	s := &Series{}
	n := MaxSeriesPoints + 3 // samples 0 … MaxSeriesPoints+2
	for i := range n {
		x := recorderSample(float64(i))
		x.InstancesRunning = i
		x.Providers[0].AlarmLow = []string{"OK", "ALARM"}[i%2]
		s.sample(x, int64(i), 0)
	}
	// At MaxSeriesPoints+1 samples it halved to 0, 2, …, MaxSeriesPoints;
	// of the two after, it keeps MaxSeriesPoints+2.
	want := MaxSeriesPoints/2 + 2
	if s.Len() != want || s.stride != 2 {
		t.Fatalf("%d samples kept, stride %d; want %d, 2", s.Len(), s.stride, want)
	}
	for i, tm := range s.T {
		if tm != float64(2*i) || s.InstancesRunning[i] != float64(2*i) || s.TasksFailed[i] != float64(2*i) || s.Providers[0].AlarmLow[i] != "OK" {
			t.Fatalf("sample %d: t %v running %v failed %v alarm %s; want every other sample", i, tm, s.InstancesRunning[i], s.TasksFailed[i], s.Providers[0].AlarmLow[i])
		}
	}
	for _, f := range [][]float64{s.InstancesPending, s.TasksRunning, s.TasksProvisioning, s.TasksPending, s.CPUReserved,
		s.MemoryReserved, s.CostUSD, s.Providers[0].Desired, s.Providers[0].CPR, s.Providers[0].InstancesRunning, s.Providers[0].InstancesPending} {
		if len(f) != want {
			t.Fatalf("a column has %d samples, want %d", len(f), want)
		}
	}
}

// TestRound: n decimals, never a negative zero, huge numbers unchanged.
func TestRound(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{
		{1.23456, 1.2346}, {-0.00001, 0}, {2.5e-5, 0}, {1 << 60, 1 << 60}, {-2.5, -2.5},
	} {
		got := round(tc.x, 4)
		if got != tc.want || math.Signbit(got) != math.Signbit(tc.want) {
			t.Errorf("round(%g, 4) = %g, want %g", tc.x, got, tc.want)
		}
	}
}
