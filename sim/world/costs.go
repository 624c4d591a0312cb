package world

import (
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// costs splits the EC2 spend by what the money buys, integrating over time
// (summary.json cost.idle and cost.stranded):
//
//   - idle: instances that run no task but daemon tasks, or are still
//     launching: paid for, doing nothing (the spare capacity of a
//     targetCapacity below 100, the instances binpack empties);
//   - stranded: on instances running tasks, the share of the instance not
//     reserved, CPU and memory weighted equally: price × (1 − (c + m) / 2)
//     with c and m the reserved fractions — capacity paid for that is free
//     but left in fragments (what spread leaves behind).
//
// Each instance's rate is updated when it changes (cluster.Listener), so the
// sums cost O(1) per change. Billing minimums are left out of the split.
type costs struct {
	rate       []float64 // by instance ID, USD per second
	idleRate   []float64
	strandRate []float64
	idleSum    float64 // Σ idleRate
	strandSum  float64
	idle       float64 // USD so far
	stranded   float64
	last       sim.Time
}

func (c *costs) grow(id cluster.InstanceID) {
	for int(id) >= len(c.rate) {
		c.rate = append(c.rate, 0)
		c.idleRate = append(c.idleRate, 0)
		c.strandRate = append(c.strandRate, 0)
	}
}

// setPrice records the hourly price of a launched instance.
func (c *costs) setPrice(in *cluster.Instance, perHour float64) {
	c.grow(in.ID)
	c.rate[in.ID] = perHour / 3600
	c.update(in)
}

// update recomputes in's idle and stranded rates.
func (c *costs) update(in *cluster.Instance) {
	c.grow(in.ID)
	var idle, strand float64
	rate := c.rate[in.ID]
	switch {
	case in.Status == cluster.Inactive || in.Status == cluster.RegistrationFailed:
	case in.Status == cluster.Launching || in.Empty():
		idle = rate
	default:
		cpu := float64(in.Reserved.CPU) / float64(max(1, in.Registered.CPU))
		mem := float64(in.Reserved.MemoryMiB) / float64(max(1, in.Registered.MemoryMiB))
		strand = rate * max(0, 1-(cpu+mem)/2)
	}
	c.idleSum += idle - c.idleRate[in.ID]
	c.strandSum += strand - c.strandRate[in.ID]
	c.idleRate[in.ID], c.strandRate[in.ID] = idle, strand
}

// advance integrates the rates up to now.
func (c *costs) advance(now sim.Time) {
	if now <= c.last {
		return
	}
	dt := now.Sub(c.last).Seconds()
	// The sums are kept by adding and subtracting rates: clamp the drift
	// that can leave them a hair below zero when nothing is idle.
	c.idle += max(0, c.idleSum) * dt
	c.stranded += max(0, c.strandSum) * dt
	c.last = now
}

// costListener feeds instance changes to costs.
type costListener struct{ w *World }

// InstanceChanged implements cluster.Listener.
func (l costListener) InstanceChanged(in *cluster.Instance) { l.w.costs.update(in) }
