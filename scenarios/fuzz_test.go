package scenarios

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// fuzzSnippets are small valid and invalid scenarios that seed FuzzLoad
// besides the built-in examples.
var fuzzSnippets = []string{
	"",
	"name: x\n",
	minimalScenario,
	bareScenario,
	"- a\n- b\n",
	"seed: 1\nseed: 2\n",
	"cluster: [a\n",
	"duration: 5000d\nsampleInterval: 0s\n",
	"a: &x [1, 2]\nb: *x\n",
	"name: a\n---\nname: b\n",
	"startTime: 2026-01-05\n",
	"cluster:\n  containerInstances:\n    - {instanceType: m5.lrge, count: 0, attributes: {ecs.x: y}}\n",
	tdWeb + "workloads:\n  - name: w\n    taskDefinition: web\n    arrivals: {process: batch}\n" +
		"    duration: {distribution: uniform, min: 2m, max: 1m}\n" +
		"    placementConstraints: [{type: memberOf, expression: \"attribute:x =~ (\"}]\n" +
		"    placementStrategy: [{type: binpack, field: disk}]\n",
	"taskDefinitions:\n  - family: web\n    cpu: 1 vCPU\n    memory: 2 GB\n    networkMode: awsvpc\n" +
		"    containerDefinitions: [{name: a, portMappings: [{containerPort: 80, hostPort: 81}]}]\n",
	fargateOnlyWeb + "workloads:\n  - name: w\n    taskDefinition: web\n    launchType: FARGATE\n" + okArrivals + okDuration +
		"    containerDurations: {app: {distribution: normal, mean: 1m, stddev: 10s}}\n",
	minimalScenario + "variants:\n  slow: {workloads.w.arrivals.ratePerMinute: 0.5}\n  big: {cluster.containerInstances: [{instanceType: m5.large}]}\n",
	minimalScenario + "sweep:\n  parameters: {workloads.w.arrivals.ratePerMinute: [1, 2], duration: [1h, 2h]}\n  zip: [[duration, workloads.w.arrivals.ratePerMinute]]\n  replications: 3\n",
	minimalScenario + "sweep:\n  parameters: {a.b: [&x 1, *x]}\n  zip: [[a.b], [c]]\n  replications: -1\n  metrics: [x]\n",
}

func FuzzLoad(f *testing.F) {
	for _, b := range Builtins() {
		src, err := BuiltinSource(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range fuzzSnippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte("taskDefinitionFile")) {
			// It reads other files (whose errors name them), and a device
			// such as /dev/zero is read without end.
			t.Skip("reads files outside the input")
		}
		checkParse(t, data)
		checkSweep(t, data)
	})
}

// checkSweep checks that a sweep: block the loader accepts plans or fails
// with Errors, never panics.
func checkSweep(t *testing.T, data []byte) {
	t.Helper()
	s, err := Parse("fuzz.yaml", ".", data)
	if err != nil || !s.Spec.Sweep.Given {
		return
	}
	if _, err := s.SweepDimensions(); err != nil {
		var es Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Fatalf("sweep error %T %q is not a non-empty Errors", err, err)
		}
	}
}

// checkParse checks the loader's contract on any input: no panic; either a
// scenario or a non-empty Errors whose every line names the file.
func checkParse(t *testing.T, data []byte) {
	t.Helper()
	const file = "fuzz.yaml"
	s, err := Parse(file, ".", data)
	if err == nil {
		if s == nil {
			t.Fatal("nil scenario and nil error")
		}
		if s.Spec.Name == "" || s.Config.Seed != *s.Spec.Seed || s.Config.Duration <= 0 || s.Config.SampleInterval <= 0 {
			t.Fatalf("accepted scenario without its defaults: %+v", s.Config)
		}
		return
	}
	if s != nil {
		t.Fatal("a scenario together with an error")
	}
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %T %q is not a non-empty Errors", err, err)
	}
	for _, e := range es {
		if e.File != file || e.Msg == "" {
			t.Fatalf("malformed entry %+v", *e)
		}
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, file+":") {
			t.Fatalf("line %q does not start with the file name", line)
		}
	}
}

// mergeBomb returns a document of n lines whose merge keys expand to 10^n
// keys: each level merges ten aliases of the level below.
func mergeBomb(levels int) string {
	var b strings.Builder
	b.WriteString("x0: &a0 {k: v}\n")
	for i := 1; i < levels; i++ {
		b.WriteString("x" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " {<<: [")
		b.WriteString(strings.TrimSuffix(strings.Repeat("*a"+strconv.Itoa(i-1)+", ", 10), ", "))
		b.WriteString("]}\n")
	}
	b.WriteString("<<: *a" + strconv.Itoa(levels-1) + "\n")
	return b.String()
}

// decodeWork decodes src as Parse does and returns the nodes the decoder
// charged to its budget (aliases and merge keys count each time they are
// expanded) with the problems it found. The bounds below are on this work,
// not on wall time, so they hold on a slow machine and under -cover.
func decodeWork(t *testing.T, src string) (int, Errors) {
	t.Helper()
	root, err := parseYAML("bomb.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parseYAML: %v", err)
	}
	d := newDecoder("bomb.yaml")
	var f File
	d.decode(root, reflectValue(&f), "")
	return maxNodes - d.budget, d.errs
}

// checkBudgetStop asserts that decoding src ran out of budget, said so, and
// did no more than the budget plus one visit of each node of the text (the
// siblings still charged, and refused, after the budget ran out).
func checkBudgetStop(t *testing.T, src string) {
	t.Helper()
	spent, errs := decodeWork(t, src)
	if spent <= maxNodes || spent > maxNodes+len(src) {
		t.Errorf("decoder charged %d nodes; want more than the budget %d and at most %d", spent, maxNodes, maxNodes+len(src))
	}
	if errs == nil || !strings.Contains(errs.Error(), "document too large or too many aliases") {
		t.Errorf("want the node budget error, got %.300v", errs)
	}
}

func TestAliasesWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes two million nodes")
	}
	// A list of aliases to a large mapping is charged per node decoded: the
	// budget ends it with one error.
	var b strings.Builder
	b.WriteString("cluster:\n  availabilityZones: &z [")
	b.WriteString(strings.TrimSuffix(strings.Repeat("a, ", 2000), ", "))
	b.WriteString("]\ntaskDefinitions: [")
	b.WriteString(strings.TrimSuffix(strings.Repeat("{requiresCompatibilities: *z}, ", 1100), ", "))
	b.WriteString("]\n")
	checkBudgetStop(t, b.String())
}

func TestMergeKeyExpansionIsBounded(t *testing.T) {
	src := mergeBomb(12) // 10^12 keys
	if spent, errs := decodeWork(t, src); spent > maxNodes+len(src) || errs == nil {
		t.Errorf("decoder charged %d nodes (at most %d) and found %v", spent, maxNodes+len(src), errs)
	}
	if _, err := Parse("bomb.yaml", ".", []byte(src)); err == nil {
		t.Error("Parse accepted a merge bomb")
	}
}

func TestUnknownKeysThroughAliasesAreBounded(t *testing.T) {
	const n = 300
	var b strings.Builder
	b.WriteString("cluster:\n  containerInstances: [&m {")
	for i := range n {
		b.WriteString("k" + strconv.Itoa(i) + ": 1, ")
	}
	b.WriteString("instanceType: m5.large}")
	b.WriteString(strings.Repeat(", *m", n-1))
	b.WriteString("]\n")
	src := b.String()
	// n copies of a mapping of n+1 keys: about n·2(n+1) nodes, each once.
	if spent, _ := decodeWork(t, src); spent > 2*n*(n+2)+100 {
		t.Errorf("decoder charged %d nodes for %d aliases of %d keys", spent, n, n+1)
	}
	_, err := Parse("bomb.yaml", ".", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %v", err)
	}
	if len(es) > maxErrors+1 {
		t.Errorf("%d-byte file gave %d errors; at most %d are reported", len(src), len(es), maxErrors+1)
	}
}
