package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"gopkg.in/yaml.v3"
)

const (
	tfState = "testdata/terraform/shop.state.json"
	tfPlan  = "testdata/terraform/shop.plan.json"
)

func tfInt(n int) *int { return &n }

// tfRead reads a fixture, failing the test on an error.
func tfRead(t *testing.T, path string) *Cluster {
	t.Helper()
	c, err := ReadTerraform(path)
	if err != nil {
		t.Fatalf("ReadTerraform(%s): %v", path, err)
	}
	return c
}

// tfBody is a task definition body as YAML text.
func tfBody(t *testing.T, n *yaml.Node) string {
	t.Helper()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReadTerraformState: the reference cluster "shop" read from a state,
// value by value as the fixture writes them: the providers in the
// cluster's order with FARGATE last (the set Terraform keeps is sorted),
// the spot group found in module.spot by its ARN, the mixed instances
// policies' overrides in order, the default strategy in provider order,
// task_definition ARNs and family:revision resolved, Terraform's default
// deployment percentages (api: 100/200; agent, a daemon: 0/100) and the
// API's empty circuit breaker read as not given.
func TestReadTerraformState(t *testing.T) {
	c := tfRead(t, tfState)
	if c.Name != "shop" || c.Source != "Terraform state "+tfState {
		t.Errorf("name %q, source %q", c.Name, c.Source)
	}
	wantProviders := []CapacityProvider{
		{Name: "general", ManagedTerminationProtection: "ENABLED", ManagedDraining: "ENABLED",
			From: tfState + ": aws_ecs_capacity_provider.general",
			ManagedScaling: &ManagedScaling{TargetCapacity: tfInt(90), MinimumScalingStepSize: tfInt(1),
				MaximumScalingStepSize: tfInt(10), InstanceWarmupPeriod: tfInt(120)},
			ASG: &AutoScalingGroup{Name: "shop-general-asg", InstanceTypes: []string{"m5.large", "m5.xlarge"},
				AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, MinSize: 0, MaxSize: 20, DesiredCapacity: tfInt(2),
				From: tfState + ": aws_autoscaling_group.general"}},
		{Name: "spot", ManagedTerminationProtection: "DISABLED", ManagedDraining: "ENABLED",
			From:           tfState + ": module.spot.aws_ecs_capacity_provider.this",
			ManagedScaling: &ManagedScaling{TargetCapacity: tfInt(100)},
			ASG: &AutoScalingGroup{Name: "shop-spot-asg", InstanceTypes: []string{"c5.large", "c5.xlarge"},
				AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}, MaxSize: 10, DesiredCapacity: tfInt(0),
				Spot: true, From: tfState + ": module.spot.aws_autoscaling_group.this"}},
		{Name: "FARGATE", From: tfState + ": aws_ecs_cluster_capacity_providers.shop"},
		{Name: "FARGATE_SPOT", From: tfState + ": aws_ecs_cluster_capacity_providers.shop"},
	}
	if !reflect.DeepEqual(c.CapacityProviders, wantProviders) {
		t.Errorf("providers\n got %s\nwant %s", tfDump(t, c.CapacityProviders), tfDump(t, wantProviders))
	}
	wantDefault := []StrategyItem{{CapacityProvider: "general", Base: 1, Weight: 1}, {CapacityProvider: "spot", Weight: 3}}
	if !reflect.DeepEqual(c.DefaultStrategy, wantDefault) {
		t.Errorf("default strategy %+v", c.DefaultStrategy)
	}
	wantServices := []Service{
		{Name: "agent", TaskDefinition: "agent:1", SchedulingStrategy: "DAEMON", LaunchType: "EC2",
			PlacementConstraints: []PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.os-type == linux"}},
			From:                 tfState + ": aws_ecs_service.agent"},
		{Name: "api", TaskDefinition: "api:1", DesiredCount: 2, SchedulingStrategy: "REPLICA",
			CapacityProviderStrategy: []StrategyItem{{CapacityProvider: "FARGATE", Weight: 1}, {CapacityProvider: "FARGATE_SPOT", Weight: 1}},
			From:                     tfState + ": aws_ecs_service.api"},
		{Name: "web", TaskDefinition: "web:1", DesiredCount: 4, SchedulingStrategy: "REPLICA",
			PlacementStrategy:     []PlacementStrategy{{Type: "spread", Field: "attribute:ecs.availability-zone"}, {Type: "binpack", Field: "memory"}},
			PlacementConstraints:  []PlacementConstraint{{Type: "distinctInstance"}},
			MinimumHealthyPercent: tfInt(50), MaximumPercent: tfInt(200), CircuitBreaker: &CircuitBreaker{Enable: true, Rollback: true},
			From: tfState + ": aws_ecs_service.web"},
	}
	if !reflect.DeepEqual(c.Services, wantServices) {
		t.Errorf("services\n got %s\nwant %s", tfDump(t, c.Services), tfDump(t, wantServices))
	}
	wantIgnored := []string{"aws_cloudwatch_log_group.ecs", "aws_iam_role.task_execution", "aws_lb.web",
		"aws_lb_target_group.web", "aws_ecs_service.api.values.network_configuration",
		"aws_ecs_service.web.values.load_balancer"}
	if !reflect.DeepEqual(c.Ignored, wantIgnored) {
		t.Errorf("ignored %q", c.Ignored)
	}
}

// TestReadTerraformTaskDefinitions: each aws_ecs_task_definition in the
// API's shape: container_definitions parsed without the empty lists ECS
// adds, the set of compatibilities, the task size as strings.
func TestReadTerraformTaskDefinitions(t *testing.T) {
	c := tfRead(t, tfState)
	var names []string
	for _, d := range c.TaskDefinitions {
		names = append(names, d.Name())
	}
	if got := strings.Join(names, " "); got != "agent:1 api:1 batch:1 web:1" {
		t.Fatalf("task definitions %s", got)
	}
	web := `family: web
revision: 1
requiresCompatibilities: [EC2]
networkMode: bridge
containerDefinitions:
  - cpu: 256
    essential: true
    image: nginx
    memory: 512
    name: app
    portMappings:
      - containerPort: 80
        hostPort: 0
        protocol: tcp
`
	if got := tfBody(t, c.TaskDefinitions[3].Body); got != web {
		t.Errorf("web's body\n%s\nwant\n%s", got, web)
	}
	api := tfBody(t, c.TaskDefinitions[1].Body)
	for _, want := range []string{"requiresCompatibilities: [EC2, FARGATE]\n", "networkMode: awsvpc\n", "cpu: \"512\"\n",
		"memory: \"1024\"\n", "awslogs-group: /ecs/shop\n"} {
		if !strings.Contains(api, want) {
			t.Errorf("api's body lacks %q:\n%s", want, api)
		}
	}
	if strings.Contains(api, "executionRoleArn") || strings.Contains(api, "hostPort") {
		t.Errorf("api's body:\n%s", api)
	}
	if c.TaskDefinitions[2].From != tfState+": aws_ecs_task_definition.batch" {
		t.Errorf("batch from %q", c.TaskDefinitions[2].From)
	}
}

// tfComparable is a cluster without where it was read, bodies as text.
func tfComparable(t *testing.T, c *Cluster) *Cluster {
	t.Helper()
	out := *c
	out.Source = ""
	out.CapacityProviders = append([]CapacityProvider(nil), c.CapacityProviders...)
	for i := range out.CapacityProviders {
		out.CapacityProviders[i].From = ""
		if g := out.CapacityProviders[i].ASG; g != nil {
			gc := *g
			gc.From = ""
			out.CapacityProviders[i].ASG = &gc
		}
	}
	out.Services = append([]Service(nil), c.Services...)
	for i := range out.Services {
		out.Services[i].From = ""
	}
	out.TaskDefinitions = append([]TaskDefinition(nil), c.TaskDefinitions...)
	for i, d := range out.TaskDefinitions {
		out.TaskDefinitions[i].From = ""
		out.TaskDefinitions[i].Body = &yaml.Node{Kind: yaml.ScalarNode, Value: tfBody(t, d.Body)}
	}
	return &out
}

// TestReadTerraformPlanMatchesState: the plan that creates the same
// cluster imports to the same model (where it was read aside): its
// unknowns (ARNs, the group a provider uses, a service's task definition,
// the computed managed scaling settings) found through the configuration
// or left as not given, each revision assumed 1 and said so.
func TestReadTerraformPlanMatchesState(t *testing.T) {
	state, plan := tfRead(t, tfState), tfRead(t, tfPlan)
	if plan.Source != "Terraform plan "+tfPlan {
		t.Errorf("source %q", plan.Source)
	}
	if got, want := tfComparable(t, plan), tfComparable(t, state); !reflect.DeepEqual(got, want) {
		t.Errorf("plan\n%s\nstate\n%s", tfDump(t, got), tfDump(t, want))
	}
	if from := plan.TaskDefinitions[0].From; from != tfPlan+": aws_ecs_task_definition.agent (revision unknown in the plan: 1 assumed)" {
		t.Errorf("from %q", from)
	}
}

// TestTerraformGolden: the scenario written from the state validates and
// is the golden file; the plan's differs only in where it was read.
func TestTerraformGolden(t *testing.T) {
	got, err := Scenario(tfRead(t, tfState), "shop.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	golden := filepath.Join("testdata", "terraform", "shop.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the scenario differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
	fromPlan, err := Scenario(tfRead(t, tfPlan), "shop.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, fromPlan)
	}
	sc, err := scenarios.Parse("shop.yaml", ".", fromPlan)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sc.Config.CapacityProviders); n != 4 || len(sc.Config.Services) != 3 || len(sc.Config.Workloads) != 1 {
		t.Errorf("the plan's scenario has %d providers, %d services, %d workloads", n, len(sc.Config.Services), len(sc.Config.Workloads))
	}
	strip := func(b []byte) string {
		s := strings.ReplaceAll(string(b), tfPlan, tfState)
		s = strings.ReplaceAll(s, "Terraform plan", "Terraform state")
		return strings.ReplaceAll(s, " (revision unknown in the plan: 1 assumed)", "")
	}
	if strip(fromPlan) != string(got) {
		t.Errorf("the plan's scenario differs from the state's beyond where it was read:\n%s", fromPlan)
	}
}

// tfDump shows a value as YAML for a failure message.
func tfDump(t *testing.T, v any) string {
	t.Helper()
	b, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
