package main

import (
	"io"
	"os"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a progress bar of simulated time on a terminal, and
// nothing otherwise or with --quiet.
type progress struct {
	bar *progressbar.ProgressBar
}

// showBar reports whether a progress bar goes to w: a terminal, and not
// quiet.
func showBar(w io.Writer, quiet bool) bool {
	f, ok := w.(*os.File)
	return !quiet && ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, quiet bool, total time.Duration) *progress {
	if !showBar(w, quiet) {
		return &progress{}
	}
	bar := progressbar.NewOptions64(int64(total/time.Second),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

func (p *progress) update(now sim.Time) {
	if p.bar != nil {
		_ = p.bar.Set64(int64(now.Duration() / time.Second))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// countProgress shows a progress bar of finished runs on a terminal, and
// nothing otherwise or when quiet.
type countProgress struct {
	bar *progressbar.ProgressBar
}

func newCountProgress(w io.Writer, quiet bool, total int) *countProgress {
	if !showBar(w, quiet) {
		return &countProgress{}
	}
	return &countProgress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("runs"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *countProgress) add() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

func (p *countProgress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
