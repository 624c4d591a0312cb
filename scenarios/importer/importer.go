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

// The ECS API's ENABLED/DISABLED settings and ManagedScaling's numbers,
// read alike by every front-end.

// enabledProblem is what is wrong with an ENABLED/DISABLED setting
// (ManagedScaling's status, managedTerminationProtection,
// managedDraining): "" when it is one of the two, as the API spells them,
// or not given.
func enabledProblem(v string) string {
	if v == "" || v == "ENABLED" || v == "DISABLED" {
		return ""
	}
	return fmt.Sprintf("must be ENABLED or DISABLED, as the ECS API spells them (got %q)", v)
}

// noScalingStatus is the note for a ManagedScaling block, at where,
// without a status: ecsim reads it as ENABLED.
func noScalingStatus(where string) string {
	return where + ": ManagedScaling has no Status: read as ENABLED, as ecsim's scenario format does; " +
		"AWS documents no default"
}

// scalingRangeProblem is what is wrong with ManagedScaling's number field
// (targetCapacity, minimumScalingStepSize, maximumScalingStepSize,
// instanceWarmupPeriod, in any of the front-ends' spellings): "" when it
// is in the API's range or not given.
func scalingRangeProblem(field string, v *int) string {
	if v == nil {
		return ""
	}
	lo, hi := 1, 10000
	switch strings.ToLower(strings.ReplaceAll(field, "_", "")) {
	case "targetcapacity":
		hi = 100
	case "instancewarmupperiod":
		lo = 0
	}
	if *v >= lo && *v <= hi {
		return ""
	}
	return fmt.Sprintf("must be %d to %d, the API's range (got %d)", lo, hi, *v)
}

// groupSizeProblem is what is wrong with a group's MinSize or MaxSize: ""
// when it is 0 to scenarios.MaxASGSize.
func groupSizeProblem(v int) string {
	if v >= 0 && v <= scenarios.MaxASGSize {
		return ""
	}
	return fmt.Sprintf("%d is out of range: ecsim's Auto Scaling groups hold 0 to %d instances", v, scenarios.MaxASGSize)
}
