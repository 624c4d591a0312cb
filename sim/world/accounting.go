package world

import (
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// usage integrates reserved/registered over time for the time-weighted mean
// utilisation (summary.json utilization.*): the state is piecewise constant
// between events, so advancing at each event is exact.
type usage struct {
	last     sim.Time
	cpuArea  float64 // ∫ reserved/registered CPU dt, seconds
	memArea  float64
	measured float64 // seconds with registered capacity > 0
}

func (u *usage) advance(now sim.Time, tot cluster.Totals) {
	if now <= u.last {
		return
	}
	dt := now.Sub(u.last).Seconds()
	u.last = now
	if tot.Registered.CPU > 0 {
		u.cpuArea += dt * ratio(tot.Reserved.CPU, tot.Registered.CPU)
		u.measured += dt
	}
	if tot.Registered.MemoryMiB > 0 {
		u.memArea += dt * ratio(tot.Reserved.MemoryMiB, tot.Registered.MemoryMiB)
	}
}

func (u *usage) means() (cpu, mem float64) {
	if u.measured == 0 {
		return 0, 0
	}
	return u.cpuArea / u.measured, u.memArea / u.measured
}

// MinimumBilledSeconds is EC2's per-second billing minimum for Linux
// (docs/model.md §10, [ec2-billing]).
const MinimumBilledSeconds = 60

// billing accrues cost per second from start to stop with a 60-second
// minimum, for EC2 instances (keyed by instance ID) or Fargate tasks (keyed by
// task slot). Running meters are summed as aggregates so a sample costs O(1)
// whatever the fleet size:
//
//	accrued(t) = closed + Σ rate·(t − start) + Σ_{t − start < 60 s} rate·(60 s − (t − start))
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

// fleet counts instances for summary.json instances.*.
type fleet struct {
	launched, terminated, peak int
}

// launched records an instance launch: its billing starts.
func (w *World) launched(in *cluster.Instance) {
	w.fleet.launched++
	w.fleet.peak = max(w.fleet.peak, w.fleet.launched-w.fleet.terminated)
	price := w.cfg.Prices.Instance(in.Type, in.Spot)
	w.billing.start(int(in.ID), in.LaunchedAt, price)
	w.costs.setPrice(in, price)
	e := w.emit(record.InstanceLaunched)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	w.publish()
}

// register makes a launched instance's agent register: the instance becomes
// ACTIVE and schedulable.
func (w *World) register(in *cluster.Instance) {
	w.c.SetStatus(in, cluster.Active, w.loop.Now())
	e := w.emit(record.InstanceRegistered)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	e.CPU, e.MemoryMiB = in.Registered.CPU, in.Registered.MemoryMiB
	w.publish()
}
