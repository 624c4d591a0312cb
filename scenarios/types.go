package scenarios

// The types in this file, types_taskdef.go, types_workloads.go and
// types_services.go are the scenario file format (README "Scenario format"):
// their yaml tags are the contract. Keys follow the ECS API's names and
// casing.

// File is a whole scenario file.
type File struct {
	Name            string              `yaml:"name"`
	Description     string              `yaml:"description"`
	Seed            *uint64             `yaml:"seed" range:"any"`
	Duration        Duration            `yaml:"duration" range:"(0s,3650d]"`
	SampleInterval  Duration            `yaml:"sampleInterval" range:"[1s,3650d]"`
	StartTime       string              `yaml:"startTime"`
	Cluster         ClusterSpec         `yaml:"cluster"`
	InstanceTypes   []InstanceTypeDef   `yaml:"instanceTypes"`
	TaskDefinitions []TaskDefinition    `yaml:"taskDefinitions"`
	Workloads       []WorkloadSpec      `yaml:"workloads"`
	ScheduledTasks  []ScheduledTaskSpec `yaml:"scheduledTasks"`
	Services        []ServiceSpec       `yaml:"services"`
	Faults          []FaultSpec         `yaml:"faults"`
	// Model changes the modelling choices (README "Model").
	Model ModelSpec `yaml:"model"`
	// Prices overrides the price catalogue.
	Prices PricesSpec `yaml:"prices"`
	// Variants are named overrides for `ecsim compare`: variant name →
	// PATH → VALUE, as `--set` takes them.
	Variants Variants `yaml:"variants"`
	// Sweep is the grid `ecsim sweep` runs (sweep.go); `ecsim run`
	// ignores it.
	Sweep Sweep `yaml:"sweep"`
}

// ClusterSpec is the cluster: its zones, its container instances and its
// Fargate capacity.
type ClusterSpec struct {
	AvailabilityZones  []string                 `yaml:"availabilityZones"`
	AwsvpcTrunking     bool                     `yaml:"awsvpcTrunking"`
	ContainerInstances []ContainerInstancesSpec `yaml:"containerInstances"`
	Fargate            FargateSpec              `yaml:"fargate"`
	// CapacityProviders are the cluster's capacity providers: Auto Scaling
	// group providers and FARGATE / FARGATE_SPOT.
	CapacityProviders               []CapacityProviderSpec `yaml:"capacityProviders"`
	DefaultCapacityProviderStrategy []StrategyItemSpec     `yaml:"defaultCapacityProviderStrategy"`
	// ProvisioningLimit is the most PROVISIONING tasks per cluster (default
	// 500; the real quota is unconfirmed, docs/model.md §7.2).
	ProvisioningLimit *int `yaml:"provisioningLimit" range:"[0,1000000] tasks"`
}

// CapacityProviderSpec is a capacity provider as CreateCapacityProvider
// takes it, with its Auto Scaling group.
type CapacityProviderSpec struct {
	Name                         string                `yaml:"name"`
	AutoScalingGroup             *AutoScalingGroupSpec `yaml:"autoScalingGroup"`
	ManagedScaling               *ManagedScalingSpec   `yaml:"managedScaling"`
	ManagedTerminationProtection string                `yaml:"managedTerminationProtection"`
	ManagedDraining              string                `yaml:"managedDraining"`
}

// AutoScalingGroupSpec is the EC2 Auto Scaling group of a capacity provider.
type AutoScalingGroupSpec struct {
	InstanceTypes           []string          `yaml:"instanceTypes"`
	AvailabilityZones       []string          `yaml:"availabilityZones"`
	MinSize                 *int              `yaml:"minSize" range:"[0,1000000] instances"`
	MaxSize                 *int              `yaml:"maxSize" range:"[0,1000000] instances"`
	DesiredCapacity         *int              `yaml:"desiredCapacity" range:"[0,1000000] instances"`
	LaunchDelay             *DistSpec         `yaml:"launchDelay"`
	Spot                    bool              `yaml:"spot"`
	AllocationStrategy      string            `yaml:"allocationStrategy"`
	RegistrationFailureRate float64           `yaml:"registrationFailureRate" range:"[0,1]"`
	Attributes              map[string]string `yaml:"attributes"`
	ReservedMemoryMiB       int64             `yaml:"reservedMemoryMiB" range:"[0,33554432] MiB"`
	ReservedPorts           []int             `yaml:"reservedPorts" range:"[1,65535]"`
	OSFamily                string            `yaml:"osFamily"`
	// ScheduledActions are the group's own scheduled actions
	// (scheduled_actions.go).
	ScheduledActions []ScheduledActionSpec `yaml:"scheduledActions"`
}

// ManagedScalingSpec is ManagedScaling as the ECS API writes it
// (instanceWarmupPeriod in seconds).
type ManagedScalingSpec struct {
	Status                 string `yaml:"status"`
	TargetCapacity         *int   `yaml:"targetCapacity" range:"[1,100] percent"`
	MinimumScalingStepSize *int   `yaml:"minimumScalingStepSize" range:"[1,10000] instances"`
	MaximumScalingStepSize *int   `yaml:"maximumScalingStepSize" range:"[1,10000] instances"`
	InstanceWarmupPeriod   *int   `yaml:"instanceWarmupPeriod" range:"[0,10000] seconds"`
}

// StrategyItemSpec is a capacity provider strategy item.
type StrategyItemSpec struct {
	CapacityProvider string `yaml:"capacityProvider"`
	Base             int    `yaml:"base" range:"[0,100000] tasks"`
	Weight           int    `yaml:"weight" range:"[0,1000]"`
}

// ModelSpec changes the modelling choices where ECS publishes no rule
// (README "Model"; docs/model.md §14).
type ModelSpec struct {
	MetricPeriod                    Duration `yaml:"metricPeriod" range:"[1s,1d]"`
	HighAlarmDatapoints             *int     `yaml:"highAlarmDatapoints" range:"[1,1440] datapoints"`
	LowAlarmDatapoints              *int     `yaml:"lowAlarmDatapoints" range:"[1,1440] datapoints"`
	ScaleInWaitAfterScaleOut        Duration `yaml:"scaleInWaitAfterScaleOut" range:"[0s,30d]"`
	ScaleInMaxFraction              *float64 `yaml:"scaleInMaxFraction" range:"(0,1]"`
	ScaleOutFromZero                string   `yaml:"scaleOutFromZero"`
	MixedGroupScaleOut              string   `yaml:"mixedGroupScaleOut"`
	ScaleInMetric                   string   `yaml:"scaleInMetric"`
	ProvisioningRetryDelay          Duration `yaml:"provisioningRetryDelay" range:"[0s,1d]"`
	ManagedDrainingTimeout          Duration `yaml:"managedDrainingTimeout" range:"[0s,365d]"`
	FargateSpotInterruptionsPerHour float64  `yaml:"fargateSpotInterruptionsPerHour" range:"[0,3600] per task-hour"`
	AlarmEvaluationDelay            Duration `yaml:"alarmEvaluationDelay" range:"[0s,1h]"`
	ServiceThrottleInitialDelay     Duration `yaml:"serviceThrottleInitialDelay" range:"[1s,15m]"`
	ServiceScaleOutDatapoints       *int     `yaml:"serviceScaleOutDatapoints" range:"[1,1440] datapoints"`
	ServiceScaleInDatapoints        *int     `yaml:"serviceScaleInDatapoints" range:"[1,1440] datapoints"`
	ServiceScaleInThreshold         *float64 `yaml:"serviceScaleInThreshold" range:"(0,1]"`
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
	InstanceType      string            `yaml:"instanceType"`
	Count             *int              `yaml:"count" range:"[0,1000000] instances"`
	AvailabilityZone  string            `yaml:"availabilityZone"`
	Attributes        map[string]string `yaml:"attributes"`
	ReservedMemoryMiB int64             `yaml:"reservedMemoryMiB" range:"[0,33554432] MiB"`
	ReservedPorts     []int             `yaml:"reservedPorts" range:"[1,65535]"`
	OSFamily          string            `yaml:"osFamily"`
}

// InstanceTypeDef adds or overrides a catalogue instance type.
type InstanceTypeDef struct {
	Name                string `yaml:"name"`
	VCPU                int    `yaml:"vcpu" range:"[1,448] vCPU"`
	MemoryMiB           int64  `yaml:"memoryMiB" range:"[1,33554432] MiB"`
	RegisteredMemoryMiB int64  `yaml:"registeredMemoryMiB" range:"[0,33554432] MiB"`
	ENIs                int    `yaml:"enis" range:"[1,1000]"`
	TrunkENITasks       int    `yaml:"awsvpcTrunkingTasks" range:"[0,10000] tasks"`
	GPUs                int    `yaml:"gpus" range:"[0,64]"`
	Architecture        string `yaml:"architecture"`
	// PricePerHour is the On-Demand price in USD; unset on a type that
	// overrides a catalogue one keeps the catalogue's price, unset on a
	// new type is 0 with a warning.
	PricePerHour *float64 `yaml:"pricePerHour" range:"[0,100000] USD per hour"`
}

// FaultSpec is a failure to inject (see world.Fault for the types).
type FaultSpec struct {
	Type             string    `yaml:"type"`
	At               Duration  `yaml:"at" range:"[0s,3650d]"`
	Count            *int      `yaml:"count" range:"[1,1000000] instances"`
	AvailabilityZone string    `yaml:"availabilityZone"`
	CapacityProvider string    `yaml:"capacityProvider"`
	Duration         Duration  `yaml:"duration" range:"[0s,3650d]"`
	FailureTime      *DistSpec `yaml:"failureTime"`
	RatePerHour      float64   `yaml:"ratePerHour" range:"[0,3600] per instance-hour"`
}

// PricesSpec overrides the built-in prices (USD; us-east-1 list prices by
// default).
type PricesSpec struct {
	EC2                 map[string]EC2PriceSpec `yaml:"ec2"`
	EC2SpotDiscount     *float64                `yaml:"ec2SpotDiscount" range:"[0,1]"`
	Fargate             FargatePricesSpec       `yaml:"fargate"`
	FargateSpotDiscount *float64                `yaml:"fargateSpotDiscount" range:"[0,1]"`
}

// EC2PriceSpec is an instance type's hourly price.
type EC2PriceSpec struct {
	OnDemand float64 `yaml:"onDemand" range:"[0,100000] USD per hour"`
	Spot     float64 `yaml:"spot" range:"[0,100000] USD per hour"`
}

// FargatePricesSpec are Fargate's prices per platform.
type FargatePricesSpec struct {
	LinuxX86 *FargatePriceSpec `yaml:"linuxX86"`
	LinuxARM *FargatePriceSpec `yaml:"linuxArm"`
	Windows  *FargatePriceSpec `yaml:"windows"`
}

// FargatePriceSpec is a Fargate price per vCPU-hour and GB-hour.
type FargatePriceSpec struct {
	VCPUHour float64 `yaml:"vcpuHour" range:"[0,1000] USD per vCPU-hour"`
	GBHour   float64 `yaml:"gbHour" range:"[0,1000] USD per GB-hour"`
}
