package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
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
