package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/spf13/cobra"
)

// autoEventsLimit is the number of events above which events.jsonl is left
// out unless --events is given explicitly (about 150 MB of JSON lines).
const autoEventsLimit = 1_000_000

type runOptions struct {
	ctx       context.Context
	scenario  string
	out       string
	seed      uint64
	seedSet   bool
	json      bool
	quiet     bool
	events    bool
	eventsSet bool
	sets      []string
	variant   string
	assets    string
	assetsJS  string
	figures   string
	formats   []string
	figSize   string
	size      reports.FigureSize
	check     bool
	stdout    io.Writer
	stderr    io.Writer
}

func newRunCmd() *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [SCENARIO] [--set PATH=VALUE]...",
		Short: "Run a scenario and write its outputs",
		Long: `Run a scenario file, or a built-in scenario by name (see "ecsim scenarios");
without SCENARIO, run the built-in default, quickstart.

Writes summary.json, timeseries.csv, providers.csv, events.jsonl and report.html
into the output directory (default ecsim-out/<scenario name>), all at once when
the run ends, and prints a summary table (or summary.json with --json).
report.html loads the echarts library from go-echarts' asset host unless
--assets names a folder holding it (npm install echarts; --assets
node_modules/echarts): then the page is self-contained and renders offline.
--figures svg,png,pdf also draws the charts as static files under figures/. events.jsonl is written unless the
run has more than 1,000,000 events; --events=true forces it, --events=false
leaves it out.

--set overrides any scenario field before the run: list entries are addressed
by name (workloads.batch.arrivals.ratePerMinute=40,
taskDefinitions.web.cpu=512) and the value is YAML
('workloads.small.placementStrategy=[{type: spread, field: instanceId}]').`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.scenario = args[0]
			}
			opts.seedSet = cmd.Flags().Changed("seed")
			opts.eventsSet = cmd.Flags().Changed("events")
			opts.stdout, opts.stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			opts.ctx = cmd.Context()
			return runRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "output directory (default ecsim-out/<scenario name>)")
	f.Uint64Var(&opts.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	f.BoolVar(&opts.json, "json", false, "print summary.json to stdout instead of the table")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors (no progress bar, no table)")
	f.BoolVar(&opts.events, "events", true, "write events.jsonl (default: when the run has at most 1,000,000 events)")
	f.StringVar(&opts.assets, "assets", "", "folder holding echarts.min.js (e.g. node_modules/echarts) to inline into report.html")
	f.StringVar(&opts.figures, "figures", "", "also write the charts as static figures: svg,png,pdf (any of them)")
	f.StringVar(&opts.figSize, "figure-size", "two-column", "the figures' size: two-column (7 × 3 in) or one-column (3.5 × 2.6 in)")
	f.StringArrayVar(&opts.sets, "set", nil, "override a scenario field, PATH=VALUE (repeatable), e.g. workloads.web.arrivals.ratePerMinute=40")
	f.StringVar(&opts.variant, "variant", "", "run one of the scenario's variants (its overrides apply after --set); the default output is ecsim-out/<scenario name>-<variant>")
	f.BoolVar(&opts.check, "check", false, "check the model's laws after every event (task conservation, no over-commit, scale-in floor, …); a violation exits 1")
	return cmd
}

func runRun(opts *runOptions) error {
	if err := opts.loadOutputs(); err != nil {
		return err
	}
	sc, err := loadScenario(opts.scenario, opts.sets, opts.variant)
	if err != nil {
		return err
	}
	cfg := sc.Config
	if opts.seedSet {
		cfg.Seed = opts.seed
	}
	if !opts.quiet {
		for _, w := range sc.Warnings {
			fmt.Fprintf(opts.stderr, "ecsim: warning: %s\n", w)
		}
	}
	dir := opts.out
	if dir == "" {
		dir = filepath.Join("ecsim-out", cfg.Name)
		if opts.variant != "" {
			dir += "-" + opts.variant
		}
	}
	res, err := simulate(cfg, dir, opts)
	if err != nil {
		return err
	}
	switch {
	case opts.json:
		return res.summary.WriteJSON(opts.stdout)
	case !opts.quiet:
		return res.summary.WriteTable(opts.stdout, dir, res.files)
	}
	return nil
}

// runResult is what a run leaves for the terminal: its summary, the files
// written, and whether events.jsonl was left out for the run's size.
type runResult struct {
	summary       *reports.Summary
	files         []string
	eventsDropped bool
}

// simulate runs cfg and writes its outputs into dir, all or nothing.
func simulate(cfg world.Config, dir string, opts *runOptions) (*runResult, error) {
	out, err := reports.NewOutput(dir)
	if err != nil {
		return nil, badInput("%v", err)
	}
	defer func() {
		if r := recover(); r != nil {
			out.Abort() // a bug: leave nothing half-written behind
			panic(r)
		}
	}()
	res, err := recordRun(cfg, out, opts)
	if err != nil {
		out.Abort()
		return nil, err
	}
	if err := out.Commit(); err != nil {
		return nil, err
	}
	if res.eventsDropped && !opts.quiet {
		fmt.Fprintf(opts.stderr, "ecsim: events.jsonl left out: the run recorded more than %d events (use --events=true to write it)\n", autoEventsLimit)
	}
	return res, nil
}

// recordRun runs cfg, recording it into out, and writes the summary,
// series, events and charts there; the caller commits or aborts out.
func recordRun(cfg world.Config, out *reports.Output, opts *runOptions) (*runResult, error) {
	rec, err := reports.NewRecorder(out, reports.Options{Events: opts.eventsMode(), EventsLimit: autoEventsLimit, Series: true})
	if err != nil {
		return nil, err
	}
	w, chk, err := newCheckedWorld(cfg, rec, opts.check)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	start := time.Now()
	final, err := runWithProgress(w, chk, cfg.Duration, opts)
	if err != nil {
		return nil, err
	}
	sum, err := rec.Finish(reports.Meta{Scenario: cfg.Name, Seed: cfg.Seed, WallSeconds: time.Since(start).Seconds()}, final)
	if err != nil {
		return nil, err
	}
	files, err := writeCharts(out, rec.Series(), opts)
	if err == nil && opts.ctx.Err() != nil {
		err = errInterrupted // Ctrl-C while the charts were written
	}
	if err != nil {
		return nil, err
	}
	return &runResult{summary: sum, files: append(rec.Files(), files...), eventsDropped: rec.EventsDropped()}, nil
}

// eventsMode is the events.jsonl policy of --events: written unless the
// run is too long when the flag is not given, else as the flag says.
func (opts *runOptions) eventsMode() reports.EventsMode {
	if !opts.eventsSet {
		return reports.EventsAuto
	}
	if opts.events {
		return reports.EventsOn
	}
	return reports.EventsOff
}

// newCheckedWorld builds the world of cfg observed by rec; with check
// (--check), a checker, returned too, also watches it to verify the model's
// laws after every event.
func newCheckedWorld(cfg world.Config, rec *reports.Recorder, check bool) (*world.World, *world.Checker, error) {
	var obs world.Observer = rec
	var chk *world.Checker
	if check {
		chk = world.NewChecker(1)
		obs = world.Tee{rec, chk}
	}
	w, err := world.New(cfg, obs)
	if err != nil {
		return nil, nil, badInput("%v", err)
	}
	if chk != nil {
		chk.Attach(w)
	}
	return w, chk, nil
}

// runWithProgress runs w to its end (total of simulated time) with a
// progress bar and, when chk is not nil, checks the laws on its final
// state.
func runWithProgress(w *world.World, chk *world.Checker, total time.Duration, opts *runOptions) (*record.Final, error) {
	bar := newProgress(opts.stderr, opts.quiet, total)
	final, err := runWorld(opts.ctx, w, bar.update)
	bar.finish()
	if err == nil && chk != nil {
		if err = chk.Final(final); err != nil {
			err = fmt.Errorf("invariant violated: %w", err)
		}
	}
	return final, err
}

// loadOutputs checks --assets and --figures before anything runs.
func (opts *runOptions) loadOutputs() error {
	var err error
	if opts.assets != "" {
		if opts.assetsJS, err = reports.LoadAssets(opts.assets); err != nil {
			return badInput("%v", err)
		}
	}
	if opts.size, err = reports.ParseFigureSize(opts.figSize); err != nil {
		return badInput("--figure-size: %v", err)
	}
	if opts.formats, err = reports.ParseFigureFormats(opts.figures); err != nil {
		return badInput("--figures: %v", err)
	}
	return nil
}

// writeCharts writes report.html (and the figures asked for) from the
// run's series.
func writeCharts(out *reports.Output, s *reports.Series, opts *runOptions) ([]string, error) {
	f, err := out.Create(reports.ReportFile)
	if err != nil {
		return nil, err
	}
	if err := reports.WriteReport(f, s, opts.assetsJS); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	files := []string{reports.ReportFile}
	if len(opts.formats) > 0 {
		figs, err := reports.WriteFigures(out, s, opts.formats, opts.size)
		if err != nil {
			return nil, err
		}
		files = append(files, fmt.Sprintf("figures/ (%d files)", len(figs)))
	}
	return files, nil
}

// loadScenario resolves a scenario argument, applies --set overrides and
// then, when variant is not empty, that variant's own overrides (the
// variant's value wins, as in compare).
func loadScenario(arg string, sets []string, variant string) (*scenarios.Scenario, error) {
	sc, err := loader().Resolve(arg)
	if err != nil {
		return nil, err
	}
	if len(sets) > 0 {
		parsed := make([]scenarios.Set, 0, len(sets))
		for _, s := range sets {
			p, err := scenarios.ParseSet(s)
			if err != nil {
				return nil, badInput("%v", err)
			}
			parsed = append(parsed, p)
		}
		if sc, err = sc.WithSets(parsed...); err != nil {
			return nil, err
		}
	}
	if variant != "" {
		return sc.Variant(variant)
	}
	return sc, nil
}
