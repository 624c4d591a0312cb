package world

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// workloadRun is a RunTask workload's state during a run.
type workloadRun struct {
	cfg      *Workload
	idx      int32
	arrivals workloads.Arrivals
	duration workloads.Sampler
	l        *launcher
	count    int // tasks in the next arrival
	// mix are the launchers of a mix of task definitions with their
	// cumulative weights; pick draws from it.
	mix    []*launcher
	cumul  []float64
	pick   *rand.Rand
	cpu    workloads.Sampler
	memory workloads.Sampler
	// essential are samplers of the essential containers that have their
	// own run time; the task stops when the first essential container exits.
	essential []workloads.Sampler
	// usesDefault is set when some essential container exits after the
	// workload's duration.
	usesDefault bool
	// trace is the replay state of a trace workload, nil otherwise.
	trace *traceRun
}

func (w *World) newWorkloadRun(cfg *Workload, idx int32) (*workloadRun, error) {
	group := cfg.Group
	if group == "" {
		group = "family:" + cfg.TaskDefinition.Family
	}
	spec := launchSpec{name: cfg.Name, group: group, def: cfg.TaskDefinition, kind: cluster.OwnerRunTask,
		launchType: cfg.LaunchType, items: cfg.CapacityProviderStrategy, strategy: cfg.PlacementStrategy,
		constraints: cfg.PlacementConstraints, randomDefault: true, startDelay: cfg.TaskStartDelay}
	l, err := w.newLauncher(spec)
	if err != nil {
		return nil, err
	}
	wr := &workloadRun{cfg: cfg, idx: idx, l: l}
	if cfg.Trace != nil {
		wr.trace, err = w.newTraceRun(cfg, spec, l)
		return wr, err
	}
	if cfg.Schedule != nil {
		wr.arrivals = &scheduled{s: cfg.Schedule, start: w.cfg.StartTime, count: max(1, cfg.Arrivals.Count)}
	} else if wr.arrivals, err = w.cfg.WorkloadKinds.NewArrivals(cfg.Arrivals, w.streams.Source("workload/"+cfg.Name+"/arrivals")); err != nil {
		return nil, fmt.Errorf("arrivals: %w", err)
	}
	if wr.duration, err = w.cfg.WorkloadKinds.NewSampler(cfg.Duration, w.streams.Source("workload/"+cfg.Name+"/duration")); err != nil {
		return nil, fmt.Errorf("duration: %w", err)
	}
	if err := w.mixAndSize(wr, group); err != nil {
		return nil, err
	}
	return wr, w.essentialDurations(wr)
}

// essentialDurations prepares the run time samplers of the essential
// containers that have their own.
func (w *World) essentialDurations(wr *workloadRun) error {
	cfg := wr.cfg
	for _, c := range cfg.TaskDefinition.Containers {
		spec, ok := cfg.ContainerDurations[c.Name]
		if !c.Essential {
			continue // a non-essential container's exit does not stop the task
		}
		if !ok {
			wr.usesDefault = true
			continue
		}
		s, err := w.cfg.WorkloadKinds.NewSampler(spec, w.streams.Source("workload/"+cfg.Name+"/duration/"+c.Name))
		if err != nil {
			return fmt.Errorf("container %s duration: %w", c.Name, err)
		}
		wr.essential = append(wr.essential, s)
	}
	return nil
}

// mixAndSize prepares a workload's mix of task definitions and its size
// distributions, each with its own random stream.
func (w *World) mixAndSize(wr *workloadRun, group string) error {
	cfg := wr.cfg
	total := 0.0
	for _, m := range cfg.Mix {
		l, err := w.newLauncher(launchSpec{name: cfg.Name, group: group, def: m.TaskDefinition, kind: cluster.OwnerRunTask,
			launchType: cfg.LaunchType, items: cfg.CapacityProviderStrategy, strategy: cfg.PlacementStrategy,
			constraints: cfg.PlacementConstraints, randomDefault: true, startDelay: cfg.TaskStartDelay})
		if err != nil {
			return err
		}
		total += m.Weight
		wr.mix = append(wr.mix, l)
		wr.cumul = append(wr.cumul, total)
	}
	wr.pick = w.streams.Rand("workload/" + cfg.Name + "/mix")
	if sz := cfg.Size; sz != nil {
		var err error
		if sz.CPU.Kind != "" {
			if wr.cpu, err = w.cfg.WorkloadKinds.NewSampler(sz.CPU, w.streams.Source("workload/"+cfg.Name+"/cpu")); err != nil {
				return fmt.Errorf("size.cpu: %w", err)
			}
		}
		if sz.Memory.Kind != "" {
			if wr.memory, err = w.cfg.WorkloadKinds.NewSampler(sz.Memory, w.streams.Source("workload/"+cfg.Name+"/memory")); err != nil {
				return fmt.Errorf("size.memory: %w", err)
			}
		}
	}
	return nil
}

// launcherFor picks the launcher of the next task: by weight in a mix.
func (wr *workloadRun) launcherFor() *launcher {
	if len(wr.mix) == 0 {
		return wr.l
	}
	u := wr.pick.Float64() * wr.cumul[len(wr.cumul)-1]
	i, _ := slices.BinarySearch(wr.cumul, u)
	return wr.mix[min(i, len(wr.mix)-1)]
}

// size draws a task size for def, if the workload has size distributions;
// nil otherwise.
func (w *World) size(wr *workloadRun, def *cluster.TaskDefinition) *cluster.Requirements {
	if wr.cpu == nil && wr.memory == nil {
		return nil
	}
	var cpu, mem int64
	if wr.cpu != nil {
		cpu = max(1, int64(math.Round(wr.cpu.Rand())))
	}
	if wr.memory != nil {
		mem = max(1, int64(math.Round(wr.memory.Rand())))
	}
	return w.sizedReq(def, cpu, mem)
}

// taskDuration draws how long a task runs: until its first essential
// container exits (docs/model.md §7.1; a task stops when an essential
// container stops). Essential containers without their own distribution exit
// after the workload's duration.
func (wr *workloadRun) taskDuration() time.Duration {
	d := math.Inf(1)
	if wr.usesDefault {
		d = wr.duration.Rand()
	}
	for _, s := range wr.essential {
		d = min(d, s.Rand())
	}
	return seconds(d)
}

func (w *World) scheduleArrival(wr *workloadRun, now sim.Time) {
	if wr.trace != nil {
		w.scheduleTraceArrival(wr, now)
		return
	}
	at, n, ok := wr.arrivals.Next(now)
	if !ok || at > sim.At(w.cfg.Duration) {
		return
	}
	wr.count = n
	w.loop.At(at, prioArrival, event{kind: evArrival, idx: wr.idx})
}

// arrive submits the tasks of one arrival and schedules the next.
func (w *World) arrive(wr *workloadRun) {
	if wr.trace != nil {
		w.arriveTrace(wr)
		return
	}
	for i := 0; i < wr.count; i++ {
		w.submit(wr)
	}
	w.scheduleArrival(wr, w.loop.Now())
}

// submit runs one task of the workload (RunTask): a task that can be placed
// nowhere and may not wait fails at once with the ECS reason (docs/model.md §14).
func (w *World) submit(wr *workloadRun) {
	l := wr.launcherFor()
	t := w.newTask(l, w.size(wr, l.def))
	t.Duration = wr.taskDuration()
	w.submitted(t)
	if reason, ok := w.launch(t, l); !ok {
		w.failTask(t, reason)
	}
}

// failTask reports that t could not be launched and frees it.
func (w *World) failTask(t *cluster.Task, reason string) {
	w.c.SetTaskState(t, cluster.Stopped)
	e := w.emit(record.TaskFailed)
	w.taskFields(e, t)
	e.Reason = reason
	w.publish()
	w.c.FreeTask(t)
}

// startTask moves a PENDING task to RUNNING and schedules its end.
func (w *World) startTask(t *cluster.Task) {
	now := w.loop.Now()
	w.c.SetTaskState(t, cluster.Running)
	t.StartedAt = now
	t.Timer = sim.Handle{}
	e := w.emit(record.TaskRunning)
	e.Task, e.Wait = t.Seq, now.Sub(t.SubmittedAt)
	w.publish()
	if t.Duration >= 0 {
		t.Timer = w.loop.After(t.Duration, prioStop, taskEvent(evTaskStop, t))
	}
	if svc := w.launchers[t.OwnerIndex].svc; svc != nil {
		w.serviceTaskRunning(svc, t)
	}
}

// stopTask stops t for reason, releases what it held and frees it.
func (w *World) stopTask(t *cluster.Task, reason string) {
	w.loop.Cancel(t.Timer)
	delete(w.stopping, t.ID)
	var in *cluster.Instance
	if t.Instance != cluster.NoInstance {
		in = w.c.Instance(t.Instance)
	}
	was := t.State
	wasProvisioning := t.State == cluster.Provisioning && t.Provider >= 0 && !w.providers[t.Provider].cfg.Fargate()
	wasRunning := t.State == cluster.Running
	w.c.Unplace(t)
	w.releaseFargate(t)
	w.c.SetTaskState(t, cluster.Stopped)
	if wasProvisioning {
		w.unprovision(t)
	}
	e := w.emit(record.TaskStopped)
	w.taskFields(e, t)
	e.Reason, e.State = reason, was.String()
	if in != nil {
		// What it gave back, for whoever keeps the instance's books.
		req := t.Req()
		e.Instance, e.InstanceSeq = in.EC2InstanceID, int32(in.ID)+1
		e.CPU, e.MemoryMiB, e.Daemon = req.CPU, req.MemoryMiB, t.Daemon()
	}
	w.publish()
	l := w.launchers[t.OwnerIndex]
	if l.svc == nil && reason != record.StopCompleted && was != cluster.Provisioning {
		w.lost++
	}
	if l.svc != nil {
		w.serviceTaskStopped(l.svc, t, wasRunning)
	}
	w.c.FreeTask(t)
	if in != nil {
		w.drained(in)
		w.capacityChanged(in)
	}
}
