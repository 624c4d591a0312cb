package reports

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestServiceChart: a service gets a chart of its desired, running and
// pending counts from the samples, and its deployments shaded from
// IN_PROGRESS to the state that ended them (a stall does not end one), the
// last to the run's end.
func TestServiceChart(t *testing.T) {
	s := &Series{Summary: &Summary{SimulatedSeconds: 7200}}
	at := func(min int) sim.Time { return sim.At(time.Duration(min) * time.Minute) }
	for _, e := range []record.Event{
		{T: at(10), Type: record.ServiceDeploymentChanged, Service: "web", State: "IN_PROGRESS"},
		{T: at(20), Type: record.ServiceDeploymentChanged, Service: "web", State: "COMPLETED"},
		{T: at(30), Type: record.ServiceDeploymentChanged, Service: "web", State: "IN_PROGRESS"},
		{T: at(40), Type: record.ServiceDeploymentChanged, Service: "web", State: "STALLED"},
	} {
		s.event(&e)
	}
	for i, run := range []int{0, 2, 4} {
		s.sample(&record.Sample{T: at(i), Services: []record.ServiceSample{{Name: "web", Desired: 4, Running: run, Pending: 4 - run}}}, 0, 0)
	}
	var c *Chart
	for _, x := range ChartSpecs(s) {
		if x.ID == "service_web" {
			c = &x
		}
	}
	if c == nil {
		t.Fatal("no service_web chart")
	}
	if c.Series[1].Name != "running" || c.Series[1].Values[2] != 4 || c.Series[2].Values[0] != 4 || c.X.Max != 2 {
		t.Fatalf("series %+v, x to %g", c.Series, c.X.Max)
	}
	spans := c.Series[0].Spans
	if len(spans) != 2 || spans[0].To != toHours(1200) || spans[0].Label != "deployment COMPLETED" || spans[1].From != toHours(1800) || spans[1].To != 2 {
		t.Fatalf("deployment spans %+v", spans)
	}
}

// TestServiceScalingChart: a service's auto scaling gets its own chart of
// the tracked metric as published, the target and the alarms; the
// providers' metrics do not take its events.
func TestServiceScalingChart(t *testing.T) {
	s := &Series{Summary: &Summary{SimulatedSeconds: 3600}}
	at := func(min int) sim.Time { return sim.At(time.Duration(min) * time.Minute) }
	for _, e := range []record.Event{
		{T: at(1), Type: record.MetricPublished, Service: "web", Alarm: "ECSServiceAverageCPUUtilization", Value: 80, Target: 60},
		{T: at(2), Type: record.MetricPublished, Service: "web", Alarm: "ECSServiceAverageCPUUtilization", Value: 50, Target: 60},
		{T: at(2), Type: record.AlarmStateChanged, Service: "web", Alarm: "AlarmHigh", State: "ALARM"},
	} {
		s.event(&e)
	}
	s.sample(&record.Sample{T: at(0), Services: []record.ServiceSample{{Name: "web", Desired: 2}}}, 0, 0)
	if len(s.Metrics) != 0 {
		t.Fatalf("service events went to the providers: %v", s.Metrics)
	}
	var c *Chart
	for _, x := range ChartSpecs(s) {
		if x.ID == "service_web_scaling" {
			c = &x
		}
	}
	if c == nil {
		t.Fatal("no service_web_scaling chart")
	}
	v := c.Series[0]
	if v.Name != "ECSServiceAverageCPUUtilization" || len(v.Values) != 2 || v.Refs[0].Y != 60 || len(v.Spans) != 1 || v.Spans[0].To != 1 || c.Y.Unit != "%" {
		t.Fatalf("chart %+v", c)
	}
}
