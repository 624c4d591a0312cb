package trace

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// gRow builds a task_events row: time (µs), job ID, task index, event type,
// CPU request and memory request; the other columns get plausible values.
func gRow(time, job, index, event, cpu, mem string) string {
	return strings.Join([]string{time, "", job, index, "4155527081", event, "dXNlcg==", "2", "9", cpu, mem, "0.0001", "0"}, ",")
}

// gSample is a small task_events trace; the comments give each task's fate.
var gSample = strings.Join([]string{
	// (1,0): submitted and scheduled before the window (time 0 = 600 s),
	// requests on SUBMIT only, finishes at 700 s: 100 s run.
	gRow("0", "1", "0", "0", "0.0625", "0.03"), // line 1
	gRow("0", "1", "0", "1", "", ""),           // line 2
	gRow("700000000", "1", "0", "4", "", ""),   // line 3
	// (1,1): SUBMIT 1000 s; SCHEDULE 1005 s with its own requests; EVICT
	// 1010 s ends the first run (5 s); the rerun is not replayed.
	gRow("1000000000", "1", "1", "0", "0.5", "0.25"),   // line 4
	gRow("1005000000", "1", "1", "1", "0.25", "0.125"), // line 5
	gRow("1010000000", "1", "1", "2", "", ""),          // line 6
	gRow("1020000000", "1", "1", "1", "0.25", "0.125"), // line 7
	gRow("1100000000", "1", "1", "4", "", ""),          // line 8
	// (2,0): killed while pending: never scheduled, dropped.
	gRow("800000000", "2", "0", "0", "0.1", "0.1"), // line 9
	gRow("900000000", "2", "0", "5", "", ""),       // line 10
	// (2,1): ends after the window (2^63-1): dropped.
	gRow("800000000", "2", "1", "0", "0.1", "0.1"),           // line 11
	gRow("850000000", "2", "1", "1", "0.1", "0.1"),           // line 12
	gRow("9223372036854775807", "2", "1", "4", "0.1", "0.1"), // line 13
	// (3,0): SUBMIT, UPDATE_PENDING, SCHEDULE and KILL at 650 s, zero
	// requests: a 0 s run of size 0.
	gRow("650000000", "3", "0", "0", "0.5", "0.5"), // line 14
	gRow("650000000", "3", "0", "7", "0.7", "0.7"), // line 15
	gRow("650000000", "3", "0", "1", "0", "0"),     // line 16
	gRow("650000000", "3", "0", "5", "", ""),       // line 17
	// (3,1): no SUBMIT in the trace: dropped.
	gRow("660000000", "3", "1", "1", "0.1", "0.1"), // line 18
	gRow("670000000", "3", "1", "4", "", ""),       // line 19
	// (4,0): rows out of time order: FINISH 2000 s, SUBMIT 1500 s,
	// SCHEDULE 1600 s: a 400 s run of the whole largest machine.
	gRow("2000000000", "4", "0", "4", "", ""),   // line 20
	gRow("1500000000", "4", "0", "0", "1", "1"), // line 21
	gRow("1600000000", "4", "0", "1", "", ""),   // line 22
	// (4,1): no request anywhere: dropped.
	gRow("1500000000", "4", "1", "0", "", ""), // line 23
	gRow("1510000000", "4", "1", "1", "", ""), // line 24
	gRow("1520000000", "4", "1", "4", "", ""), // line 25
}, "\n") + "\n"

func TestGoogle2011Records(t *testing.T) {
	rd, err := New(Google2011, strings.NewReader(gSample), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, rd, 100)
	if err != nil {
		t.Fatal(err)
	}
	// Time 0 is the earliest SUBMIT, (1,0)'s at 600 s.
	want := []Record{
		{Submit: 0, Duration: 100 * time.Second, CPU: 2048, MemoryMiB: 3932, Count: 1, Line: 1},
		{Submit: 50 * time.Second, Duration: 0, CPU: 0, MemoryMiB: 0, Count: 1, Line: 14},
		{Submit: 400 * time.Second, Duration: 5 * time.Second, CPU: 8192, MemoryMiB: 16384, Count: 1, Line: 4},
		{Submit: 900 * time.Second, Duration: 400 * time.Second, CPU: 32768, MemoryMiB: 131072, Count: 1, Line: 21},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	if d := rd.(*Google2011Reader).Dropped(); d != 4 {
		t.Errorf("Dropped() = %d, want 4", d)
	}
	if rd.Skipped() != 0 {
		t.Errorf("Skipped() = %d, want 0", rd.Skipped())
	}
}

func TestGoogle2011Scale(t *testing.T) {
	rd, _ := New(Google2011, strings.NewReader(gSample), Options{MachineCPUUnits: 4096, MachineMemoryMiB: 1024})
	got, err := readAll(t, rd, 100)
	if err != nil {
		t.Fatal(err)
	}
	// 0.0625 × 4096 = 256 units; 0.03 × 1024 = 30.72 → 31 MiB.
	if got[0].CPU != 256 || got[0].MemoryMiB != 31 {
		t.Errorf("got CPU %d, memory %d; want 256, 31", got[0].CPU, got[0].MemoryMiB)
	}
}

func TestGoogle2011BadRows(t *testing.T) {
	good := gRow("1000000000", "9", "0", "0", "0.1", "0.1") + "\n" +
		gRow("1000000000", "9", "0", "1", "", "") + "\n"
	end := gRow("1200000000", "9", "0", "4", "", "") + "\n"
	for _, tc := range []struct {
		name, row, column, msg string
	}{
		{"non-numeric time", gRow("soon", "9", "1", "0", "0.1", "0.1"), "timestamp", `must be an integer >= 0 (got "soon")`},
		{"negative time", gRow("-5", "9", "1", "0", "0.1", "0.1"), "timestamp", `must be an integer >= 0 (got "-5")`},
		{"missing job ID", gRow("1", "", "1", "0", "0.1", "0.1"), "job ID", "missing value"},
		{"negative task index", gRow("1", "9", "-1", "0", "0.1", "0.1"), "task index", `must be an integer >= 0`},
		{"unknown event type", gRow("1", "9", "1", "9", "0.1", "0.1"), "event type", `must be an integer in [0, 8] (got "9")`},
		{"non-numeric CPU", gRow("1", "9", "1", "0", "lots", "0.1"), "CPU request", `must be a number >= 0 (got "lots")`},
		{"negative memory", gRow("1", "9", "1", "0", "0.1", "-0.1"), "memory request", `must be a number >= 0 (got "-0.1")`},
		{"too few fields", "1,,9,1,,0,u,2,9,0.1,0.1,0", "", "has 12 fields, want 13"},
		{"stray quote", `1,"",9,1,,0,u",2,9,0.1,0.1,0,0`, "", "quote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good + tc.row + "\n" + end
			rd, _ := New(Google2011, strings.NewReader(in), Options{})
			recs, err := readAll(t, rd, 10)
			if len(recs) != 0 {
				t.Errorf("strict: %d records before the error, want 0", len(recs))
			}
			wantRowError(t, err, 3, tc.column, tc.msg)

			rd, _ = New(Google2011, strings.NewReader(in), Options{SkipBadRows: true})
			recs, err = readAll(t, rd, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := []Record{{Duration: 200 * time.Second, CPU: 3277, MemoryMiB: 13107, Count: 1, Line: 1}}
			if !slices.Equal(recs, want) {
				t.Errorf("skip: got %+v, want %+v", recs, want)
			}
			if rd.Skipped() != 1 {
				t.Errorf("skip: Skipped() = %d, want 1", rd.Skipped())
			}
		})
	}
}
