package world

import (
	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// serviceScaling is a service's Application Auto Scaling target tracking
// (docs/model.md §2): its controller, and the load model that gives the
// utilization it tracks.
type serviceScaling struct {
	cfg   *ServiceAutoScaling
	ctl   *autoscaling.ServiceScaler
	curve workloads.Curve
}

func newServiceScaling(cfg *ServiceAutoScaling, m Model) *serviceScaling {
	return &serviceScaling{cfg: cfg, curve: cfg.Load.curve(), ctl: autoscaling.NewServiceScaler(autoscaling.ServiceScalerConfig{
		Metric: cfg.Metric, TargetValue: cfg.TargetValue, MinCapacity: cfg.MinCapacity, MaxCapacity: cfg.MaxCapacity,
		ScaleOutCooldown: cfg.ScaleOutCooldown, ScaleInCooldown: cfg.ScaleInCooldown, DisableScaleIn: cfg.DisableScaleIn,
		ScaleOutDatapoints: m.ServiceScaleOutDatapoints, ScaleInDatapoints: m.ServiceScaleInDatapoints,
		ScaleInThreshold: m.ServiceScaleInThreshold})}
}

// curve returns the load model's curve (docs/model.md §2): the shapes of
// workloads' arrival rates, so diurnal and piecewise mean the same thing
// for arrivals and for service load.
func (l *Load) curve() workloads.Curve {
	switch l.Pattern {
	case "diurnal":
		return workloads.DiurnalCurve{Min: l.Min, Max: l.Max, Period: l.Period, PeakAt: l.PeakAt}
	case "piecewise":
		c := workloads.PiecewiseCurve{}
		for _, p := range l.Points {
			c.Times = append(c.Times, p.At)
			c.Values = append(c.Values, p.Value)
		}
		if len(c.Times) > 0 {
			return c
		}
	}
	return workloads.DiurnalCurve{Min: l.Min, Max: l.Min}
}

// perTask is what one task of def serves at 100 % utilization.
func (sc *ServiceAutoScaling) perTask(def *cluster.TaskDefinition) float64 {
	switch {
	case sc.Load.RequestsPerTask > 0:
		return sc.Load.RequestsPerTask
	case sc.Metric == MetricMemory:
		return float64(def.Requirements().MemoryMiB)
	}
	return float64(def.Requirements().CPU)
}

// tickServiceScaling publishes a service's utilization and lets its
// controller act: utilization = 100 × demand / (RUNNING tasks × what one
// task serves). A service without RUNNING tasks publishes no datapoint.
func (w *World) tickServiceScaling(s *serviceRun) {
	sc := s.scaling
	running := 0
	for _, t := range w.liveTasks(s) {
		if t.State == cluster.Running {
			running++
		}
	}
	if running == 0 {
		return
	}
	v := 100 * sc.curve.Value(w.loop.Now().Duration()) / (float64(running) * sc.cfg.perTask(s.ctl.TaskDefinition()))
	e := w.emit(record.MetricPublished)
	e.Service, e.Owner, e.Value, e.N, e.Alarm, e.Target = s.cfg.Name, s.cfg.Name, v, running, sc.cfg.Metric, sc.cfg.TargetValue
	w.publish()
	d := sc.ctl.Tick(w.loop.Now(), v, s.ctl.DesiredCount(), s.ctl.Deploying())
	if d.HighChanged {
		w.serviceAlarmChanged(s, &sc.ctl.High, v)
	}
	if d.LowChanged {
		w.serviceAlarmChanged(s, &sc.ctl.Low, v)
	}
	if d.Scale {
		w.setServiceDesired(s, d.Desired, d.Why)
	}
}

// serviceAlarmChanged reports a state change of one of the alarms target
// tracking keeps for a service (docs/model.md §2).
func (w *World) serviceAlarmChanged(s *serviceRun, a *autoscaling.Alarm, v float64) {
	e := w.emit(record.AlarmStateChanged)
	e.Service, e.Owner, e.Alarm, e.State, e.Value = s.cfg.Name, s.cfg.Name, a.Name, a.State.String(), v
	e.Target, e.Datapoints, e.Cause = a.Threshold, a.Datapoints, s.scaling.cfg.Metric
	w.publish()
}

// setServiceDesired changes a service's desired count.
func (w *World) setServiceDesired(s *serviceRun, n int, cause string) {
	w.applyService(s, s.ctl.SetDesiredCount(n, cause))
}
