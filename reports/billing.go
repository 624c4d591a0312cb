package reports

import "github.com/ecsim/ecsim/sim"

// MinimumBilledSeconds is EC2's per-second billing minimum for Linux, which
// Fargate applies too (docs/model.md §10, [ec2-billing]).
const MinimumBilledSeconds = 60

// billing accrues cost per second from start to stop with a 60-second
// minimum, for EC2 instances or Fargate tasks. It keeps aggregates of the
// running meters, so starting, stopping and reading cost O(1) whatever the
// fleet size:
//
//	accrued(t) = closed + Σ rate·(t − start) + Σ_{t − start < 60 s} rate·(60 s − (t − start))
//
// the sums over the running meters; the young ones (started less than 60 s
// ago) are kept in a queue so the minimum of each is added while it lasts.
//
// Example: an m5.large ($0.096/h) from 0 to 30 s bills 60 s, $0.0016; from
// 0 to 1 h, $0.096. At 20 s, a meter started at 0 and stopped at 10 s has
// accrued its minimum, $0.0016, and no more.
type billing struct {
	closed    float64 // USD of stopped meters
	hours     float64 // hours of stopped meters
	rate      float64 // Σ USD per second of running meters
	rateStart float64 // Σ USD per second × start second
	n         int     // running meters
	startSum  float64 // Σ start second of running meters
	young     []youngMeter
	head      int // absolute index of young[0]
}

// youngMeter is a meter in its first minute.
type youngMeter struct {
	start, rate float64
	alive       bool
}

// meter is what the owner of a running meter keeps to stop it.
type meter struct {
	start float64 // seconds
	rate  float64 // USD per second
	young int     // its absolute index in the young queue
}

// start opens a meter at at, costing pricePerHour.
func (b *billing) start(at sim.Time, pricePerHour float64) meter {
	m := meter{start: at.Seconds(), rate: pricePerHour / 3600, young: b.head + len(b.young)}
	b.rate += m.rate
	b.rateStart += m.rate * m.start
	b.n++
	b.startSum += m.start
	b.young = append(b.young, youngMeter{start: m.start, rate: m.rate, alive: true})
	return m
}

// stop closes m at now, billing at least the minimum.
func (b *billing) stop(m meter, now sim.Time) {
	b.rate -= m.rate
	b.rateStart -= m.rate * m.start
	b.n--
	b.startSum -= m.start
	if i := m.young - b.head; i >= 0 && i < len(b.young) {
		b.young[i].alive = false
	}
	life := now.Seconds() - m.start
	b.hours += life / 3600
	b.closed += m.rate * max(life, MinimumBilledSeconds)
}

// accrued returns the cost so far at now, minimums included; now never
// goes back.
func (b *billing) accrued(now sim.Time) float64 {
	t := now.Seconds()
	return max(b.closed+b.rate*t-b.rateStart+b.minimums(t), 0)
}

// minimums returns what the running young meters still owe of their
// minimum at t, dropping the meters older than a minute.
func (b *billing) minimums(t float64) float64 {
	k := 0
	for k < len(b.young) && t-b.young[k].start >= MinimumBilledSeconds {
		k++
	}
	b.young, b.head = b.young[k:], b.head+k
	owed := 0.0
	for _, m := range b.young {
		if m.alive {
			owed += m.rate * (MinimumBilledSeconds - (t - m.start))
		}
	}
	return owed
}

// closeAll bills every running meter up to end.
func (b *billing) closeAll(end sim.Time) {
	t := end.Seconds()
	b.closed += b.rate*t - b.rateStart + b.minimums(t)
	b.hours += (float64(b.n)*t - b.startSum) / 3600
	b.rate, b.rateStart, b.n, b.startSum, b.young = 0, 0, 0, 0, nil
}
