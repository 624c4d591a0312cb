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
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		j := i
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		num, unit := rest[:i], rest[i:j]
		if num == "" || unit == "" {
			return 0, fmt.Errorf("%q is not %s", s, durationHelp)
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not %s", s, durationHelp)
		}
		var u time.Duration
		switch unit {
		case "ms":
			u = time.Millisecond
		case "s":
			u = time.Second
		case "m":
			u = time.Minute
		case "h":
			u = time.Hour
		case "d":
			u = 24 * time.Hour
		default:
			return 0, fmt.Errorf("%q has unknown unit %q; expected %s", s, unit, durationHelp)
		}
		if f*float64(u) > float64(1<<62) {
			return 0, fmt.Errorf("%q is too long (at most about 146 years)", s)
		}
		total += time.Duration(math.Round(f * float64(u)))
		if total > 1<<62 {
			return 0, fmt.Errorf("%q is too long (at most about 146 years)", s)
		}
		rest = rest[j:]
	}
	if neg {
		total = -total
	}
	return total, nil
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
