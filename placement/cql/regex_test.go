package cql

import "testing"

// matchValues are values the regex tests match patterns against.
var matchValues = []string{"", "t2", "t2.small", "t2.small\n", "t2\nx", "T2.SMALL",
	"m5.large", "g2.2xlarge", "xt2.small", "i-abcd1234", "true", "\xff\xfe"}

// checkMatchers compares every fast-path matcher in n with its regexp.
func checkMatchers(t *testing.T, src string, n *node) {
	t.Helper()
	for i := range n.kids {
		checkMatchers(t, src, &n.kids[i])
	}
	if n.cond == nil || n.cond.re == nil {
		return
	}
	m := n.cond.re
	for _, v := range matchValues {
		if m.match(v) != m.re.MatchString(v) {
			t.Errorf("%q: fast path (shape %d) and regexp disagree on %q", src, m.shape, v)
		}
	}
}

// TestRegexShapes checks the literal / literal.* fast paths against the
// regexp engine, and which patterns take them.
func TestRegexShapes(t *testing.T) {
	tests := []struct {
		pattern string
		shape   matchShape
	}{
		{"t2.*", shapePrefix},
		{"'(?s)t2.*'", shapePrefixNL},
		{`'\Qt2.small\E'`, shapeLiteral},
		{"t2", shapeLiteral},
		{"'(?i)t2.*'", shapeRegexp},
		{"t2.small", shapeRegexp},
		{"t2.+", shapeRegexp},
		{".*", shapeRegexp},
		{"''", shapeRegexp},
		{"'(t2|m5)\\..*'", shapeRegexp},
		{"t2.*x", shapeRegexp},
	}
	for _, tt := range tests {
		src := "attribute:x =~ " + tt.pattern
		e, err := Parse(src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if got := e.root.cond.re.shape; got != tt.shape {
			t.Errorf("%q: shape %d, want %d", tt.pattern, got, tt.shape)
		}
		checkMatchers(t, src, &e.root)
	}
}
