package world

import (
	"io"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/workloads"
	"github.com/ecsim/ecsim/workloads/trace"
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
	// run (docs/model.md §5.2).
	AwsvpcTrunking bool
	// Instances are the container instances outside any Auto Scaling group,
	// registered at t = 0.
	Instances       []InstanceGroup
	TaskDefinitions []*cluster.TaskDefinition
	Workloads       []Workload
	Services        []Service
	Faults          []Fault
	// FaultKinds resolves fault types; nil means the built-in ones.
	FaultKinds *faults.Registry
	// WorkloadKinds resolves arrival processes and distributions; nil
	// means the built-in ones.
	WorkloadKinds *workloads.Registry
	// Fargate configures tasks launched on AWS Fargate.
	Fargate FargateConfig
	// CapacityProviders are the cluster's capacity providers;
	// DefaultStrategy is the cluster's default capacity provider strategy.
	CapacityProviders []CapacityProvider
	DefaultStrategy   []StrategyItem
	// ProvisioningLimit is the most tasks that may be PROVISIONING in the
	// cluster; RunTask beyond it fails (docs/model.md §7.2: the real
	// quota is unconfirmed).
	ProvisioningLimit int
	// Model holds the modelling choices where ECS publishes no rule
	// (docs/model.md §14).
	Model Model
	// Prices is the price catalogue.
	Prices Prices
}

// Prices is the price catalogue of a run, us-east-1 list prices by default
// (docs/model.md §9.2, §10), each overridable in the scenario.
type Prices struct {
	// EC2 overrides the On-Demand price of instance types and gives them a
	// Spot price; types without an entry use the catalogue's price.
	EC2 map[string]EC2Price
	// EC2SpotDiscount is the fraction of the On-Demand price a Spot instance
	// saves when its type has no Spot price (AWS: "up to 90 %", §3.3).
	EC2SpotDiscount float64
	// Fargate prices per platform.
	FargateLinuxX86, FargateLinuxARM, FargateWindows cluster.FargatePrice
	// FargateSpotDiscount is the fraction FARGATE_SPOT saves ("up to 70 %",
	// §9.2).
	FargateSpotDiscount float64
}

// EC2Price is an instance type's price per hour in USD; 0 means the
// catalogue's On-Demand price, or the discounted one for Spot.
type EC2Price struct {
	OnDemand, Spot float64
}

// DefaultPrices returns the built-in price catalogue.
func DefaultPrices() Prices {
	return Prices{EC2SpotDiscount: 0.7, FargateSpotDiscount: 0.7,
		FargateLinuxX86: cluster.DefaultFargatePrice(false, false), FargateLinuxARM: cluster.DefaultFargatePrice(false, true),
		FargateWindows: cluster.DefaultFargatePrice(true, false)}
}

// Instance returns the hourly price of an instance of type t.
// Example: m5.large On-Demand $0.096; as Spot with the default discount
// 0.096 × 0.3 = $0.0288.
func (p *Prices) Instance(t *cluster.InstanceType, spot bool) float64 {
	ov := p.EC2[t.Name]
	od := t.PricePerHour
	if ov.OnDemand > 0 {
		od = ov.OnDemand
	}
	switch {
	case !spot:
		return od
	case ov.Spot > 0:
		return ov.Spot
	}
	return od * (1 - p.EC2SpotDiscount)
}

// Fargate returns the price of a Fargate platform.
func (p *Prices) Fargate(windows, arm bool) cluster.FargatePrice {
	switch {
	case windows:
		return p.FargateWindows
	case arm:
		return p.FargateLinuxARM
	}
	return p.FargateLinuxX86
}

// Model is the set of modelling choices a scenario may change.
type Model struct {
	// MetricPeriod is how often capacity providers publish
	// CapacityProviderReservation (60 s, §1.2).
	MetricPeriod time.Duration
	// HighDatapoints and LowDatapoints are the alarms' evaluation periods
	// (1 and 15, §2).
	HighDatapoints, LowDatapoints int
	// ScaleInWait is the time after a scale-out during which no scale-in
	// happens (15 min, §1.6).
	ScaleInWait time.Duration
	// ScaleInMaxFraction bounds each scale-in step (0.5 of the group, §1.6).
	ScaleInMaxFraction float64
	// ProportionalFromZero: the first scale-out from zero instances is
	// ceil(200/target) instead of 2 (§1.5 step 5, the corrections' open point).
	ProportionalFromZero bool
	// FixedStepForMixedGroups applies the ManagedScaling API note: a group
	// with several instance types or zones scales out by exactly
	// minimumScalingStepSize (§1.3, confusion #25).
	FixedStepForMixedGroups bool
	// LegacyScaleInMetric publishes 100 − empty instances when nothing is
	// PROVISIONING (the 2023 guide, §1.6, W-8).
	LegacyScaleInMetric bool
	// ProvisioningRetryDelay delays the retry of PROVISIONING tasks after
	// capacity changes (0: at once, docs/model.md §14).
	ProvisioningRetryDelay time.Duration
	// ManagedDrainingTimeout is how long a draining instance may wait for
	// its tasks before it is terminated anyway (48 h, §4.4).
	ManagedDrainingTimeout time.Duration
	// FargateSpotInterruptionsPerHour is the rate at which a FARGATE_SPOT
	// task is interrupted (with a two-minute warning, §8.1).
	FargateSpotInterruptionsPerHour float64
	// ServiceThrottleInitialDelay is the first delay of the service
	// scheduler's back-off after a task fails to start; it doubles with
	// every consecutive failure up to 15 minutes (§6.3).
	ServiceThrottleInitialDelay time.Duration
	// ServiceScaleOutDatapoints and ServiceScaleInDatapoints are the
	// service target tracking alarms' evaluation periods (3 above the
	// target, 15 below ServiceScaleInThreshold × target).
	ServiceScaleOutDatapoints, ServiceScaleInDatapoints int
	ServiceScaleInThreshold                             float64
	// AlarmEvaluationDelay is the time between ECS publishing a capacity
	// provider's CapacityProviderReservation and its CloudWatch alarms
	// evaluating that datapoint (0: at once; AWS publishes no figure,
	// docs/model.md §2, §14.2).
	AlarmEvaluationDelay time.Duration
}

// DefaultModel returns the model's defaults (README "Model").
func DefaultModel() Model {
	return Model{MetricPeriod: time.Minute, HighDatapoints: 1, LowDatapoints: 15, ScaleInWait: 15 * time.Minute,
		ScaleInMaxFraction: 0.5, ManagedDrainingTimeout: 48 * time.Hour, ServiceThrottleInitialDelay: 10 * time.Second,
		ServiceScaleOutDatapoints: 3, ServiceScaleInDatapoints: 15, ServiceScaleInThreshold: 0.9}
}

// Reserved capacity provider names.
const (
	ProviderFargate     = "FARGATE"
	ProviderFargateSpot = "FARGATE_SPOT"
)

// CapacityProvider is an Auto Scaling group capacity provider, or one of
// FARGATE and FARGATE_SPOT (ASG nil).
type CapacityProvider struct {
	Name string
	ASG  *AutoScalingGroup
	// ManagedScaling is nil when managed scaling is DISABLED.
	ManagedScaling               *ManagedScaling
	ManagedTerminationProtection bool
	ManagedDraining              bool
}

// Fargate reports whether p is FARGATE or FARGATE_SPOT.
func (p *CapacityProvider) Fargate() bool { return p.ASG == nil }

// ManagedScaling is a capacity provider's managed scaling settings
// (docs/model.md §1.4).
type ManagedScaling struct {
	TargetCapacity         int
	MinimumScalingStepSize int
	MaximumScalingStepSize int
	InstanceWarmupPeriod   time.Duration
}

// AutoScalingGroup is the EC2 Auto Scaling group behind a capacity provider.
type AutoScalingGroup struct {
	// InstanceTypes is the mixed instances policy's list, in priority order.
	InstanceTypes     []*cluster.InstanceType
	AvailabilityZones []string
	MinSize, MaxSize  int
	// DesiredCapacity is the initial size; these instances are registered
	// at t = 0.
	DesiredCapacity int
	// LaunchDelay is the distribution, in seconds, of the time from launch
	// to agent registration (§1.5: AWS publishes no figure).
	LaunchDelay workloads.DistSpec
	Spot        bool
	// AllocationStrategy picks the instance type of each launch:
	// prioritized (the first type), lowest-price, or random.
	AllocationStrategy string
	// RegistrationFailureRate is the probability that a launched instance's
	// agent never registers (confusion #3).
	RegistrationFailureRate float64
	Attributes              []cluster.Attribute
	ReservedMemoryMiB       int64
	ReservedPorts           []int
	OSFamily                string
	// ScheduledActions change the group's sizes at set times, besides
	// managed scaling (confusions #10, #12).
	ScheduledActions []ScheduledAction
}

// StrategyItem is an entry of a capacity provider strategy: the provider (an
// index into Config.CapacityProviders), its base and weight (§8).
type StrategyItem struct {
	Provider     int
	Base, Weight int
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
	// ReservedPorts are the agent's reserved TCP ports (ECS_RESERVED_PORTS);
	// nil means cluster.DefaultReservedPorts().
	ReservedPorts []int
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
	// default, random (docs/model.md §5.3).
	PlacementStrategy    placement.Plan
	PlacementConstraints []cluster.PlacementConstraint
	// Group is the task group; "" means "family:<family>" (§5.4).
	Group string
	// Mix, when not empty, draws each task's task definition by weight
	// instead of TaskDefinition.
	Mix []WeightedDefinition
	// Size, when not nil, draws each task's task-level CPU units and memory
	// MiB from distributions, overriding the definition's.
	Size *TaskSizing
	// CapacityProviderStrategy is the request's strategy; empty with no
	// LaunchType means the cluster's default strategy, and with no default
	// strategy, launch type EC2.
	CapacityProviderStrategy []StrategyItem
	// ContainerDurations gives containers their own run time distribution
	// (seconds); the task stops when its first essential container exits.
	// Containers without one exit after Duration.
	ContainerDurations map[string]workloads.DistSpec
	// Schedule, when not nil, makes the workload an EventBridge scheduled
	// task (docs/model.md §11): each firing after StartTime runs RunTask
	// for Arrivals.Count tasks (the rule's TaskCount); Arrivals.Process is
	// not used.
	Schedule Schedule
	// Trace, when not nil, replays a trace: each record submits its Count
	// tasks at its Submit time with its own duration and size; Arrivals,
	// Duration, Mix, Size and ContainerDurations are not used.
	Trace *Trace
}

// Schedule is an EventBridge schedule expression (workloads/schedule).
type Schedule interface {
	// Next returns the first firing strictly after t, false when there is
	// none.
	Next(t time.Time) (time.Time, bool)
	String() string
}

// Trace is a trace to replay (workloads/trace).
type Trace struct {
	// Open opens the trace afresh for each run; the world closes it.
	Open func() (io.ReadCloser, error)
	// Format is one of the trace formats (csv, google2011, alibaba2018).
	Format  string
	Options trace.Options
	// Definitions are the task definitions that rows name; a row without a
	// name uses the workload's TaskDefinition.
	Definitions map[string]*cluster.TaskDefinition
}

// WeightedDefinition is a task definition in a workload's mix.
type WeightedDefinition struct {
	TaskDefinition *cluster.TaskDefinition
	Weight         float64
}

// TaskSizing draws task sizes: CPU units and memory MiB (a Kind of "" keeps
// the definition's value).
type TaskSizing struct {
	CPU, Memory workloads.DistSpec
}
