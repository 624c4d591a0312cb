package scenarios

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// Capacity provider limits and defaults (docs/model.md §1.4, §8, §13).
const (
	MaxCapacityProviders     = 20 // per cluster and per strategy (current API; older pages say 10 and 6)
	DefaultProvisioningLimit = 500
	DefaultASGMinSize        = 0
	DefaultASGMaxSize        = 100
	MaxASGSize               = 100_000
	// DefaultAllocationStrategy is the Auto Scaling group's allocation
	// strategy when the scenario gives none.
	DefaultAllocationStrategy = "prioritized"
)

// ManagedScaling's API defaults (docs/model.md §1.4), and the capacity
// provider settings a scenario may leave out: managed scaling ENABLED
// when the block is given, managed termination protection DISABLED,
// managed draining ENABLED.
const (
	DefaultTargetCapacity               = 100
	DefaultMinimumScalingStepSize       = 1
	DefaultMaximumScalingStepSize       = 10000
	DefaultInstanceWarmupPeriod         = 300 // seconds
	DefaultManagedScaling               = true
	DefaultManagedTerminationProtection = false
	DefaultManagedDraining              = true
)

var providerNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

var allocationStrategies = []string{"prioritized", "lowest-price", "random"}

// DefaultLaunchDelay is the launch-to-registration time of an EC2 instance
// when the scenario gives none: uniform between 60 s and 180 s (AWS publishes
// no figure, docs/model.md §1.5 [INF]).
func DefaultLaunchDelay() workloads.DistSpec {
	return workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 180}
}

// capacityProviders checks the cluster's capacity providers, its default
// capacity provider strategy and its provisioning limit.
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

// capacityProvider checks one capacity provider: FARGATE and FARGATE_SPOT
// take only a name, the others an Auto Scaling group and its settings.
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
	out.ManagedTerminationProtection = v.enabled(join(p, "managedTerminationProtection"), cp.ManagedTerminationProtection, DefaultManagedTerminationProtection)
	out.ManagedDraining = v.enabled(join(p, "managedDraining"), cp.ManagedDraining, DefaultManagedDraining)
	if out.ManagedTerminationProtection && out.ManagedScaling == nil {
		v.errf(join(p, "managedTerminationProtection"), "managed termination protection needs managed scaling ENABLED (docs/model.md §4.3)")
	}
	return out
}

// hasReservedPrefix reports whether name starts with aws, ecs or fargate.
func hasReservedPrefix(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "aws") || strings.HasPrefix(l, "ecs") || strings.HasPrefix(l, "fargate")
}

// enabled reads an ENABLED / DISABLED setting.
func (v *validator) enabled(p, s string, dflt bool) bool {
	settings := enabledSettings()
	switch s {
	case "":
		return dflt
	case settings[0]:
		return true
	case settings[1]:
		return false
	}
	v.errf(p, "unknown setting %q%s", s, accepted(settings...))
	return dflt
}

// enabledSettings are the values of an ENABLED / DISABLED setting, ENABLED
// first.
func enabledSettings() []string { return []string{"ENABLED", "DISABLED"} }

// settingOf writes a yes-or-no setting as ENABLED or DISABLED.
func settingOf(on bool) string {
	if on {
		return enabledSettings()[0]
	}
	return enabledSettings()[1]
}

// autoScalingGroup checks a capacity provider's Auto Scaling group and
// converts it: its instance types and zones, sizes, launch delay,
// allocation strategy and the agent settings of its instances.
func (v *validator) autoScalingGroup(p string, a *AutoScalingGroupSpec, zones []string) *world.AutoScalingGroup {
	g := &world.AutoScalingGroup{Spot: a.Spot, AllocationStrategy: a.AllocationStrategy,
		RegistrationFailureRate: a.RegistrationFailureRate, ReservedMemoryMiB: a.ReservedMemoryMiB}
	v.asgInstanceTypes(p, a, g)
	v.asgZones(p, a, g, zones)
	v.asgSizes(p, a, g)
	g.LaunchDelay = DefaultLaunchDelay()
	if a.LaunchDelay != nil {
		g.LaunchDelay = v.dist(join(p, "launchDelay"), a.LaunchDelay)
	}
	if g.AllocationStrategy == "" {
		g.AllocationStrategy = DefaultAllocationStrategy
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
	v.scheduledActions(p, a.ScheduledActions, g)
	return g
}

// asgInstanceTypes resolves the group's instance types, each of which must
// keep some memory to register after reservedMemoryMiB.
func (v *validator) asgInstanceTypes(p string, a *AutoScalingGroupSpec, g *world.AutoScalingGroup) {
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
}

// asgZones sets the group's zones (the cluster's when it names none),
// each of which must be one of the cluster's.
func (v *validator) asgZones(p string, a *AutoScalingGroupSpec, g *world.AutoScalingGroup, zones []string) {
	g.AvailabilityZones = a.AvailabilityZones
	if len(g.AvailabilityZones) == 0 {
		g.AvailabilityZones = zones
	}
	for i, z := range a.AvailabilityZones {
		if !slices.Contains(zones, z) {
			v.errf(index(join(p, "availabilityZones"), i), "%q is not one of the cluster's zones%s", z, accepted(zones...))
		}
	}
}

// asgSizes checks minSize <= desiredCapacity <= maxSize (defaults 0,
// minSize and DefaultASGMaxSize), each at most MaxASGSize.
func (v *validator) asgSizes(p string, a *AutoScalingGroupSpec, g *world.AutoScalingGroup) {
	g.MinSize, g.MaxSize = deref(a.MinSize, DefaultASGMinSize), deref(a.MaxSize, DefaultASGMaxSize)
	g.DesiredCapacity = deref(a.DesiredCapacity, g.MinSize)
	v.intRange(join(p, "minSize"), int64(g.MinSize), 0, MaxASGSize)
	v.intRange(join(p, "maxSize"), int64(g.MaxSize), 0, MaxASGSize)
	if g.MaxSize < g.MinSize {
		v.errf(join(p, "maxSize"), "must be >= minSize (%d) (got %d)", g.MinSize, g.MaxSize)
	} else if g.DesiredCapacity < g.MinSize || g.DesiredCapacity > g.MaxSize {
		v.errf(join(p, "desiredCapacity"), "must be between minSize %d and maxSize %d (got %d)", g.MinSize, g.MaxSize, g.DesiredCapacity)
	}
}

// deref is *p, or dflt when p is nil.
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
	if ms == nil || !v.enabled(join(p, "status"), ms.Status, DefaultManagedScaling) {
		return nil
	}
	warmup := deref(ms.InstanceWarmupPeriod, DefaultInstanceWarmupPeriod)
	out := &world.ManagedScaling{TargetCapacity: deref(ms.TargetCapacity, DefaultTargetCapacity),
		MinimumScalingStepSize: deref(ms.MinimumScalingStepSize, DefaultMinimumScalingStepSize),
		MaximumScalingStepSize: deref(ms.MaximumScalingStepSize, DefaultMaximumScalingStepSize),
		InstanceWarmupPeriod:   time.Duration(warmup) * time.Second}
	v.intRange(join(p, "targetCapacity"), int64(out.TargetCapacity), 1, 100)
	v.intRange(join(p, "minimumScalingStepSize"), int64(out.MinimumScalingStepSize), 1, 10000)
	v.intRange(join(p, "maximumScalingStepSize"), int64(out.MaximumScalingStepSize), 1, 10000)
	if out.MaximumScalingStepSize < out.MinimumScalingStepSize {
		v.errf(join(p, "maximumScalingStepSize"), "must be >= minimumScalingStepSize (%d) (got %d)", out.MinimumScalingStepSize, out.MaximumScalingStepSize)
	}
	v.intRange(join(p, "instanceWarmupPeriod"), int64(warmup), 0, 10000)
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

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
