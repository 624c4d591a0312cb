package cluster_test

import (
	"slices"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestDefaultCatalogue checks every built-in type against ecs-reference.md
// §10 (vCPU, memory, architecture, GPUs, price) and the §5.2 ENI table (max
// ENIs, awsvpc tasks with trunking; "not supported" is 0), plus the three
// documented registrations of §5.2 (m4.large, c4.large, c4.4xlarge).
// Registered memory without a documented figure is floor(0.975 × nominal):
// 4096 → 3993, 8192 → 7987, 16384 → 15974, 32768 → 31948.
func TestDefaultCatalogue(t *testing.T) {
	type row struct {
		name        string
		vcpu        int
		cpuUnits    int64
		memMiB      int64
		regMiB      int64
		enis, trunk int
		gpus        int
		arch        string
		price       float64
	}
	want := []row{
		{"t3.medium", 2, 2048, 4096, 3993, 3, 0, 0, "x86_64", 0.0416},
		{"m5.large", 2, 2048, 8192, 7987, 3, 10, 0, "x86_64", 0.096},
		{"m5.xlarge", 4, 4096, 16384, 15974, 4, 20, 0, "x86_64", 0.192},
		{"m5.2xlarge", 8, 8192, 32768, 31948, 4, 40, 0, "x86_64", 0.384},
		{"c5.large", 2, 2048, 4096, 3993, 3, 10, 0, "x86_64", 0.085},
		{"c5.xlarge", 4, 4096, 8192, 7987, 4, 20, 0, "x86_64", 0.17},
		{"r5.large", 2, 2048, 16384, 15974, 3, 10, 0, "x86_64", 0.126},
		{"m6g.large", 2, 2048, 8192, 7987, 3, 10, 0, "arm64", 0.077},
		{"g4dn.xlarge", 4, 4096, 16384, 15974, 3, 0, 1, "x86_64", 0.526},
		// §5.2 documented registrations (W-11, W-12); no trunking.
		{"m4.large", 2, 2048, 8192, 7985, 2, 0, 0, "x86_64", 0.10},
		{"c4.large", 2, 2048, 3840, 3768, 3, 0, 0, "x86_64", 0.10},
		{"c4.4xlarge", 16, 16384, 30720, 30158, 8, 0, 0, "x86_64", 0.796},
	}
	cat := cluster.DefaultCatalogue()
	for _, w := range want {
		it, ok := cat.Lookup(w.name)
		if !ok {
			t.Errorf("%s missing from the default catalogue", w.name)
			continue
		}
		got := row{it.Name, it.VCPU, it.CPUUnits(), it.MemoryMiB, it.RegisteredMemoryMiB, it.ENIs, it.TrunkTasks, it.GPUs, it.Architecture, it.PricePerHour}
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.name, got, w)
		}
	}
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = w.name
	}
	slices.Sort(names)
	if got := cat.Names(); !slices.Equal(got, names) {
		t.Errorf("Names() = %v, want exactly %v", got, names)
	}
}

// TestDefaultRegisteredMemory: floor(nominal × 0.975) (§10 [INF]); the
// doc-comment example 8192 → 7987.
func TestDefaultRegisteredMemory(t *testing.T) {
	for _, tc := range []struct{ nominal, want int64 }{
		{8192, 7987},   // 7987.2
		{4096, 3993},   // 3993.6
		{3840, 3744},   // exactly 3744
		{1000, 975},    // exactly 975
		{1, 0},         // 0.975
		{0, 0},         // nothing
		{65536, 63897}, // 63897.6
	} {
		if got := cluster.DefaultRegisteredMemory(tc.nominal); got != tc.want {
			t.Errorf("DefaultRegisteredMemory(%d) = %d, want %d", tc.nominal, got, tc.want)
		}
	}
}

// TestCataloguePut: Put defaults the registered memory and the architecture,
// replaces a type of the same name, and Lookup misses unknown names.
func TestCataloguePut(t *testing.T) {
	cat := cluster.NewCatalogue(cluster.InstanceType{Name: "lab.16x64", VCPU: 16, MemoryMiB: 65536, ENIs: 8})
	it, ok := cat.Lookup("lab.16x64")
	if !ok {
		t.Fatal("lab.16x64 missing")
	}
	if it.RegisteredMemoryMiB != 63897 || it.Architecture != "x86_64" || it.CPUUnits() != 16384 {
		t.Errorf("defaults: registered %d arch %q cpu %d; want 63897 x86_64 16384", it.RegisteredMemoryMiB, it.Architecture, it.CPUUnits())
	}
	cat.Put(cluster.InstanceType{Name: "lab.16x64", VCPU: 16, MemoryMiB: 65536, RegisteredMemoryMiB: 64512, Architecture: "arm64"})
	it, _ = cat.Lookup("lab.16x64")
	if it.RegisteredMemoryMiB != 64512 || it.Architecture != "arm64" {
		t.Errorf("after override: registered %d arch %q; want 64512 arm64", it.RegisteredMemoryMiB, it.Architecture)
	}
	if _, ok := cat.Lookup("m5.large"); ok {
		t.Error("a NewCatalogue of one type has m5.large")
	}
	if got := cat.Names(); !slices.Equal(got, []string{"lab.16x64"}) {
		t.Errorf("Names() = %v", got)
	}
}

// TestDefaultCatalogueIsFresh: every call returns its own types, so a
// scenario's overrides never leak into another run.
func TestDefaultCatalogueIsFresh(t *testing.T) {
	a := cluster.DefaultCatalogue()
	it, _ := a.Lookup("m5.large")
	it.VCPU = 64
	a.Put(cluster.InstanceType{Name: "extra", VCPU: 1, MemoryMiB: 1024})
	b := cluster.DefaultCatalogue()
	if it2, _ := b.Lookup("m5.large"); it2.VCPU != 2 {
		t.Errorf("m5.large VCPU = %d in a fresh catalogue, want 2", it2.VCPU)
	}
	if _, ok := b.Lookup("extra"); ok {
		t.Error("a type added to one catalogue shows in another")
	}
}

// TestRegisteredMemoryW12: m4.large registers 7985 MiB; with
// ECS_RESERVED_MEMORY=256, 7985-256 = 7729 MiB (W-12). CPU 2 × 1024 = 2048.
// A reservation above the registration clamps to 0.
func TestRegisteredMemoryW12(t *testing.T) {
	c := clustertest.New()
	plain := clustertest.Instance(c, "m4.large").Active()
	reserved := clustertest.Instance(c, "m4.large").ReservedMemory(256).Active()
	huge := clustertest.Instance(c, "m4.large").ReservedMemory(10000).Active()
	for _, tc := range []struct {
		in   *cluster.Instance
		want cluster.Resources
	}{
		{plain, cluster.Resources{CPU: 2048, MemoryMiB: 7985}},
		{reserved, cluster.Resources{CPU: 2048, MemoryMiB: 7729}},
		{huge, cluster.Resources{CPU: 2048, MemoryMiB: 0}},
	} {
		if tc.in.Registered != tc.want {
			t.Errorf("%s: Registered = %+v, want %+v", tc.in.EC2InstanceID, tc.in.Registered, tc.want)
		}
	}
	// §12 #15: a task sized at the nominal 8192 MiB never fits an m4.large,
	// one of 7985 MiB fits exactly, and 7730 MiB does not fit with 256 reserved.
	for _, tc := range []struct {
		in   *cluster.Instance
		mem  int64
		want cluster.Resource
	}{
		{plain, 8192, cluster.ResourceMemory},
		{plain, 7985, cluster.ResourceNone},
		{reserved, 7730, cluster.ResourceMemory},
		{reserved, 7729, cluster.ResourceNone},
	} {
		d := clustertest.TaskDef().Memory(tc.mem).Obj()
		if got := tc.in.Lacks(d.Requirements()); got != tc.want {
			t.Errorf("%s, %d MiB: Lacks = %v, want %v", tc.in.EC2InstanceID, tc.mem, got, tc.want)
		}
	}
}

// TestReservationTotalsW11: c4.4xlarge (16384 CPU, 30158 MiB) + c4.large
// (2048, 3768) register 18432 CPU and 33926 MiB (W-11). Ten tasks of 1024
// CPU / 2048 MiB: the c4.large holds one (a second needs 4096 > 3768 MiB),
// the c4.4xlarge nine (9216 CPU, 18432 MiB). Reserved 10240 CPU and 20480
// MiB: CPUReservation 10240/18432 = 55.6 % and MemoryReservation
// 20480/33926 = 60.4 %, which W-11 gives truncated as 55 % and 60 %.
func TestReservationTotalsW11(t *testing.T) {
	c := clustertest.New()
	big := clustertest.Instance(c, "c4.4xlarge").Active()
	small := clustertest.Instance(c, "c4.large").Active()
	if big.Registered != (cluster.Resources{CPU: 16384, MemoryMiB: 30158}) || small.Registered != (cluster.Resources{CPU: 2048, MemoryMiB: 3768}) {
		t.Fatalf("registered %+v and %+v, want 16384/30158 and 2048/3768", big.Registered, small.Registered)
	}
	def := clustertest.TaskDef().CPU(1024).Memory(2048).Obj()
	mustPlace(t, c, clustertest.Task(c, def, "family:test"), small)
	if err := c.Place(clustertest.Task(c, def, "family:test"), small); err == nil {
		t.Fatal("a second 2048 MiB task fits a c4.large registering 3768 MiB")
	}
	for range 9 {
		mustPlace(t, c, clustertest.Task(c, def, "family:test"), big)
	}
	tot := c.Totals()
	want := cluster.Totals{
		Registered: cluster.Resources{CPU: 18432, MemoryMiB: 33926},
		Reserved:   cluster.Resources{CPU: 10240, MemoryMiB: 20480},
	}
	if tot != want {
		t.Fatalf("Totals = %+v, want %+v", tot, want)
	}
	if cpu, mem := tot.Reserved.CPU*100/tot.Registered.CPU, tot.Reserved.MemoryMiB*100/tot.Registered.MemoryMiB; cpu != 55 || mem != 60 {
		t.Errorf("CPUReservation %d %%, MemoryReservation %d %%; want 55 %% and 60 %%", cpu, mem)
	}
	if err := clustertest.Verify(c); err != nil {
		t.Error(err)
	}
}

func mustPlace(t testing.TB, c *cluster.Cluster, task *cluster.Task, in *cluster.Instance) {
	t.Helper()
	if err := c.Place(task, in); err != nil {
		t.Fatalf("Place: %v", err)
	}
}
