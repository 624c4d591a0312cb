package trace

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Record is one submission: Count tasks of CPU units and MemoryMiB each,
// submitted Submit after the trace's start, each running for Duration.
// TaskDefinition is optional (the CSV column), "" when absent.
type Record struct {
	Submit         time.Duration
	Duration       time.Duration
	CPU            int64 // CPU units, 1 vCPU = 1024
	MemoryMiB      int64
	Count          int
	TaskDefinition string
	Line           int // line (1-based) of the row the record came from, for messages
}

// Options control reading. The zero value reads strictly (the first bad row
// is an error) with the default conversion factors of each format.
type Options struct {
	// SkipBadRows skips malformed rows (counting them in Reader.Skipped)
	// instead of failing.
	SkipBadRows bool

	// Conversion factors for normalised traces (see each format's doc
	// comment for defaults). Zero means the format's default; a negative,
	// infinite or NaN factor makes New fail. The CSV format ignores them.

	// CPUUnitsPerCore is the number of CPU units in one core (Alibaba:
	// plan_cpu 100 = 1 core). Default DefaultCPUUnitsPerCore (1024).
	CPUUnitsPerCore float64
	// MachineCPUUnits is the number of CPU units of the largest machine
	// (Google: CPU request 1.0 = the largest machine's CPU). Default
	// DefaultGoogleMachineCPUUnits (32768).
	MachineCPUUnits float64
	// MachineMemoryMiB is the memory of the largest machine in MiB (Google
	// and Alibaba: memory normalised to the largest machine). Default
	// DefaultGoogleMachineMemoryMiB (131072) for Google2011 and
	// DefaultAlibabaMachineMemoryMiB (393216) for Alibaba2018.
	MachineMemoryMiB float64
}

// Reader yields records in non-decreasing Submit order; Next returns io.EOF
// at the end.
//
// In strict mode (Options.SkipBadRows false) the first bad row makes Next
// return a *RowError; errors are sticky: every later call returns the same
// error.
type Reader interface {
	Next() (Record, error)
	// Skipped returns the number of bad rows skipped so far (SkipBadRows).
	Skipped() int
}

// Formats accepted by New.
const (
	// CSV is ecsim's own header-first CSV format; see CSVReader.
	CSV = "csv"
	// Google2011 is the task_events table of Google's clusterdata-2011-2
	// trace; see Google2011Reader.
	Google2011 = "google2011"
	// Alibaba2018 is the batch_task table of Alibaba's cluster-trace-v2018;
	// see Alibaba2018Reader.
	Alibaba2018 = "alibaba2018"
)

// Default conversion factors (see doc.go, "Unit conversions", for sources).
const (
	// DefaultCPUUnitsPerCore maps one core to one vCPU = 1024 CPU units,
	// as ECS does.
	DefaultCPUUnitsPerCore = 1024
	// DefaultGoogleMachineCPUUnits takes a Google 2011 CPU request of 1.0
	// (the largest machine) as 32 vCPUs = 32768 units. The trace does not
	// publish absolute sizes; this is an assumption.
	DefaultGoogleMachineCPUUnits = 32 * 1024
	// DefaultGoogleMachineMemoryMiB takes a Google 2011 memory request of
	// 1.0 as 128 GiB = 131072 MiB (4 GiB per vCPU of the assumed 32-vCPU
	// machine, the ratio of general-purpose EC2 instances). An assumption.
	DefaultGoogleMachineMemoryMiB = 128 * 1024
	// DefaultAlibabaMachineMemoryMiB takes an Alibaba 2018 plan_mem of 100
	// (the largest machine) as 384 GiB = 393216 MiB: 4 GiB per core of the
	// trace's 96-core machines. The absolute size is not published; this
	// is an assumption.
	DefaultAlibabaMachineMemoryMiB = 384 * 1024
)

var formats = []string{CSV, Google2011, Alibaba2018}

// New returns a Reader for the named format reading r. An unknown format is
// an error listing the accepted ones; so is a bad conversion factor in opts.
// For CSV, New reads and checks the header line; for the other formats it
// reads nothing (the input is loaded on the first call to Next).
//
// The concrete types are *CSVReader, *Google2011Reader and
// *Alibaba2018Reader; type-assert to reach their extra methods (Dropped).
func New(format string, r io.Reader, opts Options) (Reader, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	r = limit(r)
	switch format {
	case CSV:
		return newCSV(r, opts)
	case Google2011:
		return newGoogle(r, opts), nil
	case Alibaba2018:
		return newAlibaba(r, opts), nil
	}
	return nil, fmt.Errorf("trace: unknown format %q (accepted: %s)", format, strings.Join(formats, ", "))
}

func (o Options) check() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"CPUUnitsPerCore", o.CPUUnitsPerCore}, {"MachineCPUUnits", o.MachineCPUUnits}, {"MachineMemoryMiB", o.MachineMemoryMiB}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("trace: Options.%s must be a finite number >= 0 (0 = default), got %v", f.name, f.v)
		}
	}
	return nil
}

// orDefault returns v, or def when v is zero.
func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// RowError is a bad row: the 1-based line, the column name if known, and
// what is wrong.
type RowError struct {
	Line   int
	Column string
	Msg    string
}

// Error formats the error as `line 12: durationSeconds: must be a number >= 0 (got "abc")`,
// leaving out the column when it is not known.
func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s: %s", e.Line, e.Column, e.Msg)
}

// badValue builds the RowError for a value that is not of the wanted form.
func badValue(line int, col, want, got string) *RowError {
	return &RowError{Line: line, Column: col, Msg: fmt.Sprintf("must be %s (got %s)", want, short(got))}
}

// Limits keeping conversions exact and overflow-free.
const (
	maxSize    = 1 << 53                  // largest CPU units / MiB / count accepted
	maxSeconds = 9e9                      // largest time in seconds accepted (~285 years; fits a time.Duration)
	maxMicros  = math.MaxInt64 / 1000     // largest time in µs a time.Duration holds
	wantNumber = "a number >= 0"          // message for decimal columns
	wantInt    = "an integer >= 0"        // message for integer columns
	wantCount  = "an integer >= 1"        // message for counts
	missingMsg = "missing value"          // message for an empty required column
	tooLarge   = "is too large (got %s)"  // message for out-of-range values
	wantPct    = "a number in [0, 100]"   // message for Alibaba's normalised memory
	wantEvent  = "an integer in [0, 8]"   // message for Google event types
	wantFields = "has %d fields, want %d" // message for a wrong field count
)

// isDecimal reports whether s is an unsigned decimal number: digits with an
// optional fraction and exponent ("12", "0.5", ".5", "1e3"). It rejects
// signs, hex, underscores, "Inf" and "NaN", which strconv.ParseFloat accepts.
func isDecimal(s string) bool {
	i := skipDigits(s, 0)
	digits := i
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		digits += j - (i + 1)
		i = j
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		var ok bool
		if i, ok = skipExponent(s, i+1); !ok {
			return false
		}
	}
	return i == len(s)
}

// skipDigits returns the index in s just past the run of ASCII digits that
// starts at i (i itself when there is none).
func skipDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// skipExponent reads the part of an exponent after its 'e' or 'E', starting
// at i: an optional sign and at least one digit. It returns the index just
// past it, and false when there is no digit.
func skipExponent(s string, i int) (int, bool) {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := skipDigits(s, i)
	return j, j > i
}

// parseNumber parses a non-negative decimal column.
func parseNumber(s string, line int, col string) (float64, *RowError) {
	if s == "" {
		return 0, &RowError{Line: line, Column: col, Msg: missingMsg}
	}
	if !isDecimal(s) {
		return 0, badValue(line, col, wantNumber, s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, &RowError{Line: line, Column: col, Msg: fmt.Sprintf(tooLarge, short(s))}
	}
	return v, nil
}

// parseInt parses a non-negative integer column no larger than max.
func parseInt(s string, line int, col string, max int64) (int64, *RowError) {
	if s == "" {
		return 0, &RowError{Line: line, Column: col, Msg: missingMsg}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil && errors.Is(err, strconv.ErrRange) && v > 0 {
		return 0, &RowError{Line: line, Column: col, Msg: fmt.Sprintf(tooLarge, short(s))}
	}
	if err != nil || v < 0 {
		return 0, badValue(line, col, wantInt, s)
	}
	if v > max {
		return 0, &RowError{Line: line, Column: col, Msg: fmt.Sprintf(tooLarge, short(s))}
	}
	return v, nil
}

// seconds converts a non-negative number of seconds to a Duration, rounding
// to the nearest nanosecond.
func seconds(v float64, raw string, line int, col string) (time.Duration, *RowError) {
	if v > maxSeconds {
		return 0, &RowError{Line: line, Column: col, Msg: fmt.Sprintf(tooLarge, short(raw))}
	}
	return time.Duration(math.Round(v * 1e9)), nil
}

// scale converts a normalised value to integer units: round(v × factor).
func scale(v, factor float64, raw string, line int, col string) (int64, *RowError) {
	x := math.Round(v * factor)
	if math.IsNaN(x) || x > maxSize {
		return 0, &RowError{Line: line, Column: col, Msg: fmt.Sprintf(tooLarge, short(raw))}
	}
	return int64(x), nil
}

// badRows implements the bad-row policy shared by the readers.
type badRows struct {
	skip    bool
	skipped int
}

// bad reports whether reading must stop on e; otherwise it counts e as skipped.
func (b *badRows) bad(e *RowError) bool {
	if b.skip {
		b.skipped++
		return false
	}
	return true
}

// Skipped returns the number of bad rows skipped so far.
func (b *badRows) Skipped() int { return b.skipped }

// readRow reads the next row of cr with its line number. A CSV syntax error
// (a stray quote) is a bad row: skipped under b's policy, else returned as a
// *RowError. Progress is insisted on, so a reader stuck on one spot cannot
// loop. Other errors, io.EOF included, are returned as they are.
func readRow(cr *csv.Reader, b *badRows) ([]string, int, error) {
	lastBad := int64(-1)
	for {
		fields, err := cr.Read()
		if err == nil {
			line, _ := cr.FieldPos(0)
			return fields, line, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && cr.InputOffset() != lastBad {
			lastBad = cr.InputOffset()
			re := &RowError{Line: pe.StartLine, Msg: pe.Err.Error()}
			if !b.bad(re) {
				continue
			}
			return nil, 0, re
		}
		return nil, 0, err
	}
}

// newRowReader returns a csv.Reader for the headerless trace formats.
func newRowReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// sortedRecords is the state of a reader that reads its whole input on the
// first Next and then hands out the records in Submit order.
type sortedRecords struct {
	loaded  bool
	recs    []Record
	next    int
	dropped int
	err     error
}

// nextRecord loads the records with load on the first call, then returns
// them one by one and io.EOF at the end. Errors are sticky.
func (r *sortedRecords) nextRecord(load func() error) (Record, error) {
	if !r.loaded {
		r.loaded = true
		r.err = load()
	}
	if r.err != nil {
		return Record{}, r.err
	}
	if r.next == len(r.recs) {
		return Record{}, io.EOF
	}
	r.next++
	return r.recs[r.next-1], nil
}
