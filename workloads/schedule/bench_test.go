package schedule

import (
	"testing"
	"time"
)

// BenchmarkNextEveryMinute steps cron(* * * * ? *) one firing at a time,
// as a simulation does, and checks every answer.
func BenchmarkNextEveryMinute(b *testing.B) {
	s := mustParse(b, "cron(* * * * ? *)")
	start := utc(2024, 1, 1, 0, 0)
	t := start
	for b.Loop() {
		next, ok := s.Next(t)
		if !ok || next.Sub(t) != time.Minute {
			b.Fatalf("Next(%v) = %v, %v", t, next, ok)
		}
		if t = next; t.Year() > 2190 {
			t = start
		}
	}
}

// BenchmarkNextLastFriday steps a sparse schedule with a day rule.
func BenchmarkNextLastFriday(b *testing.B) {
	s := mustParse(b, "cron(15 10 ? * 6L *)")
	start := utc(2024, 1, 1, 0, 0)
	t := start
	for b.Loop() {
		next, ok := s.Next(t)
		if !ok || next.Weekday() != time.Friday {
			b.Fatalf("Next(%v) = %v, %v", t, next, ok)
		}
		if t = next; t.Year() > 2190 {
			t = start
		}
	}
}

// BenchmarkNextNever is the worst case: Feb 30 is searched for up to 2199.
func BenchmarkNextNever(b *testing.B) {
	s := mustParse(b, "cron(0 0 30 2 ? *)")
	t := utc(1970, 1, 1, 0, 0)
	for b.Loop() {
		if next, ok := s.Next(t); ok {
			b.Fatalf("Next = %v", next)
		}
	}
}

// BenchmarkParse parses the EventBridge page's examples.
func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		for _, expr := range fuzzSeeds[:10] {
			if _, err := Parse(expr, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
