package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// FigureFormats returns the formats --figures accepts, in the order of the
// message that lists them.
func FigureFormats() []string { return []string{"svg", "png", "pdf"} }

// FiguresDir is the folder of the output directory that holds the figures.
const FiguresDir = "figures"

// FigureSize is the size figures are drawn at: a paper's full text width
// (two columns: 7 × 3 inches) or one column (3.5 × 2.6 inches).
type FigureSize struct {
	Name          string
	Width, Height vg.Length
}

// FigureSizes returns the sizes --figure-size accepts, the default first.
func FigureSizes() []FigureSize {
	return []FigureSize{{"two-column", 7 * vg.Inch, 3 * vg.Inch}, {"one-column", 3.5 * vg.Inch, 2.6 * vg.Inch}}
}

// ParseFigureSize returns the named size ("" is the default).
func ParseFigureSize(name string) (FigureSize, error) {
	var names []string
	for _, s := range FigureSizes() {
		if s.Name == name || name == "" {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return FigureSize{}, fmt.Errorf("unknown figure size %q (accepted: %s)", name, strings.Join(names, ", "))
}

// pngDPI is the resolution of PNG figures: print quality.
const pngDPI = 300

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
func WriteFigures(out *Output, s *Series, formats []string, size FigureSize) ([]string, error) {
	var files []string
	for _, f := range Figures(s) {
		for _, format := range formats {
			name := FiguresDir + "/" + f.Name + "." + format
			if err := writeFigure(out, name, f.Plot, format, size); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			files = append(files, name)
		}
	}
	return files, nil
}

// pdfDeterminism sets fpdf's defaults once per process.
var pdfDeterminism sync.Once

// figureBytes renders p in format at size, byte-stable: PNG at 300 dpi,
// the legend outside the plot area, on its right.
func figureBytes(p *plot.Plot, format string, size FigureSize) ([]byte, error) {
	pdfDeterminism.Do(func() {
		// fpdf stamps the wall clock and orders fonts by map iteration
		// unless told otherwise; only these package defaults reach the
		// document vgpdf creates.
		epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		fpdf.SetDefaultCreationDate(epoch)
		fpdf.SetDefaultModificationDate(epoch)
		fpdf.SetDefaultCatalogSort(true)
	})
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch format {
	case "svg":
		c = vgsvg.New(size.Width, size.Height)
	case "pdf":
		c = vgpdf.New(size.Width, size.Height)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(size.Width, size.Height), vgimg.UseDPI(pngDPI))}
	default:
		return nil, fmt.Errorf("unsupported figure format %q (accepted: %s)", format, strings.Join(FigureFormats(), ", "))
	}
	drawLegendOutside(p, draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawLegendOutside draws p with its legend outside the plot area, where
// it hides no data: to the right on a full-width figure, below on a
// one-column one (too narrow to share).
func drawLegendOutside(p *plot.Plot, dc draw.Canvas) {
	leg := p.Legend
	r := leg.Rectangle(dc)
	w, h := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y
	if w <= 0 {
		p.Draw(dc)
		return
	}
	p.Legend = plot.NewLegend()
	defer func() { p.Legend = leg }()
	gap, margin := vg.Points(8), vg.Points(6)
	leg.Left, leg.Top, leg.XOffs, leg.YOffs = true, true, 0, 0
	if dc.Max.X-dc.Min.X < 5*vg.Inch {
		p.Draw(draw.Crop(dc, 0, 0, h+gap+margin, 0))
		leg.XOffs = margin
		leg.Draw(draw.Crop(dc, 0, 0, margin, -(dc.Max.Y - dc.Min.Y - h - margin)))
		return
	}
	p.Draw(draw.Crop(dc, 0, -(w + gap + margin), 0, 0))
	leg.YOffs = -vg.Points(24)
	leg.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-w-margin, -margin, 0, 0))
}

// WriteSweepFigures draws the sweep's charts (SweepCharts) with gonum/plot
// into dir/figures, each in every format, each file written atomically,
// and returns the files written relative to dir.
func WriteSweepFigures(dir string, s *SweepSummary, formats []string, size FigureSize) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(dir, FiguresDir), 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, c := range s.SweepCharts() {
		for _, format := range formats {
			name := FiguresDir + "/" + c.ID + "." + format
			data, err := figureBytes(c.Plot(), format, size)
			if err == nil {
				err = WriteFileAtomic(filepath.Join(dir, name), data)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			files = append(files, name)
		}
	}
	return files, nil
}

func writeFigure(out *Output, name string, p *plot.Plot, format string, size FigureSize) error {
	data, err := figureBytes(p, format, size)
	if err != nil {
		return err
	}
	f, err := out.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Figures returns the static charts in report.html's order, named as its
// chart IDs: instances, reservation_<provider> per capacity provider with
// managed scaling, tasks, reserved, cost. They are the gonum/plot
// renderings of ChartSpecs.
func Figures(s *Series) []Figure {
	specs := ChartSpecs(s)
	out := make([]Figure, len(specs))
	for i := range specs {
		out[i] = Figure{Name: specs[i].ID, Plot: specs[i].Plot()}
	}
	return out
}
