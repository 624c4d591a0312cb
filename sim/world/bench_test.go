package world

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// counter is an Observer that only counts, as a recorder with events off
// would.
type counter struct{ submitted, placed, failed, running int }

func (c *counter) Event(e *record.Event) {
	switch e.Type {
	case record.TaskSubmitted:
		c.submitted++
	case record.TaskPlaced:
		c.placed++
	case record.TaskFailed:
		c.failed++
	case record.TaskRunning:
		c.running++
	}
}
func (c *counter) Sample(*record.Sample) {}

// runTaskConfig is a steady RunTask load: tasks tasks arrive as a Poisson
// stream over a day onto instances m5.xlarge instances, each running about
// an hour, so that about a third of the fleet's CPU is reserved.
func runTaskConfig(b *testing.B, tasks, instances int, strategy []placement.Spec) Config {
	cfg := baseConfig(b, InstanceGroup{Count: instances})
	cfg.Instances[0].Type, _ = cfg.Catalogue.Lookup("m5.xlarge")
	cfg.Duration = 24 * time.Hour
	cfg.SampleInterval = time.Minute
	rate := float64(tasks) / (24 * 60)
	// Concurrency = rate × mean duration; aim at instances × 16 slots / 3.
	mean := float64(instances) * 16 / 3 / (rate / 60)
	cfg.Workloads = []Workload{{Name: "load", TaskDefinition: def("load", 256, 512), LaunchType: LaunchEC2,
		Arrivals:          workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: rate},
		Duration:          workloads.DistSpec{Kind: workloads.Exponential, Mean: mean},
		PlacementStrategy: plan(strategy...)}}
	return cfg
}

// benchRun runs cfg b.N times and reports tasks/s, checking the answer: about
// the expected number of tasks, all placed.
func benchRun(b *testing.B, cfg Config, tasks int) {
	b.ReportAllocs()
	var c *counter
	var peak uint64
	for i := 0; i < b.N; i++ {
		c = &counter{}
		w, err := New(cfg, c)
		if err != nil {
			b.Fatal(err)
		}
		w.Run(nil)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	b.StopTimer()
	if c.submitted < tasks*99/100 || c.submitted > tasks*101/100 || c.failed != 0 || c.placed != c.submitted {
		b.Fatalf("submitted %d (want about %d), placed %d, failed %d", c.submitted, tasks, c.placed, c.failed)
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(c.submitted)/sec, "tasks/s")
	b.ReportMetric(sec, "s/run")
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
}

// BenchmarkRunTask100k is issue 2's end-to-end figure: 100,000 RunTask
// tasks (random placement, RunTask's default) on 1,000 instances.
func BenchmarkRunTask100k(b *testing.B) {
	benchRun(b, runTaskConfig(b, 100_000, 1_000, nil), 100_000)
}

// BenchmarkMillionTasksBinpack is issue 3's end-to-end target: 1M RunTask
// tasks on 10,000 instances with binpack on memory, at most 1 s and 300 MB.
func BenchmarkMillionTasksBinpack(b *testing.B) {
	benchRun(b, runTaskConfig(b, 1_000_000, 10_000, []placement.Spec{{Type: "binpack", Field: "memory"}}), 1_000_000)
}

// BenchmarkTraceReplay1M is issue 5's trace figure: a CSV trace of
// 1,000,000 rows (one task each, sizes from 256 to 1024 CPU units and 512
// to 2048 MiB, 5 to 15 minutes each) replayed over a day onto 2,000
// m5.xlarge instances with binpack, from parsing to the last stop.
func BenchmarkTraceReplay1M(b *testing.B) {
	const rows = 1_000_000
	var buf bytes.Buffer
	buf.WriteString("submitSeconds,durationSeconds,cpu,memory\n")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&buf, "%.3f,%d,%d,%d\n", float64(i)*86400/rows, 300+i%600, 256<<(i%3), 512<<(i%3))
	}
	data := buf.Bytes()
	cfg := baseConfig(b, InstanceGroup{Count: 2000})
	cfg.Instances[0].Type, _ = cfg.Catalogue.Lookup("m5.xlarge")
	cfg.Duration = 26 * time.Hour
	cfg.Workloads = []Workload{{Name: "trace", TaskDefinition: def("load", 256, 512), LaunchType: LaunchEC2,
		PlacementStrategy: plan(placement.Spec{Type: "binpack", Field: "memory"}),
		Trace:             &Trace{Format: "csv", Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}}}
	b.SetBytes(int64(len(data)))
	benchRun(b, cfg, rows)
}
