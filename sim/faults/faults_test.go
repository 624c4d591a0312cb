package faults

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/cluster/clustertest"
	"github.com/ecsim/ecsim/workloads"
)

func env(seed uint64) Env {
	return Env{Rand: rand.New(rand.NewPCG(seed, 1)), Source: func(string) rand.Source { return rand.NewPCG(seed, 2) }}
}

// ctx gives every key in given as set.
func ctx(given ...string) Context {
	return Context{Horizon: 24 * time.Hour, Zones: []string{"us-east-1a", "us-east-1b"}, SpotProviders: []string{"spot"},
		Given: func(k string) bool { return slices.Contains(given, k) }, Format: time.Duration.String, MaxCount: 100}
}

func TestRegistryBuiltinsAndRegistration(t *testing.T) {
	r := NewRegistry()
	want := []string{"instanceFailure", "availabilityZoneOutage", "agentDisconnect", "spotInterruption"}
	if got := r.Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	k, _ := r.Kind("instanceFailure")
	if err := r.Register(k); err == nil || !strings.Contains(err.Error(), "registered twice") {
		t.Errorf("registering instanceFailure twice: %v", err)
	}
	if err := r.Register(Kind{Name: "half"}); err == nil {
		t.Error("registered a kind without Keys, Check and New")
	}
	if _, ok := r.Kind("meteor"); ok {
		t.Error("Kind(meteor) found")
	}
}

// TestChecks derives each message from the kind's rule (docs/model.md §11).
func TestChecks(t *testing.T) {
	r := NewRegistry()
	for _, tc := range []struct {
		name  string
		spec  Spec
		given []string
		want  []string // "field: message prefix"
	}{
		{"failure at and count ok", Spec{Type: "instanceFailure", At: time.Hour, Count: 2}, []string{"at", "count"}, nil},
		{"failure needs at", Spec{Type: "instanceFailure", Count: 1}, nil, []string{"at: required: a time between 0s and the scenario duration (24h0m0s)"}},
		{"failure at past the end", Spec{Type: "instanceFailure", At: 25 * time.Hour, Count: 1}, []string{"at"}, []string{"at: must be between 0s and the scenario duration"}},
		{"failure count bounds", Spec{Type: "instanceFailure", At: time.Hour, Count: 101}, []string{"at", "count"}, []string{"count: must be between 1 and 100 (got 101)"}},
		{"failure either or", Spec{Type: "instanceFailure", At: time.Hour, Count: 1}, []string{"at", "failureTime"}, []string{"failureTime: give either at and count, or failureTime"}},
		{"outage needs a zone and a window", Spec{Type: "availabilityZoneOutage", Count: 1}, nil, []string{
			"at: required", "duration: required: how long the fault lasts", "availabilityZone: required: the zone that goes down (accepted: us-east-1a, us-east-1b)"}},
		{"outage zero duration", Spec{Type: "availabilityZoneOutage", AvailabilityZone: "us-east-1a", Count: 1}, []string{"at", "duration"}, []string{"duration: must be greater than 0s"}},
		{"disconnect ok", Spec{Type: "agentDisconnect", At: time.Hour, Duration: time.Minute, Count: 3}, []string{"at", "duration", "count"}, nil},
		{"spot needs a provider and a rate", Spec{Type: "spotInterruption"}, nil, []string{
			"capacityProvider: required", "ratePerHour: must be > 0"}},
		{"spot provider without Spot", Spec{Type: "spotInterruption", CapacityProvider: "ondemand", RatePerHour: 1}, nil, []string{
			`capacityProvider: "ondemand" has no Spot capacity: Spot interruptions need an Auto Scaling group with spot: true, or FARGATE_SPOT (accepted: spot)`}},
	} {
		k, _ := r.Kind(tc.spec.Type)
		var errs workloads.FieldErrors
		k.Check(&tc.spec, ctx(tc.given...), &errs)
		if len(errs) != len(tc.want) {
			t.Errorf("%s: %d problems %v, want %d", tc.name, len(errs), errs, len(tc.want))
			continue
		}
		for i, e := range errs {
			if got := e.Field + ": " + e.Msg; !strings.HasPrefix(got, tc.want[i]) {
				t.Errorf("%s: problem %d = %q, want prefix %q", tc.name, i, got, tc.want[i])
			}
		}
	}
}

func TestInstanceFailureKeysDependOnFailureTime(t *testing.T) {
	k, _ := NewRegistry().Kind("instanceFailure")
	if got := k.Keys(ctx("failureTime").Given); !slices.Contains(got, "failureTime") || slices.Contains(got, "at") {
		t.Errorf("with failureTime: keys %v", got)
	}
	if got := k.Keys(ctx().Given); !slices.Contains(got, "at") || slices.Contains(got, "failureTime") {
		t.Errorf("without failureTime: keys %v", got)
	}
}

// fleet returns a cluster with two ACTIVE instances in each of two zones,
// the second of each zone Spot on provider 0, and one deregistered.
func fleet() (*cluster.Cluster, []*cluster.Instance) {
	c := clustertest.New()
	var ins []*cluster.Instance
	for _, az := range []string{"us-east-1a", "us-east-1b"} {
		ins = append(ins, clustertest.Instance(c, "m5.large").AZ(az).Active())
		ins = append(ins, clustertest.Instance(c, "m5.large").AZ(az).Spot().Provider(0).Active())
	}
	gone := clustertest.Instance(c, "m5.large").AZ("us-east-1a").Active()
	c.SetStatus(gone, cluster.Inactive, 0)
	return c, append(ins, gone)
}

func build(t *testing.T, s Spec, e Env) Fault {
	t.Helper()
	k, _ := NewRegistry().Kind(s.Type)
	f, err := k.New(&s, e)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestZoneOutageFailsTheZone: at At the zone goes down and every instance
// there that is not gone fails; at At+Duration it comes back (§11).
func TestZoneOutageFailsTheZone(t *testing.T) {
	c, ins := fleet()
	f := build(t, Spec{Type: "availabilityZoneOutage", At: time.Hour, Duration: 30 * time.Minute, AvailabilityZone: "us-east-1a", Provider: -1}, env(1))
	if got := f.Phases(); !slices.Equal(got, []time.Duration{time.Hour, 90 * time.Minute}) {
		t.Fatalf("Phases = %v", got)
	}
	acts := f.Phase(0, c)
	want := []Action{{Verb: ZoneDown, AZ: "us-east-1a"},
		{Verb: FailInstance, Instance: ins[0], Cause: "availability zone outage in us-east-1a"},
		{Verb: FailInstance, Instance: ins[1], Cause: "availability zone outage in us-east-1a"}}
	if !slices.Equal(acts, want) {
		t.Errorf("Phase(0) = %+v, want %+v", acts, want)
	}
	if got := f.Phase(1, c); !slices.Equal(got, []Action{{Verb: ZoneUp, AZ: "us-east-1a"}}) {
		t.Errorf("Phase(1) = %+v", got)
	}
}

// TestAgentDisconnectReconnectsTheSame: Count registered instances of the
// zone are disconnected and the same ones reconnected.
func TestAgentDisconnectReconnectsTheSame(t *testing.T) {
	c, _ := fleet()
	f := build(t, Spec{Type: "agentDisconnect", At: time.Hour, Duration: time.Minute, Count: 5, AvailabilityZone: "us-east-1b", Provider: -1}, env(2))
	down := f.Phase(0, c)
	if len(down) != 2 { // only two registered instances in us-east-1b
		t.Fatalf("disconnected %d instances, want 2: %+v", len(down), down)
	}
	up := f.Phase(1, c)
	for i := range down {
		if down[i].Verb != DisconnectAgent || up[i].Verb != ReconnectAgent || up[i].Instance != down[i].Instance || down[i].Instance.AZ != "us-east-1b" {
			t.Errorf("action %d: down %+v, up %+v", i, down[i], up[i])
		}
	}
}

// TestPickIsUniform: choosing 1 of 4 registered instances hits each about
// a quarter of the time (5000 draws: 1250 ± 5σ, σ ≈ 30.6).
func TestPickIsUniform(t *testing.T) {
	c, _ := fleet()
	s := Spec{Provider: -1}
	r := rand.New(rand.NewPCG(3, 3))
	counts := map[*cluster.Instance]int{}
	for range 5000 {
		counts[pick(&s, r, c, 1)[0]]++
	}
	if len(counts) != 4 {
		t.Fatalf("picked %d distinct instances, want the 4 registered", len(counts))
	}
	for in, n := range counts {
		if math.Abs(float64(n)-1250) > 5*30.6 {
			t.Errorf("%s picked %d times of 5000", in.EC2InstanceID, n)
		}
	}
}

// TestSpotInterruptionLifetimes: only Spot instances of the provider get a
// notice; lifetimes are exponential with mean 3600/rate seconds (20000
// draws at rate 2: mean 1800 s, standard error 12.7 s).
func TestSpotInterruptionLifetimes(t *testing.T) {
	_, ins := fleet()
	f := build(t, Spec{Type: "spotInterruption", RatePerHour: 2, CapacityProvider: "spot", Provider: 0}, env(4))
	if _, ok := f.Registered(ins[0]); ok {
		t.Error("an On-Demand instance got a Spot lifetime")
	}
	sum := 0.0
	for range 20000 {
		after, ok := f.Registered(ins[1])
		if !ok || after < 0 {
			t.Fatalf("Registered = %v, %v", after, ok)
		}
		sum += after
	}
	if mean := sum / 20000; math.Abs(mean-1800) > 5*12.7 {
		t.Errorf("mean lifetime %.1f s, want 1800 ± 64", mean)
	}
	if got := f.Act(ins[1]); !slices.Equal(got, []Action{{Verb: SpotNotice, Instance: ins[1]}}) {
		t.Errorf("Act = %+v", got)
	}
}

// TestInstanceFailureLifetime: with failureTime every matching instance
// fails after a drawn lifetime and there is no timed phase; without it,
// Count instances fail at At.
func TestInstanceFailureLifetime(t *testing.T) {
	c, ins := fleet()
	f := build(t, Spec{Type: "instanceFailure", AvailabilityZone: "us-east-1b", Provider: -1,
		FailureTime: workloads.DistSpec{Kind: workloads.Constant, Value: 7200}}, env(5))
	if len(f.Phases()) != 0 {
		t.Errorf("a lifetime fault has phases %v", f.Phases())
	}
	if after, ok := f.Registered(ins[2]); !ok || after != 7200 {
		t.Errorf("Registered(us-east-1b) = %v, %v; want 7200, true", after, ok)
	}
	if _, ok := f.Registered(ins[0]); ok {
		t.Error("an instance of another zone got a lifetime")
	}
	g := build(t, Spec{Type: "instanceFailure", At: time.Hour, Count: 3, Provider: -1}, env(6))
	acts := g.Phase(0, c)
	if len(acts) != 3 {
		t.Fatalf("failed %d instances, want 3", len(acts))
	}
	for _, a := range acts {
		if a.Verb != FailInstance || a.Instance.Status == cluster.Inactive || a.Cause != "instance failure" {
			t.Errorf("action %+v", a)
		}
	}
}
