package scenarios

// The task definition part of the scenario file format (see types.go): the
// register-task-definition shape, so that ECS API output can be pasted as is.

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

// ignoredKeys lists the task definition fields the model does not use.
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

// ignoredKeys lists the container definition fields the model does not use.
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

// ignoredKeys lists the port mapping fields the model does not use.
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
