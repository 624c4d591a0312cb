package cluster_test

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

// TestDefaultCatalogue checks the original twelve built-in types against
// docs/model.md §10 (vCPU, memory, architecture, GPUs, price) and the §5.2
// ENI table (max ENIs, awsvpc tasks with trunking; "not supported" is 0),
// plus the three documented registrations of §5.2 (m4.large, c4.large,
// c4.4xlarge). Registered memory without a documented figure is
// floor(0.975 × nominal): 4096 → 3993, 8192 → 7987, 16384 → 15974,
// 32768 → 31948. The catalogue holds more types since; Names() lists them
// all, sorted and without duplicates.
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
	got := cat.Names()
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("Names() = %v, want sorted and without duplicates", got)
	}
	for _, w := range want {
		if _, found := slices.BinarySearch(got, w.name); !found {
			t.Errorf("Names() lacks %s", w.name)
		}
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

// TestDefaultCatalogueFamilies checks hand-copied rows, at least one per
// family added with the larger catalogue, against the sources named in
// catalogue_types.go:
//   - vCPU, memory, GPUs: EC2 instance type specifications
//     https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html (m, t),
//     co.html (c), mo.html (r), ac.html (g);
//   - ENIs and trunk limits: the ECS table
//     https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html
//     ("task limit without ENI trunking" + 1, "task limit with ENI
//     trunking"); for t3, t3a, t4g and g4dn, which it does not support, the
//     EC2 maximum network interfaces and 0;
//   - price: us-east-1 Linux On-Demand, https://aws.amazon.com/ec2/pricing/on-demand/
//     (AWS Price List values via the Karpenter generated table).
//
// The current-generation families of trunkingUnknown, which the ECS table
// we could read predates, are checked against the generated tables
// themselves: vCPU, MemoryMb and Architecture in kubernetes/autoscaler
// cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go (2024-10-02),
// Interface (maximum ENIs) in aws/amazon-vpc-resource-controller-k8s
// pkg/aws/vpc/limits.go (2025-10-06), and the us-east-1 price in
// aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go
// (2026-01-19); their trunk limit is 0.
//
// Registered memory is floor(0.975 × nominal): 512 → 499, 2048 → 1996,
// 8192 → 7987, 16384 → 15974, 32768 → 31948, 65536 → 63897,
// 73728 → 71884, 98304 → 95846, 131072 → 127795, 196608 → 191692,
// 262144 → 255590, 393216 → 383385.
func TestDefaultCatalogueFamilies(t *testing.T) {
	type row struct {
		name        string
		vcpu        int
		memMiB      int64
		regMiB      int64
		enis, trunk int
		gpus        int
		arch        string
		price       float64
	}
	want := []row{
		// General purpose (gp.html; ECS general purpose table).
		{"m5.4xlarge", 16, 65536, 63897, 8, 60, 0, "x86_64", 0.768},
		{"m5a.large", 2, 8192, 7987, 3, 10, 0, "x86_64", 0.086},
		{"m6i.8xlarge", 32, 131072, 127795, 8, 90, 0, "x86_64", 1.536},
		{"m6a.12xlarge", 48, 196608, 191692, 8, 120, 0, "x86_64", 2.0736},
		{"m6g.medium", 1, 4096, 3993, 2, 4, 0, "arm64", 0.0385},
		{"m7g.xlarge", 4, 16384, 15974, 4, 20, 0, "arm64", 0.1632},
		// Burstable (gp.html; EC2 maximum network interfaces; not in the ECS table).
		{"t3.nano", 2, 512, 499, 2, 0, 0, "x86_64", 0.0052},
		{"t3a.small", 2, 2048, 1996, 2, 0, 0, "x86_64", 0.0188},
		{"t4g.2xlarge", 8, 32768, 31948, 4, 0, 0, "arm64", 0.2688},
		// Compute optimized (co.html; ECS compute optimized table).
		{"c5.9xlarge", 36, 73728, 71884, 8, 60, 0, "x86_64", 1.53},
		{"c6i.large", 2, 4096, 3993, 3, 10, 0, "x86_64", 0.085},
		{"c6a.8xlarge", 32, 65536, 63897, 8, 90, 0, "x86_64", 1.224},
		{"c6g.12xlarge", 48, 98304, 95846, 8, 60, 0, "arm64", 1.632},
		{"c7g.medium", 1, 2048, 1996, 2, 4, 0, "arm64", 0.0363},
		// Memory optimized (mo.html; ECS memory optimized table).
		{"r5.12xlarge", 48, 393216, 383385, 8, 60, 0, "x86_64", 3.024},
		{"r6i.xlarge", 4, 32768, 31948, 4, 20, 0, "x86_64", 0.252},
		{"r6g.8xlarge", 32, 262144, 255590, 8, 60, 0, "arm64", 1.6128},
		{"r7g.4xlarge", 16, 131072, 127795, 8, 60, 0, "arm64", 0.8568},
		// r7g.12xlarge: 48 vCPU, 384 GiB (mo.html); ECS memory optimized
		// table "r7g.12xlarge | 7 | 60"; us-east-1 $2.5704/h.
		{"r7g.12xlarge", 48, 393216, 383385, 8, 60, 0, "arm64", 2.5704},
		// r6a: 2 vCPU, 16 GiB and 48 vCPU, 384 GiB (mo.html); ECS memory
		// optimized table "r6a.large | 2 | 10", "r6a.12xlarge | 7 | 120";
		// us-east-1 $0.1134/h and $2.7216/h.
		{"r6a.large", 2, 16384, 15974, 3, 10, 0, "x86_64", 0.1134},
		{"r6a.12xlarge", 48, 393216, 383385, 8, 120, 0, "x86_64", 2.7216},
		// Accelerated (ac.html; g4dn is named unsupported by the ECS page,
		// g5 is in its accelerated computing table).
		{"g4dn.12xlarge", 48, 196608, 191692, 8, 0, 4, "x86_64", 3.912},
		{"g5.xlarge", 4, 16384, 15974, 4, 6, 1, "x86_64", 1.006},
		{"g5.12xlarge", 48, 196608, 191692, 15, 120, 4, "x86_64", 5.672},
		// Current generation, no trunk limit (trunkingUnknown). Each row:
		// autoscaler VCPU and MemoryMb; limits.go Interface; Karpenter
		// us-east-1 price.
		// m7i.large: 2, 8192; Interface 3; "m7i.large": 0.100800.
		{"m7i.large", 2, 8192, 7987, 3, 0, 0, "x86_64", 0.1008},
		// m7i.8xlarge: 32, 131072; Interface 8; "m7i.8xlarge": 1.612800.
		{"m7i.8xlarge", 32, 131072, 127795, 8, 0, 0, "x86_64", 1.6128},
		// m7a.12xlarge: 48, 196608; Interface 8; "m7a.12xlarge": 2.782080.
		{"m7a.12xlarge", 48, 196608, 191692, 8, 0, 0, "x86_64", 2.78208},
		// m8g.medium: 1, 4096, arm64; Interface 2; "m8g.medium": 0.044880.
		{"m8g.medium", 1, 4096, 3993, 2, 0, 0, "arm64", 0.04488},
		// m8g.4xlarge: 16, 65536, arm64; Interface 8; "m8g.4xlarge": 0.718080.
		{"m8g.4xlarge", 16, 65536, 63897, 8, 0, 0, "arm64", 0.71808},
		// c7i.8xlarge: 32, 65536; Interface 8; "c7i.8xlarge": 1.428000.
		{"c7i.8xlarge", 32, 65536, 63897, 8, 0, 0, "x86_64", 1.428},
		// c7a.xlarge: 4, 8192; Interface 4; "c7a.xlarge": 0.205280.
		{"c7a.xlarge", 4, 8192, 7987, 4, 0, 0, "x86_64", 0.20528},
		// c8g.12xlarge: 48, 98304, arm64; Interface 8; "c8g.12xlarge": 1.914240.
		{"c8g.12xlarge", 48, 98304, 95846, 8, 0, 0, "arm64", 1.91424},
		// r7i.2xlarge: 8, 65536; Interface 4; "r7i.2xlarge": 0.529200.
		{"r7i.2xlarge", 8, 65536, 63897, 4, 0, 0, "x86_64", 0.5292},
		// r7a.4xlarge: 16, 131072; Interface 8; "r7a.4xlarge": 1.217200.
		{"r7a.4xlarge", 16, 131072, 127795, 8, 0, 0, "x86_64", 1.2172},
		// r8g.medium: 1, 8192, arm64; Interface 2; "r8g.medium": 0.058910.
		{"r8g.medium", 1, 8192, 7987, 2, 0, 0, "arm64", 0.05891},
		// r8g.12xlarge: 48, 393216, arm64; Interface 8; "r8g.12xlarge": 2.827680.
		{"r8g.12xlarge", 48, 393216, 383385, 8, 0, 0, "arm64", 2.82768},
	}
	cat := cluster.DefaultCatalogue()
	for _, w := range want {
		it, ok := cat.Lookup(w.name)
		if !ok {
			t.Errorf("%s missing from the default catalogue", w.name)
			continue
		}
		got := row{it.Name, it.VCPU, it.MemoryMiB, it.RegisteredMemoryMiB, it.ENIs, it.TrunkTasks, it.GPUs, it.Architecture, it.PricePerHour}
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.name, got, w)
		}
	}
}

// gravitonFamily matches families with a "g" right after the generation
// digit (m6g, c7g, t4g, r7g), not g4dn or g5 whose "g" comes first.
var gravitonFamily = regexp.MustCompile(`^[a-z]+[0-9]+g`)

// TestGravitonFamily pins the arm64 rule the law test applies to every
// family: a "g" right after the generation digit is Graviton (m6g, c7g, t4g,
// and the Graviton4 m8g, c8g, r8g), while
// the x86 families (m7i, c7a, r6a, m7i-flex) and the GPU families (g4dn,
// g5) are not.
func TestGravitonFamily(t *testing.T) {
	for _, f := range []string{"m6g", "c6g", "r6g", "t4g", "m7g", "c7g", "r7g", "m8g", "c8g", "r8g", "m6gd"} {
		if !gravitonFamily.MatchString(f) {
			t.Errorf("%s: not taken for Graviton (arm64)", f)
		}
	}
	for _, f := range []string{"m5", "m5a", "m6i", "m6a", "r6a", "m7i", "c7i", "r7i", "m7a", "c7a", "r7a", "m7i-flex", "t3", "t3a", "g4dn", "g5", "c4"} {
		if gravitonFamily.MatchString(f) {
			t.Errorf("%s: taken for Graviton (arm64)", f)
		}
	}
}

// trunkingUnknown lists the current-generation families the ECS trunking
// table we could read predates (catalogue_types.go). They are built in with
// TrunkTasks 0, so ecsim gives them no extra awsvpc tasks under
// awsvpcTrunking (a scenario declares the real figure under instanceTypes:
// with awsvpcTrunkingTasks), and the sizes each carries. A family leaves this
// set when a sourced trunk limit is added for it.
var trunkingUnknown = map[string][]string{
	"m7i": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"m7a": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"m8g": {"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"c7i": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"c7a": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"c8g": {"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"r7i": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"r7a": {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
	"r8g": {"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"},
}

// TestTrunkingUnknownFamilies: every trunkingUnknown family is built in
// with exactly its listed sizes, all with TrunkTasks 0 (no invented trunk
// limit), so under awsvpcTrunking they run ENIs-1 awsvpc tasks like a type
// without trunking.
func TestTrunkingUnknownFamilies(t *testing.T) {
	cat := cluster.DefaultCatalogue()
	for family, sizes := range trunkingUnknown {
		got := cat.Sizes(family)
		if !slices.Equal(got, sizes) {
			t.Errorf("%s: sizes %v, want %v", family, got, sizes)
		}
		for _, size := range got {
			it, _ := cat.Lookup(family + "." + size)
			if it.TrunkTasks != 0 {
				t.Errorf("%s: TrunkTasks %d, want 0 for a family in trunkingUnknown", it.Name, it.TrunkTasks)
			}
		}
	}
}

// gpuFamily matches the NVIDIA GPU families (g4dn, g5).
var gpuFamily = regexp.MustCompile(`^g[0-9]`)

// sizeRank orders instance sizes: nano < micro < small < medium < large <
// xlarge < 2xlarge < ... < 12xlarge. ok is false for an unknown size.
func sizeRank(size string) (rank int, ok bool) {
	switch size {
	case "nano":
		return 0, true
	case "micro":
		return 1, true
	case "small":
		return 2, true
	case "medium":
		return 3, true
	case "large":
		return 4, true
	case "xlarge":
		return 5, true
	}
	n, found := strings.CutSuffix(size, "xlarge")
	if !found {
		return 0, false
	}
	k, err := strconv.Atoi(n)
	if err != nil || k < 2 {
		return 0, false
	}
	return 4 + k, true
}

// TestDefaultCatalogueLaws checks every built-in type: at least 80 types;
// positive vCPUs and memory; 0 < registered ≤ nominal memory; at least 2
// ENIs (the primary and one for a task); a trunk limit of 0 or more tasks
// than the ENIs allow without trunking; a positive finite price; x86_64 or
// arm64, arm64 exactly for the Graviton families; GPUs exactly for the GPU
// families; no trunking for the burstable T family (absent from the ECS
// table). Within one family, ordered by size, the price strictly grows, the
// memory strictly grows and the vCPU count never shrinks (t3.nano..t3.large
// all have 2 vCPUs).
func TestDefaultCatalogueLaws(t *testing.T) {
	cat := cluster.DefaultCatalogue()
	names := cat.Names()
	if len(names) < 80 {
		t.Errorf("%d built-in types, want at least 80", len(names))
	}
	families := map[string][]*cluster.InstanceType{}
	for _, n := range names {
		it, _ := cat.Lookup(n)
		family, size, ok := strings.Cut(n, ".")
		if !ok {
			t.Errorf("%s: name is not family.size", n)
			continue
		}
		if _, ok := sizeRank(size); !ok {
			t.Errorf("%s: unknown size %q", n, size)
			continue
		}
		families[family] = append(families[family], it)
		if it.VCPU <= 0 || it.MemoryMiB <= 0 {
			t.Errorf("%s: VCPU %d, MemoryMiB %d; want both > 0", n, it.VCPU, it.MemoryMiB)
		}
		if it.RegisteredMemoryMiB <= 0 || it.RegisteredMemoryMiB > it.MemoryMiB {
			t.Errorf("%s: RegisteredMemoryMiB %d, want in (0, %d]", n, it.RegisteredMemoryMiB, it.MemoryMiB)
		}
		if it.ENIs < 2 {
			t.Errorf("%s: ENIs %d, want ≥ 2", n, it.ENIs)
		}
		if it.TrunkTasks < 0 || (it.TrunkTasks > 0 && it.TrunkTasks <= it.ENIs-1) {
			t.Errorf("%s: TrunkTasks %d, want 0 or more than the %d tasks without trunking", n, it.TrunkTasks, it.ENIs-1)
		}
		if !(it.PricePerHour > 0) || math.IsInf(it.PricePerHour, 0) {
			t.Errorf("%s: PricePerHour %v, want positive and finite", n, it.PricePerHour)
		}
		wantArch := "x86_64"
		if gravitonFamily.MatchString(family) {
			wantArch = "arm64"
		}
		if it.Architecture != wantArch {
			t.Errorf("%s: Architecture %q, want %q", n, it.Architecture, wantArch)
		}
		if gpu := gpuFamily.MatchString(family); gpu != (it.GPUs > 0) {
			t.Errorf("%s: GPUs %d in a family with GPUs = %v", n, it.GPUs, gpu)
		}
		if strings.HasPrefix(family, "t") && it.TrunkTasks != 0 {
			t.Errorf("%s: TrunkTasks %d, want 0 for the burstable T family", n, it.TrunkTasks)
		}
	}
	for family, types := range families {
		slices.SortFunc(types, func(a, b *cluster.InstanceType) int {
			ra, _ := sizeRank(strings.TrimPrefix(a.Name, family+"."))
			rb, _ := sizeRank(strings.TrimPrefix(b.Name, family+"."))
			return ra - rb
		})
		for i := 1; i < len(types); i++ {
			a, b := types[i-1], types[i]
			if b.PricePerHour <= a.PricePerHour || b.MemoryMiB <= a.MemoryMiB || b.VCPU < a.VCPU {
				t.Errorf("%s → %s: price %v → %v, memory %d → %d, vCPU %d → %d; want price and memory to grow and vCPU not to shrink",
					a.Name, b.Name, a.PricePerHour, b.PricePerHour, a.MemoryMiB, b.MemoryMiB, a.VCPU, b.VCPU)
			}
		}
	}
}

// TestSizeRank pins the size order the family law relies on.
func TestSizeRank(t *testing.T) {
	order := []string{"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "9xlarge", "12xlarge"}
	for i, s := range order {
		r, ok := sizeRank(s)
		if !ok {
			t.Fatalf("sizeRank(%q) unknown", s)
		}
		if i > 0 {
			if prev, _ := sizeRank(order[i-1]); r <= prev {
				t.Errorf("sizeRank(%q) = %d ≤ sizeRank(%q) = %d", s, r, order[i-1], prev)
			}
		}
	}
	for _, s := range []string{"metal", "1xlarge", "xxlarge", "large2", ""} {
		if _, ok := sizeRank(s); ok {
			t.Errorf("sizeRank(%q) known, want unknown", s)
		}
	}
}
