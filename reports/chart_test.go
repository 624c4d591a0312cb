package reports

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// Palette colours by name, to write expectations by hand.
var (
	blue   = color.NRGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}
	orange = color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}
	green  = color.NRGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}
	red    = color.NRGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}
	purple = color.NRGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}
)

// wantSeries is what a test expects of one series.
type wantSeries struct {
	name    string
	stepped bool
	colour  color.NRGBA
	marks   []Mark
	refs    []RefLine
	spans   []Span
}

// TestChartSpecs derives figureSeries' charts by hand: the IDs, titles and
// axes, each series' name, values, colour and whether it steps, the
// scaling actions marked on the series they change, the target and the
// alarm spans of each provider's reservation.
func TestChartSpecs(t *testing.T) {
	s := figureSeries()
	specs := ChartSpecs(s)
	hoursT := []float64{0, 0.1667, 0.3333, 0.5, 0.6667} // 0, 600, …, 2400 s
	target := []RefLine{{Y: 100, Label: "targetCapacity 100", Colour: color.NRGBA{A: 0xff}}}
	// AlarmHigh is ALARM at 600 and 1200 s, until the sample at 1800 s;
	// AlarmLow at the last sample only, a span of no width.
	spans := []Span{{From: 0.1667, To: 0.5, Label: "AlarmHigh", Colour: color.NRGBA{R: 220, G: 50, B: 47, A: 38}},
		{From: 0.6667, To: 0.6667, Label: "AlarmLow", Colour: color.NRGBA{R: 38, G: 139, B: 210, A: 38}}}
	want := []struct {
		id, title, y string
		fixed        [2]float64
		series       []wantSeries
	}{
		{"instances", "Container instances", "instances", [2]float64{}, []wantSeries{
			{name: "running", stepped: true, colour: blue},
			{name: "pending", stepped: true, colour: orange},
			{name: "desired (a)", stepped: true, colour: green, marks: []Mark{{X: 0.0167, Kind: ActionCapacityProvider, Label: "a 0→1"}}},
			{name: "desired (b)", stepped: true, colour: red, marks: []Mark{{X: 0.1944, Kind: ActionCapacityProvider, Label: "b 0→1"}}},
		}},
		{"reservation_a", "CapacityProviderReservation: a", "reservation (%)", [2]float64{}, []wantSeries{
			{name: "CapacityProviderReservation", colour: blue, refs: target, spans: spans}}},
		{"reservation_b", "CapacityProviderReservation: b", "reservation (%)", [2]float64{}, []wantSeries{
			{name: "CapacityProviderReservation", colour: blue, refs: target, spans: spans}}},
		{"tasks", "Tasks", "tasks", [2]float64{}, []wantSeries{
			{name: "running", stepped: true, colour: blue, marks: []Mark{{X: 0.25, Kind: ActionService, Label: "web 3→6"}}},
			{name: "provisioning", stepped: true, colour: orange},
			{name: "pending", stepped: true, colour: green},
			{name: "failed (cumulative)", stepped: true, colour: red},
		}},
		{"reserved", "Reserved capacity", "reserved (% of registered)", [2]float64{0, 100}, []wantSeries{
			{name: "CPU", colour: blue}, {name: "memory", colour: orange}}},
		{"cost", "Cumulative cost", "cost (USD)", [2]float64{}, []wantSeries{{name: "cost", colour: blue}}},
	}
	if len(specs) != len(want) {
		t.Fatalf("%d charts, want %d", len(specs), len(want))
	}
	for i, w := range want {
		c := specs[i]
		if c.ID != w.id || c.Title != w.title || c.Y.Label() != w.y || c.X.Label() != "time (h)" || c.Subtitle == "" {
			t.Errorf("chart %d: %q %q y %q x %q subtitle %q; want %q %q y %q", i, c.ID, c.Title, c.Y.Label(), c.X.Label(), c.Subtitle, w.id, w.title, w.y)
		}
		if got := [2]float64{c.Y.Min, c.Y.Max}; got != w.fixed || c.Y.Fixed() != (w.fixed[1] > 0) {
			t.Errorf("%s: y range %v (fixed %v), want %v", c.ID, got, c.Y.Fixed(), w.fixed)
		}
		if !c.X.Fixed() || c.X.Min != 0 || c.X.Max != toHours(s.end()) {
			t.Errorf("%s: x axis [%g, %g], want 0 to the run's end %g h", c.ID, c.X.Min, c.X.Max, toHours(s.end()))
		}
		if !slices.Equal(c.T, hoursT) {
			t.Errorf("%s: T = %v, want %v", c.ID, c.T, hoursT)
		}
		checkSeries(t, c, w.series)
	}
	// The values are the series' own.
	if v := specs[0].Series[3].Values; !slices.Equal(v, s.Providers[1].Desired) {
		t.Errorf("desired (b) values %v", v)
	}
	if v := specs[4].Series[1].Values; !slices.Equal(v, s.MemoryReserved) {
		t.Errorf("memory values %v", v)
	}
}

func checkSeries(t *testing.T, c Chart, want []wantSeries) {
	t.Helper()
	if len(c.Series) != len(want) {
		t.Fatalf("%s: %d series, want %d", c.ID, len(c.Series), len(want))
	}
	for j, w := range want {
		got := c.Series[j]
		if got.Name != w.name || got.Stepped != w.stepped || got.Colour != w.colour || len(got.Values) != len(c.T) {
			t.Errorf("%s series %d: %q stepped %v colour %v, %d values; want %q %v %v", c.ID, j, got.Name, got.Stepped, got.Colour, len(got.Values), w.name, w.stepped, w.colour)
		}
		if !slices.Equal(got.Marks, w.marks) || !slices.Equal(got.Refs, w.refs) || !slices.Equal(got.Spans, w.spans) {
			t.Errorf("%s %s: marks %v refs %v spans %v\nwant %v %v %v", c.ID, got.Name, got.Marks, got.Refs, got.Spans, w.marks, w.refs, w.spans)
		}
	}
}

// TestChartSpecsCapMarks: a series carries the first MaxMarkedActions
// actions of its kind (and provider), in time order.
func TestChartSpecsCapMarks(t *testing.T) {
	s := figureSeries()
	s.Actions = nil
	for i := range MaxMarkedActions + 5 {
		s.Actions = append(s.Actions,
			ScalingAction{T: float64(i), Kind: ActionCapacityProvider, Name: "a", From: i, To: i + 1},
			ScalingAction{T: float64(i), Kind: ActionService, Name: "web", From: i, To: i + 1})
	}
	s.Actions = append(s.Actions, ScalingAction{T: 9000, Kind: ActionCapacityProvider, Name: "b", From: 3, To: 2})
	specs := ChartSpecs(s)
	a, b, running := specs[0].Series[2].Marks, specs[0].Series[3].Marks, specs[3].Series[0].Marks
	if len(a) != MaxMarkedActions || a[0].Label != "a 0→1" || a[len(a)-1].Label != "a 299→300" {
		t.Errorf("desired (a): %d marks, first %v, last %v", len(a), a[0], a[len(a)-1])
	}
	if len(b) != 1 || b[0] != (Mark{X: 2.5, Kind: ActionCapacityProvider, Label: "b 3→2"}) {
		t.Errorf("desired (b) marks %v: the cap is per series", b)
	}
	if len(running) != MaxMarkedActions || running[299].Label != "web 299→300" || running[299].Kind != ActionService {
		t.Errorf("tasks running: %d marks, last %v", len(running), running[len(running)-1])
	}
}

// TestPaletteAndColours: the i-th series of a chart takes the i-th colour
// of the one palette, round again after the last; colours are written for
// echarts as #rrggbb, translucent ones as rgba with the alpha to 2
// decimals.
func TestPaletteAndColours(t *testing.T) {
	for i, want := range []color.NRGBA{blue, orange, green, red, purple} {
		if got := seriesColour(i); got != want {
			t.Errorf("seriesColour(%d) = %v, want %v", i, got, want)
		}
	}
	if seriesColour(len(palette)) != blue || seriesColour(len(palette)+1) != orange {
		t.Error("the palette does not wrap around")
	}
	for _, tc := range []struct {
		c    color.NRGBA
		want string
	}{
		{blue, "#0072b2"},
		{color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}, "#888888"},
		{color.NRGBA{R: 220, G: 50, B: 47, A: 38}, "rgba(220,50,47,0.15)"},
		{color.NRGBA{R: 1, G: 2, B: 3, A: 0}, "rgba(1,2,3,0)"},
		{color.NRGBA{R: 1, G: 2, B: 3, A: 0x80}, "rgba(1,2,3,0.5)"},
	} {
		if got := cssColour(tc.c); got != tc.want {
			t.Errorf("cssColour(%v) = %q, want %q", tc.c, got, tc.want)
		}
		if back := parseCSS(t, tc.want); back != tc.c {
			t.Errorf("%q reads back as %v, want %v", tc.want, back, tc.c)
		}
	}
}

func TestAxisLabel(t *testing.T) {
	for _, tc := range []struct {
		a    Axis
		want string
	}{
		{Axis{Name: "time", Unit: "h"}, "time (h)"},
		{Axis{Name: "tasks"}, "tasks"},
		{Axis{Name: "cost", Unit: "USD"}, "cost (USD)"},
	} {
		if got := tc.a.Label(); got != tc.want {
			t.Errorf("%+v.Label() = %q, want %q", tc.a, got, tc.want)
		}
	}
	if (Axis{Min: 0, Max: 100}).Fixed() != true || (Axis{}).Fixed() || (Axis{Min: 5, Max: 5}).Fixed() {
		t.Error("Fixed wants Max > Min")
	}
}

// TestRenderersAgree builds, from each chart of a sample series, the
// echarts chart of report.html and the gonum figure, and reads back from
// both built objects the title, the axis labels, the series names in
// order and their colours, then the reference lines' labels and colours
// and the shading colours: they must be the same, and the spec's.
func TestRenderersAgree(t *testing.T) {
	for _, c := range ChartSpecs(figureSeries()) {
		e, p := c.ECharts(), c.Plot()
		if e.Title.Title != c.Title || p.Title.Text != c.Title || e.Title.Subtitle != c.Subtitle {
			t.Errorf("%s: titles echarts %q, gonum %q, want %q", c.ID, e.Title.Title, p.Title.Text, c.Title)
		}
		if len(e.Colors) != len(palette) || e.Colors[0] != "#0072b2" || e.Colors[len(palette)-1] != cssColour(palette[len(palette)-1]) {
			t.Errorf("%s: echarts palette %q, want the shared one", c.ID, e.Colors)
		}
		if e.XAxisList[0].Name != p.X.Label.Text || e.YAxisList[0].Name != p.Y.Label.Text || p.Y.Label.Text != c.Y.Label() {
			t.Errorf("%s: axes echarts %q/%q, gonum %q/%q", c.ID, e.XAxisList[0].Name, e.YAxisList[0].Name, p.X.Label.Text, p.Y.Label.Text)
		}
		names, colours, refNames, refColours := echartsSeries(t, e)
		legend := gonumLegend(p)
		var gNames []string
		var gColours []color.NRGBA
		for _, l := range legend {
			gNames, gColours = append(gNames, l.name), append(gColours, l.colour)
		}
		// The figure's legend lists the series, then the reference lines.
		if !slices.Equal(gNames, append(slices.Clone(names), refNames...)) {
			t.Errorf("%s: echarts series %q (reference lines %q), gonum legend %q", c.ID, names, refNames, gNames)
		}
		if !slices.Equal(gColours, append(slices.Clone(colours), refColours...)) {
			t.Errorf("%s: echarts colours %v %v, gonum %v", c.ID, colours, refColours, gColours)
		}
		var want []color.NRGBA
		for _, s := range c.Series {
			want = append(want, s.Colour)
		}
		if !slices.Equal(colours, want) {
			t.Errorf("%s: echarts colours %v, spec %v", c.ID, colours, want)
		}
		if e, g := echartsAreaColours(t, e), gonumFills(p); !isSubset(e, g) {
			t.Errorf("%s: echarts shades %v, gonum fills %v", c.ID, e, g)
		}
	}
}

// echartsSeries reads back the series names and colours (the line's,
// which must be the legend's), and the reference lines of their
// markLines.
func echartsSeries(t *testing.T, l *charts.Line) (names []string, colours []color.NRGBA, refNames []string, refColours []color.NRGBA) {
	t.Helper()
	for _, s := range l.MultiSeries {
		if s.LineStyle == nil || s.ItemStyle == nil || s.LineStyle.Color != s.ItemStyle.Color {
			t.Fatalf("series %s: line and legend colours differ: %+v %+v", s.Name, s.LineStyle, s.ItemStyle)
		}
		names, colours = append(names, s.Name), append(colours, parseCSS(t, s.LineStyle.Color))
		if s.MarkLines == nil {
			continue
		}
		for _, d := range s.MarkLines.Data {
			if r, ok := d.(refLineItem); ok {
				refNames, refColours = append(refNames, r.Name), append(refColours, parseCSS(t, r.LineStyle.Color))
			}
		}
	}
	return names, colours, refNames, refColours
}

// echartsAreaColours reads back the colours of the shaded spans.
func echartsAreaColours(t *testing.T, l *charts.Line) []color.NRGBA {
	var out []color.NRGBA
	for _, s := range l.MultiSeries {
		if s.MarkAreas == nil {
			continue
		}
		for _, d := range s.MarkAreas.Data {
			out = append(out, parseCSS(t, d.([]opts.MarkAreaData)[0].ItemStyle.Color))
		}
	}
	return out
}

type legendEntry struct {
	name   string
	colour color.NRGBA
}

// gonumLegend draws the plot's legend on a recorder and reads each entry
// back: its text, and the colour of the thumbnail stroked before it.
func gonumLegend(p *plot.Plot) []legendEntry {
	rec := new(recorder.Canvas)
	p.Legend.Draw(draw.NewCanvas(rec, FigureSizes()[0].Width, FigureSizes()[0].Height))
	var out []legendEntry
	var current, stroked color.Color
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			current = a.Color
		case *recorder.Stroke:
			stroked = current
		case *recorder.FillString:
			out = append(out, legendEntry{a.String, color.NRGBAModel.Convert(stroked).(color.NRGBA)})
		}
	}
	return out
}

// gonumFills draws the whole plot on a recorder and returns the colours it
// fills shapes with.
func gonumFills(p *plot.Plot) []color.NRGBA {
	rec := new(recorder.Canvas)
	p.Draw(draw.NewCanvas(rec, 7*vg.Inch, 3*vg.Inch))
	var out []color.NRGBA
	var current color.Color
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			current = a.Color
		case *recorder.Fill:
			out = append(out, color.NRGBAModel.Convert(current).(color.NRGBA))
		}
	}
	return out
}

func isSubset(xs, ys []color.NRGBA) bool {
	for _, x := range xs {
		if !slices.Contains(ys, x) {
			return false
		}
	}
	return true
}

// parseCSS reads back #rrggbb or rgba(r,g,b,a).
func parseCSS(t *testing.T, s string) color.NRGBA {
	t.Helper()
	var c color.NRGBA
	if strings.HasPrefix(s, "#") && len(s) == 7 {
		if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
			t.Fatalf("colour %q: %v", s, err)
		}
		c.A = 0xff
		return c
	}
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(s, "rgba("), ")"), ",")
	if len(parts) != 4 {
		t.Fatalf("colour %q is neither #rrggbb nor rgba()", s)
	}
	var rgb [3]uint8
	for i := range rgb {
		n, err := strconv.ParseUint(parts[i], 10, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", s, err)
		}
		rgb[i] = uint8(n)
	}
	a, err := strconv.ParseFloat(parts[3], 64)
	if err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	return color.NRGBA{R: rgb[0], G: rgb[1], B: rgb[2], A: uint8(a*0xff + 0.5)}
}

// TestPlotAxes: a y axis that is not fixed runs from 0 to a quarter above
// the largest value of its series and reference lines (at least 1); a
// fixed one keeps its range.
func TestPlotAxes(t *testing.T) {
	specs := ChartSpecs(figureSeries())
	for i, want := range [][2]float64{
		{0, 2.5},  // instances: 2 running, 2 desired
		{0, 250},  // reservation_a: CPR 200 (above the target 100)
		{0, 250},  // reservation_b
		{0, 7.5},  // tasks: 6 running
		{0, 100},  // reserved: fixed
		{0, 1.25}, // cost: 0.1 USD, below 1
	} {
		p := specs[i].Plot()
		if got := [2]float64{p.Y.Min, p.Y.Max}; got != want {
			t.Errorf("%s: y axis %v, want %v", specs[i].ID, got, want)
		}
	}
	c := Chart{ID: "x", X: Axis{Name: "t", Min: 2, Max: 3}, Y: Axis{Name: "v", Min: -1, Max: 1}}
	p := c.Plot()
	if p.X.Min != 2 || p.X.Max != 3 || p.Y.Min != -1 || p.Y.Max != 1 {
		t.Errorf("fixed axes: x %v..%v y %v..%v", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	e := c.ECharts()
	if e.XAxisList[0].Min != 2.0 || e.XAxisList[0].Max != 3.0 || e.YAxisList[0].Min != -1.0 || e.YAxisList[0].Max != 1.0 {
		t.Errorf("echarts fixed axes: %+v %+v", e.XAxisList[0], e.YAxisList[0])
	}
}

// TestRenderersWithoutData: a series with no samples, or with a NaN, keeps
// its legend entry in the figure (as in report.html) but draws no line.
func TestRenderersWithoutData(t *testing.T) {
	c := Chart{ID: "x", X: timeAxis, Y: Axis{Name: "v"}, T: []float64{0, 1}}
	c.add("ok", []float64{1, 2}, false)
	c.add("nan", []float64{1, math.NaN()}, true)
	c.add("none", nil, false).Refs = []RefLine{{Y: 3, Label: "three", Colour: refColour}}
	legend := gonumLegend(c.Plot())
	var names []string
	for _, l := range legend {
		names = append(names, l.name)
	}
	if want := []string{"ok", "nan", "none", "three"}; !slices.Equal(names, want) {
		t.Errorf("legend %q, want %q", names, want)
	}
	empty := Chart{ID: "y", X: timeAxis, Y: Axis{Name: "v"}}
	empty.add("a", nil, false).Refs = []RefLine{{Y: 1, Label: "one", Colour: refColour}}
	if got := gonumLegend(empty.Plot()); len(got) != 2 || got[1].name != "one" {
		t.Errorf("legend without samples %v", got)
	}
	if got := reflect.ValueOf(empty.ECharts().MultiSeries[0].Data).Len(); got != 0 {
		t.Errorf("echarts series without samples has %d points", got)
	}
}
