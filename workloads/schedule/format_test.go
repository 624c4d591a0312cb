package schedule

import (
	"reflect"
	"testing"
	"time"
)

// TestString checks the canonical form and that it parses back to the
// same schedule. White space: "fields, which are separated by white space"
// (EventBridge page) — any run of spaces or tabs, printed as one space.
func TestString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"cron(0 10 * * ? *)", "cron(0 10 * * ? *)"},
		{"cron(0  10\t* *  ? *)", "cron(0 10 * * ? *)"},
		{"cron( 0 10 * * ? * )", "cron(0 10 * * ? *)"},
		{"cron(05 08 01 jan ? *)", "cron(5 8 1 JAN ? *)"},
		{"cron(0 18 ? * mon-fri *)", "cron(0 18 ? * MON-FRI *)"},
		{"cron(0/15 * * * ? *)", "cron(0/15 * * * ? *)"},
		{"cron(*/5 8-17/2 ? * 2-6 *)", "cron(*/5 8-17/2 ? * 2-6 *)"},
		{"cron(0 0 lw * ? *)", "cron(0 0 LW * ? *)"},
		{"cron(0 0 l * ? *)", "cron(0 0 L * ? *)"},
		{"cron(0 0 15w * ? *)", "cron(0 0 15W * ? *)"},
		{"cron(0 0 ? * 6l 2019-2022)", "cron(0 0 ? * 6L 2019-2022)"},
		{"cron(0 0 ? * l *)", "cron(0 0 ? * L *)"},
		{"cron(0 0 ? * fri#3 *)", "cron(0 0 ? * FRI#3 *)"},
		{"cron(5,35 14 * * ? 2020/05)", "cron(5,35 14 * * ? 2020/5)"},
		{"rate(05 minutes)", "rate(5 minutes)"},
		{"rate(1\thour)", "rate(1 hour)"},
		{"rate( 2 days )", "rate(2 days)"},
		{"at(2024-03-10T12:00:30)", "at(2024-03-10T12:00:30)"},
	}
	anchor := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range cases {
		s, err := Parse(tc.in, anchor)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := s.String(); got != tc.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
		again, err := Parse(s.String(), anchor)
		if err != nil || !reflect.DeepEqual(s, again) {
			t.Errorf("%q does not parse back to the same schedule: %v", s, err)
		}
	}
}
