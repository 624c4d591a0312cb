package importer

// The Terraform front-end's ECS resources: the cluster's capacity
// providers (aws_ecs_cluster_capacity_providers, aws_ecs_capacity_provider)
// and its services (aws_ecs_service).

import (
	"slices"
	"strconv"
	"strings"
)

// tfAssociation is the cluster's list of capacity providers and its
// default strategy, with where they were read.
type tfAssociation struct {
	res   *tfRes
	names []string
	items []StrategyItem
}

// capacityProviders reads the providers the cluster lists, in ecsim's
// order (see providerOrder), each with its group, and the default
// strategy; providers and groups of no use to the cluster are noted in
// Ignored.
func (rd *tfReader) capacityProviders(cl *tfRes, byType map[string][]*tfRes) {
	as := rd.association(cl, byType["aws_ecs_cluster_capacity_providers"])
	if as == nil {
		rd.ignoreUnused(byType, nil)
		return
	}
	byName := map[string]*tfRes{}
	for _, r := range byType["aws_ecs_capacity_provider"] {
		if name := rd.str(r, "name"); name != "" && byName[name] == nil {
			byName[name] = r
		}
	}
	used := map[*tfRes]bool{}
	for i, name := range tfProviderOrder(as.names) {
		rd.order[name] = i
		if name == "FARGATE" || name == "FARGATE_SPOT" {
			rd.c.CapacityProviders = append(rd.c.CapacityProviders, CapacityProvider{Name: name, From: rd.from(as.res)})
			continue
		}
		r := byName[name]
		if r == nil {
			rd.errs.Add(rd.file, tfOr(as.res.at("capacity_providers"), as.res.node), as.res.attr("capacity_providers"),
				"capacity provider %s is not in the Terraform JSON (no aws_ecs_capacity_provider named %s); "+
					"describe it with aws ecs describe-capacity-providers --capacity-providers %s", name, name, name)
			continue
		}
		used[r] = true
		if cp, g := rd.provider(r, byType["aws_autoscaling_group"]); cp != nil {
			used[g] = true
			rd.c.CapacityProviders = append(rd.c.CapacityProviders, *cp)
		}
	}
	rd.c.DefaultStrategy = rd.sortStrategy(as.items)
	rd.ignoreUnused(byType, used)
}

// tfProviderOrder is the order ecsim lists providers in: Terraform keeps
// capacity_providers as a set (sorted, the cluster's own order lost), so
// the Auto Scaling group providers in the set's order, then FARGATE and
// FARGATE_SPOT.
func tfProviderOrder(names []string) []string {
	var out, fargate []string
	for _, n := range names {
		switch {
		case slices.Contains(out, n) || slices.Contains(fargate, n):
		case n == "FARGATE" || n == "FARGATE_SPOT":
			fargate = append(fargate, n)
		default:
			out = append(out, n)
		}
	}
	slices.Sort(fargate)
	return append(out, fargate...)
}

// association finds the cluster's capacity providers: its
// aws_ecs_cluster_capacity_providers, or the aws_ecs_cluster's own
// capacity_providers (AWS provider 4 and older). Nil when it has none.
func (rd *tfReader) association(cl *tfRes, ccps []*tfRes) *tfAssociation {
	var mine []*tfRes
	for _, r := range ccps {
		if name := rd.str(r, "cluster_name"); name == "" || name == rd.c.Name || strings.HasSuffix(name, ":cluster/"+rd.c.Name) {
			mine = append(mine, r)
		} else {
			rd.c.Ignored = append(rd.c.Ignored, r.addr+": capacity providers of cluster "+name+", not "+rd.c.Name)
		}
	}
	if len(mine) > 1 {
		rd.errs.Add(rd.file, mine[1].node, mine[1].addr, "a second aws_ecs_cluster_capacity_providers for cluster %s "+
			"(%s is the first); ECS keeps one list per cluster", rd.c.Name, mine[0].addr)
		return nil
	}
	r := cl
	if len(mine) == 1 {
		r = mine[0]
	} else if rd.count(cl, "capacity_providers") == 0 {
		return nil
	}
	return &tfAssociation{res: r, names: rd.strs(r, "capacity_providers"),
		items: rd.strategy(r, "default_capacity_provider_strategy")}
}

// strategy reads a capacity provider strategy block list.
func (rd *tfReader) strategy(r *tfRes, attr string) []StrategyItem {
	var out []StrategyItem
	for i := range rd.count(r, attr) {
		it := StrategyItem{CapacityProvider: rd.str(r, attr, i, "capacity_provider")}
		it.Base, _ = rd.num(r, attr, i, "base")
		it.Weight, _ = rd.num(r, attr, i, "weight")
		if it.CapacityProvider == "" {
			rd.errs.Add(rd.file, tfOr(r.at(attr, i), r.node), r.attr(attr, i, "capacity_provider"), "names no capacity provider")
			continue
		}
		out = append(out, it)
	}
	return out
}

// sortStrategy orders a strategy as the cluster lists its providers
// (Terraform keeps strategies as sets, whose order is not the user's).
func (rd *tfReader) sortStrategy(items []StrategyItem) []StrategyItem {
	rank := func(it StrategyItem) int {
		if i, ok := rd.order[it.CapacityProvider]; ok {
			return i
		}
		return len(rd.order)
	}
	slices.SortStableFunc(items, func(a, b StrategyItem) int { return rank(a) - rank(b) })
	return items
}

// ignoreUnused notes the providers and groups the cluster does not use.
func (rd *tfReader) ignoreUnused(byType map[string][]*tfRes, used map[*tfRes]bool) {
	for _, r := range byType["aws_ecs_capacity_provider"] {
		if !used[r] {
			rd.c.Ignored = append(rd.c.Ignored, r.addr+": not a capacity provider of cluster "+rd.c.Name)
		}
	}
	for _, r := range byType["aws_autoscaling_group"] {
		if !used[r] {
			rd.c.Ignored = append(rd.c.Ignored, r.addr+": no capacity provider of cluster "+rd.c.Name+" uses this group")
		}
	}
}

// provider reads an Auto Scaling group capacity provider and finds its
// group; nil after an error.
func (rd *tfReader) provider(r *tfRes, groups []*tfRes) (*CapacityProvider, *tfRes) {
	if rd.count(r, "managed_instances_provider") > 0 {
		rd.errs.Add(rd.file, r.at("managed_instances_provider"), r.attr("managed_instances_provider"),
			"ECS Managed Instances capacity providers are not modelled; ecsim models Auto Scaling group providers")
		return nil, nil
	}
	p := []any{"auto_scaling_group_provider", 0}
	if r.at(p...) == nil {
		rd.errs.Add(rd.file, tfOr(r.values, r.node), r.attr(p...), "the capacity provider has no Auto Scaling group")
		return nil, nil
	}
	g := rd.groupOf(r, groups)
	if g == nil {
		return nil, nil
	}
	cp := &CapacityProvider{Name: rd.str(r, "name"), From: rd.from(r),
		ManagedTerminationProtection: rd.enabledSetting(r, tfAt(p, "managed_termination_protection")...),
		ManagedDraining:              rd.enabledSetting(r, tfAt(p, "managed_draining")...),
		ManagedScaling:               rd.managedScaling(r, tfAt(p, "managed_scaling", 0)),
		ASG:                          rd.group(g),
	}
	return cp, g
}

// groupOf finds the provider's aws_autoscaling_group by its ARN or the
// group name in it, or, in a plan where the ARN is unknown, by what the
// configuration refers to.
func (rd *tfReader) groupOf(r *tfRes, groups []*tfRes) *tfRes {
	path := []any{"auto_scaling_group_provider", 0, "auto_scaling_group_arn"}
	arn := rd.str(r, path...)
	if arn == "" {
		if g := rd.referredOne(r, "aws_autoscaling_group"); g != nil {
			return g
		}
		rd.errs.Add(rd.file, tfOr(r.at(path[:2]...), r.node), r.attr(path...), "no Auto Scaling group: the ARN is "+
			"unknown and the configuration refers to no one aws_autoscaling_group")
		return nil
	}
	_, name, _ := strings.Cut(arn, ":autoScalingGroupName/")
	for _, g := range groups {
		if a := rd.str(g, "arn"); a != "" && a == arn || name != "" && rd.str(g, "name") == name {
			return g
		}
	}
	if name == "" {
		name = "NAME"
	}
	rd.errs.Add(rd.file, r.at(path...), r.attr(path...), "no aws_autoscaling_group with ARN %s in the Terraform JSON; "+
		"describe it with aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names %s", arn, name)
	return nil
}

// managedScaling reads the managed_scaling block at p: nil without one or
// when DISABLED; one without a status is read as ENABLED (noted). A
// status but ENABLED or DISABLED, and a number outside the API's range (0
// included: the provider documents 1 to 100 and 1 to 10,000), is an error
// at the attribute.
func (rd *tfReader) managedScaling(r *tfRes, p []any) *ManagedScaling {
	if r.at(p...) == nil {
		return nil
	}
	switch rd.enabledSetting(r, tfAt(p, "status")...) {
	case "DISABLED":
		return nil
	case "":
		if r.at(tfAt(p, "status")...) == nil {
			rd.c.Ignored = append(rd.c.Ignored, noScalingStatus(r.attr(p[:len(p)-1]...)))
		}
	}
	out := &ManagedScaling{}
	for _, f := range []struct {
		key  string
		into **int
	}{
		{"target_capacity", &out.TargetCapacity}, {"minimum_scaling_step_size", &out.MinimumScalingStepSize},
		{"maximum_scaling_step_size", &out.MaximumScalingStepSize}, {"instance_warmup_period", &out.InstanceWarmupPeriod},
	} {
		path := tfAt(p, f.key)
		*f.into = rd.optNum(r, path...)
		if msg := scalingRangeProblem(f.key, *f.into); msg != "" {
			rd.errs.Add(rd.file, r.at(path...), r.attr(path...), "%s", msg)
		}
	}
	return out
}

// enabledSetting reads an ENABLED/DISABLED attribute ("" when absent: the
// state writes an unset one as ""); any other value is an error at it.
func (rd *tfReader) enabledSetting(r *tfRes, path ...any) string {
	s := rd.str(r, path...)
	if msg := enabledProblem(s); msg != "" {
		rd.errs.Add(rd.file, r.at(path...), r.attr(path...), "%s", msg)
		return ""
	}
	return s
}

// service reads an aws_ecs_service of the cluster; load balancers,
// network configuration and service registries are noted in Ignored.
func (rd *tfReader) service(r *tfRes, cl *tfRes) {
	if other := rd.otherCluster(r, cl); other != "" {
		rd.c.Ignored = append(rd.c.Ignored, r.addr+": a service of cluster "+other+", not "+rd.c.Name)
		return
	}
	s := Service{Name: rd.str(r, "name"), From: rd.from(r), SchedulingStrategy: rd.str(r, "scheduling_strategy"),
		LaunchType: rd.str(r, "launch_type"), TaskDefinition: rd.serviceTaskDefinition(r)}
	if s.Name == "" {
		rd.errs.Add(rd.file, tfOr(r.values, r.node), r.attr("name"), "the service has no name")
	}
	if s.LaunchType == "EXTERNAL" {
		rd.errs.Add(rd.file, r.at("launch_type"), r.attr("launch_type"), "launch type EXTERNAL (ECS Anywhere) is not modelled")
	}
	if s.SchedulingStrategy != "DAEMON" { // a daemon's count is its instances'
		s.DesiredCount, _ = rd.num(r, "desired_count")
	}
	s.CapacityProviderStrategy = rd.sortStrategy(rd.strategy(r, "capacity_provider_strategy"))
	for i := range rd.count(r, "ordered_placement_strategy") {
		s.PlacementStrategy = append(s.PlacementStrategy, PlacementStrategy{
			Type: rd.str(r, "ordered_placement_strategy", i, "type"), Field: rd.str(r, "ordered_placement_strategy", i, "field")})
	}
	s.PlacementConstraints = rd.constraints(r)
	rd.deployment(r, &s)
	for _, attr := range []string{"load_balancer", "network_configuration", "service_registries", "service_connect_configuration"} {
		if rd.count(r, attr) > 0 {
			rd.c.Ignored = append(rd.c.Ignored, r.attr(attr))
		}
	}
	rd.c.Services = append(rd.c.Services, s)
}

// otherCluster is the cluster r names when it is not the one read ("" when
// it is, or when the plan does not know it yet).
func (rd *tfReader) otherCluster(r *tfRes, cl *tfRes) string {
	v := rd.str(r, "cluster")
	if v == "" || v == rd.c.Name || v == rd.str(cl, "arn") || strings.HasSuffix(v, ":cluster/"+rd.c.Name) {
		return ""
	}
	return v
}

// constraints reads placement_constraints (of a service or a task
// definition).
func (rd *tfReader) constraints(r *tfRes) []PlacementConstraint {
	var out []PlacementConstraint
	for i := range rd.count(r, "placement_constraints") {
		out = append(out, PlacementConstraint{Type: rd.str(r, "placement_constraints", i, "type"),
			Expression: rd.str(r, "placement_constraints", i, "expression")})
	}
	return out
}

// deployment reads the deployment percentages and circuit breaker.
// Terraform always writes the percentages (its defaults are 100 and 200),
// so a pair that is the default (REPLICA: 100 and 200; DAEMON: 0 or 100,
// and 100 or 200, ECS's and Terraform's) is taken as not given; a breaker
// with enable and rollback false is the API's way to say none.
func (rd *tfReader) deployment(r *tfRes, s *Service) {
	lo := rd.optNum(r, "deployment_minimum_healthy_percent")
	hi := rd.optNum(r, "deployment_maximum_percent")
	is := func(p *int, vs ...int) bool { return p == nil || slices.Contains(vs, *p) }
	dflt := is(lo, 100) && is(hi, 200)
	if s.SchedulingStrategy == "DAEMON" {
		dflt = is(lo, 0, 100) && is(hi, 100, 200)
	}
	if !dflt {
		s.MinimumHealthyPercent, s.MaximumPercent = lo, hi
	}
	p := []any{"deployment_circuit_breaker", 0}
	enable, _ := rd.flag(r, tfAt(p, "enable")...)
	rollback, _ := rd.flag(r, tfAt(p, "rollback")...)
	if enable || rollback {
		s.CircuitBreaker = &CircuitBreaker{Enable: enable, Rollback: rollback}
	}
}

// serviceTaskDefinition is the "family:revision" a service runs: its
// task_definition (an ARN, family:revision or a family, then the latest
// revision read), or in a plan the aws_ecs_task_definition it refers to.
func (rd *tfReader) serviceTaskDefinition(r *tfRes) string {
	ref := rd.str(r, "task_definition")
	if ref == "" {
		if td := rd.referredOne(r, "aws_ecs_task_definition"); td != nil && rd.tdNames[td] != "" {
			return rd.tdNames[td]
		}
		rd.errs.Add(rd.file, tfOr(r.values, r.node), r.attr("task_definition"), "no task definition: the value is "+
			"unknown and the configuration refers to no one aws_ecs_task_definition")
		return ""
	}
	if strings.HasPrefix(ref, "arn:") {
		ref = ref[strings.LastIndex(ref, "/")+1:]
	}
	family, rev := tfCutRevision(ref)
	var found []TaskDefinition
	for _, d := range rd.c.TaskDefinitions {
		if d.Family == family {
			found = append(found, d)
		}
	}
	at := r.at("task_definition")
	switch {
	case len(found) == 0:
		rd.errs.Add(rd.file, at, r.attr("task_definition"), "no aws_ecs_task_definition with family %s", family)
		return ""
	case rev == 0:
		return tfLatest(found).Name()
	}
	for _, d := range found {
		if d.Revision == rev {
			return d.Name()
		}
	}
	rd.errs.Add(rd.file, at, r.attr("task_definition"), "%s:%d is not in the Terraform JSON (it has %s); describe it with "+
		"aws ecs describe-task-definition --task-definition %s:%d", family, rev, tfLatest(found).Name(), family, rev)
	return ""
}

// tfCutRevision splits "family:revision"; revision 0 when there is none.
func tfCutRevision(ref string) (string, int) {
	if i := strings.LastIndexByte(ref, ':'); i >= 0 {
		if v, err := strconv.Atoi(ref[i+1:]); err == nil && v > 0 {
			return ref[:i], v
		}
	}
	return ref, 0
}

// tfLatest is the highest revision of ds.
func tfLatest(ds []TaskDefinition) TaskDefinition {
	return slices.MaxFunc(ds, func(a, b TaskDefinition) int { return a.Revision - b.Revision })
}
