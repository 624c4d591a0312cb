package trace

import (
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCSVRecords(t *testing.T) {
	in := `# ecsim trace
submitSeconds,durationSeconds,cpu,memory,count,taskDefinition

0,60,256,512,,web
1.5,90,1024,2048,3,batch
# a comment between rows
1.5,0.25,0,0,1,
2e1, 1,2,3,2,"a,b"
`
	rd, err := New(CSV, strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, rd, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Submit: 0, Duration: time.Minute, CPU: 256, MemoryMiB: 512, Count: 1, TaskDefinition: "web", Line: 4},
		{Submit: 1500 * time.Millisecond, Duration: 90 * time.Second, CPU: 1024, MemoryMiB: 2048, Count: 3, TaskDefinition: "batch", Line: 5},
		{Submit: 1500 * time.Millisecond, Duration: 250 * time.Millisecond, CPU: 0, MemoryMiB: 0, Count: 1, Line: 7},
		{Submit: 20 * time.Second, Duration: time.Second, CPU: 2, MemoryMiB: 3, Count: 2, TaskDefinition: "a,b", Line: 8},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	if rd.Skipped() != 0 {
		t.Errorf("Skipped() = %d, want 0", rd.Skipped())
	}
	if _, err := rd.Next(); err != io.EOF {
		t.Errorf("Next after the end: %v, want io.EOF", err)
	}
}

func TestCSVColumnOrderAndDefaults(t *testing.T) {
	in := "memory, cpu,durationSeconds,submitSeconds\n512,256,60,0\n1024,128,0.5,7\n"
	rd, err := New(CSV, strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, rd, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Duration: time.Minute, CPU: 256, MemoryMiB: 512, Count: 1, Line: 2},
		{Submit: 7 * time.Second, Duration: 500 * time.Millisecond, CPU: 128, MemoryMiB: 1024, Count: 1, Line: 3},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, column, msg string
	}{
		{"unknown column", "submitSeconds,durationSeconds,cpu,memory,gpu\n", "gpu", "accepted: submitSeconds, durationSeconds, cpu, memory, count, taskDefinition"},
		{"missing column", "# c\nsubmitSeconds,durationSeconds,cpu\n", "memory", "required column missing"},
		{"repeated column", "submitSeconds,durationSeconds,cpu,memory,cpu\n", "cpu", "repeated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(CSV, strings.NewReader(tc.in), Options{SkipBadRows: true})
			line := 1
			if strings.HasPrefix(tc.in, "#") {
				line = 2
			}
			wantRowError(t, err, line, tc.column, tc.msg)
		})
	}
	if _, err := New(CSV, strings.NewReader("\n# only a comment\n"), Options{}); err == nil {
		t.Error("input without a header accepted")
	}
}

// TestCSVBadRows checks each kind of bad row, on line 3 between two good
// rows: strict mode stops there with the right RowError; SkipBadRows skips
// and counts it.
func TestCSVBadRows(t *testing.T) {
	for _, tc := range []struct {
		name, row, column, msg string
	}{
		{"non-numeric", "3,abc,1,1,1", "durationSeconds", `must be a number >= 0 (got "abc")`},
		{"negative seconds", "-1,1,1,1,1", "submitSeconds", `must be a number >= 0 (got "-1")`},
		{"negative cpu", "3,1,-5,1,1", "cpu", `must be an integer >= 0 (got "-5")`},
		{"fractional memory", "3,1,1,1.5,1", "memory", `must be an integer >= 0 (got "1.5")`},
		{"zero count", "3,1,1,1,0", "count", `must be an integer >= 1 (got "0")`},
		{"missing value", "3,,1,1,1", "durationSeconds", "missing value"},
		{"too large", "1e300,1,1,1,1", "submitSeconds", "too large"},
		{"out of order", "1,1,1,1,1", "submitSeconds", "non-decreasing submitSeconds order"},
		{"too few fields", "3,1,1,1", "", "has 4 fields, want 5"},
		{"too many fields", "3,1,1,1,1,1", "", "has 6 fields, want 5"},
		{"stray quote", `3,1,1"x,1,1`, "", "quote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := "submitSeconds,durationSeconds,cpu,memory,count\n2,1,1,1,1\n" + tc.row + "\n5,1,1,1,1\n"
			rd, err := New(CSV, strings.NewReader(in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			recs, err := readAll(t, rd, 10)
			if len(recs) != 1 || recs[0].Line != 2 {
				t.Errorf("strict: records before the error: %+v, want line 2 only", recs)
			}
			wantRowError(t, err, 3, tc.column, tc.msg)
			if _, again := rd.Next(); again != err {
				t.Errorf("error not sticky: %v then %v", err, again)
			}

			rd, err = New(CSV, strings.NewReader(in), Options{SkipBadRows: true})
			if err != nil {
				t.Fatal(err)
			}
			recs, err = readAll(t, rd, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 || recs[0].Line != 2 || recs[1].Line != 4 {
				t.Errorf("skip: got %+v, want lines 2 and 4", recs)
			}
			if rd.Skipped() != 1 {
				t.Errorf("skip: Skipped() = %d, want 1", rd.Skipped())
			}
		})
	}
}

// TestCSVOrderAfterSkip checks that a skipped out-of-order row does not
// become the reference for the next one.
func TestCSVOrderAfterSkip(t *testing.T) {
	in := "submitSeconds,durationSeconds,cpu,memory\n10,1,1,1\n5,1,1,1\n7,1,1,1\n10,1,1,1\n"
	rd, _ := New(CSV, strings.NewReader(in), Options{SkipBadRows: true})
	recs, err := readAll(t, rd, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || rd.Skipped() != 2 {
		t.Fatalf("got %d records and %d skipped, want 2 and 2", len(recs), rd.Skipped())
	}
}

// rowSource produces CSV rows lazily, never holding more than one row, and
// counts the bytes handed out.
type rowSource struct {
	rows, next int
	buf        []byte // current row
	off        int    // bytes of buf already handed out
	served     int64
}

func (s *rowSource) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if s.off == len(s.buf) {
			switch {
			case s.next == 0:
				s.buf = append(s.buf[:0], "submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n"...)
			case s.next > s.rows:
				s.served += int64(n)
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			default:
				s.buf = appendRow(s.buf[:0], s.next)
			}
			s.off = 0
			s.next++
		}
		c := copy(p[n:], s.buf[s.off:])
		s.off += c
		n += c
	}
	s.served += int64(n)
	return n, nil
}

// TestCSVStreams replays 200,000 rows from a lazy source: the reader must
// not read ahead of what it returns, must not retain memory, and must
// allocate little per row.
func TestCSVStreams(t *testing.T) {
	const rows = 200_000
	src := &rowSource{rows: rows}
	rd, err := New(CSV, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	if src.served > 64<<10 {
		t.Fatalf("read %d bytes to return the first record; the input is read ahead", src.served)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	startHeap, startMallocs := ms.HeapAlloc, ms.Mallocs
	var maxGrowth int64
	n := 1
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if rec.Line != n+1 {
			t.Fatalf("record %d from line %d, want %d", n, rec.Line, n+1)
		}
		if n%50_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			maxGrowth = max(maxGrowth, int64(ms.HeapAlloc)-int64(startHeap))
			if ahead := src.next - 1 - n; ahead > 2000 {
				t.Fatalf("after returning %d rows, %d more were produced; reading ahead", n, ahead)
			}
		}
	}
	runtime.ReadMemStats(&ms)
	if n != rows {
		t.Fatalf("read %d records, want %d", n, rows)
	}
	if maxGrowth > 1<<20 {
		t.Errorf("live heap grew by %d bytes while streaming; want it flat", maxGrowth)
	}
	perRow := float64(ms.Mallocs-startMallocs) / rows
	if perRow > 2 {
		t.Errorf("%.1f allocations per row; want at most 2", perRow)
	}
	t.Logf("live heap growth %d bytes, %.2f allocations per row", maxGrowth, perRow)
}

// appendRow appends generated CSV row i (1-based) without allocating:
// submitted i/10 seconds in, with varied durations and sizes.
func appendRow(b []byte, i int) []byte {
	b = strconv.AppendInt(b, int64(i/10), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(i%10), 10)
	for _, v := range []int{i % 600, 256 << (i % 3), 512 << (i % 4), 1 + i%5} {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(v), 10)
	}
	b = append(b, ",td-"...)
	b = strconv.AppendInt(b, int64(i%7), 10)
	return append(b, '\n')
}

// TestLimits: a line longer than MaxLineBytes is a bad row at its line,
// and an error quotes at most a short prefix of a bad value (README
// "Limits").
func TestLimits(t *testing.T) {
	long := strings.Repeat("9", MaxLineBytes+10)
	r, err := New(CSV, strings.NewReader("submitSeconds,durationSeconds,cpu,memory\n0,1,1,1\n"+long+",1,1,1\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var re *RowError
	for err == nil {
		_, err = r.Next()
	}
	if !errors.As(err, &re) || re.Line != 3 || !strings.Contains(re.Msg, "longer than 65536 bytes") {
		t.Fatalf("got %v, want a RowError at line 3 for the long line", err)
	}
	bad := strings.Repeat("x", 5000)
	r, _ = New(CSV, strings.NewReader("submitSeconds,durationSeconds,cpu,memory\n"+bad+",1,1,1\n"), Options{})
	_, err = r.Next()
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "(5000 bytes)") {
		t.Fatalf("error %.300q: want a short quote saying the value's length", err)
	}
}

// TestCountCap: a row's count is capped like a YAML batch's (MaxCount).
func TestCountCap(t *testing.T) {
	r, err := New(CSV, strings.NewReader("submitSeconds,durationSeconds,cpu,memory,count\n0,1,1,1,10000001\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || !strings.Contains(err.Error(), "count") {
		t.Fatalf("count above %d accepted: %v", MaxCount, err)
	}
}
