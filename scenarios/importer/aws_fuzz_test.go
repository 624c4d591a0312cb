package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// awsFile is a fixture file's name and content.
type awsFile struct {
	name string
	data []byte
}

// awsFixtureFiles reads the JSON files of the folders.
func awsFixtureFiles(f *testing.F, dirs ...string) []awsFile {
	var files []awsFile
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(paths) == 0 {
			f.Fatalf("no fixture in %s: %v", dir, err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			files = append(files, awsFile{filepath.Base(p), data})
		}
	}
	return files
}

// FuzzReadAWS replaces one file of the shop fixture (or adds one, for
// which beyond its files) with arbitrary bytes: reading never panics, its
// errors are positioned scenarios.Errors, and what it reads writes a
// scenario (valid or not) without panicking either.
func FuzzReadAWS(f *testing.F) {
	shop := awsFixtureFiles(f, filepath.Join("testdata", "aws", "shop"))
	for i, file := range shop {
		f.Add(uint8(i), file.data)
	}
	bad, _ := filepath.Glob(filepath.Join("testdata", "aws", "bad", "*"))
	for _, file := range append(awsFixtureFiles(f, bad...), awsFixtureFiles(f, filepath.Join("testdata", "aws", "standalone"))...) {
		f.Add(uint8(255), file.data)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		r := newAWSRead("fuzz")
		for i, file := range shop {
			if i != int(which) {
				r.readFile(file.name, file.name, file.data)
			}
		}
		r.readFile("fuzz.json", "fuzz.json", data)
		err := r.errs.Err()
		var c *Cluster
		if err == nil {
			c, err = r.cluster()
		}
		if err != nil {
			var errs scenarios.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not scenarios.Errors: %v", err, err)
			}
			return
		}
		_, _ = Scenario(c, "fuzz.yaml")
	})
}
