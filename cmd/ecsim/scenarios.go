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
		// The first sentence: up to a full stop and a space, so that
		// "m5.large" or "docs/model.md" do not end it.
		first, _, _ := strings.Cut(strings.Join(strings.Fields(b.Description), " "), ". ")
		fmt.Fprintf(tw, "%s\t%s\n", b.Name, clip(strings.TrimSuffix(first, ".")+".", 100))
	}
	return tw.Flush()
}

// clip shortens s to at most n characters, at a space, ending with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + " …"
}
