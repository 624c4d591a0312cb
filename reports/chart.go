package reports

import (
	"fmt"
	"image/color"
	"regexp"
	"strconv"
	"strings"
)

// Chart is one chart of a run, described once for every renderer:
// report.html draws it with echarts (Chart.ECharts) and the figures with
// gonum/plot (Chart.Plot), so both show the same title, axis labels,
// series, colours and marks. ChartSpecs builds the charts of a Series.
type Chart struct {
	// ID names the chart: its element and variables in report.html (a
	// JavaScript identifier) and its figure's file name.
	ID    string
	Title string
	// Subtitle says how to read the chart. report.html shows it under the
	// title; a figure leaves it to the caption of the paper it goes in.
	Subtitle string
	X, Y     Axis
	// T is the x value of every sample, in X's unit; each series has one
	// value per sample.
	T []float64
	// XLabels, when set, makes X a category axis: T is 0, 1, … and the
	// axis names each sample by its label (a swept strategy, say).
	XLabels []string
	// Series are the lines in legend order.
	Series []ChartSeries
}

// Axis is an axis's name and unit and, optionally, a fixed range.
type Axis struct {
	Name string // "time", "instances"
	Unit string // "h", "%", "USD"; "" for counts
	// Min and Max fix the range when Max > Min; otherwise each renderer
	// picks one that starts at 0 and holds the data.
	Min, Max float64
}

// Label is the axis title: the name, and the unit in parentheses when
// there is one ("time (h)").
func (a Axis) Label() string {
	if a.Unit == "" {
		return a.Name
	}
	return a.Name + " (" + a.Unit + ")"
}

// Fixed reports whether the axis has a fixed range, Min to Max.
func (a Axis) Fixed() bool { return a.Max > a.Min }

// ChartSeries is one line of a chart and what annotates it. The marks,
// reference lines and spans belong to the series they are about: report.html
// hides them with the series when its legend entry is switched off.
type ChartSeries struct {
	Name   string
	Values []float64 // one per Chart.T
	// Stepped draws a value held until the next sample (a count), rather
	// than a straight line between samples (a measurement).
	Stepped bool
	// Colour is the series' colour in the shared palette: the i-th series
	// of a chart has seriesColour(i).
	Colour color.NRGBA
	// Band, when set, is shaded behind the line in its colour: a
	// confidence interval around a mean.
	Band  *Band
	Marks []Mark
	Refs  []RefLine
	Spans []Span
}

// Band is a range around a series, one low and one high per sample,
// named in the legend by Label.
type Band struct {
	Label     string
	Low, High []float64
}

// Mark is a vertical line at X: a scaling action. A series carries at most
// MaxMarkedActions of them (the title block of report.html says when a run
// has more).
type Mark struct {
	X     float64 `json:"x"`     // in the chart's X unit
	Kind  string  `json:"kind"`  // ActionCapacityProvider or ActionService
	Label string  `json:"label"` // the provider or service and the change: "general 2→3"
}

// RefLine is a horizontal reference line at Y, such as the target of the
// CapacityProviderReservation.
type RefLine struct {
	Y      float64
	Label  string
	Colour color.NRGBA
}

// Span is a shaded stretch of the x axis, From to To: an alarm in ALARM.
type Span struct {
	From, To float64 // in the chart's X unit
	Label    string
	Colour   color.NRGBA
}

// palette is the one list of series colours of report.html and the
// figures: the Okabe–Ito colours, which readers with a colour vision
// deficiency tell apart too, yellow last (it is faint on white paper).
var palette = []color.NRGBA{
	{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}, // blue
	{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}, // orange
	{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}, // bluish green
	{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}, // vermillion
	{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}, // reddish purple
	{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff}, // sky blue
	{R: 0xf0, G: 0xe4, B: 0x42, A: 0xff}, // yellow
}

// The colours of what annotates a series.
var (
	markColour      = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff} // scaling actions: grey
	refColour       = color.NRGBA{A: 0xff}                            // reference lines: black
	alarmHighColour = color.NRGBA{R: 220, G: 50, B: 47, A: 38}        // AlarmHigh in ALARM: red, 15 % opaque
	alarmLowColour  = color.NRGBA{R: 38, G: 139, B: 210, A: 38}       // AlarmLow in ALARM: blue, 15 % opaque
)

// seriesColour is the colour of a chart's i-th series.
func seriesColour(i int) color.NRGBA { return palette[i%len(palette)] }

// timeAxis is the x axis of every chart.
var timeAxis = Axis{Name: "time", Unit: "h"}

// timeAxis is the time axis from 0 to the run's end, so that every chart
// ends where the run did (not at its last sample).
func (s *Series) timeAxis() Axis {
	a := timeAxis
	if end := toHours(s.end()); end > 0 {
		a.Min, a.Max = 0, end
	}
	return a
}

// ChartSpecs returns the charts of a run in page order, each with a stable
// ID: instances, one reservation_<provider> per capacity provider with
// managed scaling, tasks, one service_<name> per service, reserved, cost.
func ChartSpecs(s *Series) []Chart {
	t := make([]float64, len(s.T))
	for i, sec := range s.T {
		t[i] = toHours(sec)
	}
	out := []Chart{instancesSpec(s, t)}
	for i, id := range reservationIDs(s) {
		out = append(out, reservationSpec(s, t, i, id))
	}
	out = append(out, tasksSpec(s, t))
	out = append(out, servicesSpecs(s, t)...)
	return append(out, reservedSpec(s, t), costSpec(s, t))
}

// toHours converts seconds to the charts' x unit, rounded so that
// report.html is byte-stable.
func toHours(sec float64) float64 { return round(sec/3600, 4) }

// add appends a series in the next colour of the palette and returns it
// (valid until the next add).
func (c *Chart) add(name string, values []float64, stepped bool) *ChartSeries {
	c.Series = append(c.Series, ChartSeries{Name: name, Values: values, Stepped: stepped, Colour: seriesColour(len(c.Series))})
	return &c.Series[len(c.Series)-1]
}

func instancesSpec(s *Series, t []float64) Chart {
	c := Chart{ID: "instances", Title: "Container instances",
		Subtitle: "registered (running), launched but not registered (pending), and each group's desired capacity; vertical lines: scaling actions",
		X:        s.timeAxis(), Y: Axis{Name: "instances"}, T: t}
	c.add("running", s.InstancesRunning, true)
	c.add("pending", s.InstancesPending, true)
	for i := range s.Providers {
		p := &s.Providers[i]
		c.add("desired ("+p.Name+")", p.Desired, true).Marks = actionMarks(s, ActionCapacityProvider, p.Name)
	}
	return c
}

func reservationSpec(s *Series, t []float64, i int, id string) Chart {
	p := &s.Providers[i]
	if m := s.Metrics[p.Name]; m != nil && len(m.T) > 0 {
		return reservationFromEvents(s, p, m, id)
	}
	c := Chart{ID: id, Title: "CapacityProviderReservation: " + p.Name,
		Subtitle: fmt.Sprintf("percent of what the group needs that it has (tracked to targetCapacity %g); shaded: AlarmHigh (red) or AlarmLow (blue) in ALARM", p.Target),
		X:        s.timeAxis(), Y: Axis{Name: "reservation", Unit: "%"}, T: t}
	cpr := c.add("CapacityProviderReservation", p.CPR, false)
	cpr.Refs = []RefLine{{Y: p.Target, Label: fmt.Sprintf("targetCapacity %g", p.Target), Colour: refColour}}
	cpr.Spans = append(alarmShading(s.T, p.AlarmHigh, "AlarmHigh", alarmHighColour),
		alarmShading(s.T, p.AlarmLow, "AlarmLow", alarmLowColour)...)
	return c
}

func tasksSpec(s *Series, t []float64) Chart {
	c := Chart{ID: "tasks", Title: "Tasks",
		Subtitle: "RUNNING, PROVISIONING (waiting for capacity), PENDING (placed, starting) and failed so far; vertical lines: service scaling",
		X:        s.timeAxis(), Y: Axis{Name: "tasks"}, T: t}
	c.add("running", s.TasksRunning, true).Marks = actionMarks(s, ActionService, "")
	c.add("provisioning", s.TasksProvisioning, true)
	c.add("pending", s.TasksPending, true)
	c.add("failed (cumulative)", s.TasksFailed, true)
	return c
}

func reservedSpec(s *Series, t []float64) Chart {
	c := Chart{ID: "reserved", Title: "Reserved capacity",
		Subtitle: "CPU units and memory reserved by tasks, percent of what the registered instances offer",
		X:        s.timeAxis(), Y: Axis{Name: "reserved", Unit: "% of registered", Min: 0, Max: 100}, T: t}
	c.add("CPU", s.CPUReserved, false)
	c.add("memory", s.MemoryReserved, false)
	return c
}

func costSpec(s *Series, t []float64) Chart {
	c := Chart{ID: "cost", Title: "Cumulative cost", Subtitle: "EC2 (per-second billing, 60 s minimum) and Fargate, USD",
		X: s.timeAxis(), Y: Axis{Name: "cost", Unit: "USD"}, T: t}
	c.add("cost", s.CostUSD, false)
	return c
}

// actionMarks marks the first MaxMarkedActions scaling actions of kind
// (and name, if not "") as "name from→to".
func actionMarks(s *Series, kind, name string) []Mark {
	var marks []Mark
	for _, a := range s.Actions {
		if a.Kind != kind || (name != "" && a.Name != name) {
			continue
		}
		if len(marks) == MaxMarkedActions {
			break
		}
		marks = append(marks, Mark{X: toHours(a.T), Kind: a.Kind, Label: fmt.Sprintf("%s %d→%d", a.Name, a.From, a.To)})
	}
	return marks
}

// alarmShading shades the spans where states is ALARM (t in seconds).
func alarmShading(t []float64, states []string, name string, c color.NRGBA) []Span {
	var out []Span
	for _, span := range alarmSpans(t, states) {
		out = append(out, Span{From: toHours(span[0]), To: toHours(span[1]), Label: name, Colour: c})
	}
	return out
}

// alarmSpans returns the [start, end] times (seconds) of the runs of
// samples whose state is ALARM; a run lasts until the next sample, or the
// last one.
func alarmSpans(t []float64, states []string) [][2]float64 {
	var spans [][2]float64
	start := -1
	for i := 0; i <= len(states); i++ {
		in := i < len(states) && states[i] == "ALARM"
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			end := t[len(t)-1]
			if i < len(t) {
				end = t[i]
			}
			spans = append(spans, [2]float64{t[start], end})
			start = -1
		}
	}
	return spans
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9_]`)

// chartID turns a name into a JavaScript identifier.
func chartID(parts ...string) string {
	return nonIdent.ReplaceAllString(strings.Join(parts, "_"), "_")
}

// reservationIDs returns the ID of each provider's reservation chart:
// reservation_<provider> as a JavaScript identifier, with _2, _3, … added
// when two names map to the same one (cp-a and cp_a).
func reservationIDs(s *Series) []string {
	ids := make([]string, len(s.Providers))
	used := map[string]bool{}
	for i, p := range s.Providers {
		id := chartID("reservation", p.Name)
		for k := 2; used[id]; k++ {
			id = chartID("reservation", p.Name, strconv.Itoa(k))
		}
		used[id] = true
		ids[i] = id
	}
	return ids
}
