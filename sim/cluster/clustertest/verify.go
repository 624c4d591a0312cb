package clustertest

import "github.com/ecsim/ecsim/sim/cluster"

// Verify checks the bookkeeping invariants of c (cluster.Verify).
func Verify(c *cluster.Cluster) error { return cluster.Verify(c) }
