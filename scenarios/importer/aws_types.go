package importer

// The parts of the ECS, EC2 Auto Scaling and EC2 API types that ReadAWS
// reads, with the field names the AWS CLI prints (camelCase for ECS,
// PascalCase for Auto Scaling and EC2).

// awsECSCluster is an element of DescribeClusters' clusters.
type awsECSCluster struct {
	ClusterName                     string            `yaml:"clusterName"`
	ClusterArn                      string            `yaml:"clusterArn"`
	Status                          string            `yaml:"status"`
	CapacityProviders               []string          `yaml:"capacityProviders"`
	DefaultCapacityProviderStrategy []awsStrategyItem `yaml:"defaultCapacityProviderStrategy"`
	Settings                        []awsNameValue    `yaml:"settings"`
}

// awsStrategyItem is a CapacityProviderStrategyItem.
type awsStrategyItem struct {
	CapacityProvider string `yaml:"capacityProvider"`
	Base             int    `yaml:"base"`
	Weight           int    `yaml:"weight"`
}

// awsNameValue is a {name, value} pair: a cluster setting, a container
// instance attribute (value absent for attributes without one).
type awsNameValue struct {
	Name  string  `yaml:"name"`
	Value *string `yaml:"value"`
}

// awsCapacityProvider is an element of DescribeCapacityProviders'
// capacityProviders.
type awsCapacityProvider struct {
	Name                     string            `yaml:"name"`
	Status                   string            `yaml:"status"`
	AutoScalingGroupProvider *awsGroupProvider `yaml:"autoScalingGroupProvider"`
	ManagedInstancesProvider any               `yaml:"managedInstancesProvider"`
}

// awsGroupProvider is AutoScalingGroupProvider.
type awsGroupProvider struct {
	AutoScalingGroupArn          string             `yaml:"autoScalingGroupArn"`
	ManagedScaling               *awsManagedScaling `yaml:"managedScaling"`
	ManagedTerminationProtection string             `yaml:"managedTerminationProtection"`
	ManagedDraining              string             `yaml:"managedDraining"`
}

// awsManagedScaling is ManagedScaling.
type awsManagedScaling struct {
	Status                 string `yaml:"status"`
	TargetCapacity         *int   `yaml:"targetCapacity"`
	MinimumScalingStepSize *int   `yaml:"minimumScalingStepSize"`
	MaximumScalingStepSize *int   `yaml:"maximumScalingStepSize"`
	InstanceWarmupPeriod   *int   `yaml:"instanceWarmupPeriod"`
}

// awsGroup is an element of DescribeAutoScalingGroups' AutoScalingGroups.
type awsGroup struct {
	AutoScalingGroupName    string             `yaml:"AutoScalingGroupName"`
	MinSize                 *int               `yaml:"MinSize"`
	MaxSize                 *int               `yaml:"MaxSize"`
	DesiredCapacity         *int               `yaml:"DesiredCapacity"`
	AvailabilityZones       []string           `yaml:"AvailabilityZones"`
	VPCZoneIdentifier       string             `yaml:"VPCZoneIdentifier"`
	LaunchConfigurationName string             `yaml:"LaunchConfigurationName"`
	LaunchTemplate          *awsTemplateSpec   `yaml:"LaunchTemplate"`
	MixedInstancesPolicy    *awsMixedInstances `yaml:"MixedInstancesPolicy"`
	Instances               []struct {
		InstanceID string `yaml:"InstanceId"`
	} `yaml:"Instances"`
}

// awsTemplateSpec is a LaunchTemplateSpecification.
type awsTemplateSpec struct {
	LaunchTemplateID   string `yaml:"LaunchTemplateId"`
	LaunchTemplateName string `yaml:"LaunchTemplateName"`
	Version            string `yaml:"Version"`
}

// awsMixedInstances is MixedInstancesPolicy.
type awsMixedInstances struct {
	LaunchTemplate struct {
		LaunchTemplateSpecification *awsTemplateSpec `yaml:"LaunchTemplateSpecification"`
		Overrides                   []struct {
			InstanceType         string `yaml:"InstanceType"`
			WeightedCapacity     string `yaml:"WeightedCapacity"`
			InstanceRequirements any    `yaml:"InstanceRequirements"`
		} `yaml:"Overrides"`
	} `yaml:"LaunchTemplate"`
	InstancesDistribution struct {
		OnDemandAllocationStrategy          string `yaml:"OnDemandAllocationStrategy"`
		OnDemandBaseCapacity                *int   `yaml:"OnDemandBaseCapacity"`
		OnDemandPercentageAboveBaseCapacity *int   `yaml:"OnDemandPercentageAboveBaseCapacity"`
		SpotAllocationStrategy              string `yaml:"SpotAllocationStrategy"`
	} `yaml:"InstancesDistribution"`
}

// awsTemplateVersion is an element of DescribeLaunchTemplateVersions'
// LaunchTemplateVersions.
type awsTemplateVersion struct {
	LaunchTemplateID   string `yaml:"LaunchTemplateId"`
	LaunchTemplateName string `yaml:"LaunchTemplateName"`
	VersionNumber      int    `yaml:"VersionNumber"`
	DefaultVersion     bool   `yaml:"DefaultVersion"`
	LaunchTemplateData struct {
		InstanceType          string `yaml:"InstanceType"`
		InstanceMarketOptions *struct {
			MarketType string `yaml:"MarketType"`
		} `yaml:"InstanceMarketOptions"`
	} `yaml:"LaunchTemplateData"`
}

// awsLaunchConfiguration is an element of DescribeLaunchConfigurations'
// LaunchConfigurations.
type awsLaunchConfiguration struct {
	LaunchConfigurationName string `yaml:"LaunchConfigurationName"`
	InstanceType            string `yaml:"InstanceType"`
	SpotPrice               string `yaml:"SpotPrice"`
}

// awsService is an element of DescribeServices' services.
type awsService struct {
	ServiceName              string            `yaml:"serviceName"`
	ServiceArn               string            `yaml:"serviceArn"`
	ClusterArn               string            `yaml:"clusterArn"`
	Status                   string            `yaml:"status"`
	TaskDefinition           string            `yaml:"taskDefinition"`
	DesiredCount             int               `yaml:"desiredCount"`
	LaunchType               string            `yaml:"launchType"`
	SchedulingStrategy       string            `yaml:"schedulingStrategy"`
	CapacityProviderStrategy []awsStrategyItem `yaml:"capacityProviderStrategy"`
	PlacementStrategy        []struct {
		Type  string `yaml:"type"`
		Field string `yaml:"field"`
	} `yaml:"placementStrategy"`
	PlacementConstraints []struct {
		Type       string `yaml:"type"`
		Expression string `yaml:"expression"`
	} `yaml:"placementConstraints"`
	DeploymentConfiguration *struct {
		MinimumHealthyPercent    *int `yaml:"minimumHealthyPercent"`
		MaximumPercent           *int `yaml:"maximumPercent"`
		DeploymentCircuitBreaker *struct {
			Enable   bool `yaml:"enable"`
			Rollback bool `yaml:"rollback"`
		} `yaml:"deploymentCircuitBreaker"`
	} `yaml:"deploymentConfiguration"`
	DeploymentController *struct {
		Type string `yaml:"type"`
	} `yaml:"deploymentController"`
	LoadBalancers        []any `yaml:"loadBalancers"`
	ServiceRegistries    []any `yaml:"serviceRegistries"`
	NetworkConfiguration any   `yaml:"networkConfiguration"`
}

// awsTaskDefinition is what ReadAWS reads of DescribeTaskDefinition's
// taskDefinition (the whole object becomes the Body).
type awsTaskDefinition struct {
	Family               string `yaml:"family"`
	Revision             int    `yaml:"revision"`
	TaskRoleArn          string `yaml:"taskRoleArn"`
	ExecutionRoleArn     string `yaml:"executionRoleArn"`
	ContainerDefinitions []struct {
		Name             string `yaml:"name"`
		LogConfiguration *struct {
			LogDriver string            `yaml:"logDriver"`
			Options   map[string]string `yaml:"options"`
		} `yaml:"logConfiguration"`
	} `yaml:"containerDefinitions"`
}

// awsContainerInstance is an element of DescribeContainerInstances'
// containerInstances.
type awsContainerInstance struct {
	ContainerInstanceArn string         `yaml:"containerInstanceArn"`
	Ec2InstanceID        string         `yaml:"ec2InstanceId"`
	Status               string         `yaml:"status"`
	CapacityProviderName string         `yaml:"capacityProviderName"`
	Attributes           []awsNameValue `yaml:"attributes"`
}
