package reports

import (
	"math"
	"testing"

	"github.com/ecsim/ecsim/sim/record"
)

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestLedgerWorkedExample derives every figure by hand (docs/model.md
// §10): an instance of 2048 CPU units and 8192 MiB at $0.36/h ($0.0001/s)
// launched at 0, registered at 60 s, running a 1024-unit, 2048-MiB task
// from 60 s to 1860 s and a daemon task of 0 units throughout, terminated
// at 3660 s; a Fargate task at $0.72/h from 100 s to 130 s.
//
//	EC2: 3660 s × $0.0001 = $0.366, 3660 / 3600 h = 1.0167 h
//	Fargate: 30 s, billed 60 s × $0.0002 = $0.012
//	idle: launching 0–60 s, and empty but for the daemon 1860–3660 s:
//	      1860 s × $0.0001 = $0.186
//	stranded: 60–1860 s the task reserves c = 0.5, m = 0.25:
//	      1800 s × $0.0001 × (1 − 0.375) = $0.1125
//	utilization over the 3600 s registered: CPU 0.5 × 1800 / 3600 = 0.25,
//	      memory 0.25 × 1800 / 3600 = 0.125
func TestLedgerWorkedExample(t *testing.T) {
	l := NewLedger()
	for _, e := range []record.Event{
		{T: at(0), Type: record.InstanceLaunched, Instance: "i-1", InstanceSeq: 1, PricePerHour: 0.36, CPU: 2048, MemoryMiB: 8192},
		{T: at(60), Type: record.InstanceRegistered, Instance: "i-1", InstanceSeq: 1, CPU: 2048, MemoryMiB: 8192},
		{T: at(60), Type: record.TaskPlaced, Task: 1, Instance: "i-1", InstanceSeq: 1, Daemon: true},
		{T: at(60), Type: record.TaskPlaced, Task: 2, Instance: "i-1", InstanceSeq: 1, CPU: 1024, MemoryMiB: 2048},
		{T: at(100), Type: record.TaskPlaced, Task: 3, LaunchType: "FARGATE", CPU: 256, MemoryMiB: 512, PricePerHour: 0.72},
		{T: at(130), Type: record.TaskStopped, Task: 3},
		{T: at(1860), Type: record.TaskStopped, Task: 2, Instance: "i-1", InstanceSeq: 1, CPU: 1024, MemoryMiB: 2048},
		{T: at(3660), Type: record.TaskStopped, Task: 1, Instance: "i-1", InstanceSeq: 1, Daemon: true},
		{T: at(3660), Type: record.InstanceTerminated, Instance: "i-1", InstanceSeq: 1},
	} {
		l.Event(&e)
	}
	f := l.Close(at(7200))
	for name, c := range map[string][2]float64{
		"ec2":      {f.CostEC2, 0.366},
		"hours":    {f.InstanceHours, 3660.0 / 3600},
		"fargate":  {f.CostFargate, 0.012},
		"idle":     {f.CostIdle, 0.186},
		"stranded": {f.CostStranded, 0.1125},
		"cpu":      {f.CPUReservedMean, 0.25},
		"memory":   {f.MemoryReservedMean, 0.125},
	} {
		if !approx(c[0], c[1]) {
			t.Errorf("%s = %v, want %v", name, c[0], c[1])
		}
	}
	if f.InstancesLaunched != 1 || f.InstancesTerm != 1 || f.InstancesPeak != 1 || f.InstancesFinal != 0 {
		t.Errorf("fleet %+v", f)
	}
}

// TestLedgerCostAccruesWithMinimum: the cost column of timeseries.csv is
// the accrued cost with the 60-second minimum of a meter still running:
// $0.36/h at 10 s accrues 60 s, $0.006; at 120 s, $0.012.
func TestLedgerCostAccruesWithMinimum(t *testing.T) {
	l := NewLedger()
	l.Event(&record.Event{T: at(0), Type: record.InstanceLaunched, Instance: "i-1", InstanceSeq: 1, PricePerHour: 0.36})
	if got := l.CostUSD(at(10)); !approx(got, 0.006) {
		t.Errorf("at 10 s: %v, want 0.006", got)
	}
	if got := l.CostUSD(at(120)); !approx(got, 0.012) {
		t.Errorf("at 120 s: %v, want 0.012", got)
	}
}

// TestLedgerProviders: the CapacityProviderReservation mean and maximum
// are over the provider's published datapoints only (a service's metric
// does not count), and a desired-capacity change up is a scale-out, down a
// scale-in; the largest desired includes the one the samples show.
func TestLedgerProviders(t *testing.T) {
	l := NewLedger()
	l.Sample(&record.Sample{T: at(0), Providers: []record.ProviderSample{{Name: "p", Desired: 4}}})
	for _, e := range []record.Event{
		{T: at(60), Type: record.MetricPublished, Provider: "p", Value: 100},
		{T: at(60), Type: record.MetricPublished, Service: "web", Value: 900},
		{T: at(120), Type: record.MetricPublished, Provider: "p", Value: 150},
		{T: at(120), Type: record.DesiredCapacityChanged, Provider: "p", From: 4, To: 6},
		{T: at(900), Type: record.DesiredCapacityChanged, Provider: "p", From: 6, To: 5},
	} {
		l.Event(&e)
	}
	f := l.Close(at(1000))
	p := f.Providers["p"]
	if p.CPRMean != 125 || p.CPRMax != 150 || p.DesiredMax != 6 || p.ScaleOutActions != 1 || p.ScaleInActions != 1 ||
		f.ScaleOutActions != 1 || f.ScaleInActions != 1 || len(f.Providers) != 1 {
		t.Errorf("providers %+v, totals %d/%d", f.Providers, f.ScaleOutActions, f.ScaleInActions)
	}
}

// TestLedgerFargateMetersAreReused: the ledger keeps a Fargate meter only
// while its task runs, however many ran in all.
func TestLedgerFargateMetersAreReused(t *testing.T) {
	l := NewLedger()
	for i := range int64(1000) {
		l.Event(&record.Event{T: at(float64(i)), Type: record.TaskPlaced, Task: i, PricePerHour: 3.6})
		l.Event(&record.Event{T: at(float64(i)), Type: record.TaskStopped, Task: i})
	}
	if n := len(l.fargateTasks); n != 0 {
		t.Errorf("%d Fargate meters kept after every task stopped, want 0", n)
	}
	if f := l.Close(at(1000)); !approx(f.CostFargate, 1000*0.06) {
		t.Errorf("Fargate cost %v, want 1000 minimums of $0.06", f.CostFargate)
	}
}

// TestLedgerStoppedYoungMeterOwesNoMore: a meter stopped in its first
// minute has paid its minimum; the accrued cost does not count it again
// while the minute lasts. $3.60/h from 0 to 10 s: $0.06 at 20 s and after.
func TestLedgerStoppedYoungMeterOwesNoMore(t *testing.T) {
	l := NewLedger()
	l.Event(&record.Event{T: at(0), Type: record.TaskPlaced, Task: 1, PricePerHour: 3.6})
	if got := l.CostUSD(at(5)); !approx(got, 0.06) {
		t.Errorf("at 5 s: %v, want the minimum 0.06", got)
	}
	l.Event(&record.Event{T: at(10), Type: record.TaskStopped, Task: 1})
	for _, sec := range []float64{20, 59, 61, 3600} {
		if got := l.CostUSD(at(sec)); !approx(got, 0.06) {
			t.Errorf("at %v s: %v, want 0.06", sec, got)
		}
	}
}
