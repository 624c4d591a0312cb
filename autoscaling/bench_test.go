package autoscaling_test

import (
	"testing"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim/cluster"
)

// BenchmarkEstimateClusterAutoscalerCase is README "Performance"'s comparison case
// (cluster-autoscaler's estimator took 7.5 s): 51,000 tasks onto 1,000 CPU /
// 5,000 MiB instances → 2,595. Target: ≤ 50 ms per estimate.
func BenchmarkEstimateClusterAutoscalerCase(b *testing.B) {
	c := casCapacity()
	g := casGroups()
	b.ReportAllocs()
	for b.Loop() {
		if est := autoscaling.EstimateInstances(g, c, c); est.Instances != 2595 || est.Compatible != 51000 {
			b.Fatalf("estimate %+v, want 2595 instances for 51000 tasks", est)
		}
	}
	b.ReportMetric(51000*float64(b.N)/b.Elapsed().Seconds(), "tasks/s")
}

// BenchmarkComputeMetric is one managed-scaling tick of a provider with a
// few hundred PROVISIONING tasks in 3 groups on an m5.large + m5.xlarge
// group with trunking: 200 bridge tasks of 256/512, 80 awsvpc tasks of
// 1024/2048, 20 distinctInstance tasks of 512/1024.
func BenchmarkComputeMetric(b *testing.B) {
	s, l := boundsSpec(b, cluster.InstanceSpec{AwsvpcTrunking: true}, "m5.large", "m5.xlarge")
	in := autoscaling.MetricInput{
		N: 50, NonEmpty: 48,
		Provisioning: []autoscaling.TaskGroup{
			group(req(256, 512), 200),
			group(awsvpcReq(1024, 2048), 80),
			{Req: req(512, 1024), Count: 20, PerInstance: 1},
		},
		Smallest: s, Largest: l, MinStep: 1, MaxStep: 10000, TargetCapacity: 100,
	}
	// Hand check: largest bounds 4096 CPU / 15974 MiB / 20 ENIs. The awsvpc
	// group (.25 + .128) goes first, 4 per instance → 20 instances, full on
	// CPU. The distinct group (.125 + .064) then opens 20 instances
	// (3584 CPU / 14950 MiB left each), and the 200 bridge tasks fill them
	// 14 each (3584/256) = 280 ≥ 200: 40 instances, M = 90, CPR 180.
	want := autoscaling.Metric{Value: 180, M: 90, N: 50, Add: 40,
		Estimate: autoscaling.Estimate{Instances: 40, Compatible: 300}}
	if got := autoscaling.ComputeMetric(in); got != want {
		b.Fatalf("ComputeMetric = %+v, want %+v", got, want)
	}
	b.ReportAllocs()
	for b.Loop() {
		if m := autoscaling.ComputeMetric(in); m.M != 90 {
			b.Fatalf("M = %d, want 90", m.M)
		}
	}
}

// BenchmarkScalerTick is the alarms and target tracking for one datapoint.
func BenchmarkScalerTick(b *testing.B) {
	s := autoscaling.NewScaler(autoscaling.DefaultScalerConfig(100))
	m := metric(3, 3)
	g := grp(3)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Tick(minute(i), m, g)
		i++
	}
}
