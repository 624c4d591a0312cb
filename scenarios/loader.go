package scenarios

import (
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/workloads"
)

// Registries are the extension points a caller passes in: the placement
// strategy types, fault kinds, arrival processes and distributions a
// scenario may name (README "Extending ecsim"). A nil registry means the
// built-in one.
type Registries struct {
	Strategies *placement.Registry
	FaultKinds *faults.Registry
	// Workloads resolves arrival processes and distributions.
	Workloads *workloads.Registry
}

// DefaultRegistries returns fresh built-in registries: the ECS strategies
// (binpack, spread, random) and the built-in fault kinds.
func DefaultRegistries() Registries {
	return Registries{Strategies: placement.NewRegistry(), FaultKinds: faults.NewRegistry(), Workloads: workloads.NewRegistry()}
}

// withDefaults fills the nil registries with the built-in ones.
func (r Registries) withDefaults() Registries {
	if r.Strategies == nil {
		r.Strategies = placement.NewRegistry()
	}
	if r.FaultKinds == nil {
		r.FaultKinds = faults.NewRegistry()
	}
	if r.Workloads == nil {
		r.Workloads = workloads.NewRegistry()
	}
	return r
}

// Loader loads and validates scenarios against its registries; the zero
// Loader uses the built-in ones, as the package functions Load, Parse,
// LoadBuiltin and Resolve do. The scenarios it returns remember it, so
// their variants resolve against the same registries.
type Loader struct {
	Registries Registries
	// NoFiles refuses scenarios that name files to read (a trace, a
	// taskDefinitionFile): ecsim serve loads YAML pasted into its page so,
	// and the page cannot be made to read the machine's files.
	NoFiles bool
}

// Load is the package Load with l's registries.
func (l Loader) Load(path string) (*Scenario, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return l.Parse(path, dirOf(path), data)
}

// Parse is the package Parse with l's registries.
func (l Loader) Parse(file, dir string, data []byte) (*Scenario, error) {
	return l.parse(file, dir, data, nil, true)
}

// LoadBuiltin is the package LoadBuiltin with l's registries.
func (l Loader) LoadBuiltin(name string) (*Scenario, error) {
	data, err := BuiltinSource(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: err.Error()}}
	}
	return l.Parse("examples/"+name+".yaml", ".", data)
}

// Load reads, validates and converts the scenario file at path with the
// built-in registries. Its errors are Errors (one entry per problem) or a
// *FieldError for the file itself.
func Load(path string) (*Scenario, error) { return Loader{}.Load(path) }

// Parse validates and converts a scenario given as bytes with the built-in
// registries; file names it in messages and dir resolves relative paths.
func Parse(file, dir string, data []byte) (*Scenario, error) { return Loader{}.Parse(file, dir, data) }

// LoadBuiltin loads a built-in scenario with the built-in registries.
func LoadBuiltin(name string) (*Scenario, error) { return Loader{}.LoadBuiltin(name) }

// Resolve loads what a command-line argument names, with the built-in
// registries (see Loader.Resolve).
func Resolve(arg string) (*Scenario, error) { return Loader{}.Resolve(arg) }
