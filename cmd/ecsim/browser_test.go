package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
)

// browsers are the Chromium binaries the browser test tries, in order.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// echartsDirs are where the browser test looks for the npm echarts
// package (relative to this folder): CI installs it with npm ci --prefix .ci.
var echartsDirs = []string{"../../.ci/node_modules/echarts", "../../node_modules/echarts"}

// captureErrors goes first in <head>: it records console errors and
// uncaught exceptions from then on.
const captureErrors = `<script>window.__ecsimErrors=[];(function(){var e=console.error;console.error=function(){window.__ecsimErrors.push(Array.prototype.join.call(arguments," "));e.apply(console,arguments)};window.addEventListener("error",function(ev){window.__ecsimErrors.push(String(ev.message))})})();</script>`

// checkCharts goes last in <body>: for every chart container it counts the
// canvas pixels that are neither transparent nor white, and writes the
// results and the errors as JSON into <pre id="ecsim-check">.
const checkCharts = `<script>window.addEventListener("load",function(){setTimeout(function(){var out={charts:{},errors:window.__ecsimErrors};document.querySelectorAll("div.item").forEach(function(d){var n=0,c=d.querySelector("canvas");if(c){var x=c.getContext("2d").getImageData(0,0,c.width,c.height).data;for(var i=0;i<x.length;i+=4){if(x[i+3]>0&&(x[i]<250||x[i+1]<250||x[i+2]<250))n++}}out.charts[d.id]=n});var p=document.createElement("pre");p.id="ecsim-check";p.textContent=JSON.stringify(out);document.body.appendChild(p)},500)})</script>`

// TestReportsRenderInChromium renders report.html of every built-in
// scenario offline (the echarts library inlined with --assets), loads each
// in headless Chromium and checks that every chart drew (its canvas has
// non-blank pixels) and that the console shows no error. It skips where
// Chromium or the echarts package is missing, unless
// ECSIM_REQUIRE_BROWSER=1 (CI sets it).
func TestReportsRenderInChromium(t *testing.T) {
	browser, assets := browserTools(t)
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			ids := renderedCharts(t, browser, "report.html", "run", name, "--assets", assets)
			if len(ids) < 4 {
				t.Errorf("%d charts in the page, want at least 4 (instances, tasks, reserved, cost)", len(ids))
			}
		})
	}
}

// TestCompareRendersInChromium does the same for compare.html of the
// built-in compare example: one chart per compared metric, each drawn.
func TestCompareRendersInChromium(t *testing.T) {
	browser, assets := browserTools(t)
	ids := renderedCharts(t, browser, "compare.html", "compare", "binpack-vs-spread", "-r", "2", "--assets", assets)
	if len(ids) != len(reports.CompareMetrics()) {
		t.Errorf("%d charts in the page, want one per metric (%d)", len(ids), len(reports.CompareMetrics()))
	}
}

// TestSweepRendersInChromium does the same for sweep.html of the built-in
// sweep (two dimensions, so every metric has a line per dimension and a
// heatmap), with a swept value that holds markup.
func TestSweepRendersInChromium(t *testing.T) {
	browser, assets := browserTools(t)
	ids := renderedCharts(t, browser, "sweep.html", "sweep", "binpack-vs-spread", "--set", "sweep.replications=2", "--assets", assets)
	if want := 3 * len(reports.CompareMetrics()); len(ids) != want {
		t.Errorf("%d charts in the page, want %d (two lines and a heatmap per metric)", len(ids), want)
	}
}

// renderedCharts runs ecsim with args (plus -q -o DIR), loads the page it
// wrote in browser, checks that the console shows no error and that every
// chart drew, and returns the chart IDs.
func renderedCharts(t *testing.T, browser, page string, args ...string) []string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "-q", "-o", out), &stdout, &stderr); code != 0 {
		t.Fatalf("ecsim %v: exit %d: %s", args, code, stderr.String())
	}
	checked := instrument(t, filepath.Join(out, page))
	result := renderInBrowser(t, browser, dir, checked)
	if len(result.Errors) > 0 {
		t.Errorf("console errors: %q", result.Errors)
	}
	ids := chartIDs(t, checked)
	for _, id := range ids {
		if n, ok := result.Charts[id]; !ok || n == 0 {
			t.Errorf("chart %s drew nothing (%d non-blank pixels)", id, n)
		}
	}
	return ids
}

// TestBrowserCheckCatchesErrors: the check itself sees a console error and
// a chart that drew nothing, so TestReportsRenderInChromium can fail.
func TestBrowserCheckCatchesErrors(t *testing.T) {
	browser, assets := browserTools(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "task-too-big", "-q", "-o", out, "--assets", assets}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	report := filepath.Join(out, "report.html")
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `<div class="item" id="cost"`, `<script>console.error("boom")</script><div class="item" id="blank"></div><div class="item" id="cost"`, 1)
	if err := os.WriteFile(report, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	result := renderInBrowser(t, browser, dir, instrument(t, report))
	if len(result.Errors) != 1 || result.Errors[0] != "boom" {
		t.Errorf("errors %q, want [boom]", result.Errors)
	}
	if result.Charts["blank"] != 0 || result.Charts["cost"] == 0 {
		t.Errorf("charts %v: want blank 0 and cost > 0", result.Charts)
	}
}

// browserTools finds Chromium and the echarts package, or skips.
func browserTools(t *testing.T) (browser, assets string) {
	require := os.Getenv("ECSIM_REQUIRE_BROWSER") == "1"
	missing := func(what string) {
		if require {
			t.Fatalf("%s, and ECSIM_REQUIRE_BROWSER=1", what)
		}
		t.Skipf("%s: skipping the browser test (CI installs both: apt-get install chromium; npm ci --prefix .ci)", what)
	}
	for _, b := range browsers {
		if p, err := exec.LookPath(b); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		missing("no Chromium on PATH (tried " + strings.Join(browsers, ", ") + ")")
	}
	for _, d := range echartsDirs {
		if _, err := os.Stat(filepath.Join(d, "dist", "echarts.min.js")); err == nil {
			return browser, d
		}
	}
	missing("no npm echarts package (looked in " + strings.Join(echartsDirs, ", ") + ")")
	return "", ""
}

// instrument writes a copy of a page (report.html, compare.html) with the error capture and the
// chart check injected, and returns its path.
func instrument(t *testing.T, report string) string {
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("https://")) && bytes.Contains(data, []byte("<script src=")) {
		t.Fatalf("%s still loads a script from the network", report)
	}
	s := strings.Replace(string(data), "<head>", "<head>\n"+captureErrors, 1)
	end := strings.LastIndex(s, "</body>") // the inlined library may contain the string too
	if end < 0 {
		t.Fatalf("%s has no </body>", report)
	}
	s = s[:end] + checkCharts + "\n" + s[end:]
	page := filepath.Join(filepath.Dir(report), "checked.html")
	if err := os.WriteFile(page, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

type browserResult struct {
	Charts map[string]int `json:"charts"`
	Errors []string       `json:"errors"`
}

var checkRE = regexp.MustCompile(`<pre id="ecsim-check">([^<]*)</pre>`)

// renderInBrowser loads page in headless Chromium (a fresh profile, no
// network) and returns what the check script found.
func renderInBrowser(t *testing.T, browser, dir, page string) browserResult {
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1200,900",
		"--virtual-time-budget=10000", "--dump-dom", "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", browser, err, tail(stderr.String()))
		}
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%s did not finish in 90 s\n%s", browser, tail(stderr.String()))
	}
	m := checkRE.FindSubmatch(stdout.Bytes())
	if m == nil {
		t.Fatalf("the check script did not run (no #ecsim-check in the DOM)\n%s", tail(stderr.String()))
	}
	var r browserResult
	text := strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'").Replace(string(m[1]))
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		t.Fatalf("check result %q: %v", text, err)
	}
	return r
}

var chartIDRE = regexp.MustCompile(`<div class="item" id="([A-Za-z0-9_]+)"`)

// chartIDs lists the chart containers of a page.
func chartIDs(t *testing.T, page string) []string {
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range chartIDRE.FindAllSubmatch(data, -1) {
		ids = append(ids, string(m[1]))
	}
	return ids
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}
