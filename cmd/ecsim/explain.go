package main

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	from, to string
	json     bool
	seed     uint64
	sets     []string
	variant  string
}

func newExplainCmd() *cobra.Command {
	opts := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [SCENARIO] [--from T] [--to T]",
		Short: "Tell the scaling decisions of a run in plain words",
		Long: `Run a scenario (the built-in default without SCENARIO) and tell, minute by
minute, why the cluster scaled: the tasks that went PROVISIONING and why they
did not fit, each CapacityProviderReservation with M and N against the target,
the alarms, each desired-capacity change with its cause, why managed scaling
did not act when an alarm was in ALARM (the warm-up, the 15-minute wait after
a scale-out, min/max size), the instances launched, registered, drained and
terminated, and failed placements. --from and --to (durations from t = 0,
e.g. 55m, 2h) narrow the window; --json prints the lines as JSON. Nothing is
written to disk.`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			scenario := ""
			if len(args) == 1 {
				scenario = args[0]
			}
			return runExplain(cmd, scenario, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "0s", "start of the window, a duration from t = 0 (e.g. 55m)")
	f.StringVar(&opts.to, "to", "", "end of the window (default: the end of the run)")
	f.BoolVar(&opts.json, "json", false, "print the lines as a JSON array")
	f.Uint64Var(&opts.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	f.StringArrayVar(&opts.sets, "set", nil, "override a scenario field, PATH=VALUE (repeatable)")
	f.StringVar(&opts.variant, "variant", "", "explain one of the scenario's variants (its overrides apply after --set)")
	return cmd
}

func runExplain(cmd *cobra.Command, scenario string, opts *explainOptions) error {
	sc, err := loadScenario(scenario, opts.sets, opts.variant)
	if err != nil {
		return err
	}
	cfg := sc.Config
	if cmd.Flags().Changed("seed") {
		cfg.Seed = opts.seed
	}
	from, to, err := window(opts.from, opts.to, cfg.Duration)
	if err != nil {
		return err
	}
	n := reports.NewNarrator(sim.At(from), sim.At(to))
	w, err := world.New(cfg, n)
	if err != nil {
		return badInput("%v", err)
	}
	defer w.Close()
	if _, err := runWorld(cmd.Context(), w, nil); err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if opts.json {
		return n.WriteJSON(out)
	}
	return n.WriteText(out, fmt.Sprintf("%s (seed %d)", cfg.Name, cfg.Seed))
}

// window parses --from and --to within the run.
func window(fromS, toS string, duration time.Duration) (from, to time.Duration, err error) {
	to = duration
	if from, err = scenarios.ParseDuration(fromS); err != nil {
		return 0, 0, badInput("--from: %v", err)
	}
	if toS != "" {
		if to, err = scenarios.ParseDuration(toS); err != nil {
			return 0, 0, badInput("--to: %v", err)
		}
	}
	if from < 0 || to < from || from > duration {
		return 0, 0, badInput("--from %s --to %s: need 0 <= from <= to, from within the run (%s)",
			scenarios.FormatDuration(from), scenarios.FormatDuration(to), scenarios.FormatDuration(duration))
	}
	return from, min(to, duration), nil
}
