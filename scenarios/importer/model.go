// Package importer builds a scenario from a cluster that already runs: the
// JSON the AWS CLI's describe commands print (aws.go), a CloudFormation
// template (cloudformation.go) or Terraform's JSON (terraform.go). Each
// front-end reads its source into one model, Cluster, in the ECS and Auto
// Scaling APIs' own terms; one writer (write.go) turns the model into
// scenario YAML with comments that say where each part was read and what
// the user must still supply. The three front-ends share the model and the
// writer, so the same cluster described three ways imports to the same
// scenario.
package importer

import "gopkg.in/yaml.v3"

// Cluster is what a front-end read: an ECS cluster, its capacity providers
// with their Auto Scaling groups, its services and task definitions, and
// the container instances outside any group.
type Cluster struct {
	// Name is the cluster's name (the scenario's name).
	Name string
	// Source says what was read, for the scenario's description, e.g.
	// "aws describe outputs in ./prod" or "CloudFormation template
	// stack.yaml".
	Source string
	// CapacityProviders in the order the cluster lists them (the
	// ClusterCapacityProviderAssociations order), FARGATE and FARGATE_SPOT
	// included when the cluster has them.
	CapacityProviders []CapacityProvider
	// DefaultStrategy is the cluster's default capacity provider strategy.
	DefaultStrategy []StrategyItem
	// Services, in the order read.
	Services []Service
	// TaskDefinitions are every revision a service names, as registered,
	// and the others read (their families become workloads whose load the
	// user must supply).
	TaskDefinitions []TaskDefinition
	// Instances are container instances registered outside any Auto
	// Scaling group of a capacity provider.
	Instances []ContainerInstance
	// Ignored lists, once each, what was read and is not modelled (load
	// balancers, IAM roles, log groups…), as "TYPE NAME" or a JSON path.
	Ignored []string
}

// CapacityProvider is a capacity provider (CreateCapacityProvider): an
// Auto Scaling group provider, or FARGATE / FARGATE_SPOT (Name only).
type CapacityProvider struct {
	Name string
	// ASG is nil for FARGATE and FARGATE_SPOT.
	ASG *AutoScalingGroup
	// ManagedScaling is nil when managed scaling is DISABLED.
	ManagedScaling *ManagedScaling
	// ManagedTerminationProtection and ManagedDraining are ENABLED,
	// DISABLED or "" (not given: the API's default).
	ManagedTerminationProtection string
	ManagedDraining              string
	// From says where it was read ("describe-capacity-providers.json:
	// capacityProviders[0]", "Resources.MyProvider").
	From string
}

// ManagedScaling is ManagedScaling as the ECS API writes it; nil fields
// were not given (the API's defaults apply).
type ManagedScaling struct {
	TargetCapacity         *int
	MinimumScalingStepSize *int
	MaximumScalingStepSize *int
	// InstanceWarmupPeriod in seconds.
	InstanceWarmupPeriod *int
}

// AutoScalingGroup is the EC2 Auto Scaling group behind a provider.
type AutoScalingGroup struct {
	Name string
	// InstanceTypes in priority order: a mixed instances policy's
	// overrides, else the launch template's (or launch configuration's)
	// type.
	InstanceTypes []string
	// AvailabilityZones of the group; empty when only subnets were given
	// and their zones are unknown.
	AvailabilityZones []string
	MinSize, MaxSize  int
	DesiredCapacity   *int
	// Spot: the group runs Spot instances (a mixed instances policy with
	// no On-Demand capacity, or a launch template with Spot market
	// options).
	Spot bool
	// AllocationStrategy is the On-Demand allocation strategy in ecsim's
	// terms: prioritized or lowest-price ("" when not given).
	AllocationStrategy string
	From               string
}

// StrategyItem is a capacity provider strategy item.
type StrategyItem struct {
	CapacityProvider string
	Base, Weight     int
}

// PlacementStrategy is a placement strategy item (type binpack, spread or
// random; field as ECS writes it).
type PlacementStrategy struct{ Type, Field string }

// PlacementConstraint is a placement constraint (distinctInstance, or
// memberOf with a cluster query language expression).
type PlacementConstraint struct{ Type, Expression string }

// Service is a service (CreateService / DescribeServices).
type Service struct {
	Name string
	// TaskDefinition is "family:revision" (or "family").
	TaskDefinition string
	// DesiredCount is ignored for a DAEMON service.
	DesiredCount             int
	SchedulingStrategy       string // REPLICA, DAEMON or ""
	LaunchType               string // EC2, FARGATE or "" (a strategy)
	CapacityProviderStrategy []StrategyItem
	PlacementStrategy        []PlacementStrategy
	PlacementConstraints     []PlacementConstraint
	// MinimumHealthyPercent and MaximumPercent are nil when not given.
	MinimumHealthyPercent, MaximumPercent *int
	// CircuitBreaker is nil when the deployment circuit breaker is not
	// configured.
	CircuitBreaker *CircuitBreaker
	From           string
}

// CircuitBreaker is DeploymentCircuitBreaker.
type CircuitBreaker struct{ Enable, Rollback bool }

// TaskDefinition is a task definition revision as registered.
type TaskDefinition struct {
	Family   string
	Revision int
	// Body is the RegisterTaskDefinition (or DescribeTaskDefinition
	// taskDefinition) object in the ECS API's camelCase keys, as a YAML
	// mapping node (key order kept). Front-ends translate other spellings
	// (CloudFormation's PascalCase, Terraform's snake_case and its
	// container_definitions JSON string) into this shape.
	Body *yaml.Node
	From string
}

// Name is family:revision, or the family alone without a revision.
func (d TaskDefinition) Name() string {
	if d.Revision <= 0 {
		return d.Family
	}
	return d.Family + ":" + itoa(d.Revision)
}

// ContainerInstance is a container instance outside any Auto Scaling
// group of a capacity provider; identical ones are written as one
// containerInstances entry with a count.
type ContainerInstance struct {
	InstanceType     string
	AvailabilityZone string
	// Attributes are the custom attributes (not the ecs.* ones ECS sets).
	Attributes map[string]string
	From       string
}
