package autoscaling_test

import (
	"math"
	"testing"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim/cluster"
)

// Registered figures of the built-in catalogue used by hand-derived
// expectations below (cluster.DefaultCatalogue; registered memory is
// floor(nominal × 0.975) where AWS publishes no figure, docs/model.md §10):
//
//	m5.large    2048 CPU,  7987 MiB, 3 ENIs → 2 awsvpc tasks (10 trunked)
//	r5.large    2048 CPU, 15974 MiB, 3 ENIs → 2 (10 trunked)
//	c5.large    2048 CPU,  3993 MiB, 3 ENIs → 2 (10 trunked)
//	m5.xlarge   4096 CPU, 15974 MiB, 4 ENIs → 3 (20 trunked)
//	g4dn.xlarge 4096 CPU, 15974 MiB, 1 GPU, 3 ENIs → 2 (no trunking)
//	t3.medium   2048 CPU,  3993 MiB, 3 ENIs → 2 (no trunking)
//
// and every type offers 61000-32768+1 = 28233 dynamic ports.
const (
	m5LargeMem  = 7987
	r5LargeMem  = 15974
	c5LargeMem  = 3993
	m5XLargeMem = 15974
	dynPorts    = 28233
)

var catalogue = cluster.DefaultCatalogue()

// itype returns a built-in instance type.
func itype(t testing.TB, name string) *cluster.InstanceType {
	t.Helper()
	it, ok := catalogue.Lookup(name)
	if !ok {
		t.Fatalf("instance type %q not in the default catalogue", name)
	}
	return it
}

// bounds returns Bounds of the named built-in types with default settings.
func bounds(t testing.TB, names ...string) (smallest, largest cluster.Capacity) {
	t.Helper()
	return boundsSpec(t, cluster.InstanceSpec{}, names...)
}

// boundsSpec returns Bounds of the named built-in types with spec.
func boundsSpec(t testing.TB, spec cluster.InstanceSpec, names ...string) (smallest, largest cluster.Capacity) {
	t.Helper()
	types := make([]*cluster.InstanceType, len(names))
	for i, n := range names {
		types[i] = itype(t, n)
	}
	return autoscaling.Bounds(types, spec)
}

// req returns the requirements of a task needing cpu units and mem MiB.
func req(cpu, mem int64) *cluster.Requirements {
	return &cluster.Requirements{Resources: cluster.Resources{CPU: cpu, MemoryMiB: mem}}
}

// awsvpcReq is req for an awsvpc task (one ENI).
func awsvpcReq(cpu, mem int64) *cluster.Requirements {
	r := req(cpu, mem)
	r.ENIs = 1
	return r
}

// gpuReq is req for a task needing gpus GPUs.
func gpuReq(cpu, mem, gpus int64) *cluster.Requirements {
	r := req(cpu, mem)
	r.GPUs = gpus
	return r
}

// portReq is req for a bridge task with static TCP host ports.
func portReq(cpu, mem int64, ports ...int) *cluster.Requirements {
	r := req(cpu, mem)
	for _, p := range ports {
		r.StaticPorts = append(r.StaticPorts, cluster.MakePortKey(p, "tcp"))
	}
	return r
}

// group is a TaskGroup without a per-instance cap.
func group(r *cluster.Requirements, n int) autoscaling.TaskGroup {
	return autoscaling.TaskGroup{Req: r, Count: n}
}

// metric is the datapoint for M needed and N running instances with nothing
// incompatible (docs/model.md §1.2).
func metric(m, n int) autoscaling.Metric {
	return autoscaling.Metric{Value: autoscaling.CapacityProviderReservation(m, n), M: m, N: n}
}

// near reports whether a and b agree to 1e-9.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9 }

// near2 reports whether a rounds to b at two decimals (133.33, 66.67).
func near2(a, b float64) bool { return math.Abs(a-b) < 0.005 }
