package world

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/workloads/trace"
)

// scheduled turns an EventBridge schedule into arrivals: each firing at or
// after the scenario's startTime submits count tasks, at the firing's offset
// from startTime (docs/model.md §11: a scheduled task is a RunTask call
// with the rule's TaskCount).
type scheduled struct {
	s       Schedule
	start   time.Time
	count   int
	started bool
}

// Next returns the first firing after now (at or after t = 0 on the first
// call).
func (s *scheduled) Next(now sim.Time) (sim.Time, int, bool) {
	from := s.start.Add(time.Duration(now))
	if !s.started {
		s.started = true
		from = from.Add(-time.Nanosecond)
	}
	next, ok := s.s.Next(from)
	if !ok {
		return 0, 0, false
	}
	return sim.At(next.Sub(s.start)), s.count, true
}

// traceRun is the replay state of a trace workload: the open trace, the
// record whose tasks arrive next and a launcher per task definition named
// in the trace.
type traceRun struct {
	r         trace.Reader
	closer    io.Closer
	next      trace.Record
	launchers map[string]*launcher
	spec      launchSpec
}

// newTraceRun opens a workload's trace.
func (w *World) newTraceRun(cfg *Workload, base launchSpec, l *launcher) (*traceRun, error) {
	rc, err := cfg.Trace.Open()
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	r, err := trace.New(cfg.Trace.Format, rc, cfg.Trace.Options)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("trace: %w", err)
	}
	w.closers = append(w.closers, rc)
	return &traceRun{r: r, closer: rc, spec: base, launchers: map[string]*launcher{"": l}}, nil
}

// scheduleTraceArrival reads the next record and schedules its arrival; the
// trace ends at its end or at the end of the run. A record earlier than now
// (a trace out of order) arrives now.
func (w *World) scheduleTraceArrival(wr *workloadRun, now sim.Time) {
	tr := wr.trace
	rec, err := tr.r.Next()
	if err != nil {
		if !errors.Is(err, io.EOF) && w.err == nil {
			w.err = fmt.Errorf("workload %q: trace: %w", wr.cfg.Name, err)
		}
		return
	}
	at := max(now, sim.At(rec.Submit))
	if at > sim.At(w.cfg.Duration) {
		return
	}
	tr.next = rec
	w.loop.At(at, prioArrival, event{kind: evArrival, idx: wr.idx})
}

// arriveTrace submits the tasks of the current record, each with the
// record's duration and, when the record gives them, its CPU units and
// memory.
func (w *World) arriveTrace(wr *workloadRun) {
	rec := wr.trace.next
	l, err := w.traceLauncher(wr, rec.TaskDefinition)
	if err != nil {
		if w.err == nil {
			w.err = fmt.Errorf("workload %q: trace line %d: %w", wr.cfg.Name, rec.Line, err)
		}
		return
	}
	for range max(1, rec.Count) {
		var req *cluster.Requirements
		if rec.CPU > 0 || rec.MemoryMiB > 0 {
			req = w.sizedReq(l.def, rec.CPU, rec.MemoryMiB)
		}
		t := w.newTask(l, req)
		t.Duration = rec.Duration
		w.submitted(t)
		if reason, ok := w.launch(t, l); !ok {
			w.failTask(t, reason)
		}
	}
	w.scheduleTraceArrival(wr, w.loop.Now())
}

// traceLauncher returns the launcher of a task definition named in a
// trace, creating it on first use.
func (w *World) traceLauncher(wr *workloadRun, name string) (*launcher, error) {
	tr := wr.trace
	if l, ok := tr.launchers[name]; ok {
		return l, nil
	}
	def := wr.cfg.Trace.Definitions[name]
	if def == nil {
		return nil, fmt.Errorf("unknown task definition %q", name)
	}
	spec := tr.spec
	spec.def = def
	l, err := w.newLauncher(spec)
	if err != nil {
		return nil, err
	}
	tr.launchers[name] = l
	return l, nil
}

// Err returns the error that cut a run short (a trace that became
// unreadable), nil after a complete run.
func (w *World) Err() error { return w.err }

// close releases the files the run opened.
// Close releases what the world holds open (trace files). Run closes them
// itself; call Close for a world built and not run.
func (w *World) Close() { w.close() }

func (w *World) close() {
	for _, c := range w.closers {
		c.Close()
	}
	w.closers = nil
}
