// Package cluster holds the ECS domain state of one simulated cluster: the
// instance-type catalogue, container instances with their registered and
// reserved resources and attributes, task definitions and the requirements
// derived from them, and tasks with their lifecycle states.
//
// Every change to an instance's reservations goes through Cluster.Reserve and
// Cluster.Release, which refuse anything that would over-commit CPU, memory,
// GPUs, host ports or ENIs. The package depends on sim only; it knows nothing
// of placement strategies, auto scaling or time-driven behaviour.
package cluster
