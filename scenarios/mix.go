package scenarios

import (
	"math"

	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// MaxTaskSize bounds drawn task sizes (CPU units or MiB): far above any
// instance type, low enough that sums never overflow.
const MaxTaskSize = 1 << 30

// definitions resolves a workload's task definition: one (taskDefinition)
// or a weighted mix (taskDefinitions). With a mix, the first definition is
// the workload's base (its task group's family).
func (v *validator) definitions(p string, w *WorkloadSpec, wl *world.Workload) {
	if len(w.TaskDefinitions) == 0 {
		if w.TaskDefinition == "" {
			v.errf(join(p, "taskDefinition"), "required: the family of the task definition the workload runs (or taskDefinitions: a weighted mix)")
			return
		}
		wl.TaskDefinition = v.taskDefinitionRef(join(p, "taskDefinition"), w.TaskDefinition)
		return
	}
	if w.TaskDefinition != "" {
		v.errf(join(p, "taskDefinitions"), "give either taskDefinition or taskDefinitions (a weighted mix), not both")
		return
	}
	for i, m := range w.TaskDefinitions {
		q := index(join(p, "taskDefinitions"), i)
		def := v.taskDefinitionRef(join(q, "taskDefinition"), m.TaskDefinition)
		if !(m.Weight > 0) || math.IsInf(m.Weight, 0) {
			v.errf(join(q, "weight"), "must be a finite number > 0: the share of tasks that run this definition (got %v)", m.Weight)
		}
		if def == nil {
			continue
		}
		if wl.TaskDefinition == nil {
			wl.TaskDefinition = def
		}
		wl.Mix = append(wl.Mix, world.WeightedDefinition{TaskDefinition: def, Weight: m.Weight})
	}
}

// mixLaunchTypes checks that every definition of a mix is compatible with
// the workload's launch type (the base one is checked by launchMode).
func (v *validator) mixLaunchTypes(p string, wl *world.Workload) {
	if wl.LaunchType == "" {
		return
	}
	for i, m := range wl.Mix {
		if i > 0 && !contains(m.TaskDefinition.RequiresCompatibilities, wl.LaunchType) {
			v.errf(join(index(join(p, "taskDefinitions"), i), "taskDefinition"),
				"task definition %s does not list %s in requiresCompatibilities (it has %v)",
				m.TaskDefinition.Name(), wl.LaunchType, m.TaskDefinition.RequiresCompatibilities)
		}
	}
}

// size converts a workload's size distributions: task-level CPU units and
// memory MiB drawn per task, rounded to whole numbers and at least 1.
// Fargate accepts only its listed CPU/memory combinations
// (docs/model.md §9), so drawn sizes are for EC2 capacity only.
func (v *validator) size(p string, s *SizeSpec, wl *world.Workload, cfg *world.Config) *world.TaskSizing {
	if s == nil {
		return nil
	}
	if s.CPU == nil && s.Memory == nil {
		v.errf(join(p, "size"), "give cpu, memory or both, e.g. {cpu: {distribution: uniform, min: 256, max: 1024}}")
		return nil
	}
	if usesFargate(wl, cfg) {
		v.errf(join(p, "size"), "drawn sizes are for EC2 capacity: Fargate accepts only its listed CPU/memory combinations (use a mix of Fargate task definitions instead)")
	}
	sz := &world.TaskSizing{}
	if s.CPU != nil {
		sz.CPU = v.numDist(join(join(p, "size"), "cpu"), s.CPU, MaxTaskCPUEC2)
	}
	if s.Memory != nil {
		sz.Memory = v.numDist(join(join(p, "size"), "memory"), s.Memory, MaxTaskSize)
	}
	return sz
}

// numDist converts a distribution of plain numbers, checking the fields its
// kind uses and the range of its values (0 to hi: MaxTaskCPUEC2 for CPU
// units, MaxTaskSize for MiB).
func (v *validator) numDist(p string, d *NumDistSpec, hi float64) workloads.DistSpec {
	spec := workloads.DistSpec{Kind: d.Distribution, Value: orZero(d.Value), Min: orZero(d.Min), Max: orZero(d.Max),
		Mean: orZero(d.Mean), StdDev: orZero(d.StdDev), Values: d.Values}
	set := map[string]bool{"values": d.Values != nil}
	for _, f := range d.numbers() {
		set[f.name] = f.x != nil
	}
	if !v.distShape(p, d.Distribution, set) {
		return spec
	}
	if d.Distribution == workloads.Empirical && d.Values != nil && len(d.Values) == 0 {
		v.errf(join(p, "values"), "required by the empirical distribution: a list of values, each equally likely")
	}
	v.numDistRanges(p, d, hi)
	v.numDistParameters(p, d)
	return spec
}

// orZero is *x, or 0 when x is nil.
func orZero(x *float64) float64 {
	if x == nil {
		return 0
	}
	return *x
}

// numDistField is a single-number field of a NumDistSpec and its yaml name.
type numDistField struct {
	name string
	x    *float64
}

// numbers are d's single-number fields, in declaration order.
func (d *NumDistSpec) numbers() []numDistField {
	return []numDistField{{"value", d.Value}, {"min", d.Min}, {"max", d.Max}, {"mean", d.Mean}, {"stddev", d.StdDev}}
}

// numDistRanges checks that every number d gives is between 0 and hi.
func (v *validator) numDistRanges(p string, d *NumDistSpec, hi float64) {
	for _, f := range d.numbers() {
		if f.x != nil && !(*f.x >= 0 && *f.x <= hi) {
			v.errf(join(p, f.name), "must be between 0 and %v (got %v)", hi, *f.x)
		}
	}
	for i, x := range d.Values {
		if !(x >= 0 && x <= hi) {
			v.errf(index(join(p, "values"), i), "must be between 0 and %v (got %v)", hi, x)
		}
	}
}

// numDistParameters checks what d's kind needs of its parameters: a
// uniform max at least its min, a positive mean for the exponential,
// lognormal and normal distributions.
func (v *validator) numDistParameters(p string, d *NumDistSpec) {
	if d.Distribution == workloads.Uniform && d.Min != nil && d.Max != nil && *d.Max < *d.Min {
		v.errf(join(p, "max"), "must be >= min (%v) (got %v)", *d.Min, *d.Max)
	}
	if (d.Distribution == workloads.Exponential || d.Distribution == workloads.LogNormal || d.Distribution == workloads.Normal) &&
		d.Mean != nil && *d.Mean == 0 {
		v.errf(join(p, "mean"), "must be > 0")
	}
}

// usesFargate reports whether a workload's tasks may run on Fargate: launch
// type FARGATE, or a strategy (its own or the cluster's default) with a
// Fargate capacity provider.
func usesFargate(wl *world.Workload, cfg *world.Config) bool {
	if wl.LaunchType == world.LaunchFargate {
		return true
	}
	if wl.LaunchType != "" {
		return false
	}
	items := wl.CapacityProviderStrategy
	if len(items) == 0 {
		items = cfg.DefaultStrategy
	}
	for _, it := range items {
		if it.Provider >= 0 && it.Provider < len(cfg.CapacityProviders) && cfg.CapacityProviders[it.Provider].Fargate() {
			return true
		}
	}
	return false
}
