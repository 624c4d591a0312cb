package reports

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// numberToken matches a number as explain prints it: 133.33, 4, or a
// duration such as 5m, 1h30m, 45s.
var numberToken = regexp.MustCompile(`\d+(?:\.\d+)?(?:(?:h|ms|m|s)(?:\d+(?:\.\d+)?(?:h|ms|m|s))*)?`)

// Verify checks that every number a line prints comes from the event the
// line tells: each number (or duration) in Text must be one of that
// event's fields as events.jsonl writes them, to the precision printed. It
// is the law "every printed number equals its event" (docs/model.md §7.3),
// checked by the tests on every built-in and random scenario.
func (n *Narrator) Verify() error {
	var errs []error
	for _, l := range n.Lines {
		have := eventNumbers(string(appendEvent(nil, &l.src)))
		for _, tok := range numberToken.FindAllString(l.Text, -1) {
			if !have.contains(tok) {
				errs = append(errs, fmt.Errorf("%s %s: %q prints %s, which its event does not hold: %s",
					l.Clock, l.Kind, l.Text, tok, strings.TrimSpace(string(appendEvent(nil, &l.src)))))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// numbers are the values an event holds: plain numbers and durations (in
// seconds).
type numbers struct{ values []float64 }

func eventNumbers(line string) numbers {
	var ns numbers
	for _, tok := range numberToken.FindAllString(line, -1) {
		for _, v := range tokenValues(tok) {
			ns.values = append(ns.values, v)
		}
	}
	return ns
}

// tokenValues reads a token as its leading number and, if it is a
// duration, as seconds.
func tokenValues(tok string) []float64 {
	lead := tok
	if i := strings.IndexAny(tok, "hms"); i >= 0 {
		lead = tok[:i]
	}
	v, _ := strconv.ParseFloat(lead, 64)
	out := []float64{v}
	if d, err := time.ParseDuration(tok); err == nil && lead != tok {
		out = append(out, d.Seconds())
	}
	return out
}

// contains reports whether the printed token tok is one of the values, to
// the decimals it prints (a tie may round either way).
func (ns numbers) contains(tok string) bool {
	decimals := 0
	if i := strings.IndexByte(tok, '.'); i >= 0 {
		j := i + 1
		for j < len(tok) && tok[j] >= '0' && tok[j] <= '9' {
			j++
		}
		decimals = j - i - 1
	}
	p := math.Pow10(decimals)
	for _, want := range tokenValues(tok) {
		for _, v := range ns.values {
			// v is itself rounded (events.jsonl keeps 4 decimals), so a
			// printed 69.59 for an event's 69.585 is v to the decimals
			// printed: within half a unit of the last printed decimal.
			if math.Abs(v-want) <= 0.5/p+1e-9 || v == want {
				return true
			}
		}
	}
	return false
}
