package schedule

import (
	"testing"
)

// Calendar facts for this file (checked against a calendar): 2022-01-01,
// 2022-01-15 and 2022-04-30 are Saturdays; 2022-05-01, 2022-05-15 and
// 2022-07-31 are Sundays; 2022-02-15 is a Tuesday; 2019-01-01 is a Tuesday;
// 2022-12-01 is a Thursday; 2024 and 2000 are leap years, 2023 and 2100 are
// not.

// TestLastFriday is W-22 and the EventBridge page's "cron(15 10 ? * 6L
// 2019-2022)": "runs at 10:15am UTC+0 on the last Friday of each month
// during the years 2019 to 2022".
func TestLastFriday(t *testing.T) {
	runSeq(t, []seqCase{
		{"W-22 / page: first 10 firings", "cron(15 10 ? * 6L 2019-2022)", utc(2018, 6, 1, 0, 0),
			[]string{"2019-01-25 Fri 10:15", "2019-02-22 Fri 10:15", "2019-03-29 Fri 10:15", "2019-04-26 Fri 10:15",
				"2019-05-31 Fri 10:15", "2019-06-28 Fri 10:15", "2019-07-26 Fri 10:15", "2019-08-30 Fri 10:15",
				"2019-09-27 Fri 10:15", "2019-10-25 Fri 10:15"}},
		{"W-22 / page: the last firing is 2022-12-30", "cron(15 10 ? * 6L 2019-2022)", utc(2022, 12, 1, 0, 0),
			[]string{"2022-12-30 Fri 10:15", "none"}},
	})
	// 12 months x 4 years, each a Friday with no Friday a week later in
	// the same month.
	s := mustParse(t, "cron(15 10 ? * 6L 2019-2022)")
	n := 0
	for at, ok := s.Next(utc(2000, 1, 1, 0, 0)); ok; at, ok = s.Next(at) {
		if at.Weekday() != 5 || at.AddDate(0, 0, 7).Month() == at.Month() || at.Hour() != 10 || at.Minute() != 15 {
			t.Errorf("%v is not 10:15 on a last Friday", at)
		}
		n++
	}
	if n != 48 {
		t.Errorf("%d firings, want 48", n)
	}
}

// TestLastDayOfMonth: "The L wildcard in the Day-of-month ... fields
// specifies the last day of the month" (EventBridge page), in leap and
// common years, including the century rules (2100 is common, 2000 leap).
func TestLastDayOfMonth(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: L in a common year", "cron(0 0 L * ? *)", utc(2023, 1, 31, 0, 0),
			[]string{"2023-02-28 Tue 00:00", "2023-03-31 Fri 00:00", "2023-04-30 Sun 00:00"}},
		{"page: L in a leap year", "cron(0 0 L * ? *)", utc(2024, 1, 31, 0, 0),
			[]string{"2024-02-29 Thu 00:00", "2024-03-31 Sun 00:00"}},
		{"page: L in February 2100 (not leap)", "cron(0 0 L FEB ? *)", utc(2099, 3, 1, 0, 0),
			[]string{"2100-02-28 Sun 00:00", "2101-02-28 Mon 00:00"}},
		{"page: L in February 2000 (leap)", "cron(0 0 L FEB ? *)", utc(1999, 3, 1, 0, 0),
			[]string{"2000-02-29 Tue 00:00", "2001-02-28 Wed 00:00"}},
		{"page: L alone in day-of-week is Saturday, the last day of the week", "cron(0 0 ? * L *)",
			utc(2024, 1, 1, 0, 0), []string{"2024-01-06 Sat 00:00", "2024-01-13 Sat 00:00"}},
		{"page: 1L is the last Sunday of the month", "cron(0 0 ? * 1L *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-28 Sun 00:00", "2024-02-25 Sun 00:00"}},
		{"page: 7L is the last Saturday of the month", "cron(0 0 ? * 7L *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-27 Sat 00:00", "2024-02-24 Sat 00:00"}},
	})
}

// TestNearestWeekday: "3W specifies the weekday closest to the third day of
// the month" (EventBridge page); the month-boundary rules are Quartz's
// (the page is silent): never leave the month.
func TestNearestWeekday(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: 1W on a Saturday is Monday the 3rd", "cron(0 9 1W * ? *)", utc(2021, 12, 31, 0, 0),
			[]string{"2022-01-03 Mon 09:00"}},
		{"page: 1W on a Sunday is Monday the 2nd", "cron(0 9 1W * ? *)", utc(2022, 4, 30, 0, 0),
			[]string{"2022-05-02 Mon 09:00"}},
		{"page: 31W on a Sunday is Friday the 29th", "cron(0 9 31W * ? *)", utc(2022, 7, 1, 0, 0),
			[]string{"2022-07-29 Fri 09:00"}},
		{"page: 15W on a Saturday is Friday the 14th", "cron(0 9 15W * ? *)", utc(2022, 1, 1, 0, 0),
			[]string{"2022-01-14 Fri 09:00", "2022-02-15 Tue 09:00"}},
		{"page: 15W on a Sunday is Monday the 16th", "cron(0 9 15W * ? *)", utc(2022, 5, 1, 0, 0),
			[]string{"2022-05-16 Mon 09:00"}},
		{"page: 30W on a Saturday that is the last day is Friday the 29th", "cron(0 9 30W * ? *)",
			utc(2022, 4, 1, 0, 0), []string{"2022-04-29 Fri 09:00"}},
		{"page: 31W skips a 30-day month", "cron(0 9 31W * ? *)", utc(2022, 4, 1, 0, 0),
			[]string{"2022-05-31 Tue 09:00"}},
		{"page: 3W", "cron(0 9 3W * ? *)", utc(2024, 1, 1, 0, 0), // Jan 3 2024 is a Wednesday, Feb 3 a Saturday
			[]string{"2024-01-03 Wed 09:00", "2024-02-02 Fri 09:00"}},
		{"LW is the last weekday of the month", "cron(0 9 LW * ? *)", utc(2022, 2, 1, 0, 0),
			[]string{"2022-02-28 Mon 09:00", "2022-03-31 Thu 09:00", "2022-04-29 Fri 09:00", "2022-05-31 Tue 09:00",
				"2022-06-30 Thu 09:00", "2022-07-29 Fri 09:00"}},
	})
}

// TestNthWeekday: "3#2 would be the second Tuesday of the month"
// (EventBridge page).
func TestNthWeekday(t *testing.T) {
	runSeq(t, []seqCase{
		{"page: 3#2 is the second Tuesday", "cron(0 8 ? * 3#2 *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-01-09 Tue 08:00", "2024-02-13 Tue 08:00", "2024-03-12 Tue 08:00"}},
		{"page: 6#5, a fifth Friday, skips months that have four", "cron(0 8 ? * 6#5 *)", utc(2024, 1, 1, 0, 0),
			[]string{"2024-03-29 Fri 08:00", "2024-05-31 Fri 08:00", "2024-08-30 Fri 08:00", "2024-11-29 Fri 08:00"}},
		{"page: MON#1 with a name", "cron(0 8 ? * MON#1 *)", utc(2023, 12, 31, 0, 0),
			[]string{"2024-01-01 Mon 08:00", "2024-02-05 Mon 08:00"}},
	})
}
