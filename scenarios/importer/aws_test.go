package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

// readAWSFixture reads a folder of testdata/aws.
func readAWSFixture(t *testing.T, name string) *Cluster {
	t.Helper()
	c, err := ReadAWS(filepath.Join("testdata", "aws", name))
	if err != nil {
		t.Fatalf("ReadAWS(%s): %v", name, err)
	}
	return c
}

// TestAWSGoldens imports each complete fixture and compares the scenario
// with its golden file (-update rewrites them); the scenario validates and
// runs.
func TestAWSGoldens(t *testing.T) {
	// The services' tasks run after an hour: shop's web (4), api (2) and
	// agent (a daemon, on each of general's 2 instances at least);
	// standalone's collector (3).
	for name, minRunning := range map[string]int{"shop": 8, "standalone": 3} {
		t.Run(name, func(t *testing.T) {
			c := readAWSFixture(t, name)
			data, err := Scenario(c, name+".yaml")
			if err != nil {
				t.Fatalf("Scenario: %v\n%s", err, data)
			}
			golden := filepath.Join("testdata", "aws", name+".golden.yaml")
			if *update {
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestAWSGoldens -update)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("the scenario differs from %s (go test -run TestAWSGoldens -update rewrites it):\n%s", golden, data)
			}
			runImported(t, name, data, minRunning)
		})
	}
}

// runImported runs an imported scenario for an hour under the world's
// invariant checker.
func runImported(t *testing.T, name string, data []byte, minRunning int) {
	t.Helper()
	s, err := scenarios.Parse(name+".yaml", ".", data)
	if err != nil {
		t.Fatal(err)
	}
	s, err = s.WithSets(scenarios.Set{Path: "duration", Value: "1h", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	chk := world.NewChecker(1)
	w, err := world.New(s.Config, chk)
	if err != nil {
		t.Fatalf("world.New: %v", err)
	}
	chk.Attach(w)
	final := w.Run(nil)
	if err := chk.Err(); err != nil {
		t.Errorf("the run broke an invariant: %v", err)
	}
	if final.TasksRunningAtEnd < minRunning {
		t.Errorf("%d tasks running after an hour, want at least %d", final.TasksRunningAtEnd, minRunning)
	}
}

func TestAWSShopModel(t *testing.T) {
	c := readAWSFixture(t, "shop")
	if c.Name != "shop" || c.Source != "aws describe outputs in testdata/aws/shop" {
		t.Errorf("name %q, source %q", c.Name, c.Source)
	}
	var names []string
	for _, cp := range c.CapacityProviders {
		names = append(names, cp.Name)
	}
	if want := []string{"general", "spot", "FARGATE", "FARGATE_SPOT"}; !slices.Equal(names, want) {
		t.Fatalf("providers %v, want %v", names, want)
	}
	general, spot := c.CapacityProviders[0], c.CapacityProviders[1]
	if g := general.ASG; g == nil || g.Name != "shop-general-asg" ||
		!slices.Equal(g.InstanceTypes, []string{"m5.large", "m5.xlarge"}) ||
		!slices.Equal(g.AvailabilityZones, []string{"us-east-1a", "us-east-1b"}) ||
		g.MinSize != 0 || g.MaxSize != 20 || g.DesiredCapacity == nil || *g.DesiredCapacity != 2 ||
		g.Spot || g.AllocationStrategy != "" {
		t.Errorf("general's group: %+v", general.ASG)
	}
	if ms := general.ManagedScaling; ms == nil || *ms.TargetCapacity != 90 || *ms.MinimumScalingStepSize != 1 ||
		*ms.MaximumScalingStepSize != 10 || *ms.InstanceWarmupPeriod != 120 {
		t.Errorf("general's managed scaling: %+v", general.ManagedScaling)
	}
	if general.ManagedTerminationProtection != "ENABLED" || general.ManagedDraining != "ENABLED" {
		t.Errorf("general: termination protection %q, draining %q", general.ManagedTerminationProtection, general.ManagedDraining)
	}
	if g := spot.ASG; g == nil || !g.Spot || g.AllocationStrategy != "" || // price-capacity-optimized: prioritized
		!slices.Equal(g.InstanceTypes, []string{"c5.large", "c5.xlarge"}) || len(g.AvailabilityZones) != 3 ||
		g.MaxSize != 10 || *g.DesiredCapacity != 0 {
		t.Errorf("spot's group: %+v", spot.ASG)
	}
	if ms := spot.ManagedScaling; ms == nil || *ms.TargetCapacity != 100 || ms.MinimumScalingStepSize != nil ||
		ms.MaximumScalingStepSize != nil || ms.InstanceWarmupPeriod != nil {
		t.Errorf("spot's managed scaling: %+v", spot.ManagedScaling)
	}
	if spot.ManagedTerminationProtection != "DISABLED" || spot.ManagedDraining != "ENABLED" {
		t.Errorf("spot: termination protection %q, draining %q", spot.ManagedTerminationProtection, spot.ManagedDraining)
	}
	if fg := c.CapacityProviders[2]; fg.ASG != nil || fg.ManagedScaling != nil || fg.From != "cluster.json: clusters[0].capacityProviders[2]" {
		t.Errorf("FARGATE: %+v", fg)
	}
	want := []StrategyItem{{"general", 1, 1}, {"spot", 0, 3}}
	if !slices.Equal(c.DefaultStrategy, want) {
		t.Errorf("default strategy %+v, want %+v", c.DefaultStrategy, want)
	}
	if len(c.Instances) != 0 {
		t.Errorf("the general group's container instances were written as instances outside it: %+v", c.Instances)
	}
}

func TestAWSShopServices(t *testing.T) {
	c := readAWSFixture(t, "shop")
	if len(c.Services) != 3 {
		t.Fatalf("%d services, want web, api, agent", len(c.Services))
	}
	web, api, agent := c.Services[0], c.Services[1], c.Services[2]
	if web.Name != "web" || web.TaskDefinition != "web:1" || web.DesiredCount != 4 || web.LaunchType != "" {
		t.Errorf("web: %+v", web)
	}
	if web.CapacityProviderStrategy != nil {
		t.Errorf("web's strategy, the cluster's default as DescribeServices shows it, should be written as none: %+v",
			web.CapacityProviderStrategy)
	}
	if want := []PlacementStrategy{{"spread", "attribute:ecs.availability-zone"}, {"binpack", "memory"}}; !slices.Equal(web.PlacementStrategy, want) {
		t.Errorf("web's placement strategy %+v", web.PlacementStrategy)
	}
	if !slices.Equal(web.PlacementConstraints, []PlacementConstraint{{Type: "distinctInstance"}}) {
		t.Errorf("web's constraints %+v", web.PlacementConstraints)
	}
	if web.MinimumHealthyPercent == nil || *web.MinimumHealthyPercent != 50 || web.MaximumPercent == nil ||
		*web.MaximumPercent != 200 || web.CircuitBreaker == nil || !web.CircuitBreaker.Enable || !web.CircuitBreaker.Rollback {
		t.Errorf("web's deployment: %v %v %+v", web.MinimumHealthyPercent, web.MaximumPercent, web.CircuitBreaker)
	}
	if want := []StrategyItem{{"FARGATE", 0, 1}, {"FARGATE_SPOT", 0, 1}}; api.TaskDefinition != "api:1" ||
		api.DesiredCount != 2 || !slices.Equal(api.CapacityProviderStrategy, want) {
		t.Errorf("api: %+v", api)
	}
	if api.MinimumHealthyPercent != nil || api.MaximumPercent != nil || api.CircuitBreaker != nil {
		t.Errorf("api's default deployment configuration should be written as none: %v %v %+v",
			api.MinimumHealthyPercent, api.MaximumPercent, api.CircuitBreaker)
	}
	if agent.SchedulingStrategy != "DAEMON" || agent.LaunchType != "EC2" || agent.TaskDefinition != "agent:1" ||
		!slices.Equal(agent.PlacementConstraints, []PlacementConstraint{{"memberOf", "attribute:ecs.os-type == linux"}}) ||
		agent.MinimumHealthyPercent != nil || agent.MaximumPercent != nil {
		t.Errorf("agent: %+v", agent)
	}
	if web.From != "services-1.json: services[0]" {
		t.Errorf("web read from %q", web.From)
	}
}

func TestAWSShopTaskDefinitionsAndIgnored(t *testing.T) {
	c := readAWSFixture(t, "shop")
	var names []string
	for _, d := range c.TaskDefinitions {
		names = append(names, d.Name())
	}
	// The services' revisions in service order, then batch, which no
	// service runs.
	if want := []string{"web:1", "api:1", "agent:1", "batch:1"}; !slices.Equal(names, want) {
		t.Errorf("task definitions %v, want %v", names, want)
	}
	api := c.TaskDefinitions[1]
	if get(api.Body, "cpu").Value != "512" || get(api.Body, "memory").Value != "1024" ||
		get(api.Body, "taskDefinitionArn").Value != "arn:aws:ecs:us-east-1:123456789012:task-definition/api:1" ||
		api.From != "task-definition-api-1.json: taskDefinition" {
		t.Errorf("api's body is not the describe output's taskDefinition (from %s)", api.From)
	}
	want := []string{
		"services[web].loadBalancers: load balancers are not modelled",
		"services[api].networkConfiguration: subnets, security groups and public IPs are not modelled",
		"IAM role shop-task-execution (executionRoleArn): IAM is not modelled",
		"CloudWatch log group /ecs/shop (logConfiguration): logs are not modelled",
	}
	if got := dedupe(c.Ignored); !slices.Equal(got, want) {
		t.Errorf("ignored:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestAWSStandaloneInstances(t *testing.T) {
	c := readAWSFixture(t, "standalone")
	if len(c.CapacityProviders) != 0 || len(c.DefaultStrategy) != 0 {
		t.Errorf("providers %+v, default strategy %+v", c.CapacityProviders, c.DefaultStrategy)
	}
	type key struct{ typ, zone, team string }
	var got []key
	for _, in := range c.Instances {
		got = append(got, key{in.InstanceType, in.AvailabilityZone, in.Attributes["team"]})
		if len(in.Attributes) > 1 {
			t.Errorf("%s: attributes %v, want team alone (not the ecs.* and com.amazonaws.* ones)", in.From, in.Attributes)
		}
	}
	want := []key{{"m5.large", "us-east-1c", "ops"}, {"c5.xlarge", "us-east-1a", ""}, {"m5.large", "us-east-1c", "ops"}}
	if !slices.Equal(got, want) {
		t.Errorf("instances %+v, want %+v", got, want)
	}
	if len(c.Services) != 1 || c.Services[0].LaunchType != "EC2" {
		t.Errorf("services %+v", c.Services)
	}
}
