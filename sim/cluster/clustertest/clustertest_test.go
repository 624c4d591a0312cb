package clustertest_test

import (
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestTaskDefBuilder: the builder's defaults and that Obj returns finalized,
// independent copies.
func TestTaskDefBuilder(t *testing.T) {
	b := clustertest.TaskDef().CPU(256).Memory(512).Port(80, 0).Network(cluster.NetworkAwsvpc)
	d := b.Obj()
	if d.Family != "test" || d.Revision != 1 || d.NetworkMode != cluster.NetworkAwsvpc || len(d.Containers) != 1 || d.Containers[0].Name != "app" {
		t.Errorf("definition = %+v", *d)
	}
	if r := d.Requirements(); r.CPU != 256 || r.MemoryMiB != 512 || r.ENIs != 1 || r.DynamicPorts != 0 {
		t.Errorf("not finalized: %+v", *r)
	}
	e := b.Port(81, 0).Obj()
	if len(d.Containers[0].PortMappings) != 1 || len(e.Containers[0].PortMappings) != 2 {
		t.Error("Obj copies share port mappings")
	}
	if got := clustertest.TaskDef().Compat("EC2", "FARGATE").Obj().RequiresCompatibilities; len(got) != 2 {
		t.Errorf("Compat = %v", got)
	}
}

// TestInstanceBuilder: Active registers the instance, Launching does not,
// Draining drains; an unknown type panics.
func TestInstanceBuilder(t *testing.T) {
	c := clustertest.New()
	a := clustertest.Instance(c, "m5.large").AZ("us-east-1b").Attr("k", "v").Active()
	l := clustertest.Instance(c, "m5.large").Launching()
	d := clustertest.Instance(c, "c5.large").Trunking().Draining()
	if a.Status != cluster.Active || !a.AgentConnected || l.Status != cluster.Launching || d.Status != cluster.Draining {
		t.Errorf("statuses %v %v %v", a.Status, l.Status, d.Status)
	}
	if v, _ := a.Attribute("k"); v != "v" || a.AZ != "us-east-1b" || a.Provider != -1 || d.ENIsFree() != 10 {
		t.Errorf("attribute %q, AZ %q, provider %d, ENIs %d", v, a.AZ, a.Provider, d.ENIsFree())
	}
	if spec := clustertest.Instance(c, "m4.large").ReservedMemory(256).Spec(); spec.Type.Name != "m4.large" || spec.ReservedMemoryMiB != 256 {
		t.Errorf("Spec = %+v", spec)
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown instance type did not panic")
		}
	}()
	clustertest.Instance(c, "x9.huge")
}

// TestVerify: Verify accepts a consistent cluster and reports corruption.
func TestVerify(t *testing.T) {
	c := clustertest.New()
	in := clustertest.Instance(c, "m5.large").Active()
	task := clustertest.Task(c, clustertest.TaskDef().CPU(512).Memory(512).Obj(), "family:test")
	if err := c.Place(task, in); err != nil {
		t.Fatal(err)
	}
	if err := clustertest.Verify(c); err != nil {
		t.Fatalf("Verify of a consistent cluster: %v", err)
	}
	in.Reserved.CPU = 4096 // corrupt: over-committed and not the tasks' sum
	err := clustertest.Verify(c)
	if err == nil {
		t.Fatal("Verify missed an over-committed instance")
	}
	for _, want := range []string{"over-committed", "want the sum of its tasks", "Totals"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Verify error %q does not mention %q", err, want)
		}
	}
}
