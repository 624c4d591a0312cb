package workloads

import (
	"fmt"
	"strings"
)

// FieldError is one problem with one field of a spec. Field names the field
// as a scenario writes it (README "Arrival processes" and "Task
// durations"), e.g. "ratesPerMinute[2].at", so a caller can prefix it with
// its own path and position without parsing text; Msg says what is wrong
// and what is accepted, e.g. "must be > 0 (got -1)".
type FieldError struct {
	Field string
	Msg   string
}

// Error returns "field must …" for a message that states the rule, and
// "field: msg" otherwise.
func (e *FieldError) Error() string {
	if strings.HasPrefix(e.Msg, "must") || strings.HasPrefix(e.Msg, "(") {
		return e.Field + " " + e.Msg
	}
	return e.Field + ": " + e.Msg
}

// FieldErrors is every problem found with a spec, in field order.
type FieldErrors []*FieldError

// Error returns the problems, one per line.
func (es FieldErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Add appends a problem with field.
func (es *FieldErrors) Add(field, format string, args ...any) {
	*es = append(*es, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
}

// err returns es as an error, nil when there are none.
func (es FieldErrors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
