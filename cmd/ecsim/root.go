package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

// Exit codes (README "The command line").
const (
	exitOK      = 0
	exitFailure = 1 // the run failed (output could not be written, …)
	exitInput   = 2 // bad input: flags, YAML, validation
)

// inputError marks an error as bad input (exit 2).
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error { return inputError{fmt.Errorf(format, args...)} }

// run executes the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run until ctx is done: then a running simulation stops,
// removes what it was writing and the exit code is exitInterrupted.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A panic is a bug: say so, give the stack, and exit 1 (not 2, which
		// means bad input); outputs under construction abort on the way.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "ecsim: internal error (a bug: please report it with the scenario): %v\n%s", r, debug.Stack())
			code = exitFailure
		}
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "ecsim:", shortenLong(err.Error()))
	if errors.Is(err, errInterrupted) {
		return exitInterrupted
	}
	var in inputError
	var se scenarios.Errors
	if errors.As(err, &in) || errors.As(err, &se) || isFlagError(err) || strings.HasPrefix(err.Error(), "unknown command") {
		return exitInput
	}
	return exitFailure
}

// flagError wraps cobra's flag and argument errors.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }

func isFlagError(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "ecsim",
		Short: "Simulate Amazon ECS placement and cluster auto scaling",
		Long: `ecsim is a discrete-event simulator of Amazon ECS clusters: container instances,
task definitions, RunTask workloads, placement strategies and constraints,
capacity providers and cluster auto scaling, driven by a virtual clock.

Run the default scenario with "ecsim run"; list the built-in ones with
"ecsim scenarios".`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return flagError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(newRunCmd(), newValidateCmd(), newEstimateCmd(), newCompareCmd(), newSweepCmd(), newMergeCmd(), newExplainCmd(), newServeCmd(), newLessonsCmd(), newScenariosCmd(), newSchemaCmd(), newImportCmd(), newVersionCmd())
	return root
}

// rangeArgs is cobra.RangeArgs whose errors count as bad input.
func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		check := cobra.RangeArgs(lo, hi)
		if lo == hi {
			check = cobra.ExactArgs(lo)
		}
		if err := check(cmd, args); err != nil {
			return flagError{fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())}
		}
		return nil
	}
}

// shortenLong cuts, in every line longer than 400 bytes, each word longer
// than 100 bytes to its first 60 and its length, so that no argument or
// value (a 50,000-character --set path, a name, a seed) is echoed whole
// (README "Limits").
func shortenLong(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		if len(l) <= 400 {
			continue
		}
		words := strings.Split(l, " ")
		for j, w := range words {
			if len(w) > 100 {
				cut := 60
				for cut > 0 && !utf8.RuneStart(w[cut]) {
					cut--
				}
				words[j] = fmt.Sprintf("%s… (%d bytes)", w[:cut], len(w))
			}
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "\n")
}
