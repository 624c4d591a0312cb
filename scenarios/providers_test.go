package scenarios

import (
	"strings"
	"testing"
	"time"
)

// providerScenario is a valid scenario with one Auto Scaling group provider
// (asg) and FARGATE; replace parts of it to make it bad.
const providerScenario = `name: p
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10}
      managedScaling: {status: ENABLED, targetCapacity: 100}
      managedTerminationProtection: ENABLED
    - name: FARGATE
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - {family: web, containerDefinitions: [{name: app, memory: 512}]}
workloads:
  - name: w
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 1}
    duration: {distribution: constant, value: 1m}
`

// TestCapacityProviderValidation: the bad input issue 4 names exits with
// file:line, field and the accepted range (docs/model.md §1.4, §8).
func TestCapacityProviderValidation(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           wantLine
		more           []wantLine // consequences reported after the problem itself
	}{
		{"targetCapacity above 100 (§1.4)", "targetCapacity: 100", "targetCapacity: 101",
			wantLine{"6:57", "cluster.capacityProviders[0].managedScaling.targetCapacity", "must be between 1 and 100 (got 101)"}, nil},
		{"targetCapacity 0 (§1.4: > 0)", "targetCapacity: 100", "targetCapacity: 0",
			wantLine{"6:57", "cluster.capacityProviders[0].managedScaling.targetCapacity", "must be between 1 and 100 (got 0)"}, nil},
		{"step sizes out of range", "targetCapacity: 100}", "targetCapacity: 100, maximumScalingStepSize: 10001}",
			wantLine{"6:86", "cluster.capacityProviders[0].managedScaling.maximumScalingStepSize", "must be between 1 and 10000"}, nil},
		{"warm-up out of range", "targetCapacity: 100}", "targetCapacity: 100, instanceWarmupPeriod: 10001}",
			wantLine{"6:84", "cluster.capacityProviders[0].managedScaling.instanceWarmupPeriod", "must be between 0 and 10000"}, nil},
		{"maxSize below minSize", "minSize: 0, maxSize: 10", "minSize: 5, maxSize: 2",
			wantLine{"5:74", "cluster.capacityProviders[0].autoScalingGroup.maxSize", "must be >= minSize (5) (got 2)"}, nil},
		{"desired outside [min, max]", "minSize: 0, maxSize: 10", "minSize: 0, maxSize: 10, desiredCapacity: 11",
			wantLine{"5:95", "cluster.capacityProviders[0].autoScalingGroup.desiredCapacity", "must be between minSize 0 and maxSize 10 (got 11)"}, nil},
		{"unknown instance type", "instanceTypes: [m5.large]", "instanceTypes: [m5.huge]",
			wantLine{"5:42", "cluster.capacityProviders[0].autoScalingGroup.instanceTypes[0]", `unknown instance type "m5.huge"`}, nil},
		{"strategy names a provider the cluster lacks", "{capacityProvider: asg, weight: 1}", "{capacityProvider: spot, weight: 1}",
			wantLine{"9:56", "cluster.defaultCapacityProviderStrategy[0].capacityProvider", `the cluster has no capacity provider "spot" (accepted: FARGATE, asg)`}, nil},
		{"all-zero weights (confusion #22)", "{capacityProvider: asg, weight: 1}", "{capacityProvider: asg}",
			wantLine{"9:36", "cluster.defaultCapacityProviderStrategy", "at least one capacity provider needs a weight > 0"}, nil},
		{"Fargate and ASG providers mixed (confusion #23)", "{capacityProvider: asg, weight: 1}]", "{capacityProvider: asg, weight: 1}, {capacityProvider: FARGATE, weight: 1}]",
			wantLine{"9:36", "cluster.defaultCapacityProviderStrategy", "Fargate providers or Auto Scaling group providers, not both"},
			[]wantLine{{"14:21", "workloads[0].taskDefinition", "task definition web does not list FARGATE in requiresCompatibilities"}}},
		{"two bases", "{capacityProvider: asg, weight: 1}]", "{capacityProvider: asg, base: 1, weight: 1}, {capacityProvider: asg, base: 1}]",
			wantLine{"9:36", "cluster.defaultCapacityProviderStrategy", "only one capacity provider in a strategy may have a base"},
			[]wantLine{{"9:101", "cluster.defaultCapacityProviderStrategy[1].capacityProvider", `capacity provider "asg" appears twice`}}},
		{"managed termination protection without managed scaling", "      managedScaling: {status: ENABLED, targetCapacity: 100}\n", "",
			wantLine{"6:37", "cluster.capacityProviders[0].managedTerminationProtection", "needs managed scaling ENABLED"}, nil},
		{"FARGATE with an ASG", "    - name: FARGATE\n", "    - name: FARGATE\n      managedDraining: ENABLED\n",
			wantLine{"8:7", "cluster.capacityProviders[1]", "FARGATE is a Fargate capacity provider: it takes only a name"}, nil},
		{"reserved name prefix", "asg", "ecs-asg",
			wantLine{"4:13", "cluster.capacityProviders[0].name", "may not start with aws, ecs or fargate"}, nil},
		{"both launch type and strategy", "    taskDefinition: web\n", "    taskDefinition: web\n    launchType: EC2\n    capacityProviderStrategy: [{capacityProvider: asg, weight: 1}]\n",
			wantLine{"16:31", "workloads[0].capacityProviderStrategy", "give either launchType or capacityProviderStrategy"}, nil},
		{"ENABLED misspelt", "managedTerminationProtection: ENABLED", "managedTerminationProtection: enabled",
			wantLine{"7:37", "cluster.capacityProviders[0].managedTerminationProtection", `unknown setting "enabled" (accepted: ENABLED, DISABLED)`}, nil},
		{"bad model choice", "taskDefinitions:", "model: {scaleOutFromZero: three}\ntaskDefinitions:",
			wantLine{"10:27", "model.scaleOutFromZero", `unknown value "three" (accepted: two, proportional)`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(providerScenario, tc.old) {
				t.Fatalf("test bug: %q not in the scenario", tc.old)
			}
			n := 1
			if tc.old == "asg" {
				n = -1
			}
			src := strings.Replace(providerScenario, tc.old, tc.new, n)
			checkLines(t, "p.yaml", parseErrors(t, "p.yaml", src), append([]wantLine{tc.want}, tc.more...))
		})
	}
}

// TestCapacityProviderDefaults: the API's defaults (§1.4) and the model's.
func TestCapacityProviderDefaults(t *testing.T) {
	s := mustParse(t, "p.yaml", providerScenario)
	cp := s.Config.CapacityProviders[0]
	ms := cp.ManagedScaling
	if ms.TargetCapacity != 100 || ms.MinimumScalingStepSize != 1 || ms.MaximumScalingStepSize != 10000 ||
		ms.InstanceWarmupPeriod != 300*time.Second {
		t.Errorf("managed scaling %+v, want 100, 1, 10000, 300s", *ms)
	}
	if !cp.ManagedTerminationProtection || !cp.ManagedDraining {
		t.Errorf("MTP %v, managed draining %v; want both on", cp.ManagedTerminationProtection, cp.ManagedDraining)
	}
	asg := cp.ASG
	if asg.DesiredCapacity != 0 || asg.AllocationStrategy != "prioritized" || len(asg.AvailabilityZones) != 3 ||
		asg.LaunchDelay.Min != 60 || asg.LaunchDelay.Max != 180 {
		t.Errorf("ASG %+v", *asg)
	}
	if s.Config.ProvisioningLimit != 500 || s.Config.Model.LowDatapoints != 15 || s.Config.Model.ScaleInMaxFraction != 0.5 {
		t.Errorf("limit %d, model %+v", s.Config.ProvisioningLimit, s.Config.Model)
	}
	if s.Config.Workloads[0].LaunchType != "" || len(s.Config.DefaultStrategy) != 1 {
		t.Errorf("the workload should use the cluster's default strategy, got launch type %q", s.Config.Workloads[0].LaunchType)
	}
	noMS := mustParse(t, "p.yaml", strings.Replace(strings.Replace(providerScenario,
		"      managedScaling: {status: ENABLED, targetCapacity: 100}\n", "", 1), "ENABLED\n    - name: FARGATE", "DISABLED\n    - name: FARGATE", 1))
	if noMS.Config.CapacityProviders[0].ManagedScaling != nil {
		t.Error("a provider without a managedScaling block should have managed scaling DISABLED")
	}
}

// TestPrices: the price catalogue defaults to us-east-1 list prices
// (docs/model.md §9.2, §10) and the scenario overrides them.
func TestPrices(t *testing.T) {
	s := mustParse(t, "p.yaml", providerScenario+`prices:
  ec2: {m5.large: {onDemand: 0.1, spot: 0.03}}
  fargateSpotDiscount: 0.5
  fargate: {linuxArm: {vcpuHour: 0.03, gbHour: 0.003}}
`)
	p := s.Config.Prices
	m5, _ := s.Config.Catalogue.Lookup("m5.large")
	m5x, _ := s.Config.Catalogue.Lookup("m5.xlarge")
	if p.Instance(m5, false) != 0.1 || p.Instance(m5, true) != 0.03 {
		t.Errorf("m5.large %v / %v, want 0.1 / 0.03", p.Instance(m5, false), p.Instance(m5, true))
	}
	// No override: catalogue price, Spot at the default 70 % discount.
	if p.Instance(m5x, false) != 0.192 || p.Instance(m5x, true) < 0.0575 || p.Instance(m5x, true) > 0.0577 {
		t.Errorf("m5.xlarge %v / %v, want 0.192 / 0.0576", p.Instance(m5x, false), p.Instance(m5x, true))
	}
	if p.FargateSpotDiscount != 0.5 || p.Fargate(false, true).PerVCPUHour != 0.03 || p.Fargate(false, false).PerVCPUHour != 0.04048 {
		t.Errorf("fargate %+v", p)
	}
	lines := parseErrors(t, "p.yaml", providerScenario+"prices: {ec2: {m9.huge: {onDemand: 1}}, ec2SpotDiscount: 2}\n")
	checkLines(t, "p.yaml", lines, []wantLine{
		{"17:25", "prices.ec2.m9.huge", `unknown instance type "m9.huge"`},
		{"17:58", "prices.ec2SpotDiscount", "must be a fraction between 0 and 1 (got 2)"}})
}
