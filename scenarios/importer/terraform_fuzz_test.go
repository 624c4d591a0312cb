package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// FuzzReadTerraform: no JSON text makes the Terraform front-end panic; it
// reads a cluster or reports bad input (scenarios.Errors), and a cluster
// it reads is written and checked without a panic.
func FuzzReadTerraform(f *testing.F) {
	for _, pattern := range []string{"testdata/terraform/*.json", "testdata/terraform/errors/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			f.Fatalf("no seeds in %s (%v)", pattern, err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_ecs_cluster.c", "type": "aws_ecs_cluster", "values": {"name": "c"}}]}}}`,
		`{"format_version": "1.0", "values": {"root_module": {"child_modules": [{"child_modules": [{}]}]}}}`,
		`{"format_version": "1.2", "planned_values": {"root_module": {}}, "configuration": {"root_module": {"module_calls": {"m": {"module": {"outputs": {"o": {"expression": {"references": ["module.m.o"]}}}}}}}}}`,
		`{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.t", "type": "aws_ecs_task_definition", "values": {"family": "t", "revision": 1, "container_definitions": "[{\"a\": [[[]]], \"b\": null}]"}}]}}}`,
		`{"format_version": "2.0"}`, `{}`, `[]`, `{"a": 1, "a": 2}`, "\xef\xbb\xbf{}", `{"format_version": "1.0", "values": null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := readTerraform("fuzz.json", data)
		if err != nil {
			var errs scenarios.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("an error that is not bad input: %v", err)
			}
			return
		}
		if c == nil {
			t.Fatal("no cluster and no error")
		}
		_, _ = Scenario(c, "fuzz.yaml")
	})
}
