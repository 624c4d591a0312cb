package importer

import (
	"fmt"
	"slices"
	"strings"
)

// services reads the services and the task definitions: first the
// revisions the services run, in service order, then the others read.
func (r *awsRead) services(c *Cluster, d awsDecoded) {
	defs, byName := r.taskDefinitions(d)
	var order []TaskDefinition
	used := map[string]bool{}
	for _, o := range d.services {
		s, ok := r.service(o, c.DefaultStrategy, defs, byName)
		if !ok {
			continue
		}
		c.Services = append(c.Services, s)
		if !used[s.TaskDefinition] {
			used[s.TaskDefinition] = true
			order = append(order, defs[byName[s.TaskDefinition]])
		}
	}
	for _, def := range defs {
		if !used[def.Name()] {
			order = append(order, def)
		}
	}
	c.TaskDefinitions = order
	for _, o := range d.taskDefs {
		r.taskDefinitionIgnored(o)
	}
}

// taskDefinitions reads every describe-task-definition output; the Body is
// its taskDefinition object as is (the scenario format accepts
// DescribeTaskDefinition's read-only fields).
func (r *awsRead) taskDefinitions(d awsDecoded) ([]TaskDefinition, map[string]int) {
	var defs []TaskDefinition
	byName := map[string]int{}
	for _, o := range d.taskDefs {
		if o.v.Family == "" || o.v.Revision <= 0 {
			r.errs.Add(o.file, o.node, o.path, "expected a registered task definition with a family and a revision "+
				"(the output of aws ecs describe-task-definition)")
			continue
		}
		def := TaskDefinition{Family: o.v.Family, Revision: o.v.Revision, Body: clone(o.node), From: o.from()}
		byName[def.Name()] = len(defs)
		defs = append(defs, def)
	}
	return defs, byName
}

// taskDefinitionIgnored notes the task definition's IAM roles and log
// groups, which ecsim does not model, once per role or group.
func (r *awsRead) taskDefinitionIgnored(o awsObject[awsTaskDefinition]) {
	for _, role := range [][2]string{{"taskRoleArn", o.v.TaskRoleArn}, {"executionRoleArn", o.v.ExecutionRoleArn}} {
		if role[1] != "" {
			r.ignore("IAM role %s (%s): IAM is not modelled", role[1][strings.LastIndex(role[1], "/")+1:], role[0])
		}
	}
	for _, cd := range o.v.ContainerDefinitions {
		switch lc := cd.LogConfiguration; {
		case lc == nil:
		case lc.Options["awslogs-group"] != "":
			r.ignore("CloudWatch log group %s (logConfiguration): logs are not modelled", lc.Options["awslogs-group"])
		default:
			r.ignore("log driver %s (logConfiguration): logs are not modelled", lc.LogDriver)
		}
	}
}

// service reads one service; false when it is skipped (not ACTIVE) or a
// piece is missing (recorded).
func (r *awsRead) service(o awsObject[awsService], defaults []StrategyItem, defs []TaskDefinition,
	byName map[string]int) (Service, bool) {
	v := o.v
	if v.Status != "" && v.Status != "ACTIVE" {
		r.ignore("services[%s] (%s): %s, not modelled", v.ServiceName, o.from(), v.Status)
		return Service{}, false
	}
	ref, ok := r.serviceTaskDefinition(o, defs, byName)
	if !ok {
		return Service{}, false
	}
	s := Service{Name: v.ServiceName, TaskDefinition: ref, DesiredCount: v.DesiredCount,
		SchedulingStrategy: v.SchedulingStrategy, LaunchType: v.LaunchType, From: o.from()}
	for _, it := range v.CapacityProviderStrategy {
		s.CapacityProviderStrategy = append(s.CapacityProviderStrategy, StrategyItem(it))
	}
	// DescribeServices shows the cluster's default strategy on a service
	// created without one: it is written as none, the same thing.
	if s.LaunchType == "" && slices.Equal(s.CapacityProviderStrategy, defaults) {
		s.CapacityProviderStrategy = nil
	}
	for _, p := range v.PlacementStrategy {
		s.PlacementStrategy = append(s.PlacementStrategy, PlacementStrategy{Type: p.Type, Field: p.Field})
	}
	for _, p := range v.PlacementConstraints {
		s.PlacementConstraints = append(s.PlacementConstraints, PlacementConstraint{Type: p.Type, Expression: p.Expression})
	}
	deployment(&s, v)
	r.serviceIgnored(v)
	return s, true
}

// deployment reads the deployment configuration. DescribeServices shows
// every service's: the defaults (100 and 200 %, 0 and 100 % for a daemon;
// the circuit breaker off) are written as nothing, the same thing.
func deployment(s *Service, v awsService) {
	dc := v.DeploymentConfiguration
	if dc == nil {
		return
	}
	s.MinimumHealthyPercent, s.MaximumPercent = dc.MinimumHealthyPercent, dc.MaximumPercent
	minDefault, maxDefault := 100, 200
	if v.SchedulingStrategy == "DAEMON" {
		minDefault, maxDefault = 0, 100
	}
	if is(s.MinimumHealthyPercent, minDefault) && is(s.MaximumPercent, maxDefault) {
		s.MinimumHealthyPercent, s.MaximumPercent = nil, nil
	}
	if cb := dc.DeploymentCircuitBreaker; cb != nil && (cb.Enable || cb.Rollback) {
		s.CircuitBreaker = &CircuitBreaker{Enable: cb.Enable, Rollback: cb.Rollback}
	}
}

// is reports whether p is nil or points to v.
func is(p *int, v int) bool { return p == nil || *p == v }

// serviceTaskDefinition is the service's task definition as family:revision
// (from its ARN); one not read is recorded with the command that fetches
// it, and false.
func (r *awsRead) serviceTaskDefinition(o awsObject[awsService], defs []TaskDefinition, byName map[string]int) (string, bool) {
	node, path := at(o.node, "taskDefinition"), o.path+".taskDefinition"
	ref := o.v.TaskDefinition[strings.LastIndex(o.v.TaskDefinition, "/")+1:]
	if ref == "" {
		r.errs.Add(o.file, node, path, "service %s names no task definition", o.v.ServiceName)
		return "", false
	}
	if family, _, ok := cutRevision(ref); !ok {
		latest := 0 // a family alone: its latest revision read
		for _, def := range defs {
			if def.Family == family && def.Revision > latest {
				latest, ref = def.Revision, def.Name()
			}
		}
	}
	if _, ok := byName[ref]; !ok {
		r.errs.Add(o.file, node, path, "task definition %s is not described: run %s", ref, describeTaskDefinitionCommand(ref))
		return "", false
	}
	return ref, true
}

// serviceIgnored notes what the service uses and ecsim does not model.
func (r *awsRead) serviceIgnored(v awsService) {
	if len(v.LoadBalancers) > 0 {
		r.ignore("services[%s].loadBalancers: load balancers are not modelled", v.ServiceName)
	}
	if len(v.ServiceRegistries) > 0 {
		r.ignore("services[%s].serviceRegistries: service discovery is not modelled", v.ServiceName)
	}
	if v.NetworkConfiguration != nil {
		r.ignore("services[%s].networkConfiguration: subnets, security groups and public IPs are not modelled", v.ServiceName)
	}
	if dc := v.DeploymentController; dc != nil && dc.Type != "" && dc.Type != "ECS" {
		r.ignore("services[%s].deploymentController: %s deployments are not modelled; modelled as rolling (ECS)",
			v.ServiceName, dc.Type)
	}
}

// containerInstances reads the container instances outside the groups of
// the cluster's providers (those with a capacityProviderName, or whose EC2
// instance is in such a group, are the groups' own).
func (r *awsRead) containerInstances(c *Cluster, d awsDecoded, inGroups map[string]bool) {
	for _, o := range d.instances {
		v := o.v
		if v.CapacityProviderName != "" || inGroups[v.Ec2InstanceID] {
			continue
		}
		switch v.Status {
		case "INACTIVE", "DEREGISTERING", "REGISTRATION_FAILED":
			r.ignore("%s: container instance %s is %s, not modelled", o.from(), v.Ec2InstanceID, v.Status)
			continue
		}
		in := ContainerInstance{From: o.from()}
		for _, a := range v.Attributes {
			switch {
			case a.Value == nil:
			case a.Name == "ecs.instance-type":
				in.InstanceType = *a.Value
			case a.Name == "ecs.availability-zone":
				in.AvailabilityZone = *a.Value
			case !strings.HasPrefix(a.Name, "ecs.") && !strings.HasPrefix(a.Name, "com.amazonaws."):
				if in.Attributes == nil {
					in.Attributes = map[string]string{}
				}
				in.Attributes[a.Name] = *a.Value
			}
		}
		if in.InstanceType == "" {
			r.errs.Add(o.file, at(o.node, "attributes"), o.path+".attributes",
				"container instance %s has no ecs.instance-type attribute (describe it again with "+
					"aws ecs describe-container-instances)", instanceName(v))
			continue
		}
		c.Instances = append(c.Instances, in)
	}
}

// instanceName names a container instance: its EC2 instance, else its ARN.
func instanceName(v awsContainerInstance) string {
	if v.Ec2InstanceID != "" {
		return v.Ec2InstanceID
	}
	return fmt.Sprintf("%q", v.ContainerInstanceArn)
}
