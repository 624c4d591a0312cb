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
		Providers:         w.sample.Providers[:0],
		Services:          w.sample.Services[:0],
	}
	for _, p := range w.providers {
		if p.scaler != nil {
			w.sample.Providers = append(w.sample.Providers, w.providerSample(p))
		}
	}
	for _, s := range w.svcs {
		w.sample.Services = append(w.sample.Services, w.serviceSample(s))
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
	return &record.Final{
		End:               end,
		SimulatedSeconds:  end.Seconds(),
		Events:            w.events,
		TasksRunningAtEnd: w.c.TasksIn(cluster.Running),
		TasksProvisioning: w.c.TasksIn(cluster.Provisioning),
		TasksPendingAtEnd: w.c.TasksIn(cluster.Pending),
		TasksLost:         w.lost,
		PlacementExamined: w.placer.Stats.Examined,
		PlacementRejected: w.placer.Stats.Rejected,
	}
}

// serviceSample counts a service's tasks by state.
func (w *World) serviceSample(s *serviceRun) record.ServiceSample {
	out := record.ServiceSample{Name: s.cfg.Name, Desired: s.ctl.DesiredCount()}
	for _, q := range s.tasks {
		t := w.c.Task(q.id)
		if t.Gen != q.gen {
			continue
		}
		switch t.State {
		case cluster.Running:
			out.Running++
		case cluster.Pending, cluster.Provisioning:
			out.Pending++
		}
	}
	return out
}
