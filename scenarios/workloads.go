package scenarios

import (
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

var launchTypes = []string{"EC2", "FARGATE"}

// workloads checks and converts the RunTask workloads.
func (v *validator) workloads(f *File, cfg *world.Config) {
	for i := range f.Workloads {
		w := &f.Workloads[i]
		p := index("workloads", i)
		v.uniqueName(join(p, "name"), w.Name)
		wl := world.Workload{Name: w.Name, LaunchType: w.LaunchType, Group: w.Group, TaskStartDelay: w.TaskStartDelay.D}
		v.definitions(p, w, &wl)
		v.runTask(p, w, &wl, cfg)
		if w.Trace != nil {
			v.traceWorkload(p, w, &wl, cfg)
		} else {
			wl.Arrivals = v.arrivals(join(p, "arrivals"), &w.Arrivals, f.Duration.D)
			wl.Duration = v.taskDuration(p, w.Duration)
			wl.Size = v.size(p, w.Size, &wl, cfg)
			wl.ContainerDurations = v.containerDurations(join(p, "containerDurations"), w.ContainerDurations, wl.TaskDefinition)
		}
		cfg.Workloads = append(cfg.Workloads, wl)
	}
}

// uniqueName checks the name of a workload or scheduled task: they share
// one namespace (they name the tasks' startedBy).
func (v *validator) uniqueName(p, name string) {
	if v.names == nil {
		v.names = map[string]bool{}
	}
	if !nameRE.MatchString(name) || v.names[name] {
		v.errf(p, "workload and scheduled task names are unique, 1-255 letters, digits, '-', '_' and '.' (got %q)", name)
	}
	v.names[name] = true
}

// runTask checks what a RunTask call takes: how the tasks get capacity,
// their group, start delay, placement strategy and constraints.
func (v *validator) runTask(p string, w *WorkloadSpec, wl *world.Workload, cfg *world.Config) {
	v.launchMode(p, w, wl, cfg)
	v.mixLaunchTypes(p, wl)
	if len(w.Group) > 255 {
		v.errf(join(p, "group"), "task group names are at most 255 characters")
	}
	if w.TaskStartDelay.D < 0 {
		v.errf(join(p, "taskStartDelay"), "must be >= 0 (got %s)", FormatDuration(w.TaskStartDelay.D))
	}
	wl.PlacementStrategy = v.strategies(join(p, "placementStrategy"), w.PlacementStrategy)
	wl.PlacementConstraints = v.constraints(join(p, "placementConstraints"), w.PlacementConstraints, wl.TaskDefinition)
	if wl.LaunchType == world.LaunchFargate && (len(w.PlacementStrategy) > 0 || len(w.PlacementConstraints) > 0) {
		v.errf(join(p, "launchType"), "FARGATE tasks take no placement strategy or constraints (ECS spreads them over the zones)")
	}
}

// taskDuration converts a required run time distribution.
func (v *validator) taskDuration(p string, d *DistSpec) workloads.DistSpec {
	if d == nil {
		v.errf(join(p, "duration"), "required: how long each task runs, e.g. {distribution: exponential, mean: 5m}")
		return workloads.DistSpec{}
	}
	return v.dist(join(p, "duration"), d)
}

// launchMode resolves how a request's tasks get capacity (docs/model.md
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

// launchType checks that lt is a known launch type and that def, if given,
// lists it in requiresCompatibilities.
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

// dist converts a distribution of durations (in seconds), checking the
// fields its kind uses and its values.
func (v *validator) dist(p string, d *DistSpec) workloads.DistSpec {
	spec := workloads.DistSpec{Kind: d.Distribution, Value: d.Value.D.Seconds(), Min: d.Min.D.Seconds(),
		Max: d.Max.D.Seconds(), Mean: d.Mean.D.Seconds(), StdDev: d.StdDev.D.Seconds()}
	for _, x := range d.Values {
		spec.Values = append(spec.Values, x.D.Seconds())
	}
	set := map[string]bool{"value": d.Value.Set, "min": d.Min.Set, "max": d.Max.Set, "mean": d.Mean.Set,
		"stddev": d.StdDev.Set, "values": d.Values != nil}
	if !v.distShape(p, d.Distribution, set) {
		return spec
	}
	v.distValues(p, d)
	return spec
}

// distShape checks a distribution's kind and that exactly the fields it
// uses are set (set: field → given); false when the kind is missing or
// unknown, so its values are not checked further.
func (v *validator) distShape(p, kind string, set map[string]bool) bool {
	d, ok := v.wl.Distribution(kind)
	if !ok {
		if kind == "" {
			v.errf(join(p, "distribution"), "required%s", accepted(v.wl.Distributions()...))
		} else {
			v.errf(join(p, "distribution"), "unknown distribution %q%s", kind, accepted(v.wl.Distributions()...))
		}
		return false
	}
	uses := d.Keys
	for _, field := range []string{"value", "min", "max", "mean", "stddev", "values"} {
		switch used := contains(uses, field); {
		case used && !set[field] && field == "values":
			v.errf(join(p, field), "required by the %s distribution: a list of values, each equally likely", kind)
		case used && !set[field]:
			v.errf(join(p, field), "required by the %s distribution", kind)
		case !used && set[field]:
			v.errf(join(p, field), "not used by the %s distribution%s", kind, accepted(uses...))
		}
	}
	return true
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

// strategies checks a placement strategy list and compiles it, once, with
// the caller's registry (docs/model.md §5.3: at most 5 rules; binpack takes
// cpu or memory; spread takes instanceId, host or attribute:<name>; random
// takes no field).
func (v *validator) strategies(p string, specs []StrategySpec) placement.Plan {
	if len(specs) > placement.MaxStrategies {
		v.errf(p, "at most %d placement strategy rules (got %d)", placement.MaxStrategies, len(specs))
	}
	in := make([]placement.Spec, len(specs))
	for j, s := range specs {
		in[j] = placement.Spec{Type: s.Type, Field: s.Field}
	}
	plan, err := v.reg.Compile(in)
	if es, ok := err.(placement.SpecErrors); ok {
		for _, e := range es {
			v.errf(join(index(p, e.Index), e.Key), "%v", e.Err)
		}
	}
	return plan
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
