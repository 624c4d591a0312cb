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
	TaskDefinitionFile string `yaml:"taskDefinitionFile"`
	// Family names the definition (with a taskDefinitionFile, it renames
	// the file's family).
	Family string `yaml:"family"`
	// Revision is the revision number, which family:revision names;
	// without it the family alone names the definition.
	Revision int `yaml:"revision" range:"[1,1000000]"`
	// NetworkMode is the Docker networking mode (default bridge, awsvpc
	// when requiresCompatibilities has FARGATE).
	NetworkMode string `yaml:"networkMode"`
	// RequiresCompatibilities are the launch types the definition is
	// valid for.
	RequiresCompatibilities []string `yaml:"requiresCompatibilities"`
	// CPU is the task-level CPU units, optional on EC2 (default: the sum
	// of the containers').
	CPU TaskSize `yaml:"cpu" range:"[0,196608] CPU units"`
	// Memory is the task-level memory in MiB, optional on EC2.
	Memory TaskSize `yaml:"memory" range:"[6,33554432] MiB"`
	// ContainerDefinitions are the task's containers (1 to 10).
	ContainerDefinitions []ContainerDefinition `yaml:"containerDefinitions"`
	// PlacementConstraints are memberOf constraints every task of the
	// definition obeys.
	PlacementConstraints []ConstraintSpec `yaml:"placementConstraints"`
	// Volumes are the task's data volumes, checked against the launch
	// types.
	Volumes []Volume `yaml:"volumes"`
	// RuntimePlatform is the task's operating system family and CPU
	// architecture.
	RuntimePlatform *RuntimePlatform `yaml:"runtimePlatform"`
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
	// Name names the volume, unique in the task.
	Name string `yaml:"name"`
	// Host is a bind mount.
	Host *HostVolume `yaml:"host"`
	// DockerVolumeConfiguration is a Docker volume (EC2 only); ecsim checks
	// only that it is given.
	DockerVolumeConfiguration any `yaml:"dockerVolumeConfiguration"`
	// EFSVolumeConfiguration is an EFS volume; ecsim checks only that it
	// is given.
	EFSVolumeConfiguration any `yaml:"efsVolumeConfiguration"`
	// FSxWindowsFileServerVolumeConfiguration is an FSx for Windows File
	// Server volume (Windows tasks on EC2); ecsim checks only that it is
	// given.
	FSxWindowsFileServerVolumeConfiguration any `yaml:"fsxWindowsFileServerVolumeConfiguration"`
	// ConfiguredAtLaunch marks a volume configured when the task runs.
	ConfiguredAtLaunch *bool `yaml:"configuredAtLaunch"`
}

// HostVolume is a bind mount.
type HostVolume struct {
	// SourcePath is the path on the instance (none on Fargate).
	SourcePath string `yaml:"sourcePath"`
}

// RuntimePlatform is the task's operating system family and CPU
// architecture; placement only uses instances that match them.
type RuntimePlatform struct {
	// OperatingSystemFamily is the operating system family the task needs.
	OperatingSystemFamily string `yaml:"operatingSystemFamily"`
	// CPUArchitecture is the CPU architecture the task needs.
	CPUArchitecture string `yaml:"cpuArchitecture"`
}

// ContainerDefinition is one container of a task definition.
type ContainerDefinition struct {
	// Name names the container, unique in the task.
	Name string `yaml:"name"`
	// Image is the container's image (not used by the model).
	Image string `yaml:"image"`
	// CPU is the CPU units reserved for the container.
	CPU int64 `yaml:"cpu" range:"[0,196608] CPU units"`
	// Memory is the container's hard memory limit in MiB (at least 6).
	Memory int64 `yaml:"memory" range:"[6,33554432] MiB"`
	// MemoryReservation is the memory reserved for the container, in MiB
	// (at least 6, below memory).
	MemoryReservation int64 `yaml:"memoryReservation" range:"[6,33554432] MiB"`
	// Essential makes the container's exit stop the task.
	Essential *bool `yaml:"essential"`
	// PortMappings are the container's ports; a fixed hostPort holds the
	// port on its instance.
	PortMappings []PortMappingSpec `yaml:"portMappings"`
	// ResourceRequirements are the container's GPUs ({type: GPU, value:
	// "1"}).
	ResourceRequirements []ResourceRequirement `yaml:"resourceRequirements"`
	// Privileged runs the container privileged (not on Fargate).
	Privileged *bool `yaml:"privileged"`
	// DisableNetworking turns the container's networking off (not on
	// Fargate).
	DisableNetworking *bool `yaml:"disableNetworking"`
	// DNSServers are the container's DNS servers (not on Fargate).
	DNSServers []string `yaml:"dnsServers"`
	// DNSSearchDomains are the container's DNS search domains (not on
	// Fargate).
	DNSSearchDomains []string `yaml:"dnsSearchDomains"`
	// ExtraHosts are /etc/hosts entries (not on Fargate); ecsim checks
	// only that they are given.
	ExtraHosts any `yaml:"extraHosts"`
	// DockerSecurityOptions are Docker security options (not on Fargate).
	DockerSecurityOptions []string `yaml:"dockerSecurityOptions"`
	// Links are links to other containers (not on Fargate).
	Links []string `yaml:"links"`
	// LinuxParameters are Linux-specific options, some of which Fargate
	// refuses.
	LinuxParameters *LinuxParameters `yaml:"linuxParameters"`
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
	// Capabilities are Linux capabilities added or dropped (Fargate adds
	// only SYS_PTRACE).
	Capabilities *Capabilities `yaml:"capabilities"`
	// Devices are host devices exposed to the container (not on Fargate);
	// ecsim checks only that they are given.
	Devices any `yaml:"devices"`
	// SharedMemorySize is the size of /dev/shm (not on Fargate).
	SharedMemorySize *int `yaml:"sharedMemorySize" range:"[0,33554432] MiB"`
	// Tmpfs are tmpfs mounts (not on Fargate); ecsim checks only that they
	// are given.
	Tmpfs any `yaml:"tmpfs"`
	// MaxSwap is the swap the container may use (not on Fargate).
	MaxSwap *int `yaml:"maxSwap" range:"[0,33554432] MiB"`
	// Swappiness tunes the container's swapping (not on Fargate).
	Swappiness *int `yaml:"swappiness" range:"[0,100]"`
	// InitProcessEnabled runs an init process in the container.
	InitProcessEnabled *bool `yaml:"initProcessEnabled"`
}

// Capabilities are Linux capabilities added to or dropped from a container.
type Capabilities struct {
	// Add are the capabilities added.
	Add []string `yaml:"add"`
	// Drop are the capabilities dropped.
	Drop []string `yaml:"drop"`
}

// PortMappingSpec is a container port mapping.
type PortMappingSpec struct {
	// ContainerPort is the port the container listens on.
	ContainerPort int `yaml:"containerPort" range:"[1,65535]"`
	// HostPort is the instance's port: 0 or none takes one from the
	// ephemeral range (bridge mode); in host and awsvpc modes it equals
	// containerPort.
	HostPort *int `yaml:"hostPort" range:"[0,65535]"`
	// Protocol is the port's protocol.
	Protocol string `yaml:"protocol"`
}

// ignoredKeys lists the port mapping fields the model does not use.
func (PortMappingSpec) ignoredKeys() []string {
	return []string{"name", "appProtocol", "containerPortRange"}
}

// ResourceRequirement is a container's GPU requirement ({type: GPU, value: "1"}).
type ResourceRequirement struct {
	// Type is the kind of resource.
	Type string `yaml:"type"`
	// Value is the amount: for GPU, a whole number from 1 to 64.
	Value string `yaml:"value"`
}

// ConstraintSpec is a placement constraint: {type, expression}.
type ConstraintSpec struct {
	// Type is the kind of constraint: distinctInstance (each task on a
	// different instance) or memberOf (instances matching expression).
	Type string `yaml:"type"`
	// Expression is a memberOf constraint's cluster query language
	// expression ("attribute:ecs.instance-type =~ m5.*").
	Expression string `yaml:"expression"`
}
