package schedule

import (
	"errors"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzSeeds are the EventBridge page's examples (also docs/model.md §11
// and W-22), the special forms, and some near misses.
var fuzzSeeds = []string{
	"cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
	"cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)",
	"cron(0/30 20-2 ? * MON-FRI *)", "cron(0 12 * * ? *)", "cron(5,35 14 * * ? *)",
	"cron(15 10 ? * 6L 2019-2022)", "cron(0 0 LW * ? *)", "cron(0 9 1W * ? *)", "cron(0 8 ? * 3#2 *)",
	"cron(0 0 ? * L *)", "cron(*/13 */7 */9 */5 ? */2)", "cron(0 0 30 2 ? *)", "cron(0 0 1 1 ? 2199)",
	"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(1 day)", "rate(1 hours)", "rate(1 minutes)",
	"at(2024-03-10T12:00:30)", "at(2023-02-29T00:00:00)", "crn(0 10 * * ? *)", "cron(0 10 * * * *)",
	"cron(0 10 ? * 3#1,6#3 *)", "cron(75 10 * * ? *)", "cron(é) x", "",
}

// fuzzAnchor anchors rate schedules; fuzzStarts are where Next starts.
var (
	fuzzAnchor = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	fuzzStarts = []time.Time{
		time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), fuzzAnchor.Add(-time.Second),
		time.Date(2024, 2, 28, 23, 59, 30, 0, time.UTC), time.Date(2199, 12, 31, 23, 0, 0, 0, time.UTC),
	}
)

// FuzzParse checks that Parse never panics, that its errors are
// *SyntaxErrors with a column inside the expression, and that a valid
// schedule prints to an expression that parses back to the same schedule
// and whose Next moves strictly forward.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := Parse(expr, fuzzAnchor)
		if err != nil {
			checkSyntaxError(t, expr, err)
			return
		}
		again, err := Parse(s.String(), fuzzAnchor)
		if err != nil || !reflect.DeepEqual(s, again) {
			t.Fatalf("%q prints as %q, which parses to %v, %v", expr, s, again, err)
		}
		for _, from := range fuzzStarts {
			checkForward(t, s, from)
		}
	})
}

func checkSyntaxError(t *testing.T, expr string, err error) {
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q): %T %v, want a *SyntaxError", expr, err, err)
	}
	if se.Column < 1 || se.Column > max(utf8.RuneCountInString(expr)+1, maxLength+1) || se.Msg == "" {
		t.Fatalf("Parse(%q): bad error %q at column %d", expr, se.Msg, se.Column)
	}
}

// checkForward takes a few steps of Next from from.
func checkForward(t *testing.T, s Schedule, from time.Time) {
	prev := from
	for range 4 {
		next, ok := s.Next(prev)
		if !ok {
			return
		}
		if !next.After(prev) {
			t.Fatalf("%s: Next(%v) = %v, not after", s, prev, next)
		}
		prev = next
	}
}
