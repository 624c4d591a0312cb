// Package services is the ECS service scheduler (docs/model.md §6), a
// controller in the shape of autoscaling's and sim/faults': a Scheduler
// keeps one service's scheduling state (its desired count, the primary
// deployment and the rolling deployment under way, the throttle back-off,
// the circuit breaker's count, steady state and STALLED), observes a
// read-only View of the service's tasks and the instances, decides, and
// returns Actions with their reasons. The world applies the actions in
// order: it launches and stops the tasks and emits the records.
package services

import (
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// Config is an ECS service as its scheduler uses it (docs/model.md §6).
type Config struct {
	// Name is the serviceName, for reasons and messages.
	Name string
	// TaskDefinition is the revision the service starts with: its first
	// primary deployment, taken as completed.
	TaskDefinition *cluster.TaskDefinition
	// DesiredCount is a REPLICA service's initial desired count.
	DesiredCount int
	// MinimumHealthyPercent and MaximumPercent bound rolling replacement
	// (deployments and draining, §6.4).
	MinimumHealthyPercent, MaximumPercent int
	// CircuitBreaker and Rollback are the deployment circuit breaker (§6.5).
	CircuitBreaker, Rollback bool
	// HealthyAfter is how long a task is RUNNING before it counts as
	// healthy (no health checks, §6.3).
	HealthyAfter time.Duration
	// ThrottleInitialDelay is the first back-off after a task fails to
	// start (§6.3, §14.6).
	ThrottleInitialDelay time.Duration
}

// Scheduler is the service scheduler of one service (docs/model.md §6):
// REPLICA (Reconcile, Progress) keeps the desired count of the primary
// deployment's tasks and replaces outdated ones within
// minimumHealthyPercent and maximumPercent; DAEMON (Daemon) keeps one task
// on every ACTIVE instance that meets the constraints. The world asks the
// one its service's schedulingStrategy names. It never touches the
// cluster: every change is an Action.
type Scheduler struct {
	cfg        Config
	desired    int
	primary    *cluster.TaskDefinition // the primary deployment's revision
	completed  *cluster.TaskDefinition // the last deployment that completed
	deployment *deployment             // the rolling deployment under way, nil when none
	throttle   throttle
	waiting    bool // a placement failed: run again when capacity changes
	steady     bool // the service reached steady state and has not left it
	stalled    bool // the deployment is STALLED
}

// New returns the scheduler of cfg: at its desired count, its task
// definition the primary and completed deployment, not throttled.
func New(cfg Config) *Scheduler {
	return &Scheduler{cfg: cfg, desired: cfg.DesiredCount, primary: cfg.TaskDefinition, completed: cfg.TaskDefinition,
		throttle: throttle{at: -1}}
}

// DesiredCount returns the service's desired count.
func (s *Scheduler) DesiredCount() int { return s.desired }

// TaskDefinition returns the primary deployment's revision: the one new
// tasks run.
func (s *Scheduler) TaskDefinition() *cluster.TaskDefinition { return s.primary }

// Deploying reports whether a deployment has not completed (IN_PROGRESS,
// STALLED or FAILED): Application Auto Scaling suspends scale-in meanwhile
// (§6.4).
func (s *Scheduler) Deploying() bool { return s.deployment != nil }

// View is what the scheduler reads of the world. It never changes what it
// reads: it returns actions.
type View interface {
	// Now is the current simulated time.
	Now() sim.Time
	// Tasks returns the service's tasks not yet stopped, in launch order.
	Tasks() []*cluster.Task
	// Stopping reports whether t was told to stop (an interruption notice)
	// and waits for its containers to exit: it counts toward
	// maximumPercent but is neither healthy nor to be stopped again.
	Stopping(t *cluster.Task) bool
	// Instance returns the instance of an ID.
	Instance(id cluster.InstanceID) *cluster.Instance
	// TaskOn returns a DAEMON service's task on in, or nil.
	TaskOn(in *cluster.Instance) *cluster.Task
	// Request returns the placement request of the service's tasks of a
	// revision (its constraints for DAEMON, §6.1).
	Request(def *cluster.TaskDefinition) *placement.Request
	// State is the cluster as placement constraints read it.
	State() placement.State
}

// Verb is what an Action asks the world to do.
type Verb uint8

// The world's verbs: the first six change the cluster or the run, the
// others are records the world emits.
const (
	// StartTasks starts Count tasks of TaskDefinition, the primary
	// revision, one after the other, stopping at the first that cannot be
	// placed (the world then calls NotPlaced).
	StartTasks Verb = iota
	// StopTask stops Task for Reason (its stoppedReason).
	StopTask
	// ScaleIn stops Count of Tasks for Reason, each chosen in turn by the
	// scale-in rule of the placement strategy of TaskDefinition's tasks
	// (§6.2): each stop changes the next choice.
	ScaleIn
	// PlaceDaemon places a task of TaskDefinition on Instance (DAEMON,
	// §6.1: placed first, before anything else can take the room).
	PlaceDaemon
	// ReconcileNow runs the scheduler again at this instant, once however
	// many ask.
	ReconcileNow
	// ReconcileAt runs the scheduler again at At.
	ReconcileAt
	// DesiredCountChanged reports the desired count going From → To for
	// Cause.
	DesiredCountChanged
	// DeploymentChanged reports the primary deployment (TaskDefinition)
	// entering State for Cause (§6.4, §6.5).
	DeploymentChanged
	// SteadyState reports that the service reached steady state.
	SteadyState
	// Throttled reports the back-off (§6.3): no launch for Wait; Reason
	// is ECS's message.
	Throttled
	// PlacementFailed reports SERVICE_TASK_PLACEMENT_FAILURE: Reason is
	// what the instances lack, Cause ECS's message (§5.6).
	PlacementFailed
)

// Action is one change the scheduler asks for; the fields a verb does not
// use are zero.
type Action struct {
	Verb           Verb                    // what to do
	Count          int                     // StartTasks, ScaleIn
	TaskDefinition *cluster.TaskDefinition // StartTasks, ScaleIn, PlaceDaemon, DeploymentChanged
	Task           *cluster.Task           // StopTask
	Tasks          []*cluster.Task         // ScaleIn: the candidates
	Instance       *cluster.Instance       // PlaceDaemon
	At             sim.Time                // ReconcileAt
	State          string                  // DeploymentChanged
	Reason         string                  // StopTask, ScaleIn, Throttled, PlacementFailed
	Cause          string                  // DesiredCountChanged, DeploymentChanged, PlacementFailed
	Wait           time.Duration           // Throttled
	From, To       int                     // DesiredCountChanged
}

// Deployment states, as ServiceDeploymentChanged carries them (§6.4, §6.5).
const (
	InProgress = "IN_PROGRESS" // a step is possible or something is in flight
	Stalled    = "STALLED"     // the bounds allow no step and nothing in flight will change that
	Completed  = "COMPLETED"   // every task runs the new revision, healthy
	Failed     = "FAILED"      // the circuit breaker tripped
)

// SetDesiredCount changes the desired count (a desiredCountSchedule entry,
// service auto scaling): the service leaves steady state and reconciles.
func (s *Scheduler) SetDesiredCount(n int, cause string) []Action {
	changed := Action{Verb: DesiredCountChanged, From: s.desired, To: n, Cause: cause}
	s.desired = n
	s.steady = false
	return []Action{changed, {Verb: ReconcileNow}}
}

// NotPlaced is told that a task of StartTasks could be placed nowhere, for
// reason: the service reports SERVICE_TASK_PLACEMENT_FAILURE, fails
// nothing, and tries again when capacity changes (docs/model.md
// corrections, §5.6).
func (s *Scheduler) NotPlaced(reason string) []Action {
	s.waiting = true
	return []Action{{Verb: PlacementFailed, Reason: reason,
		Cause: "service " + s.cfg.Name + " was unable to place a task because no container instance met all of its requirements"}}
}

// CapacityChanged is told that capacity may have grown (an instance
// registered, a task stopped): a service waiting since a placement failure
// reconciles.
func (s *Scheduler) CapacityChanged() []Action {
	if !s.waiting {
		return nil
	}
	s.waiting = false
	return []Action{{Verb: ReconcileNow}}
}

// healthy reports whether t counts toward minimumHealthyPercent at now:
// RUNNING for at least HealthyAfter (§6.3).
func (s *Scheduler) healthy(now sim.Time, t *cluster.Task) bool {
	return t.State == cluster.Running && now.Sub(t.StartedAt) >= s.cfg.HealthyAfter
}

// allHealthy reports whether every task of tasks is healthy at now.
func (s *Scheduler) allHealthy(now sim.Time, tasks []*cluster.Task) bool {
	for _, t := range tasks {
		if !s.healthy(now, t) {
			return false
		}
	}
	return true
}

// stop is the action that stops t for reason.
func stop(t *cluster.Task, reason string) Action {
	return Action{Verb: StopTask, Task: t, Reason: reason}
}
