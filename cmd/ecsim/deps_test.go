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
// cobra is imported by cmd alone, yaml.v3 by scenarios alone, go-echarts by
// reports alone.
var allowed = map[string][]string{
	"cmd/ecsim":          {"scenarios", "reports", "sim", "sim/record", "sim/world", "autoscaling", "sim/cluster", "github.com/spf13/cobra", "github.com/schollz/progressbar", "golang.org/x/term"}, // autoscaling, sim/cluster: ecsim estimate
	"scenarios":          {"sim/world", "sim", "sim/cluster", "placement", "placement/cql", "autoscaling", "workloads", "workloads/schedule", "workloads/trace", "gopkg.in/yaml.v3"},
	"sim/world":          {"sim", "sim/cluster", "sim/record", "placement", "autoscaling", "workloads", "workloads/trace"},
	"autoscaling":        {"placement", "sim/cluster", "sim"},
	"workloads":          {"sim", "sim/cluster", "gonum.org/v1/gonum"},
	"workloads/schedule": {},
	"workloads/trace":    {},
	"placement":          {"sim/cluster", "placement/cql"},
	"placement/cql":      {},
	"sim/cluster":        {"sim"},
	"sim/record":         {"sim"},
	"sim":                {},
	"reports":            {"sim", "sim/record", "sim/cluster", "gonum.org/v1/gonum", "gonum.org/v1/plot", "codeberg.org/go-pdf/fpdf", "github.com/go-echarts/go-echarts"}, // fpdf: byte-stable figures (figures.go)
}

// TestPackageDependenciesPointDown holds the package graph: every import of
// every (non-test) package must be in its allow-list.
func TestPackageDependenciesPointDown(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"/...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		if strings.HasSuffix(pkg, "test") && strings.Contains(pkg, "/") {
			continue // test-support packages (clustertest, …)
		}
		allow, ok := allowed[pkg]
		if !ok {
			t.Errorf("package %s is not in the dependency allow-list; add it on purpose", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // standard library
			}
			name := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			ok := slices.ContainsFunc(allow, func(a string) bool {
				// Third-party entries name modules, which cover their packages.
				return name == a || strings.Contains(a, ".") && strings.HasPrefix(name, a+"/")
			})
			if !ok {
				t.Errorf("%s imports %s, which its allow-list forbids", pkg, imp)
			}
		}
	}
}
