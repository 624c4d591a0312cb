package main

import (
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestCasesLoadAndRun: every case's scenario is valid at full size, and
// each runs, shortened, in ecsim and in the bare loop, placing tasks.
func TestCasesLoadAndRun(t *testing.T) {
	for _, c := range cases(false) {
		if _, err := scenarios.Parse(c.name+".yaml", ".", []byte(c.yaml)); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	for _, c := range cases(true) {
		if err := runChild("ecsim", c.name, true); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if n := bareLoop(c.bare, 1); n == 0 {
			t.Errorf("%s: the bare loop placed nothing", c.name)
		}
	}
}

// TestBareLoopBestFit: with room for every task the bare loop places them
// all; with one slot it places one task at a time, never more.
func TestBareLoopBestFit(t *testing.T) {
	if n := bareLoop(bareWork{instances: 10, memoryMiB: 4096, tasks: 100, ratePerSecond: 1, meanSeconds: 1, taskMiB: 512}, 1); n != 100 {
		t.Errorf("placed %d of 100 with room for 80 at once and tasks of 1 s", n)
	}
	if n := bareLoop(bareWork{instances: 1, memoryMiB: 512, tasks: 1000, ratePerSecond: 1, meanSeconds: 1e9, taskMiB: 512}, 1); n != 1 {
		t.Errorf("placed %d on one slot whose first task never ends, want 1", n)
	}
}
