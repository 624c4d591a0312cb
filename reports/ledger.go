package reports

import (
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
)

// Ledger computes the run's fleet, money and capacity figures from its
// events, in one place: the figures of summary.json and the cost column of
// timeseries.csv are the ledger's, so each equals what the events say.
//
//   - fleet: instances launched, terminated, the peak and the final count
//     (InstanceLaunched, InstanceTerminated);
//   - cost: EC2 per instance from launch to termination, Fargate per task
//     from placement to stop, per second with a 60-second minimum
//     (docs/model.md §10), at the price each event carries;
//   - idle and stranded: the EC2 spend split by what it buys (see costs);
//   - utilization: reserved / registered CPU and memory over the
//     registered instances, time-weighted;
//   - per capacity provider: the mean and maximum of the published
//     CapacityProviderReservation, the largest desired capacity and the
//     scale-out and scale-in actions.
//
// Every figure is piecewise constant between events, so integrating at
// each event is exact.
type Ledger struct {
	ec2, fargate billing
	fargateKeys  keys
	instances    map[string]*ledgerInstance // by EC2 instance ID, until terminated
	tasks        map[int64]ledgerTask       // by task number, while placed
	launched     int
	terminated   int
	peak         int
	totals       resources // reserved and registered over registered instances
	usage        usage
	costs        costs
	providers    map[string]*providerFigures
	order        []string // providers in the order first seen
}

// resources are CPU units and MiB, reserved and registered.
type resources struct {
	resCPU, resMem, regCPU, regMem int64
}

// ledgerInstance is an instance as its events describe it.
type ledgerInstance struct {
	key        int // launch order: its billing meter and cost slot
	registered bool
	rate       float64 // USD per second
	res        resources
	nonDaemon  int
}

// ledgerTask is a placed task: where, what it reserves, and its Fargate
// meter (-1 on EC2).
type ledgerTask struct {
	in        *ledgerInstance
	cpu, mem  int64
	daemon    bool
	fargateAt int
}

// providerFigures are one capacity provider's figures so far.
type providerFigures struct {
	cprSum            float64
	cprCount          int
	cprMax            float64
	desiredMax        int
	scaleOut, scaleIn int
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{instances: map[string]*ledgerInstance{}, tasks: map[int64]ledgerTask{}, providers: map[string]*providerFigures{}}
}

// advance integrates the time-weighted figures up to now.
func (l *Ledger) advance(now sim.Time) {
	l.usage.advance(now, l.totals)
	l.costs.advance(now)
}

// Event implements the world's Observer.
func (l *Ledger) Event(e *record.Event) {
	l.advance(e.T)
	switch e.Type {
	case record.InstanceLaunched:
		l.instanceLaunched(e)
	case record.InstanceRegistered:
		if in := l.instances[e.Instance]; in != nil && !in.registered {
			in.registered = true
			l.totals.add(in.res, 1)
			l.costs.update(in)
		}
	case record.InstanceTerminated:
		l.instanceTerminated(e)
	case record.TaskPlaced:
		l.taskPlaced(e)
	case record.TaskStopped:
		l.taskStopped(e)
	case record.MetricPublished:
		if e.Provider != "" {
			p := l.provider(e.Provider)
			p.cprSum += e.Value
			p.cprCount++
			p.cprMax = max(p.cprMax, e.Value)
		}
	case record.DesiredCapacityChanged:
		p := l.provider(e.Provider)
		p.desiredMax = max(p.desiredMax, e.To)
		if e.To > e.From {
			p.scaleOut++
		} else {
			p.scaleIn++
		}
	}
}

// Sample implements the world's Observer: a capacity provider's desired
// capacity at the start of the run is known from the samples.
func (l *Ledger) Sample(s *record.Sample) {
	l.advance(s.T)
	for i := range s.Providers {
		p := l.provider(s.Providers[i].Name)
		p.desiredMax = max(p.desiredMax, s.Providers[i].Desired)
	}
}

// CostUSD returns the cost accrued by now (billing minimums included).
func (l *Ledger) CostUSD(now sim.Time) float64 {
	return l.ec2.accrued(now) + l.fargate.accrued(now)
}

func (l *Ledger) provider(name string) *providerFigures {
	p, ok := l.providers[name]
	if !ok {
		p = &providerFigures{}
		l.providers[name] = p
		l.order = append(l.order, name)
	}
	return p
}

func (l *Ledger) instanceLaunched(e *record.Event) {
	in := &ledgerInstance{key: l.launched, rate: e.PricePerHour / 3600}
	in.res.regCPU, in.res.regMem = e.CPU, e.MemoryMiB
	l.instances[e.Instance] = in
	l.launched++
	l.peak = max(l.peak, l.launched-l.terminated)
	l.ec2.start(in.key, e.T, e.PricePerHour)
	l.costs.set(in)
}

func (l *Ledger) instanceTerminated(e *record.Event) {
	in := l.instances[e.Instance]
	if in == nil {
		return
	}
	if in.registered {
		l.totals.add(in.res, -1)
	}
	delete(l.instances, e.Instance)
	l.ec2.stop(in.key, e.T)
	l.terminated++
	l.costs.clear(in)
}

func (l *Ledger) taskPlaced(e *record.Event) {
	t := ledgerTask{cpu: e.CPU, mem: e.MemoryMiB, daemon: e.Daemon, fargateAt: -1}
	if e.Instance == "" { // Fargate
		t.fargateAt = l.fargateKeys.get()
		l.fargate.start(t.fargateAt, e.T, e.PricePerHour)
		l.tasks[e.Task] = t
		return
	}
	in := l.instances[e.Instance]
	if in == nil {
		return
	}
	t.in = in
	l.reserve(in, t, 1)
	l.tasks[e.Task] = t
}

func (l *Ledger) taskStopped(e *record.Event) {
	t, ok := l.tasks[e.Task]
	if !ok {
		return
	}
	delete(l.tasks, e.Task)
	if t.fargateAt >= 0 {
		l.fargate.stop(t.fargateAt, e.T)
		l.fargateKeys.put(t.fargateAt)
		return
	}
	l.reserve(t.in, t, -1)
}

// reserve adds (sign 1) or removes (sign -1) what t reserves on in.
func (l *Ledger) reserve(in *ledgerInstance, t ledgerTask, sign int64) {
	d := resources{resCPU: sign * t.cpu, resMem: sign * t.mem}
	in.res.add(d, 1)
	if in.registered {
		l.totals.add(d, 1)
	}
	if !t.daemon {
		in.nonDaemon += int(sign)
	}
	l.costs.update(in)
}

// add adds sign × d.
func (r *resources) add(d resources, sign int64) {
	r.resCPU += sign * d.resCPU
	r.resMem += sign * d.resMem
	r.regCPU += sign * d.regCPU
	r.regMem += sign * d.regMem
}

// LedgerFigures are the ledger's figures for the run.
type LedgerFigures struct {
	InstancesLaunched, InstancesTerm    int
	InstancesPeak, InstancesFinal       int
	InstanceHours                       float64
	CPUReservedMean, MemoryReservedMean float64
	CostEC2, CostFargate                float64
	CostIdle, CostStranded              float64
	ScaleOutActions, ScaleInActions     int
	Providers                           map[string]ProviderSummary
}

// Close bills every running meter and integrates up to end (the end of the
// run) and returns the figures. The ledger takes no events after Close.
func (l *Ledger) Close(end sim.Time) LedgerFigures {
	l.advance(end)
	l.ec2.closeAll(end)
	l.fargate.closeAll(end)
	cpu, mem := l.usage.means()
	f := LedgerFigures{InstancesLaunched: l.launched, InstancesTerm: l.terminated, InstancesPeak: l.peak,
		InstancesFinal: l.launched - l.terminated,
		InstanceHours:  l.ec2.hours, CPUReservedMean: cpu, MemoryReservedMean: mem,
		CostEC2: l.ec2.closed, CostFargate: l.fargate.closed, CostIdle: l.costs.idle, CostStranded: l.costs.stranded,
		Providers: map[string]ProviderSummary{}}
	for _, name := range l.order {
		p := l.providers[name]
		s := ProviderSummary{CPRMax: p.cprMax, DesiredMax: p.desiredMax, ScaleOutActions: p.scaleOut, ScaleInActions: p.scaleIn}
		if p.cprCount > 0 {
			s.CPRMean = p.cprSum / float64(p.cprCount)
		}
		f.Providers[name] = s
		f.ScaleOutActions += p.scaleOut
		f.ScaleInActions += p.scaleIn
	}
	return f
}
