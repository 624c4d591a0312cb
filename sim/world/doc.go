// Package world is the ECS control plane of a simulation and its composition
// root: it turns a Config into a cluster, a placer and workload generators,
// drives them with the sim event loop, and reports every state change to an
// Observer.
//
// world depends on sim, sim/cluster, sim/record, placement, autoscaling and
// workloads; nothing below it depends on it. It starts no goroutines and never
// reads the wall clock.
package world
