package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FigureFormats returns the formats --figures accepts, in the order of the
// message that lists them.
func FigureFormats() []string { return []string{"svg", "png", "pdf"} }

// FiguresDir is the folder of the output directory that holds the figures.
const FiguresDir = "figures"

// Figure size: 7 × 3 inches, a two-column paper's full text width.
const (
	figureWidth  = 7 * vg.Inch
	figureHeight = 3 * vg.Inch
)

// ParseFigureFormats parses the --figures list ("svg,png,pdf"; spaces
// around names and repeats are ignored, "" means none) into formats in the
// order first given. An unknown name is an error listing the accepted ones.
func ParseFigureFormats(list string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "" && strings.TrimSpace(list) == "":
			continue
		case f == "":
			return nil, fmt.Errorf("empty figure format in %q (accepted: %s)", list, strings.Join(FigureFormats(), ", "))
		case !slices.Contains(FigureFormats(), f):
			return nil, fmt.Errorf("unknown figure format %q (accepted: %s)", f, strings.Join(FigureFormats(), ", "))
		case !slices.Contains(out, f):
			out = append(out, f)
		}
	}
	return out, nil
}

// Figure is one static chart: its file name without extension (the ID of
// the same chart in report.html) and the plot.
type Figure struct {
	Name string
	Plot *plot.Plot
}

// WriteFigures draws the charts of report.html with gonum/plot and writes
// each in every format under FiguresDir of out ("figures/instances.svg",
// "figures/reservation_general.png", ...). It returns the files written,
// relative to the output directory. The files are byte-stable: the same
// series give the same bytes (PDFs carry a fixed creation date).
func WriteFigures(out *Output, s *Series, formats []string) ([]string, error) {
	pdfDeterminism.Do(func() {
		// fpdf stamps the wall clock and orders fonts by map iteration
		// unless told otherwise; only these package defaults reach the
		// document vgpdf creates.
		epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		fpdf.SetDefaultCreationDate(epoch)
		fpdf.SetDefaultModificationDate(epoch)
		fpdf.SetDefaultCatalogSort(true)
	})
	var files []string
	for _, f := range Figures(s) {
		for _, format := range formats {
			name := FiguresDir + "/" + f.Name + "." + format
			if err := writeFigure(out, name, f.Plot, format); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			files = append(files, name)
		}
	}
	return files, nil
}

// pdfDeterminism sets fpdf's defaults once per process.
var pdfDeterminism sync.Once

func writeFigure(out *Output, name string, p *plot.Plot, format string) error {
	wt, err := p.WriterTo(figureWidth, figureHeight, format)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return err
	}
	f, err := out.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Figures returns the static charts in report.html's order, named as its
// chart IDs: instances, reservation_<provider> per capacity provider with
// managed scaling, tasks, reserved, cost.
func Figures(s *Series) []Figure {
	out := []Figure{{"instances", instancesFigure(s)}}
	for i, id := range reservationIDs(s) {
		out = append(out, Figure{id, reservationFigure(s, i)})
	}
	out = append(out,
		Figure{"tasks", tasksFigure(s)},
		Figure{"reserved", reservedFigure(s)},
		Figure{"cost", costFigure(s)})
	return out
}

// newPlot starts a figure with the common axes, a grid and the legend at
// the top left (each figure leaves room for it above its data).
func newPlot(title, yName string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (h)"
	p.Y.Label.Text = yName
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Add(plotter.NewGrid())
	return p
}

// xys pairs the sample times (in hours) with ys.
func xys(t, ys []float64) plotter.XYs {
	out := make(plotter.XYs, len(ys))
	for i, y := range ys {
		out[i] = plotter.XY{X: t[i] / 3600, Y: y}
	}
	return out
}

// addLine draws ys as the i-th series (colour i), as a step line when
// stepped, and names it in the legend.
func addLine(p *plot.Plot, i int, name string, t, ys []float64, stepped bool) {
	if len(ys) == 0 {
		return
	}
	l, err := plotter.NewLine(xys(t, ys))
	if err != nil { // NaN or Inf in the series: leave it out.
		return
	}
	l.Color = plotutil.Color(i)
	l.Width = vg.Points(1.2)
	if stepped {
		l.StepStyle = plotter.PostStep
	}
	p.Add(l)
	p.Legend.Add(name, l)
}

// markActions draws the scaling actions of kind (and name, if not "") as
// dotted vertical lines from 0 to top, at most MaxMarkedActions of them.
func markActions(p *plot.Plot, s *Series, kind, name string, top float64) {
	n := 0
	for _, a := range s.Actions {
		if a.Kind != kind || (name != "" && a.Name != name) || n == MaxMarkedActions {
			continue
		}
		n++
		x := a.T / 3600
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top}})
		if err != nil {
			continue
		}
		l.Color = color.Gray{Y: 0x88}
		l.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
		l.Width = vg.Points(0.6)
		p.Add(l)
	}
}

// axisTop is the top of a figure's y axis: the largest value of the
// series (at least 1) and a quarter more, room for the legend at the top
// left.
func axisTop(series ...[]float64) float64 {
	m := 1.0
	for _, ys := range series {
		for _, y := range ys {
			m = max(m, y)
		}
	}
	return 1.25 * m
}

func instancesFigure(s *Series) *plot.Plot {
	p := newPlot("Container instances", "instances")
	addLine(p, 0, "running", s.T, s.InstancesRunning, true)
	addLine(p, 1, "pending", s.T, s.InstancesPending, true)
	all := [][]float64{s.InstancesRunning, s.InstancesPending}
	for i := range s.Providers {
		addLine(p, 2+i, "desired ("+s.Providers[i].Name+")", s.T, s.Providers[i].Desired, true)
		all = append(all, s.Providers[i].Desired)
	}
	hi := axisTop(all...)
	markActions(p, s, ActionCapacityProvider, "", hi)
	p.Y.Max = hi
	return p
}

func reservationFigure(s *Series, i int) *plot.Plot {
	pr := &s.Providers[i]
	p := newPlot("CapacityProviderReservation: "+pr.Name, "percent")
	hi := axisTop(pr.CPR, []float64{pr.Target})
	p.Y.Max = hi
	shadeAlarm(p, s.T, pr.AlarmHigh, hi, color.NRGBA{R: 220, G: 50, B: 47, A: 40})
	shadeAlarm(p, s.T, pr.AlarmLow, hi, color.NRGBA{R: 38, G: 139, B: 210, A: 40})
	addLine(p, 0, "CapacityProviderReservation", s.T, pr.CPR, false)
	if len(s.T) > 0 {
		target, err := plotter.NewLine(plotter.XYs{{X: s.T[0] / 3600, Y: pr.Target}, {X: s.T[len(s.T)-1] / 3600, Y: pr.Target}})
		if err == nil {
			target.Color = color.Black
			target.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
			p.Add(target)
			p.Legend.Add(fmt.Sprintf("targetCapacity %g", pr.Target), target)
		}
	}
	return p
}

// shadeAlarm shades the spans where states is ALARM, from 0 to top.
func shadeAlarm(p *plot.Plot, t []float64, states []string, top float64, c color.Color) {
	for _, span := range alarmSpans(t, states) {
		x0, x1 := span[0]/3600, span[1]/3600
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}, {X: x1, Y: top}, {X: x0, Y: top}})
		if err != nil {
			continue
		}
		poly.Color = c
		poly.LineStyle = draw.LineStyle{}
		p.Add(poly)
	}
}

func tasksFigure(s *Series) *plot.Plot {
	p := newPlot("Tasks", "tasks")
	addLine(p, 0, "running", s.T, s.TasksRunning, true)
	addLine(p, 1, "provisioning", s.T, s.TasksProvisioning, true)
	addLine(p, 2, "pending", s.T, s.TasksPending, true)
	addLine(p, 3, "failed (cumulative)", s.T, s.TasksFailed, true)
	hi := axisTop(s.TasksRunning, s.TasksProvisioning, s.TasksPending, s.TasksFailed)
	markActions(p, s, ActionService, "", hi)
	p.Y.Max = hi
	return p
}

func reservedFigure(s *Series) *plot.Plot {
	p := newPlot("Reserved capacity", "percent of registered")
	p.Y.Max = 100
	addLine(p, 0, "CPU", s.T, s.CPUReserved, false)
	addLine(p, 1, "memory", s.T, s.MemoryReserved, false)
	return p
}

func costFigure(s *Series) *plot.Plot {
	p := newPlot("Cumulative cost", "USD")
	addLine(p, 0, "cost", s.T, s.CostUSD, false)
	p.Y.Max = axisTop(s.CostUSD)
	return p
}
