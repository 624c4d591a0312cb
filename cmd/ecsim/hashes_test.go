package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// hashesFile holds the SHA-256 of every output of every built-in scenario
// and variant: a refactoring must leave them byte-identical (and a change
// of the model must say so by updating the file with -update).
const hashesFile = "testdata/output-hashes.txt"

// wallSeconds is the one figure that differs from run to run.
var wallSeconds = regexp.MustCompile(`"wallSeconds": [0-9.e+-]+`)

// TestOutputsMatchCommittedHashes runs every built-in scenario and each of
// its variants and compares the hashes of summary.json (wallSeconds
// blanked), timeseries.csv, providers.csv, events.jsonl and report.html
// with testdata/output-hashes.txt.
func TestOutputsMatchCommittedHashes(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for _, name := range scenarios.BuiltinNames() {
		sc, err := scenarios.LoadBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		runs := [][]string{{name}}
		for _, v := range sc.Variants {
			args := []string{name}
			for _, s := range v.Sets {
				args = append(args, "--set", s.Path+"="+s.Value)
			}
			runs = append(runs, append(args, "#"+v.Name))
		}
		for _, r := range runs {
			label, args := r[0], r
			if last := r[len(r)-1]; strings.HasPrefix(last, "#") {
				label, args = name+"/"+last[1:], r[:len(r)-1]
			}
			out := filepath.Join(dir, strings.ReplaceAll(label, "/", "_"))
			var so, se bytes.Buffer
			if code := run(append([]string{"run", "-q", "-o", out, "--events=true"}, args...), &so, &se); code != 0 {
				t.Fatalf("%s: exit %d: %s", label, code, se.String())
			}
			for _, f := range []string{"summary.json", "timeseries.csv", "providers.csv", "events.jsonl", "report.html"} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				b = wallSeconds.ReplaceAll(b, []byte(`"wallSeconds": 0`))
				lines = append(lines, fmt.Sprintf("%x  %s/%s", sha256.Sum256(b), label, f))
			}
		}
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile(hashesFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(hashesFile)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got != string(want) {
		for _, l := range lines {
			if !strings.Contains(string(want), l) {
				t.Errorf("changed: %s", l[66:])
			}
		}
		t.Fatal("outputs differ from testdata/output-hashes.txt; if the change is meant, go test -run TestOutputsMatchCommittedHashes -update and say why in the commit")
	}
}
