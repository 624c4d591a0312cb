package reports

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Plot draws c with gonum/plot for a figure: a grid, the legend at the top
// left (a y axis that is not fixed runs from 0 to a quarter above the
// largest value, leaving it room), the spans shaded behind the series,
// reference lines dashed and named in the legend after the series, marks
// dotted over the data. The subtitle is not drawn (a figure's caption says
// it).
func (c *Chart) Plot() *plot.Plot {
	p := plot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = c.X.Label()
	p.Y.Label.Text = c.Y.Label()
	if c.X.Fixed() {
		p.X.Min, p.X.Max = c.X.Min, c.X.Max
	}
	p.Y.Min, p.Y.Max = 0, c.axisTop()
	if c.Y.Fixed() {
		p.Y.Min, p.Y.Max = c.Y.Min, c.Y.Max
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Add(plotter.NewGrid())
	for i := range c.Series {
		for _, sp := range c.Series[i].Spans {
			shade(p, sp, p.Y.Min, p.Y.Max)
		}
	}
	for i := range c.Series {
		if b := c.Series[i].Band; b != nil {
			addBand(p, c.T, b, c.Series[i].Colour)
		}
	}
	for i := range c.Series {
		addSeries(p, c.T, &c.Series[i])
	}
	if c.XLabels != nil {
		p.NominalX(c.XLabels...)
		p.X.Min, p.X.Max = -0.5, float64(len(c.XLabels))-0.5
	}
	for i := range c.Series {
		for _, r := range c.Series[i].Refs {
			addRef(p, c.T, r)
		}
	}
	for i := range c.Series {
		for _, m := range c.Series[i].Marks {
			addMark(p, m, p.Y.Min, p.Y.Max)
		}
	}
	return p
}

// axisTop is the top of a y axis that is not fixed: the largest value of
// the series and reference lines (at least 1) and a quarter more, room for
// the legend at the top left.
func (c *Chart) axisTop() float64 {
	m := 1.0
	for _, s := range c.Series {
		for _, y := range s.Values {
			if y > m {
				m = y
			}
		}
		for _, r := range s.Refs {
			if r.Y > m {
				m = r.Y
			}
		}
		if s.Band != nil {
			for _, y := range s.Band.High {
				m = max(m, y)
			}
		}
	}
	return 1.25 * m
}

// addSeries draws s against the x values t and names it in the legend. A
// series without values, or with a NaN or Inf among them, keeps its
// legend entry but draws nothing.
func addSeries(p *plot.Plot, t []float64, s *ChartSeries) {
	xys := make(plotter.XYs, len(s.Values))
	for i, y := range s.Values {
		xys[i] = plotter.XY{X: t[i], Y: y}
	}
	l, err := plotter.NewLine(xys)
	if err != nil || len(xys) == 0 {
		l = &plotter.Line{LineStyle: plotter.DefaultLineStyle}
	} else {
		p.Add(l)
	}
	l.Color = s.Colour
	l.Width = vg.Points(1.2)
	if s.Stepped {
		l.StepStyle = plotter.PostStep
	}
	p.Legend.Add(s.Name, l)
}

// addBand shades b, from its low to its high values, in a translucent
// colour, and names it in the legend.
func addBand(p *plot.Plot, t []float64, b *Band, colour color.NRGBA) {
	xys := make(plotter.XYs, 0, 2*len(b.Low))
	for i := range b.Low {
		xys = append(xys, plotter.XY{X: t[i], Y: b.Low[i]})
	}
	for i := len(b.High) - 1; i >= 0; i-- {
		xys = append(xys, plotter.XY{X: t[i], Y: b.High[i]})
	}
	poly, err := plotter.NewPolygon(xys)
	if err != nil {
		return
	}
	colour.A = 0x50
	poly.Color = colour
	poly.LineStyle = draw.LineStyle{}
	p.Add(poly)
	p.Legend.Add(b.Label, poly)
}

// addRef draws r dashed across the samples' x range and names it in the
// legend.
func addRef(p *plot.Plot, t []float64, r RefLine) {
	l := &plotter.Line{LineStyle: plotter.DefaultLineStyle}
	if len(t) > 0 {
		if line, err := plotter.NewLine(plotter.XYs{{X: t[0], Y: r.Y}, {X: t[len(t)-1], Y: r.Y}}); err == nil {
			l = line
			p.Add(l)
		}
	}
	l.Color = r.Colour
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
	p.Legend.Add(r.Label, l)
}

// addMark draws m as a dotted vertical line from lo to hi.
func addMark(p *plot.Plot, m Mark, lo, hi float64) {
	l, err := plotter.NewLine(plotter.XYs{{X: m.X, Y: lo}, {X: m.X, Y: hi}})
	if err != nil {
		return
	}
	l.Color = markColour
	l.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
	l.Width = vg.Points(0.6)
	p.Add(l)
}

// shade fills sp from lo to hi, without an outline.
func shade(p *plot.Plot, sp Span, lo, hi float64) {
	poly, err := plotter.NewPolygon(plotter.XYs{{X: sp.From, Y: lo}, {X: sp.To, Y: lo}, {X: sp.To, Y: hi}, {X: sp.From, Y: hi}})
	if err != nil {
		return
	}
	poly.Color = sp.Colour
	poly.LineStyle = draw.LineStyle{}
	p.Add(poly)
}
