package reports

import (
	"io"
	"math"
	"path/filepath"
	"testing"
)

// benchSeries is a full series: MaxSeriesPoints samples of a day, two
// providers with alarms, 300 scaling actions.
func benchSeries() *Series {
	n := MaxSeriesPoints
	s := &Series{Scenario: "bench", Seed: 1}
	wave := func(i int, amp float64) float64 { return amp * (1 + math.Sin(float64(i)/200)) }
	for i := range n {
		s.T = append(s.T, float64(i)*21.6)
		s.InstancesRunning = append(s.InstancesRunning, math.Round(wave(i, 50)))
		s.InstancesPending = append(s.InstancesPending, float64(i%7))
		s.TasksRunning = append(s.TasksRunning, math.Round(wave(i, 400)))
		s.TasksProvisioning = append(s.TasksProvisioning, float64(i%13))
		s.TasksPending = append(s.TasksPending, float64(i%5))
		s.TasksFailed = append(s.TasksFailed, float64(i/100))
		s.CPUReserved = append(s.CPUReserved, wave(i, 40))
		s.MemoryReserved = append(s.MemoryReserved, wave(i, 35))
		s.CostUSD = append(s.CostUSD, float64(i)*0.01)
	}
	for _, name := range []string{"a", "b"} {
		p := ProviderSeries{Name: name, Target: 100}
		for i := range n {
			p.Desired = append(p.Desired, math.Round(wave(i, 25)))
			p.CPR = append(p.CPR, 100+wave(i, 20)-20)
			st := "OK"
			if i%50 < 5 {
				st = "ALARM"
			}
			p.AlarmHigh, p.AlarmLow = append(p.AlarmHigh, st), append(p.AlarmLow, "OK")
		}
		s.Providers = append(s.Providers, p)
	}
	for i := range 300 {
		s.Actions = append(s.Actions, ScalingAction{T: float64(i) * 280, Kind: ActionCapacityProvider, Name: "a", From: i, To: i + 1})
	}
	return s
}

// BenchmarkWriteReport renders report.html of a full series (the page
// without the inlined library).
func BenchmarkWriteReport(b *testing.B) {
	s := benchSeries()
	for b.Loop() {
		if err := WriteReport(io.Discard, s, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFigures draws the six figures of a full series as SVG,
// PNG and PDF.
func BenchmarkWriteFigures(b *testing.B) {
	s := benchSeries()
	for b.Loop() {
		out, err := NewOutput(filepath.Join(b.TempDir(), "out"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := WriteFigures(out, s, FigureFormats(), FigureSizes()[0]); err != nil {
			b.Fatal(err)
		}
		out.Abort()
	}
}
