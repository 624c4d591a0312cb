package reports

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseFigureFormats(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "", want: nil},
		{in: "  ", want: nil},
		{in: "svg", want: []string{"svg"}},
		{in: "pdf, svg,png", want: []string{"pdf", "svg", "png"}},
		{in: "SVG,svg", want: []string{"svg"}},
		{in: "jpg", wantErr: `unknown figure format "jpg" (accepted: svg, png, pdf)`},
		{in: "svg,", wantErr: `empty figure format in "svg," (accepted: svg, png, pdf)`},
	}
	for _, tt := range tests {
		got, err := ParseFigureFormats(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseFigureFormats(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseFigureFormats(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// figureSeries is a small series with two capacity providers, an alarm and
// scaling actions of both kinds.
func figureSeries() *Series {
	s := &Series{Scenario: "figures", Seed: 1,
		T:                 []float64{0, 600, 1200, 1800, 2400},
		InstancesRunning:  []float64{0, 1, 2, 2, 1},
		InstancesPending:  []float64{1, 1, 0, 0, 0},
		TasksRunning:      []float64{0, 3, 6, 6, 2},
		TasksProvisioning: []float64{4, 3, 0, 0, 0},
		TasksPending:      []float64{0, 1, 0, 0, 0},
		TasksFailed:       []float64{0, 0, 1, 1, 1},
		CPUReserved:       []float64{0, 50, 75, 75, 20},
		MemoryReserved:    []float64{0, 40, 60, 60, 10},
		CostUSD:           []float64{0, 0.02, 0.05, 0.09, 0.1},
		Actions: []ScalingAction{
			{T: 60, Kind: ActionCapacityProvider, Name: "a", From: 0, To: 1},
			{T: 700, Kind: ActionCapacityProvider, Name: "b", From: 0, To: 1},
			{T: 900, Kind: ActionService, Name: "web", From: 3, To: 6},
		},
	}
	for _, name := range []string{"a", "b"} {
		s.Providers = append(s.Providers, ProviderSeries{Name: name, Target: 100,
			Desired:   []float64{1, 2, 2, 2, 1},
			CPR:       []float64{200, 200, 100, 100, 50},
			AlarmHigh: []string{"INSUFFICIENT_DATA", "ALARM", "ALARM", "OK", "OK"},
			AlarmLow:  []string{"INSUFFICIENT_DATA", "OK", "OK", "OK", "ALARM"},
		})
	}
	return s
}

func TestWriteFiguresNamesAndFormats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	out, err := NewOutput(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := WriteFigures(out, figureSeries(), []string{"svg", "png", "pdf"}, FigureSizes()[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	var want []string
	// The same charts as report.html, named by their chart IDs.
	for _, name := range []string{"instances", "reservation_a", "reservation_b", "tasks", "reserved", "cost"} {
		for _, f := range []string{"svg", "png", "pdf"} {
			want = append(want, "figures/"+name+"."+f)
		}
	}
	if !slices.Equal(files, want) {
		t.Fatalf("files = %q\nwant %q", files, want)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(f) {
		case ".svg":
			checkSVG(t, f, b)
		case ".png":
			checkPNG(t, f, b)
		case ".pdf":
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/CreationDate (D:20000101000000)")) {
				t.Errorf("%s: not a PDF with the fixed creation date", f)
			}
		}
	}
}

func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}

// checkPNG decodes the image and checks that it drew something in colour
// (the data lines), not only the black axes on white.
func checkPNG(t *testing.T, name string, b []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if coloured(img) < 100 {
		t.Errorf("%s: only %d coloured pixels: no data drawn", name, coloured(img))
	}
}

func coloured(img image.Image) int {
	n := 0
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if max(cr, cg, cb)-min(cr, cg, cb) > 0x2000 {
				n++
			}
		}
	}
	return n
}

func TestWriteFiguresIsByteStable(t *testing.T) {
	write := func() map[string][]byte {
		dir := filepath.Join(t.TempDir(), "out")
		out, err := NewOutput(dir)
		if err != nil {
			t.Fatal(err)
		}
		files, err := WriteFigures(out, figureSeries(), FigureFormats(), FigureSizes()[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		for _, f := range files {
			if got[f], err = os.ReadFile(filepath.Join(dir, f)); err != nil {
				t.Fatal(err)
			}
		}
		return got
	}
	a, b := write(), write()
	for f := range a {
		if !bytes.Equal(a[f], b[f]) {
			t.Errorf("%s differs between two writes of the same series", f)
		}
	}
}

func TestWriteFiguresNoFormatsWritesNothing(t *testing.T) {
	out, err := NewOutput(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	files, err := WriteFigures(out, figureSeries(), nil, FigureSizes()[0])
	if err != nil || len(files) != 0 {
		t.Fatalf("WriteFigures(nil formats) = %q, %v", files, err)
	}
	if _, err := os.Stat(out.Path(FiguresDir)); !os.IsNotExist(err) {
		t.Errorf("figures folder created with no formats: %v", err)
	}
}

// TestChartIDsAreUnique: provider names that map to the same JavaScript
// identifier (cp-a, cp_a) still get distinct chart IDs and figure files.
func TestChartIDsAreUnique(t *testing.T) {
	s := figureSeries()
	s.Providers[0].Name, s.Providers[1].Name = "cp-a", "cp_a"
	s.Providers = append(s.Providers, s.Providers[1])
	s.Providers[2].Name = "cp.a"
	got := reservationIDs(s)
	want := []string{"reservation_cp_a", "reservation_cp_a_2", "reservation_cp_a_3"}
	if !slices.Equal(got, want) {
		t.Errorf("reservationIDs = %q, want %q", got, want)
	}
	var names []string
	for _, f := range Figures(s) {
		names = append(names, f.Name)
	}
	if !slices.Equal(names[1:4], want) {
		t.Errorf("figure names %q", names)
	}
}

// TestAlarmSpans: a run of ALARM samples lasts until the next sample, or
// the last sample when it runs to the end.
func TestAlarmSpans(t *testing.T) {
	tm := []float64{0, 60, 120, 180, 240}
	got := alarmSpans(tm, []string{"ALARM", "OK", "ALARM", "ALARM", "ALARM"})
	want := [][2]float64{{0, 60}, {120, 240}}
	if !slices.Equal(got, want) {
		t.Errorf("alarmSpans = %v, want %v", got, want)
	}
	if got := alarmSpans(tm, []string{"OK", "INSUFFICIENT_DATA", "OK", "OK", "OK"}); len(got) != 0 {
		t.Errorf("no ALARM gave spans %v", got)
	}
}

// TestWriteFiguresErrors: a format gonum cannot draw, and a figure whose
// file cannot be created, are errors naming the file.
func TestWriteFiguresErrors(t *testing.T) {
	out, err := NewOutput(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	if _, err := WriteFigures(out, figureSeries(), []string{"bmp"}, FigureSizes()[0]); err == nil || !strings.HasPrefix(err.Error(), "figures/instances.bmp: ") {
		t.Errorf("bmp: %v", err)
	}
	if err := os.MkdirAll(out.Path("figures/tasks.svg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFigures(out, figureSeries(), []string{"svg"}, FigureSizes()[0]); err == nil || !strings.HasPrefix(err.Error(), "figures/tasks.svg: ") {
		t.Errorf("tasks.svg a folder: %v", err)
	}
}

// TestFiguresOfAnEmptySeries: a run without samples still gets its four
// charts, drawn without data.
func TestFiguresOfAnEmptySeries(t *testing.T) {
	out, err := NewOutput(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	files, err := WriteFigures(out, &Series{}, []string{"svg"}, FigureSizes()[0])
	want := []string{"figures/instances.svg", "figures/tasks.svg", "figures/reserved.svg", "figures/cost.svg"}
	if err != nil || !slices.Equal(files, want) {
		t.Errorf("WriteFigures(empty) = %q, %v; want %q", files, err, want)
	}
	var b bytes.Buffer
	if err := WriteReport(&b, &Series{Scenario: "empty"}, ""); err != nil {
		t.Errorf("WriteReport(empty): %v", err)
	}
}

// TestFigureSizesAndDPI: PNG figures are 300 dpi at both sizes (7 × 3 in:
// 2100 × 900 pixels; 3.5 × 2.6 in: 1050 × 780), and an unknown size is an
// error naming the accepted ones.
func TestFigureSizesAndDPI(t *testing.T) {
	p := Figures(figureSeries())[0].Plot
	for _, tc := range []struct {
		size string
		w, h uint32
	}{{"two-column", 2100, 900}, {"one-column", 1050, 780}, {"", 2100, 900}} {
		size, err := ParseFigureSize(tc.size)
		if err != nil {
			t.Fatal(err)
		}
		png, err := figureBytes(p, "png", size)
		if err != nil {
			t.Fatal(err)
		}
		w, h := binary.BigEndian.Uint32(png[16:20]), binary.BigEndian.Uint32(png[20:24])
		if w != tc.w || h != tc.h {
			t.Errorf("%q: %d × %d pixels, want %d × %d", tc.size, w, h, tc.w, tc.h)
		}
	}
	if _, err := ParseFigureSize("a4"); err == nil || !strings.Contains(err.Error(), "accepted: two-column, one-column") {
		t.Errorf("error %v", err)
	}
}
