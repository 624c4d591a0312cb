package reports

import (
	"github.com/ecsim/ecsim/sim/record"
)

// MaxSeriesPoints bounds the samples a Series keeps: when it holds more, it
// drops every other sample and keeps one in twice as many from then on, so
// a year at one-minute samples still charts from at most this many points
// (deterministically: which samples stay depends only on their index).
const MaxSeriesPoints = 4000

// Series is what the charts of report.html and the figures plot: the run's
// samples (at most MaxSeriesPoints of them, evenly strided) and its scaling
// actions. Percentages are 0..100.
type Series struct {
	Scenario string
	Seed     uint64
	// T is each kept sample's time in seconds.
	T                 []float64
	InstancesRunning  []float64
	InstancesPending  []float64
	TasksRunning      []float64
	TasksProvisioning []float64
	TasksPending      []float64
	// TasksFailed is the cumulative count of TaskFailed events.
	TasksFailed    []float64
	CPUReserved    []float64 // percent of registered CPU units
	MemoryReserved []float64 // percent of registered memory
	CostUSD        []float64 // cumulative
	// Providers has one entry per capacity provider with managed scaling.
	Providers []ProviderSeries
	// Actions are the desired-capacity changes of managed scaling and the
	// desired-count changes of service auto scaling, in time order (all of
	// them: they are not strided).
	Actions []ScalingAction
	// Summary is the run's summary.json, for the headline numbers.
	Summary *Summary
	// Metrics are each capacity provider's published reservation and
	// alarm changes, by provider name (series_cpr.go).
	Metrics map[string]*MetricTrack
	// ServiceMetrics are each auto-scaled service's tracked metric and
	// alarm changes, by service name.
	ServiceMetrics map[string]*MetricTrack
	// Services has one entry per service (series_services.go).
	Services []ServiceSeries

	deployments map[string][]DeploymentChange // by service

	stride, seen int
}

// ProviderSeries is one capacity provider's samples.
type ProviderSeries struct {
	Name string
	// Target is targetCapacity (percent).
	Target           float64
	InstancesRunning []float64
	InstancesPending []float64
	Desired          []float64
	// CPR is the latest CapacityProviderReservation published (percent).
	CPR []float64
	// AlarmHigh and AlarmLow are the alarm states: OK, ALARM or
	// INSUFFICIENT_DATA.
	AlarmHigh []string
	AlarmLow  []string
}

// ScalingAction is one scaling decision.
type ScalingAction struct {
	T float64 // seconds
	// Kind is "capacityProvider" (DesiredCapacityChanged) or "service"
	// (ServiceDesiredCountChanged).
	Kind     string
	Name     string // the provider or the service
	From, To int
	Cause    string
}

// Scaling action kinds.
const (
	ActionCapacityProvider = "capacityProvider"
	ActionService          = "service"
)

// Len returns the number of samples kept.
func (s *Series) Len() int { return len(s.T) }

// event records what the series needs from an event.
func (s *Series) event(e *record.Event) {
	switch e.Type {
	case record.DesiredCapacityChanged:
		s.Actions = append(s.Actions, ScalingAction{T: e.T.Seconds(), Kind: ActionCapacityProvider, Name: e.Provider,
			From: e.From, To: e.To, Cause: e.Cause})
	case record.ServiceDesiredCountChanged:
		s.Actions = append(s.Actions, ScalingAction{T: e.T.Seconds(), Kind: ActionService, Name: e.Service,
			From: e.From, To: e.To, Cause: e.Cause})
	case record.MetricPublished, record.AlarmStateChanged:
		s.metricEvent(e)
	case record.ServiceDeploymentChanged:
		s.deploymentEvent(e)
	}
}

// sample appends one sample, keeping one in stride.
func (s *Series) sample(x *record.Sample, failed int64, costUSD float64) {
	if s.stride == 0 {
		s.stride = 1
	}
	s.seen++
	if (s.seen-1)%s.stride != 0 {
		return
	}
	s.T = append(s.T, x.T.Seconds())
	s.InstancesRunning = append(s.InstancesRunning, float64(x.InstancesRunning))
	s.InstancesPending = append(s.InstancesPending, float64(x.InstancesPending))
	s.TasksRunning = append(s.TasksRunning, float64(x.TasksRunning))
	s.TasksProvisioning = append(s.TasksProvisioning, float64(x.TasksProvisioning))
	s.TasksPending = append(s.TasksPending, float64(x.TasksPending))
	s.TasksFailed = append(s.TasksFailed, float64(failed))
	s.CPUReserved = append(s.CPUReserved, round(100*x.CPUReserved, 2))
	s.MemoryReserved = append(s.MemoryReserved, round(100*x.MemoryReserved, 2))
	s.CostUSD = append(s.CostUSD, round(costUSD, 4))
	if s.Providers == nil && len(x.Providers) > 0 {
		s.Providers = make([]ProviderSeries, len(x.Providers))
		for i, p := range x.Providers {
			s.Providers[i] = ProviderSeries{Name: p.Name, Target: float64(p.Target)}
		}
	}
	for i := range s.Providers {
		p, q := &s.Providers[i], &x.Providers[i]
		p.InstancesRunning = append(p.InstancesRunning, float64(q.InstancesRunning))
		p.InstancesPending = append(p.InstancesPending, float64(q.InstancesPending))
		p.Desired = append(p.Desired, float64(q.Desired))
		p.CPR = append(p.CPR, round(q.CPR, 2))
		p.AlarmHigh = append(p.AlarmHigh, q.AlarmHigh)
		p.AlarmLow = append(p.AlarmLow, q.AlarmLow)
	}
	s.sampleServices(x)
	if len(s.T) > MaxSeriesPoints {
		s.halve()
	}
}

// halve keeps every other sample and doubles the stride.
func (s *Series) halve() {
	s.stride *= 2
	for _, f := range []*[]float64{&s.T, &s.InstancesRunning, &s.InstancesPending, &s.TasksRunning,
		&s.TasksProvisioning, &s.TasksPending, &s.TasksFailed, &s.CPUReserved, &s.MemoryReserved, &s.CostUSD} {
		*f = everyOther(*f)
	}
	for i := range s.Providers {
		p := &s.Providers[i]
		for _, f := range []*[]float64{&p.InstancesRunning, &p.InstancesPending, &p.Desired, &p.CPR} {
			*f = everyOther(*f)
		}
		p.AlarmHigh = everyOther(p.AlarmHigh)
		p.AlarmLow = everyOther(p.AlarmLow)
	}
	s.halveServices()
}

func everyOther[T any](xs []T) []T {
	n := 0
	for i := 0; i < len(xs); i += 2 {
		xs[n] = xs[i]
		n++
	}
	return xs[:n]
}
