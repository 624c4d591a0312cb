package world

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// launcher is how the tasks of one owner and task definition (a workload's,
// or a service's for one revision) get capacity: a launch type, or a
// capacity provider strategy with a placement request per Auto Scaling
// group provider (docs/model.md §8).
type launcher struct {
	idx        int32
	name       string // workload or service name, for events
	group      string
	def        *cluster.TaskDefinition
	kind       cluster.OwnerKind
	launchType string
	// items is the strategy (the owner's or the cluster's default), empty
	// with a launch type; counts the tasks given to each item so far.
	items  []StrategyItem
	counts []int
	req    placement.Request    // placement with a launch type
	preqs  []*placement.Request // by provider index, for Auto Scaling group providers
	// startDelay is PENDING → RUNNING; startFailureRate the share of tasks
	// that fail before RUNNING (image pull errors and the like).
	startDelay       time.Duration
	startFailureRate float64
	svc              *serviceRun // the owning service, nil for RunTask
}

// launchSpec describes a launcher to build.
type launchSpec struct {
	name, group      string
	def              *cluster.TaskDefinition
	kind             cluster.OwnerKind
	launchType       string
	items            []StrategyItem
	strategy         placement.Plan
	constraints      []cluster.PlacementConstraint
	randomDefault    bool // RunTask's default placement: random (docs/model.md §5.3)
	startDelay       time.Duration
	startFailureRate float64
	svc              *serviceRun
}

func (w *World) newLauncher(s launchSpec) (*launcher, error) {
	items := s.items
	if len(items) == 0 && s.launchType == "" {
		items = w.cfg.DefaultStrategy
	}
	l := &launcher{idx: int32(len(w.launchers)), name: s.name, group: s.group, def: s.def, kind: s.kind,
		launchType: s.launchType, items: items, counts: make([]int, len(items)), startDelay: s.startDelay,
		startFailureRate: s.startFailureRate, svc: s.svc, preqs: make([]*placement.Request, len(w.providers))}
	if s.launchType == "" && len(items) == 0 {
		l.launchType = LaunchEC2
	}
	req, err := w.request(s.def, s.group, s.strategy, s.constraints, s.randomDefault)
	if err != nil {
		return nil, err
	}
	l.req = req
	for _, it := range items {
		p := w.providers[it.Provider]
		if p.cfg.Fargate() || l.preqs[it.Provider] != nil {
			continue
		}
		r, err := w.request(s.def, s.group, s.strategy, s.constraints, s.randomDefault,
			placement.OnProvider(it.Provider, p.cfg.Name))
		if err != nil {
			return nil, err
		}
		l.preqs[it.Provider] = &r
	}
	w.launchers = append(w.launchers, l)
	return l, nil
}

// request compiles the placement request for tasks of def in group: the
// strategy chain (or the default) and the constraints of the request, of the
// task definition and of its runtimePlatform combined (docs/model.md §5.4).
func (w *World) request(def *cluster.TaskDefinition, group string, plan placement.Plan, cons []cluster.PlacementConstraint, randomDefault bool, extra ...placement.Constraint) (placement.Request, error) {
	var chain placement.Chain
	switch {
	case plan.Len() > 0:
		chain = plan.Bind(w.c)
	case randomDefault:
		chain = placement.NewChain()
	default:
		chain = placement.ServiceDefault(w.c)
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

// requestOf returns the placement request of a task.
func (w *World) requestOf(t *cluster.Task) *placement.Request {
	l := w.launchers[t.OwnerIndex]
	if t.Provider >= 0 && l.preqs[t.Provider] != nil {
		return l.preqs[t.Provider]
	}
	return &l.req
}

// taskRequest returns the request to place t with: its launcher's, with the
// task's own requirements if it was sized.
func (w *World) taskRequest(t *cluster.Task) *placement.Request {
	base := w.requestOf(t)
	if t.Req() == base.Req {
		return base
	}
	w.sized = *base
	w.sized.Req = t.Req()
	return &w.sized
}

// sizedReq returns the shared requirements of def at a given size.
func (w *World) sizedReq(def *cluster.TaskDefinition, cpu, memoryMiB int64) *cluster.Requirements {
	k := sizeKey{def, cpu, memoryMiB}
	r, ok := w.sizes[k]
	if !ok {
		r = def.Sized(cpu, memoryMiB)
		w.sizes[k] = r
	}
	return r
}

type sizeKey struct {
	def         *cluster.TaskDefinition
	cpu, memory int64
}

// newTask creates a task for l, submitted now; req, when not nil, sizes it
// (a size drawn from a distribution or read from a trace). The task is
// announced (TaskSubmitted) by submitted: a RunTask task at once, a service
// task only once it gets capacity or starts waiting for it.
func (w *World) newTask(l *launcher, req *cluster.Requirements) *cluster.Task {
	t := w.c.NewTask(l.def, l.req.Group, w.loop.Now())
	t.Owner, t.OwnerIndex = l.kind, l.idx
	if req != nil {
		t.SetReq(req)
	}
	return t
}

// submitted emits t's TaskSubmitted event.
func (w *World) submitted(t *cluster.Task) {
	e := w.emit(record.TaskSubmitted)
	w.taskFields(e, t)
	r := t.Req()
	e.CPU, e.MemoryMiB = r.CPU, r.MemoryMiB
	w.publish()
}

// taskFields fills the task fields of an event.
func (w *World) taskFields(e *record.Event, t *cluster.Task) {
	l := w.launchers[t.OwnerIndex]
	e.Task, e.TaskDefinition, e.Group, e.Owner = t.Seq, t.Def.Name(), l.group, l.name
	if l.svc != nil {
		e.Service = l.name
	}
}

// launch gives a new task capacity (docs/model.md §8, §1.5): Fargate; an
// instance of the provider its strategy picks, or PROVISIONING until the
// provider's managed scaling makes room; or an instance for its launch type.
// When the task can be placed nowhere and may not wait (launch type EC2, a
// provider without managed scaling, the PROVISIONING limit) it returns the
// reason and ok false, and the task is left to the caller to fail or drop.
// A service task is announced (TaskSubmitted) only when it gets capacity or
// a place in the PROVISIONING queue: ECS creates no task for a service
// placement failure (§5.6).
func (w *World) launch(t *cluster.Task, l *launcher) (reason string, ok bool) {
	to, reason, ok := w.capacityFor(t, l)
	if !ok {
		return reason, false
	}
	if l.svc != nil {
		w.submitted(t)
	}
	switch {
	case to.fargate:
		w.submitFargate(t)
	case to.in != nil:
		w.placeOwned(t, to.in)
	default:
		w.provision(t)
	}
	return "", true
}

// capacity is where launch sends a task: Fargate, an instance, or (neither)
// the PROVISIONING queue.
type capacity struct {
	fargate bool
	in      *cluster.Instance
}

// capacityFor decides where t goes, changing nothing but the strategy's
// split counts and t's provider.
func (w *World) capacityFor(t *cluster.Task, l *launcher) (capacity, string, bool) {
	if l.launchType == LaunchFargate {
		return w.fargateCapacity()
	}
	if l.launchType == LaunchEC2 {
		r := w.taskRequest(t)
		if in := w.placer.Place(r); in != nil {
			return capacity{in: in}, "", true
		}
		return capacity{}, string(w.placer.Explain(r)), false
	}
	i := chooseItem(l.items, l.counts)
	l.counts[i]++
	t.Provider = int32(l.items[i].Provider)
	p := w.providers[t.Provider]
	if p.cfg.Fargate() {
		return w.fargateCapacity()
	}
	r := w.taskRequest(t)
	if in := w.placer.Place(r); in != nil {
		return capacity{in: in}, "", true
	}
	switch {
	case p.scaler == nil:
		return capacity{}, string(w.placer.Explain(r)), false
	case w.c.TasksIn(cluster.Provisioning) > w.cfg.ProvisioningLimit:
		return capacity{}, ReasonProvisioningLimit, false
	}
	return capacity{}, "", true
}

// fargateCapacity sends a task to Fargate, where it is PROVISIONING until
// Fargate finds capacity: it counts toward the cluster's PROVISIONING limit
// like any other (docs/model.md §7.2).
func (w *World) fargateCapacity() (capacity, string, bool) {
	if w.c.TasksIn(cluster.Provisioning) > w.cfg.ProvisioningLimit {
		return capacity{}, ReasonProvisioningLimit, false
	}
	return capacity{fargate: true}, "", true
}

// ReasonProvisioningLimit is RunTask's error when the cluster already has
// the most PROVISIONING tasks allowed (§7.2).
const ReasonProvisioningLimit = "provisioning capacity limit exceeded"

// placeOwned places t on in and starts it after its launcher's start delay.
func (w *World) placeOwned(t *cluster.Task, in *cluster.Instance) {
	if err := w.c.Place(t, in); err != nil {
		panic(fmt.Sprintf("world: placer chose an instance that does not fit: %v", err))
	}
	w.c.SetTaskState(t, cluster.Pending)
	t.PlacedAt = w.loop.Now()
	req := t.Req()
	e := w.emit(record.TaskPlaced)
	w.taskFields(e, t)
	e.LaunchType = LaunchEC2
	if t.Provider >= 0 {
		e.Provider, e.LaunchType = w.providers[t.Provider].cfg.Name, ""
	}
	instanceFields(e, in)
	e.CPU, e.MemoryMiB, e.Daemon = req.CPU, req.MemoryMiB, t.Daemon()
	w.publish()
	w.afterPlacement(t)
}

// afterPlacement moves a PENDING task to RUNNING after its start delay (at
// once when it is 0), or to a start failure.
func (w *World) afterPlacement(t *cluster.Task) {
	l := w.launchers[t.OwnerIndex]
	if l.startFailureRate > 0 && w.startFail.Float64() < l.startFailureRate {
		t.Timer = w.loop.After(l.startDelay, prioStart, taskEvent(evTaskStartFailed, t))
		return
	}
	if l.startDelay == 0 {
		w.startTask(t)
		return
	}
	t.Timer = w.loop.After(l.startDelay, prioStart, taskEvent(evTaskStart, t))
}
