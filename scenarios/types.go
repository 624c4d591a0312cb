package scenarios

// The types in this file are the scenario file format (README "Scenario format"): their
// yaml tags are the contract. Keys follow the ECS API's names and casing.

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

// TaskDefinition is a task definition in the register-task-definition
// shape, so that `aws ecs describe-task-definition` output can be pasted as
// is (JSON is YAML). Fields the model does not use are accepted, listed by
// ignoredKeys, and reported by `ecsim validate --verbose`.
type TaskDefinition struct {
	// TaskDefinitionFile reads the task definition from a JSON or YAML file
	// (relative to the scenario), as register-task-definition takes it or
	// as describe-task-definition prints it ({"taskDefinition": {...}}).
	TaskDefinitionFile      string                `yaml:"taskDefinitionFile"`
	Family                  string                `yaml:"family"`
	Revision                int                   `yaml:"revision" range:"[1,1000000]"`
	NetworkMode             string                `yaml:"networkMode"`
	RequiresCompatibilities []string              `yaml:"requiresCompatibilities"`
	CPU                     TaskSize              `yaml:"cpu" range:"[0,196608] CPU units"`
	Memory                  TaskSize              `yaml:"memory" range:"[0,33554432] MiB"`
	ContainerDefinitions    []ContainerDefinition `yaml:"containerDefinitions"`
	PlacementConstraints    []ConstraintSpec      `yaml:"placementConstraints"`
	Volumes                 []Volume              `yaml:"volumes"`
	RuntimePlatform         *RuntimePlatform      `yaml:"runtimePlatform"`
}

func (TaskDefinition) ignoredKeys() []string {
	return []string{"taskDefinitionArn", "taskRoleArn", "executionRoleArn", "status", "requiresAttributes",
		"compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "tags", "pidMode", "ipcMode",
		"proxyConfiguration", "inferenceAccelerators", "ephemeralStorage", "enableFaultInjection"}
}

// Volume is a task definition volume; the model checks which kinds a
// launch type allows (docs/model.md §9.3, seed "Data volumes in tasks").
type Volume struct {
	Name                                    string      `yaml:"name"`
	Host                                    *HostVolume `yaml:"host"`
	DockerVolumeConfiguration               any         `yaml:"dockerVolumeConfiguration"`
	EFSVolumeConfiguration                  any         `yaml:"efsVolumeConfiguration"`
	FSxWindowsFileServerVolumeConfiguration any         `yaml:"fsxWindowsFileServerVolumeConfiguration"`
	ConfiguredAtLaunch                      *bool       `yaml:"configuredAtLaunch"`
}

// HostVolume is a bind mount.
type HostVolume struct {
	SourcePath string `yaml:"sourcePath"`
}

// RuntimePlatform is the task's operating system family and CPU
// architecture; placement only uses instances that match them.
type RuntimePlatform struct {
	OperatingSystemFamily string `yaml:"operatingSystemFamily"`
	CPUArchitecture       string `yaml:"cpuArchitecture"`
}

// ContainerDefinition is one container of a task definition.
type ContainerDefinition struct {
	Name                  string                `yaml:"name"`
	Image                 string                `yaml:"image"`
	CPU                   int64                 `yaml:"cpu" range:"[0,196608] CPU units"`
	Memory                int64                 `yaml:"memory" range:"[0,33554432] MiB"`
	MemoryReservation     int64                 `yaml:"memoryReservation" range:"[0,33554432] MiB"`
	Essential             *bool                 `yaml:"essential"`
	PortMappings          []PortMappingSpec     `yaml:"portMappings"`
	ResourceRequirements  []ResourceRequirement `yaml:"resourceRequirements"`
	Privileged            *bool                 `yaml:"privileged"`
	DisableNetworking     *bool                 `yaml:"disableNetworking"`
	DNSServers            []string              `yaml:"dnsServers"`
	DNSSearchDomains      []string              `yaml:"dnsSearchDomains"`
	ExtraHosts            any                   `yaml:"extraHosts"`
	DockerSecurityOptions []string              `yaml:"dockerSecurityOptions"`
	Links                 []string              `yaml:"links"`
	LinuxParameters       *LinuxParameters      `yaml:"linuxParameters"`
	// StopTimeout is the seconds ECS waits after SIGTERM before it kills
	// the container (default 30, the agent's ECS_CONTAINER_STOP_TIMEOUT; at
	// most 120 on Fargate).
	StopTimeout *int `yaml:"stopTimeout" range:"[0,86400] seconds"`
}

func (ContainerDefinition) ignoredKeys() []string {
	return []string{"repositoryCredentials", "restartPolicy", "entryPoint", "command", "environment",
		"environmentFiles", "mountPoints", "volumesFrom", "secrets", "dependsOn", "startTimeout",
		"versionConsistency", "hostname", "user", "workingDirectory", "readonlyRootFilesystem", "interactive",
		"pseudoTerminal", "dockerLabels", "ulimits", "logConfiguration", "healthCheck", "systemControls",
		"firelensConfiguration", "credentialSpecs"}
}

// LinuxParameters are the Linux-specific options Fargate restricts.
type LinuxParameters struct {
	Capabilities       *Capabilities `yaml:"capabilities"`
	Devices            any           `yaml:"devices"`
	SharedMemorySize   *int          `yaml:"sharedMemorySize" range:"[0,33554432] MiB"`
	Tmpfs              any           `yaml:"tmpfs"`
	MaxSwap            *int          `yaml:"maxSwap" range:"[0,33554432] MiB"`
	Swappiness         *int          `yaml:"swappiness" range:"[0,100]"`
	InitProcessEnabled *bool         `yaml:"initProcessEnabled"`
}

// Capabilities are Linux capabilities added to or dropped from a container.
type Capabilities struct {
	Add  []string `yaml:"add"`
	Drop []string `yaml:"drop"`
}

// PortMappingSpec is a container port mapping.
type PortMappingSpec struct {
	ContainerPort int    `yaml:"containerPort" range:"[1,65535]"`
	HostPort      *int   `yaml:"hostPort" range:"[0,65535]"`
	Protocol      string `yaml:"protocol"`
}

func (PortMappingSpec) ignoredKeys() []string {
	return []string{"name", "appProtocol", "containerPortRange"}
}

// ResourceRequirement is a container's GPU requirement ({type: GPU, value: "1"}).
type ResourceRequirement struct {
	Type  string `yaml:"type"`
	Value string `yaml:"value"`
}

// ConstraintSpec is a placement constraint: {type, expression}.
type ConstraintSpec struct {
	Type       string `yaml:"type"`
	Expression string `yaml:"expression"`
}

// StrategySpec is a placement strategy: {type, field}.
type StrategySpec struct {
	Type  string `yaml:"type"`
	Field string `yaml:"field"`
}

// WorkloadSpec is a stream of RunTask requests.
type WorkloadSpec struct {
	Name                     string              `yaml:"name"`
	TaskDefinition           string              `yaml:"taskDefinition"`
	TaskDefinitions          []WeightedDefSpec   `yaml:"taskDefinitions"`
	Size                     *SizeSpec           `yaml:"size"`
	LaunchType               string              `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec  `yaml:"capacityProviderStrategy"`
	Group                    string              `yaml:"group"`
	Arrivals                 ArrivalsSpec        `yaml:"arrivals"`
	Duration                 *DistSpec           `yaml:"duration"`
	ContainerDurations       map[string]DistSpec `yaml:"containerDurations"`
	TaskStartDelay           Duration            `yaml:"taskStartDelay" range:"[0s,1d]"`
	PlacementStrategy        []StrategySpec      `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec    `yaml:"placementConstraints"`
	// Trace replays a trace instead of drawing arrivals, durations and
	// sizes.
	Trace *TraceSpec `yaml:"trace"`
}

// TraceSpec is a trace to replay: {file, format, skipBadRows} and the
// conversion factors of the normalised formats.
type TraceSpec struct {
	File             string  `yaml:"file"`
	Format           string  `yaml:"format"`
	SkipBadRows      bool    `yaml:"skipBadRows"`
	CPUUnitsPerCore  float64 `yaml:"cpuUnitsPerCore" range:"(0,1048576] CPU units"`
	MachineCPUUnits  float64 `yaml:"machineCPUUnits" range:"(0,1048576] CPU units"`
	MachineMemoryMiB float64 `yaml:"machineMemoryMiB" range:"(0,33554432] MiB"`
}

// ScheduledTaskSpec is an EventBridge rule with an ECS target
// (docs/model.md §11): RunTask of taskCount tasks at each firing.
type ScheduledTaskSpec struct {
	Name                     string              `yaml:"name"`
	ScheduleExpression       string              `yaml:"scheduleExpression"`
	TaskDefinition           string              `yaml:"taskDefinition"`
	TaskCount                *int                `yaml:"taskCount" range:"[1,10] tasks"`
	LaunchType               string              `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec  `yaml:"capacityProviderStrategy"`
	Group                    string              `yaml:"group"`
	Duration                 *DistSpec           `yaml:"duration"`
	ContainerDurations       map[string]DistSpec `yaml:"containerDurations"`
	TaskStartDelay           Duration            `yaml:"taskStartDelay" range:"[0s,1d]"`
	PlacementStrategy        []StrategySpec      `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec    `yaml:"placementConstraints"`
}

// ArrivalsSpec is an arrival process; which keys apply depends on process
// (arrivalFields).
type ArrivalsSpec struct {
	Process          string          `yaml:"process"`
	RatePerMinute    float64         `yaml:"ratePerMinute" range:"(0,1000000] per minute"`
	At               Duration        `yaml:"at" range:"[0s,3650d]"`
	Count            *int            `yaml:"count" range:"[1,10000000] tasks"`
	MinRatePerMinute float64         `yaml:"minRatePerMinute" range:"[0,1000000] per minute"`
	MaxRatePerMinute float64         `yaml:"maxRatePerMinute" range:"[0,1000000] per minute"`
	Period           Duration        `yaml:"period" range:"(0s,3650d]"`
	PeakAt           Duration        `yaml:"peakAt" range:"[0s,3650d]"`
	RatesPerMinute   []RatePointSpec `yaml:"ratesPerMinute"`
	Repeat           Duration        `yaml:"repeat" range:"[0s,3650d]"`
	On               *DistSpec       `yaml:"on"`
	Off              *DistSpec       `yaml:"off"`
	StartOff         bool            `yaml:"startOff"`
	States           []MMPPStateSpec `yaml:"states"`
}

// RatePointSpec is one point of a piecewise rate: {at, rate}.
type RatePointSpec struct {
	At   Duration `yaml:"at" range:"[0s,3650d]"`
	Rate *float64 `yaml:"rate" range:"[0,1000000] per minute"`
}

// MMPPStateSpec is one state of a Markov-modulated Poisson process.
type MMPPStateSpec struct {
	RatePerMinute *float64 `yaml:"ratePerMinute" range:"[0,1000000] per minute"`
	MeanDuration  Duration `yaml:"meanDuration" range:"(0s,3650d]"`
}

// DistSpec is a distribution of durations.
type DistSpec struct {
	Distribution string     `yaml:"distribution"`
	Value        Duration   `yaml:"value" range:"[0s,36500d]"`
	Min          Duration   `yaml:"min" range:"[0s,36500d]"`
	Max          Duration   `yaml:"max" range:"[0s,36500d]"`
	Mean         Duration   `yaml:"mean" range:"[0s,36500d]"`
	StdDev       Duration   `yaml:"stddev" range:"[0s,36500d]"`
	Values       []Duration `yaml:"values" range:"[0s,36500d]"`
}

// ServiceSpec is a service in the CreateService shape, with the simulator's
// timed changes (desiredCountSchedule, deployments), its auto scaling and
// the demand that drives it.
type ServiceSpec struct {
	ServiceName              string                  `yaml:"serviceName"`
	TaskDefinition           string                  `yaml:"taskDefinition"`
	DesiredCount             *int                    `yaml:"desiredCount" range:"[0,1000000] tasks"`
	SchedulingStrategy       string                  `yaml:"schedulingStrategy"`
	LaunchType               string                  `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec      `yaml:"capacityProviderStrategy"`
	PlacementStrategy        []StrategySpec          `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec        `yaml:"placementConstraints"`
	DeploymentConfiguration  *DeploymentConfigSpec   `yaml:"deploymentConfiguration"`
	DesiredCountSchedule     []ScheduledCountSpec    `yaml:"desiredCountSchedule"`
	Deployments              []DeploymentSpec        `yaml:"deployments"`
	TaskStartDelay           Duration                `yaml:"taskStartDelay" range:"[0s,1d]"`
	StartFailureRate         float64                 `yaml:"startFailureRate" range:"[0,1]"`
	HealthyAfter             Duration                `yaml:"healthyAfter" range:"[0s,1d]"`
	ServiceAutoScaling       *ServiceAutoScalingSpec `yaml:"serviceAutoScaling"`
	Load                     *LoadSpec               `yaml:"load"`
}

func (ServiceSpec) ignoredKeys() []string {
	return []string{"cluster", "loadBalancers", "serviceRegistries", "platformVersion", "role", "networkConfiguration",
		"healthCheckGracePeriodSeconds", "enableECSManagedTags", "propagateTags", "enableExecuteCommand", "tags",
		"deploymentController", "clientToken", "serviceConnectConfiguration", "volumeConfigurations",
		"availabilityZoneRebalancing"}
}

// DeploymentConfigSpec is DeploymentConfiguration (§6.4, §6.5).
type DeploymentConfigSpec struct {
	MinimumHealthyPercent    *int                `yaml:"minimumHealthyPercent" range:"[0,100] percent"`
	MaximumPercent           *int                `yaml:"maximumPercent" range:"[0,10000] percent"`
	DeploymentCircuitBreaker *CircuitBreakerSpec `yaml:"deploymentCircuitBreaker"`
}

func (DeploymentConfigSpec) ignoredKeys() []string {
	return []string{"alarms", "strategy", "bakeTimeInMinutes"}
}

// CircuitBreakerSpec is DeploymentCircuitBreaker.
type CircuitBreakerSpec struct {
	Enable   bool `yaml:"enable"`
	Rollback bool `yaml:"rollback"`
}

// ScheduledCountSpec sets a desired count at a time.
type ScheduledCountSpec struct {
	At           Duration `yaml:"at" range:"[0s,3650d]"`
	DesiredCount *int     `yaml:"desiredCount" range:"[0,1000000] tasks"`
}

// DeploymentSpec rolls out a task definition at a time.
type DeploymentSpec struct {
	At               Duration `yaml:"at" range:"[0s,3650d]"`
	TaskDefinition   string   `yaml:"taskDefinition"`
	StartFailureRate float64  `yaml:"startFailureRate" range:"[0,1]"`
}

// ServiceAutoScalingSpec is a scalable target with a target tracking policy.
type ServiceAutoScalingSpec struct {
	MinCapacity    *int                `yaml:"minCapacity" range:"[0,1000000] tasks"`
	MaxCapacity    *int                `yaml:"maxCapacity" range:"[0,1000000] tasks"`
	TargetTracking *TargetTrackingSpec `yaml:"targetTracking"`
}

// TargetTrackingSpec is a target tracking policy on a predefined metric
// (cooldowns in seconds, as Application Auto Scaling writes them).
type TargetTrackingSpec struct {
	Metric           string  `yaml:"metric"`
	TargetValue      float64 `yaml:"targetValue" range:"(0,1000000]"`
	ScaleOutCooldown *int    `yaml:"scaleOutCooldown" range:"[0,86400] seconds"`
	ScaleInCooldown  *int    `yaml:"scaleInCooldown" range:"[0,86400] seconds"`
	DisableScaleIn   bool    `yaml:"disableScaleIn"`
}

// LoadSpec is the demand a service serves: CPU units (MiB for the memory
// metric), or requests per second with requestsPerTask.
type LoadSpec struct {
	Pattern         string          `yaml:"pattern"`
	Min             float64         `yaml:"min" range:"[0,1e12]"`
	Max             float64         `yaml:"max" range:"[0,1e12]"`
	Value           float64         `yaml:"value" range:"[0,1e12]"`
	Period          Duration        `yaml:"period" range:"(0s,3650d]"`
	PeakAt          Duration        `yaml:"peakAt" range:"[0s,3650d]"`
	Points          []LoadPointSpec `yaml:"points"`
	RequestsPerTask float64         `yaml:"requestsPerTask" range:"(0,1e12]"`
}

// LoadPointSpec is a point of a piecewise load.
type LoadPointSpec struct {
	At    Duration `yaml:"at" range:"[0s,3650d]"`
	Value float64  `yaml:"value" range:"[0,1e12]"`
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

// WeightedDefSpec is a task definition in a workload's mix.
type WeightedDefSpec struct {
	TaskDefinition string  `yaml:"taskDefinition"`
	Weight         float64 `yaml:"weight" range:"(0,1e9]"`
}

// SizeSpec draws each task's task-level cpu (CPU units) and memory (MiB).
type SizeSpec struct {
	CPU    *NumDistSpec `yaml:"cpu"`
	Memory *NumDistSpec `yaml:"memory"`
}

// NumDistSpec is a distribution of plain numbers (see DistSpec).
type NumDistSpec struct {
	Distribution string    `yaml:"distribution"`
	Value        *float64  `yaml:"value" range:"[0,33554432]"`
	Min          *float64  `yaml:"min" range:"[0,33554432]"`
	Max          *float64  `yaml:"max" range:"[0,33554432]"`
	Mean         *float64  `yaml:"mean" range:"[0,33554432]"`
	StdDev       *float64  `yaml:"stddev" range:"[0,33554432]"`
	Values       []float64 `yaml:"values" range:"[0,33554432]"`
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
