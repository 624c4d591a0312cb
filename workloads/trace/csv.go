package trace

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSV column names.
const (
	colSubmit   = "submitSeconds"
	colDuration = "durationSeconds"
	colCPU      = "cpu"
	colMemory   = "memory"
	colCount    = "count"
	colTaskDef  = "taskDefinition"
)

// csvColumns lists the accepted columns; the first four are required.
var csvColumns = []string{colSubmit, colDuration, colCPU, colMemory, colCount, colTaskDef}

const csvRequired = 4

// CSVReader reads ecsim's own CSV format, streaming: it holds one row at a
// time, so memory stays constant however long the input.
//
// The first line that is neither blank nor a comment is a header naming the
// columns, in any order:
//
//	submitSeconds,durationSeconds,cpu,memory[,count][,taskDefinition]
//
// The first four are required; an unknown or repeated column is an error
// listing the accepted ones. Each later row gives:
//
//   - submitSeconds, durationSeconds: non-negative decimal seconds
//     ("90", "1.5", "2e3"), rounded to the nearest nanosecond.
//     Example: submitSeconds 1.5 → Record.Submit 1.5s.
//   - cpu: a non-negative integer in CPU units, 1024 = 1 vCPU, copied as is.
//     Example: cpu 256 → Record.CPU 256 (a quarter vCPU).
//   - memory: a non-negative integer in MiB, copied as is.
//     Example: memory 512 → Record.MemoryMiB 512.
//   - count: a positive integer, the number of identical tasks (default 1,
//     also when the cell is empty).
//   - taskDefinition: free text, "" when absent.
//
// Rows must come in non-decreasing submitSeconds order; a row submitted
// before its predecessor is a bad row. Blank lines and lines starting with
// # are ignored; cells may be quoted as RFC 4180 describes.
type CSVReader struct {
	cr   *csv.Reader
	col  [6]int // index of each csvColumns entry in a row, -1 if absent
	n    int    // fields per row
	prev Record // last record returned, for the order check
	seen bool   // whether prev is set
	err  error  // sticky error
	badRows
}

func newCSV(r io.Reader, opts Options) (*CSVReader, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	c := &CSVReader{cr: cr, badRows: badRows{skip: opts.SkipBadRows}}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("trace: csv: empty input, want a header line naming " + strings.Join(csvColumns, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("trace: csv header: %w", err)
	}
	line, _ := cr.FieldPos(0)
	for i := range c.col {
		c.col[i] = -1
	}
	c.n = len(header)
	for i, name := range header {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
		k := indexOf(csvColumns, name)
		if k < 0 {
			return nil, &RowError{Line: line, Column: name, Msg: "unknown column (accepted: " + strings.Join(csvColumns, ", ") + ")"}
		}
		if c.col[k] >= 0 {
			return nil, &RowError{Line: line, Column: name, Msg: "repeated column"}
		}
		c.col[k] = i
	}
	for k := range csvRequired {
		if c.col[k] < 0 {
			return nil, &RowError{Line: line, Column: csvColumns[k], Msg: "required column missing from the header (required: " + strings.Join(csvColumns[:csvRequired], ", ") + ")"}
		}
	}
	return c, nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// Next returns the next record, io.EOF at the end, or a *RowError for a bad
// row (unless Options.SkipBadRows). Errors are sticky.
func (c *CSVReader) Next() (Record, error) {
	if c.err != nil {
		return Record{}, c.err
	}
	for {
		fields, line, err := readRow(c.cr, &c.badRows)
		if err != nil {
			c.err = err
			return Record{}, err
		}
		rec, re := c.parse(fields, line)
		if re == nil && c.seen && rec.Submit < c.prev.Submit {
			re = &RowError{Line: line, Column: colSubmit, Msg: fmt.Sprintf(
				"%s is before %s of line %d (rows must be in non-decreasing %s order)",
				strings.TrimSpace(fields[c.col[0]]), c.prev.Submit, c.prev.Line, colSubmit)}
		}
		if re != nil {
			if c.bad(re) {
				c.err = re
				return Record{}, re
			}
			continue
		}
		c.prev, c.seen = rec, true
		return rec, nil
	}
}

// parse converts one row; it does not check the order.
func (c *CSVReader) parse(f []string, line int) (Record, *RowError) {
	if len(f) != c.n {
		return Record{}, &RowError{Line: line, Msg: fmt.Sprintf(wantFields, len(f), c.n)}
	}
	cell := func(k int) string { return strings.TrimSpace(f[c.col[k]]) }
	r := Record{Count: 1, Line: line}
	var re *RowError
	var v float64
	if v, re = parseNumber(cell(0), line, colSubmit); re == nil {
		r.Submit, re = seconds(v, cell(0), line, colSubmit)
	}
	if re != nil {
		return Record{}, re
	}
	if v, re = parseNumber(cell(1), line, colDuration); re == nil {
		r.Duration, re = seconds(v, cell(1), line, colDuration)
	}
	if re != nil {
		return Record{}, re
	}
	if r.CPU, re = parseInt(cell(2), line, colCPU, maxSize); re != nil {
		return Record{}, re
	}
	if r.MemoryMiB, re = parseInt(cell(3), line, colMemory, maxSize); re != nil {
		return Record{}, re
	}
	if c.col[4] >= 0 && cell(4) != "" {
		n, re := parseInt(cell(4), line, colCount, MaxCount)
		if re != nil || n < 1 {
			if re == nil || strings.HasPrefix(re.Msg, "must be") {
				re = badValue(line, colCount, wantCount, cell(4))
			}
			return Record{}, re
		}
		r.Count = int(n)
	}
	if c.col[5] >= 0 {
		r.TaskDefinition = cell(5) // a substring of the row's own string: no copy needed
	}
	return r, nil
}
