package world

import (
	"fmt"
	"math"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// workloadRun is a workload's state during a run.
type workloadRun struct {
	cfg      *Workload
	idx      int32
	arrivals workloads.Arrivals
	duration workloads.Sampler
	req      placement.Request
	group    string
	count    int // tasks in the next arrival
	// items is the capacity provider strategy the workload's tasks use
	// (its own or the cluster's default), empty with a launch type; counts
	// the tasks given to each item so far; preqs the placement request for
	// each Auto Scaling group provider, by provider index.
	items  []StrategyItem
	counts []int
	preqs  []*placement.Request
	// essential are samplers of the essential containers that have their
	// own run time; the task stops when the first essential container exits.
	essential []workloads.Sampler
	// usesDefault is set when some essential container exits after the
	// workload's duration.
	usesDefault bool
}

func (w *World) newWorkloadRun(cfg *Workload, idx int32) (*workloadRun, error) {
	arr, err := workloads.NewArrivals(cfg.Arrivals, w.streams.Source("workload/"+cfg.Name+"/arrivals"))
	if err != nil {
		return nil, fmt.Errorf("arrivals: %w", err)
	}
	dur, err := workloads.NewSampler(cfg.Duration, w.streams.Source("workload/"+cfg.Name+"/duration"))
	if err != nil {
		return nil, fmt.Errorf("duration: %w", err)
	}
	group := cfg.Group
	if group == "" {
		group = "family:" + cfg.TaskDefinition.Family
	}
	req, err := w.request(cfg.TaskDefinition, group, cfg.PlacementStrategy, cfg.PlacementConstraints, runTaskDefault)
	if err != nil {
		return nil, err
	}
	wr := &workloadRun{cfg: cfg, idx: idx, arrivals: arr, duration: dur, req: req, group: group}
	if err := w.strategyRequests(wr); err != nil {
		return nil, err
	}
	for _, c := range cfg.TaskDefinition.Containers {
		spec, ok := cfg.ContainerDurations[c.Name]
		if !c.Essential {
			continue // a non-essential container's exit does not stop the task
		}
		if !ok {
			wr.usesDefault = true
			continue
		}
		s, err := workloads.NewSampler(spec, w.streams.Source("workload/"+cfg.Name+"/duration/"+c.Name))
		if err != nil {
			return nil, fmt.Errorf("container %s duration: %w", c.Name, err)
		}
		wr.essential = append(wr.essential, s)
	}
	return wr, nil
}

// taskDuration draws how long a task runs: until its first essential
// container exits (ecs-reference.md §7.1; a task stops when an essential
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

// strategyRequests resolves the workload's capacity provider strategy: its
// own, else the cluster default when it has no launch type (§8), and builds
// a placement request per Auto Scaling group provider that keeps its tasks on
// that provider's instances.
func (w *World) strategyRequests(wr *workloadRun) error {
	cfg := wr.cfg
	wr.items = cfg.CapacityProviderStrategy
	if len(wr.items) == 0 && cfg.LaunchType == "" {
		wr.items = w.cfg.DefaultStrategy
	}
	wr.counts = make([]int, len(wr.items))
	wr.preqs = make([]*placement.Request, len(w.providers))
	for _, it := range wr.items {
		p := w.providers[it.Provider]
		if p.cfg.Fargate() || wr.preqs[it.Provider] != nil {
			continue
		}
		cons := append([]cluster.PlacementConstraint(nil), cfg.PlacementConstraints...)
		r, err := w.request(cfg.TaskDefinition, wr.group, cfg.PlacementStrategy, cons, runTaskDefault,
			placement.OnProvider(it.Provider, p.cfg.Name))
		if err != nil {
			return err
		}
		wr.preqs[it.Provider] = &r
	}
	return nil
}

// requestOf returns the placement request of a task.
func (w *World) requestOf(t *cluster.Task) *placement.Request {
	wr := w.wls[t.OwnerIndex]
	if t.Provider >= 0 {
		return wr.preqs[t.Provider]
	}
	return &wr.req
}

// ownerNames returns a task's group and owner names, for events.
func (w *World) ownerNames(t *cluster.Task) (group, owner string) {
	wr := w.wls[t.OwnerIndex]
	return wr.group, wr.cfg.Name
}

// runTaskDefault is RunTask's default placement: random (ecs-reference.md §5.3).
var runTaskDefault = []placement.Spec{{Type: "random"}}

// request compiles the placement request for tasks of def in group: the
// strategy chain (or the default) and the constraints of the request and of
// the task definition combined (ecs-reference.md §5.4).
func (w *World) request(def *cluster.TaskDefinition, group string, specs []placement.Spec, cons []cluster.PlacementConstraint, dflt []placement.Spec, extra ...placement.Constraint) (placement.Request, error) {
	if len(specs) == 0 {
		specs = dflt
	}
	chain, err := w.cfg.Strategies.Chain(specs, w.c)
	if err != nil {
		return placement.Request{}, err
	}
	all := append(append([]cluster.PlacementConstraint(nil), cons...), def.PlacementConstraints...)
	all = append(all, def.PlatformConstraints()...)
	compiled, err := placement.CompileConstraints(all, w.c, w.cfg.StartTime)
	if err != nil {
		return placement.Request{}, err
	}
	compiled = append(compiled, extra...)
	r := placement.Request{Req: def.Requirements(), Group: w.c.Group(group), Constraints: compiled, Chain: chain}
	w.placer.Prepare(&r)
	return r, nil
}

func (w *World) scheduleArrival(wr *workloadRun, now sim.Time) {
	at, n, ok := wr.arrivals.Next(now)
	if !ok || at > sim.At(w.cfg.Duration) {
		return
	}
	wr.count = n
	w.loop.At(at, prioArrival, event{kind: evArrival, idx: wr.idx})
}

// arrive submits the tasks of one arrival and schedules the next.
func (w *World) arrive(wr *workloadRun) {
	for i := 0; i < wr.count; i++ {
		w.submit(wr)
	}
	w.scheduleArrival(wr, w.loop.Now())
}

// submit runs one task of the workload: RunTask with launch type EC2 places
// it at once or fails it with the ECS reason (design.md §8).
func (w *World) submit(wr *workloadRun) {
	now := w.loop.Now()
	t := w.c.NewTask(wr.cfg.TaskDefinition, wr.req.Group, now)
	t.Owner = cluster.OwnerRunTask
	t.OwnerIndex = wr.idx
	t.Duration = wr.taskDuration()
	e := w.emit(record.TaskSubmitted)
	e.Task, e.TaskDefinition, e.Group, e.Owner = t.Seq, t.Def.Name(), wr.group, wr.cfg.Name
	w.publish()
	switch {
	case wr.cfg.LaunchType == LaunchFargate:
		w.submitFargate(t, wr.group, wr.cfg.Name)
	case len(wr.items) > 0:
		w.submitToProvider(t, wr)
	default:
		// Launch type EC2: place now or fail at once (design.md §8).
		in := w.placer.Place(&wr.req)
		if in == nil {
			w.failTask(t, wr, string(w.placer.Explain(&wr.req)))
			return
		}
		w.placeOwned(t, in)
	}
}

// submitToProvider runs a task with a capacity provider strategy: the
// strategy picks the provider; an Auto Scaling group provider places the
// task on its instances or, with managed scaling, keeps it PROVISIONING
// until capacity appears (§1.5 step 1, §7.2); without managed scaling the
// task fails as with a launch type.
func (w *World) submitToProvider(t *cluster.Task, wr *workloadRun) {
	i := chooseItem(wr.items, wr.counts)
	wr.counts[i]++
	t.Provider = int32(wr.items[i].Provider)
	p := w.providers[t.Provider]
	if p.cfg.Fargate() {
		w.submitFargate(t, wr.group, wr.cfg.Name)
		return
	}
	r := wr.preqs[t.Provider]
	if in := w.placer.Place(r); in != nil {
		w.placeOwned(t, in)
		return
	}
	switch {
	case p.scaler == nil:
		w.failTask(t, wr, string(w.placer.Explain(r)))
	case w.c.TasksIn(cluster.Provisioning) > w.cfg.ProvisioningLimit:
		w.failTask(t, wr, ReasonProvisioningLimit)
	default:
		w.provision(t, wr.group, wr.cfg.Name)
	}
}

// ReasonProvisioningLimit is RunTask's error when the cluster already has
// the most PROVISIONING tasks allowed (§7.2).
const ReasonProvisioningLimit = "provisioning capacity limit exceeded"

// placeOwned places t on in for its owner and starts it after the start
// delay.
func (w *World) placeOwned(t *cluster.Task, in *cluster.Instance) {
	group, owner := w.ownerNames(t)
	w.placeTask(t, in, group, owner)
	w.afterPlacement(t, w.wls[t.OwnerIndex].cfg.TaskStartDelay)
}

// afterPlacement moves a PENDING task to RUNNING after delay (at once when
// delay is 0).
func (w *World) afterPlacement(t *cluster.Task, delay time.Duration) {
	if delay == 0 {
		w.startTask(t)
		return
	}
	t.Timer = w.loop.After(delay, prioStart, taskEvent(evTaskStart, t))
}

func (w *World) failTask(t *cluster.Task, wr *workloadRun, reason string) {
	e := w.emit(record.TaskFailed)
	e.Task, e.TaskDefinition, e.Group, e.Owner, e.Reason = t.Seq, t.Def.Name(), wr.group, wr.cfg.Name, reason
	w.publish()
	w.c.SetTaskState(t, cluster.Stopped)
	w.c.FreeTask(t)
}

// placeTask reserves t on in (PENDING) and reports it.
func (w *World) placeTask(t *cluster.Task, in *cluster.Instance, group, owner string) {
	if err := w.c.Place(t, in); err != nil {
		panic(fmt.Sprintf("world: placer chose an instance that does not fit: %v", err))
	}
	w.c.SetTaskState(t, cluster.Pending)
	t.PlacedAt = w.loop.Now()
	req := t.Req()
	e := w.emit(record.TaskPlaced)
	e.Task, e.TaskDefinition, e.Group, e.Owner, e.LaunchType = t.Seq, t.Def.Name(), group, owner, LaunchEC2
	e.Instance, e.InstanceType, e.AZ = in.EC2InstanceID, in.Type.Name, in.AZ
	e.CPU, e.MemoryMiB = req.CPU, req.MemoryMiB
	if t.Provider >= 0 {
		e.Provider, e.LaunchType = w.providers[t.Provider].cfg.Name, ""
	}
	w.publish()
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
}

// stopTask stops t for reason, releases what it held and frees it.
func (w *World) stopTask(t *cluster.Task, reason string) {
	w.loop.Cancel(t.Timer)
	var in *cluster.Instance
	if t.Instance != cluster.NoInstance {
		in = w.c.Instance(t.Instance)
	}
	wasProvisioning := t.State == cluster.Provisioning && t.Provider >= 0 && !w.providers[t.Provider].cfg.Fargate()
	w.c.Unplace(t)
	w.releaseFargate(t)
	w.c.SetTaskState(t, cluster.Stopped)
	if wasProvisioning {
		w.providers[t.Provider].provisioning--
	}
	e := w.emit(record.TaskStopped)
	e.Task, e.Reason = t.Seq, reason
	if in != nil {
		e.Instance = in.EC2InstanceID
	}
	w.publish()
	w.c.FreeTask(t)
	if in != nil {
		w.drained(in)
		w.capacityChanged(in.Provider)
	}
}
