package world

import (
	"slices"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
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
		LegacyScaleIn: w.cfg.Model.LegacyScaleInMetric,
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

// provisioningGroups groups p's PROVISIONING tasks by request: tasks of the
// same request have identical requirements (§1.3 step 2).
func (w *World) provisioningGroups(p *providerRun) []autoscaling.TaskGroup {
	if p.provisioning == 0 {
		return nil
	}
	w.groups = w.groups[:0]
	w.groupReqs = w.groupReqs[:0]
	for _, q := range w.queue {
		t := w.c.Task(q.id)
		if t.Gen != q.gen || int(t.Provider) != p.idx {
			continue
		}
		r := w.requestOf(t)
		i := 0
		for i < len(w.groupReqs) && (w.groupReqs[i] != r || w.groups[i].Req != t.Req()) {
			i++
		}
		if i == len(w.groupReqs) {
			w.groupReqs = append(w.groupReqs, r)
			w.groups = append(w.groups, autoscaling.TaskGroup{Req: t.Req(), PerInstance: perInstance(r)})
		}
		w.groups[i].Count++
	}
	return w.groups
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

// queued is a PROVISIONING task waiting for capacity.
type queued struct {
	id  cluster.TaskID
	gen uint32
}

// provision makes t wait for capacity: PROVISIONING, in submission order.
func (w *World) provision(t *cluster.Task) {
	w.queue = append(w.queue, queued{t.ID, t.Gen})
	w.providers[t.Provider].provisioning++
	e := w.emit(record.TaskProvisioning)
	w.taskFields(e, t)
	e.Provider, e.Reason = w.providers[t.Provider].cfg.Name, string(w.placer.Explain(w.taskRequest(t)))
	w.publish()
}

// capacityChanged notes that provider p's capacity grew (an instance
// registered, a task stopped) and schedules a retry of the PROVISIONING
// tasks, once per instant (docs/model.md §14).
func (w *World) capacityChanged(p int) {
	w.servicesCapacityChanged()
	if p < 0 || w.providers[p].cfg.ASG == nil {
		return
	}
	pr := w.providers[p]
	if pr.group.Excess() {
		w.reconcile(pr, "scale-in: instance emptied")
	}
	if pr.provisioning == 0 {
		return
	}
	w.dirty[p] = true
	if !w.retryScheduled {
		w.retryScheduled = true
		w.loop.After(w.cfg.Model.ProvisioningRetryDelay, prioRetry, event{kind: evRetry})
	}
}

// retryProvisioning places waiting tasks, in submission order, on the
// providers whose capacity changed. Once a request fails in a pass, the
// other tasks of that request are not tried again in it.
func (w *World) retryProvisioning() {
	w.retryScheduled = false
	w.failed = w.failed[:0]
	keep := w.queue[:0]
	for _, q := range w.queue {
		t := w.c.Task(q.id)
		if t.Gen != q.gen || t.State != cluster.Provisioning {
			continue
		}
		r := w.taskRequest(t)
		key := failedKey{w.requestOf(t), t.Req()}
		if !w.dirty[t.Provider] || slices.Contains(w.failed, key) {
			keep = append(keep, q)
			continue
		}
		in := w.placer.Place(r)
		if in == nil {
			w.failed = append(w.failed, key)
			keep = append(keep, q)
			continue
		}
		w.providers[t.Provider].provisioning--
		w.placeOwned(t, in)
	}
	w.queue = keep
	clear(w.dirty)
}

// failedKey identifies a request and size that failed in a retry pass.
type failedKey struct {
	r   *placement.Request
	req *cluster.Requirements
}

// provisioningCount returns the tasks PROVISIONING in the cluster.
func (w *World) provisioningCount() int {
	n := 0
	for _, p := range w.providers {
		n += p.provisioning
	}
	return n
}
