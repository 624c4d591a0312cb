package world

import (
	"fmt"
	"math/rand/v2"

	"github.com/ecsim/ecsim/autoscaling"
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
	group       *autoscaling.Group // nil for FARGATE and FARGATE_SPOT
	smallest    cluster.Capacity
	largest     cluster.Capacity
	estimate    autoscaling.EstimateScratch // the estimator's memory, kept between ticks
	launchDelay workloads.Sampler
	regFail     *rand.Rand

	provisioning int // the provider's PROVISIONING tasks
	pending      int // members whose agent has not registered
	last         autoscaling.Metric
	published    bool
	evaluating   []autoscaling.Metric // published, awaiting alarm evaluation
}

func (w *World) newProviders() error {
	for i := range w.cfg.CapacityProviders {
		cfg := &w.cfg.CapacityProviders[i]
		p := &providerRun{cfg: cfg, idx: i}
		if asg := cfg.ASG; asg != nil {
			base := "asg/" + cfg.Name + "/"
			d, err := w.cfg.WorkloadKinds.NewSampler(asg.LaunchDelay, w.streams.Source(base+"launch-delay"))
			if err != nil {
				return fmt.Errorf("capacity provider %s: launchDelay: %w", cfg.Name, err)
			}
			p.launchDelay = d
			p.regFail = w.streams.Rand(base + "registration")
			p.group = autoscaling.NewGroup(autoscaling.GroupConfig{InstanceTypes: asg.InstanceTypes, Zones: asg.AvailabilityZones,
				MinSize: asg.MinSize, MaxSize: asg.MaxSize, Desired: asg.DesiredCapacity, AllocationStrategy: asg.AllocationStrategy,
				ManagedTerminationProtection: cfg.ManagedTerminationProtection},
				w.streams.Rand(base+"instance-type"), w.streams.Rand(base+"termination"))
			p.smallest, p.largest = autoscaling.Bounds(asg.InstanceTypes, w.instanceSpec(p, nil, ""))
			p.fixedStep = w.cfg.Model.FixedStepForMixedGroups && (len(asg.InstanceTypes) > 1 || len(asg.AvailabilityZones) > 1)
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

// sample returns p's providers.csv row.
func (w *World) providerSample(p *providerRun) record.ProviderSample {
	return record.ProviderSample{Name: p.cfg.Name, InstancesRunning: w.c.Provider(p.idx).Registered,
		InstancesPending: p.pending, Desired: p.group.Desired(), CPR: p.last.Value, TasksProvisioning: p.provisioning,
		AlarmHigh: p.scaler.High.State.String(), AlarmLow: p.scaler.Low.State.String(),
		Target: p.cfg.ManagedScaling.TargetCapacity}
}
