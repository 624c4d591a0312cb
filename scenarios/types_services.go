package scenarios

// The service part of the scenario file format (see types.go): the
// CreateService shape, with deployments, auto scaling and load.

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

// ignoredKeys lists the CreateService fields the model does not use.
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

// ignoredKeys lists the deployment configuration fields the model does not use.
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
// With forceNewDeployment (UpdateService --force-new-deployment) the
// deployment replaces every task even when the revision does not change:
// taskDefinition may then be left out, for the revision deployed last.
type DeploymentSpec struct {
	At                 Duration `yaml:"at" range:"[0s,3650d]"`
	TaskDefinition     string   `yaml:"taskDefinition"`
	StartFailureRate   float64  `yaml:"startFailureRate" range:"[0,1]"`
	ForceNewDeployment bool     `yaml:"forceNewDeployment"`
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
