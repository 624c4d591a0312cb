package trace

import (
	"cmp"
	"fmt"
	"io"
	"slices"
)

// Alibaba 2018 batch_task columns (0-based) and their names in messages.
const (
	aInstances, aStatus, aStart, aEnd, aCPU, aMem = 1, 4, 5, 6, 7, 8
	aFields                                       = 9
)

var aColName = map[int]string{aInstances: "instance_num", aStatus: "status",
	aStart: "start_time", aEnd: "end_time", aCPU: "plan_cpu", aMem: "plan_mem"}

// aTerminated is the status of a task that ran to completion.
const aTerminated = "Terminated"

// Alibaba2018Reader reads the batch_task table of Alibaba's
// cluster-trace-v2018 (schema: https://github.com/alibaba/clusterdata,
// cluster-trace-v2018/schema.txt and trace_2018.md): headerless CSV rows of
// 9 columns:
//
//	task_name, instance_num, job_name, task_type, status,
//	start_time, end_time, plan_cpu, plan_mem
//
// Each row is a task of instance_num identical instances and yields one
// record (TaskDefinition "", Line the row's line):
//
//   - Count = instance_num.
//   - Submit = start_time and Duration = end_time − start_time, both in
//     seconds since the start of the trace (which is time 0).
//     Example: start_time 100, end_time 160 → Submit 100s, Duration 60s.
//     batch_task has no submission time, so the start stands in for it.
//   - CPU units = round(plan_cpu / 100 × Options.CPUUnitsPerCore): plan_cpu
//     100 is one core; the default DefaultCPUUnitsPerCore maps a core to
//     one vCPU (1024 units). Example: plan_cpu 50 → 512 units.
//   - MemoryMiB = round(plan_mem / 100 × Options.MachineMemoryMiB): plan_mem
//     is normalised to the largest machine's memory, 0–100. The default
//     DefaultAlibabaMachineMemoryMiB (384 GiB) assumes 4 GiB per core of the
//     trace's 96-core machines, as the trace publishes no absolute size.
//     Example: plan_mem 1.5 → round(5898.24) = 5898 MiB.
//
// Rows whose status is not Terminated, whose start_time or end_time is empty
// or 0 (the schema's "before or after the 8-day time span"), whose plan_cpu
// or plan_mem is empty, or whose instance_num is 0 are dropped and counted
// in Dropped. Present values that are malformed or negative, plan_mem above
// 100, or end_time before start_time make the row bad.
//
// The file is not in start_time order, so the first call to Next reads it
// all and sorts the records by Submit, ties in line order; it keeps one
// Record (about 64 bytes) per row kept, not the rows.
type Alibaba2018Reader struct {
	src      io.Reader
	cpu, mem float64 // CPU units per core, MiB of the largest machine
	sortedRecords
	badRows
}

func newAlibaba(r io.Reader, opts Options) *Alibaba2018Reader {
	return &Alibaba2018Reader{
		src:     r,
		cpu:     orDefault(opts.CPUUnitsPerCore, DefaultCPUUnitsPerCore),
		mem:     orDefault(opts.MachineMemoryMiB, DefaultAlibabaMachineMemoryMiB),
		badRows: badRows{skip: opts.SkipBadRows},
	}
}

// Next returns the next task in Submit order (ties in line order), io.EOF
// at the end, or a *RowError for a bad row (unless Options.SkipBadRows).
// The first call reads the whole input. Errors are sticky.
func (a *Alibaba2018Reader) Next() (Record, error) { return a.nextRecord(a.load) }

// Dropped returns the number of well-formed rows dropped: status other than
// Terminated, a missing (empty or 0) start_time or end_time, an empty
// plan_cpu or plan_mem, or instance_num 0. It is complete once Next has been
// called.
func (a *Alibaba2018Reader) Dropped() int { return a.dropped }

func (a *Alibaba2018Reader) load() error {
	cr := newRowReader(a.src)
	for {
		fields, line, err := readRow(cr, &a.badRows)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		rec, keep, re := a.parse(fields, line)
		if re != nil {
			if a.bad(re) {
				return re
			}
			continue
		}
		if !keep {
			a.dropped++
			continue
		}
		a.recs = append(a.recs, rec)
	}
	slices.SortStableFunc(a.recs, func(x, y Record) int {
		return cmp.Or(cmp.Compare(x.Submit, y.Submit), cmp.Compare(x.Line, y.Line))
	})
	return nil
}

// parse checks and converts one batch_task row; keep is false for a
// well-formed row that is dropped.
func (a *Alibaba2018Reader) parse(f []string, line int) (rec Record, keep bool, re *RowError) {
	if len(f) != aFields {
		return rec, false, &RowError{Line: line, Msg: fmt.Sprintf(wantFields, len(f), aFields)}
	}
	n, re := parseInt(f[aInstances], line, aColName[aInstances], maxSize)
	if re != nil {
		return rec, false, re
	}
	// Check every present value, so that a malformed row is reported even
	// when it would be dropped.
	times, re := aTimes(f, line)
	if re != nil {
		return rec, false, re
	}
	plan, re := aPlan(f, line)
	if re != nil {
		return rec, false, re
	}
	if times[0] > 0 && times[1] > 0 && times[1] < times[0] {
		return rec, false, &RowError{Line: line, Column: aColName[aEnd],
			Msg: fmt.Sprintf("must be >= start_time %s (got %s)", f[aStart], short(f[aEnd]))}
	}
	if aDropped(f, times, n) {
		return rec, false, nil
	}
	rec, re = a.record(f, line, n, times, plan)
	return rec, re == nil, re
}

// aTimes parses the start_time and end_time columns of a batch_task row, in
// seconds; an empty column gives 0.
func aTimes(f []string, line int) (times [2]float64, re *RowError) {
	for i, col := range []int{aStart, aEnd} {
		if f[col] == "" {
			continue
		}
		v, re := parseInt(f[col], line, aColName[col], maxSeconds)
		if re != nil {
			return times, re
		}
		times[i] = float64(v)
	}
	return times, nil
}

// aPlan parses the plan_cpu and plan_mem columns of a batch_task row; an
// empty column gives 0. plan_mem, normalised to the largest machine, must
// not exceed 100.
func aPlan(f []string, line int) (plan [2]float64, re *RowError) {
	for i, col := range []int{aCPU, aMem} {
		if f[col] == "" {
			continue
		}
		if plan[i], re = parseNumber(f[col], line, aColName[col]); re != nil {
			return plan, re
		}
	}
	if plan[1] > 100 {
		return plan, badValue(line, aColName[aMem], wantPct, f[aMem])
	}
	return plan, nil
}

// aDropped reports whether a well-formed batch_task row is dropped: its
// status is not Terminated, start_time or end_time is missing (empty or 0),
// plan_cpu or plan_mem is empty, or instance_num is 0.
func aDropped(f []string, times [2]float64, instances int64) bool {
	return f[aStatus] != aTerminated || times[0] == 0 || times[1] == 0 ||
		f[aCPU] == "" || f[aMem] == "" || instances == 0
}

// record converts a kept batch_task row, already checked by parse, to its
// Record: Submit and Duration from times, CPU units and MiB from plan.
func (a *Alibaba2018Reader) record(f []string, line int, instances int64, times, plan [2]float64) (rec Record, re *RowError) {
	rec = Record{Count: int(instances), Line: line}
	if rec.Submit, re = seconds(times[0], f[aStart], line, aColName[aStart]); re != nil {
		return rec, re
	}
	end, re := seconds(times[1], f[aEnd], line, aColName[aEnd])
	if re != nil {
		return rec, re
	}
	rec.Duration = end - rec.Submit
	if rec.CPU, re = scale(plan[0]/100, a.cpu, f[aCPU], line, aColName[aCPU]); re != nil {
		return rec, re
	}
	if rec.MemoryMiB, re = scale(plan[1]/100, a.mem, f[aMem], line, aColName[aMem]); re != nil {
		return rec, re
	}
	return rec, nil
}
