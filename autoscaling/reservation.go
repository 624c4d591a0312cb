package autoscaling

import "github.com/ecsim/ecsim/sim/cluster"

// CapacityProviderReservation is the metric ECS publishes for a capacity
// provider every minute: CPR = M / N × 100, with N the instances running in
// the Auto Scaling group and M the instances needed (docs/model.md §1.2).
// With N = 0 it is 100 when M = 0 and 200 when M > 0 (W-1, W-2).
//
// Examples: M = 4, N = 3 → 133.33 (W-4); M = 2, N = 3 → 66.67 (W-5).
func CapacityProviderReservation(m, n int) float64 {
	switch {
	case n == 0 && m == 0:
		return 100
	case n == 0:
		return 200
	}
	return 100 * float64(m) / float64(n)
}

// ScaleOutStep clamps the estimator's instance count to the capacity
// provider's step sizes (§1.3 step 6): minimumScalingStepSize when the count
// is below it, else at most maximumScalingStepSize. W-9: calc 1, min 3 → 3;
// calc 12, max 5 → 5.
func ScaleOutStep(calc, minStep, maxStep int) int {
	if calc < minStep {
		return minStep
	}
	return min(calc, maxStep)
}

// DesiredFor returns the group size target tracking asks for so that the
// metric meets the target: ceil(N × CPR / target) = ceil(100 × M / target),
// computed in integers so that no rounded CPR leaks in (docs/model.md §14).
// Examples: M = 4, target 100 → 4 (W-4); M = 2 with N = 3 (66.67 %) and
// target 50 → ceil(200/50) = 4, where 3 × 66.67 / 50 in floating point would
// round up to 5 (W-7).
func DesiredFor(m, targetCapacity int) int {
	return (100*m + targetCapacity - 1) / targetCapacity
}

// MetricInput is what a capacity provider's metric is computed from.
type MetricInput struct {
	// N is the instances registered in the group (ACTIVE or DRAINING, not
	// being terminated); NonEmpty those running a task that is not a daemon
	// task (§1.3).
	N, NonEmpty int
	// Provisioning are the provider's PROVISIONING tasks.
	Provisioning []TaskGroup
	// Smallest and Largest bound the group's instance types (Bounds).
	Smallest, Largest cluster.Capacity
	// MinStep and MaxStep are minimum/maximumScalingStepSize.
	MinStep, MaxStep int
	// TargetCapacity is the provider's targetCapacity (1..100).
	TargetCapacity int
	// FixedStep applies the ManagedScaling API note: a group with several
	// instance types or zones scales out by exactly MinStep (§1.3).
	FixedStep bool
	// LegacyScaleIn publishes 100 − empty instances when nothing is
	// PROVISIONING, as the 2023 guide described (§1.6, W-8).
	LegacyScaleIn bool
	// Scratch, when set, is the estimator's memory kept between calls
	// (EstimateScratch); the metric does not depend on it.
	Scratch *EstimateScratch
}

// Metric is one published CapacityProviderReservation datapoint and how it
// was computed.
type Metric struct {
	Value    float64
	M, N     int
	Add      int      // instances the estimate adds (0 when nothing is PROVISIONING)
	Estimate Estimate // the estimator's result when tasks are PROVISIONING
	// AllIncompatible is set when tasks are PROVISIONING but none fits the
	// smallest instance type: the metric then equals the target and nothing
	// scales (§1.3 step 5; confusion #1).
	AllIncompatible bool
}

// ComputeMetric computes the provider's metric (§1.7):
//
//   - tasks PROVISIONING: M = N + clamp(estimate, minStep, maxStep), or the
//     target exactly when every PROVISIONING task is incompatible;
//   - nothing PROVISIONING: M = the non-empty instances (daemon tasks do not
//     make an instance non-empty); or, with LegacyScaleIn, 100 − the empty
//     instances.
//
// Example (W-4): N = 3, 1 task PROVISIONING that fits → add 1, M = 4, 133.33.
func ComputeMetric(in MetricInput) Metric {
	m := Metric{N: in.N}
	scratch := in.Scratch
	if scratch == nil {
		scratch = new(EstimateScratch)
	}
	est := scratch.Estimate(in.Provisioning, in.Smallest, in.Largest)
	if est.Compatible+est.Incompatible > 0 {
		m.Estimate = est
		if m.Estimate.Compatible == 0 {
			m.AllIncompatible = true
			m.M = in.N
			m.Value = float64(in.TargetCapacity)
			return m
		}
		m.Add = ScaleOutStep(m.Estimate.Instances, in.MinStep, in.MaxStep)
		if in.FixedStep {
			m.Add = in.MinStep
		}
		m.M = in.N + m.Add
		m.Value = CapacityProviderReservation(m.M, m.N)
		return m
	}
	m.M = in.NonEmpty
	if in.LegacyScaleIn && in.N > 0 {
		m.Value = float64(100 - (in.N - in.NonEmpty))
		return m
	}
	m.Value = CapacityProviderReservation(m.M, m.N)
	return m
}
