package world_test

import (
	"fmt"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
)

// TestRandomScenariosKeepTheLaws generates 150 random scenarios (services,
// deployments, draining, faults, Fargate Spot, provisioning limits) and runs
// each under the Checker after every event (docs/model.md §7.3).
func TestRandomScenariosKeepTheLaws(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 30
	}
	for i := 0; i < n; i++ {
		seed := uint64(i + 1)
		src := scenariotest.Random(seed)
		sc, err := scenarios.Parse("random.yaml", ".", []byte(src))
		if err != nil {
			t.Fatalf("scenario %d does not load: %v\n%s", i, err, src)
		}
		final := checkRun(t, fmt.Sprintf("random %d:\n%s\n", i, src), sc, seed)
		if final.Events == 0 {
			t.Fatalf("random %d: no events", i)
		}
	}
}
