package world

import (
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// takeSample publishes the cluster at this instant (timeseries.csv and
// providers.csv rows).
func (w *World) takeSample() {
	tot := w.c.Totals()
	w.sample = record.Sample{
		T:                 w.loop.Now(),
		InstancesRunning:  w.c.InstancesIn(cluster.Active) + w.c.InstancesIn(cluster.Draining),
		InstancesPending:  w.c.InstancesIn(cluster.Launching),
		TasksRunning:      w.c.TasksIn(cluster.Running),
		TasksProvisioning: w.c.TasksIn(cluster.Provisioning),
		TasksPending:      w.c.TasksIn(cluster.Pending),
		CPUReserved:       ratio(tot.Reserved.CPU, tot.Registered.CPU),
		MemoryReserved:    ratio(tot.Reserved.MemoryMiB, tot.Registered.MemoryMiB),
		CostUSD:           w.billing.accrued(w.loop.Now()) + w.fg.bill.accrued(w.loop.Now()),
		Providers:         w.sample.Providers[:0],
	}
	for _, p := range w.providers {
		if p.scaler != nil {
			w.sample.Providers = append(w.sample.Providers, w.providerSample(p))
		}
	}
	w.obs.Sample(&w.sample)
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (w *World) final(end sim.Time) *record.Final {
	w.billing.closeAll(end)
	w.fg.bill.closeAll(end)
	cpu, mem := w.usage.means()
	f := &record.Final{
		SimulatedSeconds:   end.Seconds(),
		Events:             w.events,
		TasksRunningAtEnd:  w.c.TasksIn(cluster.Running),
		TasksProvisioning:  w.c.TasksIn(cluster.Provisioning),
		TasksPendingAtEnd:  w.c.TasksIn(cluster.Pending),
		TasksLost:          w.lost,
		InstancesLaunched:  w.fleet.launched,
		InstancesTerm:      w.fleet.terminated,
		InstancesPeak:      w.fleet.peak,
		InstancesFinal:     w.fleet.launched - w.fleet.terminated,
		InstanceHours:      w.billing.hours,
		CPUReservedMean:    cpu,
		MemoryReservedMean: mem,
		CostEC2:            w.billing.closed,
		CostFargate:        w.fg.bill.closed,
		CostIdle:           w.costs.idle,
		CostStranded:       w.costs.stranded,
		PlacementExamined:  w.placer.Stats.Examined,
		PlacementRejected:  w.placer.Stats.Rejected,
	}
	for _, p := range w.providers {
		if p.scaler != nil {
			pf := p.final()
			f.Providers = append(f.Providers, pf)
			f.ScaleOutActions += pf.ScaleOut
			f.ScaleInActions += pf.ScaleIn
		}
	}
	return f
}
