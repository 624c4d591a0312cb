package cql

import "testing"

// The fleet (fake_test.go) is, in order: t2small, g2us1d, g2us1b, m5large.
// Expectations are one character per instance, '1' = selected.

// TestAWSExamples evaluates every example expression of the AWS page
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
// ("Example expressions") and of the attribute / constraint examples of
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html
// (docs/model.md §5.5), with expectations derived by hand.
func TestAWSExamples(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// cluster-query-language page.
		{"String Equality", "attribute:ecs.instance-type == t2.small", "1..."},
		{"Argument List", "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", "1.1."},
		{"Compound Expression: G2 not in us-east-1d",
			"attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d", "..1."},
		{"Task Affinity", "task:group == service:production", "1..."},
		{"Task Anti-Affinity", "not(task:group == database)", "1.1."},
		{"Running task count", "runningTasksCount == 1", "1..."},
		{"Agent version below 1.14.5", "agentVersion < 1.14.5", "1..."},
		{"Registered before February 13, 2018", "registeredAt < 2018-02-13", "1..."},
		{"Amazon EC2 instance ID", "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", "11.."},
		{"precedence with parentheses (syntax section)",
			"(attribute:stack == prod or runningTasksCount == 0) and agentConnected == true", "1.11"},
		// task-placement-constraints page: filtering by attribute.
		{"Built-in attribute", "attribute:ecs.instance-type == g2.2xlarge", ".1.."},
		{"Custom attribute", "attribute:stack == prod", "1..1"},
		{"Exclude an attribute value (instances with stack unless prod)",
			"attribute:stack != prod", ".1.."},
		{"Multiple attribute values", "attribute:ecs.instance-type in [t2.small, t2.medium]", "1..."},
		{"Multiple attributes",
			"attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a", "1..."},
		// task-placement-constraints page: example constraints.
		{"memberOf T2 instances", "attribute:ecs.instance-type =~ t2.*", "1..."},
		{"memberOf databases group", "task:group == databases", "...."},
		{"memberOf daemon service group", "task:group == service:daemon-service", "...."},
	}
	// canonOf holds the canonical forms that differ from the doc's spelling.
	canonOf := map[string]string{
		"ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']": "ec2InstanceId in [i-abcd1234, i-wxyx7890]",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if got := selected(e); got != tt.want {
				t.Errorf("%q selects %s, want %s", tt.src, got, tt.want)
			}
			canon := tt.src
			if c, ok := canonOf[tt.src]; ok {
				canon = c
			}
			if e.String() != canon {
				t.Errorf("String() = %q, want %q", e.String(), canon)
			}
		})
	}
}
