package autoscaling_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

func newGroup(t *testing.T, c *cluster.Cluster, alloc string, mtp bool, types ...string) *autoscaling.Group {
	t.Helper()
	var ts []*cluster.InstanceType
	for _, n := range types {
		it, ok := c.Catalogue().Lookup(n)
		if !ok {
			t.Fatalf("no type %s", n)
		}
		ts = append(ts, it)
	}
	return autoscaling.NewGroup(autoscaling.GroupConfig{InstanceTypes: ts, Zones: []string{"a", "b", "c"}, MaxSize: 10,
		AllocationStrategy: alloc, ManagedTerminationProtection: mtp}, rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(3, 4)))
}

// launch applies the group's next launch on c at now.
func launch(t *testing.T, c *cluster.Cluster, g *autoscaling.Group, now sim.Time, down ...string) *cluster.Instance {
	t.Helper()
	l, ok := g.NextLaunch(func(z string) bool {
		for _, d := range down {
			if d == z {
				return true
			}
		}
		return false
	})
	if !ok {
		return nil
	}
	in := clustertest.Instance(c, l.Type.Name).AZ([]string{"a", "b", "c"}[l.Zone]).Active()
	g.Launched(in.ID, l, now)
	return in
}

// TestGroupBalancesZones: launches go to the zone with the fewest of the
// group's instances, the first on ties, skipping zones that are down
// (docs/model.md §3.2); a group whose zones are all down launches nothing.
func TestGroupBalancesZones(t *testing.T) {
	c := clustertest.New()
	g := newGroup(t, c, "prioritized", false, "m5.large")
	var zones string
	for range 4 {
		zones += launch(t, c, g, 0).AZ
	}
	if zones != "abca" {
		t.Fatalf("zones %q, want abca", zones)
	}
	if in := launch(t, c, g, 0, "b"); in.AZ != "c" {
		t.Fatalf("with b down: %s, want c (b and c tie at 1; b is down)", in.AZ)
	}
	if in := launch(t, c, g, 0, "a", "b", "c"); in != nil {
		t.Fatal("launched with every zone down")
	}
	if g.Size() != 5 {
		t.Fatalf("size %d, want 5", g.Size())
	}
}

// TestGroupAllocationStrategies: prioritized takes the first type,
// lowest-price the cheapest (§3.3).
func TestGroupAllocationStrategies(t *testing.T) {
	c := clustertest.New()
	if in := launch(t, c, newGroup(t, c, "prioritized", false, "m5.xlarge", "m5.large"), 0); in.Type.Name != "m5.xlarge" {
		t.Errorf("prioritized: %s", in.Type.Name)
	}
	if in := launch(t, c, newGroup(t, c, "lowest-price", false, "m5.xlarge", "c5.large", "m5.large"), 0); in.Type.Name != "c5.large" {
		t.Errorf("lowest-price: %s", in.Type.Name)
	}
}

// TestGroupChoosesTerminations: a scale-in terminates in the zone with the
// most instances, the instance closest to its next billing hour (§3.2);
// with managed termination protection only empty ACTIVE instances may go
// (§4.3); Remove takes an instance out for good.
func TestGroupChoosesTerminations(t *testing.T) {
	c := clustertest.New()
	g := newGroup(t, c, "prioritized", false, "m5.large")
	// Zones a, b, c, a launched at 0, 10m, 20m, 30m.
	var ins []*cluster.Instance
	for i := range 4 {
		ins = append(ins, launch(t, c, g, sim.Time(i)*10*sim.Minute))
		ins[i].LaunchedAt = sim.Time(i) * 10 * sim.Minute
	}
	now := 55 * sim.Minute // a's instances are 55m and 25m into their hour
	id, ok := g.NextTermination(now, c)
	if !ok || id != ins[0].ID {
		t.Fatalf("terminates %v, want the zone-a instance 55m into its hour (%v)", id, ins[0].ID)
	}
	if !g.Remove(id) || g.Remove(id) || g.Holds(id) || g.Size() != 3 {
		t.Fatal("Remove bookkeeping")
	}
	mtp := newGroup(t, c, "prioritized", true, "m5.large")
	busy := launch(t, c, mtp, 0)
	task := clustertest.Task(c, clustertest.TaskDef().CPU(256).Memory(256).Obj(), "family:x")
	if err := c.Place(task, busy); err != nil {
		t.Fatal(err)
	}
	if _, ok := mtp.NextTermination(now, c); ok {
		t.Fatal("a busy instance terminable under managed termination protection")
	}
	empty := launch(t, c, mtp, 0)
	if id, ok := mtp.NextTermination(now, c); !ok || id != empty.ID {
		t.Fatalf("got %v, want the empty instance", id)
	}
}

// TestGroupWarming: State counts the launches younger than the warm-up.
func TestGroupWarming(t *testing.T) {
	c := clustertest.New()
	g := newGroup(t, c, "prioritized", false, "m5.large")
	launch(t, c, g, 0)
	launch(t, c, g, 4*sim.Minute)
	if st := g.State(5*sim.Minute, 300*time.Second); st.Warming != 1 || st.Max != 10 {
		t.Fatalf("state %+v, want 1 warming (the launch at 4m)", st)
	}
	g.SetDesired(7)
	if st := g.State(10*sim.Minute, 300*time.Second); st.Warming != 0 || st.Desired != 7 {
		t.Fatalf("state %+v", st)
	}
}
