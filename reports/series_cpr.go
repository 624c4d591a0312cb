package reports

import (
	"fmt"
	"image/color"

	"github.com/ecsim/ecsim/sim/record"
)

// MetricTrack is a metric as published (MetricPublished, once a metric
// period: a capacity provider's CapacityProviderReservation, or the metric
// a service's auto scaling tracks) and its alarms' changes of state
// (AlarmStateChanged), from the events rather than the
// samples: a sample every few minutes, or a long run's strided samples,
// would miss a datapoint of 200 or an alarm that fired and cleared between
// two samples. The alarm changes are all kept (explain tells the same
// events); the datapoints are all kept up to MaxSeriesPoints, then per
// bucket of Stride datapoints the minimum and the maximum.
type MetricTrack struct {
	// T is the time (seconds) of each bucket's first datapoint; Min and
	// Max its smallest and largest value (equal while Stride is 1).
	T, Min, Max []float64
	// Stride is the datapoints per bucket.
	Stride int
	Alarms []AlarmChange
	// Metric and Target are a service's tracked metric and its target
	// value ("" and 0 for a capacity provider).
	Metric string
	Target float64

	inLast int // datapoints in the last bucket
}

// AlarmChange is an alarm's change of state.
type AlarmChange struct {
	T     float64 // seconds
	Alarm string  // AlarmHigh or AlarmLow
	State string  // OK, ALARM, INSUFFICIENT_DATA
}

// metricEvent records a MetricPublished or AlarmStateChanged event into the
// series: a capacity provider's, or a service's (its auto scaling).
func (s *Series) metricEvent(e *record.Event) {
	tracks := &s.Metrics
	name := e.Provider
	if e.Service != "" {
		tracks, name = &s.ServiceMetrics, e.Service
	}
	if *tracks == nil {
		*tracks = map[string]*MetricTrack{}
	}
	m := (*tracks)[name]
	if m == nil {
		m = &MetricTrack{Stride: 1}
		(*tracks)[name] = m
	}
	if e.Type == record.AlarmStateChanged {
		m.Alarms = append(m.Alarms, AlarmChange{T: e.T.Seconds(), Alarm: e.Alarm, State: e.State})
		return
	}
	if e.Service != "" {
		m.Metric, m.Target = e.Alarm, e.Target
	}
	m.add(e.T.Seconds(), round(e.Value, 2))
}

// add records datapoint v at t.
func (m *MetricTrack) add(t, v float64) {
	if len(m.T) > 0 && m.inLast < m.Stride {
		i := len(m.T) - 1
		m.Min[i], m.Max[i] = min(m.Min[i], v), max(m.Max[i], v)
		m.inLast++
		return
	}
	m.T, m.Min, m.Max, m.inLast = append(m.T, t), append(m.Min, v), append(m.Max, v), 1
	if len(m.T) > MaxSeriesPoints {
		m.merge()
	}
}

// merge joins the buckets two by two, doubling the stride.
//
// Example: stride 1, buckets 100, 200, 100 (an odd count): the first two
// become one of min 100, max 200; the third stays alone and, holding 1
// datapoint of the new stride 2, takes the next one.
func (m *MetricTrack) merge() {
	odd := len(m.T)%2 == 1
	n := 0
	for i := 0; i < len(m.T); i += 2 {
		m.T[n], m.Min[n], m.Max[n] = m.T[i], m.Min[i], m.Max[i]
		if i+1 < len(m.T) {
			m.Min[n], m.Max[n] = min(m.Min[n], m.Min[i+1]), max(m.Max[n], m.Max[i+1])
		}
		n++
	}
	m.T, m.Min, m.Max = m.T[:n], m.Min[:n], m.Max[:n]
	if !odd {
		m.inLast += m.Stride // the last bucket took its full neighbour
	}
	m.Stride *= 2
}

// alarmSpansOf returns the spans (seconds) during which alarm was in ALARM,
// the last one ending at end if it is still in ALARM.
func (m *MetricTrack) alarmSpansOf(alarm string, end float64) [][2]float64 {
	var out [][2]float64
	start := -1.0
	for _, c := range m.Alarms {
		if c.Alarm != alarm {
			continue
		}
		switch {
		case c.State == "ALARM" && start < 0:
			start = c.T
		case c.State != "ALARM" && start >= 0:
			out = append(out, [2]float64{start, c.T})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]float64{start, end})
	}
	return out
}

// reservationFromEvents is the reservation chart of provider p from its
// published datapoints: every datapoint, or per bucket the maximum with
// the minimum-to-maximum band, the alarms shaded as they changed, the x
// axis to the run's end.
func reservationFromEvents(s *Series, p *ProviderSeries, m *MetricTrack, id string) Chart {
	c := Chart{ID: id, Title: "CapacityProviderReservation: " + p.Name,
		Subtitle: fmt.Sprintf("every datapoint ECS published (tracked to targetCapacity %g); shaded: AlarmHigh (red) or AlarmLow (blue) in ALARM", p.Target),
		X:        s.timeAxis(), Y: Axis{Name: "reservation", Unit: "%"}}
	cpr := c.addTrack(s, "CapacityProviderReservation", m)
	if m.Stride > 1 {
		c.Subtitle = fmt.Sprintf("per %d datapoints the largest (line) and the range (band) of those ECS published (tracked to targetCapacity %g); shaded: AlarmHigh (red) or AlarmLow (blue) in ALARM", m.Stride, p.Target)
	}
	cpr.Refs = []RefLine{{Y: p.Target, Label: fmt.Sprintf("targetCapacity %g", p.Target), Colour: refColour}}
	return c
}

// addTrack sets c's x values to m's buckets and adds m as a series: every
// datapoint, or per bucket the largest with the range as a band, its
// alarms shaded from their changes to the run's end.
func (c *Chart) addTrack(s *Series, name string, m *MetricTrack) *ChartSeries {
	c.T = c.T[:0]
	for _, t := range m.T {
		c.T = append(c.T, toHours(t))
	}
	v := c.add(name, m.Max, false)
	if m.Stride > 1 {
		v.Band = &Band{Label: fmt.Sprintf("range per %d datapoints", m.Stride), Low: m.Min, High: m.Max}
	}
	for _, a := range []struct {
		name   string
		colour color.NRGBA
	}{{"AlarmHigh", alarmHighColour}, {"AlarmLow", alarmLowColour}} {
		for _, sp := range m.alarmSpansOf(a.name, s.end()) {
			v.Spans = append(v.Spans, Span{From: toHours(sp[0]), To: toHours(sp[1]), Label: a.name, Colour: a.colour})
		}
	}
	return v
}

// end returns the run's end in seconds: the simulated time of the summary,
// else the last sample.
func (s *Series) end() float64 {
	if s.Summary != nil && s.Summary.SimulatedSeconds > 0 {
		return s.Summary.SimulatedSeconds
	}
	if len(s.T) > 0 {
		return s.T[len(s.T)-1]
	}
	return 0
}
