package world_test

import (
	"fmt"
	"testing"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

// managedScenario is a RunTask load on a capacity provider with managed
// scaling whose Auto Scaling group starts empty and may grow to n
// m5.xlarge: 20 tasks of 256 CPU units / 512 MiB per instance over 12.5 h,
// each running long enough that the load needs a third of n instances'
// memory slots (as cmd/perf's managed case, scaled). The PROVISIONING
// limit is lifted so that every task waits for the scale-out instead of
// failing (ECS's quota of 500 fails most of them at 50k: the group grows by
// minutes, the tasks arrive by the second).
func managedScenario(n int) string {
	const hours = 12.5
	tasks := 20 * n
	rate := float64(tasks) / (hours * 60)
	mean := float64(n) * 16 / 3 / (rate / 60)
	return fmt.Sprintf(`name: bench-managed
duration: %gh
sampleInterval: 1m
cluster:
  provisioningLimit: %d
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.xlarge], minSize: 0, maxSize: %d}
      managedScaling: {status: ENABLED, targetCapacity: 100}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - family: load
    containerDefinitions: [{name: main, image: load, cpu: 256, memory: 512}]
workloads:
  - name: load
    taskDefinition: load
    placementStrategy: [{type: binpack, field: memory}]
    arrivals: {process: poisson, ratePerMinute: %g}
    duration: {distribution: exponential, mean: %gs}
`, hours, tasks, n, rate, mean)
}

// BenchmarkManagedScaling is issue 13's managed-scaling figure at three
// sizes: the whole run (scale-out from zero, the estimator, target
// tracking, PROVISIONING retries, binpack), reported as tasks placed per
// second of run.
func BenchmarkManagedScaling(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			sc, err := scenarios.Parse("bench.yaml", ".", []byte(managedScenario(n)))
			if err != nil {
				b.Fatal(err)
			}
			placed := 0
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rec, err := reports.NewRecorder(nil, reports.Options{})
				if err != nil {
					b.Fatal(err)
				}
				w, err := world.New(sc.Config, rec)
				if err != nil {
					b.Fatal(err)
				}
				sum, err := rec.Finish(reports.Meta{Scenario: "bench"}, w.Run(nil))
				w.Close()
				if err != nil {
					b.Fatal(err)
				}
				placed = int(sum.Tasks.Placed)
			}
			if placed < 19*n {
				b.Fatalf("placed %d tasks, want about %d", placed, 20*n)
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(placed)/sec, "placements/s")
			b.ReportMetric(sec, "s/run")
		})
	}
}
