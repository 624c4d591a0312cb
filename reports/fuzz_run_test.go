package reports_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
)

// Bounds of one fuzzed run: the simulated horizon, the events and the wall
// time it may take.
const (
	fuzzHorizon   = 2 * time.Hour
	fuzzMaxEvents = 1 << 16
	fuzzMaxWall   = 3 * time.Second
	// fuzzMaxSize bounds the instances and the tasks per batch or per
	// minute of a fuzzed scenario, so each input runs in a fraction of a
	// second (large scenarios are the benchmarks' business).
	fuzzMaxSize = 500
)

// FuzzScenarioRun loads any input as a scenario and, when it is valid, runs
// it for a short horizon with the invariant Checker and a Recorder writing
// events.jsonl, then asserts: no panic; the run stays within its event and
// time bounds (no loop at one instant); the laws hold after every event
// (task conservation, no over-commit, scale-in floor, …); events.jsonl is
// strict JSON, one object per line; and explain's numbers come from their
// events. The seeds are the built-in scenarios and random valid ones.
func FuzzScenarioRun(f *testing.F) {
	for _, name := range scenarios.BuiltinNames() {
		src, err := scenarios.BuiltinSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for seed := uint64(1); seed <= 20; seed++ {
		f.Add([]byte(scenariotest.Random(seed)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte("taskDefinitionFile")) || bytes.Contains(data, []byte("trace")) {
			t.Skip("reads files outside the input")
		}
		sc, err := scenarios.Parse("fuzz.yaml", t.TempDir(), data)
		if err != nil {
			return // the loader's own fuzzer checks its errors
		}
		if tooBig(sc.Config) {
			t.Skip("larger than a fuzzed run may be")
		}
		runFuzzed(t, sc)
	})
}

// tooBig reports whether cfg has more than fuzzMaxSize instances (static
// or a group's maxSize) or tasks per batch or per minute, or a PROVISIONING
// limit above 4 × fuzzMaxSize.
func tooBig(cfg world.Config) bool {
	n := 0
	for _, g := range cfg.Instances {
		n += g.Count
	}
	for _, p := range cfg.CapacityProviders {
		if p.ASG != nil {
			n += p.ASG.MaxSize
		}
	}
	for _, w := range cfg.Workloads {
		a := w.Arrivals
		if a.Count > fuzzMaxSize || a.RatePerMinute > fuzzMaxSize || a.MaxRatePerMinute > fuzzMaxSize {
			return true
		}
	}
	for _, s := range cfg.Services {
		n += s.DesiredCount
	}
	// A long PROVISIONING queue is the retry path issue 13 makes fast; until
	// then it may take seconds per event.
	return n > fuzzMaxSize || cfg.ProvisioningLimit > 4*fuzzMaxSize
}

// runFuzzed runs sc within the fuzz bounds and checks its outputs.
func runFuzzed(t *testing.T, sc *scenarios.Scenario) {
	cfg := sc.Config
	cfg.Duration = min(cfg.Duration, fuzzHorizon)
	dir := filepath.Join(t.TempDir(), "out")
	out, err := reports.NewOutput(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	rec, err := reports.NewRecorder(out, reports.Options{Events: reports.EventsOn})
	if err != nil {
		t.Fatal(err)
	}
	chk := world.NewChecker(16)
	n := reports.NewNarrator(0, sim.At(cfg.Duration))
	w, err := world.New(cfg, world.Tee{rec, chk, n})
	if err != nil {
		t.Fatalf("a valid scenario does not build: %v", err)
	}
	chk.Attach(w)
	start := time.Now()
	progressed := 0
	final := w.Run(func(sim.Time) {
		if progressed++; progressed*(1<<16) >= fuzzMaxEvents || time.Since(start) > fuzzMaxWall {
			w.Stop() // a large scenario: what ran is checked
		}
	})
	if time.Since(start) > 2*fuzzMaxWall {
		t.Fatalf("the run took %v", time.Since(start))
	}
	if err := chk.Err(); err != nil {
		t.Fatalf("invariant: %v", err)
	}
	if final == nil {
		return // stopped at the bounds
	}
	if err := chk.Final(final); err != nil {
		t.Fatalf("invariant: %v", err)
	}
	if _, err := rec.Finish(reports.Meta{Scenario: cfg.Name, Seed: cfg.Seed}, final); err != nil {
		t.Fatal(err)
	}
	if err := n.Verify(); err != nil {
		t.Fatalf("explain: %v", err)
	}
	strictEvents(t, out.Path(reports.EventsFile))
}

// strictEvents checks that every line of events.jsonl is one JSON object
// with a type (NaN and Inf are not JSON).
func strictEvents(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil || v["type"] == nil {
			t.Fatalf("events.jsonl line %d is not a JSON event (%v): %s", line, err, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
