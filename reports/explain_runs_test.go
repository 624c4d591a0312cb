package reports_test

import (
	"testing"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
)

// narrate runs sc and returns the whole run's narration.
func narrate(t *testing.T, name string, sc *scenarios.Scenario) *reports.Narrator {
	t.Helper()
	n := reports.NewNarrator(0, sim.At(sc.Config.Duration))
	w, err := world.New(sc.Config, n)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w.Run(nil)
	return n
}

// TestExplainNumbersComeFromTheirEvents runs every built-in scenario, its
// variants and 60 random scenarios, and checks that every number explain
// prints is a field of the event its line tells (Narrator.Verify).
func TestExplainNumbersComeFromTheirEvents(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		sc, err := scenarios.LoadBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		runs := map[string]*scenarios.Scenario{name: sc}
		for _, v := range sc.Variants {
			if runs[name+"/"+v.Name], err = sc.Variant(v.Name); err != nil {
				t.Fatal(err)
			}
		}
		for label, s := range runs {
			if err := narrate(t, label, s).Verify(); err != nil {
				t.Errorf("%s:\n%v", label, err)
			}
		}
	}
	for seed := uint64(1); seed <= 60; seed++ {
		sc, err := scenarios.Parse("random.yaml", ".", []byte(scenariotest.Random(seed)))
		if err != nil {
			t.Fatal(err)
		}
		if err := narrate(t, "random", sc).Verify(); err != nil {
			t.Errorf("random %d:\n%v", seed, err)
		}
	}
}
