package world_test

import (
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
)

// checkRun runs sc with a Checker verifying the cluster after every event,
// and fails the test at the first law broken (docs/model.md §7.3).
func checkRun(t *testing.T, name string, sc *scenarios.Scenario, seed uint64) *record.Final {
	t.Helper()
	cfg := sc.Config
	cfg.Seed = seed
	chk := world.NewChecker(1)
	w, err := world.New(cfg, chk)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	chk.Attach(w)
	final := w.Run(nil)
	if err := chk.Final(final); err != nil {
		t.Fatalf("%s seed %d: %v", name, seed, err)
	}
	return final
}

// TestBuiltinsKeepTheLaws runs every built-in scenario and each of its
// variants on three seeds under the Checker: no over-commit, task
// conservation (both laws), time monotone, desired within [min, max], no
// scale-in below ceil(100·M/T), no busy instance terminated by a scale-in
// under managed termination protection or draining.
func TestBuiltinsKeepTheLaws(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		sc, err := scenarios.LoadBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		runs := map[string]*scenarios.Scenario{name: sc}
		for _, v := range sc.Variants {
			vs, err := sc.Variant(v.Name)
			if err != nil {
				t.Fatal(err)
			}
			runs[name+"/"+v.Name] = vs
		}
		for label, s := range runs {
			for seed := uint64(1); seed <= 3; seed++ {
				checkRun(t, label, s, seed)
			}
		}
	}
}
