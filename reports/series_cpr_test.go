package reports

import (
	"slices"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// TestMetricTrackKeepsSpikes: past MaxSeriesPoints datapoints the
// buckets keep their minimum and maximum, so a single datapoint of 200
// among thousands of 100 stays on the chart (issue 15); the merge's worked
// example holds.
func TestMetricTrackKeepsSpikes(t *testing.T) {
	m := &MetricTrack{Stride: 1}
	for _, v := range []float64{100, 200, 100} {
		m.add(float64(len(m.T)), v)
	}
	m.merge()
	if m.Stride != 2 || !slices.Equal(m.Min, []float64{100, 100}) || !slices.Equal(m.Max, []float64{200, 100}) || m.inLast != 1 {
		t.Fatalf("after merge: stride %d, min %v, max %v, inLast %d", m.Stride, m.Min, m.Max, m.inLast)
	}
	m.add(3, 50) // joins the last bucket
	if len(m.T) != 2 || m.Min[1] != 50 || m.inLast != 2 {
		t.Fatalf("the next datapoint did not join the last bucket: %v %v", m.Min, m.inLast)
	}
	big := &MetricTrack{Stride: 1}
	n := 3*MaxSeriesPoints + 17
	for i := 0; i < n; i++ {
		v := 100.0
		if i == 5000 {
			v = 200
		}
		big.add(float64(i*60), v)
	}
	if len(big.T) > MaxSeriesPoints || slices.Max(big.Max) != 200 || slices.Min(big.Min) != 100 {
		t.Fatalf("%d buckets, max %g", len(big.T), slices.Max(big.Max))
	}
	total := big.Stride*(len(big.T)-1) + big.inLast
	if total != n {
		t.Fatalf("the buckets hold %d datapoints, want %d", total, n)
	}
}

// TestAlarmSpansFromEvents: the reservation chart shades each alarm from
// its change to ALARM to its next change, the last to the run's end.
func TestAlarmSpansFromEvents(t *testing.T) {
	s := &Series{Summary: &Summary{SimulatedSeconds: 3600}, Providers: []ProviderSeries{{Name: "p", Target: 100}}}
	at := func(min int) sim.Time { return sim.At(time.Duration(min) * time.Minute) }
	for _, e := range []record.Event{
		{T: at(1), Type: record.MetricPublished, Provider: "p", Value: 200},
		{T: at(1), Type: record.AlarmStateChanged, Provider: "p", Alarm: "AlarmHigh", State: "ALARM"},
		{T: at(4), Type: record.AlarmStateChanged, Provider: "p", Alarm: "AlarmHigh", State: "OK"},
		{T: at(30), Type: record.AlarmStateChanged, Provider: "p", Alarm: "AlarmLow", State: "ALARM"},
	} {
		s.event(&e)
	}
	c := reservationSpec(s, nil, 0, "reservation_p")
	spans := c.Series[0].Spans
	if len(spans) != 2 || spans[0].From != toHours(60) || spans[0].To != toHours(240) || spans[1].Label != "AlarmLow" || spans[1].To != 1 {
		t.Fatalf("spans %+v", spans)
	}
	if c.X.Max != 1 || len(c.T) != 1 || c.Series[0].Values[0] != 200 {
		t.Fatalf("x axis to %g, %d points", c.X.Max, len(c.T))
	}
}
