package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newScenariosCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios [list | show NAME]",
		Short: "List or show the built-in example scenarios",
		Args:  rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listScenarios(cmd)
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the built-in scenarios",
		Args:  rangeArgs(0, 0),
		RunE:  func(cmd *cobra.Command, _ []string) error { return listScenarios(cmd) },
	}
	show := &cobra.Command{
		Use:   "show NAME",
		Short: "Print a built-in scenario's YAML (a starting point for your own)",
		Args:  rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := scenarios.BuiltinSource(args[0])
			if err != nil {
				return badInput("%v", err)
			}
			_, err = cmd.OutOrStdout().Write(src)
			return err
		},
	}
	cmd.AddCommand(list, show)
	return cmd
}

func listScenarios(cmd *cobra.Command) error {
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	for _, b := range scenarios.Builtins() {
		first, _, _ := strings.Cut(b.Description, ".")
		fmt.Fprintf(tw, "%s\t%s\n", b.Name, strings.Join(strings.Fields(first), " ")+".")
	}
	return tw.Flush()
}
