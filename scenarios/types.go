package scenarios

// The types in this file are the scenario file format (README "Scenario format"): their
// yaml tags are the contract. Keys follow the ECS API's names and casing.

// File is a whole scenario file.
type File struct {
	Name            string              `yaml:"name"`
	Description     string              `yaml:"description"`
	Seed            *uint64             `yaml:"seed"`
	Duration        Duration            `yaml:"duration"`
	SampleInterval  Duration            `yaml:"sampleInterval"`
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
	ProvisioningLimit *int `yaml:"provisioningLimit"`
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
	MinSize                 *int              `yaml:"minSize"`
	MaxSize                 *int              `yaml:"maxSize"`
	DesiredCapacity         *int              `yaml:"desiredCapacity"`
	LaunchDelay             *DistSpec         `yaml:"launchDelay"`
	Spot                    bool              `yaml:"spot"`
	AllocationStrategy      string            `yaml:"allocationStrategy"`
	RegistrationFailureRate float64           `yaml:"registrationFailureRate"`
	Attributes              map[string]string `yaml:"attributes"`
	ReservedMemoryMiB       int64             `yaml:"reservedMemoryMiB"`
	ReservedPorts           []int             `yaml:"reservedPorts"`
	OSFamily                string            `yaml:"osFamily"`
}

// ManagedScalingSpec is ManagedScaling as the ECS API writes it
// (instanceWarmupPeriod in seconds).
type ManagedScalingSpec struct {
	Status                 string `yaml:"status"`
	TargetCapacity         *int   `yaml:"targetCapacity"`
	MinimumScalingStepSize *int   `yaml:"minimumScalingStepSize"`
	MaximumScalingStepSize *int   `yaml:"maximumScalingStepSize"`
	InstanceWarmupPeriod   *int   `yaml:"instanceWarmupPeriod"`
}

// StrategyItemSpec is a capacity provider strategy item.
type StrategyItemSpec struct {
	CapacityProvider string `yaml:"capacityProvider"`
	Base             int    `yaml:"base"`
	Weight           int    `yaml:"weight"`
}

// ModelSpec changes the modelling choices where ECS publishes no rule
// (README "Model"; docs/model.md §14).
type ModelSpec struct {
	MetricPeriod                    Duration `yaml:"metricPeriod"`
	HighAlarmDatapoints             *int     `yaml:"highAlarmDatapoints"`
	LowAlarmDatapoints              *int     `yaml:"lowAlarmDatapoints"`
	ScaleInWaitAfterScaleOut        Duration `yaml:"scaleInWaitAfterScaleOut"`
	ScaleInMaxFraction              *float64 `yaml:"scaleInMaxFraction"`
	ScaleOutFromZero                string   `yaml:"scaleOutFromZero"`
	MixedGroupScaleOut              string   `yaml:"mixedGroupScaleOut"`
	ScaleInMetric                   string   `yaml:"scaleInMetric"`
	ProvisioningRetryDelay          Duration `yaml:"provisioningRetryDelay"`
	ManagedDrainingTimeout          Duration `yaml:"managedDrainingTimeout"`
	FargateSpotInterruptionsPerHour float64  `yaml:"fargateSpotInterruptionsPerHour"`
	AlarmEvaluationDelay            Duration `yaml:"alarmEvaluationDelay"`
	ServiceThrottleInitialDelay     Duration `yaml:"serviceThrottleInitialDelay"`
	ServiceScaleOutDatapoints       *int     `yaml:"serviceScaleOutDatapoints"`
	ServiceScaleInDatapoints        *int     `yaml:"serviceScaleInDatapoints"`
	ServiceScaleInThreshold         *float64 `yaml:"serviceScaleInThreshold"`
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
	Count             *int              `yaml:"count"`
	AvailabilityZone  string            `yaml:"availabilityZone"`
	Attributes        map[string]string `yaml:"attributes"`
	ReservedMemoryMiB int64             `yaml:"reservedMemoryMiB"`
	ReservedPorts     []int             `yaml:"reservedPorts"`
	OSFamily          string            `yaml:"osFamily"`
}

// InstanceTypeDef adds or overrides a catalogue instance type.
type InstanceTypeDef struct {
	Name                string `yaml:"name"`
	VCPU                int    `yaml:"vcpu"`
	MemoryMiB           int64  `yaml:"memoryMiB"`
	RegisteredMemoryMiB int64  `yaml:"registeredMemoryMiB"`
	ENIs                int    `yaml:"enis"`
	TrunkENITasks       int    `yaml:"awsvpcTrunkingTasks"`
	GPUs                int    `yaml:"gpus"`
	Architecture        string `yaml:"architecture"`
	// PricePerHour is the On-Demand price in USD; unset on a type that
	// overrides a catalogue one keeps the catalogue's price, unset on a
	// new type is 0 with a warning.
	PricePerHour *float64 `yaml:"pricePerHour"`
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
	Revision                int                   `yaml:"revision"`
	NetworkMode             string                `yaml:"networkMode"`
	RequiresCompatibilities []string              `yaml:"requiresCompatibilities"`
	CPU                     TaskSize              `yaml:"cpu"`
	Memory                  TaskSize              `yaml:"memory"`
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
	CPU                   int64                 `yaml:"cpu"`
	Memory                int64                 `yaml:"memory"`
	MemoryReservation     int64                 `yaml:"memoryReservation"`
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
	StopTimeout *int `yaml:"stopTimeout"`
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
	SharedMemorySize   *int          `yaml:"sharedMemorySize"`
	Tmpfs              any           `yaml:"tmpfs"`
	MaxSwap            *int          `yaml:"maxSwap"`
	Swappiness         *int          `yaml:"swappiness"`
	InitProcessEnabled *bool         `yaml:"initProcessEnabled"`
}

// Capabilities are Linux capabilities added to or dropped from a container.
type Capabilities struct {
	Add  []string `yaml:"add"`
	Drop []string `yaml:"drop"`
}

// PortMappingSpec is a container port mapping.
type PortMappingSpec struct {
	ContainerPort int    `yaml:"containerPort"`
	HostPort      *int   `yaml:"hostPort"`
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
	TaskStartDelay           Duration            `yaml:"taskStartDelay"`
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
	CPUUnitsPerCore  float64 `yaml:"cpuUnitsPerCore"`
	MachineCPUUnits  float64 `yaml:"machineCPUUnits"`
	MachineMemoryMiB float64 `yaml:"machineMemoryMiB"`
}

// ScheduledTaskSpec is an EventBridge rule with an ECS target
// (docs/model.md §11): RunTask of taskCount tasks at each firing.
type ScheduledTaskSpec struct {
	Name                     string              `yaml:"name"`
	ScheduleExpression       string              `yaml:"scheduleExpression"`
	TaskDefinition           string              `yaml:"taskDefinition"`
	TaskCount                *int                `yaml:"taskCount"`
	LaunchType               string              `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec  `yaml:"capacityProviderStrategy"`
	Group                    string              `yaml:"group"`
	Duration                 *DistSpec           `yaml:"duration"`
	ContainerDurations       map[string]DistSpec `yaml:"containerDurations"`
	TaskStartDelay           Duration            `yaml:"taskStartDelay"`
	PlacementStrategy        []StrategySpec      `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec    `yaml:"placementConstraints"`
}

// ArrivalsSpec is an arrival process; which keys apply depends on process
// (arrivalFields).
type ArrivalsSpec struct {
	Process          string          `yaml:"process"`
	RatePerMinute    float64         `yaml:"ratePerMinute"`
	At               Duration        `yaml:"at"`
	Count            *int            `yaml:"count"`
	MinRatePerMinute float64         `yaml:"minRatePerMinute"`
	MaxRatePerMinute float64         `yaml:"maxRatePerMinute"`
	Period           Duration        `yaml:"period"`
	PeakAt           Duration        `yaml:"peakAt"`
	RatesPerMinute   []RatePointSpec `yaml:"ratesPerMinute"`
	Repeat           Duration        `yaml:"repeat"`
	On               *DistSpec       `yaml:"on"`
	Off              *DistSpec       `yaml:"off"`
	StartOff         bool            `yaml:"startOff"`
	States           []MMPPStateSpec `yaml:"states"`
}

// RatePointSpec is one point of a piecewise rate: {at, rate}.
type RatePointSpec struct {
	At   Duration `yaml:"at"`
	Rate *float64 `yaml:"rate"`
}

// MMPPStateSpec is one state of a Markov-modulated Poisson process.
type MMPPStateSpec struct {
	RatePerMinute *float64 `yaml:"ratePerMinute"`
	MeanDuration  Duration `yaml:"meanDuration"`
}

// DistSpec is a distribution of durations.
type DistSpec struct {
	Distribution string     `yaml:"distribution"`
	Value        Duration   `yaml:"value"`
	Min          Duration   `yaml:"min"`
	Max          Duration   `yaml:"max"`
	Mean         Duration   `yaml:"mean"`
	StdDev       Duration   `yaml:"stddev"`
	Values       []Duration `yaml:"values"`
}

// ServiceSpec is a service in the CreateService shape, with the simulator's
// timed changes (desiredCountSchedule, deployments), its auto scaling and
// the demand that drives it.
type ServiceSpec struct {
	ServiceName              string                  `yaml:"serviceName"`
	TaskDefinition           string                  `yaml:"taskDefinition"`
	DesiredCount             *int                    `yaml:"desiredCount"`
	SchedulingStrategy       string                  `yaml:"schedulingStrategy"`
	LaunchType               string                  `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec      `yaml:"capacityProviderStrategy"`
	PlacementStrategy        []StrategySpec          `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec        `yaml:"placementConstraints"`
	DeploymentConfiguration  *DeploymentConfigSpec   `yaml:"deploymentConfiguration"`
	DesiredCountSchedule     []ScheduledCountSpec    `yaml:"desiredCountSchedule"`
	Deployments              []DeploymentSpec        `yaml:"deployments"`
	TaskStartDelay           Duration                `yaml:"taskStartDelay"`
	StartFailureRate         float64                 `yaml:"startFailureRate"`
	HealthyAfter             Duration                `yaml:"healthyAfter"`
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
	MinimumHealthyPercent    *int                `yaml:"minimumHealthyPercent"`
	MaximumPercent           *int                `yaml:"maximumPercent"`
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
	At           Duration `yaml:"at"`
	DesiredCount *int     `yaml:"desiredCount"`
}

// DeploymentSpec rolls out a task definition at a time.
type DeploymentSpec struct {
	At               Duration `yaml:"at"`
	TaskDefinition   string   `yaml:"taskDefinition"`
	StartFailureRate float64  `yaml:"startFailureRate"`
}

// ServiceAutoScalingSpec is a scalable target with a target tracking policy.
type ServiceAutoScalingSpec struct {
	MinCapacity    *int                `yaml:"minCapacity"`
	MaxCapacity    *int                `yaml:"maxCapacity"`
	TargetTracking *TargetTrackingSpec `yaml:"targetTracking"`
}

// TargetTrackingSpec is a target tracking policy on a predefined metric
// (cooldowns in seconds, as Application Auto Scaling writes them).
type TargetTrackingSpec struct {
	Metric           string  `yaml:"metric"`
	TargetValue      float64 `yaml:"targetValue"`
	ScaleOutCooldown *int    `yaml:"scaleOutCooldown"`
	ScaleInCooldown  *int    `yaml:"scaleInCooldown"`
	DisableScaleIn   bool    `yaml:"disableScaleIn"`
}

// LoadSpec is the demand a service serves: CPU units (MiB for the memory
// metric), or requests per second with requestsPerTask.
type LoadSpec struct {
	Pattern         string          `yaml:"pattern"`
	Min             float64         `yaml:"min"`
	Max             float64         `yaml:"max"`
	Value           float64         `yaml:"value"`
	Period          Duration        `yaml:"period"`
	PeakAt          Duration        `yaml:"peakAt"`
	Points          []LoadPointSpec `yaml:"points"`
	RequestsPerTask float64         `yaml:"requestsPerTask"`
}

// LoadPointSpec is a point of a piecewise load.
type LoadPointSpec struct {
	At    Duration `yaml:"at"`
	Value float64  `yaml:"value"`
}

// FaultSpec is a failure to inject (see world.Fault for the types).
type FaultSpec struct {
	Type             string    `yaml:"type"`
	At               Duration  `yaml:"at"`
	Count            *int      `yaml:"count"`
	AvailabilityZone string    `yaml:"availabilityZone"`
	CapacityProvider string    `yaml:"capacityProvider"`
	Duration         Duration  `yaml:"duration"`
	FailureTime      *DistSpec `yaml:"failureTime"`
	RatePerHour      float64   `yaml:"ratePerHour"`
}

// WeightedDefSpec is a task definition in a workload's mix.
type WeightedDefSpec struct {
	TaskDefinition string  `yaml:"taskDefinition"`
	Weight         float64 `yaml:"weight"`
}

// SizeSpec draws each task's task-level cpu (CPU units) and memory (MiB).
type SizeSpec struct {
	CPU    *NumDistSpec `yaml:"cpu"`
	Memory *NumDistSpec `yaml:"memory"`
}

// NumDistSpec is a distribution of plain numbers (see DistSpec).
type NumDistSpec struct {
	Distribution string    `yaml:"distribution"`
	Value        *float64  `yaml:"value"`
	Min          *float64  `yaml:"min"`
	Max          *float64  `yaml:"max"`
	Mean         *float64  `yaml:"mean"`
	StdDev       *float64  `yaml:"stddev"`
	Values       []float64 `yaml:"values"`
}

// PricesSpec overrides the built-in prices (USD; us-east-1 list prices by
// default).
type PricesSpec struct {
	EC2                 map[string]EC2PriceSpec `yaml:"ec2"`
	EC2SpotDiscount     *float64                `yaml:"ec2SpotDiscount"`
	Fargate             FargatePricesSpec       `yaml:"fargate"`
	FargateSpotDiscount *float64                `yaml:"fargateSpotDiscount"`
}

// EC2PriceSpec is an instance type's hourly price.
type EC2PriceSpec struct {
	OnDemand float64 `yaml:"onDemand"`
	Spot     float64 `yaml:"spot"`
}

// FargatePricesSpec are Fargate's prices per platform.
type FargatePricesSpec struct {
	LinuxX86 *FargatePriceSpec `yaml:"linuxX86"`
	LinuxARM *FargatePriceSpec `yaml:"linuxArm"`
	Windows  *FargatePriceSpec `yaml:"windows"`
}

// FargatePriceSpec is a Fargate price per vCPU-hour and GB-hour.
type FargatePriceSpec struct {
	VCPUHour float64 `yaml:"vcpuHour"`
	GBHour   float64 `yaml:"gbHour"`
}
