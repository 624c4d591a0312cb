package cql

import "testing"

// The fleet (fake_test.go) is, in order: t2small, g2us1d, g2us1b, m5large.
//
//	             t2small      g2us1d              g2us1b       m5large
//	type         t2.small     g2.2xlarge          g2.8xlarge   m5.large
//	zone         us-east-1a   us-east-1d          us-east-1b   us-east-1c
//	stack        prod         dev                 (missing)    prod
//	cores        8            16                  9.5          abc
//	id           i-abcd1234   i-wxyx7890          i-00000001   i-m5
//	connected    true         false               true         true
//	agent        1.9.0        1.14.5              1.20.1       unknown
//	registered   2018-01-10   2018-02-13T00:00Z   2018-06-18   2019-03-01
//	running      1            2                   0            5
//	groups       service:production  database, family:batch  -  database

// evalCase is an expression and the fleet instances it selects.
type evalCase struct{ src, want string }

func runEval(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := selected(e); got != tt.want {
			t.Errorf("%q selects %s, want %s", tt.src, got, tt.want)
		}
	}
}

// TestAttributeOperators covers every operator and alias of the AWS operator
// table on attribute:<name>, which accepts them all (docs/model.md §5.5).
func TestAttributeOperators(t *testing.T) {
	runEval(t, []evalCase{
		{"attribute:stack == prod", "1..1"},
		{"attribute:stack equals prod", "1..1"},
		// A missing attribute fails != (AWS: "instances with the custom
		// attribute "stack" unless the attribute value is "prod"").
		{"attribute:stack != prod", ".1.."},
		{"attribute:stack not_equals prod", ".1.."},
		{"attribute:stack exists", "11.1"},
		{"attribute:stack !exists", "..1."},
		{"attribute:stack not_exists", "..1."},
		{"attribute:stack in [prod, qa]", "1..1"},
		{"attribute:stack !in [prod, qa]", ".1.."},
		{"attribute:stack not_in [prod, qa]", ".1.."},
		{"attribute:stack =~ p.*", "1..1"},
		{"attribute:stack matches 'd.v'", ".1.."},
		{"attribute:stack !~ p.*", ".1.."},
		{"attribute:stack not_matches p.*", ".1.."},
		// Ordering: numeric when both sides are numbers, else lexical
		// ("abc" > "9" and "abc" >= "16" byte-wise).
		{"attribute:cores > 9", ".111"},
		{"attribute:cores greater_than 9", ".111"},
		{"attribute:cores >= 16", ".1.1"},
		{"attribute:cores greater_than_equal 16", ".1.1"},
		{"attribute:cores < 10", "1.1."},
		{"attribute:cores less_than 10", "1.1."},
		{"attribute:cores <= 8", "1..."},
		{"attribute:cores less_than_equal 8", "1..."},
		{"attribute:cores == 8.0", "...."}, // == is string equality
		{"attribute:cores >= 8.0 and attribute:cores <= 8.0", "1..."},
		{"attribute:ecs.instance-type < m", ".11."},
		{"attribute:nope > 0", "...."},
		{"attribute:nope < zzz", "...."},
	})
}

// TestRegexWholeMatch checks that =~ must match the whole value, as Java's
// String.matches does (doc.go), and that quoted patterns work.
func TestRegexWholeMatch(t *testing.T) {
	runEval(t, []evalCase{
		{"attribute:ecs.instance-type =~ g2", "...."},
		{"attribute:ecs.instance-type =~ 2xlarge", "...."},
		{"attribute:ecs.instance-type =~ .*2xlarge", ".1.."},
		{`attribute:ecs.instance-type =~ 'g2\..*'`, ".11."},
		{`attribute:ecs.instance-type matches "(t2|m5)\..*"`, "1..1"},
		{`attribute:ecs.instance-type =~ '\Qt2.small'`, "1..."},
		{"attribute:ecs.instance-type =~ '(?i)T2.SMALL'", "1..."},
	})
}

// TestStringSubjects covers agentConnected and ec2InstanceId, whose valid
// operators are "equals (==), not_equals (!=), in, not_in (!in), matches
// (=~), not_matches (!~)" (AWS page).
func TestStringSubjects(t *testing.T) {
	runEval(t, []evalCase{
		{"agentConnected == true", "1.11"},
		{"agentConnected equals false", ".1.."},
		{"agentConnected != true", ".1.."},
		{"agentConnected in [false]", ".1.."},
		{"agentConnected not_in [true]", ".1.."},
		{"agentConnected =~ f.*", ".1.."},
		{"agentConnected !~ t.*", ".1.."},
		{"ec2InstanceId == i-m5", "...1"},
		{"ec2InstanceId not_equals i-m5", "111."},
		{"ec2InstanceId !in ['i-abcd1234', \"i-wxyx7890\"]", "..11"},
		{"ec2InstanceId =~ 'i-[0-9]+'", "..1."},
		{"ec2InstanceId not_matches 'i-[0-9]+'", "11.1"},
		{"ec2InstanceId in [a, b, c, d, e, f, g, i-m5, h]", "...1"}, // map lookup
	})
}

// TestOrderedSubjects covers agentVersion, registeredAt and
// runningTasksCount: "equals (==), not_equals (!=), greater_than (>),
// greater_than_equal (>=), less_than (<), less_than_equal (<=)" (AWS page).
func TestOrderedSubjects(t *testing.T) {
	runEval(t, []evalCase{
		// agentVersion compares as a dotted version; "unknown" matches nothing.
		{"agentVersion == 1.14.5", ".1.."},
		{"agentVersion == 1.14.5.0", ".1.."},
		{"agentVersion != 1.14.5", "1.1."},
		{"agentVersion > 1.14.5", "..1."},
		{"agentVersion >= 1.14.5", ".11."},
		{"agentVersion <= 1.14.5", "11.."},
		{"agentVersion less_than 1.10", "1..."},
		// registeredAt: the four "Valid date formats".
		{"registeredAt == 2018-06-18T22:28:28+00:00", "..1."},
		{"registeredAt == 2018-06-18T22:28:28Z", "..1."},
		{"registeredAt == 2018-06-18T22:28:28", "..1."},
		{"registeredAt == 2018-06-18T23:28:28+01:00", "..1."},
		{"registeredAt == 2018-02-13", ".1.."},
		{"registeredAt != 2018-02-13", "1.11"},
		{"registeredAt >= 2018-02-13", ".111"},
		{"registeredAt > 2018-02-13", "..11"},
		{"registeredAt <= 2018-02-13", "11.."},
		{"registeredAt greater_than 2019-03-01T11:59:59+02:00", "...1"},
		// runningTasksCount: 1, 2, 0, 5.
		{"runningTasksCount == 0", "..1."},
		{"runningTasksCount != 1", ".111"},
		{"runningTasksCount > 1", ".1.1"},
		{"runningTasksCount >= 2", ".1.1"},
		{"runningTasksCount < 2", "1.1."},
		{"runningTasksCount less_than_equal 0", "..1."},
	})
}

// TestTaskGroup covers task:group: == is affinity ("instances that are
// hosting tasks in the service:production group"), != and not_in are the
// negations of == and in (anti-affinity, like the AWS page's
// not(task:group == database)).
func TestTaskGroup(t *testing.T) {
	runEval(t, []evalCase{
		{"task:group == database", ".1.1"},
		{"task:group equals database", ".1.1"},
		{"task:group != database", "1.1."},
		{"task:group not_equals database", "1.1."},
		{"not(task:group == database)", "1.1."},
		{"task:group in [database, service:production]", "11.1"},
		{"task:group not_in [database, service:production]", "..1."},
		{"task:group !in [family:batch]", "1.11"},
	})
}

// TestPrecedence checks that not binds tighter than and, and tighter than
// or, and that parentheses override (AWS page: "You can specify precedence
// using parentheses"). A = stack==prod (1..1), B = running==0 (..1.),
// C = agentConnected==false (.1..).
func TestPrecedence(t *testing.T) {
	const a, b, c = "attribute:stack == prod", "runningTasksCount == 0", "agentConnected == false"
	runEval(t, []evalCase{
		{a + " or " + b + " and " + c, "1..1"}, // A or (B and C)
		{a + " || " + b + " && " + c, "1..1"},
		{b + " and " + c + " or " + a, "1..1"},
		{"(" + a + " or " + b + ") and " + c, "...."},
		{"not " + a + " and " + b, "..1."}, // (not A) and B
		{"not(" + a + " and " + b + ")", "1111"},
		{"! " + a + " or " + b, ".11."}, // (not A) or B
		{"!(" + a + " or " + b + ")", ".1.."},
		{"not not " + a, "1..1"},
		{"!(!(" + a + "))", "1..1"},
		{"((" + a + "))", "1..1"},
		{a + " and (" + b + " or " + c + ")", "...."},
		{"(" + a + ") or (" + b + ") or (" + c + ")", "1111"},
	})
}
