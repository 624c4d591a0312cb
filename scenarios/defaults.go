package scenarios

import (
	"reflect"
	"slices"
	"time"

	"github.com/ecsim/ecsim/workloads"
)

// Defaults of the scenario format (README "Scenario format").
const (
	DefaultSeed           = 1
	DefaultDuration       = time.Hour
	DefaultSampleInterval = time.Minute
	// DefaultStartTime is the wall-clock instant of t = 0 when the scenario
	// gives none: a fixed epoch, so runs never depend on the wall clock.
	DefaultStartTime = "2026-01-05T00:00:00Z"
	// DefaultLaunchType is used by a request with neither a launch type nor
	// a capacity provider strategy in a cluster without a default strategy.
	DefaultLaunchType = "EC2"
	// DefaultNetworkMode is ECS's default on Linux EC2 instances.
	DefaultNetworkMode = "bridge"
	// DefaultInstanceCount is a containerInstances entry's count, and
	// DefaultTaskCount the tasks of each RunTask call (arrivals.count of
	// every process but batch, a scheduled task's taskCount).
	DefaultInstanceCount = 1
	DefaultTaskCount     = 1
	// DefaultEssential is a container's essential, as in ECS.
	DefaultEssential = true
)

// DefaultAvailabilityZones returns the zones used when a scenario names none.
func DefaultAvailabilityZones() []string {
	return []string{"us-east-1a", "us-east-1b", "us-east-1c"}
}

// DefaultFargateProvisioningDelay is the time Fargate takes to find capacity
// for a task when the scenario does not say: uniform between 10 s and 30 s.
// AWS publishes no figure; this is a modelling choice (README "Model").
func DefaultFargateProvisioningDelay() workloads.DistSpec {
	return workloads.DistSpec{Kind: workloads.Uniform, Min: 10, Max: 30}
}

// applyDefaults fills in what the file leaves unset (README "Scenario format").
func applyDefaults(f *File) {
	if f.Seed == nil {
		seed := uint64(DefaultSeed)
		f.Seed = &seed
	}
	if !f.Duration.Set {
		f.Duration = Duration{D: DefaultDuration, Set: true}
	}
	if !f.SampleInterval.Set {
		f.SampleInterval = Duration{D: DefaultSampleInterval, Set: true}
	}
	if f.StartTime == "" {
		f.StartTime = DefaultStartTime
	}
	if len(f.Cluster.AvailabilityZones) == 0 {
		f.Cluster.AvailabilityZones = DefaultAvailabilityZones()
	}
	for i := range f.Cluster.ContainerInstances {
		ci := &f.Cluster.ContainerInstances[i]
		if ci.Count == nil {
			n := DefaultInstanceCount
			ci.Count = &n
		}
	}
	for i := range f.TaskDefinitions {
		defaultTaskDefinition(&f.TaskDefinitions[i])
	}
	for i := range f.Workloads {
		w := &f.Workloads[i]
		if w.Arrivals.Count == nil && w.Arrivals.Process != "" && w.Arrivals.Process != "batch" {
			n := DefaultTaskCount
			w.Arrivals.Count = &n
		}
	}
}

// defaultTaskDefinition fills in a task definition's network mode,
// compatibilities and essential containers as ECS does.
func defaultTaskDefinition(td *TaskDefinition) {
	if td.NetworkMode == "" {
		td.NetworkMode = DefaultNetworkMode
		if slices.Contains(td.RequiresCompatibilities, "FARGATE") {
			td.NetworkMode = "awsvpc"
		}
	}
	if len(td.RequiresCompatibilities) == 0 {
		td.RequiresCompatibilities = defaultCompatibilities()
	}
	for j := range td.ContainerDefinitions {
		c := &td.ContainerDefinitions[j]
		if c.Essential == nil {
			yes := DefaultEssential
			c.Essential = &yes
		}
	}
}

// defaultCompatibilities are a task definition's requiresCompatibilities
// when it gives none.
func defaultCompatibilities() []string { return []string{"EC2"} }

// reflectValue is the addressable value p points to.
func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

// sortStrings sorts s in place.
func sortStrings(s []string) { slices.Sort(s) }
