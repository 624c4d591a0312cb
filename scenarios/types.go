package scenarios

// The types in this file are the scenario file format (design.md §4): their
// yaml tags are the contract. Keys follow the ECS API's names and casing.

// File is a whole scenario file.
type File struct {
	Name            string            `yaml:"name"`
	Description     string            `yaml:"description"`
	Seed            *uint64           `yaml:"seed"`
	Duration        Duration          `yaml:"duration"`
	SampleInterval  Duration          `yaml:"sampleInterval"`
	StartTime       string            `yaml:"startTime"`
	Cluster         ClusterSpec       `yaml:"cluster"`
	InstanceTypes   []InstanceTypeDef `yaml:"instanceTypes"`
	TaskDefinitions []TaskDefinition  `yaml:"taskDefinitions"`
	Workloads       []WorkloadSpec    `yaml:"workloads"`
}

// ClusterSpec is the cluster: its zones and its container instances.
type ClusterSpec struct {
	AvailabilityZones  []string                 `yaml:"availabilityZones"`
	AwsvpcTrunking     bool                     `yaml:"awsvpcTrunking"`
	ContainerInstances []ContainerInstancesSpec `yaml:"containerInstances"`
}

// ContainerInstancesSpec is a number of identical container instances
// registered at t = 0, outside any Auto Scaling group.
type ContainerInstancesSpec struct {
	InstanceType      string            `yaml:"instanceType"`
	Count             *int              `yaml:"count"`
	AvailabilityZone  string            `yaml:"availabilityZone"`
	Attributes        map[string]string `yaml:"attributes"`
	ReservedMemoryMiB int64             `yaml:"reservedMemoryMiB"`
}

// InstanceTypeDef adds or overrides a catalogue instance type.
type InstanceTypeDef struct {
	Name                string  `yaml:"name"`
	VCPU                int     `yaml:"vcpu"`
	MemoryMiB           int64   `yaml:"memoryMiB"`
	RegisteredMemoryMiB int64   `yaml:"registeredMemoryMiB"`
	ENIs                int     `yaml:"enis"`
	TrunkENITasks       int     `yaml:"awsvpcTrunkingTasks"`
	GPUs                int     `yaml:"gpus"`
	Architecture        string  `yaml:"architecture"`
	PricePerHour        float64 `yaml:"pricePerHour"`
}

// TaskDefinition is a task definition in the register-task-definition shape.
type TaskDefinition struct {
	Family                  string                `yaml:"family"`
	Revision                int                   `yaml:"revision"`
	NetworkMode             string                `yaml:"networkMode"`
	RequiresCompatibilities []string              `yaml:"requiresCompatibilities"`
	CPU                     TaskSize              `yaml:"cpu"`
	Memory                  TaskSize              `yaml:"memory"`
	ContainerDefinitions    []ContainerDefinition `yaml:"containerDefinitions"`
	PlacementConstraints    []ConstraintSpec      `yaml:"placementConstraints"`
}

// ContainerDefinition is one container of a task definition.
type ContainerDefinition struct {
	Name                 string                `yaml:"name"`
	Image                string                `yaml:"image"`
	CPU                  int64                 `yaml:"cpu"`
	Memory               int64                 `yaml:"memory"`
	MemoryReservation    int64                 `yaml:"memoryReservation"`
	Essential            *bool                 `yaml:"essential"`
	PortMappings         []PortMappingSpec     `yaml:"portMappings"`
	ResourceRequirements []ResourceRequirement `yaml:"resourceRequirements"`
}

// PortMappingSpec is a container port mapping.
type PortMappingSpec struct {
	ContainerPort int    `yaml:"containerPort"`
	HostPort      *int   `yaml:"hostPort"`
	Protocol      string `yaml:"protocol"`
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
	Name                 string           `yaml:"name"`
	TaskDefinition       string           `yaml:"taskDefinition"`
	LaunchType           string           `yaml:"launchType"`
	Group                string           `yaml:"group"`
	Arrivals             ArrivalsSpec     `yaml:"arrivals"`
	Duration             *DistSpec        `yaml:"duration"`
	TaskStartDelay       Duration         `yaml:"taskStartDelay"`
	PlacementStrategy    []StrategySpec   `yaml:"placementStrategy"`
	PlacementConstraints []ConstraintSpec `yaml:"placementConstraints"`
}

// ArrivalsSpec is an arrival process.
type ArrivalsSpec struct {
	Process       string   `yaml:"process"`
	RatePerMinute float64  `yaml:"ratePerMinute"`
	At            Duration `yaml:"at"`
	Count         *int     `yaml:"count"`
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
