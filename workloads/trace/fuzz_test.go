package trace

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// fuzzFormat reads data in strict and in skip mode and checks what every
// Reader promises: no panic, records in Submit order with non-negative sizes
// and durations, only *RowError failures in strict mode, none in skip mode,
// and the same records in both modes when the input has no bad row.
func fuzzFormat(t *testing.T, format string, data []byte) {
	var strict []Record
	clean := false
	for _, skip := range []bool{false, true} {
		rd, err := New(format, bytes.NewReader(data), Options{SkipBadRows: skip})
		if err != nil {
			if format != CSV {
				t.Fatalf("New(%q): %v", format, err)
			}
			return // a bad CSV header
		}
		recs, err := readAll(t, rd, len(data))
		checkInvariants(t, recs)
		switch {
		case skip && err != nil:
			t.Fatalf("skip mode failed: %v", err)
		case !skip && err != nil:
			var re *RowError
			if !errors.As(err, &re) || re.Line < 1 {
				t.Fatalf("strict mode: %v (%T), want a *RowError with a line", err, err)
			}
			if rd.Skipped() != 0 {
				t.Fatalf("strict mode skipped %d rows", rd.Skipped())
			}
		case !skip:
			strict, clean = recs, true
		case clean && (rd.Skipped() != 0 || !slices.Equal(recs, strict)):
			t.Fatalf("skip mode read %d records, skipping %d, of a clean input that gave %d", len(recs), rd.Skipped(), len(strict))
		}
	}
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n0,60,256,512,,web\n1.5,90,1024,2048,3,batch\n"))
	f.Add([]byte("# c\nmemory,cpu,durationSeconds,submitSeconds\n512,256,60,0\n\n1,1,1,-1\n2,2,2,1e300\n"))
	f.Add([]byte("submitSeconds,durationSeconds,cpu,memory\n5,1,1,1\n1,1,1,1\n3,1,1\"x,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFormat(t, CSV, data) })
}

func FuzzGoogle2011(f *testing.F) {
	f.Add([]byte(gSample))
	f.Add([]byte("0,,1,0,,0,u,0,0,0.5,0.5,0,0\n0,,1,0,,1,u,0,0,,,0,0\n9223372036854775807,,1,0,,4,u,0,0,,,0,0\n"))
	f.Add([]byte("5,,1,0,,1,u,0,0,0.1,0.1,0,0\n4,,1,0,,0,u,0,0,0.1,0.1,0,0\n6,,1,0,,3,u,0,0,,,0,0\nx,,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFormat(t, Google2011, data) })
}

func FuzzAlibaba2018(f *testing.F) {
	f.Add([]byte(aSample))
	f.Add([]byte("M1,1,j,1,Terminated,50,40,100,1\nM2,1,j,1,Terminated,1,2,100,101\n"))
	f.Add([]byte("a,3,j,1,Terminated,9000000000,9000000001,1e308,100\nb,1,j,1,Terminated,7,8\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFormat(t, Alibaba2018, data) })
}
