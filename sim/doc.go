// Package sim is the generic discrete-event engine of ecsim: virtual time as an
// integer offset from the scenario start, a typed event queue ordered by
// (time, priority, sequence) with cancellable entries, and named random streams
// derived from one master seed.
//
// sim knows nothing about ECS. It uses the standard library only, starts no
// goroutines, never reads the wall clock and has no package-level state, so that
// the same scenario and seed always replay the same run.
package sim
