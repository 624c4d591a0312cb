package schemagen

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite ../scenario.schema.json")

// committed is the schema file the binary embeds.
const committed = "../scenario.schema.json"

// TestSchemaIsCurrent regenerates the schema from the scenario types and
// compares it with the committed file; -update rewrites the file.
func TestSchemaIsCurrent(t *testing.T) {
	got, err := Generate("../../scenarios")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(committed, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		_ = os.WriteFile(committed+".got", got, 0o644)
		t.Fatalf("%s is stale: the scenario types changed; see %s.got (go test ./schema/schemagen -update rewrites it)", committed, committed)
	}
}

// TestGenerateIsDeterministic generates the schema twice: maps (the
// definitions, the facts, the comments) must not leak their order.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate("../../scenarios")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Generate("../../scenarios")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two generations differ")
		}
	}
}

// TestGenerateNeedsTheSource holds that a wrong folder is an error, not a
// schema without descriptions.
func TestGenerateNeedsTheSource(t *testing.T) {
	if _, err := Generate(t.TempDir()); err == nil {
		t.Fatal("Generate of an empty folder succeeded")
	}
}
