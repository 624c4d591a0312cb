package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ecsim/ecsim/reports"
)

// TestServePageInChromium drives ecsim serve's page in headless Chromium
// (chromedp): it opens on quickstart with its charts drawn; moving the
// targetCapacity control to 50 re-runs the scenario, and the reservation
// chart's data, the explain timeline and the URL change (a lower target
// keeps more instances: more datapoints of the reservation below 100 and
// other scaling decisions, docs/model.md §1.2); a broken pasted YAML shows
// its located error. It logs the time from the control change to the
// redrawn charts.
func TestServePageInChromium(t *testing.T) {
	ctx, ts := servePageBrowser(t)

	const reservation = `JSON.stringify(echarts.getInstanceByDom(document.getElementById("reservation_general")).getOption().series.map(s => s.data))`
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		must(t, err)
		return v
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		must(t, err)
		return v
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?scenario=quickstart"), chromedp.WaitVisible(chromedp.CSS(`body[data-runs="1"]`))))
	if n := eval(`String(document.querySelectorAll("#charts canvas").length)`); n != "5" {
		t.Fatalf("%s charts drawn, want 5", n)
	}
	before, explainBefore := eval(reservation), text("#explain")
	start := time.Now()
	eval(`(() => { const i = document.querySelector('[data-path="cluster.capacityProviders.general.managedScaling.targetCapacity"]');
		i.value = "50"; i.dispatchEvent(new Event("change")); return "" })()`)
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`body[data-runs="2"]`))))
	redraw := time.Since(start)
	after, explainAfter, url := eval(reservation), text("#explain"), eval(`location.search`)
	t.Logf("control change to redrawn charts: %v", redraw)
	if before == after || explainBefore == explainAfter {
		t.Errorf("targetCapacity 50 changed nothing on the page (reservation data equal: %v, explain equal: %v)", before == after, explainBefore == explainAfter)
	}
	if !strings.Contains(url, "targetCapacity%3D50") {
		t.Errorf("the URL does not carry the change: %s", url)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#paste")), chromedp.SetValue(chromedp.CSS("#yaml"), "name: broken\nduration: -1h\n"),
		chromedp.Click(chromedp.CSS("#runyaml"))))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("errors").textContent.includes("pasted.yaml:2")`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Errorf("the broken YAML's error is not shown located: %q (%v)", text("#errors"), err)
	}
}

// TestServeLessonInChromium: a lesson opened from the URL shows its
// symptom (group-at-max-size: tasks left PROVISIONING), and "Apply the fix"
// re-runs it with the fix (none left) and records it in the URL.
func TestServeLessonInChromium(t *testing.T) {
	ctx, ts := servePageBrowser(t)
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		must(t, err)
		return v
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lesson=group-at-max-size"), chromedp.WaitVisible(chromedp.CSS(`body[data-runs="1"]`))))
	if title, sum := text("#lessontitle"), text("#summary"); !strings.Contains(title, "#2 ") || !strings.Contains(title, "symptom") || !strings.Contains(sum, "tasks placed 72,") {
		t.Fatalf("lesson %q, summary %q", title, sum)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#fixbtn")), chromedp.WaitVisible(chromedp.CSS(`body[data-runs="2"]`))))
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	must(t, err)
	if sum := text("#summary"); !strings.Contains(sum, "tasks placed 97,") || !strings.Contains(url, "fix=1") || !strings.Contains(url, "maxSize%3D12") {
		t.Fatalf("after the fix: summary %q, URL %s", sum, url)
	}
	// A lesson whose symptom ECS refuses (#22) shows the located error;
	// its fix runs.
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lesson=strategy-without-weights")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("errors").textContent.includes("needs a weight > 0")`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the refused symptom's error is not shown: %q (%v)", text("#errors"), err)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#fixbtn"))))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("summary").textContent.includes("tasks placed 701,")`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the fix did not run: summary %q, errors %q (%v)", text("#summary"), text("#errors"), err)
	}
}

// servePageBrowser serves the page (echarts inlined from the npm package)
// and starts headless Chromium on it; both stop with the test.
func servePageBrowser(t *testing.T) (context.Context, *httptest.Server) {
	t.Helper()
	browser, assetsDir := browserTools(t)
	assets, err := reports.LoadAssets(assetsDir)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(newServer(&serveOptions{maxDuration: 31 * 24 * time.Hour, maxWall: 10 * time.Second}, assets).routes())
	t.Cleanup(ts.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")), chromedp.WindowSize(1200, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return ctx, ts
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoEchartsNotice: report.html written without --assets, opened where
// echarts cannot load (the test points its script at a closed port), says
// why the charts are missing and how to fix it.
func TestNoEchartsNotice(t *testing.T) {
	ctx, _ := servePageBrowser(t)
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, dir, "run", "quickstart", "-q", "-o", "out"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page := filepath.Join(dir, "out", "report.html")
	data, err := os.ReadFile(page)
	must(t, err)
	offline := strings.ReplaceAll(string(data), "https://go-echarts.github.io/", "http://127.0.0.1:1/")
	if offline == string(data) {
		t.Fatal("report.html does not load echarts from go-echarts' host")
	}
	must(t, os.WriteFile(page, []byte(offline), 0o644))
	must(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page)))
	shown, err := chromedp.Run(ctx, chromedp.Poll[bool](`getComputedStyle(document.getElementById("ecsim-noecharts")).display === "block"`,
		chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil || !shown {
		t.Fatalf("the notice is not shown: %v", err)
	}
}

// TestLessonScreenshots writes the README's screenshots of three lessons
// in ecsim serve (their fix applied) into $ECSIM_SCREENSHOTS: make
// screenshots runs it. It skips without the variable.
func TestLessonScreenshots(t *testing.T) {
	dir := os.Getenv("ECSIM_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ECSIM_SCREENSHOTS to a folder (make screenshots)")
	}
	ctx, ts := servePageBrowser(t)
	for _, name := range []string{"group-at-max-size", "task-bigger-than-smallest-type", "spread-keeps-every-instance"} {
		must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lesson="+name), chromedp.WaitVisible(chromedp.CSS(`body[data-runs="1"]`))))
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, "lesson-"+name+".png"), png, 0o644))
	}
}
