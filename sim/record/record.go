// Package record defines the typed observations a simulated ECS world emits
// and the reports package consumes: events (one per state change), samples
// (the cluster at regular instants) and the run's final figures. It depends on
// sim only, so that the world and the reports can share it without depending
// on each other.
package record

import (
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// EventType names an event, as written in the "type" field of events.jsonl.
type EventType uint8

// Event types (README "Outputs").
const (
	TaskSubmitted EventType = iota
	TaskProvisioning
	TaskPlaced
	TaskRunning
	TaskStopped
	TaskFailed
	InstanceLaunched
	InstanceRegistered
	InstanceDraining
	InstanceTerminated
	MetricPublished
	AlarmStateChanged
	DesiredCapacityChanged
	ServicePlacementFailed
	TaskInterruptionNotice
	ServiceSteadyState
	ServiceDeploymentChanged
	ServiceDesiredCountChanged
	FaultInjected
	InstanceInterruptionNotice
	// ScalingSkipped: an alarm of a capacity provider is in ALARM but
	// managed scaling does not act (the warm-up gate, the scale-in wait,
	// min/max size, nothing to remove); Reason says why. Emitted when the
	// reason starts, not every minute it lasts.
	ScalingSkipped
	// ServiceThrottled: a service's tasks keep failing before RUNNING, so
	// its scheduler waits Wait before the next launch (the throttle
	// back-off, docs/model.md §6.3).
	ServiceThrottled
	numEventTypes
)

var eventTypeNames = [numEventTypes]string{
	"TaskSubmitted", "TaskProvisioning", "TaskPlaced", "TaskRunning", "TaskStopped", "TaskFailed",
	"InstanceLaunched", "InstanceRegistered", "InstanceDraining", "InstanceTerminated",
	"MetricPublished", "AlarmStateChanged", "DesiredCapacityChanged", "ServicePlacementFailed",
	"TaskInterruptionNotice", "ServiceSteadyState", "ServiceDeploymentChanged", "ServiceDesiredCountChanged",
	"FaultInjected", "InstanceInterruptionNotice", "ScalingSkipped", "ServiceThrottled",
}

// String returns the event type's name, e.g. "TaskPlaced".
func (t EventType) String() string { return eventTypeNames[t] }

// EventTypes returns every event type in order.
func EventTypes() []EventType {
	out := make([]EventType, numEventTypes)
	for i := range out {
		out[i] = EventType(i)
	}
	return out
}

// Task stop reasons, as ECS writes stoppedReason / stopCode.
const (
	// StopCompleted: the task's essential container exited at the end of
	// its duration.
	StopCompleted = "EssentialContainerExited"
	// StopSpotInterrupted: AWS reclaimed the FARGATE_SPOT task's capacity
	// after its two-minute notice (docs/model.md §8.1).
	StopSpotInterrupted = "Your Spot Task was interrupted."
	// stopHostPrefix begins ECS's stoppedReason of a task whose EC2
	// instance ended: "Host EC2 (instance i-…) terminated."
	stopHostPrefix = "Host EC2 (instance "
)

// StopHostTerminated is the stop reason of the tasks of an instance that
// was terminated, failed or reclaimed, as ECS writes it.
func StopHostTerminated(ec2InstanceID string) string {
	return stopHostPrefix + ec2InstanceID + ") terminated."
}

// Killed reports whether a task stop reason says the task went with its
// capacity (its instance ended, or its Fargate Spot capacity was
// reclaimed) rather than being stopped by a scheduler or completing.
func Killed(reason string) bool {
	return reason == StopSpotInterrupted || strings.HasPrefix(reason, stopHostPrefix)
}

// Why an instance was terminated (InstanceTerminated's Reason); Cause
// tells the decision in words.
const (
	// TerminatedScaleIn: the Auto Scaling group scaled in and chose it.
	TerminatedScaleIn = "scale-in"
	// TerminatedDrained: managed draining finished, its tasks have stopped.
	TerminatedDrained = "draining complete"
	// TerminatedDrainingTimeout: managed draining gave up waiting (48 h).
	TerminatedDrainingTimeout = "managed draining timeout"
	// TerminatedSpot: EC2 reclaimed a Spot instance after its notice.
	TerminatedSpot = "Spot interruption"
	// TerminatedFailure: the instance failed or its zone went down.
	TerminatedFailure = "failure"
)

// CauseScheduledAction begins the Cause of a DesiredCapacityChanged (and
// the Reason of a ScalingSkipped) that a group's scheduled action made,
// not managed scaling.
const CauseScheduledAction = "scheduled action "

// StateProvisioning is the State of a TaskStopped event whose task was
// stopped before it was ever placed (cancelled).
const StateProvisioning = "PROVISIONING"

// Event is one state change. Which fields are set depends on Type; strings
// refer to existing names, so building an Event allocates nothing.
type Event struct {
	T    sim.Time
	Type EventType

	Task           int64  // task number (Seq); 0 for none
	TaskDefinition string // family:revision
	Group          string // task group
	Owner          string // workload or service name
	Service        string // the service, for service tasks
	LaunchType     string // EC2 or FARGATE (TaskPlaced)
	Instance       string // EC2 instance ID
	// InstanceSeq is 1 + the instance's index in launch order (0: no
	// instance), set with Instance: a dense key for consumers that keep
	// per-instance state (reports.Ledger). Not written to events.jsonl.
	InstanceSeq  int32
	InstanceType string
	AZ           string
	Reason       string
	CPU          int64 // task CPU units (TaskPlaced); registered CPU (InstanceLaunched, InstanceRegistered)
	MemoryMiB    int64 // task memory (TaskPlaced); registered memory (InstanceLaunched, InstanceRegistered)
	// PricePerHour is what the instance (InstanceLaunched) or the Fargate
	// task (TaskPlaced) costs, USD per hour, Spot discounts applied.
	PricePerHour float64
	// Daemon marks a daemon service's task (TaskPlaced): an instance
	// running only daemon tasks counts as empty.
	Daemon bool
	Wait   time.Duration

	Provider string
	Value    float64
	// Target is the value a metric is tracked to: the provider's
	// targetCapacity or the service's targetValue (MetricPublished,
	// AlarmStateChanged, ScalingSkipped).
	Target float64
	// Datapoints is how many datapoints beyond the target put an alarm in
	// ALARM (AlarmStateChanged).
	Datapoints int
	M, N       int
	From, To   int
	// Tasks is the number of non-daemon tasks an instance still ran when
	// it was terminated (InstanceTerminated); they stop with it.
	Tasks int
	Cause string
	Alarm string
	State string
}

// Sample is the cluster at one instant.
type Sample struct {
	T                 sim.Time
	InstancesRunning  int // registered (ACTIVE or DRAINING)
	InstancesPending  int // launched, agent not yet registered
	TasksRunning      int
	TasksProvisioning int
	TasksPending      int
	CPUReserved       float64 // reserved / registered CPU units, 0..1
	MemoryReserved    float64 // reserved / registered memory, 0..1
	// Providers has one entry per capacity provider with managed scaling.
	Providers []ProviderSample
	// Services has one entry per service.
	Services []ServiceSample
}

// ServiceSample is one service at a sample instant.
type ServiceSample struct {
	Name    string
	Desired int // the desired count
	Running int // its tasks RUNNING
	Pending int // its tasks placed and starting, or waiting PROVISIONING
}

// ProviderSample is one capacity provider at a sample instant
// (providers.csv).
type ProviderSample struct {
	Name              string
	InstancesRunning  int // registered instances of the group
	InstancesPending  int // launched, agent not registered yet
	Desired           int
	CPR               float64 // the latest CapacityProviderReservation published
	TasksProvisioning int
	AlarmHigh         string
	AlarmLow          string
	// Target is the provider's targetCapacity (percent), the value its
	// CapacityProviderReservation is tracked to.
	Target int
}

// Final holds what the world knows at the end of a run that no event
// says: the state at the end and the placer's work. Every other figure is
// computed from the events (reports.Ledger).
type Final struct {
	// End is the instant the run ended; SimulatedSeconds the same in
	// seconds.
	End               sim.Time
	SimulatedSeconds  float64
	Events            int64
	TasksRunningAtEnd int
	TasksProvisioning int
	TasksPendingAtEnd int
	// TasksLost counts RunTask tasks stopped before they completed (their
	// instance failed or was terminated, a Spot interruption): no one
	// replaces them.
	TasksLost         int
	PlacementExamined int64
	PlacementRejected int64
}
