package world_test

import (
	"fmt"
	"testing"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
	"github.com/ecsim/ecsim/sim/world"
)

// BenchmarkManagedScaling is issue 13's managed-scaling figure at three
// sizes, on scenariotest.ManagedLoad with 20 tasks per instance over 12.5 h:
// the whole run (scale-out from zero, the estimator, target
// tracking, PROVISIONING retries, binpack), reported as tasks placed per
// second of run.
func BenchmarkManagedScaling(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			sc, err := scenarios.Parse("bench.yaml", ".", []byte(scenariotest.ManagedLoad("bench-managed", n, 20*n, 12.5)))
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
