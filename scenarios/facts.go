package scenarios

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
	"github.com/ecsim/ecsim/workloads/trace"
)

// What the validation accepts, for tools that describe the scenario format
// (the JSON Schema in schema/, `ecsim schema`): the values of the fields
// that take one of a fixed set, the defaults, the name patterns, the keys a
// struct accepts and ignores, the keys it requires, the shortest lists and
// what each arrival process and placement strategy type takes. Each is built from the lists and
// constants the validator itself uses, so the description cannot drift
// from the checks. Fields are keyed "Type.key": the Go type that holds
// the field and the field's YAML key.

// AcceptedValues returns, for each field whose value is one of a fixed set,
// the values the validator accepts with the built-in registries (for a
// list of strings, the values of its items). Leaving such a field out, or
// giving "", keeps its default.
func AcceptedValues() map[string][]string {
	r := DefaultRegistries()
	out := map[string][]string{
		"CapacityProviderSpec.managedTerminationProtection": enabledSettings(),
		"CapacityProviderSpec.managedDraining":              enabledSettings(),
		"ManagedScalingSpec.status":                         enabledSettings(),
		"AutoScalingGroupSpec.allocationStrategy":           allocationStrategies,
		"AutoScalingGroupSpec.osFamily":                     osFamilies,
		"ContainerInstancesSpec.osFamily":                   osFamilies,
		"InstanceTypeDef.architecture":                      architectures(),
		"RuntimePlatform.operatingSystemFamily":             osFamilies,
		"RuntimePlatform.cpuArchitecture":                   cpuArchitectures,
		"TaskDefinition.networkMode":                        networkModes,
		"TaskDefinition.requiresCompatibilities":            compatibilities,
		"ResourceRequirement.type":                          resourceRequirementTypes(),
		"PortMappingSpec.protocol":                          protocols(),
		"ConstraintSpec.type":                               {placement.TypeDistinctInstance, placement.TypeMemberOf},
		"StrategySpec.type":                                 r.Strategies.Names(),
		"WorkloadSpec.launchType":                           launchTypes,
		"ScheduledTaskSpec.launchType":                      launchTypes,
		"ServiceSpec.launchType":                            launchTypes,
		"ServiceSpec.schedulingStrategy":                    schedulingStrategies,
		"TargetTrackingSpec.metric":                         serviceMetrics,
		"LoadSpec.pattern":                                  loadPatterns,
		"TraceSpec.format":                                  traceFormats,
		"ArrivalsSpec.process":                              r.Workloads.Processes(),
		"DistSpec.distribution":                             r.Workloads.Distributions(),
		"NumDistSpec.distribution":                          r.Workloads.Distributions(),
		"FaultSpec.type":                                    r.FaultKinds.Names(),
	}
	for key, values := range modelChoices() {
		out["ModelSpec."+key] = values[:]
	}
	for k, v := range out {
		out[k] = slices.Clone(v)
	}
	return out
}

// FieldDefaults returns the default of each field that has one whatever
// the rest of the scenario says, as the scenario would write it: durations
// as strings ("1h"), distributions as mappings. Defaults that depend on
// other fields (a task definition's networkMode, a service's deployment
// percentages, an Auto Scaling group's desiredCapacity) are left out.
func FieldDefaults() map[string]any {
	out := map[string]any{
		"File.seed":                               DefaultSeed,
		"File.duration":                           FormatDuration(DefaultDuration),
		"File.sampleInterval":                     FormatDuration(DefaultSampleInterval),
		"File.startTime":                          DefaultStartTime,
		"ClusterSpec.availabilityZones":           DefaultAvailabilityZones(),
		"ClusterSpec.provisioningLimit":           DefaultProvisioningLimit,
		"FargateSpec.provisioningDelay":           distYAML(DefaultFargateProvisioningDelay()),
		"ContainerInstancesSpec.count":            DefaultInstanceCount,
		"ContainerInstancesSpec.osFamily":         DefaultOSFamily,
		"AutoScalingGroupSpec.minSize":            DefaultASGMinSize,
		"AutoScalingGroupSpec.maxSize":            DefaultASGMaxSize,
		"AutoScalingGroupSpec.launchDelay":        distYAML(DefaultLaunchDelay()),
		"AutoScalingGroupSpec.osFamily":           DefaultOSFamily,
		"TaskDefinition.requiresCompatibilities":  defaultCompatibilities(),
		"ContainerDefinition.essential":           DefaultEssential,
		"ContainerDefinition.stopTimeout":         DefaultStopTimeoutSeconds,
		"ArrivalsSpec.count":                      DefaultTaskCount,
		"ArrivalsSpec.period":                     FormatDuration(workloads.DefaultDiurnalPeriod),
		"ScheduledTaskSpec.taskCount":             DefaultTaskCount,
		"TraceSpec.format":                        trace.CSV,
		"FaultSpec.count":                         DefaultFaultCount,
		"Sweep.replications":                      DefaultSweepReplications,
		"AutoScalingGroupSpec.allocationStrategy": DefaultAllocationStrategy,
	}
	maps.Copy(out, providerDefaults())
	maps.Copy(out, serviceDefaults())
	maps.Copy(out, modelDefaults())
	prices := world.DefaultPrices()
	out["PricesSpec.ec2SpotDiscount"] = prices.EC2SpotDiscount
	out["PricesSpec.fargateSpotDiscount"] = prices.FargateSpotDiscount
	return out
}

// providerDefaults are the defaults of a capacity provider's settings.
func providerDefaults() map[string]any {
	return map[string]any{
		"CapacityProviderSpec.managedTerminationProtection": settingOf(DefaultManagedTerminationProtection),
		"CapacityProviderSpec.managedDraining":              settingOf(DefaultManagedDraining),
		"ManagedScalingSpec.status":                         settingOf(DefaultManagedScaling),
		"ManagedScalingSpec.targetCapacity":                 DefaultTargetCapacity,
		"ManagedScalingSpec.minimumScalingStepSize":         DefaultMinimumScalingStepSize,
		"ManagedScalingSpec.maximumScalingStepSize":         DefaultMaximumScalingStepSize,
		"ManagedScalingSpec.instanceWarmupPeriod":           DefaultInstanceWarmupPeriod,
	}
}

// serviceDefaults are the defaults of a service's fields.
func serviceDefaults() map[string]any {
	return map[string]any{
		"ServiceSpec.desiredCount":            DefaultDesiredCount,
		"ServiceSpec.schedulingStrategy":      DefaultSchedulingStrategy,
		"ServiceSpec.healthyAfter":            FormatDuration(DefaultHealthyAfter),
		"ServiceAutoScalingSpec.minCapacity":  DefaultMinCapacity,
		"TargetTrackingSpec.metric":           world.MetricCPU,
		"TargetTrackingSpec.scaleOutCooldown": DefaultServiceCooldown,
		"TargetTrackingSpec.scaleInCooldown":  DefaultServiceCooldown,
		"LoadSpec.pattern":                    DefaultLoadPattern,
		"LoadSpec.period":                     FormatDuration(DefaultLoadPeriod),
	}
}

// modelDefaults are the model: block's defaults (world.DefaultModel).
func modelDefaults() map[string]any {
	m := world.DefaultModel()
	out := map[string]any{
		"metricPeriod":                    FormatDuration(m.MetricPeriod),
		"highAlarmDatapoints":             m.HighDatapoints,
		"lowAlarmDatapoints":              m.LowDatapoints,
		"scaleInWaitAfterScaleOut":        FormatDuration(m.ScaleInWait),
		"scaleInMaxFraction":              m.ScaleInMaxFraction,
		"provisioningRetryDelay":          FormatDuration(m.ProvisioningRetryDelay),
		"managedDrainingTimeout":          FormatDuration(m.ManagedDrainingTimeout),
		"fargateSpotInterruptionsPerHour": m.FargateSpotInterruptionsPerHour,
		"alarmEvaluationDelay":            FormatDuration(m.AlarmEvaluationDelay),
		"serviceThrottleInitialDelay":     FormatDuration(m.ServiceThrottleInitialDelay),
		"serviceScaleOutDatapoints":       m.ServiceScaleOutDatapoints,
		"serviceScaleInDatapoints":        m.ServiceScaleInDatapoints,
		"serviceScaleInThreshold":         m.ServiceScaleInThreshold,
	}
	for key, values := range modelChoices() {
		out[key] = values[0]
	}
	keyed := map[string]any{}
	for k, v := range out {
		keyed["ModelSpec."+k] = v
	}
	return keyed
}

// distYAML writes a distribution of durations as a scenario does:
// {distribution: uniform, min: 1m, max: 3m}.
func distYAML(d workloads.DistSpec) map[string]any {
	out := map[string]any{"distribution": d.Kind}
	kind, _ := workloads.NewRegistry().Distribution(d.Kind)
	seconds := func(x float64) string { return FormatDuration(time.Duration(x * float64(time.Second))) }
	for _, k := range kind.Keys {
		switch k {
		case "value":
			out[k] = seconds(d.Value)
		case "min":
			out[k] = seconds(d.Min)
		case "max":
			out[k] = seconds(d.Max)
		case "mean":
			out[k] = seconds(d.Mean)
		case "stddev":
			out[k] = seconds(d.StdDev)
		case "values":
			var vs []string
			for _, x := range d.Values {
				vs = append(vs, seconds(x))
			}
			out[k] = vs
		}
	}
	return out
}

// FieldPatterns returns the regular expression (RE2, which is also valid
// ECMA-262) each name field must match. A scenario's name may be empty: it
// then defaults to the file name.
func FieldPatterns() map[string]string {
	return map[string]string{
		"File.name":                 "^$|" + nameRE.String(),
		"WorkloadSpec.name":         nameRE.String(),
		"ScheduledTaskSpec.name":    nameRE.String(),
		"TaskDefinition.family":     familyRE.String(),
		"ContainerDefinition.name":  familyRE.String(),
		"ServiceSpec.serviceName":   familyRE.String(),
		"CapacityProviderSpec.name": providerNameRE.String(),
	}
}

// VariantNamePattern is the regular expression a variant's name must match.
func VariantNamePattern() string { return nameRE.String() }

// IgnoredKeys lists the keys struct type t accepts and ignores (ECS API
// fields the model does not use), or nil.
func IgnoredKeys(t reflect.Type) []string {
	if ig, ok := reflect.New(t).Interface().(ignorer); ok {
		return ig.ignoredKeys()
	}
	return nil
}

// RequiredKeys returns, by Go type name, the keys a scenario must give: the
// validator reports each one left out (or, for a number, the 0 that
// leaving it out means) as an error.
func RequiredKeys() map[string][]string {
	return map[string][]string{
		"InstanceTypeDef":     {"name", "vcpu", "memoryMiB", "enis"},
		"PortMappingSpec":     {"containerPort"},
		"RatePointSpec":       {"at", "rate"},
		"MMPPStateSpec":       {"ratePerMinute", "meanDuration"},
		"ScheduledCountSpec":  {"at", "desiredCount"},
		"ScheduledActionSpec": {"scheduledActionName", "at"},
	}
}

// AnyOfKeys returns, by Go type name, keys of which a scenario must give
// at least one (scheduledActions: a size to set).
func AnyOfKeys() map[string][]string {
	return map[string][]string{"ScheduledActionSpec": {"minSize", "maxSize", "desiredCapacity"}}
}

// MinItems returns the fewest items of each list field that has a minimum
// (a list left out is not checked).
func MinItems() map[string]int {
	return map[string]int{"AutoScalingGroupSpec.instanceTypes": 1, "ArrivalsSpec.states": 2}
}

// ProcessRule is what the validation asks of one arrival process's keys
// beyond the keys it reads (arrivals.go).
type ProcessRule struct {
	// MaxCount is the most tasks of one RunTask request, or of the batch.
	MaxCount int
	// Positive are the rates the process needs, above 0.
	Positive []string
}

// ProcessRules returns the rule of each built-in arrival process.
func ProcessRules() map[string]ProcessRule {
	out := map[string]ProcessRule{}
	for _, name := range DefaultRegistries().Workloads.Processes() {
		r := ProcessRule{MaxCount: MaxTasksPerCall}
		switch name {
		case workloads.Batch:
			r.MaxCount = MaxBatchCount
		case workloads.Poisson, workloads.OnOff:
			r.Positive = []string{"ratePerMinute"}
		case workloads.Diurnal:
			r.Positive = []string{"maxRatePerMinute"}
		}
		out[name] = r
	}
	return out
}

// StrategyField is the field one placement strategy type accepts: none,
// one of Values, or attribute:NAME when Attribute is set; Any when the
// type accepts any field.
type StrategyField struct {
	None, Attribute, Any bool
	Values               []string
}

// strategyFieldProbes are the fields the built-in strategies accept
// (placement/binpack.go, spread.go, random.go), and one no strategy does.
var strategyFieldProbes = []string{"", "cpu", "memory", "instanceId", "host", "attribute:ecs.availability-zone", "no such field"}

// StrategyFields returns the field each placement strategy type of the
// built-in registry accepts, found by compiling each probe as the
// validator does.
func StrategyFields() map[string]StrategyField {
	reg := DefaultRegistries().Strategies
	out := map[string]StrategyField{}
	for _, name := range reg.Names() {
		var f StrategyField
		for _, field := range strategyFieldProbes {
			if _, err := reg.Compile([]placement.Spec{{Type: name, Field: field}}); err != nil {
				continue
			}
			switch {
			case field == "":
				f.None = true
			case field == "no such field":
				f.Any = true
			case strings.HasPrefix(field, "attribute:"):
				f.Attribute = true
			default:
				f.Values = append(f.Values, field)
			}
		}
		out[name] = f
	}
	return out
}

// ConstraintExpressions returns, for each placement constraint type,
// whether it needs an expression (memberOf) or takes none
// (distinctInstance), as workloads.go constraints checks.
func ConstraintExpressions() map[string]bool {
	return map[string]bool{placement.TypeDistinctInstance: false, placement.TypeMemberOf: true}
}
