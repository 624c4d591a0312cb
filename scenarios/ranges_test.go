package scenarios

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// leaf is a numeric field of the scenario format: its path (with [0] for
// list entries and "k" for map keys), its Go type and its range tag.
type leaf struct {
	path  []step
	name  string
	typ   reflect.Type
	tag   string
	field string
}

// step is how to reach the next value: a struct field, a list entry or a
// map key.
type step struct {
	field int
	kind  reflect.Kind
}

// leaves lists every numeric field reachable from t.
func leaves(t reflect.Type, prefix []step, name string, seen map[reflect.Type]int) []leaf {
	if seen[t] > 1 {
		return nil
	}
	seen[t]++
	defer func() { seen[t]-- }()
	var out []leaf
	for i := range t.NumField() {
		sf := t.Field(i)
		yname, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if yname == "" || !sf.IsExported() || sf.Type == variantsType {
			continue
		}
		path := append(append([]step(nil), prefix...), step{field: i})
		full := join(name, yname)
		ft := sf.Type
		for {
			switch {
			case ft == durationType || ft == taskSizeType || isNumber(ft.Kind()):
				out = append(out, leaf{path: path, name: full, typ: ft, tag: sf.Tag.Get("range"), field: sf.Name})
			case ft.Kind() == reflect.Pointer:
				ft = ft.Elem()
				path = append(path, step{kind: reflect.Pointer})
				continue
			case ft.Kind() == reflect.Slice:
				ft = ft.Elem()
				path = append(path, step{kind: reflect.Slice})
				full += "[0]"
				continue
			case ft.Kind() == reflect.Map:
				ft = ft.Elem()
				path = append(path, step{kind: reflect.Map})
				full += ".k"
				continue
			case ft.Kind() == reflect.Struct:
				out = append(out, leaves(ft, path, full, seen)...)
			}
			break
		}
	}
	return out
}

// TestEveryNumberHasARange: every number and duration of the scenario
// format carries a range tag that parses, so the walker checks it; a new
// field without one fails here.
func TestEveryNumberHasARange(t *testing.T) {
	ls := leaves(reflect.TypeFor[File](), nil, "", map[reflect.Type]int{})
	if len(ls) < 100 {
		t.Fatalf("only %d numeric fields found", len(ls))
	}
	for _, l := range ls {
		if l.tag == "" {
			t.Errorf("%s (%s) has no range tag", l.name, l.field)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: %v", l.name, r)
				}
			}()
			parseRange(l.tag, l.typ == durationType)
		}()
	}
}

// set builds a File holding x at leaf l (allocating the way there).
func (l leaf) set(x reflect.Value) *File {
	f := &File{}
	rv := reflect.ValueOf(f).Elem()
	for i, s := range l.path {
		last := i == len(l.path)-1
		switch {
		case s.kind == reflect.Pointer:
			rv.Set(reflect.New(rv.Type().Elem()))
			rv = rv.Elem()
		case s.kind == reflect.Slice:
			rv.Set(reflect.MakeSlice(rv.Type(), 1, 1))
			rv = rv.Index(0)
		case s.kind == reflect.Map:
			m := reflect.MakeMap(rv.Type())
			elem := reflect.New(rv.Type().Elem()).Elem()
			if last {
				elem.Set(x)
				m.SetMapIndex(reflect.ValueOf("k"), elem)
				rv.Set(m)
				return f
			}
			// A map of structs: build the entry, then store it.
			rest := leaf{path: l.path[i+1:]}
			holder := reflect.New(rv.Type().Elem())
			rest.walkSet(holder.Elem(), x)
			m.SetMapIndex(reflect.ValueOf("k"), holder.Elem())
			rv.Set(m)
			return f
		default:
			rv = rv.Field(s.field)
		}
	}
	rv.Set(x)
	return f
}

// walkSet follows l.path from rv and stores x at its end.
func (l leaf) walkSet(rv reflect.Value, x reflect.Value) {
	for _, s := range l.path {
		switch s.kind {
		case reflect.Pointer:
			rv.Set(reflect.New(rv.Type().Elem()))
			rv = rv.Elem()
		case reflect.Slice:
			rv.Set(reflect.MakeSlice(rv.Type(), 1, 1))
			rv = rv.Index(0)
		default:
			rv = rv.Field(s.field)
		}
	}
	rv.Set(x)
}

// hostile returns the values that must be rejected for a field of type t
// with range tag tag: NaN, ±Inf, −1, 1e300 and the largest integer, as
// far as the type can hold them and the range excludes them.
func hostile(t reflect.Type, tag string) []reflect.Value {
	b := parseRange(tag, t == durationType)
	var out []reflect.Value
	add := func(x float64, v reflect.Value) {
		if !b.any && b.check(x) != "" {
			out = append(out, v)
		}
	}
	switch {
	case t == durationType:
		add(-1, reflect.ValueOf(Duration{D: -time.Second, Set: true}))
		add(float64(1<<62)/1e9, reflect.ValueOf(Duration{D: 1 << 62, Set: true}))
	case t == taskSizeType:
		add(-1, reflect.ValueOf(TaskSize{N: -1, Set: true}))
		add(math.MaxInt64, reflect.ValueOf(TaskSize{N: math.MaxInt64, Set: true}))
	case t.Kind() == reflect.Float64:
		for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 1e300} {
			if math.IsNaN(x) || math.IsInf(x, 0) || b.check(x) != "" {
				out = append(out, reflect.ValueOf(x).Convert(t))
			}
		}
	case t.Kind() == reflect.Uint64:
		add(math.MaxUint64, reflect.ValueOf(uint64(math.MaxUint64)).Convert(t))
	default:
		add(-1, reflect.ValueOf(int64(-1)).Convert(t))
		add(math.MaxInt64, reflect.ValueOf(int64(math.MaxInt64)).Convert(t))
	}
	return out
}

// TestRangesRejectHostileValues feeds NaN, ±Inf, −1, 1e300 and the largest
// integer to every numeric and duration field of the scenario format, one
// at a time, and expects the walker to reject each with an error naming
// that field and, for out-of-range values, the range and unit. The fields
// come from the types, so a new field is covered without anyone
// remembering.
func TestRangesRejectHostileValues(t *testing.T) {
	ls := leaves(reflect.TypeFor[File](), nil, "", map[reflect.Type]int{})
	checked := 0
	for _, l := range ls {
		if l.tag == "" {
			continue // TestEveryNumberHasARange reports it
		}
		for _, x := range hostile(l.typ, l.tag) {
			f := l.set(x)
			v := &validator{file: "t.yaml", pos: map[string]Pos{}}
			v.checkRanges(f)
			found := false
			for _, e := range v.errs {
				found = found || e.Field == l.name
			}
			if !found {
				t.Errorf("%s = %v accepted (range %s); errors: %v", l.name, x, l.tag, v.errs)
			}
			checked++
		}
	}
	if checked < 250 {
		t.Fatalf("only %d hostile values checked", checked)
	}
}

// TestRangeMessages: the messages give the range and the unit.
func TestRangeMessages(t *testing.T) {
	for tag, want := range map[string]string{
		"[0,1]":                  "must be at least 0 and at most 1 (got 2000000)",
		"(0,1000000] per minute": "must be greater than 0 and at most 1000000 per minute (got 2000000)",
		"[0,1e12]":               "",
	} {
		if got := parseRange(tag, false).check(2e6); got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
	if got := parseRange("[0s,1h]", true).check(7200); got != "must be at least 0s and at most 1h (got 2h)" {
		t.Errorf("duration: %q", got)
	}
	if got := parseRange("any", false).check(math.NaN()); !strings.Contains(got, "finite") {
		t.Errorf("NaN with any: %q", got)
	}
}

// TestErrorsQuoteAShortPrefix: an error never echoes a hostile value whole
// (README "Limits"): quoted values and field paths are cut to a prefix and
// their length.
func TestErrorsQuoteAShortPrefix(t *testing.T) {
	long := strings.Repeat("x", 100000)
	_, err := Parse("t.yaml", ".", []byte("cluster:\n  containerInstances: [{instanceType: \""+long+"\"}]\n"))
	if err == nil || len(err.Error()) > 1000 || !strings.Contains(err.Error(), "(100000 bytes)") {
		t.Fatalf("error of %d bytes: %.300s", len(err.Error()), err)
	}
	if got := shortenQuoted(`a "short" b`); got != `a "short" b` {
		t.Errorf("short value changed: %s", got)
	}
	if got := shortenQuoted(`unknown "` + strings.Repeat("é", 100) + `" here`); !strings.Contains(got, "… (200 bytes) here") && !strings.Contains(got, "…\" (200 bytes) here") {
		t.Errorf("multi-byte value cut badly: %s", got)
	}
}
