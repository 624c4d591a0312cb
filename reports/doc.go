// Package reports turns the observations of a run into the files users read:
// summary.json, timeseries.csv and events.jsonl (README "Outputs"), written into an
// output directory that appears whole or not at all, and a readable summary
// table.
//
// reports implements the world's Observer but imports only sim and
// sim/record: it never reaches into placement, autoscaling or workloads.
package reports
