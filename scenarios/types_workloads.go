package scenarios

// The workload part of the scenario file format (see types.go): RunTask
// workloads, scheduled tasks, their arrivals and the distributions they draw.

// StrategySpec is a placement strategy: {type, field}.
type StrategySpec struct {
	Type  string `yaml:"type"`
	Field string `yaml:"field"`
}

// WorkloadSpec is a stream of RunTask requests.
type WorkloadSpec struct {
	Name                     string              `yaml:"name"`
	TaskDefinition           string              `yaml:"taskDefinition"`
	TaskDefinitions          []WeightedDefSpec   `yaml:"taskDefinitions"`
	Size                     *SizeSpec           `yaml:"size"`
	LaunchType               string              `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec  `yaml:"capacityProviderStrategy"`
	Group                    string              `yaml:"group"`
	Arrivals                 ArrivalsSpec        `yaml:"arrivals"`
	Duration                 *DistSpec           `yaml:"duration"`
	ContainerDurations       map[string]DistSpec `yaml:"containerDurations"`
	TaskStartDelay           Duration            `yaml:"taskStartDelay" range:"[0s,1d]"`
	PlacementStrategy        []StrategySpec      `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec    `yaml:"placementConstraints"`
	// Trace replays a trace instead of drawing arrivals, durations and
	// sizes.
	Trace *TraceSpec `yaml:"trace"`
}

// TraceSpec is a trace to replay: {file, format, skipBadRows} and the
// conversion factors of the normalised formats.
type TraceSpec struct {
	File             string  `yaml:"file"`
	Format           string  `yaml:"format"`
	SkipBadRows      bool    `yaml:"skipBadRows"`
	CPUUnitsPerCore  float64 `yaml:"cpuUnitsPerCore" range:"(0,1048576] CPU units"`
	MachineCPUUnits  float64 `yaml:"machineCPUUnits" range:"(0,1048576] CPU units"`
	MachineMemoryMiB float64 `yaml:"machineMemoryMiB" range:"(0,33554432] MiB"`
}

// ScheduledTaskSpec is an EventBridge rule with an ECS target
// (docs/model.md §11): RunTask of taskCount tasks at each firing.
type ScheduledTaskSpec struct {
	Name                     string              `yaml:"name"`
	ScheduleExpression       string              `yaml:"scheduleExpression"`
	TaskDefinition           string              `yaml:"taskDefinition"`
	TaskCount                *int                `yaml:"taskCount" range:"[1,10] tasks"`
	LaunchType               string              `yaml:"launchType"`
	CapacityProviderStrategy []StrategyItemSpec  `yaml:"capacityProviderStrategy"`
	Group                    string              `yaml:"group"`
	Duration                 *DistSpec           `yaml:"duration"`
	ContainerDurations       map[string]DistSpec `yaml:"containerDurations"`
	TaskStartDelay           Duration            `yaml:"taskStartDelay" range:"[0s,1d]"`
	PlacementStrategy        []StrategySpec      `yaml:"placementStrategy"`
	PlacementConstraints     []ConstraintSpec    `yaml:"placementConstraints"`
}

// ArrivalsSpec is an arrival process; which keys apply depends on process
// (arrivalFields).
type ArrivalsSpec struct {
	Process          string          `yaml:"process"`
	RatePerMinute    float64         `yaml:"ratePerMinute" range:"(0,1000000] per minute"`
	At               Duration        `yaml:"at" range:"[0s,3650d]"`
	Count            *int            `yaml:"count" range:"[1,10000000] tasks"`
	MinRatePerMinute float64         `yaml:"minRatePerMinute" range:"[0,1000000] per minute"`
	MaxRatePerMinute float64         `yaml:"maxRatePerMinute" range:"[0,1000000] per minute"`
	Period           Duration        `yaml:"period" range:"(0s,3650d]"`
	PeakAt           Duration        `yaml:"peakAt" range:"[0s,3650d]"`
	RatesPerMinute   []RatePointSpec `yaml:"ratesPerMinute"`
	Repeat           Duration        `yaml:"repeat" range:"[0s,3650d]"`
	On               *DistSpec       `yaml:"on"`
	Off              *DistSpec       `yaml:"off"`
	StartOff         bool            `yaml:"startOff"`
	States           []MMPPStateSpec `yaml:"states"`
}

// RatePointSpec is one point of a piecewise rate: {at, rate}.
type RatePointSpec struct {
	At   Duration `yaml:"at" range:"[0s,3650d]"`
	Rate *float64 `yaml:"rate" range:"[0,1000000] per minute"`
}

// MMPPStateSpec is one state of a Markov-modulated Poisson process.
type MMPPStateSpec struct {
	RatePerMinute *float64 `yaml:"ratePerMinute" range:"[0,1000000] per minute"`
	MeanDuration  Duration `yaml:"meanDuration" range:"(0s,3650d]"`
}

// DistSpec is a distribution of durations.
type DistSpec struct {
	Distribution string     `yaml:"distribution"`
	Value        Duration   `yaml:"value" range:"[0s,36500d]"`
	Min          Duration   `yaml:"min" range:"[0s,36500d]"`
	Max          Duration   `yaml:"max" range:"[0s,36500d]"`
	Mean         Duration   `yaml:"mean" range:"[0s,36500d]"`
	StdDev       Duration   `yaml:"stddev" range:"[0s,36500d]"`
	Values       []Duration `yaml:"values" range:"[0s,36500d]"`
}

// WeightedDefSpec is a task definition in a workload's mix.
type WeightedDefSpec struct {
	TaskDefinition string  `yaml:"taskDefinition"`
	Weight         float64 `yaml:"weight" range:"(0,1e9]"`
}

// SizeSpec draws each task's task-level cpu (CPU units) and memory (MiB).
type SizeSpec struct {
	CPU    *NumDistSpec `yaml:"cpu"`
	Memory *NumDistSpec `yaml:"memory"`
}

// NumDistSpec is a distribution of plain numbers (see DistSpec).
type NumDistSpec struct {
	Distribution string    `yaml:"distribution"`
	Value        *float64  `yaml:"value" range:"[0,33554432]"`
	Min          *float64  `yaml:"min" range:"[0,33554432]"`
	Max          *float64  `yaml:"max" range:"[0,33554432]"`
	Mean         *float64  `yaml:"mean" range:"[0,33554432]"`
	StdDev       *float64  `yaml:"stddev" range:"[0,33554432]"`
	Values       []float64 `yaml:"values" range:"[0,33554432]"`
}
