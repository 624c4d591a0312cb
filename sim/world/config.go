package world

import (
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/workloads"
)

// Launch types.
const (
	LaunchEC2     = "EC2"
	LaunchFargate = "FARGATE"
)

// Config is everything a run needs, validated and defaulted by the scenarios
// package. It carries no YAML tags.
type Config struct {
	Name string
	Seed uint64
	// Duration is the simulated span; SampleInterval the timeseries step.
	Duration       time.Duration
	SampleInterval time.Duration
	// StartTime is the wall-clock instant (UTC) of t = 0, for cron schedules,
	// registeredAt constraints and reports.
	StartTime time.Time

	Catalogue         *cluster.Catalogue
	AvailabilityZones []string
	// AwsvpcTrunking turns on ENI trunking for instances registered in the
	// run (ecs-reference.md §5.2).
	AwsvpcTrunking bool
	// Instances are the container instances outside any Auto Scaling group,
	// registered at t = 0.
	Instances       []InstanceGroup
	TaskDefinitions []*cluster.TaskDefinition
	Workloads       []Workload
	// Strategies resolves placement strategy types; nil means the ECS ones.
	Strategies *placement.Registry
	// Fargate configures tasks launched on AWS Fargate.
	Fargate FargateConfig
}

// FargateConfig configures Fargate capacity.
type FargateConfig struct {
	// ProvisioningDelay is the distribution, in seconds, of the time
	// Fargate takes to find capacity and attach the task's ENI
	// (PROVISIONING → PENDING). AWS publishes no figure ([INF]).
	ProvisioningDelay workloads.DistSpec
}

// InstanceGroup is a number of identical container instances.
type InstanceGroup struct {
	Type  *cluster.InstanceType
	Count int
	// AvailabilityZone is the zone of every instance, or "" to spread them
	// round-robin over Config.AvailabilityZones.
	AvailabilityZone  string
	Attributes        []cluster.Attribute
	ReservedMemoryMiB int64
	// OSFamily is LINUX (default) or a WINDOWS_SERVER_* family.
	OSFamily string
}

// Workload is a stream of RunTask requests.
type Workload struct {
	Name           string
	TaskDefinition *cluster.TaskDefinition
	LaunchType     string
	Arrivals       workloads.ArrivalSpec
	// Duration is the distribution of task run times, in seconds.
	Duration workloads.DistSpec
	// TaskStartDelay is the time from placement (PENDING) to RUNNING.
	TaskStartDelay time.Duration
	// PlacementStrategy is the request's strategy chain; empty means RunTask's
	// default, random (ecs-reference.md §5.3).
	PlacementStrategy    []placement.Spec
	PlacementConstraints []cluster.PlacementConstraint
	// Group is the task group; "" means "family:<family>" (§5.4).
	Group string
	// ContainerDurations gives containers their own run time distribution
	// (seconds); the task stops when its first essential container exits.
	// Containers without one exit after Duration.
	ContainerDurations map[string]workloads.DistSpec
}
