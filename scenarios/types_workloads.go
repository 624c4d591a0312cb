package scenarios

// The workload part of the scenario file format (see types.go): RunTask
// workloads, scheduled tasks, their arrivals and the distributions they draw.

// StrategySpec is a placement strategy: {type, field}.
type StrategySpec struct {
	// Type is the strategy: binpack (on cpu or memory), spread (over an
	// attribute or instanceId) or random.
	Type string `yaml:"type"`
	// Field is what binpack packs or spread spreads over: cpu, memory,
	// instanceId or attribute:NAME (attribute:ecs.availability-zone).
	Field string `yaml:"field"`
}

// WorkloadSpec is a stream of RunTask requests.
type WorkloadSpec struct {
	// Name names the workload, unique among workloads and scheduled tasks.
	Name string `yaml:"name"`
	// TaskDefinition is the family (its latest revision) or
	// family:revision the tasks run.
	TaskDefinition string `yaml:"taskDefinition"`
	// TaskDefinitions draw each task's definition from a weighted mix,
	// instead of taskDefinition.
	TaskDefinitions []WeightedDefSpec `yaml:"taskDefinitions"`
	// Size draws each task's task-level cpu and memory, overriding the
	// definition's (EC2 capacity only).
	Size *SizeSpec `yaml:"size"`
	// LaunchType runs the tasks on EC2 or FARGATE; give it or
	// capacityProviderStrategy, or neither for the cluster's default
	// strategy, else EC2.
	LaunchType string `yaml:"launchType"`
	// CapacityProviderStrategy splits the tasks over capacity providers.
	CapacityProviderStrategy []StrategyItemSpec `yaml:"capacityProviderStrategy"`
	// Group is the tasks' task group (default family:FAMILY), which spread
	// and distinctInstance count in.
	Group string `yaml:"group"`
	// Arrivals is when RunTask requests arrive.
	Arrivals ArrivalsSpec `yaml:"arrivals"`
	// Duration is how long a task runs, until its essential container
	// exits; required (but with a trace).
	Duration *DistSpec `yaml:"duration"`
	// ContainerDurations are containers' own run times, by container name.
	ContainerDurations map[string]DistSpec `yaml:"containerDurations"`
	// TaskStartDelay is the time from PENDING to RUNNING.
	TaskStartDelay Duration `yaml:"taskStartDelay" range:"[0s,1d]"`
	// PlacementStrategy orders the instances for each task.
	PlacementStrategy []StrategySpec `yaml:"placementStrategy"`
	// PlacementConstraints limit the instances a task may go to.
	PlacementConstraints []ConstraintSpec `yaml:"placementConstraints"`
	// Trace replays a trace instead of drawing arrivals, durations and
	// sizes.
	Trace *TraceSpec `yaml:"trace"`
}

// TraceSpec is a trace to replay: {file, format, skipBadRows} and the
// conversion factors of the normalised formats.
type TraceSpec struct {
	// File is the trace file, relative to the scenario's folder.
	File string `yaml:"file"`
	// Format is the trace's format (README "Traces").
	Format string `yaml:"format"`
	// SkipBadRows skips bad rows, counted in a warning, instead of
	// stopping at the first.
	SkipBadRows bool `yaml:"skipBadRows"`
	// CPUUnitsPerCore converts alibaba2018's plan_cpu (100 a core) to CPU
	// units (0: the format's default, 1024).
	CPUUnitsPerCore float64 `yaml:"cpuUnitsPerCore" range:"(0,1048576] CPU units"`
	// MachineCPUUnits is the largest machine's CPU units, which
	// google2011's normalised requests are scaled by (0: 32768).
	MachineCPUUnits float64 `yaml:"machineCPUUnits" range:"(0,1048576] CPU units"`
	// MachineMemoryMiB is the largest machine's memory, which normalised
	// memory requests are scaled by (0: the format's default).
	MachineMemoryMiB float64 `yaml:"machineMemoryMiB" range:"(0,33554432] MiB"`
}

// ScheduledTaskSpec is an EventBridge rule with an ECS target
// (docs/model.md §11): RunTask of taskCount tasks at each firing.
type ScheduledTaskSpec struct {
	// Name names the rule, unique among workloads and scheduled tasks.
	Name string `yaml:"name"`
	// ScheduleExpression is when the rule fires, in UTC from startTime:
	// cron(0 2 * * ? *), rate(15 minutes) or at(2026-01-06T02:00:00).
	ScheduleExpression string `yaml:"scheduleExpression"`
	// TaskDefinition is the family or family:revision the tasks run.
	TaskDefinition string `yaml:"taskDefinition"`
	// TaskCount is the tasks of each firing.
	TaskCount *int `yaml:"taskCount" range:"[1,10] tasks"`
	// LaunchType runs the tasks on EC2 or FARGATE, as for workloads.
	LaunchType string `yaml:"launchType"`
	// CapacityProviderStrategy splits the tasks over capacity providers.
	CapacityProviderStrategy []StrategyItemSpec `yaml:"capacityProviderStrategy"`
	// Group is the tasks' task group (default family:FAMILY).
	Group string `yaml:"group"`
	// Duration is how long a task runs; required.
	Duration *DistSpec `yaml:"duration"`
	// ContainerDurations are containers' own run times, by container name.
	ContainerDurations map[string]DistSpec `yaml:"containerDurations"`
	// TaskStartDelay is the time from PENDING to RUNNING.
	TaskStartDelay Duration `yaml:"taskStartDelay" range:"[0s,1d]"`
	// PlacementStrategy orders the instances for each task.
	PlacementStrategy []StrategySpec `yaml:"placementStrategy"`
	// PlacementConstraints limit the instances a task may go to.
	PlacementConstraints []ConstraintSpec `yaml:"placementConstraints"`
}

// ArrivalsSpec is an arrival process; which keys apply depends on process
// (README "Arrival processes").
type ArrivalsSpec struct {
	// Process is the arrival process (README "Arrival processes").
	Process string `yaml:"process"`
	// RatePerMinute is the rate of RunTask requests of poisson and onoff.
	RatePerMinute float64 `yaml:"ratePerMinute" range:"(0,1000000] per minute"`
	// At is when a batch is submitted.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// Count is the tasks of each RunTask request (1 to 10), or of the
	// batch (required for batch).
	Count *int `yaml:"count" range:"[1,10000000] tasks"`
	// MinRatePerMinute is the lowest rate of diurnal.
	MinRatePerMinute float64 `yaml:"minRatePerMinute" range:"[0,1000000] per minute"`
	// MaxRatePerMinute is the highest rate of diurnal, at peakAt.
	MaxRatePerMinute float64 `yaml:"maxRatePerMinute" range:"[0,1000000] per minute"`
	// Period is the period of diurnal.
	Period Duration `yaml:"period" range:"(0s,3650d]"`
	// PeakAt is when the rate of diurnal peaks first.
	PeakAt Duration `yaml:"peakAt" range:"[0s,3650d]"`
	// RatesPerMinute are the points of piecewise, the first at 0s: a
	// piecewise-linear rate through them.
	RatesPerMinute []RatePointSpec `yaml:"ratesPerMinute"`
	// Repeat repeats the points of piecewise with this period.
	Repeat Duration `yaml:"repeat" range:"[0s,3650d]"`
	// On is the length of the ON periods of onoff.
	On *DistSpec `yaml:"on"`
	// Off is the length of the OFF periods of onoff.
	Off *DistSpec `yaml:"off"`
	// StartOff starts onoff in an OFF period.
	StartOff bool `yaml:"startOff"`
	// States are the states of mmpp (at least 2).
	States []MMPPStateSpec `yaml:"states"`
}

// RatePointSpec is one point of a piecewise rate: {at, rate}.
type RatePointSpec struct {
	// At is the point's time, from the start of the run; required.
	At Duration `yaml:"at" range:"[0s,3650d]"`
	// Rate is the rate at that time; required.
	Rate *float64 `yaml:"rate" range:"[0,1000000] per minute"`
}

// MMPPStateSpec is one state of a Markov-modulated Poisson process.
type MMPPStateSpec struct {
	// RatePerMinute is the rate in this state; required.
	RatePerMinute *float64 `yaml:"ratePerMinute" range:"[0,1000000] per minute"`
	// MeanDuration is the mean of the exponential stays in this state;
	// required.
	MeanDuration Duration `yaml:"meanDuration" range:"(0s,3650d]"`
}

// DistSpec is a distribution of durations.
type DistSpec struct {
	// Distribution is the kind of distribution; it takes exactly the keys
	// it uses: constant value; uniform min, max; exponential mean;
	// lognormal and normal mean, stddev; empirical values.
	Distribution string `yaml:"distribution"`
	// Value is a constant's value.
	Value Duration `yaml:"value" range:"[0s,36500d]"`
	// Min is a uniform's lower bound.
	Min Duration `yaml:"min" range:"[0s,36500d]"`
	// Max is a uniform's upper bound.
	Max Duration `yaml:"max" range:"[0s,36500d]"`
	// Mean is the mean of an exponential, lognormal or normal.
	Mean Duration `yaml:"mean" range:"[0s,36500d]"`
	// StdDev is the standard deviation of a lognormal or normal.
	StdDev Duration `yaml:"stddev" range:"[0s,36500d]"`
	// Values are an empirical's values, each equally likely.
	Values []Duration `yaml:"values" range:"[0s,36500d]"`
}

// WeightedDefSpec is a task definition in a workload's mix.
type WeightedDefSpec struct {
	// TaskDefinition is the family or family:revision.
	TaskDefinition string `yaml:"taskDefinition"`
	// Weight is the definition's share of the tasks (relative to the
	// others').
	Weight float64 `yaml:"weight" range:"(0,1e9]"`
}

// SizeSpec draws each task's task-level cpu (CPU units) and memory (MiB).
type SizeSpec struct {
	// CPU is the distribution of the task-level CPU units.
	CPU *NumDistSpec `yaml:"cpu"`
	// Memory is the distribution of the task-level memory, in MiB.
	Memory *NumDistSpec `yaml:"memory"`
}

// NumDistSpec is a distribution of plain numbers (see DistSpec).
type NumDistSpec struct {
	// Distribution is the kind of distribution, with the keys it uses as
	// for durations.
	Distribution string `yaml:"distribution"`
	// Value is a constant's value.
	Value *float64 `yaml:"value" range:"[0,33554432]"`
	// Min is a uniform's lower bound.
	Min *float64 `yaml:"min" range:"[0,33554432]"`
	// Max is a uniform's upper bound.
	Max *float64 `yaml:"max" range:"[0,33554432]"`
	// Mean is the mean of an exponential, lognormal or normal.
	Mean *float64 `yaml:"mean" range:"[0,33554432]"`
	// StdDev is the standard deviation of a lognormal or normal.
	StdDev *float64 `yaml:"stddev" range:"[0,33554432]"`
	// Values are an empirical's values, each equally likely.
	Values []float64 `yaml:"values" range:"[0,33554432]"`
}
