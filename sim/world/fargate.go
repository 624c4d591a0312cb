package world

import (
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// fargate is the state of Fargate capacity in a run: tasks get task-sized
// capacity after a provisioning delay, in the availability zone with the
// fewest tasks of their group (ECS spreads Fargate tasks across zones,
// docs/model.md §5.1), and are billed per vCPU-hour and GB-hour from
// placement to stop with a 60-second minimum (§9.2; reports.Ledger bills).
type fargate struct {
	delay workloads.Sampler
	zone  *rand.Rand
	// counts[group][zone] is the number of the group's Fargate tasks in
	// each zone, PENDING or RUNNING.
	counts [][]int32
	// interrupt draws the time to a FARGATE_SPOT interruption.
	interrupt *rand.Rand
}

func (w *World) newFargate() error {
	spec := w.cfg.Fargate.ProvisioningDelay
	if spec.Kind == "" {
		spec = workloads.DistSpec{Kind: workloads.Constant, Value: 0}
	}
	d, err := w.cfg.WorkloadKinds.NewSampler(spec, w.streams.Source("fargate/provisioning-delay"))
	if err != nil {
		return err
	}
	w.fg = fargate{delay: d, zone: w.streams.Rand("fargate/zone"), interrupt: w.streams.Rand("fargate-spot/interruptions")}
	return nil
}

// submitFargate starts a Fargate task: PROVISIONING until capacity is found.
func (w *World) submitFargate(t *cluster.Task) {
	e := w.emit(record.TaskProvisioning)
	w.taskFields(e, t)
	e.LaunchType = LaunchFargate
	if t.Provider >= 0 {
		e.Provider, e.LaunchType = w.providers[t.Provider].cfg.Name, ""
	}
	w.publish()
	t.Timer = w.loop.After(seconds(w.fg.delay.Rand()), prioStart, taskEvent(evFargateReady, t))
}

// fargateReady gives a PROVISIONING Fargate task its capacity: it becomes
// PENDING in the least-used zone of its group, and its billing starts.
func (w *World) fargateReady(t *cluster.Task) {
	g := int(t.Group)
	for g >= len(w.fg.counts) {
		w.fg.counts = append(w.fg.counts, nil)
	}
	if w.fg.counts[g] == nil {
		w.fg.counts[g] = make([]int32, len(w.cfg.AvailabilityZones))
	}
	counts := w.fg.counts[g]
	best, ties := int32(-1), 0
	zone := 0
	for z, n := range counts {
		if w.zonesDown[w.cfg.AvailabilityZones[z]] {
			continue
		}
		switch {
		case best < 0 || n < best:
			best, ties, zone = n, 1, z
		case n == best:
			// Reservoir choice: each tied zone is kept with probability 1/ties.
			ties++
			if w.fg.zone.IntN(ties) == 0 {
				zone = z
			}
		}
	}
	counts[zone]++
	t.Zone = int32(zone)
	w.c.SetTaskState(t, cluster.Pending)
	t.PlacedAt = w.loop.Now()
	req := t.Req()
	price := w.cfg.Prices.Fargate(t.Def.Windows(), t.Def.CPUArchitecture == "ARM64").HourlyCost(req.CPU, req.MemoryMiB)
	spot := w.fargateSpot(t)
	if spot {
		price *= 1 - w.cfg.Prices.FargateSpotDiscount
	}
	e := w.emit(record.TaskPlaced)
	e.PricePerHour = price
	w.taskFields(e, t)
	e.LaunchType = LaunchFargate
	e.AZ, e.CPU, e.MemoryMiB = w.cfg.AvailabilityZones[zone], req.CPU, req.MemoryMiB
	if t.Provider >= 0 {
		e.Provider, e.LaunchType = w.providers[t.Provider].cfg.Name, ""
	}
	w.publish()
	if rate := w.cfg.Model.FargateSpotInterruptionsPerHour; spot && rate > 0 {
		// Interruptions arrive at a constant rate: the time to the next
		// one is exponential (a modelling choice; AWS publishes no rate).
		after := seconds(w.fg.interrupt.ExpFloat64() / rate * 3600)
		w.loop.After(after, prioStop, taskEvent(evSpotNotice, t))
	}
	w.afterPlacement(t)
}

func (w *World) fargateSpot(t *cluster.Task) bool {
	return t.Provider >= 0 && w.providers[t.Provider].cfg.Name == ProviderFargateSpot
}

// SpotWarning is the notice AWS gives before reclaiming Spot capacity.
const SpotWarning = 2 * time.Minute

// Stop reasons of Spot interruptions (§8.1).
const (
	ReasonSpotInterrupted = "Your Spot Task was interrupted."
	ReasonSpotNotice      = "TerminationNotice"
)

// spotNotice gives a FARGATE_SPOT task its interruption notice
// (docs/model.md §8.1): an EventBridge task state change (stopCode
// TerminationNotice) and a SIGTERM to its containers. The task is stopping
// from then on: a service starts its replacement at once, within
// maximumPercent, and the task stops when its containers' stopTimeout runs
// out (default 30 s), at the latest when the capacity is reclaimed two
// minutes after the notice. A task that ends sooner on its own is
// unaffected.
func (w *World) spotNotice(t *cluster.Task) {
	if t.State == cluster.Stopped {
		return
	}
	e := w.emit(record.TaskInterruptionNotice)
	w.taskFields(e, t)
	e.Reason = ReasonSpotNotice
	if t.Provider >= 0 {
		e.Provider = w.providers[t.Provider].cfg.Name
	}
	w.publish()
	stop := min(t.Def.StopTimeout(), SpotWarning)
	if t.Duration >= 0 && t.State == cluster.Running && t.StartedAt.Add(t.Duration) <= w.loop.Now().Add(stop) {
		return // it completes before it is killed
	}
	w.loop.Cancel(t.Timer)
	t.Timer = w.loop.After(stop, prioStop, taskEvent(evSpotStop, t))
	w.stopping[t.ID] = t.Gen
	if svc := w.launchers[t.OwnerIndex].svc; svc != nil {
		w.queueReconcile(svc)
	}
}

// beingStopped reports whether t has been told to stop (an interruption
// notice) and is waiting for its containers to exit: it counts toward a
// service's maximumPercent but is neither healthy nor to be stopped again.
func (w *World) beingStopped(t *cluster.Task) bool {
	gen, ok := w.stopping[t.ID]
	return ok && gen == t.Gen
}

// releaseFargate ends a Fargate task's billing and zone count.
func (w *World) releaseFargate(t *cluster.Task) {
	if t.Zone < 0 {
		return
	}
	w.fg.counts[t.Group][t.Zone]--
	t.Zone = -1
}
