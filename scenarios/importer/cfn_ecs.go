package importer

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// The ECS resources of a template: the cluster, its capacity providers
// (AWS::ECS::Cluster's own list and AWS::ECS::ClusterCapacityProviderAssociations)
// and its services.

// cluster reads the template's cluster and what belongs to it; nil after a
// problem that leaves nothing to read.
func (t *cfnTemplate) cluster() *Cluster {
	t.decideCreated()
	clusters := t.ofType("AWS::ECS::Cluster")
	if len(clusters) == 0 {
		t.errs.Add(t.file, nil, "Resources", "the template declares no AWS::ECS::Cluster: ecsim imports a cluster with its "+
			"capacity (a stack that only adds services to a cluster made elsewhere is imported with that cluster's "+
			"template, or with ecsim import aws)")
		return nil
	}
	cr := clusters[0]
	for _, other := range clusters[1:] {
		t.why[other.id] = fmt.Sprintf("AWS::ECS::Cluster %s (ecsim imports one cluster, the first: %s)", other.id, cr.id)
	}
	name, p := t.name(cr)
	if p != nil {
		t.report(p, cr.path("ClusterName"))
		return nil
	}
	t.used[cr.id] = true
	c := &Cluster{Name: name, Source: "CloudFormation template " + t.file}
	t.ignoreOthers(cr, "ClusterName", "CapacityProviders", "DefaultCapacityProviderStrategy")
	c.CapacityProviders, c.DefaultStrategy = t.clusterProviders(cr, name)
	c.TaskDefinitions = t.taskDefinitions()
	c.Services = t.services(name, c.TaskDefinitions)
	c.Instances = t.looseGroups(cr.id, name)
	c.Ignored = append(t.unused(name), t.ignored...)
	return c
}

// decideCreated leaves out the resources whose Condition is false; a
// condition that cannot be decided is a problem for the resources ecsim
// reads, and a note for the others.
func (t *cfnTemplate) decideCreated() {
	for _, r := range t.order {
		if r.condition == "" {
			continue
		}
		ok, p := t.namedCondition(r.condition, get(r.node, "Condition"))
		t.absent[r.id] = p != nil || !ok
		switch {
		case p != nil && cfnNameProperty(r.typ) != "":
			t.report(p, r.path()+".Condition")
			t.why[r.id] = r.typ + " " + r.id
		case p != nil:
			t.why[r.id] = fmt.Sprintf("%s %s (condition %s: %s)", r.typ, r.id, r.condition, p.msg)
		case !ok:
			t.why[r.id] = fmt.Sprintf("%s %s (not created: condition %s is false)", r.typ, r.id, r.condition)
		}
	}
}

// ofType is the resources of type typ the stack creates, in template
// order.
func (t *cfnTemplate) ofType(typ string) []*cfnResource {
	var out []*cfnResource
	for _, r := range t.order {
		if r.typ == typ && !t.absent[r.id] {
			out = append(out, r)
		}
	}
	return out
}

// byName is the created resource of type typ named name, nil if none.
func (t *cfnTemplate) byName(typ, name string) *cfnResource {
	for _, r := range t.ofType(typ) {
		if n, p := t.name(r); p == nil && n == name {
			return r
		}
	}
	return nil
}

// unused lists the resources not read into the model, once each, in
// template order.
func (t *cfnTemplate) unused(cluster string) []string {
	var out []string
	for _, r := range t.order {
		switch {
		case t.used[r.id]:
		case t.why[r.id] != "":
			out = append(out, t.why[r.id])
		case cfnNameProperty(r.typ) != "" || r.typ == "AWS::ECS::ClusterCapacityProviderAssociations":
			out = append(out, fmt.Sprintf("%s %s (not used by cluster %s)", r.typ, r.id, cluster))
		default:
			out = append(out, r.typ+" "+r.id)
		}
	}
	return out
}

// inCluster reports whether the resource's Cluster property (the default
// cluster when absent) names the cluster, by name or ARN.
func (t *cfnTemplate) inCluster(r *cfnResource, cluster string) bool {
	v := "default"
	if r.has("Cluster") {
		if v = t.str(r, "Cluster"); v == "" {
			return false
		}
	}
	if cfnLastPart(v, "cluster/") == cluster {
		return true
	}
	t.why[r.id] = fmt.Sprintf("%s %s (cluster %s, not %s)", r.typ, r.id, v, cluster)
	return false
}

// clusterProviders reads the cluster's capacity providers, in the order
// the cluster and then its associations list them, and its default
// strategy (an association's, when it has one).
func (t *cfnTemplate) clusterProviders(cr *cfnResource, cluster string) ([]CapacityProvider, []StrategyItem) {
	listed := t.need(cr, "CapacityProviders")
	var names []*yaml.Node
	paths := map[*yaml.Node]string{}
	add := func(r *cfnResource, list *yaml.Node) {
		if list != nil && list.Kind != yaml.SequenceNode {
			t.errs.Add(t.file, list, r.path("CapacityProviders"), "must be a list of capacity provider names")
			return
		}
		for i, n := range list.Content {
			names = append(names, n)
			paths[n] = r.path("CapacityProviders") + "[" + strconv.Itoa(i) + "]"
		}
	}
	if listed != nil {
		add(cr, listed)
	}
	strategy := t.strategy(cr, "DefaultCapacityProviderStrategy")
	for _, a := range t.ofType("AWS::ECS::ClusterCapacityProviderAssociations") {
		if !t.inCluster(a, cluster) {
			continue
		}
		t.used[a.id] = true
		if list := t.need(a, "CapacityProviders"); list != nil {
			add(a, list)
		}
		if s := t.strategy(a, "DefaultCapacityProviderStrategy"); len(s) > 0 {
			strategy = s
		}
	}
	var out []CapacityProvider
	seen := map[string]bool{}
	for _, n := range names {
		name := t.asString(n, paths[n])
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		if cp, ok := t.listedProvider(n, name, paths[n]); ok {
			out = append(out, cp)
		}
	}
	return out, strategy
}

// listedProvider reads the provider a cluster lists by name.
func (t *cfnTemplate) listedProvider(at *yaml.Node, name, path string) (CapacityProvider, bool) {
	if name == "FARGATE" || name == "FARGATE_SPOT" {
		return CapacityProvider{Name: name, From: path}, true
	}
	r := t.byName("AWS::ECS::CapacityProvider", name)
	if r == nil {
		t.errs.Add(t.file, at, path, "capacity provider %s is not declared in the template; ecsim needs its Auto "+
			"Scaling group (aws ecs describe-capacity-providers --capacity-providers %s)", name, name)
		return CapacityProvider{}, false
	}
	return t.capacityProvider(r, name)
}

// capacityProvider reads an Auto Scaling group capacity provider.
func (t *cfnTemplate) capacityProvider(r *cfnResource, name string) (CapacityProvider, bool) {
	t.used[r.id] = true
	cp := CapacityProvider{Name: name, From: r.path()}
	const asg = "AutoScalingGroupProvider"
	if !r.has(asg) {
		t.errs.Add(t.file, r.node, r.path(asg), "ecsim models Auto Scaling group capacity providers; this one has no "+
			"AutoScalingGroupProvider")
		return cp, false
	}
	t.ignoreOthers(r, "Name", asg)
	ref := t.str(r, asg, "AutoScalingGroupArn")
	if ref == "" {
		t.errs.Add(t.file, r.node, r.path(asg, "AutoScalingGroupArn"), "the provider needs its Auto Scaling group")
		return cp, false
	}
	cp.ASG = t.providerGroup(r, ref)
	cp.ManagedScaling = t.managedScaling(r)
	cp.ManagedTerminationProtection = t.enabledSetting(r, asg, "ManagedTerminationProtection")
	cp.ManagedDraining = t.enabledSetting(r, asg, "ManagedDraining")
	return cp, cp.ASG != nil
}

// managedScaling reads the provider's ManagedScaling: nil without one or
// when DISABLED. One without a Status is read as ENABLED (noted); any
// Status but ENABLED or DISABLED, and a number outside the API's range, is
// an error at its path.
func (t *cfnTemplate) managedScaling(r *cfnResource) *ManagedScaling {
	const asg, ms = "AutoScalingGroupProvider", "ManagedScaling"
	if t.need(r, asg, ms) == nil {
		return nil
	}
	switch status := t.enabledSetting(r, asg, ms, "Status"); status {
	case "DISABLED":
		return nil
	case "":
		if !r.has(asg, ms, "Status") {
			t.ignored = append(t.ignored, noScalingStatus(r.path(asg, ms)))
		}
	}
	out := &ManagedScaling{}
	for _, f := range []struct {
		key  string
		into **int
	}{
		{"TargetCapacity", &out.TargetCapacity}, {"MinimumScalingStepSize", &out.MinimumScalingStepSize},
		{"MaximumScalingStepSize", &out.MaximumScalingStepSize}, {"InstanceWarmupPeriod", &out.InstanceWarmupPeriod},
	} {
		v := t.need(r, asg, ms, f.key)
		*f.into = t.asInt(v, r.path(asg, ms, f.key))
		if msg := scalingRangeProblem(f.key, *f.into); msg != "" {
			t.errs.Add(t.file, v, r.path(asg, ms, f.key), "%s", msg)
		}
	}
	return out
}

// enabledSetting reads an ENABLED/DISABLED property ("" when absent); any
// other value is an error at its path.
func (t *cfnTemplate) enabledSetting(r *cfnResource, keys ...string) string {
	v := t.need(r, keys...)
	s := t.asString(v, r.path(keys...))
	if msg := enabledProblem(s); msg != "" {
		t.errs.Add(t.file, v, r.path(keys...), "%s", msg)
		return ""
	}
	return s
}

// services reads the cluster's services, in template order.
func (t *cfnTemplate) services(cluster string, defs []TaskDefinition) []Service {
	var out []Service
	for _, r := range t.ofType("AWS::ECS::Service") {
		if !t.inCluster(r, cluster) {
			continue
		}
		t.used[r.id] = true
		out = append(out, t.service(r, defs))
	}
	return out
}

// service reads a service; LoadBalancers, NetworkConfiguration,
// ServiceRegistries and the rest of what ecsim does not model are noted.
func (t *cfnTemplate) service(r *cfnResource, defs []TaskDefinition) Service {
	name, p := t.name(r)
	if p != nil {
		t.report(p, r.path("ServiceName"))
	}
	s := Service{Name: name, From: r.path(), TaskDefinition: t.serviceTaskDefinition(r, defs),
		SchedulingStrategy: t.str(r, "SchedulingStrategy"), LaunchType: t.str(r, "LaunchType"),
		CapacityProviderStrategy: t.strategy(r, "CapacityProviderStrategy"), DesiredCount: 1}
	if s.SchedulingStrategy != "DAEMON" {
		if n := t.integer(r, "DesiredCount"); n != nil {
			s.DesiredCount = *n
		}
	}
	for i, item := range t.items(r, "PlacementStrategies") {
		path := r.path("PlacementStrategies") + "[" + strconv.Itoa(i) + "]"
		s.PlacementStrategy = append(s.PlacementStrategy, PlacementStrategy{
			Type: t.asString(get(item, "Type"), path+".Type"), Field: t.asString(get(item, "Field"), path+".Field")})
	}
	for i, item := range t.items(r, "PlacementConstraints") {
		path := r.path("PlacementConstraints") + "[" + strconv.Itoa(i) + "]"
		s.PlacementConstraints = append(s.PlacementConstraints, PlacementConstraint{
			Type: t.asString(get(item, "Type"), path+".Type"), Expression: t.asString(get(item, "Expression"), path+".Expression")})
	}
	const dc = "DeploymentConfiguration"
	s.MinimumHealthyPercent = t.integer(r, dc, "MinimumHealthyPercent")
	s.MaximumPercent = t.integer(r, dc, "MaximumPercent")
	if cb := t.need(r, dc, "DeploymentCircuitBreaker"); cb != nil {
		path := r.path(dc, "DeploymentCircuitBreaker")
		s.CircuitBreaker = &CircuitBreaker{Enable: t.asBool(get(cb, "Enable"), path+".Enable"),
			Rollback: t.asBool(get(cb, "Rollback"), path+".Rollback")}
	}
	cfnEachPair(get(r.props, dc), func(k string, _ *yaml.Node) {
		if k != "MinimumHealthyPercent" && k != "MaximumPercent" && k != "DeploymentCircuitBreaker" {
			t.ignored = append(t.ignored, r.path(dc, k))
		}
	})
	t.ignoreOthers(r, "ServiceName", "Cluster", "TaskDefinition", "DesiredCount", "LaunchType", "SchedulingStrategy",
		"CapacityProviderStrategy", "PlacementStrategies", "PlacementConstraints", dc)
	return s
}

// serviceTaskDefinition is the service's task definition as family:1 (a
// Ref or ARN of the template's own task definition) or as written; one the
// template does not declare is a problem, since the scenario needs it.
func (t *cfnTemplate) serviceTaskDefinition(r *cfnResource, defs []TaskDefinition) string {
	n := t.need(r, "TaskDefinition")
	v := cfnLastPart(t.asString(n, r.path("TaskDefinition")), ":task-definition/")
	if n == nil || v == "" {
		if !r.has("TaskDefinition") {
			t.errs.Add(t.file, r.node, r.path("TaskDefinition"), "a service needs a TaskDefinition")
		}
		return ""
	}
	fam, rev, _ := cutRevision(v)
	for _, d := range defs {
		if d.Family == fam && (rev == 0 || rev == d.Revision) {
			return v
		}
	}
	t.errs.Add(t.file, n, r.path("TaskDefinition"), "task definition %s is not declared in the template; add it to the "+
		"scenario's taskDefinitions (aws ecs describe-task-definition --task-definition %s)", v, v)
	return v
}
