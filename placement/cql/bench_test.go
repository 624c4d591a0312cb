package cql

import "testing"

// BenchmarkEval measures Eval on the AWS page's compound example shape
// (docs/model.md §5.5); the target is 0 allocations per call.
func BenchmarkEval(b *testing.B) {
	e, err := Parse("attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone != us-east-1d")
	if err != nil {
		b.Fatal(err)
	}
	in := &fake{attrs: map[string]string{
		"ecs.instance-type": "m5.large", "ecs.availability-zone": "us-east-1a"}}
	if !e.Eval(in) {
		b.Fatal("expression should select the instance")
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Eval(in)
	}
}

// BenchmarkEvalMixed covers the other subjects: version, time, count,
// task groups and a large list.
func BenchmarkEvalMixed(b *testing.B) {
	e, err := Parse("agentVersion >= 1.14.5 and registeredAt > 2018-02-13 and runningTasksCount < 10 " +
		"and not(task:group == database) and ec2InstanceId !in [a, b, c, d, e, f, g, h, i]")
	if err != nil {
		b.Fatal(err)
	}
	if !e.Eval(g2us1b) {
		b.Fatal("expression should select g2us1b")
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Eval(g2us1b)
	}
}

// TestEvalAllocs enforces the zero-allocation target of Eval.
func TestEvalAllocs(t *testing.T) {
	e, err := Parse("attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone != us-east-1d " +
		"and agentVersion >= 1.14.5 and attribute:cores > 2 and registeredAt > 2018-02-13 " +
		"and not(task:group == database) and ec2InstanceId !in [a, b, c, d, e, f, g, h, i]")
	if err != nil {
		t.Fatal(err)
	}
	in := &fake{attrs: map[string]string{"ecs.instance-type": "m5.large",
		"ecs.availability-zone": "us-east-1a", "cores": "4"},
		version: "1.20.0", registered: date("2019-01-01T00:00:00Z")}
	if !e.Eval(in) {
		t.Fatal("expression should select the instance")
	}
	if n := testing.AllocsPerRun(100, func() { e.Eval(in) }); n != 0 {
		t.Errorf("Eval allocates %v times per call, want 0", n)
	}
}
