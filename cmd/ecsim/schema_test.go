package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestSchemaCommand holds that ecsim schema prints valid JSON, byte for
// byte the committed schema/scenario.schema.json, with its $schema and $id.
func TestSchemaCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"schema"}, &out, &errb); code != exitOK || errb.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	committed, err := os.ReadFile("../../schema/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), committed) {
		t.Fatalf("ecsim schema prints %d bytes that differ from schema/scenario.schema.json (%d bytes)", out.Len(), len(committed))
	}
	var got, want struct {
		Schema string         `json:"$schema"`
		ID     string         `json:"$id"`
		Defs   map[string]any `json:"$defs"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("ecsim schema prints invalid JSON: %v", err)
	}
	_ = json.Unmarshal(committed, &want)
	if got.Schema != "https://json-schema.org/draft/2020-12/schema" || got.ID != want.ID || got.ID == "" || len(got.Defs) < 20 {
		t.Errorf("$schema %q, $id %q (committed %q), %d definitions", got.Schema, got.ID, want.ID, len(got.Defs))
	}
}
