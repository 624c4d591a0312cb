package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// ExplainLine is one sentence of `ecsim explain`: what happened at T to
// Subject (a capacity provider, a service, a workload or an instance).
type ExplainLine struct {
	T       float64 `json:"t"`
	Clock   string  `json:"clock"`
	Subject string  `json:"subject"`
	// Kind is provisioning, placed, metric, alarm, scale, skipped, launch,
	// register, drain, terminate, failed, unplaced, service or fault.
	Kind string `json:"kind"`
	// Count is how many like events the line stands for (tasks, instances):
	// like events within one metric minute become one line, from T to Last.
	Count int     `json:"count"`
	Last  float64 `json:"last"`
	Text  string  `json:"text"`
	// Instances are the instances a drain or terminate line stands for.
	Instances []string `json:"instances,omitempty"`
}

// Narrator observes a run and tells its scaling decisions in plain words
// and ECS terms (ecsim explain): the tasks that went PROVISIONING and why
// they did not fit, each change of the CapacityProviderReservation with M
// and N, the alarms, the desired-capacity changes with their cause and the
// reasons managed scaling did not act, the instances launched, registered,
// drained and terminated, and failed placements. Like events within one
// minute (one metric period) become one line with their count. Only events in [From, To] are told; the state
// the sentences need is followed from the start.
type Narrator struct {
	From, To sim.Time
	Lines    []ExplainLine

	targets     map[string]float64
	lastMetric  map[string]record.Event
	alarms      map[string]string
	provisioned map[int64]bool
	// minute is the minute of the lines in open, which maps a line's
	// kind, subject and text to its index.
	minute int64
	open   map[string]int
}

// NewNarrator tells the events between from and to (inclusive).
func NewNarrator(from, to sim.Time) *Narrator {
	return &Narrator{From: from, To: to, targets: map[string]float64{}, lastMetric: map[string]record.Event{},
		alarms: map[string]string{}, provisioned: map[int64]bool{}, open: map[string]int{}}
}

// Sample implements the world's Observer: it learns the providers' targets.
func (n *Narrator) Sample(s *record.Sample) {
	for _, p := range s.Providers {
		n.targets[p.Name] = float64(p.Target)
	}
}

// Event implements the world's Observer.
func (n *Narrator) Event(e *record.Event) {
	in := e.T >= n.From && e.T <= n.To
	switch e.Type {
	case record.TaskProvisioning:
		n.provisioned[e.Task] = true
		if in {
			n.provisioning(e)
		}
	case record.TaskPlaced:
		if n.provisioned[e.Task] {
			delete(n.provisioned, e.Task)
			if in {
				n.add(e, "placed", where(e), "PROVISIONING task(s) placed (%s)", placedOn(e))
			}
		}
	case record.TaskStopped, record.TaskFailed:
		delete(n.provisioned, e.Task)
		if in && e.Type == record.TaskFailed {
			n.add(e, "failed", e.Owner, "task(s) failed: %s", reasonText(e.Reason))
		}
	case record.MetricPublished:
		// Service auto scaling's metric (no provider) is told through the
		// desired-count changes it causes.
		if e.Provider != "" {
			n.metric(e, in)
		}
	case record.AlarmStateChanged:
		key := e.Provider + "/" + e.Alarm
		from := n.alarms[key]
		n.alarms[key] = e.State
		if in {
			n.alarm(e, from)
		}
	default:
		if in {
			n.other(e)
		}
	}
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
	case record.ServicePlacementFailed:
		n.add(e, "unplaced", e.Service, "task(s) of service %s could not be placed: %s", e.Service, reasonText(e.Reason))
	case record.ServiceDesiredCountChanged:
		n.add(e, "service", e.Service, "service desired count %d → %d: %s", e.From, e.To, e.Cause)
	case record.FaultInjected:
		n.add(e, "fault", "fault", "%s", faultText(e))
	}
}

func (n *Narrator) provisioning(e *record.Event) {
	why := reasonText(e.Reason)
	if e.LaunchType == "FARGATE" || e.Reason == "" {
		why = "waiting for Fargate to find capacity"
	}
	n.add(e, "provisioning", e.Provider, "task(s) of %s went PROVISIONING on %s: %s", e.Owner, orDash(e.Provider), why)
}

// metric tells a CapacityProviderReservation when its value, M or N
// changes.
func (n *Narrator) metric(e *record.Event, in bool) {
	last, seen := n.lastMetric[e.Provider]
	n.lastMetric[e.Provider] = *e
	if !in || (seen && last.Value == e.Value && last.M == e.M && last.N == e.N) {
		return
	}
	target := n.targets[e.Provider]
	var why string
	switch {
	case e.N == 0 && e.M > 0:
		why = "the group has no instance and tasks wait, so ECS publishes 200 (scale out from zero)"
	case e.N == 0 && e.Reason != "":
		why = "the group has no instance but publishes 100, not 200"
	case e.N == 0:
		why = "no instance and nothing to run: at the target"
	case e.Value > target:
		why = fmt.Sprintf("above the target: the tasks need M = %s, the group has N = %d", instances(e.M), e.N)
	case e.Value < target:
		why = fmt.Sprintf("below the target: M = %s would do where N = %d run", instances(e.M), e.N)
	default:
		why = fmt.Sprintf("at the target: M = N = %d", e.N)
	}
	if e.Reason != "" {
		why += "; " + e.Reason
	}
	n.add(e, "metric", e.Provider, "CapacityProviderReservation %s (target %s): %s", num(e.Value), num(target), why)
}

func (n *Narrator) alarm(e *record.Event, from string) {
	if from == "" {
		from = "INSUFFICIENT_DATA"
	}
	var rule string
	switch e.Alarm {
	case "AlarmHigh":
		rule = "1 datapoint above the target starts a scale-out"
	case "AlarmLow":
		rule = "15 datapoints below the target start a scale-in"
	}
	n.add(e, "alarm", e.Provider, "%s %s → %s at %s (%s)", e.Alarm, from, e.State, num(e.Value), rule)
}

// instances is "1 instance" or "k instances".
func instances(k int) string {
	if k == 1 {
		return "1 instance"
	}
	return fmt.Sprintf("%d instances", k)
}

// add appends a line, or counts e into the line of the same minute that
// tells the same thing, and returns that line.
func (n *Narrator) add(e *record.Event, kind, subj, format string, args ...any) *ExplainLine {
	text := fmt.Sprintf(format, args...)
	if m := int64(e.T / sim.Minute); m != n.minute {
		n.minute = m
		clear(n.open)
	}
	key := kind + "|" + subj + "|" + text
	if i, ok := n.open[key]; ok {
		n.Lines[i].Count++
		n.Lines[i].Last = e.T.Seconds()
		return &n.Lines[i]
	}
	n.open[key] = len(n.Lines)
	n.Lines = append(n.Lines, ExplainLine{T: e.T.Seconds(), Clock: clock(e.T), Subject: subj, Kind: kind, Count: 1,
		Last: e.T.Seconds(), Text: text})
	return &n.Lines[len(n.Lines)-1]
}

// WriteText writes the lines for a terminal: "clock  subject  text", a
// count in front of sentences about several tasks or instances.
func (n *Narrator) WriteText(w io.Writer, title string) error {
	fmt.Fprintf(w, "%s: %d decisions and events from %s to %s\n", title, len(n.Lines), clock(n.From), clock(n.To))
	for _, l := range n.Lines {
		text := l.Text
		if counted[l.Kind] {
			text = fmt.Sprintf("%d %s", l.Count, plural(text, l.Count))
		}
		if last := clock(sim.At(time.Duration(l.Last * float64(time.Second)))); l.Count > 1 && last != l.Clock {
			text += " (until " + last + ")"
		}
		if ids := l.Instances; len(ids) > 0 {
			if len(ids) > maxListedInstances {
				ids = append(ids[:maxListedInstances:maxListedInstances], fmt.Sprintf("… %d more", len(l.Instances)-maxListedInstances))
			}
			// "3 instances terminated (i-1, i-2, i-3): cause"
			head, cause, _ := strings.Cut(text, ": ")
			text = head + " (" + strings.Join(ids, ", ") + "): " + cause
		}
		if _, err := fmt.Fprintf(w, "%s  %-14s %s\n", l.Clock, l.Subject, text); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the lines as a JSON array.
func (n *Narrator) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	lines := n.Lines
	if lines == nil {
		lines = []ExplainLine{}
	}
	return enc.Encode(lines)
}

// maxListedInstances bounds the instance IDs a text line lists.
const maxListedInstances = 5

// counted are the kinds whose lines stand for several tasks or instances.
var counted = map[string]bool{"provisioning": true, "placed": true, "failed": true, "launch": true, "register": true,
	"drain": true, "terminate": true, "unplaced": true}

// faultText tells a fault starting (State ALARM) or ending (OK).
func faultText(e *record.Event) string {
	what := e.Cause
	switch e.Cause {
	case "availabilityZoneOutage":
		what = "availability zone outage"
	case "agentDisconnect":
		what = "container agents disconnected"
	case "instanceFailure":
		what = "instance failure"
	case "spotInterruption":
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
// (ecs-reference.md §5.6).
func reasonText(r string) string {
	switch r {
	case "MISSING":
		return "MISSING, no container instance is registered (the group has none yet)"
	case "AGENT":
		return "AGENT, every instance's agent is disconnected"
	case "ATTRIBUTE":
		return "ATTRIBUTE, no instance meets the placement constraints"
	case "RESOURCE:CPU":
		return "RESOURCE:CPU, no registered instance has enough free CPU units"
	case "RESOURCE:MEMORY":
		return "RESOURCE:MEMORY, no registered instance has enough free memory"
	case "RESOURCE:GPU":
		return "RESOURCE:GPU, no registered instance has a free GPU"
	case "RESOURCE:PORTS":
		return "RESOURCE:PORTS, every instance already holds a host port the task needs"
	case "RESOURCE:ENI":
		return "RESOURCE:ENI, no instance has a free elastic network interface (awsvpc)"
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

func orDash(s string) string {
	if s == "" {
		return "Fargate"
	}
	return s
}

// num formats a percentage without needless decimals.
func num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// clock formats a simulated time as hh:mm:ss, with days in front past 24h.
func clock(t sim.Time) string {
	s := int64(t.Seconds())
	d, h, m, sec := s/86400, s/3600%24, s/60%60, s%60
	if d > 0 {
		return fmt.Sprintf("%dd %02d:%02d:%02d", d, h, m, sec)
	}
	return fmt.Sprintf("%02d:%02d:%02d", h, m, sec)
}
