package scenarios

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// Capacity provider limits and defaults (docs/model.md §1.4, §8, §13).
const (
	MaxCapacityProviders     = 20 // per cluster and per strategy (current API; older pages say 10 and 6)
	DefaultProvisioningLimit = 500
	DefaultASGMaxSize        = 100
	MaxASGSize               = 100_000
)

var providerNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

var allocationStrategies = []string{"prioritized", "lowest-price", "random"}

// DefaultLaunchDelay is the launch-to-registration time of an EC2 instance
// when the scenario gives none: uniform between 60 s and 180 s (AWS publishes
// no figure, docs/model.md §1.5 [INF]).
func DefaultLaunchDelay() workloads.DistSpec {
	return workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 180}
}

func (v *validator) capacityProviders(c *ClusterSpec, cfg *world.Config) {
	if len(c.CapacityProviders) > MaxCapacityProviders {
		v.errf("cluster.capacityProviders", "at most %d capacity providers per cluster (got %d)", MaxCapacityProviders, len(c.CapacityProviders))
	}
	v.providers = map[string]int{}
	for i := range c.CapacityProviders {
		cp := &c.CapacityProviders[i]
		p := index("cluster.capacityProviders", i)
		if _, dup := v.providers[cp.Name]; dup {
			v.errf(join(p, "name"), "capacity provider %q defined twice", cp.Name)
		}
		v.providers[cp.Name] = i
		cfg.CapacityProviders = append(cfg.CapacityProviders, v.capacityProvider(p, cp, cfg.AvailabilityZones))
	}
	cfg.DefaultStrategy = v.strategy("cluster.defaultCapacityProviderStrategy", c.DefaultCapacityProviderStrategy, cfg, nil)
	cfg.ProvisioningLimit = DefaultProvisioningLimit
	if c.ProvisioningLimit != nil {
		cfg.ProvisioningLimit = *c.ProvisioningLimit
		v.intRange("cluster.provisioningLimit", int64(*c.ProvisioningLimit), 1, 1_000_000)
	}
}

func (v *validator) capacityProvider(p string, cp *CapacityProviderSpec, zones []string) world.CapacityProvider {
	out := world.CapacityProvider{Name: cp.Name}
	fargate := cp.Name == world.ProviderFargate || cp.Name == world.ProviderFargateSpot
	switch {
	case fargate:
		if cp.AutoScalingGroup != nil || cp.ManagedScaling != nil || cp.ManagedTerminationProtection != "" || cp.ManagedDraining != "" {
			v.errf(p, "%s is a Fargate capacity provider: it takes only a name", cp.Name)
		}
		return out
	case !providerNameRE.MatchString(cp.Name):
		v.errf(join(p, "name"), "%q is not a valid capacity provider name (1-255 letters, digits, '-' and '_'; or FARGATE, FARGATE_SPOT)", cp.Name)
	case hasReservedPrefix(cp.Name):
		v.errf(join(p, "name"), "capacity provider names may not start with aws, ecs or fargate (got %q)", cp.Name)
	}
	if cp.AutoScalingGroup == nil {
		v.errf(join(p, "autoScalingGroup"), "required for a capacity provider other than FARGATE and FARGATE_SPOT")
	} else {
		out.ASG = v.autoScalingGroup(join(p, "autoScalingGroup"), cp.AutoScalingGroup, zones)
	}
	out.ManagedScaling = v.managedScaling(join(p, "managedScaling"), cp.ManagedScaling)
	out.ManagedTerminationProtection = v.enabled(join(p, "managedTerminationProtection"), cp.ManagedTerminationProtection, false)
	out.ManagedDraining = v.enabled(join(p, "managedDraining"), cp.ManagedDraining, true)
	if out.ManagedTerminationProtection && out.ManagedScaling == nil {
		v.errf(join(p, "managedTerminationProtection"), "managed termination protection needs managed scaling ENABLED (docs/model.md §4.3)")
	}
	return out
}

func hasReservedPrefix(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "aws") || strings.HasPrefix(l, "ecs") || strings.HasPrefix(l, "fargate")
}

// enabled reads an ENABLED / DISABLED setting.
func (v *validator) enabled(p, s string, dflt bool) bool {
	switch s {
	case "":
		return dflt
	case "ENABLED":
		return true
	case "DISABLED":
		return false
	}
	v.errf(p, "unknown setting %q%s", s, accepted("ENABLED", "DISABLED"))
	return dflt
}

func (v *validator) autoScalingGroup(p string, a *AutoScalingGroupSpec, zones []string) *world.AutoScalingGroup {
	g := &world.AutoScalingGroup{Spot: a.Spot, AllocationStrategy: a.AllocationStrategy,
		RegistrationFailureRate: a.RegistrationFailureRate, ReservedMemoryMiB: a.ReservedMemoryMiB}
	if len(a.InstanceTypes) == 0 {
		v.errf(join(p, "instanceTypes"), "at least one instance type is required: %s", v.typeHelp(""))
	}
	for i, name := range a.InstanceTypes {
		if t := v.instanceType(index(join(p, "instanceTypes"), i), name); t != nil {
			g.InstanceTypes = append(g.InstanceTypes, t)
			// ECS_RESERVED_MEMORY must leave each type some memory to
			// register (docs/model.md §5.2), as on containerInstances.
			if a.ReservedMemoryMiB >= t.RegisteredMemoryMiB {
				v.errf(join(p, "reservedMemoryMiB"), "must be between 0 and %d, below %s's registered memory (got %d)",
					t.RegisteredMemoryMiB-1, t.Name, a.ReservedMemoryMiB)
			}
		}
	}
	g.AvailabilityZones = a.AvailabilityZones
	if len(g.AvailabilityZones) == 0 {
		g.AvailabilityZones = zones
	}
	for i, z := range a.AvailabilityZones {
		if !slices.Contains(zones, z) {
			v.errf(index(join(p, "availabilityZones"), i), "%q is not one of the cluster's zones%s", z, accepted(zones...))
		}
	}
	g.MinSize, g.MaxSize = deref(a.MinSize, 0), deref(a.MaxSize, DefaultASGMaxSize)
	g.DesiredCapacity = deref(a.DesiredCapacity, g.MinSize)
	v.intRange(join(p, "minSize"), int64(g.MinSize), 0, MaxASGSize)
	v.intRange(join(p, "maxSize"), int64(g.MaxSize), 0, MaxASGSize)
	if g.MaxSize < g.MinSize {
		v.errf(join(p, "maxSize"), "must be >= minSize (%d) (got %d)", g.MinSize, g.MaxSize)
	} else if g.DesiredCapacity < g.MinSize || g.DesiredCapacity > g.MaxSize {
		v.errf(join(p, "desiredCapacity"), "must be between minSize %d and maxSize %d (got %d)", g.MinSize, g.MaxSize, g.DesiredCapacity)
	}
	g.LaunchDelay = DefaultLaunchDelay()
	if a.LaunchDelay != nil {
		g.LaunchDelay = v.dist(join(p, "launchDelay"), a.LaunchDelay)
	}
	if g.AllocationStrategy == "" {
		g.AllocationStrategy = "prioritized"
	} else if !slices.Contains(allocationStrategies, g.AllocationStrategy) {
		v.errf(join(p, "allocationStrategy"), "unknown allocation strategy %q%s", g.AllocationStrategy, accepted(allocationStrategies...))
	}
	if a.RegistrationFailureRate < 0 || a.RegistrationFailureRate > 1 {
		v.errf(join(p, "registrationFailureRate"), "must be between 0 and 1 (got %v)", a.RegistrationFailureRate)
	}
	g.Attributes = v.attributes(join(p, "attributes"), a.Attributes)
	g.ReservedPorts = v.reservedPorts(join(p, "reservedPorts"), a.ReservedPorts)
	os, ok := osFamilyOf(a.OSFamily)
	if !ok {
		v.errf(join(p, "osFamily"), "unknown operating system family %q%s", a.OSFamily, accepted(osFamilies...))
	}
	g.OSFamily = os
	return g
}

func deref(p *int, dflt int) int {
	if p == nil {
		return dflt
	}
	return *p
}

// managedScaling checks ManagedScaling against the API's ranges and
// defaults (docs/model.md §1.4): targetCapacity 1..100 (100),
// minimum/maximumScalingStepSize 1..10000 (1, 10000), instanceWarmupPeriod
// 0..10000 s (300). Without the block, or with status DISABLED, the provider
// has no managed scaling.
func (v *validator) managedScaling(p string, ms *ManagedScalingSpec) *world.ManagedScaling {
	if ms == nil || !v.enabled(join(p, "status"), ms.Status, true) {
		return nil
	}
	out := &world.ManagedScaling{TargetCapacity: deref(ms.TargetCapacity, 100),
		MinimumScalingStepSize: deref(ms.MinimumScalingStepSize, 1), MaximumScalingStepSize: deref(ms.MaximumScalingStepSize, 10000),
		InstanceWarmupPeriod: time.Duration(deref(ms.InstanceWarmupPeriod, 300)) * time.Second}
	v.intRange(join(p, "targetCapacity"), int64(out.TargetCapacity), 1, 100)
	v.intRange(join(p, "minimumScalingStepSize"), int64(out.MinimumScalingStepSize), 1, 10000)
	v.intRange(join(p, "maximumScalingStepSize"), int64(out.MaximumScalingStepSize), 1, 10000)
	if out.MaximumScalingStepSize < out.MinimumScalingStepSize {
		v.errf(join(p, "maximumScalingStepSize"), "must be >= minimumScalingStepSize (%d) (got %d)", out.MinimumScalingStepSize, out.MaximumScalingStepSize)
	}
	v.intRange(join(p, "instanceWarmupPeriod"), int64(deref(ms.InstanceWarmupPeriod, 300)), 0, 10000)
	return out
}

// strategy checks a capacity provider strategy (docs/model.md §8): known
// providers, base 0..100000 on one item at most, weight 0..1000 and not all
// zero, not FARGATE with Auto Scaling group providers; def, when given, must
// be compatible with the providers' launch types.
func (v *validator) strategy(p string, items []StrategyItemSpec, cfg *world.Config, def compatibility) []world.StrategyItem {
	if len(items) == 0 {
		return nil
	}
	if len(items) > MaxCapacityProviders {
		v.errf(p, "at most %d capacity providers per strategy (got %d)", MaxCapacityProviders, len(items))
	}
	var out []world.StrategyItem
	bases, weights := 0, 0
	kinds := map[bool]bool{}
	seen := map[string]bool{}
	for i, it := range items {
		ip := index(p, i)
		if it.Base > 0 {
			bases++
		}
		weights += it.Weight
		idx, ok := v.providers[it.CapacityProvider]
		if !ok {
			v.errf(join(ip, "capacityProvider"), "the cluster has no capacity provider %q%s", it.CapacityProvider, accepted(sortedKeys(v.providers)...))
			continue
		}
		if seen[it.CapacityProvider] {
			v.errf(join(ip, "capacityProvider"), "capacity provider %q appears twice in the strategy", it.CapacityProvider)
		}
		seen[it.CapacityProvider] = true
		v.intRange(join(ip, "base"), int64(it.Base), 0, 100000)
		v.intRange(join(ip, "weight"), int64(it.Weight), 0, 1000)
		kinds[cfg.CapacityProviders[idx].Fargate()] = true
		item := world.StrategyItem{Provider: idx, Base: it.Base, Weight: it.Weight}
		v.strategyCompatible(join(ip, "capacityProvider"), []world.StrategyItem{item}, cfg, def)
		out = append(out, item)
	}
	if bases > 1 {
		v.errf(p, "only one capacity provider in a strategy may have a base (got %d)", bases)
	}
	if weights == 0 {
		v.errf(p, "at least one capacity provider needs a weight > 0 (the API's default weight is 0, so a strategy without weights places nothing; confusion #22)")
	}
	if len(kinds) > 1 {
		v.errf(p, "a strategy may hold Fargate providers or Auto Scaling group providers, not both (confusion #23)")
	}
	return out
}

// strategyCompatible checks that def, if given, lists the launch type each
// provider of items needs (EC2 for an Auto Scaling group, FARGATE for
// FARGATE and FARGATE_SPOT).
func (v *validator) strategyCompatible(path string, items []world.StrategyItem, cfg *world.Config, def compatibility) {
	if def == nil {
		return
	}
	for _, it := range items {
		cp := cfg.CapacityProviders[it.Provider]
		lt := "EC2"
		if cp.Fargate() {
			lt = "FARGATE"
		}
		if !def.Compatible(lt) {
			v.errf(path, "task definition %s does not list %s in requiresCompatibilities, which capacity provider %s needs", def.Name(), lt, cp.Name)
		}
	}
}

// compatibility is what strategy needs of a task definition.
type compatibility interface {
	Compatible(launchType string) bool
	Name() string
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// model checks the model: block and fills the world's Model.
func (v *validator) model(m *ModelSpec) world.Model {
	out := world.DefaultModel()
	if m.MetricPeriod.Set {
		out.MetricPeriod = m.MetricPeriod.D
		if out.MetricPeriod < time.Second {
			v.errf("model.metricPeriod", "must be at least 1s (got %s)", FormatDuration(out.MetricPeriod))
		}
	}
	out.HighDatapoints = deref(m.HighAlarmDatapoints, out.HighDatapoints)
	out.LowDatapoints = deref(m.LowAlarmDatapoints, out.LowDatapoints)
	v.intRange("model.highAlarmDatapoints", int64(out.HighDatapoints), 1, 1440)
	v.intRange("model.lowAlarmDatapoints", int64(out.LowDatapoints), 1, 1440)
	if m.ScaleInWaitAfterScaleOut.Set {
		out.ScaleInWait = m.ScaleInWaitAfterScaleOut.D
	}
	if m.ScaleInMaxFraction != nil {
		out.ScaleInMaxFraction = *m.ScaleInMaxFraction
	}
	v.fraction("model.scaleInMaxFraction", out.ScaleInMaxFraction, true)
	out.ProportionalFromZero = v.choice("model.scaleOutFromZero", m.ScaleOutFromZero, "two", "proportional")
	out.FixedStepForMixedGroups = v.choice("model.mixedGroupScaleOut", m.MixedGroupScaleOut, "estimate", "minimum-step")
	out.LegacyScaleInMetric = v.choice("model.scaleInMetric", m.ScaleInMetric, "needed-over-running", "hundred-minus-empty")
	if m.ProvisioningRetryDelay.Set {
		out.ProvisioningRetryDelay = m.ProvisioningRetryDelay.D
	}
	if m.ManagedDrainingTimeout.Set {
		out.ManagedDrainingTimeout = m.ManagedDrainingTimeout.D
	}
	for path, d := range map[string]time.Duration{"model.scaleInWaitAfterScaleOut": out.ScaleInWait,
		"model.provisioningRetryDelay": out.ProvisioningRetryDelay, "model.managedDrainingTimeout": out.ManagedDrainingTimeout} {
		if d < 0 {
			v.errf(path, "must be >= 0 (got %s)", FormatDuration(d))
		}
	}
	out.FargateSpotInterruptionsPerHour = m.FargateSpotInterruptionsPerHour
	if out.FargateSpotInterruptionsPerHour < 0 {
		v.errf("model.fargateSpotInterruptionsPerHour", "must be >= 0 (got %v)", out.FargateSpotInterruptionsPerHour)
	}
	v.serviceModel(m, &out)
	return out
}

// serviceModel reads the alarm evaluation delay and the service scheduler
// and service auto scaling choices (docs/model.md §14).
func (v *validator) serviceModel(m *ModelSpec, out *world.Model) {
	if m.AlarmEvaluationDelay.Set {
		out.AlarmEvaluationDelay = m.AlarmEvaluationDelay.D
		v.durationRange("model.alarmEvaluationDelay", out.AlarmEvaluationDelay, 0, time.Hour)
	}
	if m.ServiceThrottleInitialDelay.Set {
		out.ServiceThrottleInitialDelay = m.ServiceThrottleInitialDelay.D
		v.durationRange("model.serviceThrottleInitialDelay", out.ServiceThrottleInitialDelay, time.Second, 15*time.Minute)
	}
	out.ServiceScaleOutDatapoints = deref(m.ServiceScaleOutDatapoints, out.ServiceScaleOutDatapoints)
	out.ServiceScaleInDatapoints = deref(m.ServiceScaleInDatapoints, out.ServiceScaleInDatapoints)
	v.intRange("model.serviceScaleOutDatapoints", int64(out.ServiceScaleOutDatapoints), 1, 1440)
	v.intRange("model.serviceScaleInDatapoints", int64(out.ServiceScaleInDatapoints), 1, 1440)
	if m.ServiceScaleInThreshold != nil {
		out.ServiceScaleInThreshold = *m.ServiceScaleInThreshold
	}
	v.fraction("model.serviceScaleInThreshold", out.ServiceScaleInThreshold, true)
}

// durationRange checks lo <= d <= hi.
func (v *validator) durationRange(path string, d, lo, hi time.Duration) {
	if d < lo || d > hi {
		v.errf(path, "must be between %s and %s (got %s)", FormatDuration(lo), FormatDuration(hi), FormatDuration(d))
	}
}

func (v *validator) fraction(path string, x float64, positive bool) {
	if x < 0 || x > 1 || positive && x == 0 {
		v.errf(path, "must be a fraction between 0 and 1 (got %v)", x)
	}
}

// choice reads a two-valued setting: "" or the first is false, the second true.
func (v *validator) choice(path, s, first, second string) bool {
	switch s {
	case "", first:
		return false
	case second:
		return true
	}
	v.errf(path, "unknown value %q%s", s, accepted(first, second))
	return false
}

// prices checks the prices: block: non-negative prices for known instance
// types, discounts between 0 and 1.
func (v *validator) prices(ps *PricesSpec) world.Prices {
	out := world.DefaultPrices()
	names := make([]string, 0, len(ps.EC2))
	for name := range ps.EC2 {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		pr := ps.EC2[name]
		p := join("prices.ec2", name)
		if _, ok := v.cat.Lookup(name); !ok {
			v.errf(p, "%s", v.unknownType(name))
		}
		if pr.OnDemand < 0 || pr.Spot < 0 {
			v.errf(p, "prices must be >= 0 (got onDemand %v, spot %v)", pr.OnDemand, pr.Spot)
		}
		if out.EC2 == nil {
			out.EC2 = map[string]world.EC2Price{}
		}
		out.EC2[name] = world.EC2Price{OnDemand: pr.OnDemand, Spot: pr.Spot}
	}
	if ps.EC2SpotDiscount != nil {
		out.EC2SpotDiscount = *ps.EC2SpotDiscount
		v.fraction("prices.ec2SpotDiscount", out.EC2SpotDiscount, false)
	}
	if ps.FargateSpotDiscount != nil {
		out.FargateSpotDiscount = *ps.FargateSpotDiscount
		v.fraction("prices.fargateSpotDiscount", out.FargateSpotDiscount, false)
	}
	for _, f := range []struct {
		name string
		in   *FargatePriceSpec
		out  *cluster.FargatePrice
	}{{"linuxX86", ps.Fargate.LinuxX86, &out.FargateLinuxX86}, {"linuxArm", ps.Fargate.LinuxARM, &out.FargateLinuxARM},
		{"windows", ps.Fargate.Windows, &out.FargateWindows}} {
		if f.in == nil {
			continue
		}
		if f.in.VCPUHour < 0 || f.in.GBHour < 0 {
			v.errf(join("prices.fargate", f.name), "prices must be >= 0")
		}
		*f.out = cluster.FargatePrice{PerVCPUHour: f.in.VCPUHour, PerGBHour: f.in.GBHour}
	}
	return out
}
