package cql

import (
	"strconv"
	"time"
)

// literal is one argument, pre-parsed at Parse time for its subject so that
// Eval never parses the expression's side.
type literal struct {
	text  string    // the argument as written, without quotes
	col   int       // 1-based column of the argument (for errors)
	num   float64   // attribute ordering: numeric value when isNum
	isNum bool      // text is a decimal number (see isDecimal)
	ver   version   // agentVersion
	t     time.Time // registeredAt
	n     int64     // runningTasksCount
}

// maxVersionParts bounds the components of a dotted version.
const maxVersionParts = 8

// version is a dotted numeric version such as 1.14.5, held in a fixed array
// so that parsing an instance's agent version in Eval does not allocate.
type version struct {
	n     int
	parts [maxVersionParts]uint32
}

// parseVersion parses 1 to 8 dot-separated components of 1 to 9 digits.
func parseVersion(s string) (version, bool) {
	var v version
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' && digits < 9:
			v.parts[v.n] = v.parts[v.n]*10 + uint32(c-'0')
			digits++
		case c == '.' && digits > 0 && v.n < maxVersionParts-1:
			v.n++
			digits = 0
		default:
			return version{}, false
		}
	}
	if digits == 0 {
		return version{}, false
	}
	v.n++
	return v, true
}

// compare orders versions component by component; missing components count
// as 0, so 1.14 == 1.14.0 and 1.9.0 < 1.14.5.
func (v version) compare(w version) int {
	for i := 0; i < maxVersionParts; i++ {
		if a, b := v.parts[i], w.parts[i]; a != b {
			if a < b {
				return -1
			}
			return 1
		}
	}
	return 0
}

// registeredAtFormats are the "Valid date formats" of the AWS page:
// 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28,
// 2018-06-18. RFC 3339 covers the first two; the last two carry no zone and
// are read as UTC.
var registeredAtFormats = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

const acceptedDates = "2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, " +
	"2018-06-18T22:28:28, 2018-06-18"

func parseRegisteredAt(s string) (time.Time, bool) {
	for _, f := range registeredAtFormats {
		if t, err := time.Parse(f, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxDecimal bounds the length of a number so that ParseFloat cannot fail
// (and allocate an error) on a string isDecimal accepted.
const maxDecimal = 64

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits and at most one '.', with at least one digit; no exponent, no
// hexadecimal, no Inf/NaN, at most 64 characters.
func isDecimal(s string) bool {
	if len(s) == 0 || len(s) > maxDecimal {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits, dots := 0, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && dots == 0:
			dots++
		default:
			return false
		}
	}
	return digits > 0
}

// decimal parses s when isDecimal(s); it does not allocate.
func decimal(s string) (float64, bool) {
	if !isDecimal(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// compileLiteral pre-parses lit for subject s and operator op, returning an
// error message (empty when valid).
func compileLiteral(s subjKind, op opKind, lit *literal) string {
	var ok bool
	switch {
	case op.isRegex():
		return "" // compiled by compileRegex
	case s == subjAgentVersion:
		if lit.ver, ok = parseVersion(lit.text); !ok {
			return "invalid agentVersion " + strconv.Quote(lit.text) +
				" (expected a dotted version such as 1.14.5)"
		}
	case s == subjRegisteredAt:
		if lit.t, ok = parseRegisteredAt(lit.text); !ok {
			return "invalid registeredAt date " + strconv.Quote(lit.text) +
				" (accepted formats: " + acceptedDates + ")"
		}
	case s == subjRunningTasksCount:
		var err error
		if lit.n, err = strconv.ParseInt(lit.text, 10, 64); err != nil {
			return "invalid runningTasksCount " + strconv.Quote(lit.text) +
				" (expected an integer)"
		}
	case s == subjAttribute && op.ordering():
		lit.num, lit.isNum = decimal(lit.text)
	}
	return ""
}
