package trace

import (
	"bytes"
	"testing"
)

// BenchmarkCSVMillionRows replays 1,000,000 generated rows (built in memory
// once, outside the timer) and reports rows/s.
func BenchmarkCSVMillionRows(b *testing.B) {
	const rows = 1_000_000
	data := []byte("submitSeconds,durationSeconds,cpu,memory,count,taskDefinition\n")
	for i := 1; i <= rows; i++ {
		data = appendRow(data, i)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := New(CSV, bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			if _, err := rd.Next(); err != nil {
				if n != rows {
					b.Fatalf("read %d rows (%v), want %d", n, err, rows)
				}
				break
			}
			n++
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
