package world

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/sim/record"
)

// faultRun is a fault during a run: its spec and its controller.
type faultRun struct {
	cfg *Fault
	idx int32
	ctl faults.Fault
}

// newFaults builds the controller of every fault from its kind.
func (w *World) newFaults() error {
	kinds := w.cfg.FaultKinds
	if kinds == nil {
		kinds = faults.NewRegistry()
	}
	for i := range w.cfg.Faults {
		f := &w.cfg.Faults[i]
		kind, ok := kinds.Kind(f.Type)
		if !ok {
			return fmt.Errorf("fault %d: unknown type %q", i, f.Type)
		}
		prefix := "faults/" + strconv.Itoa(i) + "/"
		env := faults.Env{Rand: w.streams.Rand(prefix + f.Type), Workloads: w.cfg.WorkloadKinds,
			Source: func(name string) rand.Source { return w.streams.Source(prefix + name) }}
		ctl, err := kind.New(f, env)
		if err != nil {
			return fmt.Errorf("fault %d: %w", i, err)
		}
		if f.Type == FaultSpotInterruption && f.Provider >= 0 && w.cfg.CapacityProviders[f.Provider].Name == ProviderFargateSpot {
			w.cfg.Model.FargateSpotInterruptionsPerHour = f.RatePerHour
		}
		w.faults = append(w.faults, &faultRun{cfg: f, idx: int32(i), ctl: ctl})
	}
	return nil
}

// startFaults schedules the faults' timed phases.
func (w *World) startFaults() {
	for _, f := range w.faults {
		for i, at := range f.ctl.Phases() {
			w.loop.At(sim.At(at), prioInstance, event{kind: evFault, idx: f.idx, gen: uint32(i)})
		}
	}
}

// instanceFaults tells every fault of a newly registered instance and
// schedules what they will do to it: its failure, or its Spot notice.
func (w *World) instanceFaults(in *cluster.Instance) {
	for _, f := range w.faults {
		if after, ok := f.ctl.Registered(in); ok {
			w.loop.After(seconds(after), prioInstance, event{kind: evInstanceFault, idx: int32(in.ID), gen: uint32(f.idx)})
		}
	}
}

// fault handles a timed phase of a fault.
func (w *World) fault(f *faultRun, phase uint32) {
	w.applyFault(f, f.ctl.Phase(int(phase), w.c))
}

// instanceFault handles a per-instance fault.
func (w *World) instanceFault(in *cluster.Instance, f *faultRun) {
	w.applyFault(f, f.ctl.Act(in))
}

// applyFault applies a fault's actions in order. The world's rules hold
// whatever a fault asks: an instance already gone is not failed again, a
// Spot notice goes only to an instance that is not already leaving, and an
// agent reconnects only on a registered instance.
func (w *World) applyFault(f *faultRun, actions []faults.Action) {
	for _, a := range actions {
		in := a.Instance
		switch a.Verb {
		case faults.FailInstance:
			w.failInstance(in, a.Cause)
		case faults.ZoneDown:
			w.zonesDown[a.AZ] = true
			w.faultEvent(f, a.AZ, "ALARM")
		case faults.ZoneUp:
			delete(w.zonesDown, a.AZ)
			w.faultEvent(f, a.AZ, "OK")
		case faults.DisconnectAgent:
			w.c.SetAgentConnected(in, false)
		case faults.ReconnectAgent:
			if in.Status.Registered() {
				w.c.SetAgentConnected(in, true)
				w.capacityChanged(in)
			}
		case faults.SpotNotice:
			if in.Status != cluster.Inactive && !w.leaving[in.ID] {
				w.spotInstanceNotice(in)
			}
		}
	}
}

// faultEvent reports a zone fault's state change.
func (w *World) faultEvent(f *faultRun, az, state string) {
	e := w.emit(record.FaultInjected)
	e.Cause, e.AZ, e.State = f.cfg.Type, az, state
	w.publish()
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
	instanceFields(e, in)
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
