package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim/record"
)

// The sentences of `ecsim explain`. Each takes every number it prints from
// the event it tells.

func (n *Narrator) provisioning(e *record.Event) {
	why := reasonText(e.Reason)
	if e.Provider == "" || e.Reason == "" {
		why = "waiting for Fargate to find capacity"
	}
	n.add(e, "provisioning", orFargate(e.Provider), "task(s) of %s went PROVISIONING on %s: %s", e.Owner, orFargate(e.Provider), why)
}

// placed tells PROVISIONING tasks that found capacity, and a service's
// new tasks.
func (n *Narrator) placed(e *record.Event, in bool) {
	switch {
	case n.provisioned[e.Task]:
		delete(n.provisioned, e.Task)
		if in {
			n.add(e, "placed", where(e), "PROVISIONING task(s) placed (%s)", placedOn(e))
		}
	case in && e.Service != "":
		n.add(e, "task", e.Service, "task(s) of service %s placed (%s on %s)", e.Service, e.TaskDefinition, placedOn(e))
	}
}

// stopped tells service tasks the scheduler stopped and RunTask tasks
// lost before they completed.
func (n *Narrator) stopped(e *record.Event) {
	switch {
	case e.Reason == record.StopCompleted:
	case e.Service != "":
		n.add(e, "task", e.Service, "task(s) of service %s stopped: %s", e.Service, e.Reason)
	case e.State != record.StateProvisioning:
		n.add(e, "lost", e.Owner, "RunTask task(s) of %s lost before completing: %s", e.Owner, e.Reason)
	}
}

// metric tells a CapacityProviderReservation when its value, M or N
// changes.
func (n *Narrator) metric(e *record.Event, in bool) {
	last, seen := n.lastMetric[e.Provider]
	n.lastMetric[e.Provider] = *e
	if !in || (seen && last.Value == e.Value && last.M == e.M && last.N == e.N && last.Target == e.Target) {
		return
	}
	var why string
	switch {
	case e.N == 0 && e.Reason != "":
		why = fmt.Sprintf("the group has no instance, and the waiting tasks fit no instance type, so ECS publishes the target (M = %d, N = 0)", e.M)
	case e.N == 0 && e.M > 0:
		why = fmt.Sprintf("the group has no instance and tasks wait (M = %d, N = 0), so ECS publishes 200: scale out from zero", e.M)
	case e.N == 0:
		why = "no instance and nothing to run (M = N = 0): 100"
	case e.Value > e.Target:
		why = fmt.Sprintf("above the target: the tasks need M = %s, the group has N = %d", instances(e.M), e.N)
	case e.Value < e.Target:
		why = fmt.Sprintf("below the target: M = %s would do where N = %d run", instances(e.M), e.N)
	default:
		why = fmt.Sprintf("at the target: M = %d, N = %d", e.M, e.N)
	}
	if e.Reason != "" {
		why += "; " + e.Reason
	}
	n.add(e, "metric", e.Provider, "CapacityProviderReservation %s (target %s): %s", num(e.Value), num(e.Target), why)
}

// alarm tells a capacity provider's or a service's alarm changing state,
// with the rule that puts it in ALARM.
func (n *Narrator) alarm(e *record.Event, from string) {
	if from == "" {
		from = "INSUFFICIENT_DATA"
	}
	side, action := "below", "scale-in"
	if e.Alarm == "AlarmHigh" {
		side, action = "above", "scale-out"
	}
	points := fmt.Sprintf("%d datapoints %s", e.Datapoints, side)
	starts := "start"
	if e.Datapoints == 1 {
		points, starts = "1 datapoint "+side, "starts"
	}
	if e.Service != "" {
		n.add(e, "alarm", e.Service, "service %s %s %s → %s at %s (%s: %s %s %s a %s)", e.Service, e.Alarm, from, e.State,
			num(e.Value), e.Cause, points, num(e.Target), starts, action)
		return
	}
	n.add(e, "alarm", e.Provider, "%s %s → %s at %s (%s the target %s %s a %s)", e.Alarm, from, e.State, num(e.Value),
		points, num(e.Target), starts, action)
}

// other tells the instance, scaling, service and fault events.
func (n *Narrator) other(e *record.Event) {
	switch e.Type {
	case record.DesiredCapacityChanged:
		n.add(e, "scale", e.Provider, "desired capacity %d → %d: %s", e.From, e.To, e.Cause)
	case record.ScalingSkipped:
		n.add(e, "skipped", e.Provider, "no scaling action: %s", e.Reason)
	case record.InstanceLaunched:
		n.add(e, "launch", subject(e), "instance(s) launched (%s), to join the cluster when the ECS agent registers", e.InstanceType)
	case record.InstanceRegistered:
		n.add(e, "register", subject(e), "instance(s) registered (%s): ready for tasks", e.InstanceType)
	case record.InstanceDraining:
		l := n.add(e, "drain", subject(e), "instance(s) set to DRAINING: %s", e.Cause)
		l.Instances = append(l.Instances, e.Instance)
	case record.InstanceTerminated:
		l := n.add(e, "terminate", subject(e), "instance(s) terminated: %s", e.Cause)
		l.Instances = append(l.Instances, e.Instance)
	case record.TaskFailed:
		n.add(e, "failed", e.Owner, "task(s) failed: %s", reasonText(e.Reason))
	case record.InstanceInterruptionNotice:
		l := n.add(e, "notice", subject(e), "instance(s) got a Spot interruption notice: %s", e.Reason)
		l.Instances = append(l.Instances, e.Instance)
	case record.TaskInterruptionNotice:
		n.add(e, "notice", e.Owner, "task(s) of %s got a Spot interruption notice (%s): SIGTERM now, stopped when the containers' stopTimeout runs out", e.Owner, e.Reason)
	default:
		n.service(e)
	}
}

// service tells the service scheduler's events and faults.
func (n *Narrator) service(e *record.Event) {
	switch e.Type {
	case record.ServicePlacementFailed:
		n.add(e, "unplaced", e.Service, "task(s) of service %s could not be placed: %s", e.Service, reasonText(e.Reason))
	case record.ServiceDesiredCountChanged:
		n.add(e, "service", e.Service, "service %s desired count %d → %d: %s", e.Service, e.From, e.To, e.Cause)
	case record.ServiceDeploymentChanged:
		n.add(e, "deployment", e.Service, "%s", deploymentText(e))
	case record.ServiceSteadyState:
		n.add(e, "steady", e.Service, "service %s has reached a steady state", e.Service)
	case record.ServiceThrottled:
		n.add(e, "throttle", e.Service, "%s: the scheduler waits %s before the next launch", e.Reason, shortDuration(e.Wait))
	case record.FaultInjected:
		n.add(e, "fault", "fault", "%s", faultText(e))
	}
}

// deploymentText tells a deployment changing state (docs/model.md §6.4,
// §6.5).
func deploymentText(e *record.Event) string {
	switch e.State {
	case "IN_PROGRESS":
		return fmt.Sprintf("deployment of %s IN_PROGRESS: %s", e.TaskDefinition, e.Cause)
	case "COMPLETED":
		return fmt.Sprintf("deployment COMPLETED: %s", e.Cause)
	case "FAILED":
		return fmt.Sprintf("deployment of %s FAILED: %s", e.TaskDefinition, e.Cause)
	case "STALLED":
		return fmt.Sprintf("deployment of %s STALLED: %s", e.TaskDefinition, e.Cause)
	}
	return e.State + ": " + e.Cause
}

// instances is "1 instance" or "k instances".
func instances(k int) string {
	if k == 1 {
		return "1 instance"
	}
	return fmt.Sprintf("%d instances", k)
}

// faultText tells a fault starting (State ALARM) or ending (OK).
func faultText(e *record.Event) string {
	what := e.Cause
	switch record.FaultKind(e.Cause) {
	case record.FaultZoneOutage:
		what = "availability zone outage"
	case record.FaultAgentDisconnect:
		what = "container agents disconnected"
	case record.FaultInstanceFailure:
		what = "instance failure"
	case record.FaultSpotInterruption:
		what = "Spot interruptions"
	}
	if e.AZ != "" {
		what += " in " + e.AZ
	}
	if e.State == "OK" {
		return what + " ends"
	}
	return what + " begins"
}

func plural(text string, count int) string {
	if count == 1 {
		return strings.ReplaceAll(text, "(s)", "")
	}
	return strings.ReplaceAll(text, "(s)", "s")
}

// reasonText says in words what an ECS placement failure reason means
// (docs/model.md §5.6).
func reasonText(r string) string {
	switch record.PlacementReason(r) {
	case record.ReasonMissing:
		return r + ", no ACTIVE container instance where the task may go (none registered yet, or all DRAINING)"
	case record.ReasonAgent:
		return r + ", every instance's agent is disconnected"
	case record.ReasonAttribute:
		return r + ", no instance meets the placement constraints"
	case record.ReasonCPU:
		return r + ", no registered instance has enough free CPU units"
	case record.ReasonMemory:
		return r + ", no registered instance has enough free memory"
	case record.ReasonGPU:
		return r + ", no registered instance has a free GPU"
	case record.ReasonPorts:
		return r + ", every instance already holds a host port the task needs"
	case record.ReasonENI:
		return r + ", no instance has a free elastic network interface (awsvpc)"
	}
	return r
}

func subject(e *record.Event) string {
	if e.Provider != "" {
		return e.Provider
	}
	return "cluster"
}

func where(e *record.Event) string {
	if e.Provider != "" {
		return e.Provider
	}
	return e.Owner
}

func placedOn(e *record.Event) string {
	if e.InstanceType == "" {
		return "Fargate"
	}
	return e.InstanceType
}

func orFargate(s string) string {
	if s == "" {
		return "Fargate"
	}
	return s
}

// num formats a number without needless decimals (at most 2).
func num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// shortDuration writes d without zero trailing units: 5m, 1h, 1h30m, 45s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if d%time.Minute == 0 && d != 0 {
		s = strings.TrimSuffix(s, "0s")
		if d%time.Hour == 0 {
			s = strings.TrimSuffix(s, "0m")
		}
	}
	return s
}
