package main

import (
	"errors"
	"fmt"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "validate SCENARIO...",
		Short: "Check scenario files without running them",
		Long: `Check scenario files (or built-in scenario names) and report every problem,
one per line as file:line:column: field: problem (accepted: ...). Exits 2 if
any scenario is invalid. With --verbose, also list the ECS fields a scenario
gives that the model accepts but does not use.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagError{errors.New("validate needs at least one SCENARIO (see 'ecsim validate --help')")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
			bad := 0
			for _, arg := range args {
				sc, err := loader().Resolve(arg)
				if err != nil {
					fmt.Fprintln(errOut, err)
					bad++
					continue
				}
				fmt.Fprintf(out, "%s: ok (%s)\n", sc.File, describeScenario(sc))
				for _, w := range sc.Warnings {
					fmt.Fprintf(out, "  warning: %s\n", w)
				}
				if verbose {
					for _, f := range sc.Ignored {
						fmt.Fprintf(out, "  ignored: %s (accepted, not used by the model)\n", f)
					}
				}
			}
			if bad > 0 {
				return inputError{fmt.Errorf("%d of %d scenarios invalid", bad, len(args))}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list accepted but unused ECS fields")
	return cmd
}

func describeScenario(sc *scenarios.Scenario) string {
	c := sc.Config
	instances := 0
	for _, g := range c.Instances {
		instances += g.Count
	}
	return fmt.Sprintf("%s, %d container instances, %d task definitions, %d workloads, %d scheduled tasks, %d services",
		scenarios.FormatDuration(c.Duration), instances, len(c.TaskDefinitions), len(c.Workloads)-len(sc.Spec.ScheduledTasks),
		len(sc.Spec.ScheduledTasks), len(c.Services))
}
