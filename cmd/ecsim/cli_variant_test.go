package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunVariant: --variant runs one of the scenario's variants after
// --set, into ecsim-out/<name>-<variant> by default; an unknown variant
// exits 2 naming the accepted ones.
func TestRunVariant(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, dir, "run", "fargate-vs-ec2", "--variant", "fargate", "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ev, err := os.ReadFile(filepath.Join(dir, "ecsim-out", "fargate-vs-ec2-fargate", "events.jsonl"))
	if err != nil || !strings.Contains(string(ev), `"provider":"FARGATE"`) || strings.Contains(string(ev), `"InstanceLaunched"`) {
		t.Errorf("the fargate variant's events (err %v) should place on FARGATE and launch no instance", err)
	}
	code, _, stderr := runCLI(t, dir, "run", "fargate-vs-ec2", "--variant", "nope", "--quiet")
	if code != 2 || !strings.Contains(stderr, `no variant "nope" (accepted: ec2, fargate, fargate-spot)`) {
		t.Errorf("unknown variant: exit %d, %s", code, stderr)
	}
}
