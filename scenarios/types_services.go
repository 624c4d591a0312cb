package scenarios

// The service part of the scenario file format (see types.go): the
// CreateService shape, with deployments, auto scaling and load.

// ServiceSpec is a service in the CreateService shape, with the simulator's
// timed changes (desiredCountSchedule, deployments), its auto scaling and
// the demand that drives it.
type ServiceSpec struct {
	// ServiceName names the service, unique in the scenario.
	ServiceName string `yaml:"serviceName"`
	// TaskDefinition is the family (its latest revision) or
	// family:revision the service runs.
	TaskDefinition string `yaml:"taskDefinition"`
	// DesiredCount is the tasks a REPLICA service keeps running (a DAEMON
	// service takes none).
	DesiredCount *int `yaml:"desiredCount" range:"[0,5000] tasks"`
	// SchedulingStrategy is REPLICA, or DAEMON: one task per instance, EC2
	// only, without desiredCount, placement strategy or auto scaling.
	SchedulingStrategy string `yaml:"schedulingStrategy"`
	// LaunchType runs the tasks on EC2 or FARGATE; give it or
	// capacityProviderStrategy, or neither for the cluster's default
	// strategy, else EC2.
	LaunchType string `yaml:"launchType"`
	// CapacityProviderStrategy splits the tasks over capacity providers.
	CapacityProviderStrategy []StrategyItemSpec `yaml:"capacityProviderStrategy"`
	// PlacementStrategy orders the instances for each task (default: spread
	// over the zones, then the instances).
	PlacementStrategy []StrategySpec `yaml:"placementStrategy"`
	// PlacementConstraints limit the instances a task may go to.
	PlacementConstraints []ConstraintSpec `yaml:"placementConstraints"`
	// DeploymentConfiguration bounds the tasks during a deployment
	// (defaults: REPLICA 100 and 200 percent, DAEMON 0 and 100).
	DeploymentConfiguration *DeploymentConfigSpec `yaml:"deploymentConfiguration"`
	// DesiredCountSchedule sets the desired count at given times.
	DesiredCountSchedule []ScheduledCountSpec `yaml:"desiredCountSchedule"`
	// Deployments roll out task definitions at given times.
	Deployments []DeploymentSpec `yaml:"deployments"`
	// TaskStartDelay is the time from PENDING to RUNNING.
	TaskStartDelay Duration `yaml:"taskStartDelay" range:"[0s,1d]"`
	// StartFailureRate is the share of tasks that fail before RUNNING
	// (throttling, the circuit breaker).
	StartFailureRate float64 `yaml:"startFailureRate" range:"[0,1]"`
	// HealthyAfter is how long after RUNNING a task counts as healthy (no
	// health checks are modelled).
	HealthyAfter Duration `yaml:"healthyAfter" range:"[0s,1d]"`
	// ServiceAutoScaling scales the desired count by target tracking.
	ServiceAutoScaling *ServiceAutoScalingSpec `yaml:"serviceAutoScaling"`
	// Load is the demand that drives serviceAutoScaling.
	Load *LoadSpec `yaml:"load"`
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
	// MinimumHealthyPercent is the share of desiredCount kept healthy
	// during a deployment.
	MinimumHealthyPercent *int `yaml:"minimumHealthyPercent" range:"[0,100] percent"`
	// MaximumPercent is the most tasks, as a share of desiredCount, during
	// a deployment.
	MaximumPercent *int `yaml:"maximumPercent" range:"[100,2000] percent"`
	// DeploymentCircuitBreaker stops (and may roll back) a deployment whose
	// tasks keep failing; it is off unless enabled.
	DeploymentCircuitBreaker *CircuitBreakerSpec `yaml:"deploymentCircuitBreaker"`
}

// ignoredKeys lists the deployment configuration fields the model does not use.
func (DeploymentConfigSpec) ignoredKeys() []string {
	return []string{"alarms", "strategy", "bakeTimeInMinutes"}
}

// CircuitBreakerSpec is DeploymentCircuitBreaker.
type CircuitBreakerSpec struct {
	// Enable turns the circuit breaker on.
	Enable bool `yaml:"enable"`
	// Rollback rolls a failed deployment back to the last one that
	// completed.
	Rollback bool `yaml:"rollback"`
}

// ScheduledCountSpec sets a desired count at a time.
type ScheduledCountSpec struct {
	// At is the time, from the start of the run.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// DesiredCount is the new desired count; required.
	DesiredCount *int `yaml:"desiredCount" range:"[0,5000] tasks"`
}

// DeploymentSpec rolls out a task definition at a time.
// With forceNewDeployment (UpdateService --force-new-deployment) the
// deployment replaces every task even when the revision does not change:
// taskDefinition may then be left out, for the revision deployed last.
type DeploymentSpec struct {
	// At is the time, from the start of the run.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// TaskDefinition is the family or family:revision rolled out.
	TaskDefinition string `yaml:"taskDefinition"`
	// StartFailureRate is the share of the new tasks that fail before
	// RUNNING.
	StartFailureRate float64 `yaml:"startFailureRate" range:"[0,1]"`
	// ForceNewDeployment replaces every task even when the revision does
	// not change.
	ForceNewDeployment bool `yaml:"forceNewDeployment"`
}

// ServiceAutoScalingSpec is a scalable target with a target tracking policy.
type ServiceAutoScalingSpec struct {
	// MinCapacity is the fewest tasks auto scaling leaves.
	MinCapacity *int `yaml:"minCapacity" range:"[0,5000] tasks"`
	// MaxCapacity is the most tasks auto scaling sets (default:
	// desiredCount).
	MaxCapacity *int `yaml:"maxCapacity" range:"[0,5000] tasks"`
	// TargetTracking is the policy; required.
	TargetTracking *TargetTrackingSpec `yaml:"targetTracking"`
}

// TargetTrackingSpec is a target tracking policy on a predefined metric
// (cooldowns in seconds, as Application Auto Scaling writes them).
type TargetTrackingSpec struct {
	// Metric is the predefined metric tracked: the service's average CPU
	// or memory utilization.
	Metric string `yaml:"metric"`
	// TargetValue is the utilization, in percent, the policy keeps (more
	// than 0, at most 100).
	TargetValue float64 `yaml:"targetValue" range:"(0,100] percent"`
	// ScaleOutCooldown is the seconds after a scale-out before the next.
	ScaleOutCooldown *int `yaml:"scaleOutCooldown" range:"[0,86400] seconds"`
	// ScaleInCooldown is the seconds after a scaling action before a
	// scale-in.
	ScaleInCooldown *int `yaml:"scaleInCooldown" range:"[0,86400] seconds"`
	// DisableScaleIn stops the policy from scaling in.
	DisableScaleIn bool `yaml:"disableScaleIn"`
}

// LoadSpec is the demand a service serves: CPU units (MiB for the memory
// metric), or requests per second with requestsPerTask.
type LoadSpec struct {
	// Pattern is the shape of the demand: constant (value), diurnal (min,
	// max, period, peakAt) or piecewise (points).
	Pattern string `yaml:"pattern"`
	// Min is a diurnal load's lowest demand.
	Min float64 `yaml:"min" range:"[0,1e12]"`
	// Max is a diurnal load's highest demand.
	Max float64 `yaml:"max" range:"[0,1e12]"`
	// Value is a constant load's demand.
	Value float64 `yaml:"value" range:"[0,1e12]"`
	// Period is a diurnal load's period.
	Period Duration `yaml:"period" range:"(0s,3650d]"`
	// PeakAt is when a diurnal load peaks first.
	PeakAt Duration `yaml:"peakAt" range:"[0s,3650d]"`
	// Points are a piecewise load's points, in increasing time.
	Points []LoadPointSpec `yaml:"points"`
	// RequestsPerTask makes the demand requests per second, one task
	// serving this many at 100 %.
	RequestsPerTask float64 `yaml:"requestsPerTask" range:"(0,1e12]"`
}

// LoadPointSpec is a point of a piecewise load.
type LoadPointSpec struct {
	// At is the point's time, from the start of the run.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// Value is the demand at that time.
	Value float64 `yaml:"value" range:"[0,1e12]"`
}
