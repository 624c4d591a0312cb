package schedule

import (
	"slices"
	"testing"
	"time"
)

// Calendar facts the expectations below rest on (checked against a
// calendar): 2024-01-01 and 2024-01-08 are Mondays, 2024-01-05 is a Friday.

// utc returns y-mo-d h:mi UTC.
func utc(y, mo, d, h, mi int) time.Time {
	return time.Date(y, time.Month(mo), d, h, mi, 0, 0, time.UTC)
}

// mustParse parses expr with a fixed anchor or fails the test.
func mustParse(tb testing.TB, expr string) Schedule {
	tb.Helper()
	s, err := Parse(expr, utc(2024, 1, 1, 0, 0))
	if err != nil {
		tb.Fatalf("Parse(%q): %v", expr, err)
	}
	return s
}

// firings returns up to n successive firings after from, formatted as
// "2006-01-02 Mon 15:04", and "none" if the schedule ran out.
func firings(s Schedule, from time.Time, n int) []string {
	var out []string
	for range n {
		next, ok := s.Next(from)
		if !ok {
			return append(out, "none")
		}
		out = append(out, next.Format("2006-01-02 Mon 15:04"))
		from = next
	}
	return out
}

type seqCase struct {
	name string
	expr string
	from time.Time
	want []string
}

func runSeq(t *testing.T, cases []seqCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := firings(mustParse(t, tc.expr), tc.from, len(tc.want))
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s after %v:\n got  %q\n want %q", tc.expr, tc.from, got, tc.want)
			}
		})
	}
}

// TestEventBridgePageExamples runs every sample cron string of the
// EventBridge page (eb-create-rule-schedule.html, "Examples" table and the
// put-rule examples), also listed in docs/model.md §11.
func TestEventBridgePageExamples(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: Run at 10:00 am (UTC+0) every day", "cron(0 10 * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 10:00", "2024-01-02 Tue 10:00", "2024-01-03 Wed 10:00"}},
		{"page: Run at 12:15 pm (UTC+0) every day", "cron(15 12 * * ? *)", utc(2024, 1, 1, 12, 15),
			[]string{"2024-01-02 Tue 12:15", "2024-01-03 Wed 12:15"}},
		{"page: Run at 6:00 pm (UTC+0) every Monday through Friday", "cron(0 18 ? * MON-FRI *)",
			utc(2024, 1, 5, 19, 0), // Friday evening: the weekend is skipped
			[]string{"2024-01-08 Mon 18:00", "2024-01-09 Tue 18:00", "2024-01-10 Wed 18:00",
				"2024-01-11 Thu 18:00", "2024-01-12 Fri 18:00", "2024-01-15 Mon 18:00"}},
		{"page: Run at 8:00 am (UTC+0) every 1st day of the month", "cron(0 8 1 * ? *)", utc(2024, 1, 1, 8, 0),
			[]string{"2024-02-01 Thu 08:00", "2024-03-01 Fri 08:00", "2024-04-01 Mon 08:00"}},
		{"page: Run every 15 minutes (W-22: minutes 0,15,30,45)", "cron(0/15 * * * ? *)", utc(2024, 1, 1, 0, 7),
			[]string{"2024-01-01 Mon 00:15", "2024-01-01 Mon 00:30", "2024-01-01 Mon 00:45",
				"2024-01-01 Mon 01:00", "2024-01-01 Mon 01:15"}},
		{"page: Run every 10 minutes Monday through Friday", "cron(0/10 * ? * MON-FRI *)", utc(2024, 1, 5, 23, 45),
			[]string{"2024-01-05 Fri 23:50", "2024-01-08 Mon 00:00", "2024-01-08 Mon 00:10"}},
		{"page: Run every 5 minutes Monday through Friday between 8:00 am and 5:55 pm", "cron(0/5 8-17 ? * MON-FRI *)",
			utc(2024, 1, 8, 17, 50),
			[]string{"2024-01-08 Mon 17:55", "2024-01-09 Tue 08:00", "2024-01-09 Tue 08:05"}},
		{"page: Run every 5 minutes ... Friday 5:55 pm is followed by Monday 8:00 am", "cron(0/5 8-17 ? * MON-FRI *)",
			utc(2024, 1, 12, 17, 55), []string{"2024-01-15 Mon 08:00"}},
		{"page: * in day-of-week with ? in day-of-month is every day", "cron(0 12 ? * * *)", utc(2024, 1, 1, 12, 0),
			[]string{"2024-01-02 Tue 12:00", "2024-01-03 Wed 12:00"}},
		{"page: cron(0 12 * * ? *) runs every day at 12:00pm", "cron(0 12 * * ? *)", utc(2024, 1, 1, 12, 0),
			[]string{"2024-01-02 Tue 12:00", "2024-01-03 Wed 12:00"}},
		{"page: cron(5,35 14 * * ? *) runs every day at 2:05pm and 2:35pm", "cron(5,35 14 * * ? *)",
			utc(2024, 1, 1, 14, 5),
			[]string{"2024-01-01 Mon 14:35", "2024-01-02 Tue 14:05", "2024-01-02 Tue 14:35"}},
	})
}

// TestWrapAroundHours is the page's "0/30 20-2 ? * MON-FRI *": "Run every
// 30 minutes Monday through Friday between 10:00 pm on the starting day to
// 2:00 am on the following day". 20-2 wraps to 20-23 and 0-2, and every
// firing must itself fall on Monday-Friday: Friday night runs to 23:30,
// Saturday 00:00-02:30 does not fire, Monday 00:00-02:30 does. (The page's
// "10:00 pm" does not match the 20 in the expression; 20 is 8:00 pm.)
func TestWrapAroundHours(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: first 16 firings from Friday 19:00", "cron(0/30 20-2 ? * MON-FRI *)", utc(2024, 1, 5, 19, 0),
			[]string{"2024-01-05 Fri 20:00", "2024-01-05 Fri 20:30", "2024-01-05 Fri 21:00", "2024-01-05 Fri 21:30",
				"2024-01-05 Fri 22:00", "2024-01-05 Fri 22:30", "2024-01-05 Fri 23:00", "2024-01-05 Fri 23:30",
				"2024-01-08 Mon 00:00", "2024-01-08 Mon 00:30", "2024-01-08 Mon 01:00", "2024-01-08 Mon 01:30",
				"2024-01-08 Mon 02:00", "2024-01-08 Mon 02:30", "2024-01-08 Mon 20:00", "2024-01-08 Mon 20:30"}},
		{"wrapping weekday range FRI-MON", "cron(0 1 ? * FRI-MON *)", utc(2024, 1, 2, 0, 0), // a Tuesday
			[]string{"2024-01-05 Fri 01:00", "2024-01-06 Sat 01:00", "2024-01-07 Sun 01:00", "2024-01-08 Mon 01:00",
				"2024-01-12 Fri 01:00"}},
		{"wrapping month range NOV-FEB", "cron(0 0 1 NOV-FEB ? *)", utc(2024, 2, 1, 0, 0),
			[]string{"2024-11-01 Fri 00:00", "2024-12-01 Sun 00:00", "2025-01-01 Wed 00:00", "2025-02-01 Sat 00:00",
				"2025-11-01 Sat 00:00"}},
		{"wrapping day-of-month range 30-2", "cron(0 0 30-2 * ? *)", utc(2024, 1, 29, 0, 0),
			[]string{"2024-01-30 Tue 00:00", "2024-01-31 Wed 00:00", "2024-02-01 Thu 00:00", "2024-02-02 Fri 00:00",
				"2024-03-01 Fri 00:00"}}, // February 2024 has no 30th or 31st
		{"wrapping minute range with step 50-10/10", "cron(50-10/10 0 * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 00:10", "2024-01-01 Mon 00:50", "2024-01-02 Tue 00:00"}},
	})
}

// TestIncrements covers "/" as the page defines it: "1/10 to specify every
// tenth minute, starting from the first minute of the hour (for example,
// the 11th, 21st, and 31st minute, and so on)".
func TestIncrements(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: 1/10 is minutes 1, 11, 21, ...", "cron(1/10 * * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 00:01", "2024-01-01 Mon 00:11", "2024-01-01 Mon 00:21", "2024-01-01 Mon 00:31",
				"2024-01-01 Mon 00:41", "2024-01-01 Mon 00:51", "2024-01-01 Mon 01:01"}},
		{"*/20 starts at the field's lowest value", "cron(*/20 * * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 00:20", "2024-01-01 Mon 00:40", "2024-01-01 Mon 01:00"}},
		{"a-b/n stops at b", "cron(10-30/10 * * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 00:10", "2024-01-01 Mon 00:20", "2024-01-01 Mon 00:30", "2024-01-01 Mon 01:10"}},
		{"hours 0/6", "cron(0 0/6 * * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-01 Mon 06:00", "2024-01-01 Mon 12:00", "2024-01-01 Mon 18:00", "2024-01-02 Tue 00:00"}},
		{"day-of-month 1/15 is the 1st, 16th and 31st", "cron(0 0 1/15 * ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-16 Tue 00:00", "2024-01-31 Wed 00:00", "2024-02-01 Thu 00:00", "2024-02-16 Fri 00:00",
				"2024-03-01 Fri 00:00"}},
		{"month JAN/3 is quarterly", "cron(0 0 1 JAN/3 ? *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-04-01 Mon 00:00", "2024-07-01 Mon 00:00", "2024-10-01 Tue 00:00", "2025-01-01 Wed 00:00"}},
		{"year 2030/50", "cron(0 0 1 1 ? 2030/50)", utc(2024, 1, 1, 0, 0),
			[]string{"2030-01-01 Tue 00:00", "2080-01-01 Mon 00:00", "2130-01-01 Sun 00:00", "2180-01-01 Sat 00:00",
				"none"}},
	})
}

// TestYears covers the year field's 1970-2199 bounds (EventBridge page
// table) and the end of a schedule.
func TestYears(t *testing.T) {
	runSeq(t, []seqCase{
		{"before 1970 starts at 1970", "cron(0 0 1 1 ? *)", utc(1900, 6, 1, 0, 0),
			[]string{"1970-01-01 Thu 00:00", "1971-01-01 Fri 00:00"}},
		{"2199 is the last year", "cron(0 0 1 1 ? *)", utc(2198, 6, 1, 0, 0),
			[]string{"2199-01-01 Tue 00:00", "none"}},
		{"after 2199 there is nothing", "cron(* * * * ? *)", utc(2200, 1, 1, 0, 0), []string{"none"}},
		{"the last minute of 2199", "cron(* * * * ? *)", utc(2199, 12, 31, 23, 58),
			[]string{"2199-12-31 Tue 23:59", "none"}},
		{"a year list", "cron(0 0 1 1 ? 2025,2027)", utc(2024, 1, 1, 0, 0),
			[]string{"2025-01-01 Wed 00:00", "2027-01-01 Fri 00:00", "none"}},
		{"Feb 30 never fires", "cron(0 0 30 2 ? *)", utc(2024, 1, 1, 0, 0), []string{"none"}},
		{"Feb 29 fires in leap years only", "cron(0 12 29 FEB ? *)", utc(2024, 3, 1, 0, 0),
			[]string{"2028-02-29 Tue 12:00", "2032-02-29 Sun 12:00"}},
	})
}

// TestNextStrictlyAfter checks that Next skips the minute containing t and
// converts t to UTC.
func TestNextStrictlyAfter(t *testing.T) {
	s := mustParse(t, "cron(* * * * ? *)")
	cases := []struct {
		from, want time.Time
	}{
		{utc(2024, 1, 1, 10, 0), utc(2024, 1, 1, 10, 1)},
		{utc(2024, 1, 1, 10, 0).Add(time.Nanosecond), utc(2024, 1, 1, 10, 1)},
		{utc(2024, 1, 1, 10, 0).Add(59 * time.Second), utc(2024, 1, 1, 10, 1)},
		{utc(2024, 12, 31, 23, 59), utc(2025, 1, 1, 0, 0)},
		{time.Date(2024, 1, 1, 12, 0, 30, 0, time.FixedZone("UTC+2", 2*3600)), utc(2024, 1, 1, 10, 1)},
	}
	for _, tc := range cases {
		got, ok := s.Next(tc.from)
		if !ok || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("Next(%v) = %v, %v; want %v UTC", tc.from, got, ok, tc.want)
		}
	}
}

// TestNamesCaseInsensitive: names and L/W letters may be written in any
// case (Quartz upper-cases expressions; the AWS pages write upper case).
func TestNamesCaseInsensitive(t *testing.T) {
	from := utc(2024, 1, 1, 0, 0)
	for _, pair := range [][2]string{
		{"cron(0 18 ? * mon-Fri *)", "cron(0 18 ? * MON-FRI *)"},
		{"cron(0 0 1 jan,Jul ? *)", "cron(0 0 1 JAN,JUL ? *)"},
		{"cron(0 0 lw * ? *)", "cron(0 0 LW * ? *)"},
		{"cron(0 0 ? * 6l *)", "cron(0 0 ? * 6L *)"},
	} {
		a, b := mustParse(t, pair[0]), mustParse(t, pair[1])
		if a.String() != b.String() || !slices.Equal(firings(a, from, 5), firings(b, from, 5)) {
			t.Errorf("%s and %s differ", pair[0], pair[1])
		}
	}
}
