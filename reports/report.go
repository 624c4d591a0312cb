package reports

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/components"
)

// MaxMarkedActions bounds the scaling actions drawn as lines on a chart;
// the title block says when there are more.
const MaxMarkedActions = 300

// WriteReport writes report.html: a title block with the headline numbers,
// then the charts of ReportCharts. assetsJS, when not empty, is the echarts
// library inlined so the page renders offline (LoadAssets); otherwise the
// page loads it from go-echarts' asset host.
func WriteReport(w io.Writer, s *Series, assetsJS string) error {
	page := components.NewPage()
	page.SetPageTitle("ecsim: " + s.Scenario)
	page.SetLayout(components.PageNoneLayout)
	page.AddCharts(ReportCharts(s)...)
	inlineAssets(page, assetsJS)
	var buf bytes.Buffer
	if err := page.Render(&buf); err != nil {
		return err
	}
	return writeAfterBody(w, buf.Bytes(), titleBlock(s))
}

// ReportCharts returns the charts of report.html in page order, each with a
// stable ID (a JavaScript identifier: go-echarts names variables after it):
// instances, one reservation_<provider> per capacity provider with managed
// scaling, tasks, reserved, cost: the echarts renderings of ChartSpecs.
func ReportCharts(s *Series) []components.Charter {
	specs := ChartSpecs(s)
	out := make([]components.Charter, len(specs))
	for i := range specs {
		out[i] = specs[i].ECharts()
	}
	return out
}

// titleBlock is the page's heading: scenario, seed and headline numbers.
func titleBlock(s *Series) string {
	var b strings.Builder
	b.WriteString(`<div id="ecsim-title" style="font-family:sans-serif;margin:16px 24px;">` + "\n")
	fmt.Fprintf(&b, "<h1 style=\"margin:0\">%s</h1>\n", html.EscapeString(s.Scenario))
	if sum := s.Summary; sum != nil {
		fmt.Fprintf(&b, "<p>seed %d · %s simulated · %d events</p>\n<ul>\n", sum.Seed, hours(sum.SimulatedSeconds), sum.Events)
		t := sum.Tasks
		fmt.Fprintf(&b, "<li>tasks: %d submitted, %d placed, %d failed, %d lost; wait p50 %.1f s, p95 %.1f s</li>\n",
			t.Submitted, t.Placed, t.Failed, t.Lost, sum.TaskWaitSeconds.P50, sum.TaskWaitSeconds.P95)
		fmt.Fprintf(&b, "<li>instances: %d launched, peak %d; %.2f instance-hours; reserved CPU %.1f %%, memory %.1f %% (time-weighted)</li>\n",
			sum.Instances.Launched, sum.Instances.Peak, sum.InstanceHours, 100*sum.Utilization.CPUReservedMean, 100*sum.Utilization.MemoryReservedMean)
		fmt.Fprintf(&b, "<li>cost: $%.2f (EC2 $%.2f, Fargate $%.2f); idle $%.2f, stranded $%.2f</li>\n",
			sum.Cost.Total, sum.Cost.EC2, sum.Cost.Fargate, sum.Cost.Idle, sum.Cost.Stranded)
		fmt.Fprintf(&b, "<li>managed scaling: %d scale-out, %d scale-in actions</li>\n</ul>\n", sum.Scaling.ScaleOutActions, sum.Scaling.ScaleInActions)
	}
	if marksCut(s) {
		fmt.Fprintf(&b, "<p>%d scaling actions: the charts mark the first %d of each capacity provider and service; events.jsonl has them all.</p>\n",
			len(s.Actions), MaxMarkedActions)
	}
	b.WriteString("<p>Explain any decision with <code>ecsim explain SCENARIO --from T --to T</code>.</p>\n</div>\n")
	return b.String()
}

func hours(sec float64) string {
	if sec >= 48*3600 {
		return fmt.Sprintf("%.1f days", sec/86400)
	}
	return fmt.Sprintf("%.1f h", sec/3600)
}

// marksCut reports whether some capacity provider or service has more
// scaling actions than the charts mark (MaxMarkedActions each).
func marksCut(s *Series) bool {
	n := map[[2]string]int{}
	for _, a := range s.Actions {
		k := [2]string{a.Kind, a.Name}
		if n[k]++; n[k] > MaxMarkedActions {
			return true
		}
	}
	return false
}
