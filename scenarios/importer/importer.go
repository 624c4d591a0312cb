package importer

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/scenarios"
	"gopkg.in/yaml.v3"
)

// Scenario writes c as scenario YAML and checks that ecsim accepts it: the
// result parses and validates as a scenario named origin (the file it will
// be written to). A model ecsim cannot run (an instance type outside its
// catalogue, a setting it does not model) is an error naming the field.
func Scenario(c *Cluster, origin string) ([]byte, error) {
	c.Ignored = dedupe(c.Ignored)
	data, err := Write(c)
	if err != nil {
		return nil, err
	}
	if _, err := (scenarios.Loader{NoFiles: true}).Parse(origin, ".", data); err != nil {
		return data, fmt.Errorf("the imported scenario does not validate; fix the source or edit the scenario:\n%w", err)
	}
	return data, nil
}

// dedupe keeps the first of each entry, in order.
func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Errors collects a front-end's problems with its source; as an error it
// is a scenarios.Errors, which the command line reports as bad input
// (exit 2) with the file, the position and the path.
type Errors struct{ errs scenarios.Errors }

// Add records a problem at node n (its line and column; nil when unknown)
// of file, at the JSON or YAML path, e.g. "services[0].taskDefinition".
func (e *Errors) Add(file string, n *yaml.Node, path, format string, args ...any) {
	fe := &scenarios.FieldError{File: file, Field: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		fe.Pos = scenarios.Pos{Line: n.Line, Column: n.Column}
	}
	e.errs = append(e.errs, fe)
}

// Err returns the problems as one error, nil without any.
func (e *Errors) Err() error {
	if len(e.errs) == 0 {
		return nil
	}
	return e.errs
}
