package reports

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/ecsim/ecsim/sim/record"
)

// ServiceSeries is one service's samples and its deployments.
type ServiceSeries struct {
	Name                      string
	Desired, Running, Pending []float64
	// Deployments are its ServiceDeploymentChanged states in time order.
	Deployments []DeploymentChange
}

// DeploymentChange is a deployment's change of state (IN_PROGRESS,
// STALLED, COMPLETED, FAILED).
type DeploymentChange struct {
	T     float64 // seconds
	State string
}

// deploymentColour shades a deployment in progress: green, 15 % opaque.
var deploymentColour = color.NRGBA{R: 0, G: 158, B: 115, A: 38}

// sampleServices appends the services of a sample.
func (s *Series) sampleServices(x *record.Sample) {
	if s.Services == nil && len(x.Services) > 0 {
		s.Services = make([]ServiceSeries, len(x.Services))
		for i, v := range x.Services {
			s.Services[i].Name = v.Name
		}
	}
	for i := range s.Services {
		v := &x.Services[i]
		sv := &s.Services[i]
		sv.Desired = append(sv.Desired, float64(v.Desired))
		sv.Running = append(sv.Running, float64(v.Running))
		sv.Pending = append(sv.Pending, float64(v.Pending))
	}
}

// halveServices keeps every other sample of the services.
func (s *Series) halveServices() {
	for i := range s.Services {
		sv := &s.Services[i]
		sv.Desired, sv.Running, sv.Pending = everyOther(sv.Desired), everyOther(sv.Running), everyOther(sv.Pending)
	}
}

// deploymentEvent records a deployment's change of state (before the
// first sample the service is not known yet: kept aside until it is).
func (s *Series) deploymentEvent(e *record.Event) {
	if s.deployments == nil {
		s.deployments = map[string][]DeploymentChange{}
	}
	s.deployments[e.Service] = append(s.deployments[e.Service], DeploymentChange{T: e.T.Seconds(), State: e.State})
}

// servicesSpecs returns one chart per service: its desired count, tasks
// RUNNING and pending (placed and starting, or PROVISIONING), its scaling
// actions marked and its deployments shaded from IN_PROGRESS to the state
// that ended them.
func servicesSpecs(s *Series, t []float64) []Chart {
	var out []Chart
	for i := range s.Services {
		sv := &s.Services[i]
		c := Chart{ID: chartID("service", sv.Name), Title: "Service " + sv.Name,
			Subtitle: "desired count, tasks RUNNING and pending (placed and starting, or PROVISIONING); shaded: deployments in progress; vertical lines: desired-count changes",
			X:        s.timeAxis(), Y: Axis{Name: "tasks"}, T: t}
		d := c.add("desired", sv.Desired, true)
		d.Marks = actionMarks(s, ActionService, sv.Name)
		d.Spans = deploymentSpans(s.deployments[sv.Name], s.end())
		c.add("running", sv.Running, true)
		c.add("pending", sv.Pending, true)
		out = append(out, c)
		if m := s.ServiceMetrics[sv.Name]; m != nil && len(m.T) > 0 {
			out = append(out, serviceScalingSpec(s, sv.Name, m))
		}
	}
	return out
}

// serviceScalingSpec is a service's auto scaling: the metric it tracks, as
// published, against the target value, its alarms shaded.
func serviceScalingSpec(s *Series, name string, m *MetricTrack) Chart {
	c := Chart{ID: chartID("service", name, "scaling"), Title: "Service auto scaling: " + name,
		Subtitle: fmt.Sprintf("%s as published, tracked to %g; shaded: its alarms in ALARM", m.Metric, m.Target),
		X:        s.timeAxis(), Y: Axis{Name: "metric"}}
	if strings.HasSuffix(m.Metric, "Utilization") {
		c.Y = Axis{Name: "utilization", Unit: "%"}
	}
	v := c.addTrack(s, m.Metric, m)
	v.Refs = []RefLine{{Y: m.Target, Label: fmt.Sprintf("target %g", m.Target), Colour: refColour}}
	return c
}

// deploymentSpans shades each deployment from IN_PROGRESS (or STALLED) to
// COMPLETED or FAILED, or to the run's end.
func deploymentSpans(changes []DeploymentChange, end float64) []Span {
	var out []Span
	start := -1.0
	for _, c := range changes {
		active := c.State == "IN_PROGRESS" || c.State == "STALLED"
		switch {
		case active && start < 0:
			start = c.T
		case !active && start >= 0:
			out = append(out, Span{From: toHours(start), To: toHours(c.T), Label: fmt.Sprintf("deployment %s", c.State), Colour: deploymentColour})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{From: toHours(start), To: toHours(end), Label: "deployment in progress at the end", Colour: deploymentColour})
	}
	return out
}
