// Package world is the ECS control plane of a simulation and its composition
// root: it turns a Config into a cluster, a placer and workload generators,
// drives them with the sim event loop, and reports every state change to an
// Observer.
//
// The controllers decide and the world applies: autoscaling's for capacity,
// sim/services' service schedulers for services, sim/faults' kinds for faults;
// only the world changes the cluster and emits records.
//
// world depends on sim, sim/cluster, sim/record, sim/faults, sim/services,
// placement, autoscaling and workloads; nothing below it depends on it. It
// starts no goroutines and never reads the wall clock.
package world
