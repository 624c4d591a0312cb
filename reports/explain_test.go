package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

func at(sec float64) sim.Time { return sim.Time(sec * float64(sim.Second)) }

// TestNarratorTellsAScaleOutFromZero follows docs/model.md §1.7's
// scale-out from zero: tasks go PROVISIONING (MISSING), the reservation is
// 200 with N = 0, AlarmHigh fires, the desired capacity goes 0 → 2, an
// instance registers and the tasks are placed. Every number comes from its
// event (Verify).
func TestNarratorTellsAScaleOutFromZero(t *testing.T) {
	n := NewNarrator(0, at(600))
	events := []record.Event{
		{T: at(20), Type: record.TaskProvisioning, Task: 1, Owner: "web", Provider: "general", Reason: "MISSING"},
		{T: at(30), Type: record.TaskProvisioning, Task: 2, Owner: "web", Provider: "general", Reason: "MISSING"},
		{T: at(60), Type: record.MetricPublished, Provider: "general", Value: 200, Target: 100, M: 2, N: 0},
		{T: at(60), Type: record.AlarmStateChanged, Provider: "general", Alarm: "AlarmHigh", State: "ALARM", Value: 200, Target: 100, Datapoints: 1},
		{T: at(60), Type: record.DesiredCapacityChanged, Provider: "general", From: 0, To: 2, Cause: "AlarmHigh: scale-out from zero"},
		{T: at(120), Type: record.MetricPublished, Provider: "general", Value: 200, Target: 100, M: 2, N: 0}, // unchanged: not told
		{T: at(150), Type: record.InstanceRegistered, Provider: "general", InstanceType: "m5.large"},
		{T: at(150), Type: record.TaskPlaced, Task: 1, Provider: "general", InstanceType: "m5.large"},
		{T: at(150), Type: record.TaskPlaced, Task: 2, Provider: "general", InstanceType: "m5.large"},
		{T: at(151), Type: record.TaskPlaced, Task: 3, Provider: "general", InstanceType: "m5.large"}, // never PROVISIONING
		{T: at(180), Type: record.ScalingSkipped, Provider: "general", Reason: "scale-out blocked: 1 instance still within the 5m warm-up"},
	}
	for i := range events {
		n.Event(&events[i])
	}
	var b bytes.Buffer
	if err := n.WriteText(&b, "t (seed 1)"); err != nil {
		t.Fatal(err)
	}
	want := `t (seed 1): 7 decisions and events from 00:00:00 to 00:10:00
00:00:20  general        2 tasks of web went PROVISIONING on general: MISSING, no ACTIVE container instance where the task may go (none registered yet, or all DRAINING) (until 00:00:30)
00:01:00  general        CapacityProviderReservation 200 (target 100): the group has no instance and tasks wait (M = 2, N = 0), so ECS publishes 200: scale out from zero
00:01:00  general        AlarmHigh INSUFFICIENT_DATA → ALARM at 200 (1 datapoint above the target 100 starts a scale-out)
00:01:00  general        desired capacity 0 → 2: AlarmHigh: scale-out from zero
00:02:30  general        1 instance registered (m5.large): ready for tasks
00:02:30  general        2 PROVISIONING tasks placed (m5.large)
00:03:00  general        no scaling action: scale-out blocked: 1 instance still within the 5m warm-up
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if err := n.Verify(); err != nil {
		t.Error(err)
	}
}

// TestNarratorAtTheTargetPrintsTheEventsMAndN is the example: with
// targetCapacity 80 the metric 80 has M = 16, N = 20; explain used to say
// "M = N = 20". Every number must be the event's.
func TestNarratorAtTheTargetPrintsTheEventsMAndN(t *testing.T) {
	n := NewNarrator(0, at(600))
	n.Event(&record.Event{T: at(60), Type: record.MetricPublished, Provider: "asg", Value: 80, Target: 80, M: 16, N: 20})
	if len(n.Lines) != 1 || n.Lines[0].Text != "CapacityProviderReservation 80 (target 80): at the target: M = 16, N = 20" {
		t.Fatalf("lines %+v", n.Lines)
	}
	if err := n.Verify(); err != nil {
		t.Error(err)
	}
}

// TestNarratorVerifyCatchesANumberNotInItsEvent: Verify fails when a line
// prints a number its event does not hold, to the precision printed.
func TestNarratorVerifyCatchesANumberNotInItsEvent(t *testing.T) {
	n := NewNarrator(0, at(600))
	e := &record.Event{T: at(60), Type: record.MetricPublished, Provider: "asg", Value: 133.3333, Target: 100, M: 4, N: 3}
	n.add(e, "metric", "asg", "M = %d, N = %d, value %s", 4, 3, "133.33")
	if err := n.Verify(); err != nil {
		t.Fatalf("a faithful line rejected: %v", err)
	}
	n.add(e, "metric", "asg", "M = N = %d", 20)
	if err := n.Verify(); err == nil || !strings.Contains(err.Error(), "prints 20") {
		t.Fatalf("Verify = %v, want it to name the 20 the event does not hold", err)
	}
	n.Lines = n.Lines[:1]
	n.add(e, "metric", "asg", "value %s", "133.4")
	if err := n.Verify(); err == nil {
		t.Fatal("133.4 accepted for a value of 133.3333")
	}
}

// TestNarratorWindow: events outside [From, To] are not told, but the state
// they carry is (the alarm's previous state, the last metric).
func TestNarratorWindow(t *testing.T) {
	n := NewNarrator(at(120), at(240))
	events := []record.Event{
		{T: at(60), Type: record.AlarmStateChanged, Provider: "p", Alarm: "AlarmLow", State: "ALARM", Value: 50, Target: 100, Datapoints: 15},
		{T: at(60), Type: record.MetricPublished, Provider: "p", Value: 50, M: 1, N: 2},
		{T: at(120), Type: record.MetricPublished, Provider: "p", Value: 50, M: 1, N: 2},
		{T: at(180), Type: record.AlarmStateChanged, Provider: "p", Alarm: "AlarmLow", State: "OK", Value: 100, Target: 100, Datapoints: 15},
		{T: at(300), Type: record.DesiredCapacityChanged, Provider: "p", From: 2, To: 1},
	}
	for i := range events {
		n.Event(&events[i])
	}
	if len(n.Lines) != 1 || n.Lines[0].Text != "AlarmLow ALARM → OK at 100 (15 datapoints below the target 100 start a scale-in)" {
		t.Errorf("lines %+v", n.Lines)
	}
	var b bytes.Buffer
	if err := n.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var lines []ExplainLine
	if err := json.Unmarshal(b.Bytes(), &lines); err != nil || len(lines) != 1 || lines[0].Kind != "alarm" || lines[0].T != 180 {
		t.Errorf("json %s: %v", b.String(), err)
	}
	if empty := NewNarrator(0, 0); !strings.Contains(func() string { var b bytes.Buffer; empty.WriteJSON(&b); return b.String() }(), "[]") {
		t.Error("no lines must be an empty JSON array")
	}
}

// TestNarratorMergesTerminations: the instances one scale-in terminates in
// a minute make one line listing them (at most 5, then a count), the
// cause told once.
func TestNarratorMergesTerminations(t *testing.T) {
	n := NewNarrator(0, at(600))
	cause := "AlarmLow: CapacityProviderReservation 50.00 < target 100 for 15 datapoints (M = 1, N = 2)"
	for i, id := range []string{"i-1", "i-2", "i-3", "i-4", "i-5", "i-6", "i-7"} {
		n.Event(&record.Event{T: at(60 + float64(i)), Type: record.InstanceTerminated, Provider: "asg", Instance: id, Cause: cause})
	}
	n.Event(&record.Event{T: at(120), Type: record.InstanceTerminated, Provider: "asg", Instance: "i-8", Cause: cause})
	var b bytes.Buffer
	if err := n.WriteText(&b, "t"); err != nil {
		t.Fatal(err)
	}
	want := `t: 2 decisions and events from 00:00:00 to 00:10:00
00:01:00  asg            7 instances terminated (i-1, i-2, i-3, i-4, i-5, … 2 more): ` + cause + ` (until 00:01:06)
00:02:00  asg            1 instance terminated (i-8): ` + cause + `
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if ids := n.Lines[0].Instances; len(ids) != 7 || ids[6] != "i-7" {
		t.Errorf("JSON instances %q, want all 7", ids)
	}
}

// TestNarratorServiceMetricsAndFaults: service auto scaling's metric is
// not a CapacityProviderReservation (its desired-count change is told
// instead); a fault is told as it begins and ends.
func TestNarratorServiceMetricsAndFaults(t *testing.T) {
	n := NewNarrator(0, at(600))
	events := []record.Event{
		{T: at(60), Type: record.MetricPublished, Service: "api", Owner: "api", Value: 58.6, N: 2, Alarm: "ECSServiceAverageCPUUtilization"},
		{T: at(60), Type: record.ServiceDesiredCountChanged, Service: "api", From: 2, To: 3, Cause: "ECSServiceAverageCPUUtilization 80 > 50"},
		{T: at(120), Type: record.FaultInjected, Cause: "availabilityZoneOutage", AZ: "us-east-1b", State: "ALARM"},
		{T: at(180), Type: record.FaultInjected, Cause: "availabilityZoneOutage", AZ: "us-east-1b", State: "OK"},
	}
	for i := range events {
		n.Event(&events[i])
	}
	var got []string
	for _, l := range n.Lines {
		got = append(got, l.Subject+": "+l.Text)
	}
	want := []string{
		"api: service api desired count 2 → 3: ECSServiceAverageCPUUtilization 80 > 50",
		"fault: availability zone outage in us-east-1b begins",
		"fault: availability zone outage in us-east-1b ends",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNarratorTellsServices: deployments (started, failed by the circuit
// breaker, rolled back), throttling, a service alarm and its desired-count
// change, a Spot notice and a lost RunTask task, each from its event.
func TestNarratorTellsServices(t *testing.T) {
	n := NewNarrator(0, at(3600))
	events := []record.Event{
		{T: at(60), Type: record.ServiceDeploymentChanged, Service: "web", TaskDefinition: "web:2", State: "IN_PROGRESS", Cause: "a new task definition revision"},
		{T: at(70), Type: record.ServiceThrottled, Service: "web", Wait: 20 * time.Second, Reason: "service web is unable to consistently start tasks successfully"},
		{T: at(90), Type: record.ServiceDeploymentChanged, Service: "web", TaskDefinition: "web:2", State: "FAILED", Cause: "deployment circuit breaker: 3 tasks of web:2 failed to start (threshold 3)"},
		{T: at(90), Type: record.ServiceDeploymentChanged, Service: "web", TaskDefinition: "web:1", State: "IN_PROGRESS", Cause: "rollback to web:1"},
		{T: at(120), Type: record.AlarmStateChanged, Service: "api", Alarm: "AlarmHigh", State: "ALARM", Value: 75.5, Target: 60, Datapoints: 3, Cause: "ECSServiceAverageCPUUtilization"},
		{T: at(120), Type: record.ServiceDesiredCountChanged, Service: "api", From: 2, To: 3, Cause: "target tracking: ECSServiceAverageCPUUtilization 75.5 > target 60 for 3 datapoints"},
		{T: at(200), Type: record.TaskInterruptionNotice, Task: 7, Owner: "api", Service: "api", Reason: "TerminationNotice"},
		{T: at(230), Type: record.TaskStopped, Task: 7, Owner: "api", Service: "api", State: "RUNNING", Reason: "Your Spot Task was interrupted."},
		{T: at(300), Type: record.TaskStopped, Task: 9, Owner: "jobs", State: "RUNNING", Reason: "Host EC2 (instance i-1) terminated."},
	}
	for i := range events {
		n.Event(&events[i])
	}
	var got []string
	for _, l := range n.Lines {
		got = append(got, l.Subject+": "+plural(l.Text, l.Count))
	}
	want := []string{
		"web: deployment of web:2 IN_PROGRESS: a new task definition revision",
		"web: service web is unable to consistently start tasks successfully: the scheduler waits 20s before the next launch",
		"web: deployment of web:2 FAILED: deployment circuit breaker: 3 tasks of web:2 failed to start (threshold 3)",
		"web: deployment of web:1 IN_PROGRESS: rollback to web:1",
		"api: service api AlarmHigh INSUFFICIENT_DATA → ALARM at 75.5 (ECSServiceAverageCPUUtilization: 3 datapoints above 60 start a scale-out)",
		"api: service api desired count 2 → 3: target tracking: ECSServiceAverageCPUUtilization 75.5 > target 60 for 3 datapoints",
		"api: task of api got a Spot interruption notice (TerminationNotice): SIGTERM now, stopped when the containers' stopTimeout runs out",
		"api: task of service api stopped: Your Spot Task was interrupted.",
		"jobs: RunTask task of jobs lost before completing: Host EC2 (instance i-1) terminated.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := n.Verify(); err != nil {
		t.Error(err)
	}
}
