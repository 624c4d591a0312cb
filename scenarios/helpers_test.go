package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// wantLine is one expected error line, "file:loc: field: msg": loc is
// "line:column", "line" or "" (no position), field may be "" and msg is a
// substring of the message.
type wantLine struct {
	loc, field, msg string
}

// prefix returns the start every matching line must have.
func (w wantLine) prefix(file string) string {
	p := file
	if w.loc != "" {
		p += ":" + w.loc
	}
	p += ": "
	if w.field != "" {
		p += w.field + ": "
	}
	return p
}

// parseErrors parses src as the file name and returns its error lines; it
// fails the test if src is accepted or the error is not an Errors.
func parseErrors(t *testing.T, name, src string) []string {
	t.Helper()
	s, err := Parse(name, ".", []byte(src))
	return errorLines(t, s, err)
}

// errorLines checks that a load failed with Errors and returns its lines.
func errorLines(t *testing.T, s *Scenario, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want an error")
	}
	if s != nil {
		t.Errorf("returned a scenario together with an error")
	}
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %T %q is not a non-empty scenarios.Errors", err, err)
	}
	return strings.Split(err.Error(), "\n")
}

// checkLines compares error lines with the expected ones, in order.
func checkLines(t *testing.T, file string, got []string, want []wantLine) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		p := want[i].prefix(file)
		ok = strings.HasPrefix(got[i], p) && strings.Contains(got[i][len(p):], want[i].msg)
	}
	if ok {
		return
	}
	var b strings.Builder
	for _, w := range want {
		b.WriteString("\n  " + w.prefix(file) + "…" + w.msg + "…")
	}
	t.Errorf("error lines:\n  %s\nwant:%s", strings.Join(got, "\n  "), b.String())
}

// mustParse parses src and fails the test on any error.
func mustParse(t *testing.T, name, src string) *Scenario {
	t.Helper()
	s, err := Parse(name, ".", []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s):\n%v", name, err)
	}
	return s
}
