package schedule

import (
	"math/bits"
	"strings"
	"time"
)

// The year field's bounds; Next never looks past maxYear.
const (
	minYear = 1970
	maxYear = 2199
)

// fieldNames is the order of a cron expression's fields.
const fieldNames = "minutes hours day-of-month month day-of-week year"

// cron is a parsed cron expression: one bitset per field (bit v set when
// value v matches) and one rule for the days of a month.
type cron struct {
	minutes, hours, months uint64
	years                  [4]uint64 // bit i: year minYear+i
	days                   dayRule
	text                   string
}

// cron parses the body of cron(...).
func (p *parser) cron(b span) (Schedule, error) {
	fs := fields(b)
	if len(fs) != 6 {
		off := b.off + len(b.s)
		if len(fs) > 6 {
			off = fs[6].off
		}
		return nil, p.errorf(off, "cron needs 6 fields (%s), got %d", fieldNames, len(fs))
	}
	specs := [6]*fieldSpec{&minuteField, &hourField, &domField, &monthField, &dowField, &yearField}
	var parsed [6]field
	texts := make([]string, 6)
	for i, f := range specs {
		fl, err := p.parseField(f, fs[i])
		if err != nil {
			return nil, err
		}
		parsed[i], texts[i] = fl, fl.text
	}
	c := &cron{
		minutes: bitset(parsed[0], &minuteField),
		hours:   bitset(parsed[1], &hourField),
		months:  bitset(parsed[3], &monthField),
		text:    "cron(" + strings.Join(texts, " ") + ")",
	}
	c.setYears(parsed[5])
	days, err := p.dayRule(parsed[2], parsed[4], fs[4].off)
	if err != nil {
		return nil, err
	}
	c.days = days
	return c, nil
}

// String returns the canonical expression.
func (c *cron) String() string { return c.text }

// bitset returns the values that the set items of fl match.
func bitset(fl field, f *fieldSpec) uint64 {
	var b uint64
	for _, it := range fl.items {
		if it.kind == itemSet {
			forValues(it, f, func(v int) { b |= 1 << v })
		}
	}
	return b
}

// forValues calls fn for each value of a set item, wrapping past f.hi.
func forValues(it item, f *fieldSpec, fn func(int)) {
	size := f.hi - f.lo + 1
	count := (it.hi - it.lo + size) % size
	for i := 0; i <= count; i += it.step {
		fn(f.lo + (it.lo-f.lo+i)%size)
	}
}

// setYears fills the year bitset.
func (c *cron) setYears(fl field) {
	for _, it := range fl.items {
		forValues(it, &yearField, func(v int) {
			i := v - minYear
			c.years[i/64] |= 1 << (i % 64)
		})
	}
}

// dayRule checks the day-of-month/day-of-week pairing and builds the rule
// for the one that is not "?". off is the day-of-week field's offset.
func (p *parser) dayRule(dom, dow field, off int) (dayRule, error) {
	domAny, dowAny := dom.items[0].kind == itemAny, dow.items[0].kind == itemAny
	switch {
	case domAny && dowAny:
		return dayRule{}, p.errorf(off, "day-of-month and day-of-week cannot both be ?; one must be specified")
	case !domAny && !dowAny:
		return dayRule{}, p.errorf(off, "day-of-month and day-of-week cannot both be specified; one must be ?")
	case dowAny:
		return monthDayRule(dom), nil
	}
	return weekDayRule(dow), nil
}

// Next returns the first firing strictly after t, stepping field by field
// from the year down to the minute.
func (c *cron) Next(t time.Time) (time.Time, bool) {
	t = t.UTC()
	y := t.Year()
	if y > maxYear {
		return time.Time{}, false
	}
	if y < minYear {
		return c.search(minYear, 1, 1, 0, 0)
	}
	_, mo, d := t.Date()
	h, mi, _ := t.Clock()
	return c.search(y, int(mo), d, h, mi+1)
}

// search returns the first firing at or after y-mo-d h:mi, where mi, h, d
// and mo may be one past their field's end.
func (c *cron) search(y, mo, d, h, mi int) (time.Time, bool) {
	for y <= maxYear {
		if !c.hasYear(y) {
			if y = c.nextYear(y); y < 0 {
				return time.Time{}, false
			}
			mo, d, h, mi = 1, 1, 0, 0
		}
		m2 := nextBit(c.months, mo)
		if m2 < 0 {
			y, mo, d, h, mi = y+1, 1, 1, 0, 0
			continue
		}
		if m2 != mo {
			mo, d, h, mi = m2, 1, 0, 0
		}
		d2 := nextBit(c.days.mask(y, mo), d)
		if d2 < 0 {
			mo, d, h, mi = mo+1, 1, 0, 0
			continue
		}
		if d2 != d {
			d, h, mi = d2, 0, 0
		}
		h2 := nextBit(c.hours, h)
		if h2 < 0 {
			d, h, mi = d+1, 0, 0
			continue
		}
		if h2 != h {
			h, mi = h2, 0
		}
		m := nextBit(c.minutes, mi)
		if m < 0 {
			h, mi = h+1, 0
			continue
		}
		return time.Date(y, time.Month(mo), d, h, m, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// hasYear reports whether year y matches.
func (c *cron) hasYear(y int) bool {
	i := y - minYear
	return i >= 0 && i < 4*64 && c.years[i/64]&(1<<(i%64)) != 0
}

// nextYear returns the first matching year after y, or -1.
func (c *cron) nextYear(y int) int {
	for i := max(y+1-minYear, 0); i <= maxYear-minYear; {
		if n := nextBit(c.years[i/64], i%64); n >= 0 {
			return minYear + i - i%64 + n
		}
		i += 64 - i%64
	}
	return -1
}

// nextBit returns the lowest set bit of b at or above from, or -1.
func nextBit(b uint64, from int) int {
	if from < 0 || from >= 64 {
		return -1
	}
	b &= ^uint64(0) << from
	if b == 0 {
		return -1
	}
	return bits.TrailingZeros64(b)
}
