// Package clustertest holds test support for package cluster and the packages
// built on it: fluent builders for task definitions and container instances,
// so that table rows stay one line each, and Verify, which checks the
// bookkeeping invariants of a Cluster through its public API.
//
//	def := clustertest.TaskDef().CPU(256).Memory(512).Port(80, 0).Obj()
//	in := clustertest.Instance(c, "m5.large").AZ("us-east-1a").Attr("stack", "prod").Active()
//
// It depends on the standard library and sim/cluster only.
package clustertest
