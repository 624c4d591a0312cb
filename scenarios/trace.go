package scenarios

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads/trace"
)

// traceFormats lists the trace formats (workloads/trace).
var traceFormats = []string{trace.CSV, trace.Google2011, trace.Alibaba2018}

// traceUnused are the workload keys a trace replaces.
var traceUnused = []string{"arrivals", "duration", "size", "containerDurations", "taskDefinitions"}

// traceWorkload checks a trace workload and reads its trace once, so that a
// bad row is an error of the scenario (file:line) before anything runs;
// with skipBadRows the count of skipped rows is a warning.
func (v *validator) traceWorkload(p string, w *WorkloadSpec, wl *world.Workload, cfg *world.Config) {
	tp := join(p, "trace")
	for _, k := range traceUnused {
		if _, ok := v.pos[join(p, k)]; ok {
			v.errf(join(p, k), "not used with a trace: each row gives its submit time, duration, cpu, memory and count")
		}
	}
	if usesFargate(wl, cfg) {
		v.errf(tp, "traces replay on EC2 capacity: their sizes are not Fargate's CPU/memory combinations")
	}
	t := w.Trace
	if t.Format == "" {
		t.Format = trace.CSV
	}
	if !contains(traceFormats, t.Format) {
		v.errf(join(tp, "format"), "unknown trace format %q%s", t.Format, accepted(traceFormats...))
	}
	for _, f := range []struct {
		name string
		x    float64
	}{{"cpuUnitsPerCore", t.CPUUnitsPerCore}, {"machineCPUUnits", t.MachineCPUUnits}, {"machineMemoryMiB", t.MachineMemoryMiB}} {
		if !(f.x >= 0) || math.IsInf(f.x, 0) {
			v.errf(join(tp, f.name), "must be a finite number > 0, or 0 for the format's default (got %v)", f.x)
		}
	}
	if t.File == "" {
		v.errf(join(tp, "file"), "required: the trace file, relative to the scenario's folder")
		return
	}
	if v.noFiles {
		v.errf(join(tp, "file"), "files are not read here (ecsim serve): traces run with ecsim run")
		return
	}
	path := t.File
	if !filepath.IsAbs(path) {
		path = filepath.Join(v.dir, path)
	}
	wl.Trace = &world.Trace{Format: t.Format, Definitions: map[string]*cluster.TaskDefinition{},
		Options: trace.Options{SkipBadRows: t.SkipBadRows, CPUUnitsPerCore: t.CPUUnitsPerCore,
			MachineCPUUnits: t.MachineCPUUnits, MachineMemoryMiB: t.MachineMemoryMiB},
		Open: func() (io.ReadCloser, error) { return openTrace(path) }}
	if len(v.errs) == 0 {
		v.readTrace(tp, path, wl, cfg)
	}
}

// readTrace reads a trace through, reporting its first bad row (or the
// count of skipped ones) and resolving the task definitions rows name.
func (v *validator) readTrace(tp, path string, wl *world.Workload, cfg *world.Config) {
	f, err := wl.Trace.Open()
	if err != nil {
		v.errf(join(tp, "file"), "cannot read the trace: %s", pathError(err))
		return
	}
	defer f.Close()
	r, err := trace.New(wl.Trace.Format, f, wl.Trace.Options)
	rows, late := 0, 0
	for err == nil {
		var rec trace.Record
		if rec, err = r.Next(); err != nil {
			break
		}
		rows++
		if rec.Submit > cfg.Duration {
			late++
		}
		if name := rec.TaskDefinition; name != "" && wl.Trace.Definitions[name] == nil {
			if def := v.traceDefinition(tp, path, rec, wl); def != nil {
				wl.Trace.Definitions[name] = def
			} else {
				return
			}
		}
	}
	var re *trace.RowError
	switch {
	case errors.As(err, &re):
		msg := re.Msg
		if re.Column != "" {
			msg = re.Column + ": " + msg
		}
		if !wl.Trace.Options.SkipBadRows {
			msg += " (skipBadRows: true skips bad rows and counts them)"
		}
		v.errAt(Pos{Line: re.Line, file: path}, tp, msg)
		return
	case !errors.Is(err, io.EOF):
		v.errf(join(tp, "file"), "cannot read the trace: %v", err)
		return
	}
	if n := r.Skipped(); n > 0 {
		v.warnings = append(v.warnings, fmt.Sprintf("%s: skipped %d bad rows of %s (skipBadRows)", tp, n, path))
	}
	if late > 0 {
		v.warnings = append(v.warnings, fmt.Sprintf("%s: %d of %d rows are submitted after the run ends (%s) and are not replayed", tp, late, rows, FormatDuration(cfg.Duration)))
	}
}

// openTrace opens a trace file: only a regular file (not a device such as
// /dev/zero, a FIFO or a folder) of at most trace.MaxBytes; the reader
// bounds its lines (trace.MaxLineBytes).
func openTrace(path string) (io.ReadCloser, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case st.Size() > trace.MaxBytes:
		return nil, fmt.Errorf("larger than %d bytes, the most ecsim reads", int64(trace.MaxBytes))
	}
	return os.Open(path)
}

// traceDefinition resolves the task definition a row names, reporting an
// unknown one at the row.
func (v *validator) traceDefinition(tp, path string, rec trace.Record, wl *world.Workload) *cluster.TaskDefinition {
	def, ok := v.defs[rec.TaskDefinition]
	if !ok {
		v.errAt(Pos{Line: rec.Line, file: path}, tp, fmt.Sprintf("taskDefinition: task definition %q does not exist%s", rec.TaskDefinition, accepted(v.fams...)))
		return nil
	}
	if wl.LaunchType != "" && !contains(def.RequiresCompatibilities, wl.LaunchType) {
		v.errAt(Pos{Line: rec.Line, file: path}, tp, fmt.Sprintf("taskDefinition: task definition %s does not list %s in requiresCompatibilities", def.Name(), wl.LaunchType))
		return nil
	}
	return def
}
