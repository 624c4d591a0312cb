package reports

import (
	"bytes"
	"testing"
)

// TestWriteTable: one line per subject, the labels in a column; failures
// sorted by count then name; the failures, scaling and output lines only
// when there is something to say.
func TestWriteTable(t *testing.T) {
	s := &Summary{Scenario: "t", Seed: 2, SimulatedSeconds: 5400, Events: 7, WallSeconds: 0.5,
		Tasks: TaskSummary{Submitted: 5, Placed: 4, Failed: 1, Completed: 2, Stopped: 1, RunningAtEnd: 1,
			FailureReasons: map[string]int64{"RESOURCE:CPU": 1, "ATTRIBUTE": 1, "RESOURCE:MEMORY": 3}},
		TaskWaitSeconds: Quantiles{Mean: 1, P50: 2, P95: 3, P99: 4, Max: 5},
		Instances:       InstanceSummary{Launched: 3, Terminated: 1, Peak: 2, Final: 2}, InstanceHours: 1.5,
		Utilization: Utilization{CPUReservedMean: 0.5, MemoryReservedMean: 0.25},
		Scaling:     Scaling{ScaleOutActions: 2, ScaleInActions: 1},
		Cost:        Cost{EC2: 1, Fargate: 0.23, Total: 1.23, Idle: 0.1, Stranded: 0.2}}
	var b bytes.Buffer
	if err := s.WriteTable(&b, "out", []string{"summary.json", "report.html"}); err != nil {
		t.Fatal(err)
	}
	want := `scenario       t (seed 2): 1h30m0s simulated, 7 events, 0.50s wall
tasks          submitted 5: placed 4, failed 1, cancelled 0; placed 4: completed 2, stopped 1, lost 0; at end: running 1, pending 0, provisioning 0
failures       RESOURCE:MEMORY 3, ATTRIBUTE 1, RESOURCE:CPU 1
task wait (s)  mean 1.00, p50 2.00, p95 3.00, p99 4.00, max 5.00
instances      launched 3, terminated 1, peak 2, final 2; 1.50 instance-hours
reserved       CPU 50.0%, memory 25.0% (time-weighted mean)
scaling        2 scale-out, 1 scale-in actions
cost           $1.23 (EC2 $1.00, Fargate $0.23); EC2 idle $0.10, stranded $0.20
output         out/ (summary.json, report.html)
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	s.Tasks.FailureReasons, s.Scaling = nil, Scaling{}
	b.Reset()
	if err := s.WriteTable(&b, "", nil); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"failures", "scaling", "output"} {
		if bytes.Contains(b.Bytes(), []byte("\n"+absent)) {
			t.Errorf("a %s line with nothing to say:\n%s", absent, b.String())
		}
	}
}
