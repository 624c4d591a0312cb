package world

import (
	"math"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

func fargateDef(cpu, mem int64) *cluster.TaskDefinition {
	d := &cluster.TaskDefinition{Family: "fg", NetworkMode: cluster.NetworkAwsvpc, RequiresCompatibilities: []string{"FARGATE"},
		CPU: cpu, MemoryMiB: mem, Containers: []cluster.ContainerDefinition{{Name: "app", Essential: true}}}
	d.Finalize()
	return d
}

// TestFargateRunTask: Fargate tasks need no instance; they wait the
// provisioning delay, spread over the zones (docs/model.md §5.1: 6 tasks
// over 3 zones → 2 each) and cost per vCPU-hour and GB-hour (W-20: 1 vCPU,
// 2 GB for an hour = $0.04937).
func TestFargateRunTask(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	cfg.Fargate.ProvisioningDelay = workloads.DistSpec{Kind: workloads.Constant, Value: 20}
	cfg.Workloads = []Workload{{Name: "fg", TaskDefinition: fargateDef(1024, 2048), LaunchType: LaunchFargate,
		Arrivals:       workloads.ArrivalSpec{Process: workloads.Batch, At: time.Minute, Count: 6},
		Duration:       workloads.DistSpec{Kind: workloads.Constant, Value: 3600},
		TaskStartDelay: 10 * time.Second}}
	tl, final, _ := run(t, cfg)
	placed := tl.of(record.TaskPlaced)
	perZone := map[string]int{}
	for _, e := range placed {
		if e.T != sim.At(80*time.Second) || e.Instance != "" || e.LaunchType != LaunchFargate {
			t.Fatalf("placement %+v: want at 80s (submit 60s + 20s provisioning), no instance, FARGATE", e)
		}
		perZone[e.AZ]++
	}
	for _, az := range cfg.AvailabilityZones {
		if perZone[az] != 2 {
			t.Fatalf("tasks per zone %v, want 2 in each", perZone)
		}
	}
	if n := len(tl.of(record.TaskProvisioning)); n != 6 {
		t.Fatalf("%d TaskProvisioning events, want 6", n)
	}
	for _, e := range tl.of(record.TaskRunning) {
		if e.Wait != 30*time.Second {
			t.Fatalf("wait %v, want 20s provisioning + 10s start", e.Wait)
		}
	}
	// Billed from placement (80 s) to stop (80 + 10 + 3600 s): 3610 s each.
	want := 6 * 0.04937 * 3610 / 3600
	if math.Abs(final.CostFargate-want) > 1e-9 || final.CostEC2 != 0 {
		t.Fatalf("Fargate cost %v, want %v; EC2 cost %v, want 0", final.CostFargate, want, final.CostEC2)
	}
}

// TestEssentialContainerStopsTask: a task stops when its first essential
// container exits; a non-essential container's exit does not stop it
// (docs/model.md §7.1, [td-params] essential).
func TestEssentialContainerStopsTask(t *testing.T) {
	d := &cluster.TaskDefinition{Family: "pair", NetworkMode: cluster.NetworkBridge, RequiresCompatibilities: []string{"EC2"},
		Containers: []cluster.ContainerDefinition{
			{Name: "app", CPU: 128, MemoryMiB: 256, Essential: true},
			{Name: "init", CPU: 128, MemoryMiB: 256, Essential: false},
			{Name: "watchdog", CPU: 128, MemoryMiB: 256, Essential: true},
		}}
	d.Finalize()
	for _, tc := range []struct {
		name      string
		durations map[string]workloads.DistSpec
		want      time.Duration
	}{
		{"workload duration", nil, 30 * time.Minute},
		{"non-essential exits early", map[string]workloads.DistSpec{"init": {Kind: workloads.Constant, Value: 60}}, 30 * time.Minute},
		{"essential exits early", map[string]workloads.DistSpec{"watchdog": {Kind: workloads.Constant, Value: 600}}, 10 * time.Minute},
		{"both essential have their own", map[string]workloads.DistSpec{
			"app": {Kind: workloads.Constant, Value: 900}, "watchdog": {Kind: workloads.Constant, Value: 1200}}, 15 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := baseConfig(t, InstanceGroup{Count: 1})
			cfg.Workloads = []Workload{{Name: "w", TaskDefinition: d, LaunchType: LaunchEC2,
				Arrivals:           workloads.ArrivalSpec{Process: workloads.Batch, At: 0, Count: 1},
				Duration:           workloads.DistSpec{Kind: workloads.Constant, Value: 1800},
				ContainerDurations: tc.durations}}
			tl, _, _ := run(t, cfg)
			stops := tl.of(record.TaskStopped)
			if len(stops) != 1 || stops[0].T != sim.At(tc.want) {
				t.Fatalf("stops %+v, want one at %v", stops, tc.want)
			}
		})
	}
}

// TestRuntimePlatformPlacesOnMatchingInstances: an ARM64 task definition
// runs only on arm64 instances; a Linux task never on a Windows instance
// (runtimePlatform; a mismatch fails with ATTRIBUTE, §5.6).
func TestRuntimePlatformPlacesOnMatchingInstances(t *testing.T) {
	cfg := baseConfig(t, InstanceGroup{Count: 2}, InstanceGroup{Count: 2}, InstanceGroup{Count: 1, OSFamily: "WINDOWS_SERVER_2022_FULL"})
	cfg.Instances[1].Type, _ = cfg.Catalogue.Lookup("m6g.large")
	arm := def("arm", 128, 256)
	arm.CPUArchitecture = "ARM64"
	win := def("win", 128, 256)
	win.OSFamily = "WINDOWS_SERVER_2022_FULL"
	lin := def("lin", 128, 256)
	batch := func(name string, d *cluster.TaskDefinition, n int) Workload {
		return Workload{Name: name, TaskDefinition: d, LaunchType: LaunchEC2,
			Arrivals: workloads.ArrivalSpec{Process: workloads.Batch, At: 0, Count: n},
			Duration: workloads.DistSpec{Kind: workloads.Constant, Value: 600}}
	}
	cfg.Workloads = []Workload{batch("arm", arm, 20), batch("win", win, 5), batch("lin", lin, 40)}
	tl, _, w := run(t, cfg)
	for _, e := range tl.of(record.TaskPlaced) {
		var in *cluster.Instance
		for _, i := range w.Cluster().Instances() {
			if i.EC2InstanceID == e.Instance {
				in = i
			}
		}
		arch, _ := in.Attribute("ecs.cpu-architecture")
		os, _ := in.Attribute("ecs.os-type")
		switch e.Owner {
		case "arm":
			if arch != "arm64" || os != "linux" {
				t.Fatalf("ARM64 task on %s/%s", os, arch)
			}
		case "win":
			if os != "windows" {
				t.Fatalf("Windows task on %s", os)
			}
		case "lin":
			if os != "linux" {
				t.Fatalf("Linux task on %s", os)
			}
		}
	}
	if len(tl.of(record.TaskFailed)) != 0 {
		t.Fatalf("failures: %v", tl.of(record.TaskFailed))
	}
}
