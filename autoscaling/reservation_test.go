package autoscaling_test

import (
	"math"
	"testing"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim/cluster"
)

// TestCapacityProviderReservationWorkedExamples checks CPR = M/N × 100 and its
// special cases (docs/model.md §0, §1.2) on the worked examples.
func TestCapacityProviderReservationWorkedExamples(t *testing.T) {
	cases := []struct {
		name string
		m, n int
		want float64
	}{
		{"W-1 M=0 N=0 -> 100", 0, 0, 100},
		{"W-2 M=1 N=0 -> 200", 1, 0, 200},
		{"W-2 M=10 N=0 -> 200 (10 pending tasks, empty ASG)", 10, 0, 200},
		{"W-2 M=5000 N=0 -> 200 whatever M", 5000, 0, 200},
		{"W-3 M=3 N=3 -> 100", 3, 3, 100},
		{"W-4 M=4 N=3 -> 133.33", 4, 3, 400.0 / 3},
		{"W-5/W-6 M=2 N=3 -> 66.67", 2, 3, 200.0 / 3},
		{"W-7 after scale-out M=2 N=4 -> 50", 2, 4, 50},
		{"W-8 current docs N=10 with 2 empty -> 80", 8, 10, 80},
		{"§1.2 M=0 N=5 (all empty) -> 0", 0, 5, 0},
		{"§1.2 unbounded above: M=30 N=10 -> 300", 30, 10, 300},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := autoscaling.CapacityProviderReservation(c.m, c.n)
			if !near(got, c.want) {
				t.Errorf("CapacityProviderReservation(%d, %d) = %v, want %v", c.m, c.n, got, c.want)
			}
		})
	}
	// The figures the docs print, rounded to two decimals.
	if got := autoscaling.CapacityProviderReservation(4, 3); !near2(got, 133.33) {
		t.Errorf("W-4: CPR(4,3) = %v, want 133.33 at two decimals", got)
	}
	if got := autoscaling.CapacityProviderReservation(2, 3); !near2(got, 66.67) {
		t.Errorf("W-5: CPR(2,3) = %v, want 66.67 at two decimals", got)
	}
}

// TestScaleOutStepW9 checks clamp(calc, minimumScalingStepSize,
// maximumScalingStepSize) (docs/model.md §1.3 step 6, W-9, §1.4 defaults).
func TestScaleOutStepW9(t *testing.T) {
	cases := []struct {
		name                string
		calc, minS, maxS, w int
	}{
		{"W-9 calc 1 minStep 3 -> 3", 1, 3, 10000, 3},
		{"W-9 calc 12 maxStep 5 -> 5", 12, 1, 5, 5},
		{"defaults 1/10000: calc passes through", 7, 1, 10000, 7},
		{"calc equal to minStep", 3, 3, 10, 3},
		{"calc equal to maxStep", 10, 1, 10, 10},
		{"calc between the steps", 4, 2, 6, 4},
		{"calc 0 is raised to minStep", 0, 1, 10000, 1},
		{"minStep == maxStep pins the step", 9, 4, 4, 4},
		{"maxStep 1 with a large calc", 10000, 1, 1, 1},
		{"top of the API range", 20000, 1, 10000, 10000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := autoscaling.ScaleOutStep(c.calc, c.minS, c.maxS); got != c.w {
				t.Errorf("ScaleOutStep(%d, %d, %d) = %d, want %d", c.calc, c.minS, c.maxS, got, c.w)
			}
		})
	}
}

// TestDesiredFor checks desired = ceil(100·M / target) in exact arithmetic
// (docs/model.md §1.5 step 4, §1.7; docs/model.md §14).
func TestDesiredFor(t *testing.T) {
	cases := []struct {
		name         string
		m, target, w int
	}{
		{"W-4 M=4 target 100 -> 4", 4, 100, 4},
		{"W-3 M=3 target 100 -> 3", 3, 100, 3},
		{"W-7 M=2 target 50 -> 4", 2, 50, 4},
		{"M=0 -> 0", 0, 100, 0},
		{"M=0 target 1 -> 0", 0, 1, 0},
		{"§1.4 target 80 M=4 -> ceil(400/80)=5 (one empty spare)", 4, 80, 5},
		{"§1.4 target 80 M=8 -> 10 (20% spare)", 8, 80, 10},
		{"§1.4 target 80 M=5 -> ceil(500/80)=7", 5, 80, 7},
		{"§1.4 target 90 M=9 -> 10 (10% spare)", 9, 90, 10},
		{"§1.4 target 90 M=4 -> ceil(400/90)=5", 4, 90, 5},
		{"§1.4 target 90 M=18 -> 20", 18, 90, 20},
		{"§1.4 target 90 M=10 -> ceil(1000/90)=12", 10, 90, 12},
		{"target 1 (lowest allowed) M=1 -> 100", 1, 1, 100},
		{"target 99 M=99 -> 100", 99, 99, 100},
		{"target 99 M=100 -> ceil(10000/99)=102", 100, 99, 102},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := autoscaling.DesiredFor(c.m, c.target); got != c.w {
				t.Errorf("DesiredFor(%d, %d) = %d, want %d", c.m, c.target, got, c.w)
			}
		})
	}
}

// TestDesiredForW7ExactNotFloat shows why docs/model.md §14 insists on exact
// arithmetic: ceil(N × CPR / target) with a rounded CPR overshoots.
func TestDesiredForW7ExactNotFloat(t *testing.T) {
	// W-7: N = 3, M = 2, target 50, the docs print CPR 66.67.
	if f := int(math.Ceil(3 * 66.67 / 50)); f != 5 {
		t.Fatalf("premise: ceil(3*66.67/50) = %d, expected the float formula to give 5", f)
	}
	if got := autoscaling.DesiredFor(2, 50); got != 4 {
		t.Errorf("W-7: DesiredFor(2, 50) = %d, want 4 (not 5)", got)
	}
	// Unrounded float64 CPR also overshoots elsewhere: M = 9, N = 7, target
	// 100: 7 × (900/7) / 100 = 9.000000000000002 in float64 → 10, exact 9.
	n, m := 7.0, 9.0
	cpr := 100 * m / n
	if f := int(math.Ceil(n * cpr / 100)); f != 10 {
		t.Fatalf("premise: float formula gives %d for M=9 N=7, expected 10", f)
	}
	if got := autoscaling.DesiredFor(9, 100); got != 9 {
		t.Errorf("DesiredFor(9, 100) = %d, want 9", got)
	}
}

// TestDesiredForMeetsTarget checks, for every target and M up to 300, that
// DesiredFor is the least group size whose CPR is at or below the target.
func TestDesiredForMeetsTarget(t *testing.T) {
	for target := 1; target <= 100; target++ {
		for m := 0; m <= 300; m++ {
			d := autoscaling.DesiredFor(m, target)
			if 100*m > target*d {
				t.Fatalf("DesiredFor(%d, %d) = %d: CPR %d/%d above the target", m, target, d, 100*m, d)
			}
			if d > 0 && 100*m <= target*(d-1) {
				t.Fatalf("DesiredFor(%d, %d) = %d is not the least: %d meets the target", m, target, d, d-1)
			}
		}
	}
}

// m5Bounds returns the bounds of a one-type m5.large group.
func m5Bounds(t *testing.T) (cluster.Capacity, cluster.Capacity) {
	t.Helper()
	return bounds(t, "m5.large")
}

// TestComputeMetricProvisioningW4 is W-4 (§1.3, [INF] M = N + clamp(calc)):
// N = 3 instances each holding 3 tasks (512 CPU / 2048 MiB on m5.large:
// 7987/2048 = 3), one more task PROVISIONING → calc 1, M = 4, CPR 133.33.
func TestComputeMetricProvisioningW4(t *testing.T) {
	s, l := m5Bounds(t)
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 3, NonEmpty: 3,
		Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), 1)},
		Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	})
	if got.M != 4 || got.N != 3 || got.Add != 1 || got.AllIncompatible {
		t.Errorf("W-4: M, N, Add, AllIncompatible = %d, %d, %d, %v, want 4, 3, 1, false", got.M, got.N, got.Add, got.AllIncompatible)
	}
	if !near(got.Value, 400.0/3) || !near2(got.Value, 133.33) {
		t.Errorf("W-4: value = %v, want 133.33", got.Value)
	}
	if want := (autoscaling.Estimate{Instances: 1, Compatible: 1}); got.Estimate != want {
		t.Errorf("W-4: estimate = %+v, want %+v", got.Estimate, want)
	}
	// And target tracking then asks for ceil(100·4/100) = 4: N 3 -> 4.
	if d := autoscaling.DesiredFor(got.M, 100); d != 4 {
		t.Errorf("W-4: DesiredFor = %d, want 4", d)
	}
}

// TestComputeMetricProvisioningSeveralInstances: N = 3, seven PROVISIONING
// tasks of 512/2048 on m5.large (3 per instance) need ceil(7/3) = 3 → M = 6,
// CPR 200.
func TestComputeMetricProvisioningSeveralInstances(t *testing.T) {
	s, l := m5Bounds(t)
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 3, NonEmpty: 3,
		Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), 7)},
		Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	})
	if got.Add != 3 || got.M != 6 || !near(got.Value, 200) {
		t.Errorf("Add, M, Value = %d, %d, %v, want 3, 6, 200", got.Add, got.M, got.Value)
	}
}

// TestComputeMetricAllIncompatible is §1.3 step 5 / confusion #1: every
// PROVISIONING task is larger than the smallest type, so the metric equals
// the target (current docs), M = N and nothing scales.
func TestComputeMetricAllIncompatible(t *testing.T) {
	s, l := m5Bounds(t)
	for _, target := range []int{100, 90, 50} {
		got := autoscaling.ComputeMetric(autoscaling.MetricInput{
			N: 3, NonEmpty: 1,
			// 8000 MiB > 7987 registered on m5.large (cf. confusion #15).
			Provisioning: []autoscaling.TaskGroup{group(req(512, 8000), 4), group(req(4096, 512), 2)},
			Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: target,
		})
		if !got.AllIncompatible || got.M != 3 || got.N != 3 || got.Add != 0 || got.Value != float64(target) {
			t.Errorf("target %d: got %+v, want AllIncompatible, M = N = 3, Add 0, Value %d", target, got, target)
		}
		if got.Estimate.Incompatible != 6 || got.Estimate.Compatible != 0 || got.Estimate.Instances != 0 {
			t.Errorf("target %d: estimate %+v, want 6 incompatible, 0 compatible, 0 instances", target, got.Estimate)
		}
	}
	// N = 0: M = N = 0 and the value is still the target, not 200.
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		Provisioning: []autoscaling.TaskGroup{group(req(512, 8000), 1)},
		Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	})
	if !got.AllIncompatible || got.M != 0 || got.Value != 100 {
		t.Errorf("N=0 all incompatible: got %+v, want M 0, value 100", got)
	}
	// The all-incompatible rule wins over FixedStep too.
	got = autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 2, Provisioning: []autoscaling.TaskGroup{group(req(512, 8000), 1)},
		Smallest: s, Largest: l, MinStep: 3, MaxStep: 10000, TargetCapacity: 100, FixedStep: true,
	})
	if !got.AllIncompatible || got.M != 2 || got.Add != 0 || got.Value != 100 {
		t.Errorf("FixedStep, all incompatible: got %+v, want M 2, Add 0, value 100", got)
	}
}

// TestComputeMetricSomeIncompatible: incompatible tasks are left out of the
// estimate but do not stop the compatible ones from scaling (§1.3 step 4).
func TestComputeMetricSomeIncompatible(t *testing.T) {
	s, l := m5Bounds(t)
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 2, NonEmpty: 2,
		Provisioning: []autoscaling.TaskGroup{group(req(512, 8000), 5), group(req(1024, 1024), 3)},
		Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	})
	// 1024 CPU each: 2 per m5.large → 3 tasks need 2 instances.
	if got.AllIncompatible || got.Add != 2 || got.M != 4 || !near(got.Value, 200) {
		t.Errorf("got %+v, want Add 2, M 4, value 200", got)
	}
	if want := (autoscaling.Estimate{Instances: 2, Compatible: 3, Incompatible: 5}); got.Estimate != want {
		t.Errorf("estimate = %+v, want %+v", got.Estimate, want)
	}
}

// TestComputeMetricFixedStep is the ManagedScaling API note (§1.3, confusion
// #25): with several types or zones the step is exactly minimumScalingStepSize,
// ignoring the estimate and maximumScalingStepSize.
func TestComputeMetricFixedStep(t *testing.T) {
	s, l := bounds(t, "m5.large", "r5.large")
	cases := []struct {
		name            string
		tasks, minS, mx int
		n, wantM        int
		wantCPR         float64
	}{
		// 512/2048 on the largest bounds 2048 CPU / 15974 MiB:
		// min(2048/512, 15974/2048) = min(4, 7) = 4 per instance, so 20
		// tasks → an estimate of 5 instances.
		{"estimate 5, minStep 1 -> add 1", 20, 1, 10000, 4, 5, 125},
		{"estimate 5, minStep 2 -> add 2", 20, 2, 10000, 4, 6, 150},
		{"estimate 1, minStep 3 -> add 3", 1, 3, 10000, 4, 7, 175},
		{"estimate 5, minStep 2, maxStep 1 ignored -> add 2", 20, 2, 1, 4, 6, 150},
		{"from zero: M = minStep, CPR 200", 20, 2, 10000, 0, 2, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := autoscaling.ComputeMetric(autoscaling.MetricInput{
				N: c.n, NonEmpty: c.n,
				Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), c.tasks)},
				Smallest:     s, Largest: l, MinStep: c.minS, MaxStep: c.mx, TargetCapacity: 100, FixedStep: true,
			})
			if got.Add != c.minS || got.M != c.wantM || !near(got.Value, c.wantCPR) {
				t.Errorf("got Add %d, M %d, value %v; want Add %d, M %d, value %v", got.Add, got.M, got.Value, c.minS, c.wantM, c.wantCPR)
			}
			if got.Estimate.Compatible != c.tasks {
				t.Errorf("estimate still computed: %+v", got.Estimate)
			}
		})
	}
	// Sanity check of the estimate the fixed step ignores.
	if e := autoscaling.EstimateInstances([]autoscaling.TaskGroup{group(req(512, 2048), 20)}, s, l); e.Instances != 5 {
		t.Errorf("premise: 20 tasks of 512/2048 on 2048/15974 need %d instances, want 5", e.Instances)
	}
}

// TestComputeMetricStepClamps is W-9 through ComputeMetric: calc 1 with
// minStep 3 adds 3; calc 12 with maxStep 5 adds 5 (§1.3 step 6).
func TestComputeMetricStepClamps(t *testing.T) {
	s, l := m5Bounds(t)
	// calc 1: one task.
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 3, NonEmpty: 3, Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), 1)},
		Smallest: s, Largest: l, MinStep: 3, MaxStep: 10000, TargetCapacity: 100,
	})
	if got.Estimate.Instances != 1 || got.Add != 3 || got.M != 6 || !near(got.Value, 200) {
		t.Errorf("W-9 minStep: got %+v, want estimate 1, Add 3, M 6, value 200", got)
	}
	// calc 12: 24 tasks of 1024 CPU, 2 per m5.large.
	got = autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 10, NonEmpty: 10, Provisioning: []autoscaling.TaskGroup{group(req(1024, 1024), 24)},
		Smallest: s, Largest: l, MinStep: 1, MaxStep: 5, TargetCapacity: 100,
	})
	if got.Estimate.Instances != 12 || got.Add != 5 || got.M != 15 || !near(got.Value, 150) {
		t.Errorf("W-9 maxStep: got %+v, want estimate 12, Add 5, M 15, value 150", got)
	}
}

// TestComputeMetricNothingProvisioning: M = the non-empty instances (§1.3):
// W-3 (100), W-5 (66.67), W-8 current docs (80), all empty (0).
func TestComputeMetricNothingProvisioning(t *testing.T) {
	cases := []struct {
		name        string
		n, nonEmpty int
		want        float64
	}{
		{"W-3 3 of 3 busy -> 100", 3, 3, 100},
		{"W-5 2 of 3 busy -> 66.67", 3, 2, 200.0 / 3},
		{"W-8 current docs: N=10, 2 empty -> 80", 10, 8, 80},
		{"all empty -> 0", 4, 0, 0},
		{"W-1 N=0 -> 100", 0, 0, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := autoscaling.ComputeMetric(autoscaling.MetricInput{N: c.n, NonEmpty: c.nonEmpty, MinStep: 1, MaxStep: 10000, TargetCapacity: 100})
			if got.M != c.nonEmpty || got.N != c.n || got.Add != 0 || got.AllIncompatible || !near(got.Value, c.want) {
				t.Errorf("got %+v, want M %d, N %d, Add 0, value %v", got, c.nonEmpty, c.n, c.want)
			}
			if got.Estimate != (autoscaling.Estimate{}) {
				t.Errorf("estimate %+v, want zero when nothing is PROVISIONING", got.Estimate)
			}
		})
	}
	// An empty (non-nil) Provisioning slice is "nothing PROVISIONING".
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{N: 3, NonEmpty: 2, Provisioning: []autoscaling.TaskGroup{}, TargetCapacity: 100})
	if got.M != 2 || !near(got.Value, 200.0/3) {
		t.Errorf("empty Provisioning slice: got %+v, want M 2, 66.67", got)
	}
}

// TestComputeMetricLegacyScaleInW8 is the 2023 docs' scale-in value
// (§1.6, W-8): 100 − empty instances; 2 empty → 98.
func TestComputeMetricLegacyScaleInW8(t *testing.T) {
	cases := []struct {
		name        string
		n, nonEmpty int
		wantV       float64
		wantM       int
	}{
		{"W-8 N=10, 2 empty -> 98", 10, 8, 98, 8},
		{"W-8 same count, smaller group: N=3, 2 empty -> 98", 3, 1, 98, 1},
		{"no empty -> 100", 5, 5, 100, 5},
		{"N=0 -> 100 (W-1)", 0, 0, 100, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := autoscaling.ComputeMetric(autoscaling.MetricInput{N: c.n, NonEmpty: c.nonEmpty, TargetCapacity: 100, LegacyScaleIn: true, MinStep: 1, MaxStep: 10000})
			if got.Value != c.wantV || got.M != c.wantM || got.N != c.n {
				t.Errorf("got %+v, want value %v, M %d, N %d", got, c.wantV, c.wantM, c.n)
			}
		})
	}
	// LegacyScaleIn does not touch the scale-out branch: W-4 still 133.33.
	s, l := m5Bounds(t)
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 3, NonEmpty: 3, Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), 1)},
		Smallest: s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100, LegacyScaleIn: true,
	})
	if got.M != 4 || !near2(got.Value, 133.33) {
		t.Errorf("LegacyScaleIn with PROVISIONING tasks: got %+v, want M 4, 133.33", got)
	}
}

// TestComputeMetricFromZero: N = 0 with compatible PROVISIONING tasks gives
// CPR 200 whatever the estimate (W-2); M is the clamped estimate.
func TestComputeMetricFromZero(t *testing.T) {
	s, l := m5Bounds(t)
	for _, c := range []struct{ tasks, wantAdd int }{{1, 1}, {10, 4}, {300, 100}} {
		got := autoscaling.ComputeMetric(autoscaling.MetricInput{
			Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), c.tasks)},
			Smallest:     s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
		})
		if got.N != 0 || got.Add != c.wantAdd || got.M != c.wantAdd || got.Value != 200 {
			t.Errorf("W-2 %d tasks: got %+v, want N 0, Add = M = %d, value 200", c.tasks, got, c.wantAdd)
		}
	}
}

// TestComputeMetricZeroCountGroupsAreNotProvisioning: groups whose Count is
// 0 hold no PROVISIONING task, so the metric is the nothing-PROVISIONING one
// (§1.3: M = non-empty instances): N = 3, 2 busy → 66.67, not "all
// incompatible" at the target (AllIncompatible is documented as "tasks are
// PROVISIONING but none fits the smallest instance type").
func TestComputeMetricZeroCountGroupsAreNotProvisioning(t *testing.T) {
	s, l := m5Bounds(t)
	got := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: 3, NonEmpty: 2, Provisioning: []autoscaling.TaskGroup{group(req(512, 2048), 0)},
		Smallest: s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	})
	if got.AllIncompatible || got.M != 2 || !near(got.Value, 200.0/3) {
		t.Errorf("got %+v, want M 2, value 66.67, not AllIncompatible", got)
	}
}
