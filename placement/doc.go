// Package placement decides where ECS places a task, as ECS documents it
// (docs/model.md §5): it filters the schedulable container instances by
// resources (CPU units, memory, GPUs, host ports, ENIs) and by placement
// constraints (distinctInstance, memberOf), orders the candidates by the
// placement strategy chain (binpack, spread, random) where each strategy only
// breaks the ties of the one before, and breaks the ties left with the run's
// placement random stream.
//
//	schedulable instances ──fit──▶ ──constraints──▶ candidates ──strategy 1──▶ ties ──strategy 2──▶ … ──random──▶ one instance
//
// The Placer keeps indexes of the schedulable instances ordered by free CPU or
// memory, partitioned by a spread attribute, so that binpack and
// spread+binpack chains examine only the few candidates that can win; the
// answer is always the one an exhaustive scan would give.
//
// placement depends on sim/cluster (domain state) and placement/cql only: it
// has no clock and no global random numbers.
package placement
