package trace

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// aSample is a small batch_task trace; the comments give each row's fate.
const aSample = `M1,2,j_1,1,Terminated,200,260,50,1.5
R2_1,1,j_1,1,Terminated,100,160,100,0.39
task_x,5,j_2,1,Failed,100,150,50,1
M3,1,j_3,1,Terminated,0,150,50,1
M4,1,j_3,1,Terminated,150,,50,1
M5,3,j_4,1,Terminated,200,200,,1
M6,3,j_4,1,Terminated,100,100,25,0
M7,0,j_5,1,Terminated,100,120,25,1
M8,1,j_5,1,Running,300,0,25,1
`

// Fates: line 1 kept (Submit 200 s); line 2 kept (Submit 100 s); line 3
// Failed; line 4 start_time 0 (outside the 8 days); line 5 no end_time;
// line 6 no plan_cpu; line 7 kept (Submit 100 s, after line 2 on the tie);
// line 8 zero instances; line 9 Running. 6 dropped.

func TestAlibaba2018Records(t *testing.T) {
	rd, err := New(Alibaba2018, strings.NewReader(aSample), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, rd, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		// plan_cpu 100 → 1024 units; plan_mem 0.39 → 0.0039 × 393216 = 1533.5424 → 1534 MiB.
		{Submit: 100 * time.Second, Duration: time.Minute, CPU: 1024, MemoryMiB: 1534, Count: 1, Line: 2},
		// plan_cpu 25 → 256 units; plan_mem 0 → 0 MiB.
		{Submit: 100 * time.Second, Duration: 0, CPU: 256, MemoryMiB: 0, Count: 3, Line: 7},
		// plan_cpu 50 → 512 units; plan_mem 1.5 → 0.015 × 393216 = 5898.24 → 5898 MiB.
		{Submit: 200 * time.Second, Duration: time.Minute, CPU: 512, MemoryMiB: 5898, Count: 2, Line: 1},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	if d := rd.(*Alibaba2018Reader).Dropped(); d != 6 {
		t.Errorf("Dropped() = %d, want 6", d)
	}
}

func TestAlibaba2018Scale(t *testing.T) {
	rd, _ := New(Alibaba2018, strings.NewReader(aSample), Options{CPUUnitsPerCore: 1000, MachineMemoryMiB: 1000})
	got, err := readAll(t, rd, 100)
	if err != nil {
		t.Fatal(err)
	}
	// plan_cpu 100 → 1000 units; plan_mem 0.39 → 3.9 → 4 MiB.
	if got[0].CPU != 1000 || got[0].MemoryMiB != 4 {
		t.Errorf("got CPU %d, memory %d; want 1000, 4", got[0].CPU, got[0].MemoryMiB)
	}
}

func TestAlibaba2018BadRows(t *testing.T) {
	const good = "M1,1,j_1,1,Terminated,300,400,100,1\nM2,1,j_1,1,Terminated,100,150,100,1\n"
	const end = "M3,1,j_1,1,Terminated,200,300,100,1\n"
	for _, tc := range []struct {
		name, row, column, msg string
	}{
		{"non-numeric instances", "M9,many,j,1,Terminated,1,2,100,1", "instance_num", `must be an integer >= 0 (got "many")`},
		{"missing instances", "M9,,j,1,Terminated,1,2,100,1", "instance_num", "missing value"},
		{"negative start", "M9,1,j,1,Terminated,-3,2,100,1", "start_time", `must be an integer >= 0 (got "-3")`},
		{"non-numeric end", "M9,1,j,1,Failed,1,later,100,1", "end_time", `must be an integer >= 0 (got "later")`},
		{"end before start", "M9,1,j,1,Terminated,50,40,100,1", "end_time", `must be >= start_time 50 (got "40")`},
		{"non-numeric plan_cpu", "M9,1,j,1,Terminated,1,2,abc,1", "plan_cpu", `must be a number >= 0 (got "abc")`},
		{"negative plan_mem", "M9,1,j,1,Terminated,1,2,100,-1", "plan_mem", `must be a number >= 0 (got "-1")`},
		{"plan_mem above 100", "M9,1,j,1,Terminated,1,2,100,101", "plan_mem", `must be a number in [0, 100] (got "101")`},
		{"too few fields", "M9,1,j,1,Terminated,1,2,100", "", "has 8 fields, want 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good + tc.row + "\n" + end
			rd, _ := New(Alibaba2018, strings.NewReader(in), Options{})
			recs, err := readAll(t, rd, 10)
			if len(recs) != 0 {
				t.Errorf("strict: %d records before the error, want 0", len(recs))
			}
			wantRowError(t, err, 3, tc.column, tc.msg)

			rd, _ = New(Alibaba2018, strings.NewReader(in), Options{SkipBadRows: true})
			recs, err = readAll(t, rd, 10)
			if err != nil {
				t.Fatal(err)
			}
			lines := []int{}
			for _, r := range recs {
				lines = append(lines, r.Line)
			}
			if !slices.Equal(lines, []int{2, 4, 1}) {
				t.Errorf("skip: records from lines %v, want [2 4 1] (sorted by start_time)", lines)
			}
			if rd.Skipped() != 1 || rd.(*Alibaba2018Reader).Dropped() != 0 {
				t.Errorf("skip: Skipped() = %d, Dropped() = %d; want 1, 0", rd.Skipped(), rd.(*Alibaba2018Reader).Dropped())
			}
		})
	}
}
