package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// negativeZero matches a printed negative zero: -0, -0.00, $-0.00.
var negativeZero = regexp.MustCompile(`(^|[^\w.])-0(\.0+)?([^\w.]|$)`)

// TestBuiltinsRunCheckedWithCleanOutputs runs every built-in scenario with
// --check (the model's laws after every event) and reads back every file it
// wrote: events.jsonl is strict JSON line by line, summary.json holds both
// task accounting laws, and no output prints a negative zero.
func TestBuiltinsRunCheckedWithCleanOutputs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range scenarios.BuiltinNames() {
		out := filepath.Join(dir, name)
		// Absolute paths and no chdir: script tests run in parallel.
		var so, se bytes.Buffer
		if code := run([]string{"run", name, "--check", "-o", out}, &so, &se); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, se.String())
		}
		stdout := so.String()
		if negativeZero.MatchString(stdout) {
			t.Errorf("%s: the table prints a negative zero:\n%s", name, stdout)
		}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(out, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if e.Name() != "report.html" && negativeZero.Match(b) {
				t.Errorf("%s/%s prints a negative zero: %q", name, e.Name(), negativeZero.Find(b))
			}
		}
		checkEventsJSON(t, name, filepath.Join(out, "events.jsonl"))
		checkSummaryLaws(t, name, filepath.Join(out, "summary.json"))
	}
}

func checkEventsJSON(t *testing.T, name, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil || v["type"] == nil {
			t.Fatalf("%s events.jsonl line %d is not an event object (%v): %s", name, n, err, sc.Text())
		}
	}
}

func checkSummaryLaws(t *testing.T, name, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Tasks struct {
			Submitted, Placed, Failed, Cancelled, ProvisioningAtEnd int
			Completed, Stopped, Lost, RunningAtEnd, PendingAtEnd    int
		}
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	k := s.Tasks
	if k.Submitted != k.Placed+k.Failed+k.Cancelled+k.ProvisioningAtEnd {
		t.Errorf("%s: submitted %d != placed %d + failed %d + cancelled %d + provisioningAtEnd %d", name,
			k.Submitted, k.Placed, k.Failed, k.Cancelled, k.ProvisioningAtEnd)
	}
	if k.Placed != k.Completed+k.Stopped+k.Lost+k.RunningAtEnd+k.PendingAtEnd {
		t.Errorf("%s: placed %d != completed %d + stopped %d + lost %d + runningAtEnd %d + pendingAtEnd %d", name,
			k.Placed, k.Completed, k.Stopped, k.Lost, k.RunningAtEnd, k.PendingAtEnd)
	}
}

// TestNegativeZeroPattern: the pattern finds the negative zeros the audit
// saw ($-0.00, "idle": -0) and nothing else.
func TestNegativeZeroPattern(t *testing.T) {
	for s, want := range map[string]bool{"cost $-0.00 (EC2": true, `"idle": -0,`: true, "x,-0\n": true,
		"-0.5": false, "i-0abc": false, "m5-0": false, "-0.01": false, "10-0": false} {
		if got := negativeZero.MatchString(s); got != want {
			t.Errorf("%q: match %v, want %v", s, got, want)
		}
	}
}
