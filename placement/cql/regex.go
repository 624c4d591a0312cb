package cql

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// matcher is a compiled =~ / !~ pattern. Patterns of the common shapes
// "literal" and "literal.*" (t2.*, g2.*, m5.*) are matched without the
// regexp engine; everything else uses the compiled whole-value regexp.
type matcher struct {
	re     *regexp.Regexp
	prefix string
	shape  matchShape
}

type matchShape uint8

const (
	shapeRegexp   matchShape = iota // general pattern
	shapeLiteral                    // value == prefix
	shapePrefix                     // prefix, then anything but '\n'
	shapePrefixNL                   // prefix, then anything ((?s) mode)
)

// match reports whether the pattern matches the whole of s.
func (m *matcher) match(s string) bool {
	switch m.shape {
	case shapeLiteral:
		return s == m.prefix
	case shapePrefix:
		return strings.HasPrefix(s, m.prefix) && strings.IndexByte(s[len(m.prefix):], '\n') < 0
	case shapePrefixNL:
		return strings.HasPrefix(s, m.prefix)
	}
	return m.re.MatchString(s)
}

// compileRegex compiles pattern for =~ / !~ so that it must match the
// whole value, as Java's String.matches / Matcher.matches do: the parsed
// pattern is wrapped between \A and \z at the syntax-tree level (textual
// wrapping as ^(?:...)$ would be defeated by an unterminated \Q).
// Error messages carry Go's own message about the pattern as written.
func compileRegex(pattern string) (*matcher, string) {
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err == nil {
		whole := &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{
			{Op: syntax.OpBeginText}, tree, {Op: syntax.OpEndText}}}
		var re *regexp.Regexp
		if re, err = regexp.Compile(whole.String()); err == nil {
			m := &matcher{re: re}
			m.prefix, m.shape = shapeOf(tree.Simplify())
			return m, ""
		}
	}
	return nil, "invalid regular expression " + strconv.Quote(pattern) +
		": " + err.Error()
}

// shapeOf recognises a case-sensitive literal, optionally followed by .*
func shapeOf(re *syntax.Regexp) (string, matchShape) {
	if lit, ok := literalOf(re); ok {
		return lit, shapeLiteral
	}
	if re.Op != syntax.OpConcat || len(re.Sub) != 2 {
		return "", shapeRegexp
	}
	lit, ok := literalOf(re.Sub[0])
	star := re.Sub[1]
	if !ok || star.Op != syntax.OpStar || len(star.Sub) != 1 {
		return "", shapeRegexp
	}
	switch star.Sub[0].Op {
	case syntax.OpAnyCharNotNL:
		return lit, shapePrefix
	case syntax.OpAnyChar:
		return lit, shapePrefixNL
	}
	return "", shapeRegexp
}

// literalOf returns the text of a case-sensitive literal node.
func literalOf(re *syntax.Regexp) (string, bool) {
	if re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase != 0 {
		return "", false
	}
	return string(re.Rune), true
}
