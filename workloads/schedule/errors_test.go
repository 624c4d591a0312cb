package schedule

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestErrors checks every kind of error with its column. Rules quoted from
// the EventBridge page unless noted.
func TestErrors(t *testing.T) {
	const fieldsMsg = "cron needs 6 fields (minutes hours day-of-month month day-of-week year), got "
	cases := []struct {
		name, expr, want string
	}{
		// The expression as a whole.
		{"empty", "", `column 1: empty schedule expression (accepted: cron(...), rate(...), at(...))`},
		{"unknown kind", "crn(0 10 * * ? *)", `column 1: unknown schedule "crn(" (accepted: cron(...), rate(...), at(...))`},
		{"keywords are lower-case", "CRON(0 10 * * ? *)", `column 1: unknown schedule "CRON(" (accepted: cron(...), rate(...), at(...))`},
		{"no parenthesis", "cron 0 10 * * ? *", `column 5: expected "(" after cron (accepted: cron(...))`},
		{"no closing parenthesis", "cron(0 10 * * ? *", `column 18: missing ")" at the end (accepted: cron(...))`},
		{"text after the parenthesis", "cron(0 10 * * ? *) x", `column 19: unexpected " x" after ")" (accepted: nothing)`},
		{"columns count runes", "cron(é) x", `column 8: unexpected " x" after ")" (accepted: nothing)`},
		{"too long", "cron(" + strings.Repeat("0,", 150) + "0 * * * ? *)",
			`column 257: expression is 317 characters long (accepted: at most 256)`},

		// cron: "Cron expressions have six required fields".
		{"page: six required fields, 5 given", "cron(0 10 * * ?)", "column 16: " + fieldsMsg + "5"},
		{"page: six required fields, 7 given", "cron(0 10 * * ? * *)", "column 19: " + fieldsMsg + "7"},
		{"page: minutes 0-59", "cron(75 10 * * ? *)", `column 6: minutes value 75 out of range (accepted: 0-59)`},
		{"page: hours 0-23", "cron(0 24 * * ? *)", `column 8: hours value 24 out of range (accepted: 0-23)`},
		{"page: day-of-month 1-31", "cron(0 10 32 * ? *)", `column 11: day-of-month value 32 out of range (accepted: 1-31)`},
		{"page: month 1-12", "cron(0 10 * 13 ? *)", `column 13: month value 13 out of range (accepted: 1-12 or JAN-DEC)`},
		{"page: month JAN-DEC", "cron(0 10 * FOO ? *)", `column 13: month value "FOO" unknown (accepted: 1-12 or JAN-DEC)`},
		{"page: day-of-week 1-7", "cron(0 10 ? * 0 *)", `column 15: day-of-week value 0 out of range (accepted: 1-7 or SUN-SAT)`},
		{"page: day-of-week SUN-SAT", "cron(0 10 ? * MONDAY *)", `column 15: day-of-week value "MONDAY" unknown (accepted: 1-7 or SUN-SAT)`},
		{"page: year 1970-2199, low", "cron(0 10 * * ? 1969)", `column 17: year value 1969 out of range (accepted: 1970-2199)`},
		{"page: year 1970-2199, high", "cron(0 10 * * ? 2200)", `column 17: year value 2200 out of range (accepted: 1970-2199)`},
		{"a year range cannot wrap", "cron(0 10 * * ? 2022-2019)", `column 22: year range 2022-2019 is reversed (accepted: low-high)`},
		{"increment 0", "cron(0/0 * * * ? *)", `column 8: minutes increment 0 out of range (accepted: 1-60)`},
		{"empty list item", "cron(0 10 1,,2 * ? *)", `column 13: empty item in day-of-month (accepted: 1-31 separated by ",")`},
		{"junk in a range", "cron(0 10 1-x * ? *)", `column 13: unexpected "x" in day-of-month (accepted: 1-31 and , - * ? / L W)`},
		{"unfinished range", "cron(0 10 * * ? 2020-)", `column 22: year item "2020-" is incomplete (accepted: 1970-2199 and , - * /)`},

		// Wildcards per field, from the page's table.
		{"page: hours take no L", "cron(0 L * * ? *)", `column 8: hours does not accept "L" (accepted: , - * /)`},
		{"page: minutes take no ?", "cron(? 10 * * ? *)", `column 6: minutes does not accept "?" (accepted: , - * /)`},
		{"page: day-of-week takes no /", "cron(0 10 ? * */2 *)", `column 16: day-of-week does not accept "/" (accepted: , - * ? L #)`},
		{"page: day-of-week takes no W", "cron(0 10 ? * 5W *)", `column 16: day-of-week does not accept "W" (accepted: , - * ? L #)`},
		{"page: day-of-month takes no #", "cron(0 10 3#2 * ? *)", `column 12: day-of-month does not accept "#" (accepted: , - * ? / L W)`},
		{"nL is for day-of-week", "cron(0 10 5L * ? *)", `column 12: day-of-month does not accept "5L" (accepted: L, LW or nW; nL is for day-of-week)`},
		{"L stands alone", "cron(0 10 L,15 * ? *)", `column 13: L must be the only item in day-of-month (accepted: L alone)`},
		{"? stands alone", "cron(0 10 ?,1 * ? *)", `column 13: ? must be the only item in day-of-month (accepted: ? alone)`},
		{"# occurrence 1-5", "cron(0 10 ? * 3#6 *)", `column 17: day-of-week occurrence 6 out of range (accepted: 1-5)`},
		{"page: only one # expression", "cron(0 10 ? * 3#1,6#3 *)",
			`column 19: only one # expression allowed in day-of-week (accepted: e.g. 3#2; "3#1,6#3" is two)`},

		// "You can't specify the Day-of-month and Day-of-week fields in the
		// same cron expression. If you specify a value or a * (asterisk) in
		// one of the fields, you must use a ? (question mark) in the other."
		{"page: * in both day fields", "cron(0 10 * * * *)",
			`column 15: day-of-month and day-of-week cannot both be specified; one must be ?`},
		{"page: values in both day fields", "cron(0 10 1 * MON *)",
			`column 15: day-of-month and day-of-week cannot both be specified; one must be ?`},
		{"? in both day fields (Quartz)", "cron(0 10 ? * ? *)",
			`column 15: day-of-month and day-of-week cannot both be ?; one must be specified`},

		// rate: "If the value is equal to 1, then the unit must be singular.
		// If the value is greater than 1, the unit must be plural."
		{"page: rate(1 hours) isn't valid", "rate(1 hours)", `column 8: use "hour" with 1 (rate(1 hour))`},
		{"page: rate(5 hour) isn't valid", "rate(5 hour)", `column 8: use "hours" with 5 (rate(5 hours))`},
		{"page: so is rate(5 minute)", "rate(5 minute)", `column 8: use "minutes" with 5 (rate(5 minutes))`},
		{"page: and rate(2 day)", "rate(2 day)", `column 8: use "days" with 2 (rate(2 days))`},
		{"W-22: rate(1 minutes) invalid", "rate(1 minutes)", `column 8: use "minute" with 1 (rate(1 minute))`},
		{"page: value is a positive number", "rate(0 minutes)", `column 6: rate value 0 out of range (accepted: 1-999999)`},
		{"negative value", "rate(-5 minutes)", `column 6: rate value "-5" is not a whole number (accepted: 1-999999)`},
		{"fractional value", "rate(1.5 hours)", `column 6: rate value "1.5" is not a whole number (accepted: 1-999999)`},
		{"value too large", "rate(1000000 minutes)", `column 6: rate value 1000000 out of range (accepted: 1-999999)`},
		{"page: valid units", "rate(5 seconds)", `column 8: unknown rate unit "seconds" (accepted: minute, minutes, hour, hours, day, days)`},
		{"page: two required fields, 1 given", "rate(5)", `column 7: rate needs 2 fields (value unit), got 1`},
		{"page: two required fields, 3 given", "rate(5 minutes now)", `column 16: rate needs 2 fields (value unit), got 3`},

		// at(yyyy-mm-ddThh:mm:ss), Scheduler page.
		{"at: layout", "at(2024-01-01)", `column 4: at needs yyyy-mm-ddThh:mm:ss, got "2024-01-01"`},
		{"at: T separator", "at(2024-01-01 00:00:00)", `column 14: at needs "T" here, got " " (accepted: yyyy-mm-ddThh:mm:ss)`},
		{"at: digits", "at(2024-0a-01T00:00:00)", `column 10: at needs a digit here, got "a" (accepted: yyyy-mm-ddThh:mm:ss)`},
		{"at: month", "at(2024-13-01T00:00:00)", `column 9: at month 13 out of range (accepted: 01-12)`},
		{"at: no Feb 29 in 2023", "at(2023-02-29T00:00:00)", `column 12: at day 29 out of range (accepted: 01-28)`},
		{"at: hour", "at(2024-01-01T24:00:00)", `column 15: at hour 24 out of range (accepted: 00-23)`},
		{"at: second", "at(2024-01-01T00:00:60)", `column 21: at second 60 out of range (accepted: 00-59)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.expr, time.Time{})
			var se *SyntaxError
			switch {
			case err == nil:
				t.Fatalf("Parse(%q) = %v, want error %s", tc.expr, s, tc.want)
			case !errors.As(err, &se):
				t.Fatalf("Parse(%q): %T %v, want a *SyntaxError", tc.expr, err, err)
			case err.Error() != tc.want:
				t.Errorf("Parse(%q):\n got  %s\n want %s", tc.expr, err, tc.want)
			}
		})
	}
}
