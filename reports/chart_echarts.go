package reports

import (
	"fmt"
	"image/color"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chart sizes in report.html: the page's width (the charts follow the
// window, noEchartsNotice's script resizes them).
const (
	chartWidth  = "100%"
	chartHeight = "340px"
)

// ECharts draws c as an echarts line chart of report.html, its ID the
// chart ID, in the shared palette: a tooltip for the pointed time, the
// legend below (a click hides a series with its marks), zoom with the
// wheel, no animation. Marks are dotted lines without labels (the tooltip
// names them), reference lines dashed with their value, spans shaded.
func (c *Chart) ECharts() *charts.Line {
	l := charts.NewLine()
	y := opts.YAxis{Type: "value", Name: c.Y.Label()}
	if c.Y.Fixed() {
		y.Min, y.Max = c.Y.Min, c.Y.Max
	}
	x := opts.XAxis{Type: "value", Name: c.X.Label(), NameLocation: "middle", NameGap: 25}
	if c.X.Fixed() {
		x.Min, x.Max = c.X.Min, c.X.Max
	}
	if c.XLabels != nil {
		x.Type = "category"
	}
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID, Width: chartWidth, Height: chartHeight}),
		charts.WithTitleOpts(opts.Title{Title: c.Title, Subtitle: c.Subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
		charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(y),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", XAxisIndex: []int{0}}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(paletteCSS()),
	)
	if c.XLabels != nil {
		l.SetXAxis(c.XLabels)
	}
	for i := range c.Series {
		s := &c.Series[i]
		if s.Band != nil {
			c.addBand(l, s, i)
		}
		l.AddSeries(s.Name, c.lineData(s.Values), seriesStyle(s), markLines(s), markAreas(s))
	}
	return l
}

// addBand draws s's band as two stacked series of the band's name: the
// low values, invisible, and the width above them, filled in the series'
// colour (translucent); the legend entry hides both.
func (c *Chart) addBand(l *charts.Line, s *ChartSeries, i int) {
	width := make([]float64, len(s.Band.Low))
	for k := range width {
		width[k] = s.Band.High[k] - s.Band.Low[k]
	}
	stack := fmt.Sprintf("band%d", i)
	fill := s.Colour
	fill.A = 0x50
	hidden := charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)})
	item := charts.WithItemStyleOpts(opts.ItemStyle{Color: cssColour(fill)})
	lc := charts.WithLineChartOpts(opts.LineChart{Stack: stack, ShowSymbol: opts.Bool(false)})
	l.AddSeries(s.Band.Label, c.lineData(s.Band.Low), lc, hidden, item)
	l.AddSeries(s.Band.Label, c.lineData(width), lc, hidden, item, charts.WithAreaStyleOpts(opts.AreaStyle{Color: cssColour(fill), Opacity: opts.Float(1)}))
}

// paletteCSS is the palette as echarts' own, for anything drawn without
// a colour of its own.
func paletteCSS() opts.Colors {
	out := make(opts.Colors, len(palette))
	for i, c := range palette {
		out[i] = cssColour(c)
	}
	return out
}

// lineData pairs the x values with ys; on a category axis the values go
// alone, in the categories' order.
func (c *Chart) lineData(ys []float64) []opts.LineData {
	out := make([]opts.LineData, len(ys))
	for i, y := range ys {
		if c.XLabels != nil {
			out[i] = opts.LineData{Value: y}
			continue
		}
		out[i] = opts.LineData{Value: []any{c.T[i], y}}
	}
	return out
}

// seriesStyle draws the series without symbols, as a step line if
// stepped, in its colour: the line's (lineStyle) and the legend's and
// tooltip's (itemStyle).
func seriesStyle(s *ChartSeries) charts.SeriesOpts {
	lc := opts.LineChart{ShowSymbol: opts.Bool(false)}
	if s.Stepped {
		lc.Step = "end"
	}
	css := cssColour(s.Colour)
	return func(ss *charts.SingleSeries) {
		charts.WithLineChartOpts(lc)(ss)
		charts.WithLineStyleOpts(opts.LineStyle{Color: css})(ss)
		charts.WithItemStyleOpts(opts.ItemStyle{Color: css})(ss)
	}
}

// refLineItem is a reference line in a series' markLine data: its own
// style and a label with its value, where the marks have none.
type refLineItem struct {
	Name      string          `json:"name,omitempty"`
	YAxis     float64         `json:"yAxis"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
}

// markLines draws the series' marks as dotted vertical lines and its
// reference lines as dashed horizontal ones.
func markLines(s *ChartSeries) charts.SeriesOpts {
	return func(ss *charts.SingleSeries) {
		if len(s.Marks)+len(s.Refs) == 0 {
			return
		}
		items := make([]opts.MarkLineNameXAxisItem, len(s.Marks))
		for i, m := range s.Marks {
			items[i] = opts.MarkLineNameXAxisItem{Name: m.Label, XAxis: m.X}
		}
		charts.WithMarkLineNameXAxisItemOpts(items...)(ss)
		for _, r := range s.Refs {
			ss.MarkLines.Data = append(ss.MarkLines.Data, refLineItem{Name: r.Label, YAxis: r.Y,
				LineStyle: &opts.LineStyle{Type: "dashed", Color: cssColour(r.Colour)}, Label: &opts.Label{Show: opts.Bool(true)}})
		}
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Type: "dotted", Color: cssColour(markColour)}, Label: &opts.Label{Show: opts.Bool(false)}})(ss)
	}
}

// markAreas shades the series' spans, unlabelled (the tooltip names them).
func markAreas(s *ChartSeries) charts.SeriesOpts {
	return func(ss *charts.SingleSeries) {
		if len(s.Spans) == 0 {
			return
		}
		areas := make([][]opts.MarkAreaData, len(s.Spans))
		for i, sp := range s.Spans {
			areas[i] = []opts.MarkAreaData{
				{Name: sp.Label, XAxis: sp.From, MarkAreaStyle: opts.MarkAreaStyle{
					ItemStyle: &opts.ItemStyle{Color: cssColour(sp.Colour)}, Label: &opts.Label{Show: opts.Bool(false)}}},
				{XAxis: sp.To}}
		}
		charts.WithMarkAreaData(areas...)(ss)
	}
}

// cssColour writes c as #rrggbb, or rgba(r,g,b,a) when it is translucent
// (alpha to 2 decimals).
func cssColour(c color.NRGBA) string {
	if c.A == 0xff {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("rgba(%d,%d,%d,%s)", c.R, c.G, c.B, strconv.FormatFloat(round(float64(c.A)/0xff, 2), 'f', -1, 64))
}
