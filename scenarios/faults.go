package scenarios

import (
	"slices"

	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// DefaultFaultCount is the instances a fault strikes when it gives no count.
const DefaultFaultCount = 1

// faults checks the faults: block. The kind of each type (sim/faults)
// says which keys it takes, and its Check what they must be; the others
// are rejected.
func (v *validator) faults(f *File, cfg *world.Config) {
	cfg.FaultKinds = v.faultKinds
	for i := range f.Faults {
		fs := &f.Faults[i]
		p := index("faults", i)
		out := world.Fault{Type: fs.Type, At: fs.At.D, AvailabilityZone: fs.AvailabilityZone, Duration: fs.Duration.D,
			RatePerHour: fs.RatePerHour, CapacityProvider: fs.CapacityProvider, Provider: -1, Count: DefaultFaultCount}
		if fs.Count != nil {
			out.Count = *fs.Count
		}
		if fs.AvailabilityZone != "" && !slices.Contains(cfg.AvailabilityZones, fs.AvailabilityZone) {
			v.errf(join(p, "availabilityZone"), "%q is not one of the cluster's zones%s", fs.AvailabilityZone, accepted(cfg.AvailabilityZones...))
		}
		if fs.CapacityProvider != "" {
			idx, ok := v.providers[fs.CapacityProvider]
			if !ok {
				v.errf(join(p, "capacityProvider"), "the cluster has no capacity provider %q%s", fs.CapacityProvider, accepted(sortedKeys(v.providers)...))
			}
			out.Provider = idx
		}
		v.faultKind(p, fs, &out, f)
		cfg.Faults = append(cfg.Faults, out)
	}
}

// faultKind checks a fault against its kind: the keys it takes and what
// its Check says of them.
func (v *validator) faultKind(p string, fs *FaultSpec, out *world.Fault, f *File) {
	kind, ok := v.faultKinds.Kind(fs.Type)
	switch {
	case fs.Type == "":
		v.errf(join(p, "type"), "required%s", accepted(v.faultKinds.Names()...))
		return
	case !ok:
		v.errf(join(p, "type"), "unknown fault type %q%s", fs.Type, accepted(v.faultKinds.Names()...))
		return
	}
	given := map[string]bool{"at": fs.At.Set, "count": fs.Count != nil, "duration": fs.Duration.Set,
		"failureTime": fs.FailureTime != nil, "ratePerHour": fs.RatePerHour != 0, "availabilityZone": fs.AvailabilityZone != "",
		"capacityProvider": fs.CapacityProvider != ""}
	has := func(key string) bool { return given[key] }
	uses := kind.Keys(has)
	if given["failureTime"] && slices.Contains(uses, "failureTime") {
		out.FailureTime = v.dist(join(p, "failureTime"), fs.FailureTime)
	}
	var errs workloads.FieldErrors
	kind.Check(out, faults.Context{Horizon: f.Duration.D, Zones: f.Cluster.AvailabilityZones, SpotProviders: v.spotProviders(f),
		Given: has, Format: FormatDuration, MaxCount: MaxInstances}, &errs)
	for _, e := range errs {
		v.errf(join(p, e.Field), "%s", e.Msg)
	}
	for _, field := range sortedKeys(given) {
		if given[field] && !slices.Contains(uses, field) {
			v.errf(join(p, field), "not used by the %s fault%s", fs.Type, accepted(uses...))
		}
	}
}

// spotProviders are the capacity providers with Spot capacity: FARGATE_SPOT
// and Auto Scaling group providers with spot: true.
func (v *validator) spotProviders(f *File) []string {
	var out []string
	for _, cp := range f.Cluster.CapacityProviders {
		if cp.Name == world.ProviderFargateSpot || cp.AutoScalingGroup != nil && cp.AutoScalingGroup.Spot {
			out = append(out, cp.Name)
		}
	}
	return out
}
