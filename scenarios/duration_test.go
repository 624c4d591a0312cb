package scenarios

import (
	"strings"
	"testing"
	"time"
)

const day = 24 * time.Hour

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"0", 0},
		{"0s", 0},
		{"0ms", 0},
		{"-0s", 0},
		{"500ms", 500 * time.Millisecond},
		{"90s", 90 * time.Second},
		{"5m", 5 * time.Minute},
		{"6h", 6 * time.Hour},
		{"7d", 7 * day},
		{"1h30m", 90 * time.Minute},
		{"1d12h", 36 * time.Hour},
		{"1d2h3m4s5ms", day + 2*time.Hour + 3*time.Minute + 4*time.Second + 5*time.Millisecond},
		{"1.5h", 90 * time.Minute},
		{"0.5s", 500 * time.Millisecond},
		{".5m", 30 * time.Second},
		{"2.5d", 60 * time.Hour},
		{"1.5ms", 1500 * time.Microsecond},
		{"-5m", -5 * time.Minute},
		{"-1h30m", -90 * time.Minute},
		{"1m1m", 2 * time.Minute},
		{"30s1m", 90 * time.Second},
		{" 5m ", 5 * time.Minute},
		{"3650d", 3650 * day},
		{"53375d", 53375 * day},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseDurationDecimalsAreExact(t *testing.T) {
	// Decimal amounts must give the duration they write: 1.001s is 1001ms,
	// not 1.000999999s.
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"1.001s", 1001 * time.Millisecond},
		{"1.005s", 1005 * time.Millisecond},
		{"8.2m", 492 * time.Second},
		{"1.001h", time.Hour + 3600*time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("ParseDuration(%q) = %d ns, %v; want %d ns", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseDurationErrors(t *testing.T) {
	cases := []struct {
		in, msg string
	}{
		{"", `"" is not ` + durationHelpText},
		{"-", `"-" is not ` + durationHelpText},
		{"300", `"300" is not ` + durationHelpText},
		{"1.5", `"1.5" is not ` + durationHelpText},
		{"5 minutes", `"5 minutes" is not ` + durationHelpText},
		{"5 m", `"5 m" is not ` + durationHelpText},
		{"1h30", `"1h30" is not ` + durationHelpText},
		{"h", `"h" is not ` + durationHelpText},
		{"1..5s", `"1..5s" is not ` + durationHelpText},
		{".s", `".s" is not ` + durationHelpText},
		{"--5m", `"--5m" is not ` + durationHelpText},
		{"+5m", `"+5m" is not ` + durationHelpText},
		{"5M", `"5M" is not ` + durationHelpText},
		{"1h-5m", `"1h-5m" is not ` + durationHelpText},
		{"1x", `"1x" has unknown unit "x"; expected ` + durationHelpText},
		{"10us", `"10us" has unknown unit "us"`},
		{"2w", `"2w" has unknown unit "w"`},
		{"1y", `"1y" has unknown unit "y"`},
		{"1e3s", `"1e3s" has unknown unit "e"`},
		{"53376d", `"53376d" is too long (at most about 146 years)`},
		{"200000d", `"200000d" is too long (at most about 146 years)`},
		{"40000d40000d", `"40000d40000d" is too long (at most about 146 years)`},
		{strings.Repeat("9", 30) + "s", "is too long (at most about 146 years)"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if err == nil {
				t.Fatalf("ParseDuration(%q) = %v, want an error", tc.in, got)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ParseDuration(%q) error %q, want it to contain %q", tc.in, err, tc.msg)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	cases := []struct {
		in   time.Duration
		want string
	}{
		{0, "0s"},
		{time.Millisecond, "1ms"},
		{500 * time.Millisecond, "500ms"},
		{time.Second, "1s"},
		{90 * time.Second, "1m30s"},
		{time.Hour, "1h"},
		{90 * time.Minute, "1h30m"},
		{36 * time.Hour, "1d12h"},
		{7 * day, "7d"},
		{3650 * day, "3650d"},
		{day + time.Second, "1d1s"},
		{day + 2*time.Hour + 3*time.Minute + 4*time.Second + 5*time.Millisecond, "1d2h3m4s5ms"},
		{-5 * time.Minute, "-5m"},
		{-90 * time.Second, "-1m30s"},
		{1500 * time.Microsecond, "1.5ms"}, // fractions of a millisecond are kept
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := FormatDuration(tc.in); got != tc.want {
				t.Errorf("FormatDuration(%d) = %q, want %q", int64(tc.in), got, tc.want)
			}
		})
	}
}

func TestFormatDurationBelowAMillisecond(t *testing.T) {
	// ParseDuration accepts "0.5ms"; messages print values with
	// FormatDuration ("must be at least 1s (got …)"), so it must never give
	// an empty or sign-only string.
	for _, d := range []time.Duration{time.Nanosecond, 500 * time.Microsecond, -500 * time.Microsecond} {
		t.Run(d.String(), func(t *testing.T) {
			if got := FormatDuration(d); got == "" || got == "-" {
				t.Errorf("FormatDuration(%v) = %q", d, got)
			}
		})
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	// FormatDuration(ParseDuration(x)) is x in canonical form.
	cases := []struct{ in, canonical string }{
		{"0", "0s"},
		{"0s", "0s"},
		{"90s", "1m30s"},
		{"1h30m", "1h30m"},
		{"1.5h", "1h30m"},
		{"0.5s", "500ms"},
		{"1d12h", "1d12h"},
		{"36h", "1d12h"},
		{"1440m", "1d"},
		{"500ms", "500ms"},
		{"-5m", "-5m"},
		{"-300s", "-5m"},
		{"2.25d", "2d6h"},
		{"30s1m", "1m30s"},
		{"3650d", "3650d"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDuration(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := FormatDuration(d); got != tc.canonical {
				t.Errorf("FormatDuration(ParseDuration(%q)) = %q, want %q", tc.in, got, tc.canonical)
			}
		})
	}
}

func TestParseFormatRoundTripWholeMilliseconds(t *testing.T) {
	// Every whole number of milliseconds survives FormatDuration then
	// ParseDuration, over a spread of magnitudes and signs.
	d := time.Millisecond
	for i := 0; i < 2000; i++ {
		for _, x := range []time.Duration{d, -d} {
			s := FormatDuration(x)
			back, err := ParseDuration(s)
			if err != nil || back != x {
				t.Fatalf("ParseDuration(FormatDuration(%d)) = ParseDuration(%q) = %d, %v", int64(x), s, int64(back), err)
			}
		}
		// Grow by a factor of about 1.017 and a non-round remainder, so
		// every unit appears; stay below the 146-year limit.
		d = (d*1017/1000 + 7*time.Millisecond + 13*time.Second) / time.Millisecond * time.Millisecond
		if d > 50000*day {
			d = time.Duration(i) * 999 * time.Millisecond
		}
	}
}
