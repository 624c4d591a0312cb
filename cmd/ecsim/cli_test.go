package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdExitCode is the script command "exitcode N ecsim args...": it runs
// ecsim in-process and checks the exit code, keeping stdout and stderr for
// later stdout/stderr assertions.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || args[1] != "ecsim" {
		ts.Fatalf("usage: exitcode N ecsim args...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	var stdout, stderr bytes.Buffer
	cwdMu.Lock()
	wd, _ := os.Getwd()
	ts.Check(os.Chdir(ts.Getenv("WORK")))
	got := run(args[2:], &stdout, &stderr)
	ts.Check(os.Chdir(wd))
	cwdMu.Unlock()
	ts.Stdout().Write(stdout.Bytes())
	ts.Stderr().Write(stderr.Bytes())
	if got != want {
		ts.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got, want, stdout.String(), stderr.String())
	}
}

// cwdMu serializes the in-process runs that change the working directory:
// the script tests run in parallel.
var cwdMu sync.Mutex

// runCLI runs ecsim in-process in dir.
func runCLI(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cwdMu.Lock()
	defer cwdMu.Unlock()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestExitCodes checks every command's exit status (README "The command line"): 0 on
// success, 2 on bad input with a message on stderr, never a partial output
// directory.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.yaml", "name: bad\nduration: 1h\nworklods: []\n")
	write("empty.yaml", "")
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"version"}, 0, ""},
		{[]string{"scenarios"}, 0, ""},
		{[]string{"scenarios", "list"}, 0, ""},
		{[]string{"scenarios", "show", "quickstart"}, 0, ""},
		{[]string{"scenarios", "show", "nope"}, 2, `no built-in scenario "nope"`},
		{[]string{"validate", "quickstart"}, 0, ""},
		{[]string{"validate"}, 2, "at least one SCENARIO"},
		{[]string{"validate", "bad.yaml"}, 2, `bad.yaml:3:1: worklods: unknown field "worklods"`},
		{[]string{"validate", "empty.yaml"}, 2, "empty.yaml: empty scenario"},
		{[]string{"validate", "missing.yaml"}, 2, "missing.yaml: no such file"},
		{[]string{"run", "bad.yaml", "-o", "out-bad"}, 2, "did you mean \"workloads\""},
		{[]string{"run", "--nosuchflag"}, 2, "unknown flag"},
		{[]string{"run", "a", "b"}, 2, "accepts between 0 and 1 arg"},
		{[]string{"run", "--seed", "x"}, 2, "invalid argument"},
		{[]string{"nosuchcommand"}, 2, "unknown command"},
		{[]string{"run", "-q", "-o", "out-ok"}, 0, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(t, dir, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.err) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out-bad")); !os.IsNotExist(err) {
		t.Fatal("a failed run left an output directory")
	}
	entries, _ := filepath.Glob(filepath.Join(dir, ".out-*"))
	if len(entries) > 0 {
		t.Fatalf("temporary directories left behind: %v", entries)
	}
}

var wallRE = regexp.MustCompile(`"wallSeconds": [0-9.e+-]+`)

// TestSameSeedSameOutputs: the same scenario and seed give byte-identical
// summary.json (but wallSeconds), timeseries.csv, providers.csv,
// events.jsonl and report.html; another
// seed gives other outputs (README "Determinism").
func TestSameSeedSameOutputs(t *testing.T) {
	dir := t.TempDir()
	read := func(run, name string) string {
		b, err := os.ReadFile(filepath.Join(dir, run, name))
		if err != nil {
			t.Fatal(err)
		}
		return wallRE.ReplaceAllString(string(b), `"wallSeconds": 0`)
	}
	for _, out := range []string{"a", "b"} {
		if code, _, stderr := runCLI(t, dir, "run", "quickstart", "-q", "-o", out); code != 0 {
			t.Fatal(stderr)
		}
	}
	if code, _, stderr := runCLI(t, dir, "run", "quickstart", "-q", "--seed", "99", "-o", "c"); code != 0 {
		t.Fatal(stderr)
	}
	for _, f := range []string{"summary.json", "timeseries.csv", "providers.csv", "events.jsonl", "report.html"} {
		if read("a", f) != read("b", f) {
			t.Errorf("%s differs between two runs with the same seed", f)
		}
		if read("a", f) == read("c", f) {
			t.Errorf("%s is the same with another seed", f)
		}
	}
}

// TestRunJSONIsSummary: --json prints summary.json to stdout.
func TestRunJSONIsSummary(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, dir, "run", "--json", "-o", "out")
	if code != 0 {
		t.Fatal(stderr)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	file, _ := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	if wallRE.ReplaceAllString(stdout, "") != wallRE.ReplaceAllString(string(file), "") {
		t.Fatal("--json output differs from summary.json")
	}
}

// TestQuickstartGolden pins the quickstart's summary.json (wallSeconds
// zeroed), the head of its timeseries and its report.html; run with -update to rewrite them
// after a deliberate change of the model.
func TestQuickstartGolden(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, dir, "run", "-q", "-o", "out"); code != 0 {
		t.Fatal(stderr)
	}
	summary, _ := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	golden(t, "quickstart.summary.json", wallRE.ReplaceAllString(string(summary), `"wallSeconds": 0`))
	ts, _ := os.ReadFile(filepath.Join(dir, "out", "timeseries.csv"))
	lines := strings.SplitAfter(string(ts), "\n")
	golden(t, "quickstart.timeseries.head.csv", strings.Join(lines[:min(40, len(lines))], ""))
	// report.html: the title block and every chart's data and options.
	report, _ := os.ReadFile(filepath.Join(dir, "out", "report.html"))
	golden(t, "quickstart.report.html", string(report))
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		_ = os.WriteFile(path+".got", []byte(got), 0o644)
		t.Fatalf("%s differs from the golden file; see %s.got (go test -update rewrites it)", name, path)
	}
}

// TestExplainWarmupGolden pins the narrated first 20 minutes of
// warmup-blocking: PROVISIONING tasks, the reservation above the target,
// AlarmHigh, scale-outs and the warm-up that blocks the next ones
// (docs/model.md §1.7).
func TestExplainWarmupGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, dir, "explain", "warmup-blocking", "--to", "20m")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"AlarmHigh OK → ALARM", "scale-out blocked", "within the 5m warm-up", "desired capacity 1 → 2"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain lacks %q", want)
		}
	}
	golden(t, "warmup-blocking.explain.txt", stdout)
}
