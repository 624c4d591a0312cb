package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/record"
)

// TestNarratorTellsEveryKindOfEvent: one event of each kind the other
// tests leave out, told in the words docs/model.md uses, every number its
// event's (Verify).
func TestNarratorTellsEveryKindOfEvent(t *testing.T) {
	n := NewNarrator(0, at(7200))
	n.Sample(&record.Sample{T: at(0)}) // the narrator needs no samples
	events := []record.Event{
		{T: at(10), Type: record.TaskProvisioning, Task: 1, Owner: "batch"},
		{T: at(20), Type: record.TaskPlaced, Task: 1, Owner: "batch"},
		{T: at(30), Type: record.TaskProvisioning, Task: 2, Owner: "web", Provider: "cp", Reason: string(record.ReasonAttribute)},
		{T: at(90), Type: record.TaskPlaced, Task: 2, Owner: "web", Provider: "cp", InstanceType: "c5.xlarge"},
		{T: at(120), Type: record.MetricPublished, Provider: "cp", Value: 100, Target: 100, M: 0, N: 0},
		{T: at(180), Type: record.MetricPublished, Provider: "cp", Value: 100, Target: 100, M: 3, N: 0, Reason: "task too big"},
		{T: at(240), Type: record.MetricPublished, Provider: "cp", Value: 150, Target: 100, M: 3, N: 2},
		{T: at(300), Type: record.MetricPublished, Provider: "cp", Value: 50, Target: 100, M: 1, N: 2, Reason: "a note"},
		{T: at(360), Type: record.InstanceLaunched, Provider: "cp", InstanceType: "c5.xlarge"},
		{T: at(420), Type: record.InstanceDraining, Instance: "i-9", Cause: "scale-in"},
		{T: at(480), Type: record.InstanceInterruptionNotice, Provider: "cp", Instance: "i-8", Reason: "two-minute warning"},
		{T: at(540), Type: record.ServicePlacementFailed, Service: "api", Reason: string(record.ReasonPorts)},
		{T: at(600), Type: record.ServiceDeploymentChanged, Service: "api", State: "COMPLETED", Cause: "all tasks healthy"},
		{T: at(660), Type: record.ServiceDeploymentChanged, Service: "api", TaskDefinition: "api:3", State: "STALLED", Cause: "no progress"},
		{T: at(720), Type: record.ServiceDeploymentChanged, Service: "api", State: "ODD", Cause: "unknown state"},
		{T: at(780), Type: record.ServiceSteadyState, Service: "api"},
		{T: at(840), Type: record.ServiceThrottled, Service: "api", Reason: "throttled", Wait: 90 * time.Minute},
		{T: at(900), Type: record.FaultInjected, Cause: string(record.FaultAgentDisconnect), State: "ALARM"},
		{T: at(960), Type: record.FaultInjected, Cause: string(record.FaultInstanceFailure), State: "ALARM"},
		{T: at(1020), Type: record.FaultInjected, Cause: string(record.FaultSpotInterruption), AZ: "us-east-1a", State: "OK"},
		{T: at(1080), Type: record.FaultInjected, Cause: "somethingNew", State: "ALARM"},
		{T: at(1140), Type: record.TaskFailed, Owner: "web", Reason: "SOMETHING:ELSE"},
	}
	for i := range events {
		n.Event(&events[i])
	}
	want := []string{
		"Fargate: task(s) of batch went PROVISIONING on Fargate: waiting for Fargate to find capacity",
		"batch: PROVISIONING task(s) placed (Fargate)",
		"cp: task(s) of web went PROVISIONING on cp: ATTRIBUTE, no instance meets the placement constraints",
		"cp: PROVISIONING task(s) placed (c5.xlarge)",
		"cp: CapacityProviderReservation 100 (target 100): no instance and nothing to run (M = N = 0): 100",
		"cp: CapacityProviderReservation 100 (target 100): the group has no instance, and the waiting tasks fit no instance type, so ECS publishes the target (M = 3, N = 0); task too big",
		"cp: CapacityProviderReservation 150 (target 100): above the target: the tasks need M = 3 instances, the group has N = 2",
		"cp: CapacityProviderReservation 50 (target 100): below the target: M = 1 instance would do where N = 2 run; a note",
		"cp: instance(s) launched (c5.xlarge), to join the cluster when the ECS agent registers",
		"cluster: instance(s) set to DRAINING: scale-in",
		"cp: instance(s) got a Spot interruption notice: two-minute warning",
		"api: task(s) of service api could not be placed: RESOURCE:PORTS, every instance already holds a host port the task needs",
		"api: deployment COMPLETED: all tasks healthy",
		"api: deployment of api:3 STALLED: no progress",
		"api: ODD: unknown state",
		"api: service api has reached a steady state",
		"api: throttled: the scheduler waits 1h30m before the next launch",
		"fault: container agents disconnected begins",
		"fault: instance failure begins",
		"fault: Spot interruptions in us-east-1a ends",
		"fault: somethingNew begins",
		"web: task(s) failed: SOMETHING:ELSE",
	}
	var got []string
	for _, l := range n.Lines {
		got = append(got, l.Subject+": "+l.Text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := n.Verify(); err != nil {
		t.Error(err)
	}
}

// TestReasonText names every placement failure reason in words.
func TestReasonText(t *testing.T) {
	for r, want := range map[record.PlacementReason]string{
		record.ReasonMissing:   "MISSING, no ACTIVE container instance where the task may go (none registered yet, or all DRAINING)",
		record.ReasonAgent:     "AGENT, every instance's agent is disconnected",
		record.ReasonAttribute: "ATTRIBUTE, no instance meets the placement constraints",
		record.ReasonCPU:       "RESOURCE:CPU, no registered instance has enough free CPU units",
		record.ReasonMemory:    "RESOURCE:MEMORY, no registered instance has enough free memory",
		record.ReasonGPU:       "RESOURCE:GPU, no registered instance has a free GPU",
		record.ReasonPorts:     "RESOURCE:PORTS, every instance already holds a host port the task needs",
		record.ReasonENI:       "RESOURCE:ENI, no instance has a free elastic network interface (awsvpc)",
		"NEW":                  "NEW",
	} {
		if got := reasonText(string(r)); got != want {
			t.Errorf("reasonText(%s) = %q, want %q", r, got, want)
		}
	}
}

// TestShortDurationAndNum: durations without zero trailing units, numbers
// without needless decimals.
func TestShortDurationAndNum(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Minute: "5m", time.Hour: "1h", 90 * time.Minute: "1h30m", 45 * time.Second: "45s",
		0: "0s", 90 * time.Second: "1m30s", 1500 * time.Millisecond: "1.5s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
	for v, want := range map[float64]string{133.3333: "133.33", 100: "100", 0.5: "0.5", -0.001: "0", 2.999: "3"} {
		if got := num(v); got != want {
			t.Errorf("num(%g) = %q, want %q", v, got, want)
		}
	}
}

// TestClock: hh:mm:ss, days in front past 24 h.
func TestClock(t *testing.T) {
	for sec, want := range map[float64]string{0: "00:00:00", 3723: "01:02:03", 86400 + 61: "1d 00:01:01"} {
		if got := clock(at(sec)); got != want {
			t.Errorf("clock(%g) = %q, want %q", sec, got, want)
		}
	}
}
