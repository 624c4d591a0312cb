package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a scenario file (1-based; 0 when unknown).
type Pos struct {
	Line, Column int
	quoted       bool   // the value is a quoted scalar: its text starts one column later
	block        bool   // the value is a literal or folded block scalar
	file         string // the file, when not the scenario itself (taskDefinitionFile)
}

// FieldError is one problem with a scenario: where it is, which field, what
// is wrong and what is accepted.
type FieldError struct {
	File  string
	Pos   Pos
	Field string // path such as workloads[1].arrivals.ratePerMinute
	Msg   string
}

// Error formats e as "file:line:column: field: problem".
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Pos.Line)
		if e.Pos.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Pos.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(shortField(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(shortenQuoted(e.Msg))
	return b.String()
}

// Errors is every problem found in a scenario, sorted by position. Load
// returns it as its error so that callers see all problems at once.
type Errors []*FieldError

// Error joins the messages, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders es by file, position and field, keeping the order of equals.
func (es Errors) sort() {
	slices.SortStableFunc(es, func(a, b *FieldError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column), cmp.Compare(a.Field, b.Field))
	})
}

// accepted formats a list of accepted values: " (accepted: a, b, c)".
func accepted(values ...string) string {
	return " (accepted: " + strings.Join(values, ", ") + ")"
}

// shortField cuts a field path longer than 200 bytes (a hostile key).
func shortField(f string) string {
	if len(f) <= 200 {
		return f
	}
	cut := 160
	for cut > 0 && !utf8.RuneStart(f[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", f[:cut], len(f))
}

// maxQuoted is how many bytes of a quoted value an error message keeps.
const maxQuoted = 60

// shortenQuoted cuts every quoted value in msg longer than maxQuoted bytes
// to its first bytes, "…" and its length, so that a hostile value (a
// megabyte-long name) is never echoed whole (README "Limits").
func shortenQuoted(msg string) string {
	if len(msg) < maxQuoted {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		j := i + 1
		for j < len(msg) && msg[j] != '"' {
			if msg[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(msg) {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i])
		if q := msg[i+1 : j]; len(q) > maxQuoted {
			cut := maxQuoted
			for cut > 0 && !utf8.RuneStart(q[cut]) {
				cut--
			}
			fmt.Fprintf(&b, "\"%s…\" (%d bytes)", strings.TrimSuffix(q[:cut], "\\"), len(q))
		} else {
			b.WriteString(msg[i : j+1])
		}
		msg = msg[j+1:]
	}
}
