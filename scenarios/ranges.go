package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Every number and duration of the scenario format carries a `range` tag,
// checked by one walker after the field-specific validation: a value must
// be finite and inside its range, whatever the field. The tag is
// "[lo,hi] unit" with brackets for inclusive bounds and parentheses for
// exclusive ones; bounds of durations are durations ("[0s,1h]"). "any"
// marks a field every value of its Go type suits (a seed). A plain
// (non-pointer) number equal to 0 is taken as unset and left to the field's
// own validation; a pointer, a Duration or a TaskSize that is set is always
// checked. TestEveryNumberHasARange holds that no numeric field lacks a
// tag, and TestRangesRejectHostileValues feeds NaN, ±Inf, −1, 1e300 and the
// largest integer to every one.

// bound is a parsed range tag.
type bound struct {
	any            bool
	lo, hi         float64 // seconds for durations
	loOpen, hiOpen bool
	unit           string
	duration       bool
}

// parseRange reads a range tag; it panics on a malformed tag (a programming
// error, caught by the tests).
func parseRange(tag string, duration bool) bound {
	if tag == "any" {
		return bound{any: true}
	}
	spec, unit, _ := strings.Cut(tag, " ")
	if len(spec) < 5 || !strings.ContainsRune("[(", rune(spec[0])) || !strings.ContainsRune("])", rune(spec[len(spec)-1])) {
		panic("scenarios: bad range tag " + tag)
	}
	lo, hi, ok := strings.Cut(spec[1:len(spec)-1], ",")
	if !ok {
		panic("scenarios: bad range tag " + tag)
	}
	b := bound{loOpen: spec[0] == '(', hiOpen: spec[len(spec)-1] == ')', unit: unit, duration: duration}
	b.lo, b.hi = b.value(lo), b.value(hi)
	return b
}

// value parses a bound of the tag: a duration or a number.
func (b bound) value(s string) float64 {
	if b.duration {
		d, err := ParseDuration(s)
		if err != nil {
			panic("scenarios: bad duration bound " + s)
		}
		return d.Seconds()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("scenarios: bad bound " + s)
	}
	return x
}

// check returns "" if x is in the range, else what is wrong.
func (b bound) check(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprintf("must be a finite number (got %v)", x)
	}
	if b.any {
		return ""
	}
	low := x < b.lo || b.loOpen && x == b.lo
	high := x > b.hi || b.hiOpen && x == b.hi
	if !low && !high {
		return ""
	}
	return fmt.Sprintf("must be %s (got %s)", b.text(), b.format(x))
}

// text says the range in words: "at least 1 and at most 100 percent".
func (b bound) text() string {
	if b.any {
		return "any value"
	}
	from, to := "at least", "at most"
	if b.loOpen {
		from = "greater than"
	}
	if b.hiOpen {
		to = "below"
	}
	unit := ""
	if b.unit != "" {
		unit = " " + b.unit
	}
	return fmt.Sprintf("%s %s and %s %s%s", from, b.format(b.lo), to, b.format(b.hi), unit)
}

// Range is a field's range tag as the validator reads it, for tools that
// describe the format (schema/): bounds in seconds for durations, open
// bounds excluded, Any for a field every value of its Go type suits. Text
// says it in the words of the validation messages.
type Range struct {
	Any            bool
	Lo, Hi         float64
	LoOpen, HiOpen bool
	Unit           string
	Text           string
}

// FieldRange reads a range tag (ranges.go), of a duration field when
// duration is set; it panics on a malformed tag, as the validator does.
func FieldRange(tag string, duration bool) Range {
	b := parseRange(tag, duration)
	return Range{Any: b.any, Lo: b.lo, Hi: b.hi, LoOpen: b.loOpen, HiOpen: b.hiOpen, Unit: b.unit, Text: b.text()}
}

// format writes x as the tag's kind of value.
func (b bound) format(x float64) string {
	if b.duration {
		return FormatDuration(time.Duration(x * float64(time.Second)))
	}
	if math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

var (
	durationType = reflect.TypeFor[Duration]()
	taskSizeType = reflect.TypeFor[TaskSize]()
	variantsType = reflect.TypeFor[Variants]()
)

// checkRanges walks f and reports every number outside its field's range,
// unless the field already has an error.
func (v *validator) checkRanges(f *File) {
	had := map[string]bool{}
	for _, e := range v.errs {
		had[e.Field] = true
	}
	v.walkRanges(reflect.ValueOf(f).Elem(), "", "", had)
}

// walkRanges checks the numbers in rv, at path, against the range tag
// (that of the field rv is, or is an element of) and walks what rv holds;
// had holds the paths that already have an error.
func (v *validator) walkRanges(rv reflect.Value, path, tag string, had map[string]bool) {
	switch t := rv.Type(); {
	case t == durationType:
		if d := rv.Interface().(Duration); d.Set {
			v.reportRange(path, tag, d.D.Seconds(), true, had)
		}
	case t == taskSizeType:
		if s := rv.Interface().(TaskSize); s.Set {
			v.reportRange(path, tag, float64(s.N), false, had)
		}
	case t == variantsType:
		// Variants are applied to the YAML and validated as scenarios.
	case rv.Kind() == reflect.Pointer:
		v.walkPointer(rv, path, tag, had)
	case isNumber(rv.Kind()):
		if x := number(rv); x != 0 || math.IsNaN(x) {
			v.reportRange(path, tag, x, false, had)
		}
	case rv.Kind() == reflect.Struct:
		v.walkStruct(rv, path, had)
	case rv.Kind() == reflect.Slice:
		for i := range rv.Len() {
			v.walkRanges(rv.Index(i), index(path, i), tag, had)
		}
	case rv.Kind() == reflect.Map:
		v.walkMap(rv, path, tag, had)
	}
}

// reportRange reports x, at path, when it is outside the range tag and
// path has no error yet.
func (v *validator) reportRange(path, tag string, x float64, duration bool, had map[string]bool) {
	if tag == "" {
		return // a container of numbers: its elements carry the tag
	}
	if msg := parseRange(tag, duration).check(x); msg != "" && !had[path] {
		had[path] = true
		v.errf(path, "%s", msg)
	}
}

// walkPointer checks the number a set pointer points to, or walks what it
// points to.
func (v *validator) walkPointer(rv reflect.Value, path, tag string, had map[string]bool) {
	if rv.IsNil() {
		return
	}
	if e := rv.Elem(); isNumber(e.Kind()) {
		v.reportRange(path, tag, number(e), false, had)
	} else {
		v.walkRanges(e, path, tag, had)
	}
}

// walkStruct walks the yaml fields of a struct, each with its range tag.
func (v *validator) walkStruct(rv reflect.Value, path string, had map[string]bool) {
	t := rv.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		v.walkRanges(rv.Field(i), join(path, name), sf.Tag.Get("range"), had)
	}
}

// walkMap walks the values of a map in the order of their keys.
func (v *validator) walkMap(rv reflect.Value, path, tag string, had map[string]bool) {
	keys := rv.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		v.walkRanges(rv.MapIndex(k), join(path, k.String()), tag, had)
	}
}

// isNumber reports whether k is a kind of number the scenario format uses.
func isNumber(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64:
		return true
	}
	return false
}

// number is the value of a number of any kind isNumber accepts.
func number(rv reflect.Value) float64 {
	switch rv.Kind() {
	case reflect.Int, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint64:
		return float64(rv.Uint())
	}
	return rv.Float()
}
