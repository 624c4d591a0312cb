package cql

import (
	"slices"
	"testing"
)

// TestString checks the canonical form and that it re-parses to itself
// (docs/model.md §5.5 syntax: aliases, && || !, parentheses, quotes).
func TestString(t *testing.T) {
	tests := []struct{ src, want string }{
		{"attribute:ecs.instance-type equals t2.small", "attribute:ecs.instance-type == t2.small"},
		{"attribute:ecs.instance-type==t2.small", "attribute:ecs.instance-type == t2.small"},
		{"not(task:group == database)", "not(task:group == database)"},
		{"!task:group==database", "not(task:group == database)"},
		{"not not task:group == database", "not(not(task:group == database))"},
		{"ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", "ec2InstanceId in [i-abcd1234, i-wxyx7890]"},
		{"ec2InstanceId not_in [ a ,b ]", "ec2InstanceId !in [a, b]"},
		{"attribute:s not_exists", "attribute:s !exists"},
		{"attribute:s matches a.* || attribute:s not_matches b.*", "attribute:s =~ a.* or attribute:s !~ b.*"},
		{"agentVersion greater_than_equal 1.2 && agentVersion less_than_equal 1.3",
			"agentVersion >= 1.2 and agentVersion <= 1.3"},
		{"runningTasksCount greater_than 1 or runningTasksCount less_than 9 or runningTasksCount not_equals 4",
			"runningTasksCount > 1 or runningTasksCount < 9 or runningTasksCount != 4"},
		{"(attribute:a exists or attribute:b exists) and attribute:c exists",
			"(attribute:a exists or attribute:b exists) and attribute:c exists"},
		{"attribute:a exists or (attribute:b exists and attribute:c exists)",
			"attribute:a exists or attribute:b exists and attribute:c exists"},
		{"((attribute:a exists))", "attribute:a exists"},
		{"attribute:a exists and (attribute:b exists and attribute:c exists)",
			"attribute:a exists and attribute:b exists and attribute:c exists"},
		{"not(attribute:a exists or attribute:b exists)", "not(attribute:a exists or attribute:b exists)"},
		{`attribute:x =~ '(t2|m5)\..*'`, `attribute:x =~ '(t2|m5)\..*'`},
		{`attribute:x == "it's"`, `attribute:x == "it's"`},
		{`attribute:x == 'say "hi"'`, `attribute:x == 'say "hi"'`},
		{`attribute:x == ''`, `attribute:x == ''`},
		{`attribute:x == 'a b'`, `attribute:x == 'a b'`},
		{`attribute:x == 'a&&b'`, `attribute:x == 'a&&b'`},
		{`attribute:x == 'and'`, `attribute:x == and`},
		{`attribute:x in ['a,b', "]"]`, `attribute:x in ['a,b', ']']`},
		{"attribute:x == a&b|c", "attribute:x == a&b|c"},
		{"attribute:x==a&&attribute:y!=b||runningTasksCount<=3",
			"attribute:x == a and attribute:y != b or runningTasksCount <= 3"},
		{"attribute:x == =a", "attribute:x == =a"},
		{"attribute:s exists&&attribute:t not_exists||attribute:u!exists",
			"attribute:s exists and attribute:t !exists or attribute:u !exists"},
		{"attribute:x=='a|'||attribute:y in['a&']&&attribute:z==b|",
			"attribute:x == a| or attribute:y in [a&] and attribute:z == b|"},
		{"registeredAt < '2018-06-18T22:28:28+00:00'", "registeredAt < 2018-06-18T22:28:28+00:00"},
		{"attribute:a\\b/c_d-e.f exists", "attribute:a\\b/c_d-e.f exists"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := e.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
		}
		again, err := Parse(e.String())
		if err != nil || again.String() != e.String() {
			t.Errorf("round trip of %q: %v, %q", e.String(), err, again)
		}
		if selected(again) != selected(e) {
			t.Errorf("round trip of %q changes the selection", tt.src)
		}
	}
}

// TestStaticAndTaskGroups checks Static (depends only on attributes,
// ec2InstanceId, agentVersion, registeredAt) and TaskGroups.
func TestStaticAndTaskGroups(t *testing.T) {
	tests := []struct {
		src    string
		static bool
		groups []string
	}{
		{"attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d", true, nil},
		{"ec2InstanceId in [a, b] or agentVersion < 1.14.5 or registeredAt < 2018-02-13", true, nil},
		{"agentConnected == true", false, nil},
		{"attribute:a exists and runningTasksCount == 1", false, nil},
		{"task:group == service:production", false, []string{"service:production"}},
		{"not(task:group == database)", false, []string{"database"}},
		{"task:group in [web, db, web] or task:group != cache and task:group not_in ['db', '']",
			false, []string{"", "cache", "db", "web"}},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if e.Static() != tt.static {
			t.Errorf("%q: Static() = %v, want %v", tt.src, e.Static(), tt.static)
		}
		got := e.TaskGroups()
		if !slices.Equal(got, tt.groups) {
			t.Errorf("%q: TaskGroups() = %q, want %q", tt.src, got, tt.groups)
		}
		if len(got) > 0 {
			got[0] = "mutated"
			if e.TaskGroups()[0] == "mutated" {
				t.Errorf("TaskGroups shares its slice with the Expr")
			}
		}
	}
}

// TestNilExpr checks that a nil *Expr is inert.
func TestNilExpr(t *testing.T) {
	var e *Expr
	if e.Eval(t2small) || e.String() != "" || e.Static() || e.TaskGroups() != nil {
		t.Error("nil *Expr is not inert")
	}
}
