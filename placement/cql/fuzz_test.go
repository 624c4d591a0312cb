package cql

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that errors are *SyntaxError
// with a column inside the input, and that successful parses round-trip
// through String and evaluate without panicking. Seeds are the AWS page
// examples (docs/model.md §5.5) and some error cases.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"attribute:ecs.instance-type == t2.small",
		"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
		"attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
		"task:group == service:production",
		"not(task:group == database)",
		"runningTasksCount == 1",
		"agentVersion < 1.14.5",
		"registeredAt < 2018-02-13",
		"ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
		"attribute:stack != prod",
		"attribute:ecs.instance-type in [t2.small, t2.medium]",
		"(attribute:a exists || agentConnected equals true) && !(registeredAt >= 2018-06-18T22:28:28+00:00)",
		`attribute:x =~ '(t2|m5)\..*' or attribute:y not_in ["it's", 'b']`,
		"attribute:cores > 9.5 and agentVersion != 1.2.3.4",
		"((((attribute:x exists))))",
		"attribute:ecs.instance-type => t2.small",
		"attribute:x in [a, b",
		"attribute:x == 'abc",
		"",
	}
	// Near the 2000-character limit, where String needs the compact layout.
	seeds = append(seeds, strings.Repeat("attribute:x==a&&!task:group==b||", 60)+"agentConnected==true")
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			checkSyntaxError(t, src, err)
			return
		}
		checkMatchers(t, src, &e.root)
		checkCompact(t, src, e)
		s := e.String()
		again, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not re-parse: %v", src, s, err)
		}
		if again.String() != s {
			t.Fatalf("round trip: %q -> %q -> %q", src, s, again.String())
		}
		if again.Static() != e.Static() {
			t.Fatalf("round trip of %q changes Static", src)
		}
		for _, in := range fleet {
			if e.Eval(in) != again.Eval(in) {
				t.Fatalf("round trip of %q changes Eval", src)
			}
		}
	})
}

func checkSyntaxError(t *testing.T, src string, err error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q): error %T is not a *SyntaxError", src, err)
	}
	if n := utf8.RuneCountInString(src); se.Column < 1 || se.Column > n+1 {
		t.Fatalf("Parse(%q): column %d outside 1..%d", src, se.Column, n+1)
	}
	if se.Msg == "" {
		t.Fatalf("Parse(%q): empty message", src)
	}
}
