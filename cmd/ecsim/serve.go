package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	addr        string
	assets      string
	maxDuration time.Duration
	maxWall     time.Duration
}

func newServeCmd() *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--assets DIR]",
		Short: "A local web page that runs scenarios as you move their controls",
		Long: `Serve a page (README "ecsim serve") that opens on the quickstart scenario with its
charts drawn: pick a built-in scenario or paste YAML, move the controls for the
knobs that matter (targetCapacity, warm-up, step sizes, managed termination
protection and draining, placement strategy, instance type, arrival rate, task
size, launch delay), and every change re-runs the simulation and redraws the
charts and the explain timeline. The page's URL carries the changes.

The page talks to one endpoint that scripts can call too: POST /api/run, the body
a scenario as YAML, or empty with ?scenario=NAME for a built-in; &set=PATH=VALUE
repeatable, as --set. The answer is JSON: the chart series, the summary, the
explain lines and the scenario's YAML with the changes. Bad YAML is a 400 with the
located errors; a body over 1 MB a 413. Pasted YAML may not name files (traces
and task definition files: built-ins only); runs are capped in simulated time
(--max-duration) and in wall time (--max-wall), and as many run at once as the
machine has CPUs (a 503 beyond).

It listens on 127.0.0.1 unless --addr says otherwise, and prints its URL.`,
		Args: rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "the address to listen on (HOST:PORT; port 0 picks a free one)")
	f.StringVar(&opts.assets, "assets", "", "folder holding echarts.min.js, served to the page (else it loads echarts from go-echarts' asset host)")
	f.DurationVar(&opts.maxDuration, "max-duration", 31*24*time.Hour, "the longest simulated duration a run may have")
	f.DurationVar(&opts.maxWall, "max-wall", 10*time.Second, "the longest a run may take")
	return cmd
}

// runServe serves until ctx is done (Ctrl-C).
func runServe(ctx context.Context, opts *serveOptions, stdout io.Writer) error {
	if opts.maxDuration <= 0 || opts.maxWall <= 0 {
		return badInput("--max-duration and --max-wall must be positive")
	}
	assetsJS := ""
	if opts.assets != "" {
		var err error
		if assetsJS, err = reports.LoadAssets(opts.assets); err != nil {
			return badInput("%v", err)
		}
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return badInput("--addr %s: %v", opts.addr, err)
	}
	s := newServer(opts, assetsJS)
	hs := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: opts.maxWall + 30*time.Second, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(stdout, "ecsim serve: http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			hs.Shutdown(shut)
		case <-done:
		}
	}()
	err = hs.Serve(ln)
	close(done)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// server answers the page and the API.
type server struct {
	opts     *serveOptions
	assetsJS string
	slots    chan struct{} // one per run at once
}

func newServer(opts *serveOptions, assetsJS string) *server {
	return &server{opts: opts, assetsJS: assetsJS, slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// routes maps the paths to their handlers.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	mux.HandleFunc("GET /echarts.min.js", s.echarts)
	mux.HandleFunc("GET /api/scenarios", s.scenarios)
	mux.HandleFunc("GET /api/lessons", s.lessons)
	mux.HandleFunc("POST /api/run", s.run)
	return securityHeaders(mux)
}

// securityHeaders keeps the page from being framed or sniffed.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}
