package reports

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// WriteHTML writes sweep.html: for every metric, a line chart of its mean
// against each swept dimension with the 95% confidence band (a single
// dimension: the cells' own intervals; several: the mean over the other
// dimensions' cells of their means and of their interval bounds), and,
// when the grid has exactly two dimensions, a heatmap of the cells'
// means. Chart IDs are "sweep_<metric>_<dimension>" and
// "sweep_<metric>_heatmap" as JavaScript identifiers; assetsJS inlines
// echarts as for report.html.
func (s *SweepSummary) WriteHTML(w io.Writer, assetsJS string) error {
	page := components.NewPage()
	page.SetPageTitle("ecsim sweep: " + s.Scenario)
	page.SetLayout(components.PageNoneLayout)
	dims := s.dimensions()
	charts := s.SweepCharts()
	for i, m := range s.Metrics {
		for d := range dims {
			page.AddCharts(charts[i*len(dims)+d].ECharts())
		}
		if len(dims) == 2 {
			page.AddCharts(s.heatmap(m, dims))
		}
	}
	inlineAssets(page, assetsJS)
	var buf bytes.Buffer
	if err := page.Render(&buf); err != nil {
		return err
	}
	return writeAfterBody(w, escapeOptions(buf.Bytes()), s.htmlBlock())
}

// escapeOptions escapes <, > and & in the charts' option lines ("let
// option_… = {JSON}"), which go-echarts writes into a script without
// escaping: a swept value is the user's YAML and may hold "</script>". In
// JSON strings \u003c is the same "<", so the charts show the values as
// written.
func escapeOptions(page []byte) []byte {
	lines := bytes.Split(page, []byte("\n"))
	r := strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`)
	for i, l := range lines {
		if bytes.HasPrefix(bytes.TrimSpace(l), []byte("let option_")) {
			lines[i] = []byte(r.Replace(string(l)))
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// sweepDim is a dimension of the grid as the page shows it: its name (the
// parameters' paths) and, per cell, the index of its value.
type sweepDim struct {
	name   string
	labels []string
	of     []int // by cell
}

// dimensions returns the grid's dimensions with their labels (a zip
// group's values joined with " / ") and each cell's value.
func (s *SweepSummary) dimensions() []sweepDim {
	p := s.plan
	dims := make([]sweepDim, len(p.Dimensions))
	for k, group := range p.Dimensions {
		d := sweepDim{of: make([]int, len(s.Cells))}
		var names []string
		for _, g := range group {
			names = append(names, p.Parameters[g].Path)
		}
		d.name = strings.Join(names, " + ")
		for v := range p.Parameters[group[0]].Values {
			var vals []string
			for _, g := range group {
				vals = append(vals, p.Parameters[g].Values[v])
			}
			d.labels = append(d.labels, strings.Join(vals, " / "))
		}
		for c := range s.Cells {
			d.of[c] = p.Values(c)[group[0]]
		}
		dims[k] = d
	}
	return dims
}

// SweepCharts returns the charts of a sweep, described once for
// sweep.html and the figures: for every metric and every dimension of the
// grid, the metric's mean against the dimension's values with its 95%
// confidence band (with several dimensions: the mean over the other
// dimensions' cells of the cells' means and interval bounds). A dimension
// whose values are increasing numbers is a numeric axis; any other a
// category axis of the values as written.
func (s *SweepSummary) SweepCharts() []Chart {
	dims := s.dimensions()
	var out []Chart
	for _, m := range s.Metrics {
		for d := range dims {
			out = append(out, s.lineChart(m, dims, d))
		}
	}
	return out
}

// lineChart is metric m against dimension d.
func (s *SweepSummary) lineChart(m string, dims []sweepDim, d int) Chart {
	dim := dims[d]
	n := len(dim.labels)
	mean, lo, hi, count := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for c, cell := range s.Cells {
		k, in := dim.of[c], cell.Metrics[m]
		mean[k] += in.Mean
		lo[k] += in.CI95[0]
		hi[k] += in.CI95[1]
		count[k]++
	}
	for k := range mean {
		mean[k], lo[k], hi[k] = roundOut(mean[k]/count[k]), roundOut(lo[k]/count[k]), roundOut(hi[k]/count[k])
	}
	sub := fmt.Sprintf("mean of %d replications per cell; band: 95%% confidence interval", s.Replications)
	if len(dims) > 1 {
		sub = fmt.Sprintf("mean over the other parameters' cells of the cells' means (%d replications each); band: the mean of their 95%% intervals", s.Replications)
	}
	c := Chart{ID: chartID("sweep", m, dim.name), Title: m + " against " + dim.name, Subtitle: sub,
		X: Axis{Name: dim.name}, Y: Axis{Name: metricLabel(m)},
		Series: []ChartSeries{{Name: "mean", Values: mean, Colour: seriesColour(0), Band: &Band{Label: "95% CI", Low: lo, High: hi}}}}
	c.T, c.XLabels = numericAxis(dim.labels)
	return c
}

// numericAxis returns the labels as x values when they are increasing
// numbers, else the indexes 0, 1, … and the labels for a category axis.
func numericAxis(labels []string) ([]float64, []string) {
	t := make([]float64, len(labels))
	numeric := true
	for i, l := range labels {
		x, err := strconv.ParseFloat(l, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || i > 0 && x <= t[i-1] {
			numeric = false
			break
		}
		t[i] = x
	}
	if numeric {
		return t, nil
	}
	for i := range t {
		t[i] = float64(i)
	}
	return t, labels
}

// heatmap is metric m's cell means over a two-dimensional grid.
func (s *SweepSummary) heatmap(m string, dims []sweepDim) *charts.HeatMap {
	h := charts.NewHeatMap()
	var data []opts.HeatMapData
	minV, maxV := 0.0, 0.0
	for c, cell := range s.Cells {
		v := roundOut(cell.Metrics[m].Mean)
		if c == 0 || v < minV {
			minV = v
		}
		if c == 0 || v > maxV {
			maxV = v
		}
		data = append(data, opts.HeatMapData{Value: [3]any{dims[0].of[c], dims[1].of[c], v}})
	}
	h.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: chartID("sweep", m, "heatmap"), Width: compareChartWidth, Height: compareChartHeight}),
		charts.WithTitleOpts(opts.Title{Title: metricLabel(m), Subtitle: fmt.Sprintf("mean of %d replications per cell", s.Replications)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Name: dims[0].name, Type: "category", Data: dims[0].labels}),
		charts.WithYAxisOpts(opts.YAxis{Name: dims[1].name, Type: "category", Data: dims[1].labels}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(minV), Max: float32(maxV), Orient: "vertical", Right: "0"}),
		charts.WithAnimation(false),
	)
	h.AddSeries(m, data)
	return h
}

// htmlBlock is the page's heading.
func (s *SweepSummary) htmlBlock() string {
	var b strings.Builder
	b.WriteString(`<div id="ecsim-sweep" style="font-family:sans-serif;margin:16px 24px;">` + "\n")
	fmt.Fprintf(&b, "<h1 style=\"margin:0\">%s: sweep</h1>\n", html.EscapeString(s.Scenario))
	fmt.Fprintf(&b, "<p>%d cells × %d replications (master seed %d; replication k of every cell uses the same seed). Parameters:</p>\n<ul>\n",
		len(s.Cells), s.Replications, s.Seed)
	for _, p := range s.Parameters {
		fmt.Fprintf(&b, "<li><code>%s</code>: %s</li>\n", html.EscapeString(p.Path), html.EscapeString(strings.Join(p.Values, ", ")))
	}
	b.WriteString("</ul>\n<p>The figures per cell, with paired differences from the first cell, are in sweep.json; every run in sweep.csv.</p>\n</div>\n")
	return b.String()
}
