package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// FuzzCloudFormation: no template text makes the reader panic or hang; it
// returns a cluster, or errors that are bad input naming the file.
func FuzzCloudFormation(f *testing.F) {
	for _, pattern := range []string{"testdata/cloudformation/*.yaml", "testdata/cloudformation/*.json",
		"testdata/cloudformation/errors/*.yaml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("Resources: {C: {Type: AWS::ECS::Cluster, Properties: {ClusterName: !Sub [\"${x}\", {x: !Ref C}]}}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := readCloudFormation("fuzz.yaml", data, nil)
		if err != nil {
			var errs scenarios.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("%v (%T) is not bad input", err, err)
			}
			for _, e := range errs {
				if e.File != "fuzz.yaml" {
					t.Fatalf("%v does not name the file", e)
				}
			}
			return
		}
		if c == nil {
			t.Fatal("no cluster and no error")
		}
		_, _ = Write(c)
	})
}
