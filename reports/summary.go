package reports

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/ecsim/ecsim/sim/record"
)

// Meta identifies a run in its summary.
type Meta struct {
	Scenario    string
	Seed        uint64
	WallSeconds float64
}

// Summary is summary.json (README "Outputs"). Keys are camelCase; numbers are
// rounded so the file is byte-stable for a given scenario and seed, except
// wallSeconds.
type Summary struct {
	Scenario          string                     `json:"scenario"`
	Seed              uint64                     `json:"seed"`
	SimulatedSeconds  float64                    `json:"simulatedSeconds"`
	Events            int64                      `json:"events"`
	WallSeconds       float64                    `json:"wallSeconds"`
	Tasks             TaskSummary                `json:"tasks"`
	TaskWaitSeconds   Quantiles                  `json:"taskWaitSeconds"`
	Instances         InstanceSummary            `json:"instances"`
	InstanceHours     float64                    `json:"instanceHours"`
	Utilization       Utilization                `json:"utilization"`
	Cost              Cost                       `json:"cost"`
	Scaling           Scaling                    `json:"scaling"`
	CapacityProviders map[string]ProviderSummary `json:"capacityProviders"`
	// Services has one entry per service that did anything a service
	// reports (deployments, throttling, placement failures, desired-count
	// changes); absent without services.
	Services  map[string]ServiceSummary `json:"services,omitempty"`
	Placement PlacementSummary          `json:"placement"`
}

// ServiceSummary counts a service's reports (its ServiceDeploymentChanged,
// ServiceThrottled, ServicePlacementFailed and ServiceDesiredCountChanged
// events): deployments started (IN_PROGRESS after none was in progress),
// completed and failed (the circuit breaker), stalls (STALLED: the bounds
// allow no step, docs/model.md §6.4), whether one was still in progress or
// stalled at the end, and the rest. TasksKilled counts its tasks that went
// with their capacity (TaskStopped with "Host EC2 (instance …)
// terminated." or a Fargate Spot interruption: record.Killed) rather than
// being stopped by the scheduler: what a service loses to an instance
// failure, a zone outage or a Spot interruption without draining
// (docs/model.md §3.3, #11, #19).
type ServiceSummary struct {
	Deployments          int  `json:"deployments"`
	DeploymentsCompleted int  `json:"deploymentsCompleted"`
	DeploymentsFailed    int  `json:"deploymentsFailed"`
	Stalls               int  `json:"stalls"`
	DeployingAtEnd       bool `json:"deployingAtEnd"`
	Throttled            int  `json:"throttled"`
	PlacementFailures    int  `json:"placementFailures"`
	DesiredCountChanges  int  `json:"desiredCountChanges"`
	TasksKilled          int  `json:"tasksKilled"`
}

// serviceEvent counts a service's report.
func (s *ServiceSummary) serviceEvent(e *record.Event) {
	switch e.Type {
	case record.ServiceDeploymentChanged:
		switch e.State {
		case "IN_PROGRESS":
			if !s.DeployingAtEnd {
				s.Deployments++
			}
			s.DeployingAtEnd = true
		case "STALLED":
			s.Stalls++
			s.DeployingAtEnd = true
		case "COMPLETED":
			s.DeploymentsCompleted++
			s.DeployingAtEnd = false
		case "FAILED":
			s.DeploymentsFailed++
			s.DeployingAtEnd = false
		}
	case record.ServiceThrottled:
		s.Throttled++
	case record.ServicePlacementFailed:
		s.PlacementFailures++
	case record.ServiceDesiredCountChanged:
		s.DesiredCountChanges++
	}
}

// TaskSummary accounts for every submitted task (docs/model.md §7.3); two
// laws hold in every run:
//
//	submitted = placed + failed + cancelled + provisioningAtEnd
//	placed    = completed + stopped + lost + runningAtEnd + pendingAtEnd
//
// Completed tasks ended on their own (the essential container exited);
// stopped are service and daemon tasks the scheduler stopped (scale-in,
// deployments, draining, interruptions, lost instances; the service
// replaces them); lost are RunTask tasks stopped before they completed
// (instance failure, Spot interruption); cancelled were stopped before
// they were ever placed (a service scaled in while they were
// PROVISIONING).
type TaskSummary struct {
	Submitted         int64            `json:"submitted"`
	Placed            int64            `json:"placed"`
	Completed         int64            `json:"completed"`
	Stopped           int64            `json:"stopped"`
	Failed            int64            `json:"failed"`
	Cancelled         int64            `json:"cancelled"`
	Lost              int64            `json:"lost"`
	RunningAtEnd      int              `json:"runningAtEnd"`
	PendingAtEnd      int              `json:"pendingAtEnd"`
	ProvisioningAtEnd int              `json:"provisioningAtEnd"`
	FailureReasons    map[string]int64 `json:"failureReasons"`
}

// Quantiles summarise a sample of seconds.
type Quantiles struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
}

// InstanceSummary counts the fleet. DrainingSecondsMax is the longest an
// instance stayed DRAINING under managed draining (from its
// InstanceDraining event to its InstanceTerminated, or to the end of the
// run): how long an instance waits in Terminating:Wait for its tasks
// (docs/model.md §4.4, #17).
type InstanceSummary struct {
	Launched           int     `json:"launched"`
	Terminated         int     `json:"terminated"`
	Peak               int     `json:"peak"`
	Final              int     `json:"final"`
	DrainingSecondsMax float64 `json:"drainingSecondsMax"`
}

// Utilization is the time-weighted mean of reserved / registered (0..1).
type Utilization struct {
	CPUReservedMean    float64 `json:"cpuReservedMean"`
	MemoryReservedMean float64 `json:"memoryReservedMean"`
}

// Cost is in USD. Idle and Stranded split the EC2 spend: instances running
// no task but daemons (idle), and the unreserved share of the instances that
// run tasks (stranded: free but left in fragments).
type Cost struct {
	EC2      float64 `json:"ec2"`
	Fargate  float64 `json:"fargate"`
	Total    float64 `json:"total"`
	Idle     float64 `json:"idle"`
	Stranded float64 `json:"stranded"`
}

// Scaling counts desired-capacity changes made by managed scaling.
type Scaling struct {
	ScaleOutActions int `json:"scaleOutActions"`
	ScaleInActions  int `json:"scaleInActions"`
}

// ProviderSummary is one capacity provider's figures: the mean and maximum
// of its published CapacityProviderReservation, its largest desired capacity
// and its scaling actions.
type ProviderSummary struct {
	CPRMean         float64 `json:"cprMean"`
	CPRMax          float64 `json:"cprMax"`
	DesiredMax      int     `json:"desiredMax"`
	ScaleOutActions int     `json:"scaleOutActions"`
	ScaleInActions  int     `json:"scaleInActions"`
}

// PlacementSummary counts the placer's work: candidate instances examined,
// and those rejected for fit or constraints.
type PlacementSummary struct {
	CandidatesExamined int64 `json:"candidatesExamined"`
	CandidatesRejected int64 `json:"candidatesRejected"`
}

func (r *Recorder) summary(meta Meta, f *record.Final) *Summary {
	l := r.ledger.Close(f.End)
	s := &Summary{
		Scenario:         meta.Scenario,
		Seed:             meta.Seed,
		SimulatedSeconds: f.SimulatedSeconds,
		Events:           f.Events,
		WallSeconds:      round(meta.WallSeconds, 3),
		Tasks:            r.tasks,
		TaskWaitSeconds:  r.waits.quantiles(),
		Instances: InstanceSummary{Launched: l.InstancesLaunched, Terminated: l.InstancesTerm,
			Peak: l.InstancesPeak, Final: l.InstancesFinal, DrainingSecondsMax: l.DrainingSecondsMax},
		InstanceHours: round(l.InstanceHours, 4),
		Utilization: Utilization{CPUReservedMean: round(l.CPUReservedMean, 4),
			MemoryReservedMean: round(l.MemoryReservedMean, 4)},
		Cost: Cost{EC2: round(l.CostEC2, 4), Fargate: round(l.CostFargate, 4),
			Total: round(l.CostEC2+l.CostFargate, 4), Idle: round(l.CostIdle, 4), Stranded: round(l.CostStranded, 4)},
		Scaling:           Scaling{ScaleOutActions: l.ScaleOutActions, ScaleInActions: l.ScaleInActions},
		CapacityProviders: map[string]ProviderSummary{},
		Placement:         PlacementSummary{CandidatesExamined: f.PlacementExamined, CandidatesRejected: f.PlacementRejected},
	}
	s.Tasks.RunningAtEnd, s.Tasks.PendingAtEnd, s.Tasks.ProvisioningAtEnd = f.TasksRunningAtEnd, f.TasksPendingAtEnd, f.TasksProvisioning
	s.Tasks.FailureReasons = r.reasons
	if len(r.services) > 0 {
		s.Services = make(map[string]ServiceSummary, len(r.services))
		for name, sv := range r.services {
			s.Services[name] = *sv
		}
	}
	for name, p := range l.Providers {
		p.CPRMean, p.CPRMax = round(p.CPRMean, 2), round(p.CPRMax, 2)
		s.CapacityProviders[name] = p
	}
	return s
}

// WriteJSON writes s as indented JSON with a final newline. Map keys are
// sorted by encoding/json, so the output is deterministic.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// Metric returns the number at a dotted summary.json path
// ("tasks.provisioningAtEnd", "taskWaitSeconds.p95", "cost.total"; a
// yes-or-no figure is 1 or 0), or false when the path names no number.
func (s *Summary) Metric(path string) (float64, bool) {
	data, err := json.Marshal(s)
	if err != nil {
		return 0, false
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return 0, false
	}
	for _, seg := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return 0, false
		}
		if v, ok = m[seg]; !ok {
			return 0, false
		}
	}
	switch x := v.(type) {
	case float64:
		return x, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}
