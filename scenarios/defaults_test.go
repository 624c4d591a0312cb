package scenarios

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/workloads"
)

// bareScenario gives no optional field: every default applies.
const bareScenario = `cluster:
  containerInstances:
    - instanceType: m5.large
taskDefinitions:
  - family: web
    containerDefinitions:
      - {name: app, memory: 512}
  - family: both
    requiresCompatibilities: [EC2, FARGATE]
    cpu: 256
    memory: 512
    containerDefinitions:
      - {name: app, memory: 512}
workloads:
  - name: w
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 2}
    duration: {distribution: exponential, mean: 5m}
`

func TestDefaults(t *testing.T) {
	s := mustParse(t, "dir/my-scenario.yaml", bareScenario)
	cfg, spec := s.Config, s.Spec

	t.Run("name from the file name", func(t *testing.T) {
		if spec.Name != "my-scenario" || cfg.Name != "my-scenario" {
			t.Errorf("name %q / %q, want my-scenario", spec.Name, cfg.Name)
		}
	})
	t.Run("seed 1", func(t *testing.T) {
		if cfg.Seed != 1 || spec.Seed == nil || *spec.Seed != 1 {
			t.Errorf("seed %d", cfg.Seed)
		}
	})
	t.Run("duration 1h", func(t *testing.T) {
		if cfg.Duration != time.Hour || spec.Duration.D != time.Hour {
			t.Errorf("duration %v", cfg.Duration)
		}
	})
	t.Run("sampleInterval 60s", func(t *testing.T) {
		if cfg.SampleInterval != 60*time.Second || spec.SampleInterval.D != 60*time.Second {
			t.Errorf("sampleInterval %v", cfg.SampleInterval)
		}
	})
	t.Run("startTime 2026-01-05T00:00:00Z", func(t *testing.T) {
		want := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
		if !cfg.StartTime.Equal(want) || cfg.StartTime.Location() != time.UTC || spec.StartTime != DefaultStartTime {
			t.Errorf("startTime %v (spec %q)", cfg.StartTime, spec.StartTime)
		}
	})
	t.Run("zones us-east-1a/b/c", func(t *testing.T) {
		want := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
		if !slices.Equal(cfg.AvailabilityZones, want) || !slices.Equal(spec.Cluster.AvailabilityZones, want) {
			t.Errorf("zones %v", cfg.AvailabilityZones)
		}
	})
	t.Run("no trunking", func(t *testing.T) {
		if cfg.AwsvpcTrunking {
			t.Error("awsvpcTrunking on by default")
		}
	})
	t.Run("one instance, any zone, no attributes, nothing reserved", func(t *testing.T) {
		if len(cfg.Instances) != 1 {
			t.Fatalf("%d instance groups", len(cfg.Instances))
		}
		g := cfg.Instances[0]
		if g.Count != 1 || g.Type == nil || g.Type.Name != "m5.large" || g.AvailabilityZone != "" ||
			len(g.Attributes) != 0 || g.ReservedMemoryMiB != 0 {
			t.Errorf("group %+v", g)
		}
	})
	t.Run("instances run Linux", func(t *testing.T) {
		if os := cfg.Instances[0].OSFamily; os != "LINUX" {
			t.Errorf("osFamily %q", os)
		}
	})
	t.Run("Fargate provisioning delay uniform 10s-30s", func(t *testing.T) {
		got, want := cfg.Fargate.ProvisioningDelay, DefaultFargateProvisioningDelay()
		if got.Kind != want.Kind || got.Min != want.Min || got.Max != want.Max || want.Min != 10 || want.Max != 30 {
			t.Errorf("provisioning delay %+v, want %+v", got, want)
		}
	})
	t.Run("no variants", func(t *testing.T) {
		if len(s.Variants) != 0 {
			t.Errorf("variants %v", s.Variants)
		}
	})
	t.Run("networkMode bridge", func(t *testing.T) {
		if td := cfg.TaskDefinitions[0]; td.NetworkMode != cluster.NetworkBridge || spec.TaskDefinitions[0].NetworkMode != "bridge" {
			t.Errorf("network mode %q", td.NetworkMode)
		}
	})
	t.Run("networkMode awsvpc when FARGATE is listed", func(t *testing.T) {
		if td := cfg.TaskDefinitions[1]; td.NetworkMode != cluster.NetworkAwsvpc || td.Requirements().ENIs != 1 {
			t.Errorf("network mode %q, ENIs %d", td.NetworkMode, td.Requirements().ENIs)
		}
	})
	t.Run("requiresCompatibilities EC2", func(t *testing.T) {
		if got := cfg.TaskDefinitions[0].RequiresCompatibilities; !slices.Equal(got, []string{"EC2"}) {
			t.Errorf("requiresCompatibilities %v", got)
		}
	})
	t.Run("revision unset", func(t *testing.T) {
		if td := cfg.TaskDefinitions[0]; td.Revision != 0 || td.Name() != "web" {
			t.Errorf("revision %d, name %q", td.Revision, td.Name())
		}
	})
	t.Run("essential true", func(t *testing.T) {
		c := cfg.TaskDefinitions[0].Containers[0]
		if !c.Essential || spec.TaskDefinitions[0].ContainerDefinitions[0].Essential == nil {
			t.Errorf("container %+v", c)
		}
	})
	t.Run("launchType EC2", func(t *testing.T) {
		if w := cfg.Workloads[0]; w.LaunchType != "EC2" || spec.Workloads[0].LaunchType != "EC2" {
			t.Errorf("launch type %q", w.LaunchType)
		}
	})
	t.Run("poisson count 1", func(t *testing.T) {
		a := cfg.Workloads[0].Arrivals
		if a.Count != 1 || a.Process != workloads.Poisson || a.RatePerMinute != 2 {
			t.Errorf("arrivals %+v", a)
		}
	})
	t.Run("no start delay, strategy, constraints or group", func(t *testing.T) {
		w := cfg.Workloads[0]
		if w.TaskStartDelay != 0 || w.PlacementStrategy.Len() != 0 || len(w.PlacementConstraints) != 0 || w.Group != "" {
			t.Errorf("workload %+v", w)
		}
	})
	t.Run("catalogue and fault kinds", func(t *testing.T) {
		if cfg.Catalogue == nil || cfg.FaultKinds == nil {
			t.Fatal("nil catalogue or fault registry")
		}
		if _, ok := cfg.Catalogue.Lookup("c4.4xlarge"); !ok {
			t.Error("built-in catalogue lacks c4.4xlarge")
		}
	})
	t.Run("nothing ignored", func(t *testing.T) {
		if len(s.Ignored) != 0 {
			t.Errorf("ignored %v", s.Ignored)
		}
	})
}

func TestNameFromFileName(t *testing.T) {
	cases := []struct{ file, want string }{
		{"plain.yaml", "plain"},
		{"a/b/c.yml", "c"},
		{"web.v2.yaml", "web.v2"},
		{"noext", "noext"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			if got := mustParse(t, tc.file, minimalScenario).Spec.Name; got != tc.want {
				t.Errorf("name %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("name key wins", func(t *testing.T) {
		if got := mustParse(t, "file.yaml", "name: given\n"+minimalScenario).Config.Name; got != "given" {
			t.Errorf("name %q", got)
		}
	})
}

func TestExplicitTopLevelValues(t *testing.T) {
	s := mustParse(t, "x.yaml", `name: explicit
seed: 18446744073709551615
duration: 1d12h
sampleInterval: 5m
startTime: 2026-03-01T12:00:00+02:00
cluster:
  availabilityZones: [eu-west-1a, eu-west-1b]
  awsvpcTrunking: true
`)
	c := s.Config
	if c.Seed != 18446744073709551615 || c.Duration != 36*time.Hour || c.SampleInterval != 5*time.Minute ||
		!c.AwsvpcTrunking || !slices.Equal(c.AvailabilityZones, []string{"eu-west-1a", "eu-west-1b"}) {
		t.Errorf("config %+v", c)
	}
	if want := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC); !c.StartTime.Equal(want) || c.StartTime.Location() != time.UTC {
		t.Errorf("startTime %v, want %v in UTC", c.StartTime, want)
	}
}

// taskDefOf parses a scenario made of one task definition and returns it.
func taskDefOf(t *testing.T, td string) *cluster.TaskDefinition {
	t.Helper()
	s := mustParse(t, "td.yaml", "taskDefinitions:\n"+td)
	if len(s.Config.TaskDefinitions) != 1 {
		t.Fatalf("%d task definitions", len(s.Config.TaskDefinitions))
	}
	return s.Config.TaskDefinitions[0]
}

func TestTaskRequirements(t *testing.T) {
	cases := []struct {
		name      string
		td        string
		cpu, mem  int64
		gpus      int64
		static    []int
		dynamic   int
		enis      int
		taskLevel [2]int64 // the definition's own cpu and memory
	}{
		{name: "container sums, memoryReservation preferred",
			td: "  - family: a\n    containerDefinitions:\n" +
				"      - {name: x, cpu: 256, memory: 512}\n      - {name: y, cpu: 128, memoryReservation: 128, memory: 256}\n" +
				"      - {name: z, memoryReservation: 64}\n",
			cpu: 384, mem: 704},
		{name: "containers without cpu need none",
			td:  "  - family: a\n    containerDefinitions: [{name: x, memory: 100}]\n",
			cpu: 0, mem: 100},
		{name: "task-level sizes win over the containers",
			td:  "  - family: a\n    cpu: \"1 vCPU\"\n    memory: \"2 GB\"\n    containerDefinitions: [{name: x, cpu: 100, memory: 100}]\n",
			cpu: 1024, mem: 2048, taskLevel: [2]int64{1024, 2048}},
		{name: "numeric strings",
			td:  "  - family: a\n    cpu: \"512\"\n    memory: \"1024\"\n    containerDefinitions: [{name: x}]\n",
			cpu: 512, mem: 1024, taskLevel: [2]int64{512, 1024}},
		{name: "numbers",
			td:  "  - family: a\n    cpu: 256\n    memory: 512\n    containerDefinitions: [{name: x}]\n",
			cpu: 256, mem: 512, taskLevel: [2]int64{256, 512}},
		{name: "fractions, lower case and no space",
			td:  "  - family: a\n    cpu: 0.25 vcpu\n    memory: 0.5GB\n    containerDefinitions: [{name: x}]\n",
			cpu: 256, mem: 512, taskLevel: [2]int64{256, 512}},
		{name: "task memory only, container cpu summed",
			td:  "  - family: a\n    memory: 300\n    containerDefinitions: [{name: x, cpu: 10}, {name: y, cpu: 20}]\n",
			cpu: 30, mem: 300, taskLevel: [2]int64{0, 300}},
		{name: "GPUs summed",
			td: "  - family: a\n    containerDefinitions:\n" +
				"      - {name: x, memory: 64, resourceRequirements: [{type: GPU, value: \"1\"}]}\n" +
				"      - {name: y, memory: 64, resourceRequirements: [{type: GPU, value: \"2\"}, {type: InferenceAccelerator, value: dev}]}\n",
			mem: 128, gpus: 3},
		{name: "bridge ports: static and dynamic",
			td: "  - family: a\n    containerDefinitions:\n" +
				"      - {name: x, memory: 64, portMappings: [{containerPort: 80}, {containerPort: 81, hostPort: 0}, {containerPort: 443, hostPort: 8443}]}\n",
			mem: 64, static: []int{8443}, dynamic: 2},
		{name: "host ports are the container ports",
			td: "  - family: a\n    networkMode: host\n    containerDefinitions:\n" +
				"      - {name: x, memory: 64, portMappings: [{containerPort: 80}, {containerPort: 53, hostPort: 53, protocol: udp}]}\n",
			mem: 64, static: []int{53, 80}},
		{name: "awsvpc takes an ENI and no host ports",
			td: "  - family: a\n    networkMode: awsvpc\n    containerDefinitions:\n" +
				"      - {name: x, memory: 64, portMappings: [{containerPort: 80, hostPort: 80}]}\n",
			mem: 64, enis: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			td := taskDefOf(t, tc.td)
			r := td.Requirements()
			if r.CPU != tc.cpu || r.MemoryMiB != tc.mem || r.GPUs != tc.gpus || r.DynamicPorts != tc.dynamic || r.ENIs != tc.enis {
				t.Errorf("requirements %+v; want cpu %d, memory %d, GPUs %d, dynamic ports %d, ENIs %d",
					*r, tc.cpu, tc.mem, tc.gpus, tc.dynamic, tc.enis)
			}
			var ports []int
			for _, k := range r.StaticPorts {
				ports = append(ports, k.Port())
			}
			slices.Sort(ports)
			if !slices.Equal(ports, tc.static) {
				t.Errorf("static ports %v, want %v", ports, tc.static)
			}
			if td.CPU != tc.taskLevel[0] || td.MemoryMiB != tc.taskLevel[1] {
				t.Errorf("task-level cpu %d memory %d, want %v", td.CPU, td.MemoryMiB, tc.taskLevel)
			}
		})
	}
}

func TestContainerConversion(t *testing.T) {
	td := taskDefOf(t, "  - family: a\n    containerDefinitions:\n"+
		"      - {name: main, image: nginx, cpu: 10, memory: 512, memoryReservation: 256}\n"+
		"      - {name: side, memory: 64, essential: false, portMappings: [{containerPort: 53, hostPort: 5353, protocol: udp}]}\n")
	want := []cluster.ContainerDefinition{
		{Name: "main", CPU: 10, MemoryMiB: 512, MemoryReservationMiB: 256, Essential: true},
		{Name: "side", MemoryMiB: 64, Essential: false,
			PortMappings: []cluster.PortMapping{{ContainerPort: 53, HostPort: 5353, Protocol: "udp"}}},
	}
	if len(td.Containers) != len(want) {
		t.Fatalf("%d containers", len(td.Containers))
	}
	for i := range want {
		got := td.Containers[i]
		if got.Name != want[i].Name || got.CPU != want[i].CPU || got.MemoryMiB != want[i].MemoryMiB ||
			got.MemoryReservationMiB != want[i].MemoryReservationMiB || got.Essential != want[i].Essential ||
			!slices.Equal(got.PortMappings, want[i].PortMappings) {
			t.Errorf("container %d = %+v, want %+v", i, got, want[i])
		}
	}
}

func TestInstanceGroups(t *testing.T) {
	s := mustParse(t, "c.yaml", `cluster:
  availabilityZones: [z1, z2]
  containerInstances:
    - {instanceType: m5.large, count: 3, availabilityZone: z2, reservedMemoryMiB: 256,
       attributes: {zeta: "1", alpha: a, mid/dle: m, "under_score": u, Upper: U}}
    - {instanceType: c4.large, count: 2}
`)
	gs := s.Config.Instances
	if len(gs) != 2 {
		t.Fatalf("%d groups", len(gs))
	}
	g := gs[0]
	if g.Type.Name != "m5.large" || g.Count != 3 || g.AvailabilityZone != "z2" || g.ReservedMemoryMiB != 256 {
		t.Errorf("group 0 = %+v", g)
	}
	wantAttrs := []cluster.Attribute{{Name: "Upper", Value: "U"}, {Name: "alpha", Value: "a"}, {Name: "mid/dle", Value: "m"},
		{Name: "under_score", Value: "u"}, {Name: "zeta", Value: "1"}}
	if !slices.Equal(g.Attributes, wantAttrs) {
		t.Errorf("attributes %v, want sorted %v", g.Attributes, wantAttrs)
	}
	if g := gs[1]; g.Type.Name != "c4.large" || g.Type.RegisteredMemoryMiB != 3768 || g.Count != 2 || g.AvailabilityZone != "" {
		t.Errorf("group 1 = %+v (type %+v)", g, *g.Type)
	}
}

func TestCustomInstanceTypes(t *testing.T) {
	s := mustParse(t, "it.yaml", `instanceTypes:
  - {name: m5.large, vcpu: 4, memoryMiB: 10000, enis: 5, pricePerHour: 0.5}
  - {name: lab.16x64, vcpu: 16, memoryMiB: 65536, registeredMemoryMiB: 64512, enis: 8,
     awsvpcTrunkingTasks: 12, gpus: 2, architecture: arm64, pricePerHour: 0.768}
cluster:
  containerInstances:
    - {instanceType: m5.large}
    - {instanceType: lab.16x64, reservedMemoryMiB: 64511}
`)
	over := s.Config.Instances[0].Type
	if over.VCPU != 4 || over.CPUUnits() != 4096 || over.MemoryMiB != 10000 || over.ENIs != 5 || over.PricePerHour != 0.5 ||
		over.RegisteredMemoryMiB != 9750 || over.Architecture != "x86_64" || over.TrunkTasks != 0 {
		t.Errorf("overridden m5.large = %+v", *over)
	}
	lab := s.Config.Instances[1].Type
	want := cluster.InstanceType{Name: "lab.16x64", VCPU: 16, MemoryMiB: 65536, RegisteredMemoryMiB: 64512, ENIs: 8,
		TrunkTasks: 12, GPUs: 2, Architecture: "arm64", PricePerHour: 0.768}
	if *lab != want {
		t.Errorf("lab.16x64 = %+v, want %+v", *lab, want)
	}
	if got, _ := s.Config.Catalogue.Lookup("m5.large"); got.VCPU != 4 {
		t.Errorf("catalogue m5.large has %d vCPU, want the override", got.VCPU)
	}
	if got, ok := s.Config.Catalogue.Lookup("r5.large"); !ok || got.VCPU != 2 {
		t.Errorf("catalogue lost the built-in r5.large")
	}
	// The override applies only to this scenario.
	if d, _ := cluster.DefaultCatalogue().Lookup("m5.large"); d.VCPU != 2 {
		t.Errorf("default catalogue changed: m5.large has %d vCPU", d.VCPU)
	}
}

func TestWorkloadConversion(t *testing.T) {
	s := mustParse(t, "w.yaml", `duration: 2h
taskDefinitions:
  - family: web
    revision: 1
    containerDefinitions: [{name: app, memory: 64}]
  - family: web
    revision: 2
    placementConstraints: [{type: memberOf, expression: "attribute:ecs.instance-type =~ m5.*"}]
    containerDefinitions: [{name: app, memory: 128}]
workloads:
  - name: latest
    taskDefinition: web
    group: family:custom
    taskStartDelay: 30s
    arrivals: {process: batch, at: 90m, count: 500}
    duration: {distribution: uniform, min: 1m, max: 2m}
    placementStrategy: [{type: spread, field: "attribute:ecs.availability-zone"}, {type: binpack, field: memory}]
    placementConstraints: [{type: distinctInstance}, {type: memberOf, expression: "attribute:stack == prod"}]
  - name: pinned
    taskDefinition: "web:1"
    arrivals: {process: poisson, ratePerMinute: 0.5, count: 10}
    duration: {distribution: empirical, values: [1s, 1m, 1h]}
`)
	tds, ws := s.Config.TaskDefinitions, s.Config.Workloads
	if len(tds) != 2 || len(ws) != 2 {
		t.Fatalf("%d task definitions, %d workloads", len(tds), len(ws))
	}
	t.Run("family names the latest revision", func(t *testing.T) {
		if ws[0].TaskDefinition != tds[1] || ws[0].TaskDefinition.Name() != "web:2" {
			t.Errorf("got %v", ws[0].TaskDefinition.Name())
		}
	})
	t.Run("family:revision names that revision", func(t *testing.T) {
		if ws[1].TaskDefinition != tds[0] {
			t.Errorf("got %v", ws[1].TaskDefinition.Name())
		}
	})
	t.Run("task definition constraints kept on the definition", func(t *testing.T) {
		want := []cluster.PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.instance-type =~ m5.*"}}
		if !slices.Equal(tds[1].PlacementConstraints, want) {
			t.Errorf("got %v", tds[1].PlacementConstraints)
		}
	})
	t.Run("batch workload", func(t *testing.T) {
		w := ws[0]
		wantArr := workloads.ArrivalSpec{Process: workloads.Batch, At: 90 * time.Minute, Count: 500}
		wantDist := workloads.DistSpec{Kind: workloads.Uniform, Min: 60, Max: 120}
		wantStrat := []placement.Spec{{Type: "spread", Field: "attribute:ecs.availability-zone"}, {Type: "binpack", Field: "memory"}}
		wantCons := []cluster.PlacementConstraint{{Type: "distinctInstance"}, {Type: "memberOf", Expression: "attribute:stack == prod"}}
		if w.Name != "latest" || w.Group != "family:custom" || w.TaskStartDelay != 30*time.Second || !reflect.DeepEqual(w.Arrivals, wantArr) ||
			w.Duration.Kind != wantDist.Kind || w.Duration.Min != wantDist.Min || w.Duration.Max != wantDist.Max ||
			!slices.Equal(w.PlacementStrategy.Specs(), wantStrat) || !slices.Equal(w.PlacementConstraints, wantCons) {
			t.Errorf("workload %+v", w)
		}
	})
	t.Run("poisson workload", func(t *testing.T) {
		w := ws[1]
		wantArr := workloads.ArrivalSpec{Process: workloads.Poisson, RatePerMinute: 0.5, Count: 10}
		if !reflect.DeepEqual(w.Arrivals, wantArr) || w.Duration.Kind != workloads.Empirical || !slices.Equal(w.Duration.Values, []float64{1, 60, 3600}) {
			t.Errorf("workload %+v", w)
		}
	})
}

func TestDistributionsInSeconds(t *testing.T) {
	cases := []struct {
		yaml string
		want workloads.DistSpec
	}{
		{"{distribution: constant, value: 90s}", workloads.DistSpec{Kind: "constant", Value: 90}},
		{"{distribution: exponential, mean: 5m}", workloads.DistSpec{Kind: "exponential", Mean: 300}},
		{"{distribution: lognormal, mean: 10m, stddev: 5m}", workloads.DistSpec{Kind: "lognormal", Mean: 600, StdDev: 300}},
		{"{distribution: normal, mean: 1h, stddev: 500ms}", workloads.DistSpec{Kind: "normal", Mean: 3600, StdDev: 0.5}},
		{"{distribution: uniform, min: 0s, max: 1d}", workloads.DistSpec{Kind: "uniform", Max: 86400}},
		{"{distribution: constant, value: 0s}", workloads.DistSpec{Kind: "constant"}},
	}
	for _, tc := range cases {
		t.Run(tc.want.Kind+" "+tc.yaml, func(t *testing.T) {
			src := tdWeb + "workloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + "    duration: " + tc.yaml + "\n"
			got := mustParse(t, "d.yaml", src).Config.Workloads[0].Duration
			if got.Kind != tc.want.Kind || got.Value != tc.want.Value || got.Min != tc.want.Min || got.Max != tc.want.Max ||
				got.Mean != tc.want.Mean || got.StdDev != tc.want.StdDev || len(got.Values) != 0 {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestLimitsAccepted(t *testing.T) {
	// The most that is allowed: 5 strategies and 10 constraints with the
	// task definition's, a 10-year run, a million instances, 10 tasks per
	// RunTask call and a million calls a minute.
	src := `duration: 3650d
sampleInterval: 1h
cluster:
  containerInstances: [{instanceType: t3.medium, count: 1000000}]
taskDefinitions:
  - family: web
    placementConstraints: [{type: memberOf, expression: "attribute:a exists"}]
    containerDefinitions: [{name: app, memory: 512}]
workloads:
  - name: w
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 1000000, count: 10}
    duration: {distribution: constant, value: 1m}
    placementStrategy:
      - {type: spread, field: instanceId}
      - {type: spread, field: host}
      - {type: binpack, field: cpu}
      - {type: binpack, field: memory}
      - {type: random}
    placementConstraints:
` + strings.Repeat("      - {type: memberOf, expression: \"attribute:b exists\"}\n", 8) + "      - {type: distinctInstance}\n"
	s := mustParse(t, "limits.yaml", src)
	if w := s.Config.Workloads[0]; w.PlacementStrategy.Len() != 5 || len(w.PlacementConstraints) != 9 {
		t.Errorf("%d strategies, %d constraints", w.PlacementStrategy.Len(), len(w.PlacementConstraints))
	}
}

func TestUnquotedStartTime(t *testing.T) {
	// YAML reads an unquoted timestamp as !!timestamp; the scenario takes it
	// as the string it is.
	s := mustParse(t, "t.yaml", "startTime: 2030-06-01T08:30:00Z\n")
	if want := time.Date(2030, 6, 1, 8, 30, 0, 0, time.UTC); !s.Config.StartTime.Equal(want) {
		t.Errorf("startTime %v", s.Config.StartTime)
	}
}

func TestAnchorsAndAliases(t *testing.T) {
	s := mustParse(t, "a.yaml", `cluster:
  containerInstances:
    - {instanceType: m5.large, count: 2, attributes: &attrs {stack: prod, tier: web}}
    - {instanceType: c5.large, attributes: *attrs}
taskDefinitions:
  - family: web
    containerDefinitions: &containers
      - {name: app, memory: 256}
  - family: api
    containerDefinitions: *containers
workloads:
  - name: a
    taskDefinition: web
    arrivals: &arr {process: poisson, ratePerMinute: 3}
    duration: &dur {distribution: exponential, mean: 2m}
  - name: b
    taskDefinition: api
    arrivals: *arr
    duration: *dur
`)
	c := s.Config
	if !slices.Equal(c.Instances[0].Attributes, c.Instances[1].Attributes) || len(c.Instances[1].Attributes) != 2 {
		t.Errorf("attributes %v and %v", c.Instances[0].Attributes, c.Instances[1].Attributes)
	}
	if c.TaskDefinitions[1].Requirements().MemoryMiB != 256 {
		t.Errorf("aliased containers: %+v", c.TaskDefinitions[1].Containers)
	}
	if !reflect.DeepEqual(c.Workloads[1].Arrivals, c.Workloads[0].Arrivals) || c.Workloads[1].Duration.Mean != 120 {
		t.Errorf("aliased workload: %+v", c.Workloads[1])
	}
}

func TestMergeKeys(t *testing.T) {
	t.Run("merge adds keys", func(t *testing.T) {
		s := mustParse(t, "m.yaml", `cluster:
  containerInstances:
    - &base {instanceType: m5.large, count: 2, availabilityZone: us-east-1a}
    - <<: *base
      attributes: {stack: prod}
`)
		g := s.Config.Instances[1]
		if g.Type.Name != "m5.large" || g.Count != 2 || g.AvailabilityZone != "us-east-1a" || len(g.Attributes) != 1 {
			t.Errorf("merged group %+v", g)
		}
	})
	t.Run("merge of a list of mappings, earlier wins", func(t *testing.T) {
		s := mustParse(t, "m.yaml", `cluster:
  containerInstances:
    - &a {instanceType: m5.large, count: 2}
    - &b {instanceType: c5.large, availabilityZone: us-east-1b}
    - <<: [*a, *b]
`)
		g := s.Config.Instances[2]
		if g.Type.Name != "m5.large" || g.Count != 2 || g.AvailabilityZone != "us-east-1b" {
			t.Errorf("merged group %+v", g)
		}
	})
	t.Run("key before the merge overrides it", func(t *testing.T) {
		s := mustParse(t, "m.yaml", `cluster:
  containerInstances:
    - &base {instanceType: m5.large, count: 2}
    - count: 5
      <<: *base
`)
		if g := s.Config.Instances[1]; g.Count != 5 || g.Type.Name != "m5.large" {
			t.Errorf("merged group %+v", g)
		}
	})
	t.Run("key after the merge overrides it", func(t *testing.T) {
		s := mustParse(t, "m.yaml", `cluster:
  containerInstances:
    - &base {instanceType: m5.large, count: 2, availabilityZone: us-east-1a}
    - <<: *base
      availabilityZone: us-east-1b
`)
		if g := s.Config.Instances[1]; g.AvailabilityZone != "us-east-1b" || g.Count != 2 {
			t.Errorf("merged group %+v", g)
		}
	})
	t.Run("merged unknown key is reported", func(t *testing.T) {
		got := parseErrors(t, "m.yaml", "cluster:\n  containerInstances:\n    - &base {instanceType: m5.large}\n    - <<: {zone: a}\n")
		checkLines(t, "m.yaml", got, []wantLine{{"4:12", "cluster.containerInstances[1].zone", `unknown field "zone"`}})
	})
}

func TestVariantsAndSets(t *testing.T) {
	s := mustParse(t, "v.yaml", minimalScenario+`variants:
  slow: {workloads.w.arrivals.ratePerMinute: 0.5}
  binpack: {workloads.w.placementStrategy: [{type: binpack, field: memory}], seed: 9}
`)
	t.Run("variants sorted by name", func(t *testing.T) {
		var names []string
		for _, v := range s.Variants {
			names = append(names, v.Name)
		}
		if !slices.Equal(names, []string{"binpack", "slow"}) {
			t.Errorf("variants %v", names)
		}
	})
	t.Run("the file itself is unchanged", func(t *testing.T) {
		if w := s.Config.Workloads[0]; w.Arrivals.RatePerMinute != 1 || w.PlacementStrategy.Len() != 0 || s.Config.Seed != 1 {
			t.Errorf("workload %+v, seed %d", w, s.Config.Seed)
		}
	})
	t.Run("a variant applies its overrides", func(t *testing.T) {
		v, err := s.Variant("binpack")
		if err != nil {
			t.Fatal(err)
		}
		want := []placement.Spec{{Type: "binpack", Field: "memory"}}
		if w := v.Config.Workloads[0]; !slices.Equal(w.PlacementStrategy.Specs(), want) || v.Config.Seed != 9 || w.Arrivals.RatePerMinute != 1 {
			t.Errorf("workload %+v, seed %d", w, v.Config.Seed)
		}
	})
	t.Run("unknown variant lists the variants", func(t *testing.T) {
		v, err := s.Variant("spread")
		checkLines(t, "v.yaml", errorLines(t, v, err), []wantLine{{"", "variants", `no variant "spread" (accepted: binpack, slow)`}})
	})
	t.Run("--set on top of a variant", func(t *testing.T) {
		v, err := s.Variant("slow")
		if err != nil {
			t.Fatal(err)
		}
		set, err := ParseSet("duration=2h")
		if err != nil {
			t.Fatal(err)
		}
		w, err := v.WithSets(set)
		if err != nil {
			t.Fatal(err)
		}
		if w.Config.Duration != 2*time.Hour || w.Config.Workloads[0].Arrivals.RatePerMinute != 0.5 {
			t.Errorf("duration %v, rate %v", w.Config.Duration, w.Config.Workloads[0].Arrivals.RatePerMinute)
		}
	})
	t.Run("an alias as a variant value", func(t *testing.T) {
		src := strings.Replace(minimalScenario, "arrivals: {", "arrivals: &fast {", 1) + "variants:\n  again: {workloads.w.arrivals: *fast}\n"
		mustParse(t, "v.yaml", src)
	})
}
