package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newLessonsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lessons [show NAME]",
		Short: "The confusions users report about cluster auto scaling, each shown by a run and its fix",
		Long: `List the lessons: each is a confusion users report about ECS capacity providers
and cluster auto scaling (docs/model.md §12), shown by a built-in scenario and the
one change that fixes it. "ecsim lessons show NAME" prints the lesson, runs both
versions and prints their headline numbers side by side with the explain lines
that show the cause.`,
		Args: rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := scenarios.Lessons()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 8, 2, ' ', 0)
			for _, l := range ls {
				fmt.Fprintf(tw, "%s\t#%d\t%s\n", l.Name, l.Confusion, l.Title)
			}
			return tw.Flush()
		},
	}
	show := &cobra.Command{
		Use:   "show NAME",
		Short: "Print a lesson and run its symptom and its fix side by side",
		Args:  rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := scenarios.LessonByName(args[0])
			if err != nil {
				return badInput("%v", err)
			}
			res, err := runLesson(cmd.Context(), l)
			if err != nil {
				return err
			}
			return writeLesson(cmd.OutOrStdout(), l, res)
		},
	}
	cmd.AddCommand(show)
	return cmd
}

// lessonRuns are a lesson's two runs; symptom is nil when the symptom is
// a scenario ECS refuses, and refused says why.
type lessonRuns struct {
	symptom, fixed *explainedRun
	refused        error
}

// runLesson runs a lesson's symptom (unless it is refused) and its fix.
func runLesson(ctx context.Context, l scenarios.Lesson) (*lessonRuns, error) {
	sc, err := l.Load(loader())
	if err != nil {
		return nil, err
	}
	res := &lessonRuns{refused: sc.SymptomError}
	if sc.Symptom != nil {
		if res.symptom, err = simulateExplained(ctx, sc.Symptom.Config); err != nil {
			return nil, err
		}
	}
	if res.fixed, err = simulateExplained(ctx, sc.Fixed.Config); err != nil {
		return nil, err
	}
	return res, nil
}

// metric reads a summary.json path from a run, NaN without the run.
func (r *explainedRun) metric(path string) (float64, bool) {
	if r == nil {
		return math.NaN(), true
	}
	return r.summary.Metric(path)
}

// lessonMetrics are the headline numbers of a lesson: its claims' metrics,
// then the usual ones.
func lessonMetrics(l scenarios.Lesson) []string {
	var out []string
	for _, c := range l.Claims {
		if !slices.Contains(out, c.Metric) {
			out = append(out, c.Metric)
		}
	}
	for _, m := range []string{"taskWaitSeconds.p95", "tasks.failed", "tasks.provisioningAtEnd", "instanceHours", "cost.total",
		"scaling.scaleOutActions", "scaling.scaleInActions"} {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// checkClaims returns, for each claim of l, whether the runs bear it out
// and how it reads.
func checkClaims(l scenarios.Lesson, res *lessonRuns) ([]string, error) {
	var out []string
	for _, c := range l.Claims {
		a, ok1 := res.symptom.metric(c.Metric)
		b, ok2 := res.fixed.metric(c.Metric)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("lesson %s: no metric %q in summary.json", l.Name, c.Metric)
		}
		holds, say, err := claimHolds(c, a, b)
		if err != nil {
			return nil, fmt.Errorf("lesson %s: %v", l.Name, err)
		}
		verdict := "holds"
		if !holds {
			verdict = "DOES NOT HOLD"
		}
		sa := fmt.Sprintf("%.6g", a)
		if res.symptom == nil {
			sa = "refused"
		}
		out = append(out, fmt.Sprintf("%s: %s (%s → %.6g): %s", c.Metric, say, sa, b, verdict))
	}
	return out, nil
}

// claimHolds evaluates one claim on the symptom's value a and the fix's b.
func claimHolds(c scenarios.Claim, a, b float64) (bool, string, error) {
	holds, say := true, []string{}
	for _, part := range []struct {
		cond, where string
		x           float64
	}{{c.Symptom, "in the symptom", a}, {c.Fixed, "with the fix", b}} {
		if part.cond == "" || math.IsNaN(part.x) {
			continue
		}
		ok, err := scenarios.Holds(part.cond, part.x)
		if err != nil {
			return false, "", err
		}
		holds = holds && ok
		say = append(say, part.cond+" "+part.where)
	}
	switch c.FixedVsSymptom {
	case "":
	case "less":
		holds, say = holds && b < a, append(say, "less with the fix")
	case "more":
		holds, say = holds && b > a, append(say, "more with the fix")
	default:
		return false, "", fmt.Errorf("fixedVsSymptom %q: accepted less, more", c.FixedVsSymptom)
	}
	return holds, strings.Join(say, ", "), nil
}

// writeLesson prints the lesson, the numbers side by side, the claims and
// the decisive explain lines (or, for a refused symptom, why ECS refuses
// it).
func writeLesson(w io.Writer, l scenarios.Lesson, res *lessonRuns) error {
	fmt.Fprintf(w, "#%d %s (%s)\n\n%s\nSource: %s\n\n", l.Confusion, l.Title, l.Name, strings.TrimSpace(l.Text), l.Source)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "\tsymptom\tfix: %s\n", l.FixText)
	for _, m := range lessonMetrics(l) {
		a, _ := res.symptom.metric(m)
		b, _ := res.fixed.metric(m)
		sa := fmt.Sprintf("%.6g", a)
		if res.symptom == nil {
			sa = "refused"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.6g\n", m, sa, b)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	claims, err := checkClaims(l, res)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nClaims:\n  %s\n", strings.Join(claims, "\n  "))
	if res.refused != nil {
		fmt.Fprintf(w, "\nWhy the symptom is refused (as ECS refuses the call):\n  %s\n", strings.ReplaceAll(res.refused.Error(), "\n", "\n  "))
	}
	for _, part := range []struct {
		name string
		run  *explainedRun
	}{{"symptom", res.symptom}, {"fix", res.fixed}} {
		if part.run == nil {
			continue
		}
		fmt.Fprintf(w, "\nWhat explain says (%s):\n", part.name)
		lines := decisive(part.run.explain, l, 6)
		for _, line := range lines {
			fmt.Fprintf(w, "  %s  %s: %s\n", line.Clock, line.Subject, line.Text)
		}
		if len(lines) == 0 {
			fmt.Fprintf(w, "  nothing about %s\n", strings.Join(l.Explain, ", "))
		}
	}
	fmt.Fprintf(w, "\nTry it:\n  ecsim run %s%s\n  ecsim run %s%s\n", l.Scenario, setFlags(l.Symptom), l.Scenario, setFlags(fixedSets(l)))
	return nil
}

// decisive returns the first n explain lines of the lesson's kinds (and
// holding its ExplainHas).
func decisive(lines []reports.ExplainLine, lesson scenarios.Lesson, n int) []reports.ExplainLine {
	var out []reports.ExplainLine
	for _, l := range lines {
		if slices.Contains(lesson.Explain, l.Kind) && strings.Contains(l.Text, lesson.ExplainHas) {
			if out = append(out, l); len(out) == n {
				break
			}
		}
	}
	return out
}

// fixedSets are the overrides of the fix's run: the symptom's, but those
// the fix sets again, then the fix's.
func fixedSets(l scenarios.Lesson) []scenarios.Set {
	out := slices.DeleteFunc(slices.Clone(l.Symptom), func(s scenarios.Set) bool {
		return slices.ContainsFunc(l.Fix, func(f scenarios.Set) bool { return f.Path == s.Path })
	})
	return append(out, l.Fix...)
}

// setFlags writes overrides as --set flags.
func setFlags(sets []scenarios.Set) string {
	var b strings.Builder
	for _, s := range sets {
		fmt.Fprintf(&b, " --set '%s=%s'", s.Path, s.Value)
	}
	return b.String()
}
