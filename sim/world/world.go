package world

import (
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/fargate"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// kind is the type of a queued event.
type kind uint8

const (
	evArrival          kind = iota // a workload submits tasks; idx = workload
	evTaskStart                    // a PENDING task becomes RUNNING; idx/gen = task
	evTaskStop                     // a RUNNING task's essential container exits
	evSample                       // take a sample
	evFargateReady                 // a Fargate task got its capacity
	evRegister                     // an instance's agent registers; idx = instance
	evDrainTimeout                 // a draining instance's time is up; idx = instance
	evRetry                        // retry PROVISIONING tasks
	evScalingTick                  // capacity providers publish their metric
	evSpotNotice                   // a FARGATE_SPOT task gets its two-minute warning
	evSpotStop                     // an interrupted Spot task stops
	evTaskStartFailed              // a PENDING task fails to start
	evServiceReconcile             // run a service's scheduler; idx = service
	evServiceDesired               // a scheduled desired-count change; gen = entry
	evServiceDeploy                // a scheduled deployment; gen = entry
	evFault                        // a timed fault; idx = fault, gen = phase
	evInstanceFault                // a per-instance fault; idx = instance, gen = fault
	evSpotReclaim                  // a Spot instance is reclaimed; idx = instance
	evAlarmEvaluation              // a provider's alarms see its oldest pending datapoint; idx = provider
	evScheduledAction              // a group's scheduled action; idx = provider, gen = action
)

// event is a queued event: small and pointer-free, so the queue stays cheap.
type event struct {
	kind kind
	idx  int32
	gen  uint32
}

// Same-instant ordering: resources are released before anything is placed,
// and samples see the instant settled.
const (
	prioStop sim.Priority = iota
	prioInstance
	prioStart
	prioRetry
	prioArrival
	prioScaling
	prioSample
)

// World is one simulation run.
type World struct {
	cfg     Config
	streams sim.Streams
	loop    *sim.Loop[event]
	c       *cluster.Cluster
	placer  *placement.Placer
	obs     Observer
	wls     []*workloadRun
	// closers are the files the run reads (traces); err is what cut the
	// run short.
	closers []io.Closer
	err     error
	stopped bool // Stop was called
	looped  bool // stopped by MaxEventsPerInstant

	instant       sim.Time // the instant of the last event
	atInstant     int64    // events handled at it
	maxPerInstant int64    // MaxEventsPerInstant (tests lower it)

	ev     record.Event
	sample record.Sample
	events int64
	fg     *fargate.Capacity

	providers      []*providerRun
	prov           provQueue // PROVISIONING tasks (provisioning.go)
	retryScheduled bool
	// tryAll makes a retry pass try every waiting class, as if nothing
	// were known of where capacity grew: the reference the tests compare
	// the pass with.
	tryAll   bool
	leaving  map[cluster.InstanceID]bool // instances being terminated
	stopping map[cluster.TaskID]uint32   // tasks told to stop, by generation

	launchers   []*launcher
	svcs        []*serviceRun
	startFail   *rand.Rand
	startFailed bool // a start failure is being stopped
	lost        int  // RunTask tasks stopped before they completed
	faults      []*faultRun
	zonesDown   map[string]bool
	sized       placement.Request // scratch request of a sized task
	sizes       map[sizeKey]*cluster.Requirements
}

// New builds the world of cfg, reporting to obs (nil for none). It returns an
// error if cfg is inconsistent in a way validation should have caught.
func New(cfg Config, obs Observer) (*World, error) {
	if obs == nil {
		obs = nopObserver{}
	}
	if cfg.SampleInterval <= 0 {
		return nil, fmt.Errorf("world: sample interval must be > 0")
	}
	if cfg.WorkloadKinds == nil {
		cfg.WorkloadKinds = workloads.NewRegistry()
	}
	w := &World{
		cfg:      cfg,
		streams:  sim.NewStreams(cfg.Seed),
		loop:     sim.NewLoop[event](1024),
		c:        cluster.New(cfg.Catalogue),
		obs:      obs,
		leaving:  map[cluster.InstanceID]bool{},
		stopping: map[cluster.TaskID]uint32{},

		maxPerInstant: MaxEventsPerInstant,
		zonesDown:     map[string]bool{},
		sizes:         map[sizeKey]*cluster.Requirements{},
	}
	w.placer = placement.NewPlacer(w.c, w.streams.Source("placement/tie-break"))
	if err := w.newProviders(); err != nil {
		return nil, err
	}
	w.prov = provQueue{dirty: make([]bool, len(w.providers)), byKey: map[classKey]*provClass{},
		isGrown: map[cluster.InstanceID]bool{}}
	if err := w.newFaults(); err != nil {
		return nil, err
	}
	if err := w.newFargate(); err != nil {
		return nil, fmt.Errorf("fargate: %w", err)
	}
	w.startFail = w.streams.Rand("tasks/start-failures")
	for i := range cfg.Workloads {
		wr, err := w.newWorkloadRun(&cfg.Workloads[i], int32(i))
		if err != nil {
			w.close()
			return nil, fmt.Errorf("workload %q: %w", cfg.Workloads[i].Name, err)
		}
		w.wls = append(w.wls, wr)
	}
	for i := range cfg.Services {
		s, err := w.newServiceRun(&w.cfg.Services[i], int32(i))
		if err != nil {
			w.close()
			return nil, err
		}
		w.svcs = append(w.svcs, s)
	}
	return w, nil
}

// Cluster returns the world's cluster, for tests and invariant checks.
func (w *World) Cluster() *cluster.Cluster { return w.c }

// Now returns the current simulated time.
func (w *World) Now() sim.Time { return w.loop.Now() }

// Stop interrupts Run from its progress callback (the user pressed Ctrl-C):
// Run returns nil at once.
func (w *World) Stop() {
	w.stopped = true
	w.loop.Stop()
}

// progressEvery is how many events pass between progress callbacks.
const progressEvery = 1 << 16

// Run simulates cfg.Duration and returns the final figures. progress, if not
// nil, is called now and then with the simulated time reached; if it calls
// Stop, the run ends there and Run returns nil. Run also returns nil when
// the simulation stops making progress (MaxEventsPerInstant); Err says so.
func (w *World) Run(progress func(now sim.Time)) *record.Final {
	w.start()
	end := sim.At(w.cfg.Duration)
	w.loop.RunUntil(end, func(e event) {
		w.events++
		if w.looping() {
			return
		}
		w.handle(e)
		if progress != nil && w.events%progressEvery == 0 {
			progress(w.loop.Now())
		}
	})
	w.close()
	if w.stopped || w.looped {
		return nil // Err says why when it looped
	}
	if progress != nil {
		progress(end)
	}
	return w.final(end)
}

// start registers the static instances and schedules the first arrivals and
// samples.
func (w *World) start() {
	azs := w.cfg.AvailabilityZones
	n := 0
	for _, g := range w.cfg.Instances {
		for i := 0; i < g.Count; i++ {
			az := g.AvailabilityZone
			if az == "" {
				az = azs[n%len(azs)]
			}
			n++
			in := w.c.AddInstance(cluster.InstanceSpec{
				Type: g.Type, AvailabilityZone: az, Attributes: g.Attributes,
				ReservedMemoryMiB: g.ReservedMemoryMiB, AwsvpcTrunking: w.cfg.AwsvpcTrunking, OSFamily: g.OSFamily, ReservedPorts: g.ReservedPorts,
				Provider: -1, AgentVersion: "1.90.0",
			}, 0)
			w.launched(in)
			w.register(in)
			w.instanceFaults(in)
		}
	}
	w.startGroups()
	w.startFaults()
	w.startServices()
	w.startScheduledActions()
	for _, wr := range w.wls {
		w.scheduleArrival(wr, 0)
	}
	w.loop.At(0, prioSample, event{kind: evSample})
	if w.scales() {
		w.loop.At(sim.At(w.cfg.Model.MetricPeriod), prioScaling, event{kind: evScalingTick})
	}
}

// scales reports whether anything publishes metrics every period: a
// capacity provider with managed scaling or a service with auto scaling.
func (w *World) scales() bool {
	for _, p := range w.providers {
		if p.scaler != nil {
			return true
		}
	}
	for _, s := range w.svcs {
		if s.scaling != nil {
			return true
		}
	}
	return false
}

// handle dispatches one event to the part of the world it concerns.
func (w *World) handle(e event) {
	switch e.kind {
	case evArrival, evTaskStart, evTaskStop, evFargateReady, evSpotNotice, evSpotStop, evTaskStartFailed:
		w.handleTask(e)
	case evRegister, evDrainTimeout, evFault, evInstanceFault, evSpotReclaim:
		w.handleInstance(e)
	default:
		w.handleControl(e)
	}
}

// handleTask handles the events of one task's life and of arrivals.
func (w *World) handleTask(e event) {
	if e.kind == evArrival {
		w.arrive(w.wls[e.idx])
		return
	}
	t := w.task(e)
	if t == nil {
		return // the task is gone
	}
	switch e.kind {
	case evTaskStart:
		w.startTask(t)
	case evTaskStop:
		w.stopTask(t, record.StopCompleted)
	case evFargateReady:
		w.fargateReady(t)
	case evSpotNotice:
		w.spotNotice(t)
	case evSpotStop:
		w.stopTask(t, ReasonSpotInterrupted)
	case evTaskStartFailed:
		w.startFailedTask(t)
	}
}

// handleInstance handles registrations, draining timeouts and faults.
func (w *World) handleInstance(e event) {
	switch e.kind {
	case evRegister:
		w.registerLater(cluster.InstanceID(e.idx))
	case evDrainTimeout:
		in := w.c.Instance(cluster.InstanceID(e.idx))
		if in.Status == cluster.Draining && w.leaving[in.ID] {
			w.terminate(in, record.TerminatedDrainingTimeout, "managed draining timeout")
		}
	case evFault:
		w.fault(w.faults[e.idx], e.gen)
	case evInstanceFault:
		w.instanceFault(w.c.Instance(cluster.InstanceID(e.idx)), w.faults[e.gen])
	case evSpotReclaim:
		w.terminate(w.c.Instance(cluster.InstanceID(e.idx)), record.TerminatedSpot, "Spot interruption")
	}
}

// handleControl handles the controllers' events: PROVISIONING retries,
// metric ticks and alarm evaluations, the service schedulers, samples.
func (w *World) handleControl(e event) {
	switch e.kind {
	case evRetry:
		w.retryProvisioning()
	case evScalingTick:
		w.scalingTick()
	case evAlarmEvaluation:
		p := w.providers[e.idx]
		m := p.evaluating[0]
		p.evaluating = p.evaluating[1:]
		w.evaluateAlarms(p, m)
	case evServiceReconcile:
		w.reconcileService(w.svcs[e.idx])
	case evScheduledAction:
		w.scheduledAction(w.providers[e.idx], int(e.gen))
	case evServiceDesired:
		s := w.svcs[e.idx]
		w.setServiceDesired(s, s.cfg.DesiredCountSchedule[e.gen].DesiredCount, "desiredCountSchedule")
	case evServiceDeploy:
		s := w.svcs[e.idx]
		d := s.cfg.Deployments[e.gen]
		cause := "a new task definition revision"
		if d.ForceNewDeployment {
			cause = "forceNewDeployment: every task is replaced"
		}
		w.applyService(s, s.ctl.Deploy(d.TaskDefinition, cause))
	case evSample:
		w.takeSample()
		if next := w.loop.Now().Add(w.cfg.SampleInterval); next <= sim.At(w.cfg.Duration) {
			w.loop.At(next, prioSample, event{kind: evSample})
		}
	}
}

// task returns the task an event refers to, or nil if that task is gone.
func (w *World) task(e event) *cluster.Task {
	t := w.c.Task(cluster.TaskID(e.idx))
	if t.Gen != e.gen {
		return nil
	}
	return t
}

func taskEvent(k kind, t *cluster.Task) event {
	return event{kind: k, idx: int32(t.ID), gen: t.Gen}
}

// emit resets the shared event record to type typ at now and returns it for
// the caller to fill and publish.
func (w *World) emit(typ record.EventType) *record.Event {
	w.ev = record.Event{T: w.loop.Now(), Type: typ}
	return &w.ev
}

func (w *World) publish() { w.obs.Event(&w.ev) }

// seconds converts a sampled number of seconds to a duration, clamping
// absurd values to about 290 years.
func seconds(s float64) time.Duration { return sim.Seconds(s) }
