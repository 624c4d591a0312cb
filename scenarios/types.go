package scenarios

// The types in this file, types_taskdef.go, types_workloads.go and
// types_services.go are the scenario file format (README "Scenario format"):
// their yaml tags are the contract. Keys follow the ECS API's names and
// casing.

// File is a whole scenario file.
type File struct {
	// Name names the scenario and its output directory (default: the file
	// name).
	Name string `yaml:"name"`
	// Description says what to look at in the run.
	Description string `yaml:"description"`
	// Seed seeds every random stream of the run: the same seed gives the
	// same run.
	Seed *uint64 `yaml:"seed" range:"any"`
	// Duration is the simulated time the run covers.
	Duration Duration `yaml:"duration" range:"(0s,3650d]"`
	// SampleInterval is the resolution of timeseries.csv and providers.csv.
	SampleInterval Duration `yaml:"sampleInterval" range:"[1s,3650d]"`
	// StartTime is the wall-clock instant of t = 0, an RFC 3339 time (for
	// scheduled tasks and registeredAt constraints).
	StartTime string `yaml:"startTime"`
	// Cluster is the cluster: its zones, container instances and capacity
	// providers.
	Cluster ClusterSpec `yaml:"cluster"`
	// InstanceTypes add to, or override, the built-in catalogue of instance
	// types.
	InstanceTypes []InstanceTypeDef `yaml:"instanceTypes"`
	// TaskDefinitions are the task definitions, in the
	// register-task-definition shape.
	TaskDefinitions []TaskDefinition `yaml:"taskDefinitions"`
	// Workloads are streams of RunTask requests.
	Workloads []WorkloadSpec `yaml:"workloads"`
	// ScheduledTasks are EventBridge rules with an ECS target.
	ScheduledTasks []ScheduledTaskSpec `yaml:"scheduledTasks"`
	// Services are ECS services, in the CreateService shape.
	Services []ServiceSpec `yaml:"services"`
	// Faults are the failures to inject.
	Faults []FaultSpec `yaml:"faults"`
	// Model changes the modelling choices (README "Model").
	Model ModelSpec `yaml:"model"`
	// Prices overrides the price catalogue.
	Prices PricesSpec `yaml:"prices"`
	// Variants are named overrides for `ecsim compare`: variant name →
	// PATH → VALUE, as `--set` takes them.
	Variants Variants `yaml:"variants"`
	// Sweep is the grid `ecsim sweep` runs (README "ecsim sweep"); `ecsim run`
	// ignores it.
	Sweep Sweep `yaml:"sweep"`
}

// ClusterSpec is the cluster: its zones, its container instances and its
// Fargate capacity.
type ClusterSpec struct {
	// AvailabilityZones are the cluster's zones.
	AvailabilityZones []string `yaml:"availabilityZones"`
	// AwsvpcTrunking turns on ENI trunking for awsvpc tasks
	// (docs/model.md §5.2).
	AwsvpcTrunking bool `yaml:"awsvpcTrunking"`
	// ContainerInstances are instances outside any Auto Scaling group,
	// registered at t = 0.
	ContainerInstances []ContainerInstancesSpec `yaml:"containerInstances"`
	// Fargate configures Fargate capacity.
	Fargate FargateSpec `yaml:"fargate"`
	// CapacityProviders are the cluster's capacity providers: Auto Scaling
	// group providers and FARGATE / FARGATE_SPOT.
	CapacityProviders []CapacityProviderSpec `yaml:"capacityProviders"`
	// DefaultCapacityProviderStrategy is used by requests that give
	// neither a launch type nor a capacity provider strategy.
	DefaultCapacityProviderStrategy []StrategyItemSpec `yaml:"defaultCapacityProviderStrategy"`
	// ProvisioningLimit is the most PROVISIONING tasks per cluster (the
	// real quota is unconfirmed, docs/model.md §7.2).
	ProvisioningLimit *int `yaml:"provisioningLimit" range:"[1,1000000] tasks"`
}

// CapacityProviderSpec is a capacity provider as CreateCapacityProvider
// takes it, with its Auto Scaling group.
type CapacityProviderSpec struct {
	// Name names the provider: FARGATE and FARGATE_SPOT take a name only;
	// other names may not start with aws, ecs or fargate.
	Name string `yaml:"name"`
	// AutoScalingGroup is the provider's Auto Scaling group (required but
	// for FARGATE and FARGATE_SPOT).
	AutoScalingGroup *AutoScalingGroupSpec `yaml:"autoScalingGroup"`
	// ManagedScaling scales the group with the CapacityProviderReservation
	// metric; without the block managed scaling is DISABLED.
	ManagedScaling *ManagedScalingSpec `yaml:"managedScaling"`
	// ManagedTerminationProtection keeps instances that run tasks from
	// being scaled in; it needs managed scaling.
	ManagedTerminationProtection string `yaml:"managedTerminationProtection"`
	// ManagedDraining drains an instance before the group terminates it.
	ManagedDraining string `yaml:"managedDraining"`
}

// AutoScalingGroupSpec is the EC2 Auto Scaling group of a capacity provider.
type AutoScalingGroupSpec struct {
	// InstanceTypes are the group's instance types (a mixed instances
	// policy), in priority order.
	InstanceTypes []string `yaml:"instanceTypes"`
	// AvailabilityZones are the group's zones, some of the cluster's
	// (default: the cluster's).
	AvailabilityZones []string `yaml:"availabilityZones"`
	// MinSize is the group's minimum size.
	MinSize *int `yaml:"minSize" range:"[0,100000] instances"`
	// MaxSize is the group's maximum size: managed scaling never goes
	// above it.
	MaxSize *int `yaml:"maxSize" range:"[0,100000] instances"`
	// DesiredCapacity is the instances registered at t = 0 (default
	// minSize).
	DesiredCapacity *int `yaml:"desiredCapacity" range:"[0,100000] instances"`
	// LaunchDelay is the time from launch to the agent's registration.
	LaunchDelay *DistSpec `yaml:"launchDelay"`
	// Spot makes the group's instances Spot instances (priced with
	// prices.ec2SpotDiscount).
	Spot bool `yaml:"spot"`
	// AllocationStrategy picks the instance type of each launch: the first
	// type, the cheapest, or one at random.
	AllocationStrategy string `yaml:"allocationStrategy"`
	// RegistrationFailureRate is the share of instances whose agent never
	// registers.
	RegistrationFailureRate float64 `yaml:"registrationFailureRate" range:"[0,1]"`
	// Attributes are custom attributes of the group's instances.
	Attributes map[string]string `yaml:"attributes"`
	// ReservedMemoryMiB is the agent's ECS_RESERVED_MEMORY.
	ReservedMemoryMiB int64 `yaml:"reservedMemoryMiB" range:"[0,33554432] MiB"`
	// ReservedPorts is the agent's ECS_RESERVED_PORTS (default 22, 2375,
	// 2376, 51678, 51679).
	ReservedPorts []int `yaml:"reservedPorts" range:"[1,65535]"`
	// OSFamily is the operating system family of the group's instances.
	OSFamily string `yaml:"osFamily"`
	// ScheduledActions are the group's own scheduled actions
	// (PutScheduledUpdateGroupAction; docs/model.md §3.4).
	ScheduledActions []ScheduledActionSpec `yaml:"scheduledActions"`
}

// ManagedScalingSpec is ManagedScaling as the ECS API writes it
// (instanceWarmupPeriod in seconds).
type ManagedScalingSpec struct {
	// Status turns managed scaling on or off.
	Status string `yaml:"status"`
	// TargetCapacity is the CapacityProviderReservation managed scaling
	// keeps: below 100 keeps spare instances.
	TargetCapacity *int `yaml:"targetCapacity" range:"[1,100] percent"`
	// MinimumScalingStepSize is the fewest instances a scale-out adds.
	MinimumScalingStepSize *int `yaml:"minimumScalingStepSize" range:"[1,10000] instances"`
	// MaximumScalingStepSize is the most instances one scaling action adds
	// or removes.
	MaximumScalingStepSize *int `yaml:"maximumScalingStepSize" range:"[1,10000] instances"`
	// InstanceWarmupPeriod is the seconds after launch during which a new
	// instance does not count in the metric.
	InstanceWarmupPeriod *int `yaml:"instanceWarmupPeriod" range:"[0,10000] seconds"`
}

// StrategyItemSpec is a capacity provider strategy item.
type StrategyItemSpec struct {
	// CapacityProvider names one of the cluster's capacity providers.
	CapacityProvider string `yaml:"capacityProvider"`
	// Base is the tasks placed on this provider first (one item of a
	// strategy at most has a base).
	Base int `yaml:"base" range:"[0,100000] tasks"`
	// Weight is the provider's share of the tasks beyond the bases. The
	// API's default is 0: a strategy without weights places nothing.
	Weight int `yaml:"weight" range:"[0,1000]"`
}

// ModelSpec changes the modelling choices where ECS publishes no rule
// (README "Model"; docs/model.md §14).
type ModelSpec struct {
	// MetricPeriod is the period of the CapacityProviderReservation metric.
	MetricPeriod Duration `yaml:"metricPeriod" range:"[1s,1d]"`
	// HighAlarmDatapoints are the datapoints above the target that trigger
	// a scale-out.
	HighAlarmDatapoints *int `yaml:"highAlarmDatapoints" range:"[1,1440] datapoints"`
	// LowAlarmDatapoints are the datapoints below the target that trigger
	// a scale-in.
	LowAlarmDatapoints *int `yaml:"lowAlarmDatapoints" range:"[1,1440] datapoints"`
	// ScaleInWaitAfterScaleOut is the time after a scale-out during which
	// the group does not scale in.
	ScaleInWaitAfterScaleOut Duration `yaml:"scaleInWaitAfterScaleOut" range:"[0s,30d]"`
	// ScaleInMaxFraction is the most of N one scale-in removes per minute.
	ScaleInMaxFraction *float64 `yaml:"scaleInMaxFraction" range:"(0,1]"`
	// ScaleOutFromZero is the first step from zero instances: 2
	// instances, or proportional, ceil(200/target).
	ScaleOutFromZero string `yaml:"scaleOutFromZero"`
	// MixedGroupScaleOut is how a mixed-type or multi-zone group scales
	// out: by the estimate, or by the minimum step (the API reference's
	// note).
	MixedGroupScaleOut string `yaml:"mixedGroupScaleOut"`
	// ScaleInMetric is the value published with nothing PROVISIONING: M/N
	// × 100, or 100 − the empty instances (the 2023 guide).
	ScaleInMetric string `yaml:"scaleInMetric"`
	// ProvisioningRetryDelay is the wait before PROVISIONING tasks are
	// retried when their provider's capacity grows.
	ProvisioningRetryDelay Duration `yaml:"provisioningRetryDelay" range:"[0s,1d]"`
	// ManagedDrainingTimeout is the longest managed draining waits for an
	// instance's tasks.
	ManagedDrainingTimeout Duration `yaml:"managedDrainingTimeout" range:"[0s,365d]"`
	// FargateSpotInterruptionsPerHour is the rate at which FARGATE_SPOT
	// tasks are interrupted, exponentially.
	FargateSpotInterruptionsPerHour float64 `yaml:"fargateSpotInterruptionsPerHour" range:"[0,3600] per task-hour"`
	// AlarmEvaluationDelay is the time CloudWatch takes to evaluate a
	// datapoint after ECS publishes it.
	AlarmEvaluationDelay Duration `yaml:"alarmEvaluationDelay" range:"[0s,1h]"`
	// ServiceThrottleInitialDelay is the service scheduler's first back-off
	// after a task fails to start, doubled with each failure up to 15m.
	ServiceThrottleInitialDelay Duration `yaml:"serviceThrottleInitialDelay" range:"[1s,15m]"`
	// ServiceScaleOutDatapoints are the datapoints above the target that
	// scale a service out.
	ServiceScaleOutDatapoints *int `yaml:"serviceScaleOutDatapoints" range:"[1,1440] datapoints"`
	// ServiceScaleInDatapoints are the datapoints below
	// serviceScaleInThreshold × target that scale a service in.
	ServiceScaleInDatapoints *int `yaml:"serviceScaleInDatapoints" range:"[1,1440] datapoints"`
	// ServiceScaleInThreshold is the fraction of the target below which a
	// datapoint counts toward a service scale-in.
	ServiceScaleInThreshold *float64 `yaml:"serviceScaleInThreshold" range:"(0,1]"`
}

// FargateSpec configures Fargate capacity.
type FargateSpec struct {
	// ProvisioningDelay is the time Fargate takes to find capacity for a
	// task (PROVISIONING → PENDING).
	ProvisioningDelay *DistSpec `yaml:"provisioningDelay"`
}

// ContainerInstancesSpec is a number of identical container instances
// registered at t = 0, outside any Auto Scaling group.
type ContainerInstancesSpec struct {
	// InstanceType is a catalogue instance type, or one declared under
	// instanceTypes.
	InstanceType string `yaml:"instanceType"`
	// Count is how many such instances are registered.
	Count *int `yaml:"count" range:"[1,1000000] instances"`
	// AvailabilityZone is one of the cluster's zones (default: round-robin
	// over the zones).
	AvailabilityZone string `yaml:"availabilityZone"`
	// Attributes are custom attributes of the instances.
	Attributes map[string]string `yaml:"attributes"`
	// ReservedMemoryMiB is the agent's ECS_RESERVED_MEMORY.
	ReservedMemoryMiB int64 `yaml:"reservedMemoryMiB" range:"[0,33554432] MiB"`
	// ReservedPorts is the agent's ECS_RESERVED_PORTS (default 22, 2375,
	// 2376, 51678, 51679).
	ReservedPorts []int `yaml:"reservedPorts" range:"[1,65535]"`
	// OSFamily is the operating system family of the instances.
	OSFamily string `yaml:"osFamily"`
}

// InstanceTypeDef adds or overrides a catalogue instance type.
type InstanceTypeDef struct {
	// Name is the type's name: a new one, or a catalogue type to override.
	Name string `yaml:"name"`
	// VCPU is the type's vCPUs (× 1024 CPU units); required.
	VCPU int `yaml:"vcpu" range:"[1,448] vCPU"`
	// MemoryMiB is the type's nominal memory; required.
	MemoryMiB int64 `yaml:"memoryMiB" range:"[1,33554432] MiB"`
	// RegisteredMemoryMiB is the memory the agent registers (0: 97.5 % of
	// memoryMiB).
	RegisteredMemoryMiB int64 `yaml:"registeredMemoryMiB" range:"[0,33554432] MiB"`
	// ENIs is the type's maximum network interfaces, the primary one
	// included; required.
	ENIs int `yaml:"enis" range:"[1,1000]"`
	// TrunkENITasks is the awsvpc tasks an instance of the type runs with
	// ENI trunking (cluster.awsvpcTrunking).
	TrunkENITasks int `yaml:"awsvpcTrunkingTasks" range:"[0,10000] tasks"`
	// GPUs is the type's GPUs.
	GPUs int `yaml:"gpus" range:"[0,64]"`
	// Architecture is the type's CPU architecture.
	Architecture string `yaml:"architecture"`
	// PricePerHour is the On-Demand price in USD; unset on a type that
	// overrides a catalogue one keeps the catalogue's price, unset on a
	// new type is 0 with a warning.
	PricePerHour *float64 `yaml:"pricePerHour" range:"[0,100000] USD per hour"`
}

// FaultSpec is a failure to inject; its type says which keys apply
// (sim/faults).
type FaultSpec struct {
	// Type is the kind of fault; it says which of the other keys apply.
	Type string `yaml:"type"`
	// At is when the fault strikes.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// Count is the instances it strikes.
	Count *int `yaml:"count" range:"[1,1000000] instances"`
	// AvailabilityZone limits the fault to one of the cluster's zones (the
	// zone an outage takes down).
	AvailabilityZone string `yaml:"availabilityZone"`
	// CapacityProvider limits the fault to one capacity provider's
	// instances (a Spot group or FARGATE_SPOT for spotInterruption).
	CapacityProvider string `yaml:"capacityProvider"`
	// Duration is how long the fault lasts (an outage, a disconnection).
	Duration Duration `yaml:"duration" range:"[0s,3650d]"`
	// FailureTime is each instance's lifetime, drawn when it registers.
	FailureTime *DistSpec `yaml:"failureTime"`
	// RatePerHour is the rate of Spot interruptions per instance-hour
	// (task-hour on FARGATE_SPOT), exponentially.
	RatePerHour float64 `yaml:"ratePerHour" range:"[0,3600] per instance-hour"`
}

// PricesSpec overrides the built-in prices (USD; us-east-1 list prices by
// default).
type PricesSpec struct {
	// EC2 gives instance types' prices, by type name.
	EC2 map[string]EC2PriceSpec `yaml:"ec2"`
	// EC2SpotDiscount is the Spot discount of types without a spot price.
	EC2SpotDiscount *float64 `yaml:"ec2SpotDiscount" range:"[0,1]"`
	// Fargate gives Fargate's prices per platform.
	Fargate FargatePricesSpec `yaml:"fargate"`
	// FargateSpotDiscount is FARGATE_SPOT's discount on Fargate's prices.
	FargateSpotDiscount *float64 `yaml:"fargateSpotDiscount" range:"[0,1]"`
}

// EC2PriceSpec is an instance type's hourly price.
type EC2PriceSpec struct {
	// OnDemand is the On-Demand price.
	OnDemand float64 `yaml:"onDemand" range:"[0,100000] USD per hour"`
	// Spot is the Spot price (0: onDemand × (1 − ec2SpotDiscount)).
	Spot float64 `yaml:"spot" range:"[0,100000] USD per hour"`
}

// FargatePricesSpec are Fargate's prices per platform.
type FargatePricesSpec struct {
	// LinuxX86 is the price of Linux tasks on X86_64.
	LinuxX86 *FargatePriceSpec `yaml:"linuxX86"`
	// LinuxARM is the price of Linux tasks on ARM64.
	LinuxARM *FargatePriceSpec `yaml:"linuxArm"`
	// Windows is the price of Windows tasks.
	Windows *FargatePriceSpec `yaml:"windows"`
}

// FargatePriceSpec is a Fargate price per vCPU-hour and GB-hour.
type FargatePriceSpec struct {
	// VCPUHour is the price of a vCPU for an hour.
	VCPUHour float64 `yaml:"vcpuHour" range:"[0,1000] USD per vCPU-hour"`
	// GBHour is the price of a GB of memory for an hour.
	GBHour float64 `yaml:"gbHour" range:"[0,1000] USD per GB-hour"`
}
