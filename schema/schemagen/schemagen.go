// Package schemagen generates the JSON Schema of scenario files
// (schema/scenario.schema.json) from the Go types of package scenarios,
// with github.com/invopop/jsonschema: the yaml tags give the keys, the Go
// doc comments the descriptions, the range tags the bounds, and the
// scenarios package's own lists and constants (scenarios.AcceptedValues,
// FieldDefaults, FieldPatterns, IgnoredKeys) the enums, defaults, name
// patterns and the ECS keys accepted and ignored. It reads the scenarios
// package's source for the comments, so it runs where the source is: in
// its test, which compares the result with the committed file.
package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/schema"
	"github.com/invopop/jsonschema"
)

// The Go types whose YAML shape is not that of their fields: they decode
// themselves (scenarios/decode*.go).
var (
	durationType = reflect.TypeFor[scenarios.Duration]()
	taskSizeType = reflect.TypeFor[scenarios.TaskSize]()
	variantsType = reflect.TypeFor[scenarios.Variants]()
	sweepType    = reflect.TypeFor[scenarios.Sweep]()
)

// Generate returns the JSON Schema of scenario files as indented JSON
// ending in a newline, the same bytes for the same source. dir is the
// folder of package scenarios, whose doc comments become descriptions.
func Generate(dir string) ([]byte, error) {
	comments, err := goComments(dir)
	if err != nil {
		return nil, err
	}
	r := &jsonschema.Reflector{FieldNameTag: "yaml", RequiredFromJSONSchemaTags: true, ExpandedStruct: true,
		CommentMap: comments, Mapper: mapper}
	root := r.Reflect(&scenarios.File{})
	g := newGenerator(root, comments)
	if err := g.refine(); err != nil {
		return nil, err
	}
	root.ID = jsonschema.ID(schema.ID)
	root.Title = "ecsim scenario"
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	// encoding/json escapes <, > and & inside strings; the schema is
	// read by people too.
	for esc, c := range map[string]string{`\u003c`: "<", `\u003e`: ">", `\u0026`: "&"} {
		out = bytes.ReplaceAll(out, []byte(esc), []byte(c))
	}
	return append(out, '\n'), nil
}

// mapper gives the types that decode themselves their schema: a reference
// to a definition refine adds (Duration, Variants), or, for a TaskSize,
// a schema of its own that refine bounds by the field's range.
func mapper(t reflect.Type) *jsonschema.Schema {
	switch t {
	case durationType:
		return &jsonschema.Schema{Ref: "#/$defs/Duration"}
	case variantsType:
		return &jsonschema.Schema{Ref: "#/$defs/Variants"}
	case taskSizeType:
		return taskSizeSchema()
	}
	return nil
}

// goComments reads the doc comments of the types and fields of package
// scenarios from the Go files in dir (tests and subfolders left out) with
// invopop's AddGoComments, keyed by the package's import path as the
// Reflector looks them up.
func goComments(dir string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	pkg := durationType.PkgPath()
	out := map[string]string{}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		found++
		// AddGoComments keys a file's comments by base joined with the
		// file's folder; with no base that is the folder as given.
		r := &jsonschema.Reflector{}
		if err := r.AddGoComments("", f); err != nil {
			return nil, err
		}
		prefix := path.Join("", filepath.Dir(f)) + "."
		for k, v := range r.CommentMap {
			if rest, ok := strings.CutPrefix(k, prefix); ok {
				out[pkg+"."+rest] = v
			}
		}
	}
	if found == 0 {
		return nil, fmt.Errorf("schemagen: no Go files in %s (the scenarios package's folder)", dir)
	}
	return out, nil
}
