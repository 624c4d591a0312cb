package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed examples/*.yaml
var examples embed.FS

// DefaultScenario is the built-in scenario `ecsim run` runs without argument.
const DefaultScenario = "quickstart"

// Builtin describes a built-in example scenario.
type Builtin struct {
	Name        string
	Description string
}

// Builtins lists the built-in scenarios, sorted by name.
func Builtins() []Builtin {
	entries, _ := fs.ReadDir(examples, "examples")
	var out []Builtin
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		src, _ := BuiltinSource(name)
		var head struct {
			Description string `yaml:"description"`
		}
		_ = yaml.Unmarshal(src, &head)
		out = append(out, Builtin{Name: name, Description: strings.TrimSpace(head.Description)})
	}
	slices.SortFunc(out, func(a, b Builtin) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// BuiltinNames returns the built-in scenario names.
func BuiltinNames() []string {
	var names []string
	for _, b := range Builtins() {
		names = append(names, b.Name)
	}
	return names
}

// BuiltinSource returns the YAML of a built-in scenario.
func BuiltinSource(name string) ([]byte, error) {
	data, err := examples.ReadFile(path.Join("examples", name+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("no built-in scenario %q%s", name, accepted(BuiltinNames()...))
	}
	return data, nil
}

// Resolve loads what a command-line argument names: the default scenario
// when arg is empty, the file at arg if there is one, else the built-in
// scenario of that name.
func (l Loader) Resolve(arg string) (*Scenario, error) {
	if arg == "" {
		return l.LoadBuiltin(DefaultScenario)
	}
	if _, err := os.Stat(arg); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return l.Load(arg)
	}
	if _, err := BuiltinSource(arg); err == nil {
		return l.LoadBuiltin(arg)
	}
	return nil, Errors{{File: arg, Msg: "no such file, and no built-in scenario of that name" + accepted(BuiltinNames()...)}}
}
