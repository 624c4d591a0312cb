package reports

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/ecsim/ecsim/sim/record"
)

// TimeseriesHeader is the header of timeseries.csv (README "Outputs").
const TimeseriesHeader = "timeSeconds,instancesRunning,instancesPending,tasksRunning,tasksProvisioning,tasksPending,cpuReserved,memoryReserved,costUSD"

// ProvidersHeader is the header of providers.csv (README "Outputs").
const ProvidersHeader = "timeSeconds,provider,instancesRunning,instancesPending,desiredCapacity,capacityProviderReservation,tasksProvisioning,alarmHigh,alarmLow"

// File names in an output directory.
const (
	SummaryFile    = "summary.json"
	TimeseriesFile = "timeseries.csv"
	ProvidersFile  = "providers.csv"
	EventsFile     = "events.jsonl"
)

// Recorder observes a run: it counts what the summary needs, streams
// timeseries.csv and (optionally) events.jsonl into an Output, and writes
// summary.json at Finish.
type Recorder struct {
	out    *Output
	files  []*os.File
	events *bufio.Writer
	ts     *bufio.Writer
	prov   *bufio.Writer
	buf    []byte
	err    error

	eventsMode    EventsMode
	eventsLimit   int64
	eventsWritten int64
	eventsDropped bool

	series *Series
	ledger *Ledger

	tasks   TaskSummary
	reasons map[string]int64
	// services counts each service's reports (summary.json services).
	services map[string]*ServiceSummary
	waits    waits
}

// EventsMode says whether events.jsonl is written.
type EventsMode uint8

// Events modes.
const (
	// EventsAuto writes events.jsonl unless the run has more than
	// Options.EventsLimit events, in which case the file is left out.
	EventsAuto EventsMode = iota
	EventsOn
	EventsOff
)

// Options choose what a Recorder writes.
type Options struct {
	Events      EventsMode
	EventsLimit int64
	// Series keeps the samples and scaling actions in memory for charts
	// (report.html, figures): see Recorder.Series.
	Series bool
}

// NewRecorder starts recording into out. With out nil it writes nothing and
// only computes the summary (ecsim compare's replications).
func NewRecorder(out *Output, opts Options) (*Recorder, error) {
	r := &Recorder{out: out, reasons: map[string]int64{}, eventsMode: opts.Events, eventsLimit: opts.EventsLimit, ledger: NewLedger()}
	if opts.Series {
		r.series = &Series{}
	}
	if out == nil {
		r.eventsMode = EventsOff
		return r, nil
	}
	ts, err := r.create(TimeseriesFile)
	if err != nil {
		return nil, err
	}
	r.ts = ts
	r.ts.WriteString(TimeseriesHeader + "\n")
	if r.prov, err = r.create(ProvidersFile); err != nil {
		r.close()
		return nil, err
	}
	r.prov.WriteString(ProvidersHeader + "\n")
	if opts.Events != EventsOff {
		if r.events, err = r.create(EventsFile); err != nil {
			r.close()
			return nil, err
		}
	}
	return r, nil
}

func (r *Recorder) create(name string) (*bufio.Writer, error) {
	f, err := r.out.Create(name)
	if err != nil {
		return nil, err
	}
	r.files = append(r.files, f)
	return bufio.NewWriterSize(f, 1<<16), nil
}

// Event implements the world's Observer.
func (r *Recorder) Event(e *record.Event) {
	r.ledger.Event(e)
	switch e.Type {
	case record.TaskSubmitted:
		r.tasks.Submitted++
		if e.Service != "" {
			r.service(e.Service) // every service has its entry in summary.json
		}
	case record.TaskPlaced:
		r.tasks.Placed++
	case record.TaskRunning:
		r.waits.add(e.Wait.Seconds())
	case record.TaskStopped:
		r.stopped(e)
		if e.Service != "" && record.Killed(e.Reason) {
			r.service(e.Service).TasksKilled++
		}
	case record.TaskFailed:
		r.tasks.Failed++
		r.reasons[e.Reason]++
	case record.ServiceDeploymentChanged, record.ServiceThrottled, record.ServicePlacementFailed, record.ServiceDesiredCountChanged:
		r.service(e.Service).serviceEvent(e)
	}
	if r.series != nil {
		r.series.event(e)
	}
	if r.events != nil && r.err == nil {
		r.eventsWritten++
		if r.eventsMode == EventsAuto && r.eventsWritten > r.eventsLimit {
			r.eventsDropped = true
			r.events = nil
			return
		}
		r.buf = appendEvent(r.buf[:0], e)
		_, r.err = r.events.Write(r.buf)
	}
}

// service returns the named service's counts.
func (r *Recorder) service(name string) *ServiceSummary {
	if r.services == nil {
		r.services = map[string]*ServiceSummary{}
	}
	sv := r.services[name]
	if sv == nil {
		sv = &ServiceSummary{}
		r.services[name] = sv
	}
	return sv
}

// stopped counts a stopped task in the one bucket it ends in
// (docs/model.md §7.3): cancelled if it was never placed, completed if its
// essential container exited, stopped if it was a service's (the
// scheduler stopped or replaced it), lost otherwise (a RunTask task ended
// before it completed).
func (r *Recorder) stopped(e *record.Event) {
	switch {
	case e.State == record.StateProvisioning:
		r.tasks.Cancelled++
	case e.Reason == record.StopCompleted:
		r.tasks.Completed++
	case e.Service != "":
		r.tasks.Stopped++
	default:
		r.tasks.Lost++
	}
}

// Sample implements the world's Observer.
func (r *Recorder) Sample(s *record.Sample) {
	r.ledger.Sample(s)
	cost := r.ledger.CostUSD(s.T)
	if r.series != nil {
		r.series.sample(s, r.tasks.Failed, cost)
	}
	if r.err != nil || r.ts == nil {
		return
	}
	b := s.T.AppendSeconds(r.buf[:0])
	for _, n := range []int{s.InstancesRunning, s.InstancesPending, s.TasksRunning, s.TasksProvisioning, s.TasksPending} {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	for _, f := range []float64{s.CPUReserved, s.MemoryReserved, cost} {
		b = append(b, ',')
		b = strconv.AppendFloat(b, f, 'f', 4, 64)
	}
	b = append(b, '\n')
	r.buf = b
	if _, r.err = r.ts.Write(b); r.err != nil {
		return
	}
	for i := range s.Providers {
		p := &s.Providers[i]
		b = s.T.AppendSeconds(r.buf[:0])
		b = append(b, ',')
		b = append(b, p.Name...)
		for _, n := range []int{p.InstancesRunning, p.InstancesPending, p.Desired} {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(n), 10)
		}
		b = append(b, ',')
		b = strconv.AppendFloat(b, p.CPR, 'f', 2, 64)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.TasksProvisioning), 10)
		b = append(b, ',')
		b = append(b, p.AlarmHigh...)
		b = append(b, ',')
		b = append(b, p.AlarmLow...)
		b = append(b, '\n')
		r.buf = b
		if _, r.err = r.prov.Write(b); r.err != nil {
			return
		}
	}
}

// Finish writes summary.json from the recorded counts, the ledger's
// figures, meta and the world's final state, and closes the files. The caller commits or aborts the
// Output.
func (r *Recorder) Finish(meta Meta, final *record.Final) (*Summary, error) {
	s := r.summary(meta, final)
	if r.series != nil {
		r.series.Scenario, r.series.Seed, r.series.Summary = meta.Scenario, meta.Seed, s
	}
	for _, w := range []*bufio.Writer{r.ts, r.prov, r.events} {
		if w != nil && r.err == nil {
			r.err = w.Flush()
		}
	}
	if err := r.close(); err != nil && r.err == nil {
		r.err = err
	}
	if r.eventsDropped && r.err == nil {
		r.err = os.Remove(r.out.Path(EventsFile))
	}
	if r.err != nil {
		return nil, fmt.Errorf("write output: %w", r.err)
	}
	if r.out == nil {
		return s, nil
	}
	f, err := r.out.Create(SummaryFile)
	if err != nil {
		return nil, err
	}
	if err := s.WriteJSON(f); err != nil {
		f.Close()
		return nil, err
	}
	return s, f.Close()
}

// Series returns the samples and scaling actions kept for charts (nil
// unless Options.Series); complete after Finish.
func (r *Recorder) Series() *Series { return r.series }

// EventsDropped reports whether events.jsonl was left out because the run
// passed the automatic limit.
func (r *Recorder) EventsDropped() bool { return r.eventsDropped }

// Files returns the names of the files the recorder wrote.
func (r *Recorder) Files() []string {
	files := []string{SummaryFile, TimeseriesFile, ProvidersFile}
	if r.eventsMode != EventsOff && !r.eventsDropped {
		files = append(files, EventsFile)
	}
	return files
}

func (r *Recorder) close() error {
	var first error
	for _, f := range r.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	r.files = nil
	return first
}

// round rounds x to n decimals so that outputs are byte-stable. Numbers
// too large for x·10^n (beyond 2^53 it holds no decimals anyway) stay as
// they are.
func round(x float64, n int) float64 {
	p := math.Pow10(n)
	if math.Abs(x) >= 1<<53 {
		return x
	}
	if r := math.Round(x*p) / p; r != 0 {
		return r
	}
	return 0 // never -0: outputs never print a negative zero
}
