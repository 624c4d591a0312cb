package scenarios

import (
	"github.com/ecsim/ecsim/sim/cluster"
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim/world"
)

// Service defaults (docs/model.md §6).
const (
	DefaultDesiredCount      = 1
	DefaultHealthyAfter      = 40 * time.Second // without health checks, §6.3
	DefaultServiceCooldown   = 300              // seconds, §2
	DefaultMinHealthyReplica = 100
	DefaultMaxPercentReplica = 200
	DefaultMinHealthyDaemon  = 0
	DefaultMaxPercentDaemon  = 100
	DefaultMinCapacity       = 1 // serviceAutoScaling.minCapacity
	// DefaultSchedulingStrategy, DefaultLoadPattern and DefaultLoadPeriod
	// (of a diurnal load) apply when the scenario gives none.
	DefaultSchedulingStrategy = "REPLICA"
	DefaultLoadPattern        = "constant"
	DefaultLoadPeriod         = 24 * time.Hour
)

var schedulingStrategies = []string{"REPLICA", "DAEMON"}
var serviceMetrics = []string{world.MetricCPU, world.MetricMemory}
var loadPatterns = []string{"constant", "diurnal", "piecewise"}

// services checks the services and converts them: REPLICA or DAEMON,
// with their placement, schedules and deployments.
func (v *validator) services(f *File, cfg *world.Config) {
	seen := map[string]bool{}
	for i := range f.Services {
		s := &f.Services[i]
		p := index("services", i)
		if !familyRE.MatchString(s.ServiceName) || seen[s.ServiceName] {
			v.errf(join(p, "serviceName"), "service names are unique, 1-255 letters, digits, '-' and '_' (got %q)", s.ServiceName)
		}
		seen[s.ServiceName] = true
		svc := world.Service{Name: s.ServiceName, TaskStartDelay: s.TaskStartDelay.D, StartFailureRate: s.StartFailureRate,
			HealthyAfter: DefaultHealthyAfter}
		if s.HealthyAfter.Set {
			svc.HealthyAfter = s.HealthyAfter.D
		}
		svc.TaskDefinition = v.taskDefinitionRef(join(p, "taskDefinition"), s.TaskDefinition)
		switch s.SchedulingStrategy {
		case "", DefaultSchedulingStrategy:
			v.replica(p, s, &svc, cfg)
		case "DAEMON":
			v.daemon(p, s, &svc)
		default:
			v.errf(join(p, "schedulingStrategy"), "unknown scheduling strategy %q%s", s.SchedulingStrategy, accepted(schedulingStrategies...))
		}
		svc.PlacementConstraints = v.constraints(join(p, "placementConstraints"), s.PlacementConstraints, svc.TaskDefinition)
		v.rate(join(p, "startFailureRate"), s.StartFailureRate)
		v.serviceSchedules(p, s, &svc, f.Duration.D)
		cfg.Services = append(cfg.Services, svc)
	}
}

// rate checks a failure rate: a fraction between 0 and 1.
func (v *validator) rate(path string, x float64) {
	if x < 0 || x > 1 {
		v.errf(path, "must be between 0 and 1 (got %v)", x)
	}
}

// replica checks a REPLICA service: its launch mode, strategies, deployment
// configuration (minimumHealthyPercent 0-100, default 100; maximumPercent at
// least 100, default 200, §6.4) and auto scaling.
func (v *validator) replica(p string, s *ServiceSpec, svc *world.Service, cfg *world.Config) {
	svc.DesiredCount = deref(s.DesiredCount, DefaultDesiredCount)
	v.intRange(join(p, "desiredCount"), int64(svc.DesiredCount), 0, 5000)
	wl := WorkloadSpec{LaunchType: s.LaunchType, CapacityProviderStrategy: s.CapacityProviderStrategy}
	wcfg := world.Workload{TaskDefinition: svc.TaskDefinition}
	v.launchMode(p, &wl, &wcfg, cfg)
	svc.LaunchType, svc.CapacityProviderStrategy = wcfg.LaunchType, wcfg.CapacityProviderStrategy
	svc.PlacementStrategy = v.strategies(join(p, "placementStrategy"), s.PlacementStrategy)
	if svc.LaunchType == world.LaunchFargate && (len(s.PlacementStrategy) > 0 || len(s.PlacementConstraints) > 0) {
		v.errf(join(p, "launchType"), "FARGATE tasks take no placement strategy or constraints (ECS spreads them over the zones)")
	}
	svc.MinimumHealthyPercent, svc.MaximumPercent = DefaultMinHealthyReplica, DefaultMaxPercentReplica
	if dc := s.DeploymentConfiguration; dc != nil {
		svc.MinimumHealthyPercent = deref(dc.MinimumHealthyPercent, svc.MinimumHealthyPercent)
		svc.MaximumPercent = deref(dc.MaximumPercent, svc.MaximumPercent)
		if cb := dc.DeploymentCircuitBreaker; cb != nil {
			svc.CircuitBreaker, svc.Rollback = cb.Enable, cb.Rollback
		}
	}
	dp := join(p, "deploymentConfiguration")
	v.intRange(join(dp, "minimumHealthyPercent"), int64(svc.MinimumHealthyPercent), 0, 100)
	v.intRange(join(dp, "maximumPercent"), int64(svc.MaximumPercent), 100, 2000)
	svc.AutoScaling = v.serviceAutoScaling(p, s, svc)
}

// daemon checks a DAEMON service (§6.1): no desired count, strategy, auto
// scaling or capacity provider strategy; launch type EC2; maximumPercent 100.
func (v *validator) daemon(p string, s *ServiceSpec, svc *world.Service) {
	svc.Daemon = true
	svc.LaunchType = world.LaunchEC2
	bad := func(field, what string) {
		v.errf(join(p, field), "a DAEMON service takes no %s (it runs one task per instance)", what)
	}
	if s.DesiredCount != nil {
		bad("desiredCount", "desiredCount")
	}
	if len(s.PlacementStrategy) > 0 {
		bad("placementStrategy", "placement strategy")
	}
	if s.ServiceAutoScaling != nil {
		bad("serviceAutoScaling", "service auto scaling")
	}
	if len(s.CapacityProviderStrategy) > 0 {
		bad("capacityProviderStrategy", "capacity provider strategy")
	}
	if s.LaunchType != "" && s.LaunchType != world.LaunchEC2 {
		v.errf(join(p, "launchType"), "a DAEMON service runs on EC2 only (got %s; Fargate has no DAEMON services)", s.LaunchType)
	}
	if len(s.DesiredCountSchedule) > 0 {
		bad("desiredCountSchedule", "desired count schedule")
	}
	if svc.TaskDefinition != nil && !svc.TaskDefinition.Compatible("EC2") {
		v.errf(join(p, "taskDefinition"), "task definition %s does not list EC2 in requiresCompatibilities", svc.TaskDefinition.Name())
	}
	svc.MinimumHealthyPercent, svc.MaximumPercent = DefaultMinHealthyDaemon, DefaultMaxPercentDaemon
	if dc := s.DeploymentConfiguration; dc != nil {
		svc.MinimumHealthyPercent = deref(dc.MinimumHealthyPercent, svc.MinimumHealthyPercent)
		if dc.MaximumPercent != nil && *dc.MaximumPercent != 100 {
			v.errf(join(p, "deploymentConfiguration.maximumPercent"), "a DAEMON service's maximumPercent must be 100 (got %d)", *dc.MaximumPercent)
		}
	}
	v.intRange(join(p, "deploymentConfiguration.minimumHealthyPercent"), int64(svc.MinimumHealthyPercent), 0, 100)
}

// serviceSchedules checks desiredCountSchedule and deployments.
func (v *validator) serviceSchedules(p string, s *ServiceSpec, svc *world.Service, horizon time.Duration) {
	for i, c := range s.DesiredCountSchedule {
		cp := index(join(p, "desiredCountSchedule"), i)
		v.timeInRun(join(cp, "at"), c.At, horizon)
		if c.DesiredCount == nil {
			v.errf(join(cp, "desiredCount"), "required")
			continue
		}
		v.intRange(join(cp, "desiredCount"), int64(*c.DesiredCount), 0, 5000)
		svc.DesiredCountSchedule = append(svc.DesiredCountSchedule, world.ScheduledCount{At: c.At.D, DesiredCount: *c.DesiredCount})
	}
	for i, d := range s.Deployments {
		dp := index(join(p, "deployments"), i)
		v.timeInRun(join(dp, "at"), d.At, horizon)
		v.rate(join(dp, "startFailureRate"), d.StartFailureRate)
		var def *cluster.TaskDefinition
		switch {
		case !d.ForceNewDeployment && d.TaskDefinition == "":
			v.errf(dp, "give taskDefinition (the revision to deploy) or forceNewDeployment: true (replace every task, same revision)")
			continue
		case d.TaskDefinition != "":
			if def = v.taskDefinitionRef(join(dp, "taskDefinition"), d.TaskDefinition); def == nil {
				continue
			}
		}
		svc.Deployments = append(svc.Deployments, world.Deployment{At: d.At.D, TaskDefinition: def,
			StartFailureRate: d.StartFailureRate, ForceNewDeployment: d.ForceNewDeployment})
	}
	slices.SortStableFunc(svc.Deployments, func(a, b world.Deployment) int { return int(a.At - b.At) })
	forcedRevisions(svc)
	slices.SortStableFunc(svc.DesiredCountSchedule, func(a, b world.ScheduledCount) int { return int(a.At - b.At) })
}

// serviceAutoScaling checks target tracking (§2): min ≤ max, a known
// predefined metric, a target in (0, 100], cooldowns (300 s by default), and
// the load that drives it.
func (v *validator) serviceAutoScaling(p string, s *ServiceSpec, svc *world.Service) *world.ServiceAutoScaling {
	a := s.ServiceAutoScaling
	if a == nil {
		if s.Load != nil {
			v.errf(join(p, "load"), "a load only drives serviceAutoScaling; give that too")
		}
		return nil
	}
	ap := join(p, "serviceAutoScaling")
	out := &world.ServiceAutoScaling{MinCapacity: deref(a.MinCapacity, DefaultMinCapacity), MaxCapacity: deref(a.MaxCapacity, svc.DesiredCount)}
	v.intRange(join(ap, "minCapacity"), int64(out.MinCapacity), 0, 5000)
	v.intRange(join(ap, "maxCapacity"), int64(out.MaxCapacity), 0, 5000)
	if out.MaxCapacity < out.MinCapacity {
		v.errf(join(ap, "maxCapacity"), "must be >= minCapacity (%d) (got %d)", out.MinCapacity, out.MaxCapacity)
	}
	tt := a.TargetTracking
	if tt == nil {
		v.errf(join(ap, "targetTracking"), "required: {metric: ECSServiceAverageCPUUtilization, targetValue: 60}")
		return out
	}
	tp := join(ap, "targetTracking")
	out.Metric, out.TargetValue, out.DisableScaleIn = tt.Metric, tt.TargetValue, tt.DisableScaleIn
	if out.Metric == "" {
		out.Metric = world.MetricCPU
	} else if !slices.Contains(serviceMetrics, out.Metric) {
		v.errf(join(tp, "metric"), "unknown metric %q%s", tt.Metric, accepted(serviceMetrics...))
	}
	if !(out.TargetValue > 0 && out.TargetValue <= 100) {
		v.errf(join(tp, "targetValue"), "must be > 0 and at most 100 (got %v)", tt.TargetValue)
	}
	out.ScaleOutCooldown = time.Duration(deref(tt.ScaleOutCooldown, DefaultServiceCooldown)) * time.Second
	out.ScaleInCooldown = time.Duration(deref(tt.ScaleInCooldown, DefaultServiceCooldown)) * time.Second
	v.intRange(join(tp, "scaleOutCooldown"), int64(deref(tt.ScaleOutCooldown, DefaultServiceCooldown)), 0, 86400)
	v.intRange(join(tp, "scaleInCooldown"), int64(deref(tt.ScaleInCooldown, DefaultServiceCooldown)), 0, 86400)
	if s.Load == nil {
		v.errf(join(p, "load"), "required with serviceAutoScaling: the demand the service serves, e.g. {pattern: diurnal, min: 2000, max: 16000, period: 24h}")
		return out
	}
	out.Load = v.load(join(p, "load"), s.Load)
	return out
}

// load checks the demand that drives a service's auto scaling: a constant,
// diurnal or piecewise load.
func (v *validator) load(p string, l *LoadSpec) world.Load {
	out := world.Load{Pattern: l.Pattern, Min: l.Min, Max: l.Max, Period: l.Period.D, PeakAt: l.PeakAt.D,
		RequestsPerTask: l.RequestsPerTask}
	switch l.Pattern {
	case "", DefaultLoadPattern:
		out.Pattern, out.Min = DefaultLoadPattern, l.Value
		if l.Value <= 0 {
			v.errf(join(p, "value"), "a constant load needs a value > 0")
		}
	case "diurnal":
		v.diurnalLoad(p, l, &out)
	case "piecewise":
		out.Points = v.loadPoints(p, l.Points)
	default:
		v.errf(join(p, "pattern"), "unknown load pattern %q%s", l.Pattern, accepted(loadPatterns...))
	}
	if l.RequestsPerTask < 0 {
		v.errf(join(p, "requestsPerTask"), "must be > 0 when given")
	}
	return out
}

// diurnalLoad checks a diurnal load's min, max and period (24h by default).
func (v *validator) diurnalLoad(p string, l *LoadSpec, out *world.Load) {
	if l.Min < 0 || l.Max <= 0 || l.Max < l.Min {
		v.errf(join(p, "max"), "a diurnal load needs 0 <= min <= max and max > 0 (got min %v, max %v)", l.Min, l.Max)
	}
	if !l.Period.Set {
		out.Period = DefaultLoadPeriod
	} else if l.Period.D <= 0 {
		v.errf(join(p, "period"), "must be > 0")
	}
}

// loadPoints converts the points of a piecewise load: at least one, values
// >= 0, times strictly increasing.
func (v *validator) loadPoints(p string, points []LoadPointSpec) []world.LoadPoint {
	var out []world.LoadPoint
	for i, pt := range points {
		out = append(out, world.LoadPoint{At: pt.At.D, Value: pt.Value})
		if pt.Value < 0 || i > 0 && pt.At.D <= points[i-1].At.D {
			v.errf(index(join(p, "points"), i), "points need values >= 0 and strictly increasing times")
		}
	}
	if len(points) == 0 {
		v.errf(join(p, "points"), "a piecewise load needs at least one point {at, value}")
	}
	return out
}

// forcedRevisions gives each forced new deployment a revision of its own:
// a copy of the revision it names, or of the one deployed before it. ECS
// replaces every task of the service in such a deployment, because its
// tasks belong to the new deployment, not to a new revision; a distinct
// copy is how the scheduler, which tells deployments apart by their task
// definition, sees them as new.
func forcedRevisions(svc *world.Service) {
	current := svc.TaskDefinition
	for i := range svc.Deployments {
		d := &svc.Deployments[i]
		if d.ForceNewDeployment {
			if d.TaskDefinition == nil {
				d.TaskDefinition = current
			}
			if d.TaskDefinition != nil {
				cp := *d.TaskDefinition
				d.TaskDefinition = &cp
			}
		}
		current = d.TaskDefinition
	}
}

// timeInRun checks that d, a time of the run (a service's schedule, a
// group's scheduled action), is given and between 0s and horizon.
func (v *validator) timeInRun(path string, d Duration, horizon time.Duration) {
	if !d.Set || d.D < 0 || d.D > horizon {
		v.errf(path, "must be a time between 0s and the scenario duration (%s)", FormatDuration(horizon))
	}
}
