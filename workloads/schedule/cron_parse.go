package schedule

import (
	"strconv"
	"strings"
)

// fieldSpec describes one cron field, from the EventBridge page's table.
type fieldSpec struct {
	name      string   // as in messages: "day-of-month"
	lo, hi    int      // accepted values
	values    string   // accepted values as the page writes them
	wildcards string   // accepted wildcards as the page writes them
	names     []string // names of lo, lo+1, ... (month and day-of-week)
	wrap      bool     // a range a-b with a > b wraps around
	days      dayField // which day field, if any
}

// dayField tells the two day fields, whose L means different things.
type dayField uint8

const (
	notDays dayField = iota
	monthDays
	weekDays
)

var (
	monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
	dayNames   = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

	minuteField = fieldSpec{name: "minutes", lo: 0, hi: 59, values: "0-59", wildcards: ", - * /", wrap: true}
	hourField   = fieldSpec{name: "hours", lo: 0, hi: 23, values: "0-23", wildcards: ", - * /", wrap: true}
	domField    = fieldSpec{name: "day-of-month", lo: 1, hi: 31, values: "1-31", wildcards: ", - * ? / L W",
		wrap: true, days: monthDays}
	monthField = fieldSpec{name: "month", lo: 1, hi: 12, values: "1-12 or JAN-DEC", wildcards: ", - * /",
		names: monthNames, wrap: true}
	dowField = fieldSpec{name: "day-of-week", lo: 1, hi: 7, values: "1-7 or SUN-SAT", wildcards: ", - * ? L #",
		names: dayNames, wrap: true, days: weekDays}
	yearField = fieldSpec{name: "year", lo: minYear, hi: maxYear, values: "1970-2199", wildcards: ", - * /"}
)

// allows reports whether the field accepts the wildcard c.
func (f *fieldSpec) allows(c byte) bool { return strings.IndexByte(f.wildcards, c) >= 0 }

// itemKind is what one comma-separated item of a field means.
type itemKind uint8

const (
	itemSet         itemKind = iota // a value, range or increment
	itemAny                         // ?
	itemLast                        // L (last day of month; Saturday in day-of-week)
	itemLastWeekday                 // LW in day-of-month
	itemNearest                     // nW in day-of-month
	itemLastOf                      // nL in day-of-week
	itemNth                         // n#k in day-of-week
)

// item is one parsed item; text is its canonical spelling.
type item struct {
	kind         itemKind
	lo, hi, step int // itemSet: values lo..hi (wrapping) every step
	n, k         int // itemNearest, itemLastOf, itemNth
	text         string
	off          int
}

// field is a parsed field: its items and canonical text.
type field struct {
	items []item
	text  string
}

// parseField parses one cron field.
func (p *parser) parseField(f *fieldSpec, sp span) (field, error) {
	var fl field
	texts := make([]string, 0, 2)
	off := sp.off
	for part := range strings.SplitSeq(sp.s, ",") {
		if part == "" {
			return fl, p.errorf(off, "empty item in %s (accepted: %s separated by \",\")", f.name, f.values)
		}
		c := &cursor{p: p, f: f, s: part, off: off}
		it, err := c.item()
		if err != nil {
			return fl, err
		}
		it.off = off
		fl.items = append(fl.items, it)
		texts = append(texts, it.text)
		off += len(part) + 1
	}
	fl.text = strings.Join(texts, ",")
	return fl, p.checkAlone(f, fl)
}

// checkAlone refuses a list that holds ?, L, W, or # items.
func (p *parser) checkAlone(f *fieldSpec, fl field) error {
	if len(fl.items) < 2 {
		return nil
	}
	for i, it := range fl.items {
		if it.kind == itemSet {
			continue
		}
		off := it.off // the column of the item that should not be there
		if i == 0 {
			off = fl.items[1].off
		}
		if it.kind == itemNth {
			return p.errorf(off, "only one # expression allowed in day-of-week (accepted: e.g. 3#2; \"3#1,6#3\" is two)")
		}
		return p.errorf(off, "%s must be the only item in %s (accepted: %s alone)", it.text, f.name, it.text)
	}
	return nil
}

// cursor reads one item of a field.
type cursor struct {
	p   *parser
	f   *fieldSpec
	s   string
	off int // offset of s in the expression
	i   int
}

func (c *cursor) peek() byte {
	if c.i < len(c.s) {
		return c.s[c.i]
	}
	return 0
}

// upper is peek, upper-cased.
func (c *cursor) upper() byte {
	if b := c.peek(); b >= 'a' && b <= 'z' {
		return b - 'a' + 'A'
	}
	return c.peek()
}

func (c *cursor) errorf(format string, args ...any) error {
	return c.p.errorf(c.off+c.i, format, args...)
}

// unexpected reports the byte at the cursor.
func (c *cursor) unexpected() error {
	b := c.peek()
	if strings.IndexByte(",-*?/LW#", c.upper()) >= 0 && !c.f.allows(c.upper()) {
		return c.errorf("%s does not accept %q (accepted: %s)", c.f.name, string(b), c.f.wildcards)
	}
	if c.i >= len(c.s) {
		return c.errorf("%s item %q is incomplete (accepted: %s and %s)", c.f.name, c.s, c.f.values, c.f.wildcards)
	}
	return c.errorf("unexpected %q in %s (accepted: %s and %s)", clip(c.s[c.i:]), c.f.name, c.f.values, c.f.wildcards)
}

// end checks that the item has been read in full.
func (c *cursor) end(it item) (item, error) {
	if c.i < len(c.s) {
		return it, c.unexpected()
	}
	return it, nil
}

// item parses "?", "L", "LW", "*[/n]", "a[-b][/n]", "nW", "nL" or "n#k".
func (c *cursor) item() (item, error) {
	switch {
	case c.peek() == '?' && c.f.allows('?'):
		c.i++
		return c.end(item{kind: itemAny, text: "?"})
	case c.upper() == 'L' && c.f.allows('L'):
		c.i++
		if c.upper() == 'W' && c.f.allows('W') {
			c.i++
			return c.end(item{kind: itemLastWeekday, text: "LW"})
		}
		return c.end(item{kind: itemLast, text: "L"})
	case c.peek() == '*':
		c.i++
		return c.steps(item{lo: c.f.lo, hi: c.f.hi, step: 1, text: "*"}, true)
	}
	v, text, err := c.value()
	if err != nil {
		return item{}, err
	}
	return c.afterValue(v, text)
}

// afterValue parses what may follow a first value.
func (c *cursor) afterValue(v int, text string) (item, error) {
	it := item{lo: v, hi: v, step: 1, text: text}
	switch c.upper() {
	case '-':
		c.i++
		at := c.i
		w, wt, err := c.value()
		if err != nil {
			return it, err
		}
		if !c.f.wrap && w < v {
			c.i = at
			return it, c.errorf("%s range %s-%s is reversed (accepted: low-high)", c.f.name, text, wt)
		}
		it.hi, it.text = w, text+"-"+wt
		return c.steps(it, true)
	case 'W':
		if c.f.days == monthDays {
			c.i++
			return c.end(item{kind: itemNearest, n: v, text: text + "W"})
		}
	case 'L':
		if c.f.days == weekDays {
			c.i++
			return c.end(item{kind: itemLastOf, n: v, text: text + "L"})
		}
		if c.f.days == monthDays {
			return it, c.errorf("day-of-month does not accept %q (accepted: L, LW or nW; nL is for day-of-week)", text+"L")
		}
	case '#':
		if c.f.days == weekDays {
			c.i++
			return c.nth(v, text)
		}
	}
	return c.steps(it, false)
}

// nth parses the k of n#k.
func (c *cursor) nth(v int, text string) (item, error) {
	k, kt, err := c.number("occurrence", 1, 5, "1-5")
	if err != nil {
		return item{}, err
	}
	return c.end(item{kind: itemNth, n: v, k: k, text: text + "#" + kt})
}

// steps parses an optional "/n"; a single value a with /n runs to the end
// of the field.
func (c *cursor) steps(it item, ranged bool) (item, error) {
	if c.peek() != '/' {
		return c.end(it)
	}
	if !c.f.allows('/') {
		return it, c.unexpected()
	}
	c.i++
	width := c.f.hi - c.f.lo + 1
	n, nt, err := c.number("increment", 1, width, "1-"+strconv.Itoa(width))
	if err != nil {
		return it, err
	}
	if !ranged {
		it.hi = c.f.hi
	}
	it.step, it.text = n, it.text+"/"+nt
	return c.end(it)
}

// value reads a number or a name of the field.
func (c *cursor) value() (int, string, error) {
	if isDigit(c.peek()) {
		return c.number("value", c.f.lo, c.f.hi, c.f.values)
	}
	start := c.i
	for c.i < len(c.s) && isLetter(c.s[c.i]) {
		c.i++
	}
	word := strings.ToUpper(c.s[start:c.i])
	if word == "" || c.f.names == nil {
		c.i = start
		return 0, "", c.unexpected()
	}
	for i, name := range c.f.names {
		if word == name {
			return c.f.lo + i, name, nil
		}
	}
	c.i = start
	return 0, "", c.errorf("%s value %q unknown (accepted: %s)", c.f.name, clip(word), c.f.values)
}

// number reads decimal digits and checks them against lo..hi, which the
// message spells as acc.
func (c *cursor) number(what string, lo, hi int, acc string) (int, string, error) {
	start := c.i
	v := 0
	for c.i < len(c.s) && isDigit(c.s[c.i]) {
		v = min(v*10+int(c.s[c.i]-'0'), 1<<30)
		c.i++
	}
	if c.i == start {
		return 0, "", c.unexpected()
	}
	if v < lo || v > hi {
		c.i = start
		return 0, "", c.errorf("%s %s %s out of range (accepted: %s)",
			c.f.name, what, clip(c.s[start:start+digits(c.s[start:])]), acc)
	}
	return v, strconv.Itoa(v), nil
}

// digits counts the leading decimal digits of s.
func digits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}
