// Command perf measures issue 13's end-to-end cases (README
// "Performance"): each case is run whole in a child process, ecsim and the
// bare reference loop interleaved, and the table gives the median wall
// time, the ratio to the bare loop and the peak memory (maximum resident
// set) of each.
//
//	go run ./cmd/perf [-reps 3] [-short] [-cases binpack,spread]
//	go run ./cmd/perf -yaml spread > spread.yaml   # a case's scenario
//
// make perf runs it. The bare loop (bare.go) is the least a simulator of
// the load must do: it calibrates the machine, so the ratios compare
// across machines where the seconds do not.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

func main() {
	reps := flag.Int("reps", 3, "runs of each case (the median is reported)")
	short := flag.Bool("short", false, "cut every load by 100")
	only := flag.String("cases", "", "comma-separated cases to run (default: all)")
	child := flag.String("child", "", "internal: run one case in this process (ecsim or bare)")
	name := flag.String("case", "", "internal: the case the child runs")
	yaml := flag.String("yaml", "", "print the scenario of a case and exit (to run it with ecsim run)")
	flag.Parse()
	if *yaml != "" {
		for _, c := range cases(*short) {
			if c.name == *yaml {
				fmt.Print(c.yaml)
				return
			}
		}
		fmt.Fprintf(os.Stderr, "perf: no case %q\n", *yaml)
		os.Exit(2)
	}
	if *child != "" {
		if err := runChild(*child, *name, *short); err != nil {
			fmt.Fprintln(os.Stderr, "perf:", err)
			os.Exit(1)
		}
		return
	}
	if err := measure(os.Stdout, *reps, *short, *only); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

// runChild runs one case in this process: the whole of ecsim's run (load,
// validate, simulate, record the summary), or the bare loop.
func runChild(mode, name string, short bool) error {
	var c *perfCase
	for _, x := range cases(short) {
		if x.name == name {
			c = &x
		}
	}
	if c == nil {
		return fmt.Errorf("no case %q", name)
	}
	if mode == "bare" {
		fmt.Println(bareLoop(c.bare, 1))
		return nil
	}
	sc, err := scenarios.Parse(c.name+".yaml", ".", []byte(c.yaml))
	if err != nil {
		return err
	}
	rec, err := reports.NewRecorder(nil, reports.Options{})
	if err != nil {
		return err
	}
	w, err := world.New(sc.Config, rec)
	if err != nil {
		return err
	}
	defer w.Close()
	sum, err := rec.Finish(reports.Meta{Scenario: c.name}, w.Run(nil))
	if err != nil {
		return err
	}
	fmt.Println(sum.Tasks.Placed)
	return nil
}

// sample is one child run: wall seconds and peak resident memory in MB.
type sample struct{ seconds, mb float64 }

// run runs a child and measures it.
func run(mode, name string, short bool) (sample, error) {
	args := []string{"-child", mode, "-case", name}
	if short {
		args = append(args, "-short")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%s %s: %w", mode, name, err)
	}
	s := sample{seconds: time.Since(start).Seconds()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.mb = float64(ru.Maxrss) / 1024 // Linux reports KB
	}
	return s, nil
}

// measure runs the cases reps times, interleaved, and writes the table.
func measure(out io.Writer, reps int, short bool, only string) error {
	var todo []perfCase
	for _, c := range cases(short) {
		if only == "" || slices.Contains(strings.Split(only, ","), c.name) {
			todo = append(todo, c)
		}
	}
	ecsim := make([][]sample, len(todo))
	bare := make([][]sample, len(todo))
	failed := make([]error, len(todo))
	for range reps {
		for i, c := range todo {
			if failed[i] != nil {
				continue
			}
			b, err := run("bare", c.name, short)
			if err == nil {
				var e sample
				if e, err = run("ecsim", c.name, short); err == nil {
					bare[i], ecsim[i] = append(bare[i], b), append(ecsim[i], e)
				}
			}
			failed[i] = err
		}
	}
	fmt.Fprintf(out, "%s, %d cores (%s), %s, median of %d\n\n", time.Now().UTC().Format("2006-01-02"), runtime.NumCPU(), cpuModel(), runtime.Version(), reps)
	fmt.Fprintln(out, "| case | ecsim | bare loop | ratio | ecsim memory |")
	fmt.Fprintln(out, "|---|---|---|---|---|")
	var errs []error
	for i, c := range todo {
		if failed[i] != nil {
			fmt.Fprintf(out, "| %s | failed | | | |\n", c.what)
			errs = append(errs, failed[i])
			continue
		}
		e, b := median(ecsim[i]), median(bare[i])
		fmt.Fprintf(out, "| %s | %.2f s | %.3f s | %.1f× | %.0f MB |\n", c.what, e.seconds, b.seconds, e.seconds/b.seconds, e.mb)
	}
	return errors.Join(errs...)
}

// median returns the sample of median time (and its memory).
func median(s []sample) sample {
	s = slices.Clone(s)
	slices.SortFunc(s, func(a, b sample) int {
		switch {
		case a.seconds < b.seconds:
			return -1
		case a.seconds > b.seconds:
			return 1
		}
		return 0
	})
	return s[len(s)/2]
}

// cpuModel returns the processor's model name, or "unknown".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
