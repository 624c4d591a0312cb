package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ecsim/ecsim"

// allowed lists, for every package of the module, the module packages and
// third-party modules it may import (README "Development"): arrows point down only,
// cobra is imported by cmd alone, yaml.v3 by scenarios and its importer alone, go-echarts by
// reports alone.
var allowed = map[string][]string{
	"cmd/ecsim":               {"scenarios", "scenarios/importer", "reports", "sim", "sim/record", "sim/world", "autoscaling", "sim/cluster", "schema", "github.com/spf13/cobra", "github.com/schollz/progressbar", "golang.org/x/term"}, // autoscaling, sim/cluster: ecsim estimate; schema: ecsim schema
	"cmd/perf":                {"scenarios", "scenarios/scenariotest", "reports", "sim/world"},
	"scenarios":               {"sim/world", "sim/cluster", "sim/faults", "placement", "placement/cql", "workloads", "workloads/schedule", "workloads/trace", "gopkg.in/yaml.v3"},
	"scenarios/scenariotest":  {},
	"scenarios/importer":      {"scenarios", "schema", "gopkg.in/yaml.v3"}, // ecsim import: its model is written as scenario YAML
	"sim/cluster/clustertest": {"sim/cluster"},
	"schema":                  {},                                                       // the embedded scenario.schema.json (ecsim schema)
	"schema/schemagen":        {"scenarios", "schema", "github.com/invopop/jsonschema"}, // invopop: the generator, which only its test runs
	"sim/world":               {"sim", "sim/cluster", "sim/fargate", "sim/faults", "sim/record", "sim/services", "placement", "autoscaling", "workloads", "workloads/trace"},
	"autoscaling":             {"sim/cluster", "sim"},
	"workloads":               {"sim", "gonum.org/v1/gonum"},
	"workloads/schedule":      {},
	"workloads/trace":         {},
	"placement":               {"sim/cluster", "sim/record", "placement/cql"},
	"placement/cql":           {},
	"sim/faults":              {"sim/cluster", "sim/record", "workloads"},
	"sim/fargate":             {"sim", "workloads"},
	"sim/services":            {"sim", "sim/cluster", "placement"},
	"sim/cluster":             {"sim"},
	"sim/record":              {"sim"},
	"sim":                     {},
	"reports":                 {"sim", "sim/record", "gonum.org/v1/gonum", "gonum.org/v1/plot", "codeberg.org/go-pdf/fpdf", "github.com/go-echarts/go-echarts"}, // fpdf: byte-stable figures (figures.go)
}

// TestPackageDependenciesPointDown holds the package graph: every import of
// every package (test-support packages included) must be in its
// allow-list, and every allow-list entry must be imported, so the lists
// say exactly what the code does. It never skips: without the go tool it
// fails.
func TestPackageDependenciesPointDown(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	used := map[string]map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		allow, ok := allowed[pkg]
		if !ok {
			t.Errorf("package %s is not in the dependency allow-list; add it on purpose", pkg)
			continue
		}
		used[pkg] = map[string]bool{}
		for _, imp := range fields[1:] {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // standard library
			}
			name := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			i := slices.IndexFunc(allow, func(a string) bool {
				// Third-party entries name modules, which cover their packages.
				return name == a || strings.Contains(a, ".") && strings.HasPrefix(name, a+"/")
			})
			if i < 0 {
				t.Errorf("%s imports %s, which its allow-list forbids", pkg, imp)
				continue
			}
			used[pkg][allow[i]] = true
		}
	}
	for pkg, allow := range allowed {
		if used[pkg] == nil {
			t.Errorf("allow-list names package %s, which does not exist", pkg)
			continue
		}
		for _, a := range allow {
			if !used[pkg][a] {
				t.Errorf("%s's allow-list has %s, which it does not import: remove it", pkg, a)
			}
		}
	}
}
