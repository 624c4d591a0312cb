package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/workloads"
)

// TestArrivalProcessesFromYAML: each process's keys reach the
// workloads.ArrivalSpec unchanged (README "Scenario format" ratesPerMinute: [{at, rate}]).
func TestArrivalProcessesFromYAML(t *testing.T) {
	cases := []struct {
		name, arrivals string
		want           workloads.ArrivalSpec
	}{
		{"diurnal", "{process: diurnal, minRatePerMinute: 2, maxRatePerMinute: 20, period: 24h, peakAt: 14h}",
			workloads.ArrivalSpec{Process: "diurnal", MinRatePerMinute: 2, MaxRatePerMinute: 20, Period: 24 * time.Hour, PeakAt: 14 * time.Hour, Count: 1}},
		{"piecewise", "{process: piecewise, ratesPerMinute: [{at: 0s, rate: 5}, {at: 8h, rate: 40}, {at: 18h, rate: 5}], repeat: 24h, count: 2}",
			workloads.ArrivalSpec{Process: "piecewise", Rates: []workloads.RatePoint{{At: 0, RatePerMinute: 5}, {At: 8 * time.Hour, RatePerMinute: 40}, {At: 18 * time.Hour, RatePerMinute: 5}}, Repeat: 24 * time.Hour, Count: 2}},
		{"onoff", "{process: onoff, ratePerMinute: 60, on: {distribution: exponential, mean: 5m}, off: {distribution: constant, value: 20m}, startOff: true}",
			workloads.ArrivalSpec{Process: "onoff", RatePerMinute: 60, On: workloads.DistSpec{Kind: "exponential", Mean: 300},
				Off: workloads.DistSpec{Kind: "constant", Value: 1200}, StartOff: true, Count: 1}},
		{"mmpp", "{process: mmpp, states: [{ratePerMinute: 1, meanDuration: 30m}, {ratePerMinute: 50, meanDuration: 5m}]}",
			workloads.ArrivalSpec{Process: "mmpp", States: []workloads.MMPPState{{RatePerMinute: 1, MeanDuration: 30 * time.Minute}, {RatePerMinute: 50, MeanDuration: 5 * time.Minute}}, Count: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := mustParse(t, tc.name+".yaml", wlHead+"    arrivals: "+tc.arrivals+"\n"+okDuration)
			if got := s.Config.Workloads[0].Arrivals; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestBadArrivalProcesses: every problem is reported at its key.
func TestBadArrivalProcesses(t *testing.T) {
	cases := []struct {
		name, arrivals string
		want           []wantLine
	}{
		{"diurnal max below min", "{process: diurnal, minRatePerMinute: 20, maxRatePerMinute: 2}",
			[]wantLine{{"8:74", "workloads[0].arrivals.maxRatePerMinute", "(2) must be >= minRatePerMinute (20)"}}},
		{"diurnal peak outside the period", "{process: diurnal, maxRatePerMinute: 2, period: 1h, peakAt: 2h}",
			[]wantLine{{"8:75", "workloads[0].arrivals.peakAt", "must be >= 0 and < period (1h0m0s)"}}},
		{"piecewise not starting at 0", "{process: piecewise, ratesPerMinute: [{at: 1h, rate: 5}]}",
			[]wantLine{{"8:58", "workloads[0].arrivals.ratesPerMinute[0].at", "must be 0"}}},
		{"piecewise out of order", "{process: piecewise, ratesPerMinute: [{at: 0s, rate: 5}, {at: 2h, rate: 1}, {at: 1h, rate: 3}]}",
			[]wantLine{{"8:96", "workloads[0].arrivals.ratesPerMinute[2].at", "must be > ratesPerMinute[1].at"}}},
		{"piecewise negative rate", "{process: piecewise, ratesPerMinute: [{at: 0s, rate: -5}]}",
			[]wantLine{{"8:68", "workloads[0].arrivals.ratesPerMinute[0].rate", "must be >= 0"}}},
		{"piecewise missing rate", "{process: piecewise, ratesPerMinute: [{at: 0s}]}",
			[]wantLine{{"8:53", "workloads[0].arrivals.ratesPerMinute[0].rate", "required"}}},
		{"piecewise without points", "{process: piecewise}",
			[]wantLine{{"8:15", "workloads[0].arrivals.ratesPerMinute", "required for piecewise"}}},
		{"onoff without off", "{process: onoff, ratePerMinute: 5, on: {distribution: constant, value: 1m}}",
			[]wantLine{{"8:15", "workloads[0].arrivals.off", "required for onoff"}}},
		{"mmpp with one state", "{process: mmpp, states: [{ratePerMinute: 1, meanDuration: 1m}]}",
			[]wantLine{{"8:39", "workloads[0].arrivals.states", "at least 2 states"}}},
		{"key of another process", "{process: diurnal, maxRatePerMinute: 2, ratePerMinute: 3}",
			[]wantLine{{"8:70", "workloads[0].arrivals.ratePerMinute", "not used by the diurnal process (it is for poisson, onoff)"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkLines(t, "bad.yaml", parseErrors(t, "bad.yaml", wlHead+"    arrivals: "+tc.arrivals+"\n"+okDuration), tc.want)
		})
	}
}

const tdTwo = `taskDefinitions:
  - family: web
    containerDefinitions:
      - {name: app, memory: 512}
  - family: api
    containerDefinitions:
      - {name: app, memory: 256}
`

// TestMixAndSize: a weighted mix and size distributions reach the world.
func TestMixAndSize(t *testing.T) {
	s := mustParse(t, "mix.yaml", tdTwo+`workloads:
  - name: w
    taskDefinitions: [{taskDefinition: web, weight: 3}, {taskDefinition: api, weight: 1}]
    size: {cpu: {distribution: uniform, min: 256, max: 1024}, memory: {distribution: empirical, values: [512, 2048]}}
`+okArrivals+okDuration)
	w := s.Config.Workloads[0]
	if len(w.Mix) != 2 || w.Mix[0].TaskDefinition.Family != "web" || w.Mix[1].Weight != 1 || w.TaskDefinition.Family != "web" {
		t.Errorf("mix %+v", w.Mix)
	}
	if w.Size == nil || w.Size.CPU.Kind != "uniform" || w.Size.CPU.Max != 1024 || !reflect.DeepEqual(w.Size.Memory.Values, []float64{512, 2048}) {
		t.Errorf("size %+v", w.Size)
	}
	lines := parseErrors(t, "bad.yaml", tdTwo+`workloads:
  - name: w
    taskDefinitions: [{taskDefinition: web, weight: 0}, {taskDefinition: nope, weight: 1}]
    size: {cpu: {distribution: uniform, min: 2048, max: 1024}}
`+okArrivals+okDuration)
	checkLines(t, "bad.yaml", lines, []wantLine{
		{"10:53", "workloads[0].taskDefinitions[0].weight", "must be a finite number > 0"},
		{"10:74", "workloads[0].taskDefinitions[1].taskDefinition", `task definition "nope" does not exist`},
		{"11:57", "workloads[0].size.cpu.max", "must be >= min (2048)"},
	})
}

const cronHead = tdWeb + `startTime: 2026-01-05T00:05:00Z
duration: 1d
scheduledTasks:
  - name: nightly
    taskDefinition: web
    duration: {distribution: constant, value: 20m}
`

// TestScheduledTasks: a scheduled task becomes a workload firing on its
// schedule with taskCount tasks (docs/model.md §11).
func TestScheduledTasks(t *testing.T) {
	s := mustParse(t, "cron.yaml", cronHead+"    scheduleExpression: cron(0 2 * * ? *)\n    taskCount: 4\n")
	if len(s.Config.Workloads) != 1 {
		t.Fatalf("workloads %+v", s.Config.Workloads)
	}
	w := s.Config.Workloads[0]
	if w.Schedule == nil || w.Schedule.String() != "cron(0 2 * * ? *)" || w.Arrivals.Count != 4 || w.LaunchType != "EC2" {
		t.Errorf("workload %+v", w)
	}
	next, _ := w.Schedule.Next(s.Config.StartTime)
	if want := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("first firing %v, want %v", next, want)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings %v", s.Warnings)
	}
	past := mustParse(t, "past.yaml", cronHead+"    scheduleExpression: cron(0 2 * * ? 2019)\n")
	if len(past.Warnings) != 1 || !strings.Contains(past.Warnings[0], "never fires") {
		t.Errorf("warnings %v", past.Warnings)
	}
}

// TestBadScheduleExpressions: the error points at the column of the
// expression where it goes wrong.
func TestBadScheduleExpressions(t *testing.T) {
	cases := []struct {
		expr string
		want wantLine
	}{
		// "    scheduleExpression: " is 24 characters: the expression starts at column 25.
		{"cron(0 75 * * ? *)", wantLine{"11:32", "scheduledTasks[0].scheduleExpression", "invalid schedule expression: hours value 75 out of range (accepted: 0-23)"}},
		{"cron(0 10 1 * MON *)", wantLine{"11:", "scheduledTasks[0].scheduleExpression", "invalid schedule expression"}},
		{"rate(5 minute)", wantLine{"11:", "scheduledTasks[0].scheduleExpression", `invalid schedule expression`}},
		{`"rate(1 minutes)"`, wantLine{"11:", "scheduledTasks[0].scheduleExpression", `invalid schedule expression`}},
		{"", wantLine{"8:5", "scheduledTasks[0].scheduleExpression", "required: cron("}},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			src := cronHead
			if tc.expr != "" {
				src += "    scheduleExpression: " + tc.expr + "\n"
			}
			lines := parseErrors(t, "bad.yaml", src)
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "bad.yaml:"+tc.want.loc) || !strings.Contains(lines[0], tc.want.field+": "+tc.want.msg) {
				t.Errorf("got %q, want bad.yaml:%s…%s: %s", lines, tc.want.loc, tc.want.field, tc.want.msg)
			}
		})
	}
}

const traceScenario = tdTwo + `duration: 1h
workloads:
  - name: replay
    taskDefinition: web
    trace: {file: day.csv%s}
`

// TestTraceWorkload: a trace is read at load; rows name definitions.
func TestTraceWorkload(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"s.yaml":  strings.Replace(traceScenario, "%s", "", 1),
		"day.csv": "submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n0,60,256,512,1,\n10,60,256,512,2,api\n7200,1,1,1,1,\n",
	})
	s, err := Load(filepath.Join(dir, "s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tr := s.Config.Workloads[0].Trace
	if tr == nil || tr.Format != "csv" || tr.Definitions["api"] == nil || len(tr.Definitions) != 1 {
		t.Fatalf("trace %+v", tr)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "1 of 3 rows are submitted after the run ends (1h)") {
		t.Errorf("warnings %v", s.Warnings)
	}
}

// TestTraceBadRows: a bad row is an error at its line; skipBadRows skips it
// and counts it in a warning.
func TestTraceBadRows(t *testing.T) {
	csv := "submitSeconds,durationSeconds,cpu,memory\n0,60,256,512\n5,abc,256,512\n9,60,256,512\n"
	dir := writeFiles(t, map[string]string{
		"strict.yaml": strings.Replace(traceScenario, "%s", "", 1),
		"skip.yaml":   strings.Replace(traceScenario, "%s", ", skipBadRows: true", 1),
		"day.csv":     csv,
	})
	_, err := Load(filepath.Join(dir, "strict.yaml"))
	lines := errorLines(t, nil, err)
	want := filepath.Join(dir, "day.csv") + ":3: workloads[0].trace: durationSeconds: must be"
	if len(lines) != 1 || !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], "skipBadRows: true skips bad rows") {
		t.Errorf("got %q, want %s…", lines, want)
	}
	s, err := Load(filepath.Join(dir, "skip.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "skipped 1 bad rows") {
		t.Errorf("warnings %v", s.Warnings)
	}
}

// TestTraceErrors: the trace's own problems and the keys it replaces.
func TestTraceErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"day.csv": "submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n0,1,1,1,1,nope\n"})
	cases := []struct {
		name, src, want string
	}{
		{"missing file", strings.Replace(traceScenario, "day.csv%s", "missing.csv", 1), "workloads[0].trace.file: cannot read the trace"},
		{"unknown format", strings.Replace(traceScenario, "%s", ", format: borg", 1), `unknown trace format "borg" (accepted: csv, google2011, alibaba2018)`},
		{"arrivals with a trace", strings.Replace(traceScenario, "%s", "", 1) + okArrivals, "workloads[0].arrivals: not used with a trace"},
		{"unknown definition", strings.Replace(traceScenario, "%s", "", 1), `day.csv:2: workloads[0].trace: taskDefinition: task definition "nope" does not exist`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			lines := errorLines(t, nil, err)
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("got %q, want …%s…", lines, tc.want)
			}
		})
	}
}
