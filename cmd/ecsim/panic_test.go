package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

// TestPanicLeavesNothingBehind: a bug that panics during a run (here a
// configuration validation never builds: a workload without a task
// definition) aborts the output under construction, so no hidden
// .NAME.tmp-* folder is left behind; the panic goes on to runContext,
// which reports an internal error.
func TestPanicLeavesNothingBehind(t *testing.T) {
	sc, err := scenarios.LoadBuiltin("quickstart")
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config
	cfg.Workloads = append(cfg.Workloads, world.Workload{Name: "broken"})
	dir := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	opts := &runOptions{ctx: context.Background(), quiet: true, stdout: &stdout, stderr: &stderr}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the broken configuration did not panic")
			}
		}()
		simulate(cfg, dir, opts)
	}()
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

// TestInternalErrorExitsOne: runContext turns a panic into exit 1 with
// "internal error" and the stack, never exit 2 (bad input).
func TestInternalErrorExitsOne(t *testing.T) {
	var stdout, stderr bytes.Buffer
	ctx := panicContext{context.Background()}
	if code := runContext(ctx, []string{"run", "quickstart", "-q", "-o", filepath.Join(t.TempDir(), "o")}, &stdout, &stderr); code != exitFailure {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitFailure, stderr.String())
	}
	if !strings.Contains(stderr.String(), "ecsim: internal error") || !strings.Contains(stderr.String(), "goroutine") {
		t.Fatalf("stderr %q", stderr.String())
	}
}

// panicContext panics when a run asks it whether it was cancelled.
type panicContext struct{ context.Context }

func (panicContext) Err() error                  { panic("test: a bug") }
func (panicContext) Deadline() (time.Time, bool) { return time.Time{}, false }

// TestLongArgumentsAreNotEchoedWhole: a hostile --set path, seed or
// scenario name is cut in the error (README "Limits").
func TestLongArgumentsAreNotEchoedWhole(t *testing.T) {
	long := strings.Repeat("Q", 50000)
	for _, args := range [][]string{
		{"run", "quickstart", "-o", filepath.Join(t.TempDir(), "o"), "--set", "services.web." + long + "=1"},
		{"run", "quickstart", "-o", filepath.Join(t.TempDir(), "o"), "--seed", strings.Repeat("9", 5000)},
		{"run", long},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitInput {
			t.Fatalf("%.40q: exit %d", args, code)
		}
		if n := stderr.Len(); n > 2000 || !strings.Contains(stderr.String(), "bytes)") {
			t.Errorf("%.40q: %d bytes of error: %.300s", args, n, stderr.String())
		}
	}
}
