package world

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/workloads"
)

// providerRun is a capacity provider's state during a run: its Auto Scaling
// group (desired capacity, the instances it keeps), its managed scaling
// controller, and what the reports need.
type providerRun struct {
	cfg *CapacityProvider
	idx int

	scaler      *autoscaling.Scaler // nil without managed scaling
	blocked     string              // what blocked the last tick's action (autoscaling.Blocked*)
	fixedStep   bool
	desired     int
	members     []cluster.InstanceID // launched and not terminating, launch order
	zoneCount   []int                // members per ASG zone
	launches    []sim.Time           // recent launch times, for the warm-up gate
	smallest    cluster.Capacity
	largest     cluster.Capacity
	launchDelay workloads.Sampler
	regFail     *rand.Rand
	typeRand    *rand.Rand
	termRand    *rand.Rand

	provisioning int // the provider's PROVISIONING tasks
	pending      int // members whose agent has not registered
	last         autoscaling.Metric
	published    bool
	evaluating   []autoscaling.Metric // published, awaiting alarm evaluation
	cprSum       float64
	cprCount     int
	cprMax       float64
	desiredMax   int
	scaleOut     int
	scaleIn      int
}

func (w *World) newProviders() error {
	for i := range w.cfg.CapacityProviders {
		cfg := &w.cfg.CapacityProviders[i]
		p := &providerRun{cfg: cfg, idx: i}
		if asg := cfg.ASG; asg != nil {
			base := "asg/" + cfg.Name + "/"
			d, err := workloads.NewSampler(asg.LaunchDelay, w.streams.Source(base+"launch-delay"))
			if err != nil {
				return fmt.Errorf("capacity provider %s: launchDelay: %w", cfg.Name, err)
			}
			p.launchDelay = d
			p.regFail = w.streams.Rand(base + "registration")
			p.typeRand = w.streams.Rand(base + "instance-type")
			p.termRand = w.streams.Rand(base + "termination")
			p.zoneCount = make([]int, len(asg.AvailabilityZones))
			p.smallest, p.largest = autoscaling.Bounds(asg.InstanceTypes, w.instanceSpec(p, nil, ""))
			p.fixedStep = w.cfg.Model.FixedStepForMixedGroups && (len(asg.InstanceTypes) > 1 || len(asg.AvailabilityZones) > 1)
			p.desired = asg.DesiredCapacity
			p.desiredMax = p.desired
		}
		if ms := cfg.ManagedScaling; ms != nil && cfg.ASG != nil {
			sc := autoscaling.DefaultScalerConfig(ms.TargetCapacity)
			m := w.cfg.Model
			sc.WarmupPeriod = ms.InstanceWarmupPeriod
			sc.ScaleInWait, sc.ScaleInMaxFraction = m.ScaleInWait, m.ScaleInMaxFraction
			sc.HighDatapoints, sc.LowDatapoints = m.HighDatapoints, m.LowDatapoints
			sc.ProportionalFromZero = m.ProportionalFromZero
			p.scaler = autoscaling.NewScaler(sc)
		}
		w.providers = append(w.providers, p)
	}
	return nil
}

// instanceSpec describes an instance of p's group of type t in zone az.
func (w *World) instanceSpec(p *providerRun, t *cluster.InstanceType, az string) cluster.InstanceSpec {
	asg := p.cfg.ASG
	return cluster.InstanceSpec{Type: t, AvailabilityZone: az, Attributes: asg.Attributes,
		ReservedMemoryMiB: asg.ReservedMemoryMiB, ReservedPorts: asg.ReservedPorts, AwsvpcTrunking: w.cfg.AwsvpcTrunking, Provider: p.idx,
		Spot: asg.Spot, OSFamily: asg.OSFamily, AgentVersion: "1.90.0"}
}

// warming returns how many of p's instances were launched less than the
// warm-up period ago (§1.5 step 6).
func (p *providerRun) warming(now sim.Time, warmup time.Duration) int {
	keep := p.launches[:0]
	for _, t := range p.launches {
		if now.Sub(t) < warmup {
			keep = append(keep, t)
		}
	}
	p.launches = keep
	return len(keep)
}

// chooseType picks the instance type of a launch by the group's allocation
// strategy: prioritized takes the first type (the On-Demand default, §3.3),
// lowest-price the cheapest, random any.
func (p *providerRun) chooseType() *cluster.InstanceType {
	types := p.cfg.ASG.InstanceTypes
	switch p.cfg.ASG.AllocationStrategy {
	case "lowest-price":
		best := types[0]
		for _, t := range types[1:] {
			if t.PricePerHour < best.PricePerHour {
				best = t
			}
		}
		return best
	case "random":
		return types[p.typeRand.IntN(len(types))]
	}
	return types[0]
}

// chooseZone picks the zone of a launch: the group's zone with the fewest
// instances (ASG AZ balancing, §3.2), the first on ties, skipping zones that
// are down; -1 if all are.
func (p *providerRun) chooseZone(down map[string]bool) int {
	best := -1
	for z, n := range p.zoneCount {
		if down[p.cfg.ASG.AvailabilityZones[z]] {
			continue
		}
		if best < 0 || n < p.zoneCount[best] {
			best = z
		}
	}
	return best
}

func (p *providerRun) zoneOf(az string) int {
	for z, name := range p.cfg.ASG.AvailabilityZones {
		if name == az {
			return z
		}
	}
	return 0
}

// sample returns p's providers.csv row.
func (w *World) providerSample(p *providerRun) record.ProviderSample {
	return record.ProviderSample{Name: p.cfg.Name, InstancesRunning: w.c.Provider(p.idx).Registered,
		InstancesPending: p.pending, Desired: p.desired, CPR: p.last.Value, TasksProvisioning: p.provisioning,
		AlarmHigh: p.scaler.High.State.String(), AlarmLow: p.scaler.Low.State.String(),
		Target: p.cfg.ManagedScaling.TargetCapacity}
}

func (p *providerRun) final() record.ProviderFinal {
	f := record.ProviderFinal{Name: p.cfg.Name, CPRMax: p.cprMax, DesiredMax: p.desiredMax, ScaleOut: p.scaleOut, ScaleIn: p.scaleIn}
	if p.cprCount > 0 {
		f.CPRMean = p.cprSum / float64(p.cprCount)
	}
	return f
}
