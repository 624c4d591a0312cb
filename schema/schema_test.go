package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/schema"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compile compiles the embedded schema (checking it against the JSON
// Schema 2020-12 meta-schema), with formats asserted as editors do.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Scenario()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schema.ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validate reports whether the YAML scenario data satisfies s.
func validate(s *jsonschema.Schema, data []byte) error {
	v, err := yamlToJSON(data)
	if err != nil {
		return err
	}
	return s.Validate(v)
}

func TestEmbeddedIDMatches(t *testing.T) {
	if !bytes.Contains(schema.Scenario(), []byte(`"$id": "`+schema.ID+`"`)) {
		t.Errorf("scenario.schema.json does not have $id %s", schema.ID)
	}
}

// TestBuiltinsValidate holds that every built-in scenario, each of its
// variants applied, and every lesson's scenarios satisfy the schema.
func TestBuiltinsValidate(t *testing.T) {
	s := compile(t)
	for _, name := range scenarios.BuiltinNames() {
		src, err := scenarios.BuiltinSource(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(s, src); err != nil {
			t.Errorf("built-in %s: %v", name, err)
		}
		sc, err := scenarios.LoadBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range sc.Variants {
			vs, err := sc.Variant(v.Name)
			if err != nil {
				t.Fatalf("%s --variant %s: %v", name, v.Name, err)
			}
			checkScenario(t, s, name+" --variant "+v.Name, vs)
		}
	}
	lessons, err := scenarios.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lessons {
		ls, err := l.Load(scenarios.Loader{})
		if err != nil {
			t.Fatalf("lesson %s: %v", l.Name, err)
		}
		if ls.Symptom != nil && ls.SymptomError == nil {
			checkScenario(t, s, "lesson "+l.Name+" (symptom)", ls.Symptom)
		}
		checkScenario(t, s, "lesson "+l.Name+" (fix)", ls.Fixed)
	}
}

// checkScenario validates a loaded scenario's text, overrides applied.
func checkScenario(t *testing.T, s *jsonschema.Schema, what string, sc *scenarios.Scenario) {
	t.Helper()
	data, err := sc.YAML()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := validate(s, data); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// TestImportedValidate holds that every scenario ecsim import writes in its
// tests (scenarios/importer/testdata/*/*.golden.yaml), which names the
// schema on its first line, satisfies it.
func TestImportedValidate(t *testing.T) {
	s := compile(t)
	goldens, _ := filepath.Glob("../scenarios/importer/testdata/*/*.golden.yaml")
	if len(goldens) == 0 {
		t.Fatal("no importer goldens in ../scenarios/importer/testdata")
	}
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(s, data); err != nil {
			t.Errorf("%s: %v", g, err)
		}
	}
}

// TestValidTestdataValidate holds that every scenario of the test data
// that ecsim loads satisfies the schema: the scenario files of the CLI
// scripts (cmd/ecsim/testdata/script) and the seeds of the scenario fuzz
// corpus (scenarios/testdata). Those that do not load are for other tests.
func TestValidTestdataValidate(t *testing.T) {
	s := compile(t)
	scripts, _ := filepath.Glob("../cmd/ecsim/testdata/script/*.txtar")
	checked := 0
	for _, script := range scripts {
		ar, err := txtar.ParseFile(script)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		for _, f := range ar.Files {
			p := filepath.Join(dir, f.Name)
			_ = os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range ar.Files {
			if ext := filepath.Ext(f.Name); ext != ".yaml" && ext != ".yml" {
				continue
			}
			if _, err := scenarios.Load(filepath.Join(dir, f.Name)); err != nil {
				continue
			}
			checked++
			if err := validate(s, f.Data); err != nil {
				t.Errorf("%s: %s: %v", filepath.Base(script), f.Name, err)
			}
		}
	}
	seeds, _ := filepath.Glob("../scenarios/testdata/fuzz/*/*")
	for _, seed := range seeds {
		data := fuzzSeed(t, seed)
		if _, err := scenarios.Parse("seed.yaml", t.TempDir(), data); err != nil {
			continue
		}
		checked++
		if err := validate(s, data); err != nil {
			t.Errorf("%s: %v", seed, err)
		}
	}
	t.Logf("%d valid scenarios checked", checked)
	if checked < 5 {
		t.Fatalf("only %d valid scenarios in the test data; expected the CLI scripts' scenarios", checked)
	}
}

// fuzzSeed reads the []byte of a Go fuzz corpus file.
func fuzzSeed(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(b), "\n")
	rest = strings.TrimSpace(rest)
	inner, ok := strings.CutPrefix(rest, "[]byte(")
	if !ok {
		return nil
	}
	s, err := strconv.Unquote(strings.TrimSuffix(inner, ")"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}
