package world

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// Checker is an Observer that checks, after every event of a run, the laws
// a simulated ECS world keeps whatever the scenario (docs/model.md §7.3,
// §1.6, §4.3, §4.4):
//
//   - time never runs backwards, and no event falls after the run's end;
//   - the cluster's bookkeeping holds (cluster.Verify: no instance
//     over-committed, reservations equal their tasks' sum, …), and so does
//     the PROVISIONING queue's (every class counts its waiting tasks, and
//     the retry tree holds each static class's oldest task);
//   - task conservation: submitted = placed + failed + cancelled +
//     PROVISIONING, and placed = completed + stopped + lost + RUNNING +
//     PENDING, counted from the events against the cluster's states;
//   - every desired capacity is within [minSize, maxSize], and no scale-in
//     takes it below ceil(100·M/targetCapacity) for the M just published;
//   - a scale-in never terminates an instance still running a non-daemon
//     task when managed termination protection or managed draining is on;
//   - an instance is terminated once, and the final fleet counts are those
//     of the events and the cluster (Final).
//
// Tests attach one to every run they make; `ecsim run --check` attaches
// one too. The first violation stops the checks and is kept in Err.
type Checker struct {
	w     *World
	err   error
	last  sim.Time
	n     int64
	every int64
	// counts per task outcome, from the events.
	submitted, placed, failed, cancelled, completed, stopped, lost int
	// m is the M of each provider's latest MetricPublished.
	m map[string]int
	// gone are the instances terminated so far, launched and
	// terminated the counts of InstanceLaunched and InstanceTerminated.
	gone                 map[string]bool
	launched, terminates int
}

// NewChecker returns a Checker that verifies the cluster's bookkeeping
// after every event when every is 1, every k-th event when it is k (the
// other laws are checked after every event).
func NewChecker(every int) *Checker {
	return &Checker{every: int64(max(1, every)), m: map[string]int{}, gone: map[string]bool{}}
}

// Attach gives the checker the world it observes; call it right after New.
func (c *Checker) Attach(w *World) { c.w = w }

// Err returns the first violation found, or nil.
func (c *Checker) Err() error { return c.err }

// Final checks the run's final figures against the events: the RunTask
// tasks the world counted as lost are those the events say, and the
// instances launched and not terminated, by the events, are the cluster's.
func (c *Checker) Final(f *record.Final) error {
	if c.err != nil || f == nil {
		return c.err
	}
	live := 0
	for _, in := range c.w.c.Instances() {
		if in.Status != cluster.Inactive {
			live++
		}
	}
	switch {
	case f.TasksLost != c.lost:
		c.err = fmt.Errorf("final: %d tasks lost, the events say %d", f.TasksLost, c.lost)
	case c.launched-c.terminates != live:
		c.err = fmt.Errorf("final: the events launched %d instances and terminated %d; the cluster has %d, not %d",
			c.launched, c.terminates, live, c.launched-c.terminates)
	}
	return c.err
}

// Event implements Observer.
func (c *Checker) Event(e *record.Event) {
	if c.err != nil || c.w == nil {
		return
	}
	c.n++
	c.count(e)
	if err := c.check(e); err != nil {
		c.err = fmt.Errorf("t=%v %s (event %d): %w", e.T, e.Type, c.n, err)
	}
}

// Sample implements Observer.
func (c *Checker) Sample(s *record.Sample) {
	if c.err != nil || c.w == nil {
		return
	}
	for _, p := range s.Providers {
		if pr := c.provider(p.Name); pr != nil {
			if lo, hi := pr.group.Bounds(); p.Desired < lo || p.Desired > hi {
				c.err = fmt.Errorf("t=%v sample: provider %s desired %d outside [%d, %d]", s.T, p.Name, p.Desired, lo, hi)
			}
		}
	}
}

func (c *Checker) count(e *record.Event) {
	switch e.Type {
	case record.TaskSubmitted:
		c.submitted++
	case record.TaskPlaced:
		c.placed++
	case record.TaskFailed:
		c.failed++
	case record.TaskStopped:
		switch {
		case e.State == record.StateProvisioning:
			c.cancelled++
		case e.Reason == record.StopCompleted:
			c.completed++
		case e.Service != "":
			c.stopped++
		default:
			c.lost++
		}
	case record.MetricPublished:
		if e.Provider != "" {
			c.m[e.Provider] = e.M
		}
	case record.InstanceLaunched:
		c.launched++
	case record.InstanceTerminated:
		c.terminates++
	}
}

func (c *Checker) check(e *record.Event) error {
	if e.T < c.last {
		return fmt.Errorf("time ran backwards from %v", c.last)
	}
	if e.T > sim.At(c.w.cfg.Duration) {
		return fmt.Errorf("event after the end of the run (%v)", c.w.cfg.Duration)
	}
	c.last = e.T
	if c.n%c.every == 0 {
		if err := cluster.Verify(c.w.c); err != nil {
			return err
		}
		if err := c.w.verifyQueue(); err != nil {
			return err
		}
	}
	if err := c.conservation(); err != nil {
		return err
	}
	switch e.Type {
	case record.DesiredCapacityChanged:
		return c.desired(e)
	case record.InstanceTerminated:
		return c.terminated(e)
	}
	return nil
}

// conservation checks both task accounting laws.
func (c *Checker) conservation() error {
	cl := c.w.c
	prov, pend, run := cl.TasksIn(cluster.Provisioning), cl.TasksIn(cluster.Pending), cl.TasksIn(cluster.Running)
	var errs []error
	if c.submitted != c.placed+c.failed+c.cancelled+prov {
		errs = append(errs, fmt.Errorf("submitted %d != placed %d + failed %d + cancelled %d + provisioning %d",
			c.submitted, c.placed, c.failed, c.cancelled, prov))
	}
	if c.placed != c.completed+c.stopped+c.lost+run+pend {
		errs = append(errs, fmt.Errorf("placed %d != completed %d + stopped %d + lost %d + running %d + pending %d",
			c.placed, c.completed, c.stopped, c.lost, run, pend))
	}
	return errors.Join(errs...)
}

// desired checks a desired-capacity change against the group's bounds and
// the scale-in floor ceil(100·M/T) (docs/model.md §1.6).
func (c *Checker) desired(e *record.Event) error {
	p := c.provider(e.Provider)
	if p == nil {
		return fmt.Errorf("unknown provider %q", e.Provider)
	}
	lo, hi := p.group.Bounds()
	if e.To < lo || e.To > hi {
		return fmt.Errorf("provider %s desired %d → %d outside [%d, %d]", e.Provider, e.From, e.To, lo, hi)
	}
	if p.cfg.ManagedScaling == nil || e.To >= e.From || strings.HasPrefix(e.Cause, record.CauseScheduledAction) {
		return nil
	}
	m, t := c.m[e.Provider], p.cfg.ManagedScaling.TargetCapacity
	if floor := min(autoscaling.DesiredFor(m, t), hi); e.To < floor {
		return fmt.Errorf("provider %s scale-in %d → %d below ceil(100·M/T) = %d (M = %d, T = %d)",
			e.Provider, e.From, e.To, floor, m, t)
	}
	return nil
}

// terminated checks that an instance is terminated once, and that a
// scale-in took no busy instance under managed termination protection
// (§4.3) or managed draining (§4.4).
func (c *Checker) terminated(e *record.Event) error {
	if c.gone[e.Instance] {
		return fmt.Errorf("instance %s terminated twice (now: %s)", e.Instance, e.Reason)
	}
	c.gone[e.Instance] = true
	// cluster.Verify walks live instances only: a terminated one is checked
	// here, once, to be INACTIVE with nothing left on it.
	if all := c.w.c.Instances(); e.InstanceSeq > 0 && int(e.InstanceSeq) <= len(all) {
		if in := all[e.InstanceSeq-1]; in.Status != cluster.Inactive || in.TaskCount() > 0 || in.Reserved != (cluster.Resources{}) {
			return fmt.Errorf("instance %s terminated but %v with %d tasks and %+v reserved", e.Instance, in.Status, in.TaskCount(), in.Reserved)
		}
	}
	if e.Reason != record.TerminatedScaleIn || e.Tasks == 0 {
		return nil
	}
	p := c.provider(e.Provider)
	if p != nil && (p.cfg.ManagedTerminationProtection || p.cfg.ManagedDraining) {
		return fmt.Errorf("scale-in terminated %s with %d non-daemon tasks (managed termination protection %v, managed draining %v)",
			e.Instance, e.Tasks, p.cfg.ManagedTerminationProtection, p.cfg.ManagedDraining)
	}
	return nil
}

func (c *Checker) provider(name string) *providerRun {
	for _, p := range c.w.providers {
		if p.cfg.Name == name && p.cfg.ASG != nil {
			return p
		}
	}
	return nil
}
