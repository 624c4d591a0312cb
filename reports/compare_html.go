package reports

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// compare.html chart sizes.
const (
	compareChartWidth  = "100%"
	compareChartHeight = "320px"
)

// WriteHTML writes compare.html: a heading and the table of paired
// differences from the baseline, then one bar chart per metric of the
// variants' means, each with a whisker spanning its 95% confidence
// interval. Chart IDs are CompareChartID(metric), so the page is
// deterministic. assetsJS, when not empty, is the echarts library inlined so
// the page renders offline (LoadAssets); otherwise the page loads it from
// go-echarts' asset host.
func (c *Comparison) WriteHTML(w io.Writer, assetsJS string) error {
	page := components.NewPage()
	page.SetPageTitle("ecsim compare: " + c.Scenario)
	page.SetLayout(components.PageNoneLayout)
	for _, m := range c.metricNames() {
		page.AddCharts(c.meanChart(m))
	}
	inlineAssets(page, assetsJS)
	var buf bytes.Buffer
	if err := page.Render(&buf); err != nil {
		return err
	}
	return writeAfterBody(w, buf.Bytes(), c.htmlBlock())
}

// CompareChartID is the ID of metric m's chart in compare.html: "compare_"
// and the metric with every character but letters, digits and _ replaced by
// _ ("compare_cost_total"). It is a JavaScript identifier, as go-echarts
// names the chart's variables after it.
func CompareChartID(m string) string { return chartID("compare", m) }

// meanChart is metric m's bar chart: a bar per variant at its mean and a
// vertical line (a markLine from low to high) over its 95% CI.
func (c *Comparison) meanChart(m string) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: CompareChartID(m), Width: compareChartWidth, Height: compareChartHeight}),
		charts.WithTitleOpts(opts.Title{Title: metricLabel(m), Subtitle: c.meanSubtitle(m)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(false)}),
		charts.WithAnimation(false),
	)
	var bars []opts.BarData
	var whiskers []opts.MarkLineNameCoordItem
	for i, v := range c.Variants {
		in := c.Metrics[m][v]
		bars = append(bars, opts.BarData{Name: v, Value: roundOut(in.Mean)})
		lo, hi := roundOut(in.CI95[0]), roundOut(in.CI95[1])
		whiskers = append(whiskers, opts.MarkLineNameCoordItem{
			Name:        fmt.Sprintf("%s: 95%% CI [%g, %g]", v, lo, hi),
			Coordinate0: []any{i, lo}, Coordinate1: []any{i, hi}})
	}
	b.SetXAxis(c.Variants)
	b.AddSeries("mean", bars,
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "40%"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#7aa6c2"}),
		charts.WithMarkLineNameCoordItemOpts(whiskers...),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: "#222", Width: 3, Type: "solid"}, Label: &opts.Label{Show: opts.Bool(false)}}))
	return b
}

// meanSubtitle says how to read metric m's chart, or that it is 0 in every
// run (an empty chart would look broken).
func (c *Comparison) meanSubtitle(m string) string {
	zero := true
	for _, v := range c.Variants {
		in := c.Metrics[m][v]
		zero = zero && in.Mean == 0 && in.CI95 == [2]float64{}
	}
	if zero {
		return fmt.Sprintf("0 in every run: each of the %d replications of every variant", c.Replications)
	}
	return fmt.Sprintf("mean of %d replications per variant; line: 95%% confidence interval (Student t)", c.Replications)
}

// htmlBlock is the page's heading and the table of differences.
func (c *Comparison) htmlBlock() string {
	var b strings.Builder
	b.WriteString(`<div id="ecsim-compare" style="font-family:sans-serif;margin:16px 24px;">` + "\n")
	fmt.Fprintf(&b, "<h1 style=\"margin:0\">%s: compare</h1>\n", html.EscapeString(c.Scenario))
	fmt.Fprintf(&b, "<p>%d variants × %d replications (master seed %d; replication k of every variant uses the same seed). Baseline: %s.</p>\n",
		len(c.Variants), c.Replications, c.Seed, html.EscapeString(c.Baseline))
	b.WriteString(`<style>#differences td,#differences th{padding:2px 10px}</style>\n<table id="differences" style="border-collapse:collapse;text-align:right;">` + "\n")
	b.WriteString("<tr><th style=\"text-align:left\">metric</th><th style=\"text-align:left\">variant</th><th>baseline mean</th><th>variant mean</th><th>difference</th><th>95% CI</th><th>significant</th></tr>\n")
	for _, m := range c.metricNames() {
		mdec, dec := c.decimals(m)
		for _, v := range c.Variants[1:] {
			d, ok := c.Differences[m][v]
			if !ok {
				continue
			}
			sig := ""
			if d.Significant {
				sig = "*"
			}
			fmt.Fprintf(&b, "<tr><td style=\"text-align:left\">%s</td><td style=\"text-align:left\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>[%s, %s]</td><td>%s</td></tr>\n",
				html.EscapeString(m), html.EscapeString(v), fmtNum(c.Metrics[m][c.Baseline].Mean, mdec), fmtNum(c.Metrics[m][v].Mean, mdec),
				signed(d.Mean, dec), fmtNum(d.CI95[0], dec), fmtNum(d.CI95[1], dec), sig)
		}
	}
	b.WriteString("</table>\n<p>difference: mean paired difference variant − baseline with its 95% confidence interval (Student t); " +
		"* marks a significant difference, whose interval excludes 0.</p>\n</div>\n")
	return b.String()
}

// signed formats x with dec decimals and a sign.
func signed(x float64, dec int) string {
	s := fmtNum(x, dec)
	if strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// noEchartsNotice goes after every page's heading: hidden, it shows when
// the echarts library did not load (no --assets and no network), saying
// so in plain words and how to fix it, instead of empty boxes. Its script
// also resizes the charts with the window (they take the page's width).
const noEchartsNotice = `<div id="ecsim-noecharts" style="display:none;font-family:sans-serif;margin:8px 24px;padding:8px;border:1px solid #b00020;color:#b00020">` +
	`The charts need the echarts library, which did not load: this page loads it from go-echarts' asset host, and this machine may have no network. ` +
	`Write the page again with --assets DIR, DIR being the npm echarts package (npm install echarts gives node_modules/echarts): the library is then inlined and the page works offline.</div>` +
	`<script>window.addEventListener("load",function(){if(typeof echarts==="undefined"){document.getElementById("ecsim-noecharts").style.display="block"}})` +
	`;window.addEventListener("resize",function(){if(typeof echarts!=="undefined"){document.querySelectorAll("div.item").forEach(function(d){var c=echarts.getInstanceByDom(d);if(c){c.resize()}})}})</script>` + "\n"

// writeAfterBody writes page with block inserted after its <body> tag,
// which follows the last </head>: an inlined library in the head may hold
// such strings itself (LoadAssets escapes its </script), while the chart
// options after <body> hold only names the scenario validation (or
// Compare) restricts to letters, digits, '.', '_' and '-'.
func writeAfterBody(w io.Writer, page []byte, block string) error {
	head := bytes.LastIndex(page, []byte("</head>"))
	if head < 0 {
		return fmt.Errorf("unexpected page layout from go-echarts")
	}
	body := bytes.Index(page[head:], []byte("<body>"))
	if body < 0 {
		return fmt.Errorf("unexpected page layout from go-echarts")
	}
	at := head + body + len("<body>")
	if _, err := w.Write(page[:at]); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"+block+noEchartsNotice); err != nil {
		return err
	}
	_, err := w.Write(page[at:])
	return err
}
