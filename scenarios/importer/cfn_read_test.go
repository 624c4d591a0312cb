package importer

import (
	"reflect"
	"strings"
	"testing"
)

// TestCloudFormationTaskDefinitionBody: AWS::ECS::TaskDefinition's
// PascalCase becomes the API's camelCase, except the user's own keys
// (DockerLabels, LogConfiguration and FirelensConfiguration Options,
// DriverOpts and Labels of a Docker volume); FilesystemId, IAM, EFS…,
// ProxyConfigurationProperties take the API's names; "256" and "true"
// where the API wants numbers and booleans become them; an environment
// value from another stack's export is left out and noted. The expected
// body is the RegisterTaskDefinition JSON of the same task, written by
// hand.
func TestCloudFormationTaskDefinitionBody(t *testing.T) {
	c := cfnRead(t, "testdata/cloudformation/taskdef.yaml", nil)
	if len(c.TaskDefinitions) != 1 {
		t.Fatalf("%d task definitions", len(c.TaskDefinitions))
	}
	want := `family: files
revision: 1
requiresCompatibilities: [EC2]
networkMode: bridge
taskRoleArn: arn:aws:iam::123456789012:role/files-task
ipcMode: task
pidMode: task
tags:
  - key: Team
    value: Storage
proxyConfiguration:
  type: APPMESH
  containerName: envoy
  properties:
    - name: IgnoredUID
      value: "1337"
placementConstraints:
  - type: memberOf
    expression: attribute:ecs.instance-type =~ m5.*
volumes:
  - name: shared
    efsVolumeConfiguration:
      fileSystemId: fs-0123456789abcdef0
      transitEncryption: ENABLED
      authorizationConfig:
        accessPointId: fsap-0123456789abcdef0
        iam: ENABLED
  - name: scratch
    dockerVolumeConfiguration:
      scope: shared
      autoprovision: true
      driver: local
      driverOpts:
        Type: tmpfs
        Device: tmpfs
      labels:
        Team: Storage
        cost.center: "42"
  - name: data
    host:
      sourcePath: /data
containerDefinitions:
  - name: app
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/files:1
    cpu: 256
    memory: 512
    essential: true
    dockerLabels:
      Team: Storage
      com.example.Tier: Backend
    mountPoints:
      - sourceVolume: shared
        containerPath: /mnt/shared
        readOnly: false
    healthCheck:
      command: [CMD-SHELL, exit 0]
      interval: 30
      retries: 3
    linuxParameters:
      initProcessEnabled: true
      capabilities:
        add: [SYS_PTRACE]
    stopTimeout: 20
  - name: log-router
    image: public.ecr.aws/aws-observability/aws-for-fluent-bit:stable
    memoryReservation: 64
    essential: true
    firelensConfiguration:
      type: fluentbit
      options:
        enable-ecs-log-metadata: "true"
    logConfiguration:
      logDriver: awslogs
      options:
        awslogs-group: /ecs/files
        awslogs-region: us-east-1
        mode: non-blocking
  - name: envoy
    image: envoy
    memory: 128
`
	if got := cfnBodyText(t, taskDefinitionNode(c.TaskDefinitions[0])); got != want {
		t.Errorf("body:\n%s\nwant\n%s", got, want)
	}
	note := "Resources.FilesTaskDefinition.Properties.ContainerDefinitions[0].Environment: !ImportValue cannot be " +
		"resolved statically (it is another stack's export) (not modelled; left out)"
	if !reflect.DeepEqual(c.Ignored, []string{note}) {
		t.Errorf("ignored %q", c.Ignored)
	}
	if data, err := Scenario(c, "taskdef.yaml"); err != nil {
		t.Errorf("%v\n%s", err, data)
	}
	for cfn, api := range map[string]string{"FSxWindowsFileServerVolumeConfiguration": "fsxWindowsFileServerVolumeConfiguration",
		"FileSystemId": "fileSystemId", "SizeInGiB": "sizeInGiB", "Cpu": "cpu"} {
		if got := cfnAPIKey(cfn); got != api {
			t.Errorf("cfnAPIKey(%s) = %s, want %s", cfn, got, api)
		}
	}
}

// TestCloudFormationClassic: a cluster without a name is its logical ID; a
// group behind no provider whose instances join the cluster (cfn-init's
// ECS_CLUSTER) gives container instances, one without is left out; a
// mixed On-Demand/Spot group is On-Demand with its lowest-price strategy;
// a launch template's Spot market makes a Spot group; ManagedScaling
// DISABLED is no managed scaling, without a Status it is ENABLED (as
// ecsim's scenarios read it; noted), with its TargetCapacity 80; a service without a
// Cluster runs in the default cluster, not this one; a second cluster is
// left out. Each is hand-derived from classic.yaml.
func TestCloudFormationClassic(t *testing.T) {
	c := cfnRead(t, "testdata/cloudformation/classic.yaml", nil)
	want := &Cluster{
		Name:   "ECSCluster",
		Source: "CloudFormation template testdata/cloudformation/classic.yaml",
		CapacityProviders: []CapacityProvider{
			{Name: "mixed", From: "Resources.MixedProvider", ASG: &AutoScalingGroup{Name: "mixed-group",
				InstanceTypes: []string{"m5.xlarge", "m5.large"}, AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"},
				MaxSize: 8, AllocationStrategy: "lowest-price", From: "Resources.MixedGroup"}},
			{Name: "SpotProvider", From: "Resources.SpotProvider", ASG: &AutoScalingGroup{Name: "spot-group",
				InstanceTypes: []string{"m5.large"}, AvailabilityZones: []string{"us-east-1a"}, MaxSize: 4, Spot: true,
				From: "Resources.SpotGroup"}, ManagedScaling: &ManagedScaling{TargetCapacity: ptr(80)}},
		},
		DefaultStrategy: []StrategyItem{{CapacityProvider: "mixed", Weight: 1}},
		Services:        []Service{{Name: "WorkerService", TaskDefinition: "WorkerTask:1", DesiredCount: 1, From: "Resources.WorkerService"}},
		Instances: []ContainerInstance{{InstanceType: "c5.large", From: "Resources.ECSAutoScalingGroup (group ECSAutoScalingGroup)"},
			{InstanceType: "c5.large"}, {InstanceType: "c5.large"}},
		Ignored: []string{
			"AWS::ECS::Cluster OtherCluster (ecsim imports one cluster, the first: ECSCluster)",
			"AWS::AutoScaling::AutoScalingGroup BastionGroup (not used by cluster ECSCluster)",
			"AWS::AutoScaling::LaunchConfiguration BastionConfiguration (not used by cluster ECSCluster)",
			"AWS::ECS::Service BatchService (cluster default, not ECSCluster)",
			"mixed-group: a mix of On-Demand and Spot, modelled as On-Demand",
			"Resources.SpotProvider.Properties.AutoScalingGroupProvider.ManagedScaling: ManagedScaling has no Status: " +
				"read as ENABLED, as ecsim's scenario format does; AWS documents no default",
			"ECSAutoScalingGroup: only subnets (VPCZoneIdentifier), zones unknown: the scenario's zones are used",
			"ECSAutoScalingGroup: behind no capacity provider; its 3 instances are modelled as container instances, without its scaling",
		},
	}
	c.TaskDefinitions = nil
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("got  %+v\nwant %+v", c, want)
	}
	c = cfnRead(t, "testdata/cloudformation/classic.yaml", nil)
	if data, err := Scenario(c, "classic.yaml"); err != nil {
		t.Errorf("%v\n%s", err, data)
	}
}

// TestCloudFormationMissingPieces: what the model needs and the template
// only names (a task definition, a launch configuration) is an error with
// the aws command that fetches it.
func TestCloudFormationMissingPieces(t *testing.T) {
	for file, want := range map[string]string{
		"missing_task_definition.yaml": "missing_task_definition.yaml:11:23: Resources.WebService.Properties.TaskDefinition: " +
			"task definition web:3 is not declared in the template; add it to the scenario's taskDefinitions " +
			"(aws ecs describe-task-definition --task-definition web:3)",
		"missing_launch_configuration.yaml": "missing_launch_configuration.yaml:17:32: Resources.Group.Properties." +
			"LaunchConfigurationName: launch configuration shop-lc is not declared in the template; ecsim needs its " +
			"instance type (aws autoscaling describe-launch-configurations --launch-configuration-names shop-lc)",
	} {
		_, err := ReadCloudFormation("testdata/cloudformation/errors/"+file, nil)
		if err == nil || !strings.Contains(err.Error(), "testdata/cloudformation/errors/"+want) {
			t.Errorf("%s:\n got %v\nwant %s", file, err, want)
		}
	}
}

// TestCloudFormationTabbedJSON: JSON indented with tabs (which YAML
// refuses) reads, with the right lines.
func TestCloudFormationTabbedJSON(t *testing.T) {
	src := "{\n\t\"Resources\": {\n\t\t\"Cluster\": {\"Type\": \"AWS::ECS::Cluster\"},\n\t\t\"Web\": {\n\t\t\t\"Type\": \"AWS::ECS::Service\",\n" +
		"\t\t\t\"Properties\": {\"Cluster\": {\"Ref\": \"Cluster\"}, \"TaskDefinition\": {\"Fn::ImportValue\": \"web\"}}\n\t\t}\n\t}\n}\n"
	_, err := readCloudFormation("tabs.json", []byte(src), nil)
	want := "tabs.json:6:68: Resources.Web.Properties.TaskDefinition: Fn::ImportValue cannot be resolved statically"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %s", err, want)
	}
}
