package reports

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chart sizes in report.html.
const (
	chartWidth  = "1100px"
	chartHeight = "340px"
)

// MaxMarkedActions bounds the scaling actions drawn as lines on a chart;
// the title block says when there are more.
const MaxMarkedActions = 300

// WriteReport writes report.html: a title block with the headline numbers,
// then the charts of ReportCharts. assetsJS, when not empty, is the echarts
// library inlined so the page renders offline (LoadAssets); otherwise the
// page loads it from go-echarts' asset host.
func WriteReport(w io.Writer, s *Series, assetsJS string) error {
	page := components.NewPage()
	page.SetPageTitle("ecsim: " + s.Scenario)
	page.SetLayout(components.PageNoneLayout)
	page.AddCharts(ReportCharts(s)...)
	inlineAssets(page, assetsJS)
	var buf bytes.Buffer
	if err := page.Render(&buf); err != nil {
		return err
	}
	return writeAfterBody(w, buf.Bytes(), titleBlock(s))
}

// ReportCharts returns the charts of report.html in page order, each with a
// stable ID (a JavaScript identifier: go-echarts names variables after it):
// instances, one reservation_<provider> per capacity provider with managed
// scaling, tasks, reserved, cost.
func ReportCharts(s *Series) []components.Charter {
	out := []components.Charter{instancesChart(s)}
	for i, id := range reservationIDs(s) {
		out = append(out, reservationChart(s, i, id))
	}
	return append(out, tasksChart(s), reservedChart(s), costChart(s))
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9_]`)

// chartID turns a name into a JavaScript identifier.
func chartID(parts ...string) string {
	return nonIdent.ReplaceAllString(strings.Join(parts, "_"), "_")
}

// newLine starts a line chart with the report's common options.
func newLine(id, title, subtitle, yName string) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Width: chartWidth, Height: chartHeight}),
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "time (h)", NameLocation: "middle", NameGap: 25}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName}),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", XAxisIndex: []int{0}}),
		charts.WithAnimation(false),
	)
	return l
}

// points pairs the sample times (in hours) with ys.
func points(t, ys []float64) []opts.LineData {
	out := make([]opts.LineData, len(ys))
	for i, y := range ys {
		out[i] = opts.LineData{Value: []any{round(t[i]/3600, 4), y}}
	}
	return out
}

// step draws a series as a step line without symbols.
func step() charts.SeriesOpts {
	return charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(false)})
}

func plain() charts.SeriesOpts {
	return charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)})
}

func instancesChart(s *Series) *charts.Line {
	l := newLine("instances", "Container instances",
		"registered (running), launched but not registered (pending), and each group's desired capacity; vertical lines: scaling actions", "instances")
	l.AddSeries("running", points(s.T, s.InstancesRunning), step())
	l.AddSeries("pending", points(s.T, s.InstancesPending), step())
	for i := range s.Providers {
		p := &s.Providers[i]
		l.AddSeries("desired ("+p.Name+")", points(s.T, p.Desired), step(), actionLines(s, ActionCapacityProvider, p.Name))
	}
	return l
}

// actionLines marks the scaling actions of kind (and name, if not "") as
// vertical lines labelled "from→to".
func actionLines(s *Series, kind, name string) charts.SeriesOpts {
	var items []opts.MarkLineNameXAxisItem
	for _, a := range s.Actions {
		if a.Kind != kind || (name != "" && a.Name != name) || len(items) == MaxMarkedActions {
			continue
		}
		items = append(items, opts.MarkLineNameXAxisItem{Name: fmt.Sprintf("%s %d→%d", a.Name, a.From, a.To), XAxis: round(a.T/3600, 4)})
	}
	return func(ss *charts.SingleSeries) {
		if len(items) == 0 {
			return
		}
		charts.WithMarkLineNameXAxisItemOpts(items...)(ss)
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Type: "dotted", Color: "#888"}, Label: &opts.Label{Show: opts.Bool(false)}})(ss)
	}
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

func reservationChart(s *Series, i int, id string) *charts.Line {
	p := &s.Providers[i]
	l := newLine(id, "CapacityProviderReservation: "+p.Name,
		fmt.Sprintf("percent of what the group needs that it has (tracked to targetCapacity %g); shaded: AlarmHigh (red) or AlarmLow (blue) in ALARM", p.Target), "percent")
	l.AddSeries("CapacityProviderReservation", points(s.T, p.CPR), plain(),
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "target", YAxis: p.Target}),
		alarmAreas(s.T, p.AlarmHigh, "AlarmHigh", "rgba(220,50,47,0.15)"),
		alarmAreas(s.T, p.AlarmLow, "AlarmLow", "rgba(38,139,210,0.15)"))
	return l
}

// alarmAreas shades the spans where states is ALARM.
func alarmAreas(t []float64, states []string, name, color string) charts.SeriesOpts {
	var areas [][]opts.MarkAreaData
	for _, span := range alarmSpans(t, states) {
		areas = append(areas, []opts.MarkAreaData{
			{Name: name, XAxis: round(span[0]/3600, 4), MarkAreaStyle: opts.MarkAreaStyle{
				ItemStyle: &opts.ItemStyle{Color: color}, Label: &opts.Label{Show: opts.Bool(false)}}},
			{XAxis: round(span[1]/3600, 4)}})
	}
	return func(ss *charts.SingleSeries) {
		if len(areas) > 0 {
			charts.WithMarkAreaData(areas...)(ss)
		}
	}
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

func tasksChart(s *Series) *charts.Line {
	l := newLine("tasks", "Tasks", "RUNNING, PROVISIONING (waiting for capacity), PENDING (placed, starting) and failed so far; vertical lines: service scaling", "tasks")
	l.AddSeries("running", points(s.T, s.TasksRunning), step(), actionLines(s, ActionService, ""))
	l.AddSeries("provisioning", points(s.T, s.TasksProvisioning), step())
	l.AddSeries("pending", points(s.T, s.TasksPending), step())
	l.AddSeries("failed (cumulative)", points(s.T, s.TasksFailed), step())
	return l
}

func reservedChart(s *Series) *charts.Line {
	l := newLine("reserved", "Reserved capacity", "CPU units and memory reserved by tasks, percent of what the registered instances offer", "percent")
	l.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "percent", Min: 0, Max: 100}))
	l.AddSeries("CPU", points(s.T, s.CPUReserved), plain())
	l.AddSeries("memory", points(s.T, s.MemoryReserved), plain())
	return l
}

func costChart(s *Series) *charts.Line {
	l := newLine("cost", "Cumulative cost", "EC2 (per-second billing, 60 s minimum) and Fargate, USD", "USD")
	l.AddSeries("cost", points(s.T, s.CostUSD), plain())
	return l
}

// titleBlock is the page's heading: scenario, seed and headline numbers.
func titleBlock(s *Series) string {
	var b strings.Builder
	b.WriteString(`<div id="ecsim-title" style="font-family:sans-serif;margin:16px 24px;">` + "\n")
	fmt.Fprintf(&b, "<h1 style=\"margin:0\">%s</h1>\n", html.EscapeString(s.Scenario))
	if sum := s.Summary; sum != nil {
		fmt.Fprintf(&b, "<p>seed %d · %s simulated · %d events</p>\n<ul>\n", sum.Seed, hours(sum.SimulatedSeconds), sum.Events)
		t := sum.Tasks
		fmt.Fprintf(&b, "<li>tasks: %d submitted, %d placed, %d failed, %d lost; wait p50 %.1f s, p95 %.1f s</li>\n",
			t.Submitted, t.Placed, t.Failed, t.Lost, sum.TaskWaitSeconds.P50, sum.TaskWaitSeconds.P95)
		fmt.Fprintf(&b, "<li>instances: %d launched, peak %d; %.2f instance-hours; reserved CPU %.1f %%, memory %.1f %% (time-weighted)</li>\n",
			sum.Instances.Launched, sum.Instances.Peak, sum.InstanceHours, 100*sum.Utilization.CPUReservedMean, 100*sum.Utilization.MemoryReservedMean)
		fmt.Fprintf(&b, "<li>cost: $%.2f (EC2 $%.2f, Fargate $%.2f); idle $%.2f, stranded $%.2f</li>\n",
			sum.Cost.Total, sum.Cost.EC2, sum.Cost.Fargate, sum.Cost.Idle, sum.Cost.Stranded)
		fmt.Fprintf(&b, "<li>managed scaling: %d scale-out, %d scale-in actions</li>\n</ul>\n", sum.Scaling.ScaleOutActions, sum.Scaling.ScaleInActions)
	}
	if n := len(s.Actions); n > MaxMarkedActions {
		fmt.Fprintf(&b, "<p>%d scaling actions: the charts mark the first %d of each kind; events.jsonl has them all.</p>\n", n, MaxMarkedActions)
	}
	b.WriteString("<p>Explain any decision with <code>ecsim explain SCENARIO --from T --to T</code>.</p>\n</div>\n")
	return b.String()
}

func hours(sec float64) string {
	if sec >= 48*3600 {
		return fmt.Sprintf("%.1f days", sec/86400)
	}
	return fmt.Sprintf("%.1f h", sec/3600)
}
