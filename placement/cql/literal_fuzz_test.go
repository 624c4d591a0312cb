package cql

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The parsers below the expression parser (FuzzParse) read the values a
// condition compares: agent versions, registeredAt dates, numeric attribute
// values and =~ patterns (docs/model.md §5.5). Each fuzz target checks its
// parser against an oracle written independently of it.

// versionShape is the accepted agentVersion form: 1 to 8 dot-separated
// components of 1 to 9 digits.
var versionShape = regexp.MustCompile(`^[0-9]{1,9}(\.[0-9]{1,9}){0,7}$`)

// versionOracle compares two accepted versions component by component,
// missing components counting as 0 (1.14 == 1.14.0).
func versionOracle(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int64
		if i < len(pa) {
			x, _ = strconv.ParseInt(pa[i], 10, 64)
		}
		if i < len(pb) {
			y, _ = strconv.ParseInt(pb[i], 10, 64)
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// FuzzParseVersion: parseVersion (agentVersion, §5.5) accepts exactly the
// dotted numeric versions, never panics, and orders versions numerically
// per component (1.9.0 < 1.14.5, 1.14 == 1.14.0), antisymmetrically.
func FuzzParseVersion(f *testing.F) {
	for _, s := range [][2]string{
		{"1.14.5", "1.9.0"}, {"1.14", "1.14.0"}, {"1.2.3.4.5.6.7.8", "1.2.3.4.5.6.7.9"},
		{"1.2.3.4.5.6.7.8.9", "1"}, {"999999999", "1000000000"}, {"", "."}, {"1..2", "1."},
		{".1", "v1.2"}, {"1.20.1", "1.2.10"}, {"0001.0", "1"}, {"١.٢", "1.2"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		va, oka := parseVersion(a)
		vb, okb := parseVersion(b)
		if oka != versionShape.MatchString(a) {
			t.Fatalf("parseVersion(%q) ok = %v, want %v", a, oka, !oka)
		}
		if okb != versionShape.MatchString(b) {
			t.Fatalf("parseVersion(%q) ok = %v, want %v", b, okb, !okb)
		}
		if !oka || !okb {
			return
		}
		if va.compare(va) != 0 {
			t.Fatalf("%q does not equal itself", a)
		}
		if got, want := va.compare(vb), versionOracle(a, b); got != want {
			t.Fatalf("compare(%q, %q) = %d, want %d", a, b, got, want)
		}
		if va.compare(vb) != -vb.compare(va) {
			t.Fatalf("compare(%q, %q) is not antisymmetric", a, b)
		}
		if strings.Count(a, ".") < maxVersionParts-1 {
			if vz, ok := parseVersion(a + ".0"); !ok || vz.compare(va) != 0 {
				t.Fatalf("%q.0 != %q: a missing component must count as 0", a, a)
			}
		}
	})
}

// dateShape is the shape of the registeredAt formats of the AWS page
// (2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28,
// 2018-06-18), with the leniencies of Go's parser for the zone-less layout:
// fractional seconds and a one-digit hour (2018-06-18T2:28:28).
var dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{1,2}:\d{2}:\d{2}([.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$`)

// zoned matches a date ending in a zone.
var zoned = regexp.MustCompile(`(Z|[+-]\d{2}:\d{2})$`)

// FuzzParseRegisteredAt: parseRegisteredAt (§5.5 registeredAt) never
// panics, accepts only the documented shapes, reads a date or a time without
// a zone as UTC, and accepts the RFC 3339 form of every instant it returns,
// giving the same instant back.
func FuzzParseRegisteredAt(f *testing.F) {
	for _, s := range []string{"2018-06-18T22:28:28+00:00", "2018-06-18T22:28:28Z", "2018-06-18T22:28:28",
		"2018-06-18", "2018-02-13", "2018-06-18T22:28:28-07:30", "2018-06-18T22:28:28.5Z", "2018-13-01",
		"2018-02-30", "18-06-18", "2018-06-18T2:28:28", "2018-06-18T2:28:28Z", "2018-06-18 22:28:28", "2018-06-18T24:00:00Z", "", "now"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseRegisteredAt(s)
		if !ok {
			return
		}
		if !dateShape.MatchString(s) {
			t.Fatalf("parseRegisteredAt accepted %q, which is none of the documented formats", s)
		}
		if !zoned.MatchString(s) && got.Location() != time.UTC {
			t.Fatalf("%q has no zone; read as %v, want UTC", s, got.Location())
		}
		again, ok := parseRegisteredAt(got.Format(time.RFC3339Nano))
		if !ok || !again.Equal(got) {
			t.Fatalf("%q -> %v -> %q does not round-trip (%v, %v)", s, got, got.Format(time.RFC3339Nano), again, ok)
		}
	})
}

// decimalShape is a plain decimal: optional sign, digits with at most one
// point, at least one digit.
var decimalShape = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$`)

// FuzzDecimal: numeric attribute comparisons (attribute:cores > 9.5, §5.5)
// treat as numbers exactly the plain decimals of at most 64 characters,
// every one of which ParseFloat reads to the value decimal returns.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"9.5", "16", "-1", "+.5", "5.", ".", "+", "1e3", "0x10", "Inf", "NaN", "1.2.3",
		" 1", "1_000", strings.Repeat("9", 64), strings.Repeat("9", 65), "00.00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s) <= maxDecimal && decimalShape.MatchString(s)
		if got := isDecimal(s); got != want {
			t.Fatalf("isDecimal(%q) = %v, want %v", s, got, want)
		}
		v, ok := decimal(s)
		if ok != want {
			t.Fatalf("decimal(%q) ok = %v, want %v", s, ok, want)
		}
		if !ok {
			return
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f != v || math.IsNaN(v) {
			t.Fatalf("decimal(%q) = %v; ParseFloat gives %v, %v", s, v, f, err)
		}
	})
}

// FuzzCompileRegex: =~ and !~ take a Java regular expression that must match
// the whole value (§5.5). compileRegex never panics, fails exactly when Go
// cannot compile the pattern, and on every value its fast paths agree with
// the regexp engine and with an independently anchored regexp.
func FuzzCompileRegex(f *testing.F) {
	for _, s := range [][2]string{
		{"t2.*", "t2.small"}, {"g2.*", "g2.2xlarge"}, {"t2.*", "xt2.small"}, {"t2.*", "t2.small\n"},
		{"(?s)t2.*", "t2\nx"}, {"(?i)t2.*", "T2.SMALL"}, {`\Qt2.small\E`, "t2.small"}, {`\Qt2.small`, "t2xsmall"},
		{"(t2|m5)\\..*", "m5.large"}, {"a|b", "ab"}, {"", ""}, {"(", "("}, {"a{1001}", "a"}, {"[[:alpha:]]+", "abc"},
		{"x*", "\xff"}, {"(?m)^a$", "a\nb"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, value string) {
		m, msg := compileRegex(pattern)
		_, goErr := regexp.Compile(pattern)
		if (m == nil) != (goErr != nil) {
			t.Fatalf("compileRegex(%q): %q; regexp.Compile: %v", pattern, msg, goErr)
		}
		if m == nil {
			if !strings.HasPrefix(msg, "invalid regular expression ") {
				t.Fatalf("compileRegex(%q): message %q", pattern, msg)
			}
			return
		}
		got := m.match(value)
		if got != m.re.MatchString(value) {
			t.Fatalf("%q on %q: fast path (shape %d) %v, regexp %v", pattern, value, m.shape, got, !got)
		}
		if strings.Contains(pattern, `\Q`) {
			return // textual anchoring is unsound inside \Q...\E
		}
		whole, err := regexp.Compile(`\A(?:` + pattern + `)\z`)
		if err != nil {
			return
		}
		if want := whole.MatchString(value); got != want {
			t.Fatalf("%q on %q: %v, whole-value match %v", pattern, value, got, want)
		}
	})
}
