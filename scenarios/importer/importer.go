package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

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
		return data, notWritten{err}
	}
	return data, nil
}

// notWritten is the imported scenario's validation failure. The scenario
// is not written, so its problems name no file or position: each is "in
// the imported scenario (not written): PATH: PROBLEM". It unwraps to the
// validator's error (a scenarios.Errors: bad input).
type notWritten struct{ err error }

// notWrittenPrefix starts each problem of a notWritten.
const notWrittenPrefix = "in the imported scenario (not written): "

func (e notWritten) Error() string {
	var b strings.Builder
	b.WriteString("the imported scenario does not validate, so it was not written; fix the source:")
	var es scenarios.Errors
	if !errors.As(e.err, &es) {
		for _, line := range strings.Split(e.err.Error(), "\n") {
			b.WriteString("\n" + notWrittenPrefix + line)
		}
		return b.String()
	}
	for _, fe := range es {
		b.WriteString("\n" + notWrittenPrefix)
		if fe.Field != "" {
			b.WriteString(fe.Field + ": ")
		}
		b.WriteString(fe.Msg)
	}
	return b.String()
}

func (e notWritten) Unwrap() error { return e.err }

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
