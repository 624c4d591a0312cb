package world

import (
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// launched reports an instance launch with its price and the resources it
// will register: its billing starts (reports.Ledger).
func (w *World) launched(in *cluster.Instance) {
	e := w.emit(record.InstanceLaunched)
	instanceFields(e, in)
	e.PricePerHour = w.cfg.Prices.Instance(in.Type, in.Spot)
	e.CPU, e.MemoryMiB = in.Registered.CPU, in.Registered.MemoryMiB
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
	instanceFields(e, in)
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	e.CPU, e.MemoryMiB = in.Registered.CPU, in.Registered.MemoryMiB
	w.publish()
}

// instanceFields sets the fields of e that name in.
func instanceFields(e *record.Event, in *cluster.Instance) {
	e.Instance, e.InstanceSeq, e.InstanceType, e.AZ = in.EC2InstanceID, int32(in.ID)+1, in.Type.Name, in.AZ
}
