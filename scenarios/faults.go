package scenarios

import (
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim/world"
)

var faultTypes = []string{world.FaultInstanceFailure, world.FaultZoneOutage, world.FaultAgentDisconnect, world.FaultSpotInterruption}

// faults checks the faults: block; each type takes its own fields (see
// world.Fault) and rejects the others.
func (v *validator) faults(f *File, cfg *world.Config) {
	for i := range f.Faults {
		fs := &f.Faults[i]
		p := index("faults", i)
		out := world.Fault{Type: fs.Type, At: fs.At.D, AvailabilityZone: fs.AvailabilityZone, Duration: fs.Duration.D,
			RatePerHour: fs.RatePerHour, Provider: -1, Count: 1}
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
		uses := v.faultFields(p, fs, &out, f)
		for field, set := range map[string]bool{"at": fs.At.Set, "count": fs.Count != nil, "duration": fs.Duration.Set,
			"failureTime": fs.FailureTime != nil, "ratePerHour": fs.RatePerHour != 0, "availabilityZone": fs.AvailabilityZone != "",
			"capacityProvider": fs.CapacityProvider != ""} {
			if set && !slices.Contains(uses, field) && uses != nil {
				v.errf(join(p, field), "not used by the %s fault%s", fs.Type, accepted(uses...))
			}
		}
		cfg.Faults = append(cfg.Faults, out)
	}
}

// faultFields checks the fields a fault type needs and returns the fields it
// takes (nil for an unknown type).
func (v *validator) faultFields(p string, fs *FaultSpec, out *world.Fault, f *File) []string {
	horizon := f.Duration.D
	switch fs.Type {
	case world.FaultInstanceFailure:
		return v.instanceFailure(p, fs, out, horizon)
	case world.FaultZoneOutage:
		v.faultWindow(p, fs, horizon)
		if fs.AvailabilityZone == "" {
			v.errf(join(p, "availabilityZone"), "required: the zone that goes down%s", accepted(f.Cluster.AvailabilityZones...))
		}
		return []string{"at", "duration", "availabilityZone"}
	case world.FaultAgentDisconnect:
		v.faultWindow(p, fs, horizon)
		v.faultCount(p, out)
		return []string{"at", "duration", "count", "availabilityZone", "capacityProvider"}
	case world.FaultSpotInterruption:
		v.spotInterruption(p, fs, f)
		return []string{"capacityProvider", "ratePerHour", "availabilityZone"}
	case "":
		v.errf(join(p, "type"), "required%s", accepted(faultTypes...))
	default:
		v.errf(join(p, "type"), "unknown fault type %q%s", fs.Type, accepted(faultTypes...))
	}
	return nil
}

// instanceFailure checks an instanceFailure fault: at and count, or a
// failureTime distribution.
func (v *validator) instanceFailure(p string, fs *FaultSpec, out *world.Fault, horizon time.Duration) []string {
	if fs.FailureTime != nil {
		out.FailureTime = v.dist(join(p, "failureTime"), fs.FailureTime)
		if fs.At.Set || fs.Count != nil {
			v.errf(join(p, "failureTime"), "give either at and count, or failureTime")
		}
		return []string{"failureTime", "availabilityZone", "capacityProvider"}
	}
	v.faultAt(p, fs, horizon)
	v.faultCount(p, out)
	return []string{"at", "count", "availabilityZone", "capacityProvider"}
}

// faultAt checks that a fault's at is set and within the scenario.
func (v *validator) faultAt(p string, fs *FaultSpec, horizon time.Duration) {
	switch {
	case !fs.At.Set:
		v.errf(join(p, "at"), "required: a time between 0s and the scenario duration (%s)", FormatDuration(horizon))
	case fs.At.D < 0 || fs.At.D > horizon:
		v.errf(join(p, "at"), "must be between 0s and the scenario duration (%s) (got %s)", FormatDuration(horizon), FormatDuration(fs.At.D))
	}
}

// faultWindow checks the at and duration of a fault that lasts a while.
func (v *validator) faultWindow(p string, fs *FaultSpec, horizon time.Duration) {
	v.faultAt(p, fs, horizon)
	switch {
	case !fs.Duration.Set:
		v.errf(join(p, "duration"), "required: how long the fault lasts, e.g. 30m")
	case fs.Duration.D <= 0:
		v.errf(join(p, "duration"), "must be greater than 0s: how long the fault lasts, e.g. 30m (got %s)", FormatDuration(fs.Duration.D))
	}
}

// faultCount checks the number of instances a fault hits.
func (v *validator) faultCount(p string, out *world.Fault) {
	v.intRange(join(p, "count"), int64(out.Count), 1, MaxInstances)
}

// spotInterruption checks a spotInterruption fault: a capacity provider
// with Spot capacity and a rate.
func (v *validator) spotInterruption(p string, fs *FaultSpec, f *File) {
	if fs.CapacityProvider == "" {
		v.errf(join(p, "capacityProvider"), "required: the provider whose Spot capacity is reclaimed")
	} else if !v.spotProvider(f, fs.CapacityProvider) {
		have := "; the cluster has none"
		if sp := v.spotProviders(f); len(sp) > 0 {
			have = accepted(sp...)
		}
		v.errf(join(p, "capacityProvider"), "%q has no Spot capacity: Spot interruptions need an Auto Scaling group with spot: true, or FARGATE_SPOT%s",
			fs.CapacityProvider, have)
	}
	if !(fs.RatePerHour > 0) {
		v.errf(join(p, "ratePerHour"), "must be > 0: interruptions per instance-hour (or task-hour on FARGATE_SPOT)")
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

// spotProvider reports whether name is one of the spotProviders.
func (v *validator) spotProvider(f *File, name string) bool {
	return contains(v.spotProviders(f), name)
}
