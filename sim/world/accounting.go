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
// (ecs-reference.md §10, [ec2-billing]).
const MinimumBilledSeconds = 60

// billing accrues EC2 cost per second from launch to termination with a
// 60-second minimum. Running instances are summed as aggregates so a sample
// costs O(1) whatever the fleet size:
//
//	accrued(t) = closed + Σ price·(t − launch) + Σ_{t − launch < 60 s} price·(60 s − (t − launch))
type billing struct {
	closed    float64 // USD of terminated instances
	hours     float64 // instance-hours of terminated instances
	rate      float64 // Σ price per second of running instances
	rateStart float64 // Σ price per second × launch second
	young     []billed
	running   []billed // by instance ID
}

type billed struct {
	launch float64 // seconds
	rate   float64 // USD per second
	alive  bool
}

func (b *billing) launch(in *cluster.Instance, price float64) {
	y := billed{launch: in.LaunchedAt.Seconds(), rate: price / 3600, alive: true}
	for int(in.ID) >= len(b.running) {
		b.running = append(b.running, billed{})
	}
	b.running[in.ID] = y
	b.rate += y.rate
	b.rateStart += y.rate * y.launch
	b.young = append(b.young, y)
}

func (b *billing) terminate(in *cluster.Instance, now sim.Time) {
	if int(in.ID) >= len(b.running) || !b.running[in.ID].alive {
		return
	}
	y := b.running[in.ID]
	b.running[in.ID].alive = false
	b.rate -= y.rate
	b.rateStart -= y.rate * y.launch
	b.close(y, now)
}

func (b *billing) close(y billed, now sim.Time) {
	life := now.Seconds() - y.launch
	b.hours += life / 3600
	b.closed += y.rate * max(life, MinimumBilledSeconds)
}

func (b *billing) accrued(now sim.Time) float64 {
	t := now.Seconds()
	total := b.closed + b.rate*t - b.rateStart
	keep := b.young[:0]
	for _, y := range b.young {
		if age := t - y.launch; age < MinimumBilledSeconds {
			total += y.rate * (MinimumBilledSeconds - age)
			keep = append(keep, y)
		}
	}
	b.young = keep
	return max(total, 0)
}

// closeAll bills every running instance up to end, in instance order.
func (b *billing) closeAll(end sim.Time) {
	for i, y := range b.running {
		if y.alive {
			b.running[i].alive = false
			b.close(y, end)
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
	w.billing.launch(in, in.Type.PricePerHour)
	e := w.emit(record.InstanceLaunched)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	w.publish()
}

// register makes a launched instance's agent register: the instance becomes
// ACTIVE and schedulable.
func (w *World) register(in *cluster.Instance) {
	w.c.SetStatus(in, cluster.Active, w.loop.Now())
	e := w.emit(record.InstanceRegistered)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	e.CPU, e.MemoryMiB = in.Registered.CPU, in.Registered.MemoryMiB
	w.publish()
}
