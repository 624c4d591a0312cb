package faults

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// accepted formats a list of accepted values for a message.
func accepted(values []string) string { return " (accepted: " + strings.Join(values, ", ") + ")" }

// keys returns a Keys function for a kind whose keys do not depend on what
// is given.
func keys(k ...string) func(func(string) bool) []string {
	return func(func(string) bool) []string { return k }
}

// checkAt checks that at is given and within the run.
func checkAt(s *Spec, c Context, errs *workloads.FieldErrors) {
	switch {
	case !c.Given("at"):
		errs.Add("at", "required: a time between 0s and the scenario duration (%s)", c.Format(c.Horizon))
	case s.At < 0 || s.At > c.Horizon:
		errs.Add("at", "must be between 0s and the scenario duration (%s) (got %s)", c.Format(c.Horizon), c.Format(s.At))
	}
}

// checkWindow checks the at and duration of a fault that lasts a while.
func checkWindow(s *Spec, c Context, errs *workloads.FieldErrors) {
	checkAt(s, c, errs)
	switch {
	case !c.Given("duration"):
		errs.Add("duration", "required: how long the fault lasts, e.g. 30m")
	case s.Duration <= 0:
		errs.Add("duration", "must be greater than 0s: how long the fault lasts, e.g. 30m (got %s)", c.Format(s.Duration))
	}
}

// checkCount checks the number of instances a fault hits.
func checkCount(s *Spec, c Context, errs *workloads.FieldErrors) {
	if s.Count < 1 || s.Count > c.MaxCount {
		errs.Add("count", "must be between %d and %d (got %d)", 1, c.MaxCount, s.Count)
	}
}

// pick chooses n registered instances matching s uniformly at random, in
// instance order first so the choice depends only on the fault's stream.
func pick(s *Spec, r *rand.Rand, v View, n int) []*cluster.Instance {
	var cands []*cluster.Instance
	for _, in := range v.Instances() {
		if in.Status.Registered() && s.Matches(in) {
			cands = append(cands, in)
		}
	}
	r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	return cands[:min(n, len(cands))]
}

// base is the Fault methods a kind does not use.
type base struct{}

func (base) Phases() []time.Duration                      { return nil }
func (base) Phase(int, View) []Action                     { return nil }
func (base) Registered(*cluster.Instance) (float64, bool) { return 0, false }
func (base) Act(*cluster.Instance) []Action               { return nil }
func failAll(ins []*cluster.Instance, cause string) []Action {
	out := make([]Action, len(ins))
	for i, in := range ins {
		out[i] = Action{Verb: FailInstance, Instance: in, Cause: cause}
	}
	return out
}

// instanceFailureKind ends instances at once (docs/model.md §11): Count
// instances chosen at random at At, or every instance after a lifetime
// drawn from FailureTime (seconds).
func instanceFailureKind() Kind {
	return Kind{
		Name: string(record.FaultInstanceFailure),
		Keys: func(given func(string) bool) []string {
			if given("failureTime") {
				return []string{"failureTime", "availabilityZone", "capacityProvider"}
			}
			return []string{"at", "count", "availabilityZone", "capacityProvider"}
		},
		Check: func(s *Spec, c Context, errs *workloads.FieldErrors) {
			if c.Given("failureTime") {
				if c.Given("at") || c.Given("count") {
					errs.Add("failureTime", "give either at and count, or failureTime")
				}
				return
			}
			checkAt(s, c, errs)
			checkCount(s, c, errs)
		},
		New: func(s *Spec, env Env) (Fault, error) {
			f := &instanceFailure{spec: s, rng: env.Rand}
			if s.FailureTime.Kind != "" {
				reg := env.Workloads
				if reg == nil {
					reg = workloads.NewRegistry()
				}
				smp, err := reg.NewSampler(s.FailureTime, env.Source("lifetime"))
				if err != nil {
					return nil, fmt.Errorf("failureTime: %w", err)
				}
				f.lifetime = smp
			}
			return f, nil
		},
	}
}

type instanceFailure struct {
	spec     *Spec
	rng      *rand.Rand
	lifetime workloads.Sampler
}

func (f *instanceFailure) Phases() []time.Duration {
	if f.lifetime != nil {
		return nil
	}
	return []time.Duration{f.spec.At}
}

func (f *instanceFailure) Phase(_ int, v View) []Action {
	return failAll(pick(f.spec, f.rng, v, f.spec.Count), "instance failure")
}

func (f *instanceFailure) Registered(in *cluster.Instance) (float64, bool) {
	if f.lifetime == nil || !f.spec.Matches(in) {
		return 0, false
	}
	return f.lifetime.Rand(), true
}

func (f *instanceFailure) Act(in *cluster.Instance) []Action {
	return []Action{{Verb: FailInstance, Instance: in, Cause: "instance failure"}}
}

// zoneOutageKind takes an Availability Zone down for Duration from At
// (docs/model.md §11): its instances fail and nothing launches there.
func zoneOutageKind() Kind {
	return Kind{
		Name: string(record.FaultZoneOutage),
		Keys: keys("at", "duration", "availabilityZone"),
		Check: func(s *Spec, c Context, errs *workloads.FieldErrors) {
			checkWindow(s, c, errs)
			if s.AvailabilityZone == "" {
				errs.Add("availabilityZone", "required: the zone that goes down%s", accepted(c.Zones))
			}
		},
		New: func(s *Spec, _ Env) (Fault, error) { return &zoneOutage{spec: s}, nil },
	}
}

type zoneOutage struct {
	base
	spec *Spec
}

func (f *zoneOutage) Phases() []time.Duration {
	return []time.Duration{f.spec.At, f.spec.At + f.spec.Duration}
}

func (f *zoneOutage) Phase(i int, v View) []Action {
	az := f.spec.AvailabilityZone
	if i == 1 {
		return []Action{{Verb: ZoneUp, AZ: az}}
	}
	out := []Action{{Verb: ZoneDown, AZ: az}}
	for _, in := range v.Instances() {
		if in.AZ == az && in.Status != cluster.Inactive {
			out = append(out, Action{Verb: FailInstance, Instance: in, Cause: "availability zone outage in " + az})
		}
	}
	return out
}

// agentDisconnectKind disconnects Count container agents chosen at random
// for Duration from At (docs/model.md §11): their tasks keep running and
// nothing new is placed there until they reconnect.
func agentDisconnectKind() Kind {
	return Kind{
		Name: string(record.FaultAgentDisconnect),
		Keys: keys("at", "duration", "count", "availabilityZone", "capacityProvider"),
		Check: func(s *Spec, c Context, errs *workloads.FieldErrors) {
			checkWindow(s, c, errs)
			checkCount(s, c, errs)
		},
		New: func(s *Spec, env Env) (Fault, error) { return &agentDisconnect{spec: s, rng: env.Rand}, nil },
	}
}

type agentDisconnect struct {
	base
	spec         *Spec
	rng          *rand.Rand
	disconnected []*cluster.Instance
}

func (f *agentDisconnect) Phases() []time.Duration {
	return []time.Duration{f.spec.At, f.spec.At + f.spec.Duration}
}

func (f *agentDisconnect) Phase(i int, v View) []Action {
	verb := ReconnectAgent
	if i == 0 {
		f.disconnected = pick(f.spec, f.rng, v, f.spec.Count)
		verb = DisconnectAgent
	}
	out := make([]Action, len(f.disconnected))
	for j, in := range f.disconnected {
		out[j] = Action{Verb: verb, Instance: in}
	}
	return out
}

// spotInterruptionKind reclaims Spot capacity at RatePerHour per
// instance-hour with a two-minute notice (docs/model.md §3.3, §11). On an
// Auto Scaling group provider each Spot instance gets an exponential
// lifetime; on FARGATE_SPOT the world's Fargate capacity applies the rate
// to tasks.
func spotInterruptionKind() Kind {
	return Kind{
		Name:  string(record.FaultSpotInterruption),
		Keys:  keys("capacityProvider", "ratePerHour", "availabilityZone"),
		Check: checkSpot,
		New:   func(s *Spec, env Env) (Fault, error) { return &spotInterruption{spec: s, rng: env.Rand}, nil },
	}
}

// checkSpot checks a spotInterruption: a provider with Spot capacity and a
// rate.
func checkSpot(s *Spec, c Context, errs *workloads.FieldErrors) {
	if s.CapacityProvider == "" {
		errs.Add("capacityProvider", "required: the provider whose Spot capacity is reclaimed")
	} else if !slices.Contains(c.SpotProviders, s.CapacityProvider) {
		have := "; the cluster has none"
		if len(c.SpotProviders) > 0 {
			have = accepted(c.SpotProviders)
		}
		errs.Add("capacityProvider", "%q has no Spot capacity: Spot interruptions need an Auto Scaling group with spot: true, or FARGATE_SPOT%s",
			s.CapacityProvider, have)
	}
	if !(s.RatePerHour > 0) {
		errs.Add("ratePerHour", "must be > 0: interruptions per instance-hour (or task-hour on FARGATE_SPOT)")
	}
}

type spotInterruption struct {
	base
	spec *Spec
	rng  *rand.Rand
}

func (f *spotInterruption) Registered(in *cluster.Instance) (float64, bool) {
	if !f.spec.Matches(in) || !in.Spot || !(f.spec.RatePerHour > 0) {
		return 0, false
	}
	return f.rng.ExpFloat64() / f.spec.RatePerHour * 3600, true
}

func (f *spotInterruption) Act(in *cluster.Instance) []Action {
	return []Action{{Verb: SpotNotice, Instance: in}}
}
