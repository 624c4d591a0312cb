package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLength is the longest expression Parse accepts, in characters.
const maxLength = 256

// accepted lists the expression kinds, for error messages.
const accepted = "accepted: cron(...), rate(...), at(...)"

// Schedule is a parsed schedule expression. Implementations are immutable
// and safe for concurrent use.
type Schedule interface {
	// Next returns the first firing strictly after t (UTC), and false when
	// there is none (a cron whose years are exhausted, an at() in the past).
	Next(t time.Time) (time.Time, bool)
	// String returns the expression in canonical form: one space between
	// fields, names and the letters L and W upper-case, numbers without
	// leading zeros. It parses back to the same schedule.
	String() string
}

// SyntaxError reports why Parse rejected an expression, and where.
type SyntaxError struct {
	// Column is the 1-based rune column in the expression where the
	// offending token starts.
	Column int
	// Msg says what is wrong and what is accepted there.
	Msg string
}

// Error returns "column N: msg".
func (e *SyntaxError) Error() string {
	return "column " + strconv.Itoa(e.Column) + ": " + e.Msg
}

// Parse parses cron(...), rate(...) or at(...). A rate schedule fires at
// anchor + k*period, k >= 1 (the first firing one period after the schedule
// is created at anchor); cron and at schedules ignore anchor. Errors are of
// type *SyntaxError. Parse never panics; it rejects expressions longer than
// 256 characters.
func Parse(expr string, anchor time.Time) (Schedule, error) {
	p := &parser{src: expr}
	if n := utf8.RuneCountInString(expr); n > maxLength {
		return nil, &SyntaxError{Column: maxLength + 1,
			Msg: fmt.Sprintf("expression is %d characters long (accepted: at most %d)", n, maxLength)}
	}
	if strings.TrimSpace(expr) == "" {
		return nil, p.errorf(0, "empty schedule expression (%s)", accepted)
	}
	kw := leadingLetters(expr)
	switch kw {
	case "cron", "rate", "at":
	default:
		return nil, p.errorf(0, "unknown schedule %q (%s)", firstToken(expr), accepted)
	}
	body, err := p.body(kw)
	if err != nil {
		return nil, err
	}
	switch kw {
	case "cron":
		return p.cron(body)
	case "rate":
		return p.rate(body, anchor)
	}
	return p.at(body)
}

// parser holds the whole expression so that errors can give columns.
type parser struct {
	src string
}

// span is a piece of the expression and its byte offset in it.
type span struct {
	off int
	s   string
}

// errorf returns a *SyntaxError at byte offset off of the expression.
func (p *parser) errorf(off int, format string, args ...any) *SyntaxError {
	off = min(max(off, 0), len(p.src))
	return &SyntaxError{Column: utf8.RuneCountInString(p.src[:off]) + 1,
		Msg: fmt.Sprintf(format, args...)}
}

// body checks "kw(" ... ")" and returns what is between the parentheses.
func (p *parser) body(kw string) (span, error) {
	open := len(kw)
	if open >= len(p.src) || p.src[open] != '(' {
		return span{}, p.errorf(open, "expected \"(\" after %s (accepted: %s(...))", kw, kw)
	}
	closing := strings.IndexByte(p.src, ')')
	switch {
	case closing < 0:
		return span{}, p.errorf(len(p.src), "missing \")\" at the end (accepted: %s(...))", kw)
	case closing != len(p.src)-1:
		return span{}, p.errorf(closing+1, "unexpected %q after \")\" (accepted: nothing)", clip(p.src[closing+1:]))
	}
	return span{off: open + 1, s: p.src[open+1 : closing]}, nil
}

// fields splits b at runs of white space.
func fields(b span) []span {
	var out []span
	start := -1
	for i := 0; i <= len(b.s); i++ {
		if i < len(b.s) && !isSpace(b.s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, span{off: b.off + start, s: b.s[start:i]})
			start = -1
		}
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// leadingLetters returns the ASCII letters that open s.
func leadingLetters(s string) string {
	i := 0
	for i < len(s) && isLetter(s[i]) {
		i++
	}
	return s[:i]
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// firstToken returns the start of s up to and including the first "(", or
// up to the first white space, for an "unknown schedule" message.
func firstToken(s string) string {
	end := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] == '(' {
			end = i + 1
			break
		}
		if isSpace(s[i]) {
			end = i
			break
		}
	}
	return clip(s[:end])
}

// clip shortens s to at most 16 runes for quoting in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 16 {
		return s
	}
	return string([]rune(s)[:16]) + "..."
}
