package schedule

import (
	"testing"
	"time"
)

// TestRate: "A rate expression starts when you create the scheduled event
// rule, and then it runs on a defined schedule" (EventBridge page); "A
// rate-based schedule starts after the start date you specify" (Scheduler
// page). The first firing is one period after the anchor, then every
// period; the anchor's seconds are kept.
func TestRate(t *testing.T) {
	anchor := time.Date(2024, 1, 1, 10, 30, 15, 0, time.UTC)
	cases := []struct {
		name string
		expr string
		from time.Time
		want []string
	}{
		{"W-22 / page: rate(5 minutes) from the anchor", "rate(5 minutes)", anchor,
			[]string{"2024-01-01 10:35:15", "2024-01-01 10:40:15", "2024-01-01 10:45:15"}},
		{"page: rate(5 minutes) from between firings", "rate(5 minutes)", anchor.Add(7 * time.Minute),
			[]string{"2024-01-01 10:40:15", "2024-01-01 10:45:15"}},
		{"page: rate(5 minutes) from exactly a firing", "rate(5 minutes)", anchor.Add(10 * time.Minute),
			[]string{"2024-01-01 10:45:15"}},
		{"page: rate(5 minutes) from before the anchor", "rate(5 minutes)", anchor.Add(-time.Hour),
			[]string{"2024-01-01 10:35:15", "2024-01-01 10:40:15"}},
		{"page: rate(1 minute)", "rate(1 minute)", anchor, []string{"2024-01-01 10:31:15", "2024-01-01 10:32:15"}},
		{"page: rate(1 hour)", "rate(1 hour)", anchor, []string{"2024-01-01 11:30:15", "2024-01-01 12:30:15", "2024-01-01 13:30:15"}},
		{"page: rate(1 day)", "rate(1 day)", anchor, []string{"2024-01-02 10:30:15", "2024-01-03 10:30:15"}},
		{"rate(7 days)", "rate(7 days)", anchor, []string{"2024-01-08 10:30:15", "2024-01-15 10:30:15"}},
		{"rate(5 minutes) a year later", "rate(5 minutes)", anchor.AddDate(1, 0, 0).Add(time.Second),
			[]string{"2025-01-01 10:35:15"}}, // 366 days = 105408 periods of 5 minutes: 10:30:15 is a firing
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.expr, anchor)
			if err != nil {
				t.Fatal(err)
			}
			from := tc.from
			for _, w := range tc.want {
				got, ok := s.Next(from)
				if !ok || got.Format("2006-01-02 15:04:05") != w {
					t.Fatalf("Next(%v) = %v, %v; want %s", from, got, ok, w)
				}
				from = got
			}
		})
	}
}

// TestRateSubSecondAnchor keeps the anchor's nanoseconds and stays strictly
// after t when t and the anchor differ only below a second.
func TestRateSubSecondAnchor(t *testing.T) {
	anchor := time.Date(2024, 1, 1, 0, 0, 0, 500, time.UTC)
	s, err := Parse("rate(1 minute)", anchor)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, want time.Time }{
		{anchor.Add(time.Minute - 1), anchor.Add(time.Minute)},
		{anchor.Add(time.Minute), anchor.Add(2 * time.Minute)},
		{anchor.Add(time.Minute + 1), anchor.Add(2 * time.Minute)},
		{anchor.Add(-1), anchor.Add(time.Minute)},
	} {
		if got, ok := s.Next(c.from); !ok || !got.Equal(c.want) {
			t.Errorf("Next(%v) = %v, %v; want %v", c.from, got, ok, c.want)
		}
	}
}

// TestAt: "A one-time schedule is a schedule that invokes a target only
// once" (Scheduler page, at(yyyy-mm-ddThh:mm:ss)).
func TestAt(t *testing.T) {
	s := mustParse(t, "at(2024-03-10T12:00:30)")
	when := time.Date(2024, 3, 10, 12, 0, 30, 0, time.UTC)
	if got, ok := s.Next(when.Add(-time.Hour)); !ok || !got.Equal(when) {
		t.Errorf("Next before = %v, %v; want %v", got, ok, when)
	}
	for _, from := range []time.Time{when, when.Add(time.Second)} {
		if got, ok := s.Next(from); ok {
			t.Errorf("Next(%v) = %v, want none (the at() is in the past)", from, got)
		}
	}
	if leap := mustParse(t, "at(2024-02-29T00:00:00)"); leap.String() != "at(2024-02-29T00:00:00)" {
		t.Errorf("leap day: %s", leap)
	}
}
