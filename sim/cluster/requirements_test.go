package cluster_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
)

func tcp(p int) cluster.PortKey { return cluster.MakePortKey(p, "tcp") }
func udp(p int) cluster.PortKey { return cluster.MakePortKey(p, "udp") }

func reqString(r *cluster.Requirements) string {
	ports := make([]string, len(r.StaticPorts))
	for i, k := range r.StaticPorts {
		proto := "tcp"
		if k != tcp(k.Port()) {
			proto = "udp"
		}
		ports[i] = fmt.Sprintf("%d/%s", k.Port(), proto)
	}
	return fmt.Sprintf("cpu=%d mem=%d gpus=%d static=%v dynamic=%d enis=%d",
		r.CPU, r.MemoryMiB, r.GPUs, ports, r.DynamicPorts, r.ENIs)
}

// TestFinalizeRequirements checks TaskDefinition.Finalize against the
// accounting rules of docs/model.md §5.2; each row derives its
// expectation by hand in the comment.
func TestFinalizeRequirements(t *testing.T) {
	td := clustertest.TaskDef
	tests := []struct {
		name string
		def  *cluster.TaskDefinition
		want cluster.Requirements
	}{
		{
			// The doc-comment example: cpu 256+0 = 256; memory 512 (hard limit
			// only) + 128 (reservation preferred over the 256 limit) = 640.
			name: "§5.2 container sums, doc example",
			def:  td().Container("a", 256, 512).Container("b", 0, 256).Reservation(128).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 256, MemoryMiB: 640}},
		},
		{
			// Task-level sizes win over the container sums 512 CPU / 1024 MiB.
			name: "§5.2 task-level cpu and memory override container sums",
			def:  td().CPU(1024).Memory(2048).Container("a", 256, 512).Container("b", 256, 512).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 1024, MemoryMiB: 2048}},
		},
		{
			// Task-level cpu only: cpu 1024; memory is the container sum 512+256.
			name: "§5.2 task-level cpu only, memory from containers",
			def:  td().CPU(1024).Container("a", 128, 512).Container("b", 128, 256).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 1024, MemoryMiB: 768}},
		},
		{
			// Task-level memory only: memory 4096; cpu is the container sum 100+200.
			name: "§5.2 task-level memory only, cpu from containers",
			def:  td().Memory(4096).Container("a", 100, 512).Container("b", 200, 0).Reservation(64).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 300, MemoryMiB: 4096}},
		},
		{
			// memoryReservation 256 is preferred over the hard limit 1024.
			name: "§5.2 memoryReservation preferred over memory",
			def:  td().Container("a", 0, 1024).Reservation(256).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 256}},
		},
		{
			// Only a reservation (no hard limit): 300.
			name: "§5.2 memoryReservation without memory",
			def:  td().Container("a", 0, 0).Reservation(300).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 300}},
		},
		{
			// GPUs 1 + 2 = 3 over two containers.
			name: "§5.2 GPUs summed over containers",
			def:  td().Container("a", 0, 128).GPUs(1).Container("b", 0, 128).GPUs(2).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 256, GPUs: 3}},
		},
		{
			// bridge: hostPort 8080 > 0 is static; the container port 80 is irrelevant.
			name: "§5.2 bridge hostPort > 0 is static",
			def:  td().Container("a", 0, 128).Port(80, 8080).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 128}, StaticPorts: []cluster.PortKey{tcp(8080)}},
		},
		{
			// bridge: two hostPort 0 mappings take two dynamic ports.
			name: "§5.2 bridge hostPort 0 is dynamic",
			def:  td().Container("a", 0, 128).Port(80, 0).Port(443, 0).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 128}, DynamicPorts: 2},
		},
		{
			// An unset network mode is bridge: one static, one dynamic.
			name: "§5.2 empty network mode is bridge",
			def:  td().Network("").Container("a", 0, 128).Port(80, 8080).Port(81, 0).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 128}, StaticPorts: []cluster.PortKey{tcp(8080)}, DynamicPorts: 1},
		},
		{
			// host: hostPort 0 becomes the container port 80; an explicit
			// hostPort 9090 stays; no dynamic ports in host mode.
			name: "§5.2 host mode host port = container port",
			def:  td().Network(cluster.NetworkHost).Container("a", 0, 128).Port(80, 0).Port(9090, 9090).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 128}, StaticPorts: []cluster.PortKey{tcp(80), tcp(9090)}},
		},
		{
			// awsvpc: 1 ENI, the port mappings take no host ports.
			name: "§5.2 awsvpc takes 1 ENI and no host ports",
			def:  td().Network(cluster.NetworkAwsvpc).CPU(256).Memory(512).Port(80, 0).Port(443, 443).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 256, MemoryMiB: 512}, ENIs: 1},
		},
		{
			// none: no ports, no ENI.
			name: "§5.2 none takes nothing",
			def:  td().Network(cluster.NetworkNone).CPU(256).Memory(512).Port(80, 0).Port(443, 443).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{CPU: 256, MemoryMiB: 512}},
		},
		{
			// Two containers both map host port 8080/tcp: one key remains.
			name: "§5.2 duplicate static ports collapse",
			def:  td().Container("a", 0, 64).Port(80, 8080).Container("b", 0, 64).Port(81, 8080).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 128}, StaticPorts: []cluster.PortKey{tcp(8080)}},
		},
		{
			// 53/tcp and 53/udp are different host ports.
			name: "§5.2 udp and tcp keys differ",
			def:  td().Container("a", 0, 64).Port(53, 53).UDPPort(53, 53).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 64}, StaticPorts: []cluster.PortKey{tcp(53), udp(53)}},
		},
		{
			// Static ports are sorted: 9000 then 80 → 80, 9000.
			name: "§5.2 static ports sorted",
			def:  td().Container("a", 0, 64).Port(1, 9000).Port(2, 80).Obj(),
			want: cluster.Requirements{Resources: cluster.Resources{MemoryMiB: 64}, StaticPorts: []cluster.PortKey{tcp(80), tcp(9000)}},
		},
		{
			// No containers and no task-level sizes: nothing at all.
			name: "§5.2 empty definition needs nothing",
			def:  td().Obj(),
			want: cluster.Requirements{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.def.Requirements()
			if reqString(got) != reqString(&tc.want) || !slices.Equal(got.StaticPorts, tc.want.StaticPorts) {
				t.Errorf("Requirements = %s\nwant           %s", reqString(got), reqString(&tc.want))
			}
		})
	}
}

// TestFinalizeIdempotent: finalizing twice gives the same requirements
// (Finalize recomputes from the fields; §5.2).
func TestFinalizeIdempotent(t *testing.T) {
	d := clustertest.TaskDef().Container("a", 256, 512).Port(80, 8080).Port(81, 0).Obj()
	before := reqString(d.Requirements())
	d.Finalize()
	if after := reqString(d.Requirements()); after != before {
		t.Errorf("after a second Finalize: %s, want %s", after, before)
	}
	// Changing a field takes effect at the next Finalize only.
	d.CPU = 2048
	if got := d.Requirements().CPU; got != 256 {
		t.Errorf("CPU before re-Finalize = %d, want 256", got)
	}
	d.Finalize()
	if got := d.Requirements().CPU; got != 2048 {
		t.Errorf("CPU after re-Finalize = %d, want 2048", got)
	}
}

// TestContainerReservedMemory: memoryReservation if set, else memory (§5.2).
func TestContainerReservedMemory(t *testing.T) {
	for _, tc := range []struct {
		mem, res, want int64
	}{{512, 0, 512}, {512, 256, 256}, {0, 128, 128}, {0, 0, 0}} {
		c := cluster.ContainerDefinition{MemoryMiB: tc.mem, MemoryReservationMiB: tc.res}
		if got := c.ReservedMemoryMiB(); got != tc.want {
			t.Errorf("memory %d reservation %d: ReservedMemoryMiB = %d, want %d", tc.mem, tc.res, got, tc.want)
		}
	}
}

// TestPortKey: udp sets a protocol bit, Port strips it; anything but "udp"
// is tcp (§5.2 ports are per protocol).
func TestPortKey(t *testing.T) {
	if tcp(53) == udp(53) {
		t.Fatal("53/tcp and 53/udp have the same key")
	}
	if udp(53).Port() != 53 || tcp(53).Port() != 53 || udp(65535).Port() != 65535 {
		t.Errorf("Port() = %d, %d, %d; want 53, 53, 65535", udp(53).Port(), tcp(53).Port(), udp(65535).Port())
	}
	if cluster.MakePortKey(80, "") != tcp(80) {
		t.Error(`protocol "" is not tcp`)
	}
	if tcp(65535) >= udp(0) {
		t.Error("every tcp key should sort before every udp key")
	}
}

// TestTaskDefinitionName: "family:revision", or the family alone at revision 0.
func TestTaskDefinitionName(t *testing.T) {
	if got := clustertest.TaskDef().Family("web").Revision(3).Obj().Name(); got != "web:3" {
		t.Errorf("Name = %q, want web:3", got)
	}
	if got := clustertest.TaskDef().Family("web").Revision(0).Obj().Name(); got != "web" {
		t.Errorf("Name = %q, want web", got)
	}
}

// TestResourceString: the ECS failure reasons of §5.6.
func TestResourceString(t *testing.T) {
	want := map[cluster.Resource]string{
		cluster.ResourceNone: "", cluster.ResourceCPU: "RESOURCE:CPU", cluster.ResourceMemory: "RESOURCE:MEMORY",
		cluster.ResourceGPU: "RESOURCE:GPU", cluster.ResourcePorts: "RESOURCE:PORTS", cluster.ResourceENI: "RESOURCE:ENI",
	}
	for r := cluster.ResourceNone; r <= cluster.ResourceENI; r++ {
		if got := r.String(); got != want[r] {
			t.Errorf("Resource(%d).String() = %q, want %q", r, got, want[r])
		}
	}
}

// TestResourcesArithmetic: Add and Sub are component-wise.
func TestResourcesArithmetic(t *testing.T) {
	a := cluster.Resources{CPU: 1024, MemoryMiB: 2048, GPUs: 1}
	b := cluster.Resources{CPU: 256, MemoryMiB: 512, GPUs: 1}
	if got := a.Add(b); got != (cluster.Resources{CPU: 1280, MemoryMiB: 2560, GPUs: 2}) {
		t.Errorf("Add = %+v", got)
	}
	if got := a.Sub(b); got != (cluster.Resources{CPU: 768, MemoryMiB: 1536, GPUs: 0}) {
		t.Errorf("Sub = %+v", got)
	}
}
