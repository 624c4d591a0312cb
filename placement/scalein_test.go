package placement

import (
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// placeOn places a task of the group on a given instance.
func placeOn(t *testing.T, w *world, in *cluster.Instance, g cluster.GroupID, def *cluster.TaskDefinition) *cluster.Task {
	t.Helper()
	task := w.c.NewTask(def, g, 0)
	if err := w.c.Place(task, in); err != nil {
		t.Fatal(err)
	}
	return task
}

// TestScaleInWithoutStrategy is W-16 (docs/model.md §6.2): tasks per AZ
// A=1, B=2, C=2 → stop one in B or C, on the instance with the most tasks
// of the service.
func TestScaleInWithoutStrategy(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		w := newWorld(seed)
		a := w.add(t, "m5.large", "us-east-1a")
		b1, b2 := w.add(t, "m5.large", "us-east-1b"), w.add(t, "m5.large", "us-east-1b")
		c := w.add(t, "m5.large", "us-east-1c")
		r := &Request{Chain: ServiceDefault(w.c), Group: w.c.Group("service:web")}
		w.p.Prepare(r)
		def := taskDef(256, 512)
		tasks := []*cluster.Task{
			placeOn(t, w, a, r.Group, def),
			placeOn(t, w, b1, r.Group, def), placeOn(t, w, b2, r.Group, def),
			placeOn(t, w, c, r.Group, def), placeOn(t, w, c, r.Group, def),
		}
		// B and C tie at 2 tasks; in C one instance has 2 tasks, in B each
		// instance has 1, so the instance rule picks C's instance.
		got := w.p.ChooseTaskToStop(tasks, r)
		if got.Instance != c.ID {
			t.Fatalf("seed %d: stopped the task on %s (%s), want one on %s in us-east-1c", seed, w.c.Instance(got.Instance).EC2InstanceID, w.c.Instance(got.Instance).AZ, c.EC2InstanceID)
		}
	}
}

// TestScaleInBinpack: binpack stops the task whose instance keeps the most
// free memory after the stop (docs/model.md §5.3).
func TestScaleInBinpack(t *testing.T) {
	w := newWorld(1)
	full, light := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
	r := &Request{Chain: NewChain(Binpack(DimMemory)), Group: w.c.Group("service:web")}
	def := taskDef(128, 1024)
	var tasks []*cluster.Task
	for i := 0; i < 5; i++ {
		tasks = append(tasks, placeOn(t, w, full, r.Group, def))
	}
	tasks = append(tasks, placeOn(t, w, light, r.Group, def))
	if got := w.p.ChooseTaskToStop(tasks, r); got.Instance != light.ID {
		t.Fatalf("binpack scale-in stopped a task on the full instance; want the lightly used one")
	}
}

// TestScaleInProvisioningFirst: a task not yet placed is stopped before any
// placed one [INF].
func TestScaleInProvisioningFirst(t *testing.T) {
	w := newWorld(1)
	in := w.add(t, "m5.large", "us-east-1a")
	r := &Request{Chain: ServiceDefault(w.c), Group: w.c.Group("service:web")}
	w.p.Prepare(r)
	def := taskDef(128, 256)
	placed := placeOn(t, w, in, r.Group, def)
	waiting := w.c.NewTask(def, r.Group, 0)
	if got := w.p.ChooseTaskToStop([]*cluster.Task{placed, waiting}, r); got != waiting {
		t.Fatal("a placed task was chosen before the PROVISIONING one")
	}
}

// TestServiceDefaultPlacement is W-17 (§5.1): tasks per AZ A=1, B=0, C=0 →
// the next task goes to B or C.
func TestServiceDefaultPlacement(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		w := newWorld(seed)
		a := w.add(t, "m5.large", "us-east-1a")
		w.add(t, "m5.large", "us-east-1b")
		w.add(t, "m5.large", "us-east-1c")
		r := &Request{Chain: ServiceDefault(w.c), Group: w.c.Group("service:web")}
		w.p.Prepare(r)
		def := taskDef(256, 512)
		placeOn(t, w, a, r.Group, def)
		r.Req = def.Requirements()
		if got := w.p.Place(r); got.AZ == "us-east-1a" {
			t.Fatalf("seed %d: placed in us-east-1a, which already has a task", seed)
		}
	}
}
