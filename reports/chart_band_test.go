package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/components"
)

// TestBandAndCategories: a series' band and a category axis reach both
// renderers: echarts as the band's two stacked series (the low values and
// the width above them, 1 and 2 here) on a category axis of the labels,
// gonum/plot as a polygon named in the legend, with the labels as ticks.
func TestBandAndCategories(t *testing.T) {
	c := Chart{ID: "band", Title: "t", X: Axis{Name: "strategy"}, Y: Axis{Name: "cost", Unit: "USD"},
		T: []float64{0, 1}, XLabels: []string{"binpack", "spread"},
		Series: []ChartSeries{{Name: "mean", Values: []float64{2, 4}, Colour: seriesColour(0),
			Band: &Band{Label: "95% CI", Low: []float64{1, 3}, High: []float64{3, 5}}}}}
	page := components.NewPage()
	page.AddCharts(c.ECharts())
	var buf bytes.Buffer
	if err := page.Render(&buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{`"data":["binpack","spread"]`, `"stack":"band0"`, `"data":[{"value":1},{"value":3}]`,
		`"data":[{"value":2},{"value":2}]`, `"areaStyle"`, `"data":[{"value":2},{"value":4}]`} {
		if !strings.Contains(html, want) {
			t.Errorf("echarts options lack %s", want)
		}
	}
	p := c.Plot()
	svg, err := figureBytes(p, "svg", FigureSizes()[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("95% CI")) || !bytes.Contains(svg, []byte("fill-opacity:0.31")) || p.X.Min != -0.5 || p.X.Max != 1.5 || p.Y.Max < 5 {
		t.Errorf("plot: x [%g, %g], y top %g, band in the legend %v, translucent fill %v", p.X.Min, p.X.Max, p.Y.Max,
			bytes.Contains(svg, []byte("95% CI")), bytes.Contains(svg, []byte("fill-opacity:0.31")))
	}
	ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if strings.Join(labels, ",") != "binpack,spread" {
		t.Errorf("x tick labels %q", labels)
	}
}
