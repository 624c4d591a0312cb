package workloads_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// Task durations with mean 300 s and standard deviation 300 s, log-normally
// distributed (README Distributions). The mean of many draws is close to 300.
func ExampleNewSampler() {
	spec := workloads.DistSpec{Kind: workloads.LogNormal, Mean: 300, StdDev: 300}
	s, err := workloads.NewSampler(spec, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	for range 3 {
		fmt.Printf("%.0fs\n", s.Rand())
	}
	sum := 0.0
	for range 100000 {
		sum += s.Rand()
	}
	fmt.Printf("mean of 100000: %.0fs\n", math.Round(sum/100000/10)*10)
	// Output:
	// 291s
	// 226s
	// 251s
	// mean of 100000: 300s
}

// Poisson arrivals at 6 a minute (mean gap 10 s), and a batch of 40 tasks at
// the 30-minute mark.
func ExampleNewArrivals() {
	poisson, err := workloads.NewArrivals(workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 6}, rand.NewPCG(1, 2))
	if err != nil {
		panic(err)
	}
	now := sim.Time(0)
	for range 4 {
		at, n, _ := poisson.Next(now)
		fmt.Printf("%v: %d task\n", at.Duration().Round(100*time.Millisecond), n)
		now = at
	}
	batch, _ := workloads.NewArrivals(workloads.ArrivalSpec{Process: workloads.Batch, At: 30 * time.Minute, Count: 40}, rand.NewPCG(1, 2))
	at, n, ok := batch.Next(0)
	fmt.Println(at, n, ok)
	_, _, ok = batch.Next(at)
	fmt.Println(ok)
	// Output:
	// 5.9s: 1 task
	// 6.6s: 1 task
	// 7s: 1 task
	// 31.6s: 1 task
	// 30m0s 40 true
	// false
}

// The worked example of LogNormalParams: mean 300, stddev 300.
func ExampleLogNormalParams() {
	mu, sigma := workloads.LogNormalParams(300, 300)
	fmt.Printf("mu = %.3f, sigma² = %.3f (ln 2 = %.3f)\n", mu, sigma*sigma, math.Ln2)
	// Output:
	// mu = 5.357, sigma² = 0.693 (ln 2 = 0.693)
}
