package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Duration is a span written as a string of number-unit pairs: "90s", "5m",
// "1h30m", "7d", "500ms". Units are ms, s, m, h and d (24 h). A bare number
// is rejected, so that "300" is never silently read as nanoseconds.
type Duration struct {
	D   time.Duration
	Set bool
}

const durationHelp = "a duration such as 90s, 5m, 1h30m or 7d (units: ms, s, m, h, d)"

// DurationSyntax says how a duration is written, in the words of the
// decoder's messages.
func DurationSyntax() string { return durationHelp }

// decodeScalar reads a duration such as 90s from a YAML scalar.
func (d *Duration) decodeScalar(n *yaml.Node) error {
	if n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" {
		return fmt.Errorf("expected %s, got %s", durationHelp, describe(n))
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return err
	}
	d.D, d.Set = v, true
	return nil
}

// ParseDuration parses a scenario duration (see Duration).
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "0" {
		return 0, nil
	}
	neg := strings.HasPrefix(in, "-")
	rest := strings.TrimPrefix(in, "-")
	if rest == "" {
		return 0, fmt.Errorf("%q is not %s", s, durationHelp)
	}
	var total time.Duration
	for rest != "" {
		num, unit, tail := nextTerm(rest)
		d, err := termDuration(s, num, unit)
		if err != nil {
			return 0, err
		}
		total += d
		if total > maxDuration {
			return 0, fmt.Errorf("%q is too long (at most about 146 years)", s)
		}
		rest = tail
	}
	if neg {
		total = -total
	}
	return total, nil
}

// maxDuration is the longest duration ParseDuration accepts (2^62 ns,
// about 146 years), so that sums of durations do not overflow.
const maxDuration = 1 << 62

// durationUnits are the units of the duration syntax.
var durationUnits = map[string]time.Duration{"ms": time.Millisecond, "s": time.Second, "m": time.Minute,
	"h": time.Hour, "d": 24 * time.Hour}

// nextTerm splits the first number-unit pair ("1.5", "h") off s; tail is
// what follows it.
func nextTerm(s string) (num, unit, tail string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++
	}
	return s[:i], s[i:j], s[j:]
}

// termDuration is the duration of one number-unit pair of s.
func termDuration(s, num, unit string) (time.Duration, error) {
	if num == "" || unit == "" {
		return 0, fmt.Errorf("%q is not %s", s, durationHelp)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not %s", s, durationHelp)
	}
	u, ok := durationUnits[unit]
	if !ok {
		return 0, fmt.Errorf("%q has unknown unit %q; expected %s", s, unit, durationHelp)
	}
	if f*float64(u) > float64(maxDuration) {
		return 0, fmt.Errorf("%q is too long (at most about 146 years)", s)
	}
	return time.Duration(math.Round(f * float64(u))), nil
}

// FormatDuration writes d in the scenario syntax, e.g. "1h30m", "7d", "90s".
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	for _, u := range []struct {
		unit string
		d    time.Duration
	}{{"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}} {
		if n := d / u.d; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10))
			b.WriteString(u.unit)
			d -= n * u.d
		}
	}
	if d > 0 {
		// Milliseconds, with a fraction below one: "500ms", "1.5ms".
		b.WriteString(strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64))
		b.WriteString("ms")
	}
	return b.String()
}
