package schedule

// dayKind is how a cron expression picks the days of a month.
type dayKind uint8

const (
	daysOfMonth     dayKind = iota // values, ranges and increments in day-of-month
	daysOfWeek                     // values and ranges in day-of-week
	daysLast                       // L in day-of-month: the last day
	daysLastWeekday                // LW: the last Monday-Friday of the month
	daysNearest                    // nW: the Monday-Friday nearest day n
	daysLastOf                     // nL in day-of-week: the last weekday n
	daysNth                        // n#k: the k-th weekday n
)

// dayRule picks the days of a month from whichever of day-of-month and
// day-of-week is not "?". Weekdays are numbered as in day-of-week,
// 1 = Sunday ... 7 = Saturday.
type dayRule struct {
	kind dayKind
	set  uint64 // daysOfMonth: bit d for day d
	// byFirst[w] is the daysOfWeek day bitset of a month whose first day is
	// weekday w+1.
	byFirst [7]uint64
	n, k    int
}

// monthDayRule builds the rule of a day-of-month field.
func monthDayRule(fl field) dayRule {
	it := fl.items[0]
	switch it.kind {
	case itemLast:
		return dayRule{kind: daysLast}
	case itemLastWeekday:
		return dayRule{kind: daysLastWeekday}
	case itemNearest:
		return dayRule{kind: daysNearest, n: it.n}
	}
	return dayRule{kind: daysOfMonth, set: bitset(fl, &domField)}
}

// weekDayRule builds the rule of a day-of-week field. L alone is the last
// day of the week, Saturday.
func weekDayRule(fl field) dayRule {
	it := fl.items[0]
	switch it.kind {
	case itemLastOf:
		return dayRule{kind: daysLastOf, n: it.n}
	case itemNth:
		return dayRule{kind: daysNth, n: it.n, k: it.k}
	case itemLast:
		return weekdaySet(1 << 7)
	}
	return weekdaySet(bitset(fl, &dowField))
}

// weekdaySet expands a set of weekdays into day bitsets, one per weekday
// of the first of the month.
func weekdaySet(weekdays uint64) dayRule {
	r := dayRule{kind: daysOfWeek}
	for first := range 7 {
		for d := 1; d <= 31; d++ {
			if weekdays&(1<<((first+d-1)%7+1)) != 0 {
				r.byFirst[first] |= 1 << d
			}
		}
	}
	return r
}

// mask returns the matching days of month mo of year y as a bitset.
func (r *dayRule) mask(y, mo int) uint64 {
	if mo < 1 || mo > 12 {
		return 0
	}
	dim := daysIn(y, mo)
	all := uint64(1)<<(dim+1) - 2
	switch r.kind {
	case daysOfMonth:
		return r.set & all
	case daysOfWeek:
		return r.byFirst[weekday(y, mo, 1)-1] & all
	case daysLast:
		return 1 << dim
	case daysLastWeekday:
		return 1 << nearestWeekday(y, mo, dim, dim)
	case daysNearest:
		if r.n > dim {
			return 0
		}
		return 1 << nearestWeekday(y, mo, r.n, dim)
	case daysLastOf:
		last := weekday(y, mo, dim)
		return 1 << (dim - (last-r.n+7)%7)
	}
	first := weekday(y, mo, 1)
	d := 1 + (r.n-first+7)%7 + 7*(r.k-1)
	if d > dim {
		return 0
	}
	return 1 << d
}

// nearestWeekday returns the Monday-Friday nearest day d of a month of dim
// days, without leaving the month: a Saturday moves to Friday unless it is
// the 1st (then Monday the 3rd), a Sunday to Monday unless it is the last
// day (then Friday).
func nearestWeekday(y, mo, d, dim int) int {
	switch weekday(y, mo, d) {
	case 7:
		if d == 1 {
			return 3
		}
		return d - 1
	case 1:
		if d == dim {
			return d - 2
		}
		return d + 1
	}
	return d
}

// weekday returns the day of the week of y-mo-d, 1 = Sunday ... 7 =
// Saturday, for y >= 1.
func weekday(y, mo, d int) int {
	return (daysFromCivil(y, mo, d)%7+7+4)%7 + 1 // 1970-01-01 was a Thursday
}

// daysFromCivil returns the days from 1970-01-01 to y-mo-d in the proleptic
// Gregorian calendar (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms", days_from_civil), for y >= 1.
func daysFromCivil(y, mo, d int) int {
	if mo <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	doy := (153*((mo+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// daysIn returns the number of days of month mo of year y.
func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
