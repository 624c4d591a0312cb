package reports

import "github.com/ecsim/ecsim/sim"

// usage integrates reserved/registered over time for the time-weighted mean
// utilization (summary.json utilization.*).
//
// Example: one instance of 2048 CPU units, 512 reserved for its first half
// hour and nothing for the second: mean CPU reserved 0.125.
type usage struct {
	last     sim.Time
	cpuArea  float64 // ∫ reserved/registered CPU dt, seconds
	memArea  float64
	measured float64 // seconds with registered capacity > 0
}

func (u *usage) advance(now sim.Time, tot resources) {
	if now <= u.last {
		return
	}
	dt := now.Sub(u.last).Seconds()
	u.last = now
	if tot.regCPU > 0 {
		u.cpuArea += dt * ratio(tot.resCPU, tot.regCPU)
		u.measured += dt
	}
	if tot.regMem > 0 {
		u.memArea += dt * ratio(tot.resMem, tot.regMem)
	}
}

func (u *usage) means() (cpu, mem float64) {
	if u.measured == 0 {
		return 0, 0
	}
	return u.cpuArea / u.measured, u.memArea / u.measured
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

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
// Each instance's rates are updated when its events change them, so the
// sums cost O(1) per change. Billing minimums are left out of the split.
type costs struct {
	idleRate   []float64 // by instance key, USD per second
	strandRate []float64
	idleSum    float64 // Σ idleRate
	strandSum  float64
	idle       float64 // USD so far
	stranded   float64
	last       sim.Time
}

// set makes room for a launched instance and sets its rates.
func (c *costs) set(in *ledgerInstance) {
	for in.key >= len(c.idleRate) {
		c.idleRate = append(c.idleRate, 0)
		c.strandRate = append(c.strandRate, 0)
	}
	c.update(in)
}

// update recomputes in's idle and stranded rates: idle while launching or
// running no task but daemons, else the unreserved share.
func (c *costs) update(in *ledgerInstance) {
	var idle, strand float64
	switch {
	case !in.registered || in.nonDaemon == 0:
		idle = in.rate
	default:
		cpu := float64(in.res.resCPU) / float64(max(1, in.res.regCPU))
		mem := float64(in.res.resMem) / float64(max(1, in.res.regMem))
		strand = in.rate * max(0, 1-(cpu+mem)/2)
	}
	c.put(in.key, idle, strand)
}

// clear ends a terminated instance's rates.
func (c *costs) clear(in *ledgerInstance) { c.put(in.key, 0, 0) }

func (c *costs) put(key int, idle, strand float64) {
	c.idleSum += idle - c.idleRate[key]
	c.strandSum += strand - c.strandRate[key]
	c.idleRate[key], c.strandRate[key] = idle, strand
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
