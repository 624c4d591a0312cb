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
	instances    []ledgerInstance // by InstanceSeq − 1
	fargateTasks map[int64]meter  // running Fargate tasks, by task number
	launched     int
	terminated   int
	peak         int
	totals       resources // reserved and registered over registered instances
	usage        usage
	costs        costs
	providers    map[string]*providerFigures
	order        []string // providers in the order first seen
	drainingMax  float64  // seconds, the longest finished drain
}

// resources are CPU units and MiB, reserved and registered.
type resources struct {
	resCPU, resMem, regCPU, regMem int64
}

// ledgerInstance is an instance as its events describe it.
type ledgerInstance struct {
	key        int // launch order: its cost slot
	launched   bool
	registered bool
	gone       bool
	meter      meter
	rate       float64 // USD per second
	res        resources
	nonDaemon  int
	// draining: since when managed draining holds it (InstanceDraining).
	draining      bool
	drainingSince sim.Time
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
	return &Ledger{fargateTasks: map[int64]meter{}, providers: map[string]*providerFigures{}}
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
		if in := l.instance(e); in != nil && !in.registered {
			in.registered = true
			l.totals.add(in.res, 1)
			l.costs.update(in)
		}
	case record.InstanceDraining:
		l.instanceDraining(e)
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
		switch {
		case e.To > e.From:
			p.scaleOut++
		case e.To < e.From:
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

// instance returns the instance an event names, nil if it names none the
// ledger launched.
func (l *Ledger) instance(e *record.Event) *ledgerInstance {
	i := int(e.InstanceSeq) - 1
	if i < 0 || i >= len(l.instances) || !l.instances[i].launched || l.instances[i].gone {
		return nil
	}
	return &l.instances[i]
}

func (l *Ledger) instanceLaunched(e *record.Event) {
	i := int(e.InstanceSeq) - 1
	if i < 0 {
		return
	}
	for i >= len(l.instances) {
		l.instances = append(l.instances, ledgerInstance{})
	}
	in := &l.instances[i]
	*in = ledgerInstance{key: i, launched: true, rate: e.PricePerHour / 3600}
	in.res.regCPU, in.res.regMem = e.CPU, e.MemoryMiB
	l.launched++
	l.peak = max(l.peak, l.launched-l.terminated)
	in.meter = l.ec2.start(e.T, e.PricePerHour)
	l.costs.set(in)
}

// instanceDraining notes when managed draining began to hold an instance.
func (l *Ledger) instanceDraining(e *record.Event) {
	if in := l.instance(e); in != nil && !in.draining {
		in.draining, in.drainingSince = true, e.T
	}
}

func (l *Ledger) instanceTerminated(e *record.Event) {
	in := l.instance(e)
	if in == nil {
		return
	}
	if in.registered {
		l.totals.add(in.res, -1)
	}
	in.gone = true
	if in.draining {
		l.drainingMax = max(l.drainingMax, (e.T - in.drainingSince).Seconds())
	}
	l.ec2.stop(in.meter, e.T)
	l.terminated++
	l.costs.clear(in)
}

// taskPlaced reserves what an EC2 task takes on its instance, or starts a
// Fargate task's meter.
func (l *Ledger) taskPlaced(e *record.Event) {
	if e.Instance == "" { // Fargate
		l.fargateTasks[e.Task] = l.fargate.start(e.T, e.PricePerHour)
		return
	}
	if in := l.instance(e); in != nil {
		l.reserve(in, e, 1)
	}
}

// taskStopped gives back what an EC2 task reserved (the event says what),
// or stops a Fargate task's meter.
func (l *Ledger) taskStopped(e *record.Event) {
	if e.Instance != "" {
		if in := l.instance(e); in != nil {
			l.reserve(in, e, -1)
		}
		return
	}
	if m, ok := l.fargateTasks[e.Task]; ok {
		delete(l.fargateTasks, e.Task)
		l.fargate.stop(m, e.T)
	}
}

// reserve adds (sign 1) or removes (sign -1) what the task of e reserves
// on in.
func (l *Ledger) reserve(in *ledgerInstance, e *record.Event, sign int64) {
	d := resources{resCPU: sign * e.CPU, resMem: sign * e.MemoryMiB}
	in.res.add(d, 1)
	if in.registered {
		l.totals.add(d, 1)
	}
	if !e.Daemon {
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
	DrainingSecondsMax                  float64
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
		Providers: map[string]ProviderSummary{}, DrainingSecondsMax: l.drainingMax}
	for i := range l.instances {
		if in := &l.instances[i]; in.launched && !in.gone && in.draining {
			f.DrainingSecondsMax = max(f.DrainingSecondsMax, (end - in.drainingSince).Seconds())
		}
	}
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
