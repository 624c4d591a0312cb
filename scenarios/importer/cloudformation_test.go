package importer

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"gopkg.in/yaml.v3"
)

const cfnShopYAML = "testdata/cloudformation/shop.yaml"

// cfnRead reads a fixture, failing the test on an error.
func cfnRead(t *testing.T, path string, params map[string]string) *Cluster {
	t.Helper()
	c, err := ReadCloudFormation(path, params)
	if err != nil {
		t.Fatalf("ReadCloudFormation(%s): %v", path, err)
	}
	return c
}

// cfnBodyText writes a task definition body as YAML for comparisons.
func cfnBodyText(t *testing.T, n *yaml.Node) string {
	t.Helper()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCloudFormationShop: the reference cluster, read from a template that
// reaches its values through parameters, !Sub, !Join, !FindInMap, !If,
// !GetAZs and !Select, is exactly the reference (hand-copied from the
// cluster's description), with each piece's logical ID.
func TestCloudFormationShop(t *testing.T) {
	c := cfnRead(t, cfnShopYAML, nil)
	want := &Cluster{
		Name:   "shop",
		Source: "CloudFormation template " + cfnShopYAML,
		CapacityProviders: []CapacityProvider{
			{Name: "general", From: "Resources.GeneralCapacityProvider",
				ASG: &AutoScalingGroup{Name: "shop-general-asg", InstanceTypes: []string{"m5.large", "m5.xlarge"},
					AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, MinSize: 0, MaxSize: 20, DesiredCapacity: ptr(2),
					From: "Resources.GeneralAutoScalingGroup"},
				ManagedScaling: &ManagedScaling{TargetCapacity: ptr(90), MinimumScalingStepSize: ptr(1),
					MaximumScalingStepSize: ptr(10), InstanceWarmupPeriod: ptr(120)},
				ManagedTerminationProtection: "ENABLED", ManagedDraining: "ENABLED"},
			{Name: "spot", From: "Resources.SpotCapacityProvider",
				ASG: &AutoScalingGroup{Name: "shop-spot-asg", InstanceTypes: []string{"c5.large", "c5.xlarge"},
					AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}, MaxSize: 10, DesiredCapacity: ptr(0),
					Spot: true, From: "Resources.SpotAutoScalingGroup"},
				ManagedScaling:               &ManagedScaling{TargetCapacity: ptr(100)},
				ManagedTerminationProtection: "DISABLED", ManagedDraining: "ENABLED"},
			{Name: "FARGATE", From: "Resources.ClusterCapacityProviders.Properties.CapacityProviders[2]"},
			{Name: "FARGATE_SPOT", From: "Resources.ClusterCapacityProviders.Properties.CapacityProviders[3]"},
		},
		DefaultStrategy: []StrategyItem{{CapacityProvider: "general", Base: 1, Weight: 1}, {CapacityProvider: "spot", Weight: 3}},
		Services: []Service{
			{Name: "web", TaskDefinition: "web:1", DesiredCount: 4, From: "Resources.WebService",
				PlacementStrategy: []PlacementStrategy{{Type: "spread", Field: "attribute:ecs.availability-zone"},
					{Type: "binpack", Field: "memory"}},
				PlacementConstraints:  []PlacementConstraint{{Type: "distinctInstance"}},
				MinimumHealthyPercent: ptr(50), MaximumPercent: ptr(200), CircuitBreaker: &CircuitBreaker{Enable: true, Rollback: true}},
			{Name: "api", TaskDefinition: "api:1", DesiredCount: 2, From: "Resources.ApiService",
				CapacityProviderStrategy: []StrategyItem{{CapacityProvider: "FARGATE", Weight: 1}, {CapacityProvider: "FARGATE_SPOT", Weight: 1}}},
			{Name: "agent", TaskDefinition: "agent:1", DesiredCount: 1, SchedulingStrategy: "DAEMON", LaunchType: "EC2",
				From:                 "Resources.AgentService",
				PlacementConstraints: []PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.os-type == linux"}}},
		},
		Ignored: []string{
			"AWS::IAM::Role InstanceRole",
			"AWS::IAM::InstanceProfile InstanceProfile",
			"AWS::IAM::Role TaskExecutionRole",
			"AWS::Logs::LogGroup LogGroup",
			"AWS::EC2::SecurityGroup LoadBalancerSecurityGroup",
			"AWS::ElasticLoadBalancingV2::LoadBalancer WebLoadBalancer",
			"AWS::ElasticLoadBalancingV2::TargetGroup WebTargetGroup",
			"AWS::ElasticLoadBalancingV2::Listener WebListener",
			"Resources.Cluster.Properties.ClusterSettings",
			"Resources.GeneralAutoScalingGroup.Properties.NewInstancesProtectedFromScaleIn",
			"Resources.SpotAutoScalingGroup.Properties.NewInstancesProtectedFromScaleIn",
			"Resources.WebTaskDefinition.Properties.ExecutionRoleArn: GetAtt TaskExecutionRole.Arn (AWS::IAM::Role) cannot be resolved statically (not modelled; left out)",
			"Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration: Ref to AWS::Logs::LogGroup LogGroup cannot be resolved statically (not modelled; left out)",
			"Resources.ApiTaskDefinition.Properties.ExecutionRoleArn: GetAtt TaskExecutionRole.Arn (AWS::IAM::Role) cannot be resolved statically (not modelled; left out)",
			"Resources.WebService.Properties.HealthCheckGracePeriodSeconds",
			"Resources.WebService.Properties.LoadBalancers",
			"Resources.ApiService.Properties.NetworkConfiguration",
		},
	}
	defs := c.TaskDefinitions
	c.TaskDefinitions = nil
	if !reflect.DeepEqual(c, want) {
		for i := range max(len(c.Ignored), len(want.Ignored)) {
			if i >= len(c.Ignored) || i >= len(want.Ignored) || c.Ignored[i] != want.Ignored[i] {
				t.Errorf("Ignored[%d] differs: got %q", i, c.Ignored[i:])
				break
			}
		}
		t.Fatalf("got  %+v\nwant %+v", c, want)
	}
	bodies := map[string]string{
		"web": "requiresCompatibilities: [EC2]\nnetworkMode: bridge\ncontainerDefinitions:\n  - name: app\n    image: nginx\n" +
			"    cpu: 256\n    memory: 512\n    essential: true\n    portMappings:\n      - containerPort: 80\n        hostPort: 0\n        protocol: tcp\n",
		"api": "requiresCompatibilities: [EC2, FARGATE]\nnetworkMode: awsvpc\ncpu: \"512\"\nmemory: \"1024\"\ncontainerDefinitions:\n" +
			"  - name: api\n    image: api:7\n    essential: true\n    portMappings:\n      - containerPort: 8080\n        protocol: tcp\n",
		"agent": "requiresCompatibilities: [EC2]\nnetworkMode: bridge\ncontainerDefinitions:\n  - name: agent\n    image: agent\n" +
			"    cpu: 128\n    memory: 256\n    essential: true\n",
		"batch": "requiresCompatibilities: [FARGATE]\nnetworkMode: awsvpc\ncpu: \"1024\"\nmemory: \"2048\"\ncontainerDefinitions:\n" +
			"  - name: job\n    image: job\n    essential: true\n",
	}
	if len(defs) != 4 {
		t.Fatalf("%d task definitions, want 4", len(defs))
	}
	for _, d := range defs {
		n := taskDefinitionNode(d)
		n.Content = n.Content[4:] // family and revision, checked here
		if d.Revision != 1 || bodies[d.Family] == "" || !strings.HasSuffix(d.From, " (revision 1, the first a stack registers)") {
			t.Errorf("%s: revision %d, from %q", d.Family, d.Revision, d.From)
		}
		if got := cfnBodyText(t, n); got != bodies[d.Family] {
			t.Errorf("%s's body:\n%s\nwant\n%s", d.Family, got, bodies[d.Family])
		}
	}
}

// TestCloudFormationJSONAgrees: the same template in JSON, with the long
// forms ({"Ref": …}, {"Fn::GetAtt": [...]}, "Fn::GetAtt": "A.B",
// {"Fn::Sub": [text, {variables}]}), imports to the same cluster; the
// scenario written from it validates and matches the golden file.
func TestCloudFormationJSONAgrees(t *testing.T) {
	fromYAML := cfnRead(t, cfnShopYAML, nil)
	fromJSON := cfnRead(t, "testdata/cloudformation/shop.json", nil)
	fromJSON.Source = fromYAML.Source
	if !reflect.DeepEqual(fromYAML, fromJSON) {
		t.Fatalf("the JSON template imports differently:\nYAML %+v\nJSON %+v", fromYAML, fromJSON)
	}
	data, err := Scenario(fromYAML, "shop.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	golden := "testdata/cloudformation/shop.golden.yaml"
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("the scenario differs from %s (go test -update rewrites it):\n%s", golden, data)
	}
}

// TestCloudFormationParameters: --parameter values replace the defaults
// (web's desired count), and flow through conditions (Environment=staging
// flips IsProd: the general group's DesiredCapacity !If gives 1, the spot
// group's !FindInMap MaxSize 2, and api gets the random strategy its !If
// adds); a parameter the template does not declare is refused.
func TestCloudFormationParameters(t *testing.T) {
	c := cfnRead(t, cfnShopYAML, map[string]string{"WebDesiredCount": "6", "Environment": "staging"})
	if got := c.Services[0].DesiredCount; got != 6 {
		t.Errorf("web's desiredCount %d, want 6", got)
	}
	if got := *c.CapacityProviders[0].ASG.DesiredCapacity; got != 1 {
		t.Errorf("general's desired capacity %d, want 1", got)
	}
	if got := c.CapacityProviders[1].ASG.MaxSize; got != 2 {
		t.Errorf("spot's max size %d, want 2", got)
	}
	if got := c.Services[1].PlacementStrategy; !reflect.DeepEqual(got, []PlacementStrategy{{Type: "random"}}) {
		t.Errorf("api's placement strategy %+v", got)
	}
	if c := cfnRead(t, cfnShopYAML, map[string]string{"AWS::Region": "eu-west-1"}); c.CapacityProviders[1].ASG.AvailabilityZones[2] != "eu-west-1c" {
		t.Errorf("zones in eu-west-1: %v", c.CapacityProviders[1].ASG.AvailabilityZones)
	}
	_, err := ReadCloudFormation(cfnShopYAML, map[string]string{"WebCount": "6"})
	if err == nil || !strings.Contains(err.Error(), "shop.yaml: Parameters: --parameter WebCount: the template declares no parameter WebCount") {
		t.Errorf("err = %v", err)
	}
	_, err = ReadCloudFormation(cfnShopYAML, map[string]string{"Environment": "test"})
	if err == nil || !strings.Contains(err.Error(), "shop.yaml:13:20: Parameters.Environment.AllowedValues: --parameter Environment=test: the value must be one of prod, staging") {
		t.Errorf("err = %v", err)
	}
}

// TestCloudFormationErrors: each broken template is an error naming the
// file, the line and column, and the template path; all are bad input
// (scenarios.Errors, exit 2).
func TestCloudFormationErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"no_cluster.yaml", "no_cluster.yaml: Resources: the template declares no AWS::ECS::Cluster"},
		{"missing_parameter.yaml", "missing_parameter.yaml:17:21: Resources.Web.Properties.DesiredCount: parameter WebCount has no Default; give its value with --parameter WebCount=VALUE"},
		{"import_value.yaml", "import_value.yaml:16:21: Resources.WebService.Properties.DesiredCount: !ImportValue cannot be resolved statically (it is another stack's export)"},
		{"cycle.yaml", "cycle.yaml:6:20: Resources.Cluster.Properties.ClusterName: reference cycle: resource Cluster → resource Provider → resource Cluster"},
		{"malformed.yaml", "malformed.yaml:7: not a CloudFormation template: line 7: mapping values are not allowed in this context"},
		{"missing_ref.yaml", "missing_ref.yaml:16:23: Resources.WebService.Properties.TaskDefinition: Ref to WebTask, which is neither a parameter nor a resource of the template"},
		{"missing_group.yaml", "missing_group.yaml:12:30: Resources.Provider.Properties.AutoScalingGroupProvider.AutoScalingGroupArn: Auto Scaling group shop-asg is not declared in the template (aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names shop-asg)"},
		{"missing_launch_template.yaml", "missing_launch_template.yaml:16:9: Resources.Group.Properties.LaunchTemplate: launch template lt-0123456789abcdef0 is not declared in the template; ecsim needs its instance type (aws ec2 describe-launch-template-versions --launch-template-id lt-0123456789abcdef0 --versions '3')"},
	} {
		path := "testdata/cloudformation/errors/" + tc.file
		_, err := ReadCloudFormation(path, nil)
		var fe scenarios.Errors
		if !errors.As(err, &fe) {
			t.Errorf("%s: err = %v (%T), want scenarios.Errors", tc.file, err, err)
			continue
		}
		if !strings.Contains(err.Error(), "testdata/cloudformation/errors/"+tc.want) {
			t.Errorf("%s:\n got %v\nwant %s", tc.file, err, tc.want)
		}
	}
	_, err := ReadCloudFormation("testdata/cloudformation/errors/absent.yaml", nil)
	if err == nil || err.Error() != "testdata/cloudformation/errors/absent.yaml: cannot read the CloudFormation template: no such file or directory" {
		t.Errorf("absent file: %v", err)
	}
}
