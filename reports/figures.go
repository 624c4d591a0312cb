package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
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

// figureBytes renders p in format, byte-stable.
func figureBytes(p *plot.Plot, format string) ([]byte, error) {
	pdfDeterminism.Do(func() {
		// fpdf stamps the wall clock and orders fonts by map iteration
		// unless told otherwise; only these package defaults reach the
		// document vgpdf creates.
		epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		fpdf.SetDefaultCreationDate(epoch)
		fpdf.SetDefaultModificationDate(epoch)
		fpdf.SetDefaultCatalogSort(true)
	})
	wt, err := p.WriterTo(figureWidth, figureHeight, format)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteSweepFigures draws the sweep's charts (SweepCharts) with gonum/plot
// into dir/figures, each in every format, each file written atomically,
// and returns the files written relative to dir.
func WriteSweepFigures(dir string, s *SweepSummary, formats []string) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(dir, FiguresDir), 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, c := range s.SweepCharts() {
		for _, format := range formats {
			name := FiguresDir + "/" + c.ID + "." + format
			data, err := figureBytes(c.Plot(), format)
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

func writeFigure(out *Output, name string, p *plot.Plot, format string) error {
	data, err := figureBytes(p, format)
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
