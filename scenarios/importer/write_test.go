package importer

import (
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"gopkg.in/yaml.v3"
)

// body parses a task definition body written as YAML.
func body(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

func ptr(n int) *int { return &n }

// handCluster is a small cluster as a front-end would read it.
func handCluster(t *testing.T) *Cluster {
	return &Cluster{
		Name:   "shop",
		Source: "a test",
		CapacityProviders: []CapacityProvider{
			{Name: "general", From: "here", ManagedTerminationProtection: "ENABLED", ManagedDraining: "ENABLED",
				ASG: &AutoScalingGroup{Name: "g", InstanceTypes: []string{"m5.large", "m5.xlarge"},
					AvailabilityZones: []string{"us-east-1b", "us-east-1a"}, MaxSize: 20, DesiredCapacity: ptr(2), From: "there"},
				ManagedScaling: &ManagedScaling{TargetCapacity: ptr(90), InstanceWarmupPeriod: ptr(120)}},
			{Name: "spot", From: "here", ASG: &AutoScalingGroup{Name: "s", InstanceTypes: []string{"c5.large"}, MaxSize: 10, Spot: true}},
			{Name: "FARGATE", From: "here"},
		},
		DefaultStrategy: []StrategyItem{{CapacityProvider: "general", Base: 1, Weight: 1}, {CapacityProvider: "spot", Weight: 3}},
		Services: []Service{
			{Name: "web", TaskDefinition: "web:1", DesiredCount: 4, MinimumHealthyPercent: ptr(50),
				CircuitBreaker:       &CircuitBreaker{Enable: true, Rollback: true},
				PlacementStrategy:    []PlacementStrategy{{Type: "spread", Field: "attribute:ecs.availability-zone"}},
				PlacementConstraints: []PlacementConstraint{{Type: "distinctInstance"}}},
			{Name: "agent", TaskDefinition: "agent:1", SchedulingStrategy: "DAEMON", LaunchType: "EC2"},
		},
		TaskDefinitions: []TaskDefinition{
			{Family: "web", Revision: 1, From: "w", Body: body(t, "{family: web, containerDefinitions: [{name: app, image: nginx, cpu: 256, memory: 512}]}")},
			{Family: "agent", Revision: 1, From: "a", Body: body(t, "{containerDefinitions: [{name: agent, cpu: 128, memory: 256}]}")},
			{Family: "batch", Revision: 1, From: "b", Body: body(t, `{family: batch, requiresCompatibilities: [FARGATE], networkMode: awsvpc, cpu: "1024", memory: "2048", containerDefinitions: [{name: job}]}`)},
			{Family: "batch", Revision: 2, From: "b2", Body: body(t, `{family: batch, requiresCompatibilities: [FARGATE], networkMode: awsvpc, cpu: "1024", memory: "2048", containerDefinitions: [{name: job}]}`)},
		},
		Instances: []ContainerInstance{
			{InstanceType: "m5.large", AvailabilityZone: "us-east-1c", Attributes: map[string]string{"team": "ops"}, From: "i-1"},
			{InstanceType: "c5.xlarge", AvailabilityZone: "us-east-1a", From: "i-2"},
			{InstanceType: "m5.large", AvailabilityZone: "us-east-1c", Attributes: map[string]string{"team": "ops"}, From: "i-3"},
		},
	}
}

// TestWriteMakesAScenarioECSimRuns: the written scenario validates, and
// holds what was read (hand-checked): the cluster's zones are the union of
// the groups' and instances', identical instances are one entry with a
// count, a DAEMON service has no desiredCount, the family no service runs
// becomes a workload with an ASSUMED load on Fargate (its latest
// revision), and every part says where it was read.
func TestWriteMakesAScenarioECSimRuns(t *testing.T) {
	data, err := Scenario(handCluster(t), "shop.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	sc, err := scenarios.Parse("shop.yaml", ".", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config
	if got := strings.Join(cfg.AvailabilityZones, ","); got != "us-east-1a,us-east-1b,us-east-1c" {
		t.Errorf("zones %s", got)
	}
	if len(cfg.CapacityProviders) != 3 || !cfg.CapacityProviders[1].ASG.Spot || cfg.CapacityProviders[0].ManagedScaling.TargetCapacity != 90 {
		t.Errorf("providers %+v", cfg.CapacityProviders)
	}
	if len(cfg.Workloads) != 1 || cfg.Workloads[0].TaskDefinition.Revision != 2 || cfg.Workloads[0].LaunchType != "FARGATE" {
		t.Errorf("workloads %+v", cfg.Workloads)
	}
	text := string(data)
	for _, want := range []string{
		"# from here", "group g (there)", "count: 2", "team: ops", "ASSUMED: supply the real arrival rate",
		"schedulingStrategy: DAEMON", "deploymentCircuitBreaker:", "# from b2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the scenario lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "desiredCount: 0") {
		t.Errorf("a DAEMON service was given a desired count:\n%s", text)
	}
}

// TestScenarioRefusesWhatECSimCannotRun: an instance type outside the
// catalogue is an error naming the field, not a scenario that fails later.
func TestScenarioRefusesWhatECSimCannotRun(t *testing.T) {
	c := handCluster(t)
	c.CapacityProviders[0].ASG.InstanceTypes = []string{"m99.huge"}
	_, err := Scenario(c, "shop.yaml")
	if err == nil || !strings.Contains(err.Error(), "instanceTypes[0]") || !strings.Contains(err.Error(), "m99.huge") {
		t.Fatalf("err = %v", err)
	}
}
