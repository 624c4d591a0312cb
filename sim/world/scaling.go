package world

import (
	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/record"
)

// scalingTick publishes every managed-scaling provider's
// CapacityProviderReservation and lets its alarms and target tracking act
// (docs/model.md §1.7), then schedules the next tick.
func (w *World) scalingTick() {
	for _, s := range w.svcs {
		if s.scaling != nil {
			w.tickServiceScaling(s)
		}
	}
	for _, p := range w.providers {
		if p.scaler != nil {
			w.tickProvider(p)
		}
	}
	w.loop.After(w.cfg.Model.MetricPeriod, prioScaling, event{kind: evScalingTick})
}

// tickProvider publishes p's CapacityProviderReservation (docs/model.md
// §1.2, §1.3) and has its alarms evaluate it.
func (w *World) tickProvider(p *providerRun) {
	pc := w.c.Provider(p.idx)
	ms := p.cfg.ManagedScaling
	m := autoscaling.ComputeMetric(autoscaling.MetricInput{
		N: pc.Registered, NonEmpty: pc.NonEmpty, Provisioning: w.provisioningGroups(p),
		Smallest: p.smallest, Largest: p.largest, MinStep: ms.MinimumScalingStepSize,
		MaxStep: ms.MaximumScalingStepSize, TargetCapacity: ms.TargetCapacity, FixedStep: p.fixedStep,
		LegacyScaleIn: w.cfg.Model.LegacyScaleInMetric, Scratch: &p.estimate,
	})
	p.last, p.published = m, true
	e := w.emit(record.MetricPublished)
	e.Provider, e.Value, e.M, e.N, e.Target = p.cfg.Name, m.Value, m.M, m.N, float64(ms.TargetCapacity)
	if m.AllIncompatible {
		e.Reason = "every PROVISIONING task is too big for the smallest instance type"
	}
	w.publish()
	if delay := w.cfg.Model.AlarmEvaluationDelay; delay > 0 {
		p.evaluating = append(p.evaluating, m)
		w.loop.After(delay, prioScaling, event{kind: evAlarmEvaluation, idx: int32(p.idx)})
		return
	}
	w.evaluateAlarms(p, m)
}

// evaluateAlarms lets the provider's alarms see datapoint m and target
// tracking act on them: at once when m is published, or
// model.alarmEvaluationDelay later (docs/model.md §2, §14.2).
func (w *World) evaluateAlarms(p *providerRun, m autoscaling.Metric) {
	now := w.loop.Now()
	ms := p.cfg.ManagedScaling
	d := p.scaler.Tick(now, m, p.group.State(now, ms.InstanceWarmupPeriod))
	if d.HighChanged {
		w.alarmChanged(p, &p.scaler.High, m.Value)
	}
	if d.LowChanged {
		w.alarmChanged(p, &p.scaler.Low, m.Value)
	}
	if d.Blocked != p.blocked && d.Blocked != "" {
		e := w.emit(record.ScalingSkipped)
		e.Provider, e.Reason, e.Value, e.M, e.N = p.cfg.Name, d.Why, m.Value, m.M, m.N
		e.Target, e.From, e.To, e.Cause = float64(ms.TargetCapacity), p.group.Desired(), d.Goal, d.Blocked
		w.publish()
	}
	p.blocked = d.Blocked
	if d.Action == autoscaling.NoAction {
		return
	}
	w.setDesired(p, d.Desired, d.Why)
}

func (w *World) alarmChanged(p *providerRun, a *autoscaling.Alarm, v float64) {
	e := w.emit(record.AlarmStateChanged)
	e.Provider, e.Alarm, e.State, e.Value = p.cfg.Name, a.Name, a.State.String(), v
	e.Target, e.Datapoints = a.Threshold, a.Datapoints
	w.publish()
}

// setDesired changes the group's desired capacity and reconciles it.
func (w *World) setDesired(p *providerRun, desired int, cause string) {
	e := w.emit(record.DesiredCapacityChanged)
	e.Provider, e.From, e.To, e.Cause = p.cfg.Name, p.group.Desired(), desired, cause
	w.publish()
	p.group.SetDesired(desired)
	w.reconcile(p, cause)
}

// perInstance is 1 for a request with a distinctInstance constraint, the
// only constraint the estimator honours (§1.3).
func perInstance(r *placement.Request) int {
	for _, c := range r.Constraints {
		if c.String() == placement.TypeDistinctInstance {
			return 1
		}
	}
	return 0
}

// provisioningCount returns the tasks PROVISIONING in the cluster.
func (w *World) provisioningCount() int {
	n := 0
	for _, p := range w.providers {
		n += p.provisioning
	}
	return n
}
