package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reportSeries is figureSeries with the summary the title block reads.
func reportSeries() *Series {
	s := figureSeries()
	s.Summary = &Summary{Scenario: "figures", Seed: 1, SimulatedSeconds: 2400, Events: 42,
		Tasks:           TaskSummary{Submitted: 10, Placed: 9, Failed: 1, Lost: 2},
		TaskWaitSeconds: Quantiles{P50: 1.25, P95: 30.04},
		Instances:       InstanceSummary{Launched: 3, Peak: 2}, InstanceHours: 1.234,
		Utilization: Utilization{CPUReservedMean: 0.5, MemoryReservedMean: 0.4321},
		Cost:        Cost{EC2: 0.1, Fargate: 0.02, Total: 0.12, Idle: 0.01, Stranded: 0.03},
		Scaling:     Scaling{ScaleOutActions: 2, ScaleInActions: 1}}
	return s
}

// TestWriteReportGolden pins report.html of a sample series: the title
// block with the headline numbers right after <body>, then the charts of
// ChartSpecs with their data, colours, marks and options (go test
// ./reports -run Golden -update rewrites testdata/report.golden.html).
func TestWriteReportGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReport(&b, reportSeries(), ""); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	path := filepath.Join("testdata", "report.golden.html")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("report.html differs from %s (go test -run Golden -update rewrites it):\n%s", path, got)
	}
	title := `<body>
<div id="ecsim-title" style="font-family:sans-serif;margin:16px 24px;">
<h1 style="margin:0">figures</h1>
<p>seed 1 · 0.7 h simulated · 42 events</p>
<ul>
<li>tasks: 10 submitted, 9 placed, 1 failed, 2 lost; wait p50 1.2 s, p95 30.0 s</li>
<li>instances: 3 launched, peak 2; 1.23 instance-hours; reserved CPU 50.0 %, memory 43.2 % (time-weighted)</li>
<li>cost: $0.12 (EC2 $0.10, Fargate $0.02); idle $0.01, stranded $0.03</li>
<li>managed scaling: 2 scale-out, 1 scale-in actions</li>
</ul>
<p>Explain any decision with <code>ecsim explain SCENARIO --from T --to T</code>.</p>
</div>
`
	if !strings.Contains(got, title) {
		t.Errorf("title block missing or changed; want\n%s", title)
	}
	if !strings.Contains(got, "<title>ecsim: figures</title>") {
		t.Error("page title is not ecsim: figures")
	}
	ids := regexp.MustCompile(`<div class="item" id="([^"]+)"`).FindAllStringSubmatch(got, -1)
	var order []string
	for _, m := range ids {
		order = append(order, m[1])
	}
	if want := []string{"instances", "reservation_a", "reservation_b", "tasks", "reserved", "cost"}; !slices.Equal(order, want) {
		t.Errorf("chart order %q, want %q", order, want)
	}
	for _, want := range []string{`"color":"#0072b2"`, `"name":"targetCapacity 100","yAxis":100`, `"name":"a 0→1","xAxis":0.0167`,
		`"color":"rgba(220,50,47,0.15)"`, `"name":"reserved (% of registered)","type":"value","min":0,"max":100`} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

// TestTitleBlockTellsWhenActionsAreNotAllMarked: once a provider or a
// service has more than MaxMarkedActions scaling actions the title block
// says the charts mark only the first ones, and not before, however many
// there are in all; without a summary it has the scenario name alone.
func TestTitleBlockTellsWhenActionsAreNotAllMarked(t *testing.T) {
	s := &Series{Scenario: "a<b"}
	for i := range MaxMarkedActions {
		s.Actions = append(s.Actions, ScalingAction{T: float64(i), Kind: ActionService, Name: "web"})
	}
	block := titleBlock(s)
	if strings.Contains(block, "scaling actions:") || strings.Contains(block, "<ul>") || !strings.Contains(block, "<h1 style=\"margin:0\">a&lt;b</h1>") {
		t.Errorf("title block with %d actions and no summary:\n%s", len(s.Actions), block)
	}
	s.Actions = append(s.Actions, ScalingAction{T: 1000, Kind: ActionCapacityProvider, Name: "a"})
	if strings.Contains(titleBlock(s), "scaling actions:") {
		t.Errorf("301 actions, none cut, yet the title block says some are:\n%s", titleBlock(s))
	}
	s.Actions = append(s.Actions, ScalingAction{T: 1001, Kind: ActionService, Name: "web"})
	if want := "<p>302 scaling actions: the charts mark the first 300 of each capacity provider and service; events.jsonl has them all.</p>"; !strings.Contains(titleBlock(s), want) {
		t.Errorf("title block lacks %q:\n%s", want, titleBlock(s))
	}
}

func TestHours(t *testing.T) {
	for sec, want := range map[float64]string{0: "0.0 h", 5400: "1.5 h", 47.9 * 3600: "47.9 h", 48 * 3600: "2.0 days", 365 * 86400: "365.0 days"} {
		if got := hours(sec); got != want {
			t.Errorf("hours(%g) = %q, want %q", sec, got, want)
		}
	}
}

// TestWriteReportInlinesAssets: with the library given, the page carries
// it (its </script escaped) instead of loading it from the asset host.
func TestWriteReportInlinesAssets(t *testing.T) {
	var online, offline bytes.Buffer
	if err := WriteReport(&online, figureSeries(), ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(online.String(), `<script src="https://`) {
		t.Error("without assets the page does not load echarts from the asset host")
	}
	if err := WriteReport(&offline, figureSeries(), "var echarts = 1; // </script>"); err != nil {
		t.Fatal(err)
	}
	page := offline.String()
	if strings.Contains(page, `<script src="https://`) || !strings.Contains(page, `<script>var echarts = 1; // <\/script></script>`) {
		t.Errorf("assets not inlined:\n%s", page[:min(len(page), 800)])
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, os.ErrClosed
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteAfterBody: the block goes after the <body> that follows the
// last </head>; a page without them is an error, and so is a failing
// writer at each of its three writes.
func TestWriteAfterBody(t *testing.T) {
	page := []byte("<head><script>'</head><body>'</script></head>\n<body>charts</body>")
	var b bytes.Buffer
	if err := writeAfterBody(&b, page, "BLOCK"); err != nil {
		t.Fatal(err)
	}
	if want := "<head><script>'</head><body>'</script></head>\n<body>\nBLOCK" + noEchartsNotice + "charts</body>"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	for _, bad := range []string{"<body>no head</body>", "<head></head>no body"} {
		if err := writeAfterBody(&b, []byte(bad), "x"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	at := strings.Index(string(page), "\n<body>") + len("\n<body>")
	for _, n := range []int{0, at, at + len("\nBLOCK"+noEchartsNotice)} {
		if err := writeAfterBody(&failWriter{n: n}, page, "BLOCK"); err == nil {
			t.Errorf("a writer failing after %d bytes: no error", n)
		}
	}
}
