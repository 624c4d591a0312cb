package trace

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Google 2011 task_events columns (0-based) and their names in messages.
const (
	gTime, gJob, gTask, gEvent, gCPU, gMem = 0, 2, 3, 5, 9, 10
	gFields                                = 13
)

var gColName = map[int]string{gTime: "timestamp", gJob: "job ID", gTask: "task index",
	gEvent: "event type", gCPU: "CPU request", gMem: "memory request"}

// Google 2011 event types.
const (
	gSubmit, gSchedule, gEvict, gFail, gFinish, gKill, gLost = 0, 1, 2, 3, 4, 5, 6
	gMaxEvent                                                = 8 // UPDATE_RUNNING
)

// Special timestamps of the 2011 schema, in microseconds.
const (
	// gBefore marks an event that happened before the trace window.
	gBefore = 0
	// gAfter (2^63-1) marks an event that happened after the trace window.
	gAfter = math.MaxInt64
	// gWindowStart is the timestamp at which the trace window opens: trace
	// time counts from 600 s before it.
	gWindowStart = 600 * 1_000_000
)

// Google2011Reader reads the task_events table of Google's clusterdata-2011-2
// trace: headerless CSV rows of 13 columns, as described in "Google
// cluster-usage traces: format + schema" (C. Reiss, J. Wilkes, J. L.
// Hellerstein, trace version 2 / 2.1; https://github.com/google/cluster-data,
// ClusterData2011_2.md):
//
//	timestamp, missing info, job ID, task index, machine ID, event type,
//	user, scheduling class, priority, CPU request, memory request,
//	disk space request, different-machines restriction
//
// Event types: 0 SUBMIT, 1 SCHEDULE, 2 EVICT, 3 FAIL, 4 FINISH, 5 KILL,
// 6 LOST, 7 UPDATE_PENDING, 8 UPDATE_RUNNING. A task is the pair (job ID,
// task index) and yields one record with Count 1:
//
//   - Submit: its first SUBMIT, less the earliest first SUBMIT of all the
//     records, so the first record has Submit 0. Record.Line is the line of
//     that SUBMIT row.
//   - Duration: from its first SCHEDULE to the next terminal event (EVICT,
//     FAIL, FINISH, KILL or LOST) at or after it. Later reschedules are not
//     replayed.
//   - CPU and MemoryMiB: the requests on that SCHEDULE row, or on the SUBMIT
//     row where the SCHEDULE row leaves them blank.
//
// Times are microseconds: 5_600_000_000 is 5600 s. The schema gives two
// timestamps special meanings: 0 is an event before the trace window and
// 2^63-1 an event after it. A 0 is read as the opening of the window,
// timestamp 600 s (trace time counts from 600 s before the window opens;
// ClusterData2011_2.md: the trace starts at timestamp 600 s), so tasks
// already submitted or running when the window opens are replayed from the
// start, with the part of their run inside the window (a lower bound on
// their true duration). A 2^63-1 event is ignored: it did not happen within
// the trace.
//
// Requests are normalised to the largest machine (1.0 = its whole CPU or
// memory). CPU units = round(request × Options.MachineCPUUnits), default
// DefaultGoogleMachineCPUUnits (1.0 = 32 vCPUs = 32768 units); MemoryMiB =
// round(request × Options.MachineMemoryMiB), default
// DefaultGoogleMachineMemoryMiB (1.0 = 128 GiB). Example: CPU request
// 0.0625 → 2048 units (2 vCPUs); memory request 0.03 → round(3932.16) = 3932
// MiB. The trace does not publish absolute machine sizes, so the defaults
// are assumptions; set the options to replay at another scale.
//
// Tasks never submitted, never scheduled, never ending within the trace, or
// without any CPU or memory request are dropped and counted in Dropped.
//
// Pairing needs the whole input: the first call to Next reads it all,
// keeping a small state per distinct task (about 170 bytes measured for
// tasks with one terminal event, 8 more per further one) and then one Record
// per task kept (64 bytes); the rows are not kept. Rows may come in any
// order.
type Google2011Reader struct {
	src      io.Reader
	cpu, mem float64 // conversion factors
	sortedRecords
	badRows
}

func newGoogle(r io.Reader, opts Options) *Google2011Reader {
	return &Google2011Reader{
		src:     r,
		cpu:     orDefault(opts.MachineCPUUnits, DefaultGoogleMachineCPUUnits),
		mem:     orDefault(opts.MachineMemoryMiB, DefaultGoogleMachineMemoryMiB),
		badRows: badRows{skip: opts.SkipBadRows},
	}
}

// Next returns the next task in Submit order (ties in input order), io.EOF
// at the end, or a *RowError for a bad row (unless Options.SkipBadRows).
// The first call reads the whole input. Errors are sticky.
func (g *Google2011Reader) Next() (Record, error) { return g.nextRecord(g.load) }

// Dropped returns the number of tasks dropped because they were never
// submitted, never scheduled, never ended within the trace, or had no CPU
// or memory request. It is complete once Next has been called.
func (g *Google2011Reader) Dropped() int { return g.dropped }

// gKey identifies a task.
type gKey struct{ job, index int64 }

// gState is what pairing keeps of one task; times are µs, -1 when unseen,
// and sizes are -1 when blank.
type gState struct {
	submit, sched         int64
	submitLine, schedLine int
	subCPU, subMem        int64
	schedCPU, schedMem    int64
	ends                  []int64
}

// gEventRow is one parsed task_events row.
type gEventRow struct {
	key      gKey
	time     int64 // µs, or gAfter
	typ      int64
	cpu, mem int64 // -1 when blank
}

// load reads the whole input, pairs the events of each task and keeps one
// record per task, sorted by Submit.
func (g *Google2011Reader) load() error {
	tasks, err := g.readTasks()
	if err != nil {
		return err
	}
	g.recs = make([]Record, 0, len(tasks))
	base := int64(math.MaxInt64)
	for i := range tasks {
		rec, ok := tasks[i].record()
		if !ok {
			g.dropped++
			continue
		}
		base = min(base, int64(rec.Submit))
		g.recs = append(g.recs, rec)
	}
	for i := range g.recs {
		g.recs[i].Submit = (g.recs[i].Submit - time.Duration(base)) * time.Microsecond
	}
	slices.SortFunc(g.recs, func(a, b Record) int {
		return cmp.Or(cmp.Compare(a.Submit, b.Submit), cmp.Compare(a.Line, b.Line))
	})
	return nil
}

// readTasks reads every row and folds its event into the state of its task,
// in order of first appearance. Bad rows follow g's policy.
func (g *Google2011Reader) readTasks() ([]gState, error) {
	cr := newRowReader(g.src)
	index := map[gKey]int32{}
	var tasks []gState
	for {
		fields, line, err := readRow(cr, &g.badRows)
		if err == io.EOF {
			return tasks, nil
		}
		if err != nil {
			return nil, err
		}
		ev, re := g.parse(fields, line)
		if re != nil {
			if g.bad(re) {
				return nil, re
			}
			continue
		}
		i, ok := index[ev.key]
		if !ok {
			i = int32(len(tasks))
			index[ev.key] = i
			tasks = append(tasks, gState{submit: -1, sched: -1})
		}
		tasks[i].apply(ev, line)
	}
}

// apply folds the event ev, read on line, into the task's state: the
// earliest SUBMIT and SCHEDULE are kept with their requests, and every
// terminal event is noted. Events after the trace window are ignored.
func (t *gState) apply(ev gEventRow, line int) {
	if ev.time == gAfter {
		return
	}
	switch ev.typ {
	case gSubmit:
		if t.submit < 0 || ev.time < t.submit {
			t.submit, t.submitLine, t.subCPU, t.subMem = ev.time, line, ev.cpu, ev.mem
		}
	case gSchedule:
		if t.sched < 0 || ev.time < t.sched {
			t.sched, t.schedLine, t.schedCPU, t.schedMem = ev.time, line, ev.cpu, ev.mem
		}
	case gEvict, gFail, gFinish, gKill, gLost:
		t.ends = append(t.ends, ev.time)
	}
}

// end returns the time of the first terminal event at or after the task's
// first SCHEDULE, or -1 when it was never scheduled or never ended.
func (t *gState) end() int64 {
	end := int64(-1)
	if t.sched < 0 {
		return end
	}
	for _, e := range t.ends {
		if e >= t.sched && (end < 0 || e < end) {
			end = e
		}
	}
	return end
}

// requests returns the task's CPU and memory requests: those of its SCHEDULE
// row, or of its SUBMIT row where the SCHEDULE row leaves them blank (-1).
func (t *gState) requests() (cpu, mem int64) {
	cpu, mem = t.schedCPU, t.schedMem
	if cpu < 0 {
		cpu = t.subCPU
	}
	if mem < 0 {
		mem = t.subMem
	}
	return cpu, mem
}

// record returns the task's record, with Submit still the raw SUBMIT time in
// µs (load rebases it), and false when the task is dropped: never
// submitted, never scheduled, never ending, or without a CPU or memory
// request.
func (t *gState) record() (Record, bool) {
	end := t.end()
	cpu, mem := t.requests()
	if t.submit < 0 || end < 0 || cpu < 0 || mem < 0 {
		return Record{}, false
	}
	return Record{
		Submit:    time.Duration(t.submit), // rebased by load
		Duration:  time.Duration(end-t.sched) * time.Microsecond,
		CPU:       cpu,
		MemoryMiB: mem,
		Count:     1,
		Line:      t.submitLine,
	}, true
}

// parse checks and converts one task_events row.
func (g *Google2011Reader) parse(f []string, line int) (gEventRow, *RowError) {
	var ev gEventRow
	if len(f) != gFields {
		return ev, &RowError{Line: line, Msg: fmt.Sprintf(wantFields, len(f), gFields)}
	}
	var re *RowError
	if ev.time, re = parseInt(f[gTime], line, gColName[gTime], math.MaxInt64); re != nil {
		return ev, re
	}
	switch {
	case ev.time == gBefore:
		ev.time = gWindowStart
	case ev.time != gAfter && ev.time > maxMicros:
		return ev, &RowError{Line: line, Column: gColName[gTime], Msg: fmt.Sprintf(tooLarge, short(f[gTime]))}
	}
	if ev.key.job, re = parseInt(f[gJob], line, gColName[gJob], math.MaxInt64); re != nil {
		return ev, re
	}
	if ev.key.index, re = parseInt(f[gTask], line, gColName[gTask], math.MaxInt64); re != nil {
		return ev, re
	}
	if ev.typ, re = parseInt(f[gEvent], line, gColName[gEvent], math.MaxInt64); re != nil || ev.typ > gMaxEvent {
		if re == nil || re.Msg != missingMsg {
			re = badValue(line, gColName[gEvent], wantEvent, f[gEvent])
		}
		return ev, re
	}
	if ev.cpu, re = g.request(f[gCPU], line, gCPU, g.cpu); re != nil {
		return ev, re
	}
	ev.mem, re = g.request(f[gMem], line, gMem, g.mem)
	return ev, re
}

// request converts a normalised request column; blank gives -1.
func (g *Google2011Reader) request(s string, line, col int, factor float64) (int64, *RowError) {
	if s == "" {
		return -1, nil
	}
	v, re := parseNumber(s, line, gColName[col])
	if re != nil {
		return 0, re
	}
	return scale(v, factor, s, line, gColName[col])
}
