package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/world"
)

// maxRunBody bounds the YAML a request may carry.
const maxRunBody = 1 << 20

// runResponse is POST /api/run's answer.
type runResponse struct {
	Scenario    string                `json:"scenario"`
	Seed        uint64                `json:"seed"`
	WallSeconds float64               `json:"wallSeconds"`
	Summary     *reports.Summary      `json:"summary"`
	Charts      []reports.Chart       `json:"charts"`
	Explain     []reports.ExplainLine `json:"explain"`
	YAML        string                `json:"yaml"`
	Knobs       []knob                `json:"knobs"`
}

// apiError is the answer to a request that ran nothing.
type apiError struct {
	Error  string     `json:"error"`
	Errors []fieldErr `json:"errors,omitempty"`
}

// fieldErr is one located problem of a scenario.
type fieldErr struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// yamlTypes are the content types POST /api/run takes: a browser sends
// them only after a CORS preflight, which this server does not answer, so
// another site's page cannot make a visitor's browser run scenarios here.
var yamlTypes = []string{"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}

// run is POST /api/run.
func (s *server) run(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !slices.Contains(yamlTypes, mt) {
		writeAPIError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send the scenario as %s (an empty body with ?scenario=NAME for a built-in)", mt, yamlTypes[0]), nil)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRunBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeAPIError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the scenario is over %d bytes", maxRunBody), nil)
		return
	}
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	sc, err := s.load(body, r.URL.Query().Get("scenario"), r.URL.Query()["set"])
	if err != nil {
		writeLoadError(w, err)
		return
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		w.Header().Set("Retry-After", "1")
		writeAPIError(w, http.StatusServiceUnavailable, "busy: as many runs as CPUs are under way; try again", nil)
		return
	}
	resp, status, err := s.simulate(r.Context(), sc)
	if err != nil {
		writeAPIError(w, status, err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// load reads the scenario of a request: the body's YAML (without files),
// or the named built-in, with the overrides applied and the caps checked.
func (s *server) load(body []byte, name string, sets []string) (*scenarios.Scenario, error) {
	l := loader()
	l.NoFiles = true
	var sc *scenarios.Scenario
	var err error
	switch {
	case len(bytes.TrimSpace(body)) > 0 && name != "":
		return nil, badInput("give the scenario as YAML in the body or as ?scenario=NAME, not both")
	case len(bytes.TrimSpace(body)) > 0:
		sc, err = l.Parse("pasted.yaml", ".", body)
	case name != "":
		sc, err = l.LoadBuiltin(name)
	default:
		return nil, badInput("give a scenario: YAML in the body, or an empty body and ?scenario=NAME (accepted: %s)", strings.Join(scenarios.BuiltinNames(), ", "))
	}
	if err != nil {
		return nil, err
	}
	if len(sets) > 0 {
		parsed := make([]scenarios.Set, 0, len(sets))
		for _, v := range sets {
			p, err := scenarios.ParseSet(v)
			if err != nil {
				return nil, badInput("%v", err)
			}
			p.Origin = "set"
			parsed = append(parsed, p)
		}
		if sc, err = sc.WithSets(parsed...); err != nil {
			return nil, err
		}
	}
	if sc.Config.Duration > s.opts.maxDuration {
		return nil, badInput("%s: duration %s: this server runs at most %s of simulated time (ecsim serve --max-duration)",
			sc.File, scenarios.FormatDuration(sc.Config.Duration), scenarios.FormatDuration(s.opts.maxDuration))
	}
	return sc, nil
}

// simulate runs sc within the wall-time cap and gathers the answer; the
// status goes with an error.
func (s *server) simulate(ctx context.Context, sc *scenarios.Scenario) (*runResponse, int, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.maxWall)
	defer cancel()
	start := time.Now()
	run, err := simulateExplained(ctx, sc.Config)
	switch {
	case errors.Is(err, errInterrupted) && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, http.StatusUnprocessableEntity, fmt.Errorf("the run took longer than %s, this server's cap (ecsim serve --max-wall): shorten the scenario or run it with ecsim run", s.opts.maxWall)
	case err != nil:
		return nil, http.StatusUnprocessableEntity, err
	}
	text, err := sc.YAML()
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	return &runResponse{Scenario: sc.Config.Name, Seed: sc.Config.Seed, WallSeconds: time.Since(start).Seconds(), Summary: run.summary,
		Charts: reports.ChartSpecs(run.series), Explain: run.explain, YAML: string(text), Knobs: knobsOf(sc)}, 0, nil
}

// explainedRun is a run's summary, series and explain lines.
type explainedRun struct {
	summary *reports.Summary
	series  *reports.Series
	explain []reports.ExplainLine
}

// simulateExplained runs cfg, writing nothing, and keeps its summary, its
// series (for charts) and its explain lines.
func simulateExplained(ctx context.Context, cfg world.Config) (*explainedRun, error) {
	rec, err := reports.NewRecorder(nil, reports.Options{Series: true})
	if err != nil {
		return nil, err
	}
	n := reports.NewNarrator(0, sim.At(cfg.Duration))
	w, err := world.New(cfg, world.Tee{rec, n})
	if err != nil {
		return nil, badInput("%v", err)
	}
	defer w.Close()
	final, err := runWorld(ctx, w, nil)
	if err != nil {
		return nil, err
	}
	sum, err := rec.Finish(reports.Meta{Scenario: cfg.Name, Seed: cfg.Seed}, final)
	if err != nil {
		return nil, err
	}
	explain := n.Lines
	if explain == nil {
		explain = []reports.ExplainLine{}
	}
	return &explainedRun{summary: sum, series: rec.Series(), explain: explain}, nil
}

// scenarios is GET /api/scenarios: the built-ins, names and descriptions.
func (s *server) scenarios(w http.ResponseWriter, _ *http.Request) {
	type entry struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	var out []entry
	for _, b := range scenarios.Builtins() {
		out = append(out, entry{Name: b.Name, Description: b.Description})
	}
	writeJSON(w, http.StatusOK, out)
}

// lessons is GET /api/lessons: the lessons with their overrides as
// PATH=VALUE, as the page sends them.
func (s *server) lessons(w http.ResponseWriter, _ *http.Request) {
	type entry struct {
		Name      string   `json:"name"`
		Confusion int      `json:"confusion"`
		Title     string   `json:"title"`
		Text      string   `json:"text"`
		Source    string   `json:"source"`
		FixText   string   `json:"fixText"`
		Scenario  string   `json:"scenario"`
		Symptom   []string `json:"symptom"`
		Fix       []string `json:"fix"`
	}
	ls, err := scenarios.Lessons()
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	pairs := func(sets []scenarios.Set) []string {
		out := []string{}
		for _, s := range sets {
			out = append(out, s.Path+"="+s.Value)
		}
		return out
	}
	out := []entry{}
	for _, l := range ls {
		out = append(out, entry{l.Name, l.Confusion, l.Title, l.Text, l.Source, l.FixText, l.Scenario, pairs(l.Symptom), pairs(l.Fix)})
	}
	writeJSON(w, http.StatusOK, out)
}

// writeLoadError answers a scenario that did not load: 400 with the
// located problems.
func writeLoadError(w http.ResponseWriter, err error) {
	var es scenarios.Errors
	if !errors.As(err, &es) {
		writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	var fes []fieldErr
	for _, e := range es {
		fes = append(fes, fieldErr{File: e.File, Line: e.Pos.Line, Column: e.Pos.Column, Field: e.Field, Message: e.Msg})
	}
	writeAPIError(w, http.StatusBadRequest, shortenLong(err.Error()), fes)
}

func writeAPIError(w http.ResponseWriter, status int, msg string, fes []fieldErr) {
	writeJSON(w, status, apiError{Error: msg, Errors: fes})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}
