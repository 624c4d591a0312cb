package world

import (
	"math"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/fargate"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// newFargate builds the Fargate capacity controller (sim/fargate): tasks
// get task-sized capacity after a provisioning delay, in the availability
// zone with the fewest tasks of their group (docs/model.md §5.1), and are
// billed per vCPU-hour and GB-hour from placement to stop with a 60-second
// minimum (§9.2; reports.Ledger bills). It is built after the faults, which
// set the FARGATE_SPOT interruption rate.
func (w *World) newFargate() error {
	spec := w.cfg.Fargate.ProvisioningDelay
	if spec.Kind == "" {
		spec = workloads.DistSpec{Kind: workloads.Constant, Value: 0}
	}
	d, err := w.cfg.WorkloadKinds.NewSampler(spec, w.streams.Source("fargate/provisioning-delay"))
	if err != nil {
		return err
	}
	w.fg = fargate.New(fargate.Config{Zones: w.cfg.AvailabilityZones, ProvisioningDelay: d,
		SpotInterruptionsPerHour: w.cfg.Model.FargateSpotInterruptionsPerHour,
		Zone:                     w.streams.Rand("fargate/zone"), Interrupt: w.streams.Rand("fargate-spot/interruptions")})
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
	t.Timer = w.loop.After(w.fg.ProvisioningDelay(), prioStart, taskEvent(evFargateReady, t))
}

// fargateReady gives a PROVISIONING Fargate task its capacity: it becomes
// PENDING in the least-used zone of its group, and its billing starts.
func (w *World) fargateReady(t *cluster.Task) {
	zone := w.fg.Place(int(t.Group), func(z string) bool { return w.zonesDown[z] })
	t.Zone = int32(zone)
	w.c.SetTaskState(t, cluster.Pending)
	t.PlacedAt = w.loop.Now()
	req := t.Req()
	price := w.cfg.Prices.Fargate(t.Def.Windows(), t.Def.CPUArchitecture == "ARM64").HourlyCost(req.CPU, req.MemoryMiB)
	spot := w.fargateSpot(t)
	if spot {
		price *= 1 - w.cfg.Prices.FargateSpotDiscount
	}
	// A nano-dollar an hour is below any price's precision: rounding there
	// keeps the float noise of vCPU × price + GB × price out of the events.
	price = math.Round(price*1e9) / 1e9
	e := w.emit(record.TaskPlaced)
	e.PricePerHour = price
	w.taskFields(e, t)
	e.LaunchType = LaunchFargate
	e.AZ, e.CPU, e.MemoryMiB = w.cfg.AvailabilityZones[zone], req.CPU, req.MemoryMiB
	if t.Provider >= 0 {
		e.Provider, e.LaunchType = w.providers[t.Provider].cfg.Name, ""
	}
	w.publish()
	if spot {
		if after, ok := w.fg.Interruption(); ok {
			w.loop.After(after, prioStop, taskEvent(evSpotNotice, t))
		}
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
	ReasonSpotInterrupted = record.StopSpotInterrupted
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

// releaseFargate ends a Fargate task's zone count.
func (w *World) releaseFargate(t *cluster.Task) {
	if t.Zone < 0 {
		return
	}
	w.fg.Release(int(t.Group), int(t.Zone))
	t.Zone = -1
}
