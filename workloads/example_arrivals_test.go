package workloads_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// countBy counts the arrivals of a in [0, horizon) by bucket of width w.
func countBy(a workloads.Arrivals, horizon, w time.Duration) []int {
	counts := make([]int, horizon/w)
	for now := sim.Time(0); ; {
		at, _, ok := a.Next(now)
		if !ok || at >= sim.At(horizon) {
			return counts
		}
		counts[at.Duration()/w]++
		now = at
	}
}

// A day of diurnal traffic: 6 requests a minute at 2h, 60 at the peak at
// 14h. Each 4-hour block holds about the integral of the rate over it,
// 6·240 + 54·(120 + (1440/4π)·[sin(2π(t − 840)/1440)] over the block's
// minutes): 1732, 4826, 11014, 14108, 11014 and 4826.
func ExampleNewArrivals_diurnal() {
	spec := workloads.ArrivalSpec{Process: workloads.Diurnal, MinRatePerMinute: 6, MaxRatePerMinute: 60,
		Period: 24 * time.Hour, PeakAt: 14 * time.Hour}
	a, err := workloads.NewArrivals(spec, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	for i, n := range countBy(a, 24*time.Hour, 4*time.Hour) {
		fmt.Printf("%2dh-%2dh: %d\n", 4*i, 4*i+4, n)
	}
	// Output:
	//  0h- 4h: 1717
	//  4h- 8h: 4842
	//  8h-12h: 10995
	// 12h-16h: 14072
	// 16h-20h: 10953
	// 20h-24h: 4737
}

// A ramp from 0 to 60 a minute over 10 minutes, 10 minutes at 60, and down
// to 0 at 30 minutes, without repeat: 1200 requests on average, then Next
// reports the end.
func ExampleNewArrivals_piecewise() {
	spec := workloads.ArrivalSpec{Process: workloads.Piecewise, Rates: []workloads.RatePoint{
		{At: 0, RatePerMinute: 0},
		{At: 10 * time.Minute, RatePerMinute: 60},
		{At: 20 * time.Minute, RatePerMinute: 60},
		{At: 30 * time.Minute, RatePerMinute: 0},
	}}
	a, err := workloads.NewArrivals(spec, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	n, last := 0, sim.Time(0)
	for {
		at, _, ok := a.Next(last)
		if !ok {
			break
		}
		n, last = n+1, at
	}
	fmt.Printf("%d requests, the last at %v\n", n, last.Duration().Round(time.Second))
	// Output:
	// 1214 requests, the last at 29m35s
}

// Bursts: 60 requests a minute during ON periods of 20 s, then 100 s of
// silence (constant lengths, to show them): arrivals only in [0, 20 s),
// [120 s, 140 s), ..., 10 a minute in the long run.
func ExampleNewArrivals_onoff() {
	spec := workloads.ArrivalSpec{Process: workloads.OnOff, RatePerMinute: 60,
		On:  workloads.DistSpec{Kind: workloads.Constant, Value: 20},
		Off: workloads.DistSpec{Kind: workloads.Constant, Value: 100}}
	a, err := workloads.NewArrivals(spec, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	fmt.Println(countBy(a, 10*time.Minute, 20*time.Second))
	// Output:
	// [25 0 0 0 0 0 24 0 0 0 0 0 21 0 0 0 0 0 20 0 0 0 0 0 20 0 0 0 0 0]
}

// A Markov-modulated process alternating at random between a busy state
// (120 a minute, 30 s on average) and a quiet one (6 a minute, 90 s): the
// long-run rate is (120·30 + 6·90)/120 = 34.5 a minute. (A process keeps
// its state path, so the long run uses a process of its own.)
func ExampleNewArrivals_mmpp() {
	spec := workloads.ArrivalSpec{Process: workloads.MMPP, States: []workloads.MMPPState{
		{RatePerMinute: 120, MeanDuration: 30 * time.Second},
		{RatePerMinute: 6, MeanDuration: 90 * time.Second},
	}}
	a, err := workloads.NewArrivals(spec, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	fmt.Println("per minute:", countBy(a, 10*time.Minute, time.Minute))
	b, _ := workloads.NewArrivals(spec, rand.NewPCG(3, 4))
	total := 0
	for _, n := range countBy(b, 100*time.Hour, time.Hour) {
		total += n
	}
	fmt.Printf("over 100 hours: %.1f a minute\n", float64(total)/6000)
	// Output:
	// per minute: [39 70 47 9 60 126 35 6 4 5]
	// over 100 hours: 34.6 a minute
}
