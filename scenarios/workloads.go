package scenarios

import (
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

var launchTypes = []string{"EC2", "FARGATE"}

func (v *validator) workloads(f *File, cfg *world.Config) {
	seen := map[string]bool{}
	for i := range f.Workloads {
		w := &f.Workloads[i]
		p := index("workloads", i)
		if !nameRE.MatchString(w.Name) || seen[w.Name] {
			v.errf(join(p, "name"), "workload names are unique, 1-255 letters, digits, '-', '_' and '.' (got %q)", w.Name)
		}
		seen[w.Name] = true
		wl := world.Workload{Name: w.Name, LaunchType: w.LaunchType, Group: w.Group, TaskStartDelay: w.TaskStartDelay.D}
		wl.TaskDefinition = v.taskDefinitionRef(join(p, "taskDefinition"), w.TaskDefinition)
		v.launchMode(p, w, &wl, cfg)
		if len(w.Group) > 255 {
			v.errf(join(p, "group"), "task group names are at most 255 characters")
		}
		wl.Arrivals = v.arrivals(join(p, "arrivals"), &w.Arrivals, f.Duration.D)
		if w.Duration == nil {
			v.errf(join(p, "duration"), "required: how long each task runs, e.g. {distribution: exponential, mean: 5m}")
		} else {
			wl.Duration = v.dist(join(p, "duration"), w.Duration)
		}
		if w.TaskStartDelay.D < 0 {
			v.errf(join(p, "taskStartDelay"), "must be >= 0 (got %s)", FormatDuration(w.TaskStartDelay.D))
		}
		wl.PlacementStrategy = v.strategies(join(p, "placementStrategy"), w.PlacementStrategy)
		wl.PlacementConstraints = v.constraints(join(p, "placementConstraints"), w.PlacementConstraints, wl.TaskDefinition)
		if wl.LaunchType == world.LaunchFargate && (len(w.PlacementStrategy) > 0 || len(w.PlacementConstraints) > 0) {
			v.errf(join(p, "launchType"), "FARGATE tasks take no placement strategy or constraints (ECS spreads them over the zones)")
		}
		wl.ContainerDurations = v.containerDurations(join(p, "containerDurations"), w.ContainerDurations, wl.TaskDefinition)
		cfg.Workloads = append(cfg.Workloads, wl)
	}
}

// launchMode resolves how a request's tasks get capacity (ecs-reference.md
// §8): a launch type or a capacity provider strategy, not both; neither
// means the cluster's default strategy, or launch type EC2 without one.
func (v *validator) launchMode(p string, w *WorkloadSpec, wl *world.Workload, cfg *world.Config) {
	var def compatibility
	if wl.TaskDefinition != nil {
		def = wl.TaskDefinition
	}
	switch {
	case w.LaunchType != "" && len(w.CapacityProviderStrategy) > 0:
		v.errf(join(p, "capacityProviderStrategy"), "give either launchType or capacityProviderStrategy, not both (a launch type overrides the strategy in ECS)")
	case w.LaunchType != "":
		v.launchType(p, w.LaunchType, wl.TaskDefinition)
	case len(w.CapacityProviderStrategy) > 0:
		wl.CapacityProviderStrategy = v.strategy(join(p, "capacityProviderStrategy"), w.CapacityProviderStrategy, cfg, def)
	case len(cfg.DefaultStrategy) > 0:
		v.strategyCompatible(join(p, "taskDefinition"), cfg.DefaultStrategy, cfg, def)
	default:
		w.LaunchType = DefaultLaunchType
		v.launchType(p, w.LaunchType, wl.TaskDefinition)
	}
	wl.LaunchType = w.LaunchType
}

func (v *validator) launchType(p, lt string, def *cluster.TaskDefinition) {
	found := false
	for _, l := range launchTypes {
		found = found || l == lt
	}
	if !found {
		v.errf(join(p, "launchType"), "unknown launch type %q%s", lt, accepted(launchTypes...))
		return
	}
	if def == nil {
		return
	}
	for _, c := range def.RequiresCompatibilities {
		if c == lt {
			return
		}
	}
	v.errf(join(p, "launchType"), "task definition %s does not list %s in requiresCompatibilities (it has %v)", def.Name(), lt, def.RequiresCompatibilities)
}

func (v *validator) arrivals(p string, a *ArrivalsSpec, horizon time.Duration) workloads.ArrivalSpec {
	spec := workloads.ArrivalSpec{Process: a.Process, RatePerMinute: a.RatePerMinute, At: a.At.D}
	if a.Count != nil {
		spec.Count = *a.Count
	}
	switch a.Process {
	case workloads.Poisson:
		if !(a.RatePerMinute > 0) || a.RatePerMinute > MaxRatePerMin {
			v.errf(join(p, "ratePerMinute"), "must be > 0 and at most %d (got %v)", MaxRatePerMin, a.RatePerMinute)
		}
		v.intRange(join(p, "count"), int64(spec.Count), 1, MaxTasksPerCall)
		if a.At.Set {
			v.errf(join(p, "at"), "not used by the poisson process (it is for batch)")
		}
	case workloads.Batch:
		if !a.At.Set {
			v.errf(join(p, "at"), "required for a batch: when the tasks are submitted, e.g. 10m")
		} else if a.At.D < 0 || a.At.D > horizon {
			v.errf(join(p, "at"), "must be between 0s and the scenario duration (%s) (got %s)", FormatDuration(horizon), FormatDuration(a.At.D))
		}
		if a.Count == nil {
			v.errf(join(p, "count"), "required for a batch: how many tasks are submitted at once")
		} else {
			v.intRange(join(p, "count"), int64(spec.Count), 1, MaxBatchCount)
		}
		if a.RatePerMinute != 0 {
			v.errf(join(p, "ratePerMinute"), "not used by the batch process (it is for poisson)")
		}
	case "":
		v.errf(join(p, "process"), "required%s", accepted(workloads.Processes...))
	default:
		v.errf(join(p, "process"), "unknown arrival process %q%s", a.Process, accepted(workloads.Processes...))
	}
	return spec
}

// distFields lists which fields each distribution uses.
var distFields = map[string][]string{
	workloads.Constant:    {"value"},
	workloads.Uniform:     {"min", "max"},
	workloads.Exponential: {"mean"},
	workloads.LogNormal:   {"mean", "stddev"},
	workloads.Normal:      {"mean", "stddev"},
	workloads.Empirical:   {"values"},
}

func (v *validator) dist(p string, d *DistSpec) workloads.DistSpec {
	spec := workloads.DistSpec{Kind: d.Distribution, Value: d.Value.D.Seconds(), Min: d.Min.D.Seconds(),
		Max: d.Max.D.Seconds(), Mean: d.Mean.D.Seconds(), StdDev: d.StdDev.D.Seconds()}
	for _, x := range d.Values {
		spec.Values = append(spec.Values, x.D.Seconds())
	}
	uses, ok := distFields[d.Distribution]
	if !ok {
		if d.Distribution == "" {
			v.errf(join(p, "distribution"), "required%s", accepted(workloads.Kinds...))
		} else {
			v.errf(join(p, "distribution"), "unknown distribution %q%s", d.Distribution, accepted(workloads.Kinds...))
		}
		return spec
	}
	set := map[string]bool{"value": d.Value.Set, "min": d.Min.Set, "max": d.Max.Set, "mean": d.Mean.Set,
		"stddev": d.StdDev.Set, "values": d.Values != nil}
	for _, field := range []string{"value", "min", "max", "mean", "stddev", "values"} {
		used := false
		for _, u := range uses {
			used = used || u == field
		}
		switch {
		case used && !set[field]:
			v.errf(join(p, field), "required by the %s distribution", d.Distribution)
		case !used && set[field]:
			v.errf(join(p, field), "not used by the %s distribution%s", d.Distribution, accepted(uses...))
		}
	}
	v.distValues(p, d)
	return spec
}

// distValues checks a distribution's values, one message per problem, with
// durations written as the scenario writes them.
func (v *validator) distValues(p string, d *DistSpec) {
	nonNeg := func(field string, x Duration) {
		if x.Set && x.D < 0 {
			v.errf(join(p, field), "must be >= 0s (got %s)", FormatDuration(x.D))
		}
	}
	nonNeg("value", d.Value)
	nonNeg("min", d.Min)
	nonNeg("max", d.Max)
	nonNeg("stddev", d.StdDev)
	for i, x := range d.Values {
		nonNeg(index(join(p, "values"), i), x)
	}
	if d.Mean.Set && d.Mean.D <= 0 {
		v.errf(join(p, "mean"), "must be > 0s (got %s)", FormatDuration(d.Mean.D))
	}
	if d.Min.Set && d.Max.Set && d.Max.D < d.Min.D {
		v.errf(join(p, "max"), "must be >= min (%s) (got %s)", FormatDuration(d.Min.D), FormatDuration(d.Max.D))
	}
	if d.Distribution == workloads.Empirical && d.Values != nil && len(d.Values) == 0 {
		v.errf(join(p, "values"), "must list at least one duration")
	}
}

// strategies checks a placement strategy list (ecs-reference.md §5.3: at
// most 5 rules; binpack takes cpu or memory; spread takes instanceId, host or
// attribute:<name>; random takes no field).
func (v *validator) strategies(p string, specs []StrategySpec) []placement.Spec {
	if len(specs) > placement.MaxStrategies {
		v.errf(p, "at most %d placement strategy rules (got %d)", placement.MaxStrategies, len(specs))
	}
	out := make([]placement.Spec, 0, len(specs))
	scratch := cluster.New(v.cat)
	for j, s := range specs {
		spec := placement.Spec{Type: s.Type, Field: s.Field}
		if _, err := v.reg.Strategy(spec, scratch); err != nil {
			field := "type"
			if s.Type != "" && v.hasStrategy(s.Type) {
				field = "field"
			}
			v.errf(join(index(p, j), field), "%v", err)
		}
		out = append(out, spec)
	}
	return out
}

func (v *validator) hasStrategy(name string) bool {
	for _, n := range v.reg.Names() {
		if n == name {
			return true
		}
	}
	return false
}

// constraints checks a request's placement constraints (§5.4): at most 10
// together with the task definition's; distinctInstance takes no
// expression; memberOf needs a valid expression.
func (v *validator) constraints(p string, specs []ConstraintSpec, def *cluster.TaskDefinition) []cluster.PlacementConstraint {
	n := len(specs)
	if def != nil {
		n += len(def.PlacementConstraints)
	}
	if n > placement.MaxConstraints {
		v.errf(p, "at most %d placement constraints per task, the task definition's included (got %d)", placement.MaxConstraints, n)
	}
	var out []cluster.PlacementConstraint
	for j, c := range specs {
		cp := index(p, j)
		switch c.Type {
		case placement.TypeDistinctInstance:
			if c.Expression != "" {
				v.errf(join(cp, "expression"), "distinctInstance takes no expression")
			}
		case placement.TypeMemberOf:
			v.expression(join(cp, "expression"), c.Expression)
		default:
			v.errf(join(cp, "type"), "unknown placement constraint type %q%s", c.Type, accepted(placement.TypeDistinctInstance, placement.TypeMemberOf))
		}
		out = append(out, cluster.PlacementConstraint{Type: c.Type, Expression: c.Expression})
	}
	return out
}

// containerDurations checks per-container run times: every name must be a
// container of the task definition.
func (v *validator) containerDurations(p string, m map[string]DistSpec, def *cluster.TaskDefinition) map[string]workloads.DistSpec {
	if len(m) == 0 {
		return nil
	}
	out := map[string]workloads.DistSpec{}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sortStrings(names)
	for _, name := range names {
		d := m[name]
		out[name] = v.dist(join(p, name), &d)
		if def == nil {
			continue
		}
		var containers []string
		found := false
		for _, c := range def.Containers {
			containers = append(containers, c.Name)
			found = found || c.Name == name
		}
		if !found {
			v.errf(join(p, name), "task definition %s has no container %q%s", def.Name(), name, accepted(containers...))
		}
	}
	return out
}
