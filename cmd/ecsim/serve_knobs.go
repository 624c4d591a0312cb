package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

// knob is a control of ecsim serve's page: a --set path, how to move it
// and its current value as YAML.
type knob struct {
	Path    string   `json:"path"`
	Label   string   `json:"label"`
	Kind    string   `json:"kind"` // range or select
	Min     float64  `json:"min,omitempty"`
	Max     float64  `json:"max,omitempty"`
	Step    float64  `json:"step,omitempty"`
	Unit    string   `json:"unit,omitempty"`
	Options []string `json:"options,omitempty"`
	Value   string   `json:"value"`
	// Format, when set, is the YAML the value goes into ("%v" stands for
	// it): a launch delay is a distribution.
	Format string `json:"format,omitempty"`
}

// knobInstanceTypes are the instance types the page offers (any other
// stays possible in the YAML).
var knobInstanceTypes = []string{"t3.medium", "m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "c5.large", "c5.xlarge", "r5.large", "r5.xlarge"}

// knobStrategies are the placement strategies the page offers.
var knobStrategies = []string{"[{type: binpack, field: memory}]", "[{type: spread, field: instanceId}]",
	"[{type: spread, field: attribute:ecs.availability-zone}, {type: binpack, field: memory}]", "[{type: random}]"}

// knobsOf returns the controls of sc: for each capacity provider with
// managed scaling, its target capacity, warm-up, step sizes, termination
// protection, draining, instance type and launch delay; for each Poisson
// workload its rate and strategy; for each task definition with a task
// size, its CPU and memory.
func knobsOf(sc *scenarios.Scenario) []knob {
	var out []knob
	for _, cp := range sc.Spec.Cluster.CapacityProviders {
		out = append(out, providerKnobs(cp, resolved(sc, cp.Name))...)
	}
	for _, w := range sc.Spec.Workloads {
		base := "workloads." + w.Name
		if w.Arrivals.Process == "poisson" {
			out = append(out, knob{Path: base + ".arrivals.ratePerMinute", Label: w.Name + ": arrival rate", Kind: "range",
				Min: 0.5, Max: 60, Step: 0.5, Unit: "per minute", Value: num(w.Arrivals.RatePerMinute)})
		}
		if w.Trace == nil {
			v := strategyText(w.PlacementStrategy)
			out = append(out, knob{Path: base + ".placementStrategy", Label: w.Name + ": placement strategy", Kind: "select",
				Options: withValue(knobStrategies, v, false), Value: v})
		}
	}
	for _, td := range sc.Spec.TaskDefinitions {
		if td.CPU.Set && td.Memory.Set {
			base := "taskDefinitions." + td.Family
			out = append(out,
				knob{Path: base + ".cpu", Label: td.Family + ": task CPU", Kind: "select", Unit: "CPU units",
					Options: []string{"256", "512", "1024", "2048", "4096"}, Value: strconv.FormatInt(td.CPU.N, 10)},
				knob{Path: base + ".memory", Label: td.Family + ": task memory", Kind: "range", Min: 512, Max: 16384, Step: 512,
					Unit: "MiB", Value: strconv.FormatInt(td.Memory.N, 10)})
		}
	}
	return out
}

// resolved returns the named provider's configuration, defaults applied.
func resolved(sc *scenarios.Scenario, name string) *world.CapacityProvider {
	for i := range sc.Config.CapacityProviders {
		if p := &sc.Config.CapacityProviders[i]; p.Name == name {
			return p
		}
	}
	return nil
}

// providerKnobs are one capacity provider's controls, at the values the
// run uses (defaults applied).
func providerKnobs(cp scenarios.CapacityProviderSpec, rp *world.CapacityProvider) []knob {
	asg := cp.AutoScalingGroup
	if rp == nil || rp.ManagedScaling == nil || asg == nil {
		return nil
	}
	ms := rp.ManagedScaling
	onOff := func(b bool) string {
		if b {
			return "ENABLED"
		}
		return "DISABLED"
	}
	base := "cluster.capacityProviders." + cp.Name
	out := []knob{
		{Path: base + ".managedScaling.targetCapacity", Label: cp.Name + ": targetCapacity", Kind: "range", Min: 10, Max: 100, Step: 5, Unit: "%", Value: strconv.Itoa(ms.TargetCapacity)},
		{Path: base + ".managedScaling.instanceWarmupPeriod", Label: cp.Name + ": instanceWarmupPeriod", Kind: "range", Min: 0, Max: 900, Step: 30, Unit: "s", Value: strconv.Itoa(int(ms.InstanceWarmupPeriod.Seconds()))},
		{Path: base + ".managedScaling.minimumScalingStepSize", Label: cp.Name + ": minimumScalingStepSize", Kind: "range", Min: 1, Max: 20, Step: 1, Value: strconv.Itoa(ms.MinimumScalingStepSize)},
		{Path: base + ".managedScaling.maximumScalingStepSize", Label: cp.Name + ": maximumScalingStepSize", Kind: "range", Min: 1, Max: 10000, Step: 1, Value: strconv.Itoa(ms.MaximumScalingStepSize)},
		{Path: base + ".managedTerminationProtection", Label: cp.Name + ": managed termination protection", Kind: "select", Options: []string{"ENABLED", "DISABLED"}, Value: onOff(rp.ManagedTerminationProtection)},
		{Path: base + ".managedDraining", Label: cp.Name + ": managed draining", Kind: "select", Options: []string{"ENABLED", "DISABLED"}, Value: onOff(rp.ManagedDraining)},
	}
	if len(asg.InstanceTypes) == 1 {
		out = append(out, knob{Path: base + ".autoScalingGroup.instanceTypes", Label: cp.Name + ": instance type", Kind: "select",
			Options: withValue(knobInstanceTypes, "["+asg.InstanceTypes[0]+"]", true), Value: "[" + asg.InstanceTypes[0] + "]"})
	}
	delay := ""
	if d := asg.LaunchDelay; d != nil && d.Distribution == "constant" {
		delay = strconv.FormatInt(int64(d.Value.D.Seconds()), 10)
	}
	out = append(out, knob{Path: base + ".autoScalingGroup.launchDelay", Label: cp.Name + ": launch delay", Kind: "range", Min: 0, Max: 600, Step: 15,
		Unit: "s", Value: delay, Format: "{distribution: constant, value: %vs}"})
	return out
}

// withValue returns the options, as YAML lists when list, with v among
// them.
func withValue(options []string, v string, list bool) []string {
	var out []string
	for _, o := range options {
		if list {
			o = "[" + o + "]"
		}
		out = append(out, o)
	}
	if !slices.Contains(out, v) {
		out = append([]string{v}, out...)
	}
	return out
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// strategyText writes a placement strategy list as the flow YAML the
// page's options use.
func strategyText(st []scenarios.StrategySpec) string {
	var parts []string
	for _, s := range st {
		if s.Field == "" {
			parts = append(parts, fmt.Sprintf("{type: %s}", s.Type))
			continue
		}
		parts = append(parts, fmt.Sprintf("{type: %s, field: %s}", s.Type, s.Field))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
