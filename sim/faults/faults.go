// Package faults holds the fault kinds a run can inject (docs/model.md
// §11): each is a controller that observes the instances, decides, and
// returns actions in the world's verbs; the world applies them and emits
// the records. A Registry maps the scenario's fault types to kinds, so a
// new kind is one file, one registration line and its test.
package faults

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/workloads"
)

// Spec is one fault as the scenario gives it. Each kind reads the fields
// its Keys name and ignores the others.
type Spec struct {
	Type             string
	At               time.Duration
	Count            int // instances hit; 1 when not given
	AvailabilityZone string
	// CapacityProvider is the provider's name, Provider its index in the
	// world's configuration (-1: any).
	CapacityProvider string
	Provider         int
	Duration         time.Duration
	FailureTime      workloads.DistSpec // seconds; Kind "" when not given
	RatePerHour      float64
}

// Matches reports whether in is in the fault's zone and provider (when
// they are given).
func (s *Spec) Matches(in *cluster.Instance) bool {
	return (s.AvailabilityZone == "" || s.AvailabilityZone == in.AZ) && (s.Provider < 0 || s.Provider == in.Provider)
}

// Verb is what an Action asks the world to do.
type Verb uint8

// The world's verbs.
const (
	// FailInstance ends the instance at once, its tasks with it; its group
	// replaces it.
	FailInstance Verb = iota
	// ZoneDown takes the zone out: nothing launches there until ZoneUp.
	ZoneDown
	// ZoneUp ends a ZoneDown.
	ZoneUp
	// DisconnectAgent disconnects the instance's container agent: its tasks
	// keep running and nothing new is placed there.
	DisconnectAgent
	// ReconnectAgent reconnects a registered instance's agent.
	ReconnectAgent
	// SpotNotice gives an EC2 Spot instance its two-minute interruption
	// notice.
	SpotNotice
)

// Action is one change a fault asks for.
type Action struct {
	Verb     Verb
	Instance *cluster.Instance // FailInstance, DisconnectAgent, ReconnectAgent, SpotNotice
	AZ       string            // ZoneDown, ZoneUp
	Cause    string            // FailInstance: why, for the record
}

// View is what a fault reads of the world. A fault never changes what it
// reads: it returns actions.
type View interface {
	// Instances returns every instance in launch order.
	Instances() []*cluster.Instance
}

// Fault is a fault kind's controller for one Spec.
type Fault interface {
	// Phases returns the instants (from the start of the run) at which
	// Phase is called, in order; none for a fault that only acts per
	// instance.
	Phases() []time.Duration
	// Phase returns what happens at the i-th instant of Phases.
	Phase(i int, v View) []Action
	// Registered is told of an instance that just registered; it returns
	// after how many seconds the fault acts on it, ok false for never.
	Registered(in *cluster.Instance) (afterSeconds float64, ok bool)
	// Act returns what happens to in when that time comes.
	Act(in *cluster.Instance) []Action
}

// Env is what a fault draws its random numbers from: streams of the run's
// seed named after the fault, so adding a fault shifts no other numbers.
type Env struct {
	// Rand is the fault's stream (faults/<index>/<type>).
	Rand *rand.Rand
	// Source returns the fault's named sub-stream (faults/<index>/<name>).
	Source func(name string) rand.Source
	// Workloads resolves the distributions a fault draws from (nil: the
	// built-in ones).
	Workloads *workloads.Registry
}

// Context is what a kind's Check may consult besides the spec.
type Context struct {
	// Horizon is the scenario's duration.
	Horizon time.Duration
	// Zones are the cluster's Availability Zones.
	Zones []string
	// SpotProviders are the capacity providers with Spot capacity.
	SpotProviders []string
	// Given reports whether the scenario sets a key.
	Given func(key string) bool
	// Format writes a duration as the scenario does (1h30m).
	Format func(time.Duration) string
	// MaxCount bounds Count.
	MaxCount int
}

// Kind is a fault type.
type Kind struct {
	// Name is the scenario's type value, e.g. instanceFailure.
	Name string
	// Keys returns the scenario keys a spec of this kind takes besides
	// type; the others are errors. Given reports which are set.
	Keys func(given func(key string) bool) []string
	// Check reports what is wrong with a spec, each problem named by its
	// scenario key.
	Check func(s *Spec, c Context, errs *workloads.FieldErrors)
	// New builds the controller of a checked spec.
	New func(s *Spec, env Env) (Fault, error)
}

// Registry maps fault types to kinds.
type Registry struct {
	kinds map[string]Kind
	order []string
}

// NewRegistry returns a registry of the built-in kinds: instanceFailure,
// availabilityZoneOutage, agentDisconnect and spotInterruption.
func NewRegistry() *Registry {
	r := &Registry{kinds: map[string]Kind{}}
	for _, k := range []Kind{instanceFailureKind(), zoneOutageKind(), agentDisconnectKind(), spotInterruptionKind()} {
		if err := r.Register(k); err != nil {
			panic(err)
		}
	}
	return r
}

// Register adds a kind; a name registered twice is an error.
func (r *Registry) Register(k Kind) error {
	if k.Name == "" || k.Keys == nil || k.Check == nil || k.New == nil {
		return fmt.Errorf("faults: kind %q needs a name, Keys, Check and New", k.Name)
	}
	if _, dup := r.kinds[k.Name]; dup {
		return fmt.Errorf("faults: kind %q registered twice", k.Name)
	}
	r.kinds[k.Name] = k
	r.order = append(r.order, k.Name)
	return nil
}

// Kind returns the kind named name.
func (r *Registry) Kind(name string) (Kind, bool) {
	k, ok := r.kinds[name]
	return k, ok
}

// Names returns the registered types in registration order.
func (r *Registry) Names() []string { return slices.Clone(r.order) }
