package importer

import (
	"slices"
	"strings"
)

// The AWS front-end's Auto Scaling group capacity providers: their
// settings, and the sizes of their groups.

// groupProvider reads an Auto Scaling group provider and its group; nil
// when a piece is missing (recorded).
func (r *awsRead) groupProvider(d awsDecoded, p awsObject[awsCapacityProvider]) (*CapacityProvider, *awsGroup) {
	gp := p.v.AutoScalingGroupProvider
	if gp == nil {
		what := "neither an Auto Scaling group provider nor FARGATE or FARGATE_SPOT"
		if p.v.ManagedInstancesProvider != nil {
			what = "an Amazon ECS Managed Instances provider, which ecsim does not model"
		}
		r.errs.Add(p.file, p.node, p.path, "capacity provider %s is %s", p.v.Name, what)
		return nil, nil
	}
	name := groupName(gp.AutoScalingGroupArn)
	j := slices.IndexFunc(d.groups, func(g awsObject[awsGroup]) bool { return g.v.AutoScalingGroupName == name })
	if j < 0 {
		r.errs.Add(p.file, at(p.node, "autoScalingGroupProvider", "autoScalingGroupArn"),
			p.path+".autoScalingGroupProvider.autoScalingGroupArn",
			"Auto Scaling group %s is not described: run %s", name, describeGroupsCommand(name))
		return nil, nil
	}
	asg := r.autoScalingGroup(d, d.groups[j])
	if asg == nil {
		return nil, nil
	}
	for _, s := range []struct{ key, v string }{
		{"managedTerminationProtection", gp.ManagedTerminationProtection}, {"managedDraining", gp.ManagedDraining},
	} {
		if msg := enabledProblem(s.v); msg != "" {
			r.errs.Add(p.file, at(p.node, "autoScalingGroupProvider", s.key), p.path+".autoScalingGroupProvider."+s.key, "%s", msg)
		}
	}
	return &CapacityProvider{
		Name:                         p.v.Name,
		ASG:                          asg,
		ManagedScaling:               r.managedScaling(p),
		ManagedTerminationProtection: gp.ManagedTerminationProtection,
		ManagedDraining:              gp.ManagedDraining,
		From:                         p.from(),
	}, &d.groups[j].v
}

// groupName is the name in an Auto Scaling group ARN
// (…:autoScalingGroupName/NAME); the API also accepts the bare name.
func groupName(arn string) string {
	if _, name, ok := strings.Cut(arn, ":autoScalingGroupName/"); ok {
		return name
	}
	return arn
}

// managedScaling reads the provider's managed scaling: nil without one or
// when DISABLED. A block without a status is read as ENABLED (noted); any
// status but ENABLED or DISABLED, and a number outside the API's range, is
// an error at its path.
func (r *awsRead) managedScaling(p awsObject[awsCapacityProvider]) *ManagedScaling {
	ms := p.v.AutoScalingGroupProvider.ManagedScaling
	if ms == nil {
		return nil
	}
	path := p.path + ".autoScalingGroupProvider.managedScaling"
	switch ms.Status {
	case "DISABLED":
		return nil
	case "":
		r.ignore("%s", noScalingStatus(p.name+": "+path))
	case "ENABLED":
	default:
		r.errs.Add(p.file, at(p.node, "autoScalingGroupProvider", "managedScaling", "status"), path+".status",
			"%s", enabledProblem(ms.Status))
		return nil
	}
	for _, f := range []struct {
		key string
		v   *int
	}{
		{"targetCapacity", ms.TargetCapacity}, {"minimumScalingStepSize", ms.MinimumScalingStepSize},
		{"maximumScalingStepSize", ms.MaximumScalingStepSize}, {"instanceWarmupPeriod", ms.InstanceWarmupPeriod},
	} {
		if msg := scalingRangeProblem(f.key, f.v); msg != "" {
			r.errs.Add(p.file, at(p.node, "autoScalingGroupProvider", "managedScaling", f.key), path+"."+f.key, "%s", msg)
		}
	}
	return &ManagedScaling{
		TargetCapacity:         ms.TargetCapacity,
		MinimumScalingStepSize: ms.MinimumScalingStepSize,
		MaximumScalingStepSize: ms.MaximumScalingStepSize,
		InstanceWarmupPeriod:   ms.InstanceWarmupPeriod,
	}
}

// groupSize reads the group's MinSize or MaxSize (key), which every group
// has; a missing or null one, or one outside ecsim's range, is an error
// at its path, and false.
func (r *awsRead) groupSize(g awsObject[awsGroup], key string, v *int) (int, bool) {
	if v == nil {
		r.errs.Add(g.file, at(g.node, key), g.path+"."+key, "the group %s has no %s (every group has one: "+
			"is the describe-auto-scaling-groups output complete?)", g.v.AutoScalingGroupName, key)
		return 0, false
	}
	if msg := groupSizeProblem(*v); msg != "" {
		r.errs.Add(g.file, at(g.node, key), g.path+"."+key, "%s", msg)
		return 0, false
	}
	return *v, true
}
