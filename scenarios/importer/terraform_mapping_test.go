package importer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// tfResource is one resource object of a state or plan: its type and name
// from the address's last two parts.
func tfResource(addr, values string) string {
	parts := strings.Split(addr, ".")
	return fmt.Sprintf(`{"address": %q, "mode": "managed", "type": %q, "name": %q, `+
		`"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": %s, "sensitive_values": {}}`,
		addr, parts[len(parts)-2], parts[len(parts)-1], values)
}

// tfStateOf is a state holding resources.
func tfStateOf(resources ...string) []byte {
	return []byte(`{"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [` +
		strings.Join(resources, ",\n") + `]}}}`)
}

// tfReadText reads a document, failing the test on an error.
func tfReadText(t *testing.T, data []byte) *Cluster {
	t.Helper()
	c, err := readTerraform("t.json", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return c
}

// TestTerraformGroups: how groups become ecsim's: a partial On-Demand/Spot
// mix is On-Demand (noted) with the lowest-price On-Demand strategy, zones
// of subnets the JSON holds, weights noted; a launch template found by id
// gives its type and asks for Spot; a launch configuration with a spot
// price is Spot; subnets the JSON lacks leave the zones unknown (noted,
// with the command that names them); a DISABLED managed scaling is none;
// the cluster's old capacity_providers attribute lists the providers.
func TestTerraformGroups(t *testing.T) {
	asgp := func(group, scaling string) string {
		return `[{"auto_scaling_group_arn": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0f:autoScalingGroupName/` +
			group + `", "managed_draining": "", "managed_scaling": [` + scaling + `], "managed_termination_protection": ""}]`
	}
	c := tfReadText(t, tfStateOf(
		tfResource("aws_subnet.a", `{"id": "subnet-a", "availability_zone": "us-east-1b"}`),
		tfResource("aws_subnet.b", `{"id": "subnet-b", "availability_zone": "us-east-1a"}`),
		tfResource("aws_ecs_cluster.c", `{"name": "c", "capacity_providers": ["mix", "lt", "lc"], "default_capacity_provider_strategy": []}`),
		tfResource("aws_ecs_capacity_provider.mix", `{"name": "mix", "auto_scaling_group_provider": `+
			asgp("mix-asg", `{"status": "DISABLED", "target_capacity": 100}`)+`}`),
		tfResource("aws_ecs_capacity_provider.lt", `{"name": "lt", "auto_scaling_group_provider": `+asgp("lt-asg", "")+`}`),
		tfResource("aws_ecs_capacity_provider.lc", `{"name": "lc", "auto_scaling_group_provider": `+
			asgp("lc-asg", `{"status": "ENABLED", "instance_warmup_period": 0}`)+`}`),
		tfResource("aws_autoscaling_group.mix", `{"name": "mix-asg", "availability_zones": [], "vpc_zone_identifier": ["subnet-a", "subnet-b"],
			"min_size": 1, "max_size": 4, "desired_capacity": 2, "launch_template": [], "mixed_instances_policy": [{
			"instances_distribution": [{"on_demand_base_capacity": 1, "on_demand_percentage_above_base_capacity": 50,
				"on_demand_allocation_strategy": "lowest-price", "spot_allocation_strategy": "capacity-optimized"}],
			"launch_template": [{"launch_template_specification": [{"launch_template_id": "", "launch_template_name": "tpl-mix", "version": "3"}],
				"override": [{"instance_type": "m5.large", "weighted_capacity": "2"}]}]}]}`),
		tfResource("aws_launch_template.mix", `{"id": "lt-1", "name": "tpl-mix", "instance_type": "m5.large", "latest_version": 4}`),
		tfResource("aws_autoscaling_group.lt", `{"name": "lt-asg", "availability_zones": ["us-east-1a"], "min_size": 0, "max_size": 2,
			"launch_template": [{"id": "lt-2", "name": "", "version": "$Default"}], "mixed_instances_policy": []}`),
		tfResource("aws_launch_template.lt", `{"id": "lt-2", "name": "tpl-lt", "instance_type": "c5.large",
			"instance_market_options": [{"market_type": "spot", "spot_options": []}]}`),
		tfResource("aws_autoscaling_group.lc", `{"name": "lc-asg", "vpc_zone_identifier": ["subnet-z"], "min_size": 0, "max_size": 3,
			"launch_configuration": "lc-1", "launch_template": [], "mixed_instances_policy": []}`),
		tfResource("aws_launch_configuration.lc", `{"name": "lc-1", "instance_type": "t3.large", "spot_price": "0.05"}`),
	))
	want := []CapacityProvider{
		{Name: "mix", From: "t.json: aws_ecs_capacity_provider.mix", ASG: &AutoScalingGroup{Name: "mix-asg",
			InstanceTypes: []string{"m5.large"}, AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, MinSize: 1, MaxSize: 4,
			DesiredCapacity: tfInt(2), AllocationStrategy: "lowest-price", From: "t.json: aws_autoscaling_group.mix"}},
		{Name: "lt", From: "t.json: aws_ecs_capacity_provider.lt", ASG: &AutoScalingGroup{Name: "lt-asg",
			InstanceTypes: []string{"c5.large"}, AvailabilityZones: []string{"us-east-1a"}, MaxSize: 2, Spot: true,
			From: "t.json: aws_autoscaling_group.lt"}},
		{Name: "lc", From: "t.json: aws_ecs_capacity_provider.lc", ManagedScaling: &ManagedScaling{InstanceWarmupPeriod: tfInt(0)},
			ASG: &AutoScalingGroup{Name: "lc-asg", InstanceTypes: []string{"t3.large"}, MaxSize: 3, Spot: true,
				From: "t.json: aws_autoscaling_group.lc"}},
	}
	if !reflect.DeepEqual(c.CapacityProviders, want) {
		t.Errorf("providers\n got %s\nwant %s", tfDump(t, c.CapacityProviders), tfDump(t, want))
	}
	wantIgnored := []string{"aws_subnet.a", "aws_subnet.b", "mix-asg: a mix of On-Demand and Spot, modelled as On-Demand",
		"aws_autoscaling_group.mix.values.mixed_instances_policy[0].launch_template[0].override[0].weighted_capacity",
		"lc-asg: the zones of its subnets are unknown (aws_autoscaling_group.lc.values.vpc_zone_identifier; " +
			"aws ec2 describe-subnets --subnet-ids subnet-z names them)"}
	if !reflect.DeepEqual(c.Ignored, wantIgnored) {
		t.Errorf("ignored\n%s", strings.Join(c.Ignored, "\n"))
	}
}

// TestTerraformPlanFallsBackToPriorState: in a plan, a value unknown until
// apply (left out) is the prior state's: the task definition's revision
// and the service's task_definition; a value the plan knows wins
// (desired_count), and one it knows to be null stays null (launch_type).
func TestTerraformPlanFallsBackToPriorState(t *testing.T) {
	cds := `"[{\"name\":\"app\",\"image\":\"nginx\",\"memory\":256}]"`
	planned := []string{
		tfResource("aws_ecs_cluster.c", `{"name": "c"}`),
		tfResource("aws_ecs_service.web", `{"name": "web", "desired_count": 3, "launch_type": null, "scheduling_strategy": "REPLICA"}`),
		tfResource("aws_ecs_task_definition.web", `{"family": "web", "network_mode": "bridge", "container_definitions": `+cds+`}`),
	}
	prior := []string{
		tfResource("aws_ecs_cluster.c", `{"name": "c", "arn": "arn:aws:ecs:us-east-1:123456789012:cluster/c"}`),
		tfResource("aws_ecs_service.web", `{"name": "web", "desired_count": 2, "launch_type": "EC2", "task_definition": "web:7"}`),
		tfResource("aws_ecs_task_definition.web", `{"family": "web", "revision": 7, "container_definitions": `+cds+`}`),
	}
	c := tfReadText(t, []byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [`+
		strings.Join(planned, ",")+`]}}, "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [`+
		strings.Join(prior, ",")+`]}}}}`))
	if len(c.TaskDefinitions) != 1 || c.TaskDefinitions[0].Name() != "web:7" || c.TaskDefinitions[0].From != "t.json: aws_ecs_task_definition.web" {
		t.Errorf("task definitions %s", tfDump(t, c.TaskDefinitions))
	}
	want := []Service{{Name: "web", TaskDefinition: "web:7", DesiredCount: 3, SchedulingStrategy: "REPLICA", From: "t.json: aws_ecs_service.web"}}
	if !reflect.DeepEqual(c.Services, want) {
		t.Errorf("services %s", tfDump(t, c.Services))
	}
}

// TestTerraformTaskDefinitionBody: volumes, the runtime platform and
// placement constraints in the API's camelCase, unset values left out;
// a service naming a family alone runs its latest revision read; a
// service of another cluster is noted, not read.
func TestTerraformTaskDefinitionBody(t *testing.T) {
	td := func(rev int) string {
		return fmt.Sprintf(`{"family": "job", "revision": %d, "cpu": "", "memory": "", "network_mode": "bridge",
			"requires_compatibilities": ["EC2"], "container_definitions": "[{\"name\":\"j\",\"image\":\"job\",\"memory\":128,\"environment\":[],\"secrets\":null}]",
			"runtime_platform": [{"cpu_architecture": "ARM64", "operating_system_family": "LINUX"}],
			"placement_constraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ m6g.*"}],
			"volume": [{"name": "data", "host_path": "/data", "configure_at_launch": false, "docker_volume_configuration": [],
				"efs_volume_configuration": []},
				{"name": "efs", "host_path": "", "efs_volume_configuration": [{"file_system_id": "fs-1", "root_directory": "/",
				"transit_encryption": "ENABLED", "transit_encryption_port": 0, "authorization_config": [{"access_point_id": "fsap-1", "iam": "ENABLED"}]}]}]}`, rev)
	}
	c := tfReadText(t, tfStateOf(
		tfResource("aws_ecs_cluster.c", `{"name": "c", "arn": "arn:aws:ecs:us-east-1:123456789012:cluster/c"}`),
		tfResource("aws_ecs_task_definition.old", td(2)),
		tfResource("aws_ecs_task_definition.job", td(5)),
		tfResource("aws_ecs_service.job", `{"name": "job", "cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/c", "task_definition": "job", "desired_count": 1}`),
		tfResource("aws_ecs_service.elsewhere", `{"name": "x", "cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/other", "task_definition": "job:9"}`),
	))
	body := `family: job
revision: 5
requiresCompatibilities: [EC2]
networkMode: bridge
runtimePlatform:
  cpuArchitecture: ARM64
  operatingSystemFamily: LINUX
placementConstraints:
  - {type: memberOf, expression: 'attribute:ecs.instance-type =~ m6g.*'}
volumes:
  - name: data
    host:
      sourcePath: /data
  - name: efs
    efsVolumeConfiguration:
      fileSystemId: fs-1
      rootDirectory: /
      transitEncryption: ENABLED
      authorizationConfig:
        accessPointId: fsap-1
        iam: ENABLED
containerDefinitions:
  - name: j
    image: job
    memory: 128
`
	if got := tfBody(t, c.TaskDefinitions[1].Body); got != body {
		t.Errorf("body\n%s\nwant\n%s", got, body)
	}
	if len(c.Services) != 1 || c.Services[0].TaskDefinition != "job:5" {
		t.Errorf("services %s", tfDump(t, c.Services))
	}
	if want := []string{"aws_ecs_service.elsewhere: a service of cluster arn:aws:ecs:us-east-1:123456789012:cluster/other, not c"}; !reflect.DeepEqual(c.Ignored, want) {
		t.Errorf("ignored %q", c.Ignored)
	}
	if _, err := Scenario(c, "job.yaml"); err != nil {
		t.Errorf("the scenario does not validate: %v", err)
	}
}
