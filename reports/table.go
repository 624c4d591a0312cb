package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteTable prints s as a short human-readable table; dir, if not empty, is
// where the files went.
func (s *Summary) WriteTable(w io.Writer, dir string, files []string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	sim := time.Duration(s.SimulatedSeconds * float64(time.Second))
	fmt.Fprintf(tw, "scenario\t%s (seed %d): %s simulated, %d events, %.2fs wall\n", s.Scenario, s.Seed, sim, s.Events, s.WallSeconds)
	t := s.Tasks
	fmt.Fprintf(tw, "tasks\tsubmitted %d: placed %d, failed %d, cancelled %d; placed %d: completed %d, stopped %d, lost %d; at end: running %d, pending %d, provisioning %d\n",
		t.Submitted, t.Placed, t.Failed, t.Cancelled, t.Placed, t.Completed, t.Stopped, t.Lost, t.RunningAtEnd, t.PendingAtEnd, t.ProvisioningAtEnd)
	if len(t.FailureReasons) > 0 {
		fmt.Fprintf(tw, "failures\t%s\n", reasons(t.FailureReasons))
	}
	q := s.TaskWaitSeconds
	fmt.Fprintf(tw, "task wait (s)\tmean %.2f, p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n", q.Mean, q.P50, q.P95, q.P99, q.Max)
	in := s.Instances
	fmt.Fprintf(tw, "instances\tlaunched %d, terminated %d, peak %d, final %d; %.2f instance-hours\n",
		in.Launched, in.Terminated, in.Peak, in.Final, s.InstanceHours)
	fmt.Fprintf(tw, "reserved\tCPU %.1f%%, memory %.1f%% (time-weighted mean)\n",
		100*s.Utilization.CPUReservedMean, 100*s.Utilization.MemoryReservedMean)
	if s.Scaling.ScaleOutActions+s.Scaling.ScaleInActions > 0 {
		fmt.Fprintf(tw, "scaling\t%d scale-out, %d scale-in actions\n", s.Scaling.ScaleOutActions, s.Scaling.ScaleInActions)
	}
	fmt.Fprintf(tw, "cost\t$%.2f (EC2 $%.2f, Fargate $%.2f); EC2 idle $%.2f, stranded $%.2f\n",
		s.Cost.Total, s.Cost.EC2, s.Cost.Fargate, s.Cost.Idle, s.Cost.Stranded)
	if dir != "" {
		fmt.Fprintf(tw, "output\t%s/ (%s)\n", dir, strings.Join(files, ", "))
	}
	return tw.Flush()
}

func reasons(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return int(m[b] - m[a])
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
