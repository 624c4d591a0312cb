package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// The README's "Extending ecsim" example, verbatim between the markers
// (TestReadmeShowsTheTestedExample holds the two together).

// BEGIN README EXAMPLE

// fewestTasks places each task on the candidate running the fewest tasks:
// a research strategy, not one of ECS's.
type fewestTasks struct{}

// String is how the strategy prints in events and explanations.
func (fewestTasks) String() string { return "fewestTasks" }

// Rank orders the candidates: the lower, the more preferred; ties go to
// the next strategy of the chain, then to random.
func (fewestTasks) Rank(in *cluster.Instance, _ *placement.Request, _ placement.State) int64 {
	return int64(in.TaskCount())
}

// newFewestTasks checks the strategy's field (it takes none) when the
// scenario is validated, and returns how to build it on the run's cluster.
func newFewestTasks(field string) (placement.Bind, error) {
	if field != "" {
		return nil, fmt.Errorf("fewestTasks takes no field (got %q)", field)
	}
	return placement.Fixed(fewestTasks{}), nil
}

// END README EXAMPLE

// exampleScenario places 6 tasks of an hour, one a minute, on 3 instances.
const exampleScenario = `
name: fewest-tasks
duration: 2h
cluster:
  containerInstances: [{instanceType: m5.xlarge, count: 3}]
taskDefinitions:
  - family: job
    containerDefinitions: [{name: main, image: busybox, cpu: 256, memory: 256}]
workloads:
  - name: jobs
    taskDefinition: job
    launchType: EC2
    placementStrategy: [{type: fewestTasks}]
    arrivals: {process: batch, at: 1m, count: 6}
    duration: {distribution: constant, value: 1h}
`

// placements counts TaskPlaced events by instance.
type placements map[string]int

func (p placements) Event(e *record.Event) {
	if e.Type == record.TaskPlaced {
		p[e.Instance]++
	}
}
func (placements) Sample(*record.Sample) {}

// TestExtendingWithAStrategy registers the README's strategy, the one
// line of cmd/ecsim/registries.go, and runs a scenario that names it: six
// tasks on three empty instances go two to each. The built-in registries
// reject the name with the accepted ones.
func TestExtendingWithAStrategy(t *testing.T) {
	regs := scenarios.DefaultRegistries()
	if err := regs.Strategies.Register("fewestTasks", newFewestTasks); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Loader{Registries: regs}.Parse("fewest.yaml", ".", []byte(exampleScenario))
	if err != nil {
		t.Fatal(err)
	}
	got := placements{}
	w, err := world.New(sc.Config, got)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Run(nil)
	if len(got) != 3 {
		t.Fatalf("placements %v, want 2 on each of 3 instances", got)
	}
	for in, n := range got {
		if n != 2 {
			t.Errorf("%s got %d tasks, want 2 (placements %v)", in, n, got)
		}
	}
	_, err = scenarios.Parse("fewest.yaml", ".", []byte(exampleScenario))
	if err == nil || !strings.Contains(err.Error(), `unknown placement strategy type "fewestTasks" (accepted: binpack, random, spread)`) {
		t.Errorf("built-in registries: %v", err)
	}
	bad := strings.Replace(exampleScenario, "{type: fewestTasks}", "{type: fewestTasks, field: cpu}", 1)
	_, err = scenarios.Loader{Registries: regs}.Parse("fewest.yaml", ".", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), `placementStrategy[0].field: fewestTasks takes no field (got "cpu")`) {
		t.Errorf("a field for fewestTasks: %v", err)
	}
}

// TestReadmeShowsTheTestedExample: the README's code block is the code the
// test above runs.
func TestReadmeShowsTheTestedExample(t *testing.T) {
	src, err := os.ReadFile("extend_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	begin, end := strings.Index(s, "// BEGIN README EXAMPLE\n"), strings.Index(s, "// END README EXAMPLE")
	code := strings.TrimSpace(s[begin+len("// BEGIN README EXAMPLE\n") : end])
	if !strings.Contains(string(readme), code) {
		t.Errorf("README \"Extending ecsim\" does not show the example of extend_example_test.go verbatim:\n%s", code)
	}
}

// metronome submits one request every period, the first after one period:
// a research arrival process reusing the scenario key period.
type metronome struct{ period sim.Time }

// Next returns the next multiple of the period after now.
func (m metronome) Next(now sim.Time) (sim.Time, int, bool) {
	return (now/m.period + 1) * m.period, 1, true
}

// TestExtendingWithAProcessAndADistribution registers an arrival process
// and a distribution (halfMean: every draw is half its mean) and runs a
// scenario that names them: over 55 minutes a 10-minute metronome submits
// 5 tasks, each running 5 minutes (the last ends at 55m, the end instant,
// whose events run).
func TestExtendingWithAProcessAndADistribution(t *testing.T) {
	regs := scenarios.DefaultRegistries()
	err := regs.Workloads.RegisterProcess(workloads.ProcessType{Name: "metronome", Keys: []string{"period"},
		Check: func(_ *workloads.Registry, s workloads.ArrivalSpec, errs *workloads.FieldErrors) {
			if s.Period <= 0 {
				errs.Add("period", "must be > 0 (got %v)", s.Period)
			}
		},
		New: func(_ *workloads.Registry, s workloads.ArrivalSpec, _ rand.Source) workloads.Arrivals {
			return metronome{period: sim.At(s.Period)}
		}})
	if err != nil {
		t.Fatal(err)
	}
	err = regs.Workloads.RegisterDistribution(workloads.DistributionType{Name: "halfMean", Keys: []string{"mean"},
		Check: func(s workloads.DistSpec, errs *workloads.FieldErrors) {},
		New:   func(s workloads.DistSpec, _ rand.Source) workloads.Sampler { return half(s.Mean / 2) },
		Mean:  func(s workloads.DistSpec) float64 { return s.Mean / 2 }})
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer("placementStrategy: [{type: fewestTasks}]", "",
		"{process: batch, at: 1m, count: 6}", "{process: metronome, period: 10m}",
		"{distribution: constant, value: 1h}", "{distribution: halfMean, mean: 10m}", "duration: 2h", "duration: 55m").Replace(exampleScenario)
	sc, err := scenarios.Loader{Registries: regs}.Parse("metronome.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var submitted, ran []sim.Time
	obs := eventFunc(func(e *record.Event) {
		switch {
		case e.Type == record.TaskSubmitted:
			submitted = append(submitted, e.T)
		case e.Type == record.TaskStopped && e.Reason == record.StopCompleted:
			ran = append(ran, e.T)
		}
	})
	w, err := world.New(sc.Config, obs)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Run(nil)
	want := []sim.Time{sim.At(10 * time.Minute), sim.At(20 * time.Minute), sim.At(30 * time.Minute), sim.At(40 * time.Minute), sim.At(50 * time.Minute)}
	if !slices.Equal(submitted, want) {
		t.Errorf("submitted at %v, want %v", submitted, want)
	}
	if len(ran) != 5 || ran[0] != sim.At(15*time.Minute) || ran[4] != sim.At(55*time.Minute) {
		t.Errorf("completed at %v, want 15m, 25m, 35m, 45m, 55m (events at the end instant run)", ran)
	}
	bad := strings.Replace(src, "period: 10m", "period: 0s", 1)
	if _, err := (scenarios.Loader{Registries: regs}).Parse("metronome.yaml", ".", []byte(bad)); err == nil ||
		!strings.Contains(err.Error(), "workloads[0].arrivals.period: must be > 0") {
		t.Errorf("period 0: %v", err)
	}
}

type half float64

func (h half) Rand() float64 { return float64(h) }

// eventFunc observes events with a function.
type eventFunc func(*record.Event)

func (f eventFunc) Event(e *record.Event) { f(e) }
func (eventFunc) Sample(*record.Sample)   {}
