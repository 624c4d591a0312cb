// Package workloads generates the tasks that flow into a simulated cluster:
// arrival processes (when RunTask requests come and how many tasks each asks
// for) and the distributions of task durations and sizes, built on gonum's
// distuv with explicit random sources from sim.Streams.
//
// workloads depends on sim and gonum only; it holds no state between runs and
// never draws from a global random generator.
package workloads
