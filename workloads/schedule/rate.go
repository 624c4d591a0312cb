package schedule

import (
	"strconv"
	"time"
)

// maxRateValue bounds a rate's value; the pages give no maximum.
const maxRateValue = 999999

// rateUnits maps the units the EventBridge page lists to seconds.
var rateUnits = map[string]int64{
	"minute": 60, "minutes": 60,
	"hour": 3600, "hours": 3600,
	"day": 86400, "days": 86400,
}

// rate fires at anchor + k*period, k >= 1.
type rate struct {
	anchor time.Time
	period int64 // seconds
	text   string
}

// rate parses the body of rate(...).
func (p *parser) rate(b span, anchor time.Time) (Schedule, error) {
	fs := fields(b)
	if len(fs) != 2 {
		off := b.off + len(b.s)
		if len(fs) > 2 {
			off = fs[2].off
		}
		return nil, p.errorf(off, "rate needs 2 fields (value unit), got %d", len(fs))
	}
	v, err := p.rateValue(fs[0])
	if err != nil {
		return nil, err
	}
	unit := fs[1]
	secs, ok := rateUnits[unit.s]
	if !ok {
		return nil, p.errorf(unit.off, "unknown rate unit %q (accepted: minute, minutes, hour, hours, day, days)", clip(unit.s))
	}
	singular := unit.s[len(unit.s)-1] != 's'
	if want := pluralize(unit.s, v); (v == 1) != singular {
		return nil, p.errorf(unit.off, "use %q with %d (rate(%d %s))", want, v, v, want)
	}
	text := "rate(" + strconv.Itoa(v) + " " + unit.s + ")"
	return &rate{anchor: anchor, period: int64(v) * secs, text: text}, nil
}

// rateValue parses a rate's positive integer value.
func (p *parser) rateValue(sp span) (int, error) {
	if digits(sp.s) != len(sp.s) {
		return 0, p.errorf(sp.off, "rate value %q is not a whole number (accepted: 1-%d)", clip(sp.s), maxRateValue)
	}
	v := 0
	for i := range len(sp.s) {
		v = min(v*10+int(sp.s[i]-'0'), maxRateValue+1)
	}
	if v < 1 || v > maxRateValue {
		return 0, p.errorf(sp.off, "rate value %s out of range (accepted: 1-%d)", clip(sp.s), maxRateValue)
	}
	return v, nil
}

// pluralize returns the form of unit that goes with v.
func pluralize(unit string, v int) string {
	if unit[len(unit)-1] == 's' {
		unit = unit[:len(unit)-1]
	}
	if v == 1 {
		return unit
	}
	return unit + "s"
}

// String returns the canonical expression.
func (r *rate) String() string { return r.text }

// maxUnix bounds the Unix seconds that rate arithmetic handles, far beyond
// any simulation and far inside what int64 and time.Time can hold.
const maxUnix = 1 << 61

// Next returns anchor + k*period for the least k >= 1 that is after t. It
// returns false only when the anchor or t is tens of billions of years away
// from 1970.
func (r *rate) Next(t time.Time) (time.Time, bool) {
	a, ts := r.anchor.Unix(), t.Unix()
	if a < -maxUnix || a > maxUnix || ts > maxUnix {
		return time.Time{}, false
	}
	ts = max(ts, -maxUnix) // every firing is after such a t
	if t.Nanosecond() < r.anchor.Nanosecond() {
		ts-- // now t - anchor is (ts-a) seconds and a fraction in [0, 1)
	}
	k := int64(1)
	if ts >= a {
		k = (ts-a)/r.period + 1
	}
	sec := a + k*r.period
	if sec > maxUnix {
		return time.Time{}, false
	}
	return time.Unix(sec, int64(r.anchor.Nanosecond())).UTC(), true
}

// at fires once.
type at struct {
	when time.Time
	text string
}

// String returns the canonical expression.
func (s *at) String() string { return s.text }

// Next returns the firing time if it is after t.
func (s *at) Next(t time.Time) (time.Time, bool) {
	if s.when.After(t) {
		return s.when, true
	}
	return time.Time{}, false
}

// atLayout is the layout of at(...), and atParts the offset, width, name,
// low and high bound of each number in it.
const atLayout = "yyyy-mm-ddThh:mm:ss"

var atParts = [6]struct {
	off, width int
	name       string
	lo, hi     int
}{
	{0, 4, "year", 0, 9999}, {5, 2, "month", 1, 12}, {8, 2, "day", 1, 31},
	{11, 2, "hour", 0, 23}, {14, 2, "minute", 0, 59}, {17, 2, "second", 0, 59},
}

// at parses the body of at(...).
func (p *parser) at(b span) (Schedule, error) {
	if len(b.s) != len(atLayout) {
		return nil, p.errorf(b.off, "at needs %s, got %q", atLayout, clip(b.s))
	}
	for i := range len(atLayout) {
		sep := atLayout[i]
		if isLetter(sep) && sep != 'T' {
			if !isDigit(b.s[i]) {
				return nil, p.errorf(b.off+i, "at needs a digit here, got %q (accepted: %s)", string(b.s[i]), atLayout)
			}
		} else if b.s[i] != sep {
			return nil, p.errorf(b.off+i, "at needs %q here, got %q (accepted: %s)", string(sep), string(b.s[i]), atLayout)
		}
	}
	var v [6]int
	for i, part := range atParts {
		v[i], _ = strconv.Atoi(b.s[part.off : part.off+part.width])
		hi := part.hi
		if part.name == "day" {
			hi = daysIn(v[0], v[1])
		}
		if v[i] < part.lo || v[i] > hi {
			return nil, p.errorf(b.off+part.off, "at %s %s out of range (accepted: %02d-%02d)",
				part.name, b.s[part.off:part.off+part.width], part.lo, hi)
		}
	}
	when := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	return &at{when: when, text: "at(" + b.s + ")"}, nil
}
