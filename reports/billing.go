package reports

import "github.com/ecsim/ecsim/sim"

// MinimumBilledSeconds is EC2's per-second billing minimum for Linux, which
// Fargate applies too (docs/model.md §10, [ec2-billing]).
const MinimumBilledSeconds = 60

// billing accrues cost per second from start to stop with a 60-second
// minimum, for EC2 instances or Fargate tasks, each a meter under a key.
// Running meters are summed as aggregates so accrued costs O(1) whatever
// the fleet size:
//
//	accrued(t) = closed + Σ rate·(t − start) + Σ_{t − start < 60 s} rate·(60 s − (t − start))
//
// Example: an m5.large ($0.096/h) from 0 to 30 s bills 60 s, $0.0016; from
// 0 to 1 h, $0.096.
type billing struct {
	closed    float64 // USD of stopped meters
	hours     float64 // hours of stopped meters
	rate      float64 // Σ USD per second of running meters
	rateStart float64 // Σ USD per second × start second
	young     []meter
	running   []meter // by key
}

type meter struct {
	start float64 // seconds
	rate  float64 // USD per second
	alive bool
}

// start opens meter key at at, costing pricePerHour.
func (b *billing) start(key int, at sim.Time, pricePerHour float64) {
	m := meter{start: at.Seconds(), rate: pricePerHour / 3600, alive: true}
	for key >= len(b.running) {
		b.running = append(b.running, meter{})
	}
	b.running[key] = m
	b.rate += m.rate
	b.rateStart += m.rate * m.start
	b.young = append(b.young, m)
}

// stop closes meter key at now.
func (b *billing) stop(key int, now sim.Time) {
	if key >= len(b.running) || !b.running[key].alive {
		return
	}
	m := b.running[key]
	b.running[key].alive = false
	b.rate -= m.rate
	b.rateStart -= m.rate * m.start
	b.close(m, now)
}

func (b *billing) close(m meter, now sim.Time) {
	life := now.Seconds() - m.start
	b.hours += life / 3600
	b.closed += m.rate * max(life, MinimumBilledSeconds)
}

// accrued returns the cost so far at now, minimums included.
func (b *billing) accrued(now sim.Time) float64 {
	t := now.Seconds()
	total := b.closed + b.rate*t - b.rateStart
	keep := b.young[:0]
	for _, m := range b.young {
		if age := t - m.start; age < MinimumBilledSeconds {
			total += m.rate * (MinimumBilledSeconds - age)
			keep = append(keep, m)
		}
	}
	b.young = keep
	return max(total, 0)
}

// closeAll bills every running meter up to end, in key order.
func (b *billing) closeAll(end sim.Time) {
	for i, m := range b.running {
		if m.alive {
			b.running[i].alive = false
			b.close(m, end)
		}
	}
	b.rate, b.rateStart, b.young = 0, 0, nil
}

// keys hands out meter keys and takes them back, so the meters of a run
// with millions of short Fargate tasks stay as many as run at once.
type keys struct {
	free []int
	next int
}

func (k *keys) get() int {
	if n := len(k.free); n > 0 {
		key := k.free[n-1]
		k.free = k.free[:n-1]
		return key
	}
	k.next++
	return k.next - 1
}

func (k *keys) put(key int) { k.free = append(k.free, key) }
