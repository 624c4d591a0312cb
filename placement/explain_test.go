package placement

import (
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// def builds and finalizes a task definition.
func def(d cluster.TaskDefinition) *cluster.TaskDefinition {
	if d.Family == "" {
		d.Family = "t"
	}
	d.Finalize()
	return &d
}

// gpuDef asks for n GPUs (docs/model.md §5.2: whole GPUs per container).
func gpuDef(n int64) *cluster.TaskDefinition {
	return def(cluster.TaskDefinition{NetworkMode: cluster.NetworkBridge,
		Containers: []cluster.ContainerDefinition{{Name: "c", CPU: 256, MemoryMiB: 512, GPUs: n}}})
}

// portDef maps container port 80 to the given host port in bridge mode
// (0: a dynamic port).
func portDef(host int) *cluster.TaskDefinition {
	return def(cluster.TaskDefinition{NetworkMode: cluster.NetworkBridge,
		Containers: []cluster.ContainerDefinition{{Name: "c", CPU: 128, MemoryMiB: 128,
			PortMappings: []cluster.PortMapping{{ContainerPort: 80, HostPort: host}}}}})
}

// awsvpcDef is an awsvpc task: one ENI on the instance (§5.2).
func awsvpcDef() *cluster.TaskDefinition {
	return def(cluster.TaskDefinition{NetworkMode: cluster.NetworkAwsvpc, CPU: 128, MemoryMiB: 128,
		Containers: []cluster.ContainerDefinition{{Name: "c"}}})
}

// fill leaves exactly cpu units and mem MiB free on in.
func fill(t *testing.T, w *world, in *cluster.Instance, cpu, mem int64) {
	t.Helper()
	placeOn(t, w, in, w.c.Group("family:filler"), taskDef(in.Free().CPU-cpu, in.Free().MemoryMiB-mem))
}

// TestExplainResourceReasons: the reason a task fits nowhere (docs/model.md
// §5.6, §14.4): MISSING without an ACTIVE instance, AGENT when every ACTIVE
// agent is disconnected, ATTRIBUTE when no schedulable instance meets the
// constraints, else the resource the most constraint-meeting schedulable
// instances lack, each instance counted once for the first resource it
// lacks in the order CPU, MEMORY, GPU, PORTS, ENI, ties to the earlier.
// Every expectation is derived by hand from the fleet in the comment.
func TestExplainResourceReasons(t *testing.T) {
	small := taskDef(256, 512)
	tests := []struct {
		name  string
		setup func(t *testing.T, w *world) []Constraint
		def   *cluster.TaskDefinition
		want  Reason
	}{
		{"GPU on a fleet without GPUs", func(t *testing.T, w *world) []Constraint {
			w.add(t, "m5.xlarge", "us-east-1a") // 0 GPUs
			return nil
		}, gpuDef(1), ReasonGPU},
		{"GPUs are never over-committed", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "g4dn.xlarge", "us-east-1a") // 1 GPU, taken below
			placeOn(t, w, in, w.c.Group("family:gpu"), gpuDef(1))
			return nil
		}, gpuDef(1), ReasonGPU},
		{"a free GPU fits", func(t *testing.T, w *world) []Constraint {
			w.add(t, "g4dn.xlarge", "us-east-1a")
			return nil
		}, gpuDef(1), ReasonNone},
		{"static host port held by a task (#14)", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "m5.large", "us-east-1a")
			placeOn(t, w, in, w.c.Group("family:web"), portDef(80))
			return nil
		}, portDef(80), ReasonPorts},
		{"host port 22 is reserved by the agent (correction 3)", func(t *testing.T, w *world) []Constraint {
			w.add(t, "m5.large", "us-east-1a")
			return nil
		}, portDef(22), ReasonPorts},
		{"host port 51679 is reserved by the agent", func(t *testing.T, w *world) []Constraint {
			w.add(t, "m5.large", "us-east-1a")
			return nil
		}, portDef(51679), ReasonPorts},
		{"host port 51680 is free without Prometheus metrics", func(t *testing.T, w *world) []Constraint {
			w.add(t, "m5.large", "us-east-1a")
			return nil
		}, portDef(51680), ReasonNone},
		{"dynamic ports do not collide", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "m5.large", "us-east-1a")
			placeOn(t, w, in, w.c.Group("family:web"), portDef(0))
			return nil
		}, portDef(0), ReasonNone},
		{"third awsvpc task on a c5.large (W-13: 3 ENIs, 2 tasks)", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "c5.large", "us-east-1a")
			placeOn(t, w, in, w.c.Group("family:e"), awsvpcDef())
			placeOn(t, w, in, w.c.Group("family:e"), awsvpcDef())
			return nil
		}, awsvpcDef(), ReasonENI},
		{"bridge tasks take no ENI (§5.2)", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "c5.large", "us-east-1a")
			placeOn(t, w, in, w.c.Group("family:e"), awsvpcDef())
			placeOn(t, w, in, w.c.Group("family:e"), awsvpcDef())
			return nil
		}, taskDef(128, 128), ReasonNone},
		{"majority: 2 lack memory, 1 lacks CPU", func(t *testing.T, w *world) []Constraint {
			a, b, c := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			fill(t, w, a, 2048, 100)
			fill(t, w, b, 2048, 100)
			fill(t, w, c, 100, 4096)
			return nil
		}, small, ReasonMemory},
		{"tie CPU/MEMORY goes to CPU", func(t *testing.T, w *world) []Constraint {
			a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			fill(t, w, a, 2048, 100)
			fill(t, w, b, 100, 4096)
			return nil
		}, small, ReasonCPU},
		{"tie MEMORY/PORTS goes to MEMORY", func(t *testing.T, w *world) []Constraint {
			a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			fill(t, w, a, 2048, 100)
			placeOn(t, w, b, w.c.Group("family:web"), portDef(80))
			return nil
		}, portDef(80), ReasonMemory},
		{"an instance counts once, for its first lack", func(t *testing.T, w *world) []Constraint {
			// a and b lack CPU and memory (count as CPU), c lacks memory:
			// CPU 2, MEMORY 1. Counting every lack would give MEMORY 3.
			a, b, c := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			fill(t, w, a, 100, 100)
			fill(t, w, b, 100, 100)
			fill(t, w, c, 2048, 100)
			return nil
		}, small, ReasonCPU},
		{"instances failing the constraints do not vote", func(t *testing.T, w *world) []Constraint {
			a := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "prod"})
			b := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "dev"})
			c := w.add(t, "m5.large", "us-east-1a", cluster.Attribute{Name: "stack", Value: "dev"})
			fill(t, w, a, 2048, 100)
			fill(t, w, b, 100, 4096)
			fill(t, w, c, 100, 4096)
			return []Constraint{mustMemberOf(t, w, "attribute:stack == prod")}
		}, small, ReasonMemory},
		{"disconnected agents do not vote", func(t *testing.T, w *world) []Constraint {
			a, b, c := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			fill(t, w, a, 2048, 100)
			fill(t, w, b, 100, 4096)
			fill(t, w, c, 100, 4096)
			w.c.SetAgentConnected(b, false)
			w.c.SetAgentConnected(c, false)
			return nil
		}, small, ReasonMemory},
		{"only DRAINING instances: MISSING (§4.1: DRAINING takes no new tasks)", func(t *testing.T, w *world) []Constraint {
			in := w.add(t, "m5.large", "us-east-1a")
			w.c.SetStatus(in, cluster.Draining, 0)
			return nil
		}, small, ReasonMissing},
		{"ACTIVE but disconnected beside a DRAINING one: AGENT", func(t *testing.T, w *world) []Constraint {
			a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			w.c.SetStatus(a, cluster.Draining, 0)
			w.c.SetAgentConnected(b, false)
			return nil
		}, small, ReasonAgent},
		{"no instance meets distinctInstance: ATTRIBUTE, not a resource", func(t *testing.T, w *world) []Constraint {
			a, b := w.add(t, "m5.large", "us-east-1a"), w.add(t, "m5.large", "us-east-1a")
			placeOn(t, w, a, w.c.Group("service:web"), small)
			fill(t, w, b, 100, 100) // b would lack CPU, but b has no web task
			placeOn(t, w, b, w.c.Group("service:web"), taskDef(0, 0))
			return []Constraint{DistinctInstance()}
		}, small, ReasonAttribute},
		{"launching instances are not registered: MISSING", func(t *testing.T, w *world) []Constraint {
			it, _ := w.cat.Lookup("m5.large")
			w.c.AddInstance(cluster.InstanceSpec{Type: it, AvailabilityZone: "us-east-1a", Provider: -1}, 0)
			return nil
		}, small, ReasonMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(1)
			cons := tt.setup(t, w)
			r := &Request{Chain: NewChain(), Group: w.c.Group("service:web"), Req: tt.def.Requirements(), Constraints: cons}
			if got := w.p.Explain(r); got != tt.want {
				t.Fatalf("Explain = %q, want %q", got, tt.want)
			}
			// Explain and Place agree on whether the task fits (§5.6 is the
			// reason for exactly the tasks placement cannot place).
			if placed := w.p.Place(r) != nil; placed != (tt.want == ReasonNone) {
				t.Fatalf("Place found an instance: %v, but Explain says %q", placed, tt.want)
			}
		})
	}
}

// TestENITrunking is W-13: a c5.large runs 2 awsvpc tasks (3 ENIs, the
// primary one included), 10 with awsvpcTrunking; the next one fails with
// RESOURCE:ENI (§5.2, #13).
func TestENITrunking(t *testing.T) {
	for _, tt := range []struct {
		trunking bool
		want     int
	}{{false, 2}, {true, 10}} {
		w := newWorld(1)
		w.addSpec(t, "c5.large", cluster.InstanceSpec{AvailabilityZone: "us-east-1a", AwsvpcTrunking: tt.trunking, Provider: -1}, 0)
		r := Request{Chain: NewChain(Binpack(DimMemory)), Group: w.c.Group("family:e")}
		d := awsvpcDef()
		n := 0
		for ; n < 20; n++ {
			r.Req = d.Requirements()
			in := w.p.Place(&r)
			if in == nil {
				break
			}
			placeOn(t, w, in, r.Group, d)
		}
		if n != tt.want {
			t.Errorf("trunking %v: %d awsvpc tasks fit on a c5.large, want %d", tt.trunking, n, tt.want)
		}
		if got := w.p.Explain(&r); got != ReasonENI {
			t.Errorf("trunking %v: Explain = %q, want RESOURCE:ENI", tt.trunking, got)
		}
	}
}

// TestStaticPortOneTaskPerHost is confusion #14: a fixed host port allows
// one such task per instance, so with 3 instances the 4th task fails with
// RESOURCE:PORTS whatever CPU and memory are free.
func TestStaticPortOneTaskPerHost(t *testing.T) {
	w := newWorld(2)
	for i := 0; i < 3; i++ {
		w.add(t, "m5.xlarge", "us-east-1a")
	}
	r := Request{Chain: NewChain(Binpack(DimMemory)), Group: w.c.Group("service:web")}
	d := portDef(8080)
	seen := map[cluster.InstanceID]bool{}
	for i := 0; i < 3; i++ {
		in := w.place(t, d, r)
		if seen[in.ID] {
			t.Fatalf("two tasks with host port 8080 on %s", in.EC2InstanceID)
		}
		seen[in.ID] = true
	}
	r.Req = d.Requirements()
	if in := w.p.Place(&r); in != nil {
		t.Fatalf("4th task with host port 8080 placed on %s", in.EC2InstanceID)
	}
	if got := w.p.Explain(&r); got != ReasonPorts {
		t.Fatalf("Explain = %q, want RESOURCE:PORTS", got)
	}
}
