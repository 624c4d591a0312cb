package cql

import (
	"errors"
	"strings"
	"testing"
)

// TestSyntaxErrors checks each kind of error with its exact 1-based rune
// column and message (docs/model.md §5.5; operator and subject lists
// from the AWS cluster query language page).
func TestSyntaxErrors(t *testing.T) {
	const subj = " (accepted: " + acceptedSubjects + ")"
	const ops = " (accepted: " + acceptedOps + ")"
	const strOps = " (accepted: == (equals), != (not_equals), in, !in (not_in), =~ (matches), !~ (not_matches))"
	const deep = "expression nested too deeply (more than 32 levels of parentheses and not)"
	tests := []struct {
		name, src string
		col       int
		msg       string
	}{
		{"unknown operator", "attribute:ecs.instance-type => t2.small", 29, `unknown operator "=>"` + ops},
		{"operator run", "attribute:x===a", 12, `unknown operator "==="` + ops},
		{"missing operator before &&", "attribute:x &&attribute:y exists", 13, `missing operator after attribute:x, found "&&attribute:y"` + ops},
		{"unknown word operator", "attribute:x like a", 13, `unknown operator "like"` + ops},
		{"unknown subject", "atribute:x == 1", 1, `unknown subject "atribute:x"` + subj},
		{"subject is case-sensitive", "AgentConnected == true", 1, `unknown subject "AgentConnected"` + subj},
		{"no subject", "== a", 1, `expected a subject, found "=="` + subj},
		{"no subject after and", "attribute:x == a and", 21, "expected a subject, found end of expression" + subj},
		{"empty parentheses", "()", 2, `expected a subject, found ")"` + subj},
		{"empty attribute name", "attribute: == a", 11, `invalid attribute name "" (1 to 128 letters, digits, -, _, /, \ or .)`},
		{"bad attribute name", "attribute:a:b == a", 11, `invalid attribute name "a:b" (1 to 128 letters, digits, -, _, /, \ or .)`},
		{"long attribute name", "attribute:" + strings.Repeat("n", 129) + " exists", 11,
			`invalid attribute name "` + strings.Repeat("n", 129) + `" (1 to 128 letters, digits, -, _, /, \ or .)`},
		{"missing operator", "attribute:x", 12, "missing operator after attribute:x, found end of expression" + ops},
		{"operator not valid for agentConnected", "agentConnected > 1", 16,
			`operator ">" is not valid for agentConnected` + strOps},
		{"operator not valid for ec2InstanceId (alias)", "ec2InstanceId greater_than i", 15,
			`operator "greater_than" is not valid for ec2InstanceId` + strOps},
		{"operator not valid for agentVersion", "agentVersion in [1.0]", 14,
			`operator "in" is not valid for agentVersion (accepted: == (equals), != (not_equals), > (greater_than), >= (greater_than_equal), < (less_than), <= (less_than_equal))`},
		{"operator not valid for task:group", "task:group exists", 12,
			`operator "exists" is not valid for task:group (accepted: == (equals), != (not_equals), in, !in (not_in))`},
		{"empty expression", "", 1, "empty expression"},
		{"blank expression", "  \t ", 1, "empty expression"},
		{"unterminated single quote", "attribute:x == 'abc", 16, "unterminated quoted string (missing closing single quote)"},
		{"unterminated double quote", `attribute:x in ["a", "b]`, 22, "unterminated quoted string (missing closing double quote)"},
		{"unterminated list", "attribute:x in [a, b", 16, `unterminated argument list (missing "]")`},
		{"unterminated list after comma", "attribute:x in [a,", 16, `unterminated argument list (missing "]")`},
		{"empty list", "attribute:x in []", 16, "empty argument list"},
		{"missing list item", "attribute:x in [a,,b]", 19, `missing value before "," in argument list`},
		{"trailing comma", "attribute:x in [a,]", 19, `missing value before "]" in argument list`},
		{"missing list separator", "attribute:x in [a b]", 19, `expected "," or "]" in argument list, found "b"`},
		{"nested list", "attribute:x in [[a]]", 17, "nested argument lists are not allowed"},
		{"in without list", "attribute:x in a", 16, `operator in expects an argument list such as [a, b], found "a"`},
		{"list for ==", "attribute:x == [a]", 16, "operator == expects a single value, not an argument list"},
		{"missing argument", "attribute:x ==", 15, "missing argument for operator ==, found end of expression"},
		{"parenthesised argument", "attribute:x == (a)", 16, `missing argument for operator ==, found "("`},
		{"unclosed parenthesis", "(attribute:x == a", 1, `unclosed parenthesis (missing ")")`},
		{"unclosed inner parenthesis", "attribute:x exists and (agentConnected == true", 24, `unclosed parenthesis (missing ")")`},
		{"unbalanced )", "attribute:x == a)", 17, `unexpected ")" without matching "("`},
		{"junk inside parentheses", "(attribute:x == a b)", 19, `unexpected "b" (expected and, &&, or, || or ")")`},
		{"trailing input", "attribute:x == a b", 18, `unexpected "b" after expression (expected and, &&, or, || or end of expression)`},
		{"upper-case AND", "attribute:x == a AND attribute:y == b", 18, `unexpected "AND" after expression (expected and, &&, or, || or end of expression)`},
		{"argument after exists", "attribute:x exists yes", 20, `unexpected "yes" after expression (expected and, &&, or, || or end of expression)`},
		{"bad regex", "attribute:x =~ '('", 16, "invalid regular expression \"(\": error parsing regexp: missing closing ): `(`"},
		{"Java-only regex (lookahead)", "attribute:x =~ '(?=x)'", 16,
			"invalid regular expression \"(?=x)\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`"},
		{"bad regex in list-free not_matches", "ec2InstanceId !~ a**", 18,
			"invalid regular expression \"a**\": error parsing regexp: invalid nested repetition operator: `**`"},
		{"bad date", "registeredAt < 2018-13-01", 16,
			`invalid registeredAt date "2018-13-01" (accepted formats: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28, 2018-06-18)`},
		{"bad version", "agentVersion < 1.x", 16, `invalid agentVersion "1.x" (expected a dotted version such as 1.14.5)`},
		{"bad count", "runningTasksCount > many", 21, `invalid runningTasksCount "many" (expected an integer)`},
		{"33 nested parentheses", strings.Repeat("(", 33) + "attribute:x exists" + strings.Repeat(")", 33), 33, deep},
		{"100 nested parentheses", strings.Repeat("(", 100) + "attribute:x exists" + strings.Repeat(")", 100), 33, deep},
		{"40 nested nots", strings.Repeat("not ", 40) + "attribute:x exists", 129, deep},
		{"too long", "attribute:x == " + strings.Repeat("a", 1986), 2001, "expression is 2001 characters long; the maximum is 2000"},
		{"rune columns", "attribute:x == é b", 18, `unexpected "b" after expression (expected and, &&, or, || or end of expression)`},
		{"invalid UTF-8", "attribute:x == é\xff", 17, "invalid UTF-8 in expression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.src)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want an error", tt.src, e)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			if se.Column != tt.col || se.Msg != tt.msg {
				t.Errorf("Parse(%q):\n got column %d: %s\nwant column %d: %s", tt.src, se.Column, se.Msg, tt.col, tt.msg)
			}
		})
	}
}

// TestSyntaxErrorString checks the "column N: msg" format.
func TestSyntaxErrorString(t *testing.T) {
	_, err := Parse("atribute:x == 1")
	want := "column 1: unknown subject \"atribute:x\" (accepted: agentConnected, agentVersion, " +
		"attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount, task:group)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestLimits checks the accepted edges: exactly 2000 characters (the ECS
// expression limit) and exactly 32 nested parentheses.
func TestLimits(t *testing.T) {
	ok := []string{
		"attribute:x == " + strings.Repeat("a", 1985),
		strings.Repeat("(", 32) + "attribute:x exists" + strings.Repeat(")", 32),
		strings.Repeat("not ", 32) + "attribute:x exists",
		"attribute:" + strings.Repeat("n", 128) + " exists",
	}
	for _, src := range ok {
		if _, err := Parse(src); err != nil {
			t.Errorf("Parse(%.40q...): %v", src, err)
		}
	}
}
