package world

import (
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// launched reports an instance launch with its price and the resources it
// will register: its billing starts (reports.Ledger).
func (w *World) launched(in *cluster.Instance) {
	e := w.emit(record.InstanceLaunched)
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
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
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	if in.Provider >= 0 {
		e.Provider = w.providers[in.Provider].cfg.Name
	}
	e.CPU, e.MemoryMiB = in.Registered.CPU, in.Registered.MemoryMiB
	w.publish()
}
