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
	// register, drain, terminate, failed, lost, unplaced, service, task,
	// notice, deployment, steady, throttle or fault.
	Kind string `json:"kind"`
	// Count is how many like events the line stands for (tasks, instances):
	// like events within one metric minute become one line, from T to Last.
	Count int     `json:"count"`
	Last  float64 `json:"last"`
	Text  string  `json:"text"`
	// Instances are the instances a drain or terminate line stands for.
	Instances []string `json:"instances,omitempty"`

	// src is the first event the line tells: every number in Text comes
	// from it (Verify).
	src record.Event
}

// Narrator observes a run and tells its decisions in plain words and ECS
// terms (ecsim explain): the tasks that went PROVISIONING and why they did
// not fit, each change of the CapacityProviderReservation with M, N and the
// target, the alarms, the desired-capacity changes with their cause and the
// reasons managed scaling did not act, the instances launched, registered,
// drained and terminated, failed placements, and the services: deployments
// and their steps, stalls, the circuit breaker and rollbacks, throttling,
// tasks replaced after faults, draining and Spot interruptions, service
// auto scaling. Like events within one minute (one metric period) become
// one line with their count. Only events in [From, To] are told; the state
// the sentences need is followed from the start. Every number a line
// prints is a field of the event it tells, never recomputed (Verify).
type Narrator struct {
	From, To sim.Time
	Lines    []ExplainLine

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
	return &Narrator{From: from, To: to, lastMetric: map[string]record.Event{}, alarms: map[string]string{},
		provisioned: map[int64]bool{}, open: map[string]int{}}
}

// Sample implements the world's Observer; the narrator needs no samples.
func (n *Narrator) Sample(*record.Sample) {}

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
		n.placed(e, in)
	case record.TaskStopped:
		delete(n.provisioned, e.Task)
		if in {
			n.stopped(e)
		}
	case record.MetricPublished:
		// Service auto scaling's metric is told through its alarms and the
		// desired-count changes they cause.
		if e.Provider != "" {
			n.metric(e, in)
		}
	case record.AlarmStateChanged:
		key := e.Provider + "/" + e.Service + "/" + e.Alarm
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
		Last: e.T.Seconds(), Text: text, src: *e})
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
var counted = map[string]bool{"provisioning": true, "placed": true, "failed": true, "lost": true, "launch": true,
	"register": true, "drain": true, "terminate": true, "unplaced": true, "task": true, "notice": true}

// clock formats a simulated time as hh:mm:ss, with days in front past 24h.
func clock(t sim.Time) string {
	s := int64(t.Seconds())
	d, h, m, sec := s/86400, s/3600%24, s/60%60, s%60
	if d > 0 {
		return fmt.Sprintf("%dd %02d:%02d:%02d", d, h, m, sec)
	}
	return fmt.Sprintf("%02d:%02d:%02d", h, m, sec)
}
