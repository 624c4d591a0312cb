package world

import (
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/sim/record"
)

// Service is an ECS service (docs/model.md §6).
type Service struct {
	Name           string
	TaskDefinition *cluster.TaskDefinition
	// Daemon selects the DAEMON scheduling strategy: one task per ACTIVE
	// instance that meets the constraints; else REPLICA.
	Daemon       bool
	DesiredCount int
	// LaunchType or CapacityProviderStrategy, as for workloads.
	LaunchType               string
	CapacityProviderStrategy []StrategyItem
	// PlacementStrategy empty means ECS's REPLICA default: spread on the
	// zone, then on the instance (§5.1).
	PlacementStrategy    placement.Plan
	PlacementConstraints []cluster.PlacementConstraint
	// MinimumHealthyPercent and MaximumPercent bound rolling replacement
	// (deployments and draining, §6.4).
	MinimumHealthyPercent, MaximumPercent int
	// CircuitBreaker and Rollback are the deployment circuit breaker (§6.5).
	CircuitBreaker, Rollback bool
	// DesiredCountSchedule changes the desired count at given times.
	DesiredCountSchedule []ScheduledCount
	// Deployments roll out new task definitions at given times.
	Deployments []Deployment
	// TaskStartDelay is PENDING → RUNNING; StartFailureRate the share of
	// the service's tasks that fail before RUNNING.
	TaskStartDelay   time.Duration
	StartFailureRate float64
	// HealthyAfter is how long a task runs before it counts as healthy
	// (without health checks, 40 s, §6.3).
	HealthyAfter time.Duration
	// AutoScaling is service auto scaling (target tracking), or nil.
	AutoScaling *ServiceAutoScaling
}

// ScheduledCount sets a service's desired count at At.
type ScheduledCount struct {
	At           time.Duration
	DesiredCount int
}

// Deployment rolls out TaskDefinition at At; StartFailureRate is the share
// of its tasks that fail before RUNNING (a bad image, say).
type Deployment struct {
	At               time.Duration
	TaskDefinition   *cluster.TaskDefinition
	StartFailureRate float64
	// ForceNewDeployment: every task is replaced, even one of the same
	// revision (TaskDefinition is then a copy of the revision, so that
	// the scheduler tells the deployments apart).
	ForceNewDeployment bool
}

// ServiceAutoScaling is Application Auto Scaling target tracking on a
// service's average CPU or memory utilization (docs/model.md §2), driven
// by a demand model.
type ServiceAutoScaling struct {
	MinCapacity, MaxCapacity int
	// Metric is ECSServiceAverageCPUUtilization or
	// ECSServiceAverageMemoryUtilization.
	Metric      string
	TargetValue float64
	// ScaleOutCooldown and ScaleInCooldown (300 s by default, §2).
	ScaleOutCooldown, ScaleInCooldown time.Duration
	DisableScaleIn                    bool
	// Load is the demand the service must serve.
	Load Load
}

// Service auto scaling metrics.
const (
	MetricCPU    = "ECSServiceAverageCPUUtilization"
	MetricMemory = "ECSServiceAverageMemoryUtilization"
)

// Load is a demand curve: constant Min; diurnal between Min and Max with
// Period and PeakAt; or piecewise linear through Points. Its unit is CPU
// units (or MiB for the memory metric), or requests per second when
// RequestsPerTask is set: one task then serves RequestsPerTask at 100 %.
type Load struct {
	Pattern         string // constant | diurnal | piecewise
	Min, Max        float64
	Period, PeakAt  time.Duration
	Points          []LoadPoint
	RequestsPerTask float64
}

// LoadPoint is a point of a piecewise-linear load.
type LoadPoint struct {
	At    time.Duration
	Value float64
}

// Fault types: record's fault kinds (the one place they are spelled).
const (
	FaultInstanceFailure  = string(record.FaultInstanceFailure)
	FaultZoneOutage       = string(record.FaultZoneOutage)
	FaultAgentDisconnect  = string(record.FaultAgentDisconnect)
	FaultSpotInterruption = string(record.FaultSpotInterruption)
)

// Fault is a failure injected into the run: a spec of one of the kinds of
// Config.FaultKinds (sim/faults).
//
//	instanceFailure         At and Count (instances chosen at random), or
//	                        FailureTime: every instance fails after a lifetime
//	                        drawn from it; AvailabilityZone and Provider filter
//	availabilityZoneOutage  AvailabilityZone, At, Duration: its instances fail
//	                        and nothing launches there during the window
//	agentDisconnect         At, Duration, Count: agents disconnect; tasks keep
//	                        running, nothing new is placed there
//	spotInterruption        Provider, RatePerHour: Spot capacity is reclaimed
//	                        with a two-minute notice (EC2 Spot instances of an
//	                        Auto Scaling group provider, or FARGATE_SPOT tasks)
type Fault = faults.Spec
