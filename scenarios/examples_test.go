package scenarios

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestBuiltinsList(t *testing.T) {
	bs := Builtins()
	if len(bs) == 0 {
		t.Fatal("no built-in scenarios")
	}
	names := BuiltinNames()
	if !slices.IsSorted(names) || len(names) != len(bs) {
		t.Errorf("names %v are not the sorted built-ins", names)
	}
	if !slices.Contains(names, DefaultScenario) {
		t.Errorf("the default scenario %q is not built in (have %v)", DefaultScenario, names)
	}
	if len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("duplicate names in %v", names)
	}
}

func TestBuiltinsLoad(t *testing.T) {
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			if b.Description == "" {
				t.Error("empty description")
			}
			s, err := LoadBuiltin(b.Name)
			if err != nil {
				t.Fatalf("LoadBuiltin: %v", err)
			}
			if s.Spec.Name != b.Name {
				t.Errorf("name key %q differs from the built-in's name %q", s.Spec.Name, b.Name)
			}
			if got := strings.TrimSpace(s.Spec.Description); got != b.Description {
				t.Errorf("Builtins() description %q, scenario's %q", b.Description, got)
			}
			if len(s.Config.Workloads)+len(s.Config.Services) == 0 {
				t.Error("no workloads or services: the scenario simulates nothing")
			}
			if len(s.Ignored) != 0 {
				t.Errorf("built-in gives fields the model ignores: %v", s.Ignored)
			}
		})
	}
}

func TestBuiltinsResolveAndReparse(t *testing.T) {
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			src, err := BuiltinSource(b.Name)
			if err != nil || len(src) == 0 {
				t.Fatalf("BuiltinSource: %v", err)
			}
			viaResolve, err := Resolve(b.Name)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			// The same bytes parsed under another file name give the same
			// spec, since every built-in sets its name key.
			again := mustParse(t, "copy.yaml", string(src))
			if !reflect.DeepEqual(viaResolve.Spec, again.Spec) {
				t.Errorf("spec differs between Resolve and Parse of the same source")
			}
		})
	}
}
