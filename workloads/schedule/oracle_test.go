package schedule

import (
	"slices"
	"testing"
	"time"
)

// oracle decides whether a minute fires by reading the parsed items
// directly with the time package, independently of the bitsets, day masks
// and field stepping that Next uses.
type oracle [6]field

func newOracle(t *testing.T, expr string) oracle {
	t.Helper()
	p := &parser{src: expr}
	body, err := p.body("cron")
	if err != nil {
		t.Fatal(err)
	}
	var o oracle
	specs := [6]*fieldSpec{&minuteField, &hourField, &domField, &monthField, &dowField, &yearField}
	for i, sp := range fields(body) {
		if o[i], err = p.parseField(specs[i], sp); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// inField reports whether v is one of the values of a field's set items:
// v is lo plus a multiple of step, counting around the field's cycle.
func inField(fl field, f *fieldSpec, v int) bool {
	size := f.hi - f.lo + 1
	for _, it := range fl.items {
		off := ((v-it.lo)%size + size) % size
		span := ((it.hi-it.lo)%size + size) % size
		if off <= span && off%it.step == 0 {
			return true
		}
	}
	return false
}

func (o oracle) fires(tm time.Time) bool {
	return inField(o[0], &minuteField, tm.Minute()) && inField(o[1], &hourField, tm.Hour()) && o.day(tm)
}

// day reports whether the day, month and year of tm match.
func (o oracle) day(tm time.Time) bool {
	if !inField(o[3], &monthField, int(tm.Month())) || tm.Year() < minYear || tm.Year() > maxYear ||
		!inField(o[5], &yearField, tm.Year()) {
		return false
	}
	if o[2].items[0].kind == itemAny {
		return weekOK(o[4], tm)
	}
	return monthOK(o[2], tm)
}

func isWorkday(tm time.Time) bool {
	return tm.Weekday() != time.Saturday && tm.Weekday() != time.Sunday
}

// monthOK evaluates day-of-month items.
func monthOK(fl field, tm time.Time) bool {
	it := fl.items[0]
	d := tm.Day()
	dim := time.Date(tm.Year(), tm.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch it.kind {
	case itemLast:
		return d == dim
	case itemLastWeekday: // a workday with no workday after it in the month
		return isWorkday(tm) && slices.IndexFunc(daysOfMonthOf(tm)[d:], isWorkday) < 0
	case itemNearest: // the workday of the month nearest day n
		if it.n > dim || !isWorkday(tm) {
			return false
		}
		for _, other := range daysOfMonthOf(tm) {
			if isWorkday(other) && abs(other.Day()-it.n) < abs(d-it.n) {
				return false
			}
		}
		return true
	}
	return inField(fl, &domField, d)
}

// weekOK evaluates day-of-week items; weekdays count 1 = Sunday.
func weekOK(fl field, tm time.Time) bool {
	it := fl.items[0]
	wd := int(tm.Weekday()) + 1
	switch it.kind {
	case itemLast:
		return wd == 7
	case itemLastOf:
		return wd == it.n && tm.AddDate(0, 0, 7).Month() != tm.Month()
	case itemNth:
		return wd == it.n && (tm.Day()-1)/7 == it.k-1
	}
	return inField(fl, &dowField, wd)
}

// daysOfMonthOf returns midnight of every day of tm's month.
func daysOfMonthOf(tm time.Time) []time.Time {
	var out []time.Time
	for d := time.Date(tm.Year(), tm.Month(), 1, 0, 0, 0, 0, time.UTC); d.Month() == tm.Month(); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

func abs(x int) int { return max(x, -x) }

// TestNextMatchesOracle compares Next, firing by firing, with a
// minute-by-minute scan by the oracle over windows that cross a year end,
// a leap February, a common-century February and the W edge cases of 2022.
func TestNextMatchesOracle(t *testing.T) {
	exprs := []string{
		"cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
		"cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)",
		"cron(0/30 20-2 ? * MON-FRI *)", "cron(5,35 14 * * ? *)", "cron(15 10 ? * 6L 2019-2023)",
		"cron(0 0 L * ? *)", "cron(0 0 LW * ? *)", "cron(30 9 1W * ? *)", "cron(30 9 15W * ? *)",
		"cron(30 9 30W * ? *)", "cron(30 9 31W * ? *)", "cron(0 12 ? * 3#2 *)", "cron(0 12 ? * 6#5 *)",
		"cron(0 12 ? * 1#1 *)", "cron(0 12 ? * L *)", "cron(0 12 ? * 1L *)", "cron(7 1/5 28-3 * ? *)",
		"cron(50-10/7 22-1/3 ? * FRI-MON *)", "cron(0 0 29 FEB ? *)", "cron(0 0 1,15,31 JAN,MAR,NOV-FEB ? *)",
		"cron(*/13 */7 */9 */5 ? */2)", "cron(0 6 ? * SUN,WED,SAT 2022,2024)", "cron(59 23 31 DEC ? *)",
	}
	windows := [][2]time.Time{
		{utc(2023, 12, 25, 0, 0), utc(2024, 3, 10, 0, 0)},
		{utc(2022, 4, 20, 0, 0), utc(2022, 8, 5, 0, 0)},
		{utc(2100, 1, 25, 0, 0), utc(2100, 3, 5, 0, 0)},
	}
	for _, expr := range exprs {
		s, o := mustParse(t, expr), newOracle(t, expr)
		total := 0
		for _, w := range windows {
			want := scan(o, w[0], w[1])
			total += len(want)
			var got []time.Time
			for at, ok := s.Next(w[0]); ok && at.Before(w[1]); at, ok = s.Next(at) {
				got = append(got, at)
			}
			if !slices.EqualFunc(got, want, time.Time.Equal) {
				t.Errorf("%s in [%v, %v): Next gives %d firings, the oracle %d; first difference %s",
					expr, w[0], w[1], len(got), len(want), firstDiff(got, want))
			}
		}
		if total == 0 {
			t.Errorf("%s: no firing in any window; the comparison proves nothing", expr)
		}
	}
}

// scan lists the oracle's firings in (from, to), minute by minute.
func scan(o oracle, from, to time.Time) []time.Time {
	var out []time.Time
	for day := from.Truncate(24 * time.Hour); day.Before(to); day = day.AddDate(0, 0, 1) {
		if !o.day(day) {
			continue
		}
		for tm := day; tm.Before(day.AddDate(0, 0, 1)) && tm.Before(to); tm = tm.Add(time.Minute) {
			if tm.After(from) && o.fires(tm) {
				out = append(out, tm)
			}
		}
	}
	return out
}

func firstDiff(got, want []time.Time) string {
	for i := range min(len(got), len(want)) {
		if !got[i].Equal(want[i]) {
			return "at " + got[i].String() + " vs " + want[i].String()
		}
	}
	return "in length"
}
