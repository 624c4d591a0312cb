package world

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// faultRun is a fault's state during a run.
type faultRun struct {
	cfg      *Fault
	idx      int32
	rng      *rand.Rand
	lifetime workloads.Sampler // instanceFailure with FailureTime
	// disconnected are the instances an agentDisconnect took down.
	disconnected []*cluster.Instance
}

// Fault event phases, in the event's gen field.
const (
	phaseStart = 0 // the fault happens
	phaseEnd   = 1 // its window closes
)

func (w *World) newFaults() error {
	for i := range w.cfg.Faults {
		f := &w.cfg.Faults[i]
		fr := &faultRun{cfg: f, idx: int32(i), rng: w.streams.Rand("faults/" + strconv.Itoa(i) + "/" + f.Type)}
		if f.Type == FaultInstanceFailure && f.FailureTime.Kind != "" {
			s, err := workloads.NewSampler(f.FailureTime, w.streams.Source("faults/"+strconv.Itoa(i)+"/lifetime"))
			if err != nil {
				return fmt.Errorf("fault %d: failureTime: %w", i, err)
			}
			fr.lifetime = s
		}
		if f.Type == FaultSpotInterruption && f.Provider >= 0 && w.cfg.CapacityProviders[f.Provider].Name == ProviderFargateSpot {
			w.cfg.Model.FargateSpotInterruptionsPerHour = f.RatePerHour
		}
		w.faults = append(w.faults, fr)
	}
	return nil
}

// startFaults schedules the timed faults.
func (w *World) startFaults() {
	for _, f := range w.faults {
		switch f.cfg.Type {
		case FaultInstanceFailure:
			if f.lifetime == nil {
				w.loop.At(sim.At(f.cfg.At), prioInstance, event{kind: evFault, idx: f.idx, gen: phaseStart})
			}
		case FaultZoneOutage, FaultAgentDisconnect:
			w.loop.At(sim.At(f.cfg.At), prioInstance, event{kind: evFault, idx: f.idx, gen: phaseStart})
			w.loop.At(sim.At(f.cfg.At+f.cfg.Duration), prioInstance, event{kind: evFault, idx: f.idx, gen: phaseEnd})
		}
	}
}

// instanceFaults schedules the per-instance faults of a newly registered
// instance: its failure time, or its Spot interruption.
func (w *World) instanceFaults(in *cluster.Instance) {
	for _, f := range w.faults {
		if !f.matches(in) {
			continue
		}
		var after float64
		switch {
		case f.cfg.Type == FaultInstanceFailure && f.lifetime != nil:
			after = f.lifetime.Rand()
		case f.cfg.Type == FaultSpotInterruption && in.Spot && f.cfg.RatePerHour > 0:
			after = f.rng.ExpFloat64() / f.cfg.RatePerHour * 3600
		default:
			continue
		}
		w.loop.After(seconds(after), prioInstance, event{kind: evInstanceFault, idx: int32(in.ID), gen: uint32(f.idx)})
	}
}

func (f *faultRun) matches(in *cluster.Instance) bool {
	return (f.cfg.AvailabilityZone == "" || f.cfg.AvailabilityZone == in.AZ) &&
		(f.cfg.Provider < 0 || f.cfg.Provider == in.Provider)
}

// fault handles a timed fault event.
func (w *World) fault(f *faultRun, phase uint32) {
	switch f.cfg.Type {
	case FaultInstanceFailure:
		for _, in := range w.pick(f, f.cfg.Count) {
			w.failInstance(in, "instance failure")
		}
	case FaultZoneOutage:
		if phase == phaseEnd {
			delete(w.zonesDown, f.cfg.AvailabilityZone)
			w.faultEvent(f, "OK")
			return
		}
		w.zonesDown[f.cfg.AvailabilityZone] = true
		w.faultEvent(f, "ALARM")
		for _, in := range w.c.Instances() {
			if in.AZ == f.cfg.AvailabilityZone && in.Status != cluster.Inactive {
				w.failInstance(in, "availability zone outage in "+in.AZ)
			}
		}
	case FaultAgentDisconnect:
		if phase == phaseStart {
			f.disconnected = w.pick(f, f.cfg.Count)
			for _, in := range f.disconnected {
				w.c.SetAgentConnected(in, false)
			}
			return
		}
		for _, in := range f.disconnected {
			if in.Status.Registered() {
				w.c.SetAgentConnected(in, true)
				w.capacityChanged(in.Provider)
			}
		}
	}
}

func (w *World) faultEvent(f *faultRun, state string) {
	e := w.emit(record.FaultInjected)
	e.Cause, e.AZ, e.State = f.cfg.Type, f.cfg.AvailabilityZone, state
	w.publish()
}

// pick chooses n registered instances matching f uniformly at random, in
// instance order first so the choice only depends on the fault's stream.
func (w *World) pick(f *faultRun, n int) []*cluster.Instance {
	var cands []*cluster.Instance
	for _, in := range w.c.Instances() {
		if in.Status.Registered() && f.matches(in) {
			cands = append(cands, in)
		}
	}
	f.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	return cands[:min(n, len(cands))]
}

// instanceFault handles a per-instance fault: a failure, or a Spot notice.
func (w *World) instanceFault(in *cluster.Instance, f *faultRun) {
	if in.Status == cluster.Inactive || w.leaving[in.ID] && f.cfg.Type == FaultSpotInterruption {
		return
	}
	if f.cfg.Type == FaultInstanceFailure {
		w.failInstance(in, "instance failure")
		return
	}
	w.spotInstanceNotice(in)
}

// failInstance ends an instance at once (hardware failure, zone outage):
// its tasks stop with it; a service replaces its tasks elsewhere, RunTask
// tasks are lost; its Auto Scaling group launches a replacement.
func (w *World) failInstance(in *cluster.Instance, cause string) {
	if in.Status == cluster.Inactive {
		return
	}
	w.leaveGroup(in)
	w.terminate(in, record.TerminatedFailure, cause)
}

// leaveGroup takes in out of its Auto Scaling group and lets the group
// replace it.
func (w *World) leaveGroup(in *cluster.Instance) {
	if in.Provider < 0 || w.leaving[in.ID] {
		return
	}
	p := w.providers[in.Provider]
	if p.cfg.ASG == nil {
		return
	}
	p.group.Remove(in.ID)
	w.leaving[in.ID] = true
	w.reconcile(p, "replacing "+in.EC2InstanceID)
}

// spotInstanceNotice gives an EC2 Spot instance its two-minute
// interruption notice (docs/model.md §3.3): with managed draining (or
// ECS_ENABLE_SPOT_INSTANCE_DRAINING) the instance is set DRAINING and its
// service tasks are replaced; either way it is reclaimed two minutes later.
func (w *World) spotInstanceNotice(in *cluster.Instance) {
	drain := in.Provider >= 0 && w.providers[in.Provider].cfg.ManagedDraining
	e := w.emit(record.InstanceInterruptionNotice)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	e.Reason = "reclaimed two minutes later, its tasks with it (managed draining off); its group launches a replacement"
	if drain {
		e.Reason = "managed draining sets it DRAINING and its service tasks are replaced; reclaimed two minutes later; its group launches a replacement"
	}
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	w.publish()
	w.leaveGroup(in)
	if drain && in.Status == cluster.Active {
		w.c.SetStatus(in, cluster.Draining, w.loop.Now())
		w.draining(in)
	}
	w.loop.After(SpotWarning, prioInstance, event{kind: evSpotReclaim, idx: int32(in.ID)})
}
