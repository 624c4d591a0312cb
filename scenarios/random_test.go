package scenarios_test

import (
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
)

// TestRandomScenariosAlwaysLoad: every scenario the random generator writes
// is valid, whatever the seed (the law and retry tests rely on it).
func TestRandomScenariosAlwaysLoad(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	for seed := range uint64(n) {
		src := scenariotest.Random(seed)
		if _, err := scenarios.Parse("random.yaml", ".", []byte(src)); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, src)
		}
	}
}
