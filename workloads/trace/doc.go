// Package trace reads workload traces and turns them into task submissions
// for replay: each Record asks for Count tasks of CPU units and MemoryMiB,
// submitted Submit after the trace's start and running for Duration.
//
//	rd, err := trace.New(trace.CSV, f, trace.Options{SkipBadRows: true})
//	if err != nil { ... }
//	for {
//		rec, err := rd.Next()
//		if err == io.EOF { break }
//		if err != nil { ... } // a *trace.RowError names the line and column
//		...
//	}
//
// # Formats
//
//   - CSV ("csv", CSVReader): ecsim's own format, a header line then rows of
//     submitSeconds,durationSeconds,cpu,memory[,count][,taskDefinition] in
//     non-decreasing submitSeconds order. Streamed in constant memory.
//   - Google2011 ("google2011", Google2011Reader): the task_events table of
//     Google's clusterdata-2011-2 trace, schema in "Google cluster-usage
//     traces: format + schema" (Reiss, Wilkes, Hellerstein; linked from
//     https://github.com/google/cluster-data/blob/master/ClusterData2011_2.md).
//     Events are paired per task, so the input is loaded whole.
//   - Alibaba2018 ("alibaba2018", Alibaba2018Reader): the batch_task table of
//     Alibaba's cluster-trace-v2018, schema in
//     https://github.com/alibaba/clusterdata/tree/master/cluster-trace-v2018
//     (schema.txt, trace_2018.md). Rows are not in time order, so the input
//     is loaded whole and sorted.
//
// Every reader yields records in non-decreasing Submit order, with
// non-negative Duration, CPU and MemoryMiB, and Count >= 1.
//
// # Unit conversions
//
// ecsim sizes tasks as ECS does: CPU units (1024 = 1 vCPU) and MiB.
//
// CSV: seconds become time.Duration rounded to the nanosecond; cpu and
// memory are already CPU units and MiB. Example: the row "1.5,90,256,512"
// is Submit 1.5s, Duration 1m30s, CPU 256 (a quarter vCPU), 512 MiB.
//
// Google 2011: timestamps are microseconds (5_600_000_000 µs = 5600 s);
// Submit is measured from the earliest first SUBMIT of the records kept.
// The special timestamp 0 (before the trace window) is read as the window's
// opening, 600 s; 2^63-1 (after the window) events are ignored. Requests are
// fractions of the largest machine: CPU units = round(request ×
// MachineCPUUnits), MemoryMiB = round(request × MachineMemoryMiB). Defaults:
// 1.0 = 32 vCPUs = 32768 units and 1.0 = 128 GiB = 131072 MiB. Example: CPU
// request 0.0625 and memory request 0.03 → 2048 units (2 vCPUs) and
// round(3932.16) = 3932 MiB.
//
// Alibaba 2018: times are seconds since the trace start. CPU units =
// round(plan_cpu / 100 × CPUUnitsPerCore), as plan_cpu 100 is one core;
// default 1024 (one core = one vCPU). MemoryMiB = round(plan_mem / 100 ×
// MachineMemoryMiB), as plan_mem is 0–100 of the largest machine's memory;
// default 384 GiB = 393216 MiB. Example: plan_cpu 50 and plan_mem 1.5 →
// 512 units and round(5898.24) = 5898 MiB.
//
// Sources and certainty of the defaults: "1 vCPU = 1024 CPU units" is ECS's
// own definition. The Alibaba "100 is 1 core" and "normalised to the largest
// memory size of all machines" come from the v2018 schema; the trace's
// machines have 96 cores (machine_meta cpu_num; Guo et al., IWQoS 2019), but
// no absolute memory is published, so 384 GiB (4 GiB per core, the ratio of
// general-purpose EC2 instances such as m5.24xlarge) is an assumption.
// Google's schema normalises requests to the largest machine without
// publishing its size; 32 vCPUs and 128 GiB are assumptions. Set the Options
// fields to replay at another scale.
//
// # Bad rows
//
// A row that is malformed (a value that is not a number, negative, missing
// where required, or out of range; a wrong number of fields; a CSV row out
// of submitSeconds order; a stray quote) is bad. By default Next returns a
// *RowError naming its line and, where known, its column, and keeps
// returning it. With Options.SkipBadRows the row is skipped and counted in
// Reader.Skipped. Rows that are well formed but cannot be replayed (a Google
// task never scheduled; an Alibaba task not Terminated) are not bad: the
// trace readers drop them and count them in their Dropped method.
//
// # Memory
//
// CSVReader holds one row at a time. Google2011Reader keeps a small state
// per distinct task (about 170 bytes) while pairing, then one Record per
// task kept; Alibaba2018Reader keeps one Record per row kept. Neither keeps
// the rows themselves.
package trace
