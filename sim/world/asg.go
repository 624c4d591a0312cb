package world

import (
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// startGroups launches every group's initial desired capacity; those
// instances are registered at t = 0 (docs/model.md §14).
func (w *World) startGroups() {
	for _, p := range w.providers {
		if p.group == nil {
			continue
		}
		for p.group.Short() {
			in := w.launchInstance(p)
			p.pending--
			w.register(in)
			w.instanceFaults(in)
		}
	}
}

// reconcile makes the group's instance count meet its desired capacity:
// it launches the missing instances and terminates the excess ones that may
// be terminated; with managed termination protection that is only empty
// instances, so the rest wait until they empty (§4.3). The group decides
// each launch and termination; the world carries them out.
func (w *World) reconcile(p *providerRun, cause string) {
	for p.group.Short() {
		in := w.launchInstance(p)
		if in == nil {
			break
		}
		w.scheduleRegistration(p, in)
	}
	for p.group.Excess() {
		id, ok := p.group.NextTermination(w.loop.Now(), w.c)
		if !ok {
			return
		}
		w.beginTermination(p, w.c.Instance(id), cause)
	}
}

// launchInstance starts the EC2 instance the group asks for next; it
// returns nil when every zone of the group is down.
func (w *World) launchInstance(p *providerRun) *cluster.Instance {
	l, ok := p.group.NextLaunch(func(zone string) bool { return w.zonesDown[zone] })
	if !ok {
		return nil
	}
	in := w.c.AddInstance(w.instanceSpec(p, l.Type, p.cfg.ASG.AvailabilityZones[l.Zone]), w.loop.Now())
	p.group.Launched(in.ID, l, w.loop.Now())
	p.pending++
	w.launched(in)
	return in
}

// scheduleRegistration registers in after the launch delay, unless its
// agent fails to register (confusion #3: it then runs, billed, but never
// joins the cluster).
func (w *World) scheduleRegistration(p *providerRun, in *cluster.Instance) {
	if r := p.cfg.ASG.RegistrationFailureRate; r > 0 && p.regFail.Float64() < r {
		return
	}
	w.loop.After(seconds(p.launchDelay.Rand()), prioInstance, event{kind: evRegister, idx: int32(in.ID)})
}

func (w *World) registerLater(id cluster.InstanceID) {
	in := w.c.Instance(id)
	if in.Status != cluster.Launching {
		return // terminated before its agent registered
	}
	w.providers[in.Provider].pending--
	w.register(in)
	w.daemonsOnRegister(in)
	w.instanceFaults(in)
	w.capacityChanged(in)
}

// beginTermination takes in out of the group. With managed draining an
// instance with tasks is set DRAINING first and terminated when its tasks
// have stopped or the draining timeout passes (§4.4); otherwise it is
// terminated at once and its tasks stop with it.
func (w *World) beginTermination(p *providerRun, in *cluster.Instance, cause string) {
	p.group.Remove(in.ID)
	w.leaving[in.ID] = true
	if in.Status == cluster.Active && p.cfg.ManagedDraining && in.TaskCount() > 0 {
		w.c.SetStatus(in, cluster.Draining, w.loop.Now())
		w.draining(in)
		e := w.emit(record.InstanceDraining)
		instanceFields(e, in)
		e.Provider, e.Cause = p.cfg.Name, cause
		w.publish()
		w.loop.After(w.cfg.Model.ManagedDrainingTimeout, prioInstance, event{kind: evDrainTimeout, idx: int32(in.ID)})
		return
	}
	w.terminate(in, record.TerminatedScaleIn, cause)
}

// terminate ends in: its tasks stop ("Host EC2 (instance ...) terminated."),
// it becomes INACTIVE and its billing stops (reports.Ledger).
func (w *World) terminate(in *cluster.Instance, why, cause string) {
	if in.Status == cluster.Inactive {
		return
	}
	if in.Status == cluster.Launching && in.Provider >= 0 {
		w.providers[in.Provider].pending--
	}
	tasks := in.NonDaemonTasks()
	reason := record.StopHostTerminated(in.EC2InstanceID)
	// Its last task stopping must not finish its draining and terminate it
	// a second time from within this loop.
	delete(w.leaving, in.ID)
	for in.TaskCount() > 0 {
		w.stopTask(w.c.Task(in.Tasks()[0]), reason)
	}
	w.c.SetStatus(in, cluster.Inactive, w.loop.Now())
	e := w.emit(record.InstanceTerminated)
	instanceFields(e, in)
	e.Reason, e.Cause, e.Tasks = why, cause, tasks
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	w.publish()
}

// drained is called when a task leaves an instance: a draining instance
// that is leaving its group stops its daemon tasks once no other task runs
// there (they stop last, §4.4) and terminates when it is empty.
func (w *World) drained(in *cluster.Instance) {
	if in.Status != cluster.Draining || !w.leaving[in.ID] || in.NonDaemonTasks() > 0 {
		return
	}
	if in.TaskCount() == 0 {
		w.terminate(in, record.TerminatedDrained, "draining complete")
		return
	}
	for _, s := range w.svcs {
		if s.cfg.Daemon {
			w.daemonOn(s, in) // stops the daemon task, which drains in again
		}
	}
}
