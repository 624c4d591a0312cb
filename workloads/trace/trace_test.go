package trace

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// readAll drains rd, returning the records read before the first error and
// that error (nil at io.EOF). It fails the test if rd does not stop.
func readAll(t testing.TB, rd Reader, limit int) ([]Record, error) {
	t.Helper()
	var recs []Record
	for range limit + 2 {
		rec, err := rd.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
	t.Fatalf("reader did not stop after %d records", limit+2)
	return nil, nil
}

// checkInvariants checks what every Reader promises of its records.
func checkInvariants(t testing.TB, recs []Record) {
	t.Helper()
	for i, r := range recs {
		if r.Duration < 0 || r.CPU < 0 || r.MemoryMiB < 0 || r.Count < 1 || r.Line < 1 || r.Submit < 0 {
			t.Fatalf("record %d out of range: %+v", i, r)
		}
		if i > 0 && r.Submit < recs[i-1].Submit {
			t.Fatalf("record %d submitted at %v, before record %d at %v", i, r.Submit, i-1, recs[i-1].Submit)
		}
	}
}

// wantRowError checks that err is a *RowError for line and column whose
// message contains msg.
func wantRowError(t *testing.T, err error, line int, column, msg string) {
	t.Helper()
	var re *RowError
	if !errors.As(err, &re) {
		t.Fatalf("got error %v (%T), want a *RowError", err, err)
	}
	if re.Line != line || re.Column != column || !strings.Contains(re.Msg, msg) {
		t.Fatalf("got RowError{Line: %d, Column: %q, Msg: %q}, want line %d, column %q, message containing %q",
			re.Line, re.Column, re.Msg, line, column, msg)
	}
}

func TestNewUnknownFormat(t *testing.T) {
	_, err := New("parquet", strings.NewReader(""), Options{})
	if err == nil {
		t.Fatal("unknown format accepted")
	}
	for _, f := range []string{CSV, Google2011, Alibaba2018, "parquet"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %q", err, f)
		}
	}
}

func TestNewBadOptions(t *testing.T) {
	for _, o := range []Options{{CPUUnitsPerCore: -1}, {MachineCPUUnits: -0.5}, {MachineMemoryMiB: -2}} {
		if _, err := New(Google2011, strings.NewReader(""), o); err == nil {
			t.Errorf("New accepted %+v", o)
		}
	}
}

func TestConcreteTypes(t *testing.T) {
	for format, want := range map[string]string{CSV: "*trace.CSVReader", Google2011: "*trace.Google2011Reader", Alibaba2018: "*trace.Alibaba2018Reader"} {
		rd, err := New(format, strings.NewReader("submitSeconds,durationSeconds,cpu,memory\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%T", rd); got != want {
			t.Errorf("New(%q) is %s, want %s", format, got, want)
		}
	}
}

func TestRowErrorFormat(t *testing.T) {
	e := &RowError{Line: 12, Column: "durationSeconds", Msg: `must be a number >= 0 (got "abc")`}
	if got, want := e.Error(), `line 12: durationSeconds: must be a number >= 0 (got "abc")`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e = &RowError{Line: 3, Msg: "has 4 fields, want 5"}
	if got, want := e.Error(), "line 3: has 4 fields, want 5"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIsDecimal(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "12": true, "1.5": true, ".5": true, "5.": true, "1e3": true, "2.5E-2": true,
		"": false, ".": false, "-1": false, "+1": false, "1e": false, "e3": false, "Inf": false,
		"NaN": false, "0x10": false, "1_000": false, "1.2.3": false, " 1": false,
	} {
		if got := isDecimal(s); got != want {
			t.Errorf("isDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}
