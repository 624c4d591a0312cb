package importer

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The EC2 side of a template: Auto Scaling groups, their launch templates
// and launch configurations.

// cfnMaxLooseInstances bounds the container instances made from a group
// without a capacity provider.
const cfnMaxLooseInstances = 10_000

// providerGroup reads the Auto Scaling group a provider names (by name or
// ARN); nil after a problem.
func (t *cfnTemplate) providerGroup(cp *cfnResource, ref string) *AutoScalingGroup {
	name := cfnLastPart(ref, "autoScalingGroupName/")
	r := t.byName("AWS::AutoScaling::AutoScalingGroup", name)
	if r == nil {
		t.errs.Add(t.file, get(get(cp.props, "AutoScalingGroupProvider"), "AutoScalingGroupArn"),
			cp.path("AutoScalingGroupProvider", "AutoScalingGroupArn"), "Auto Scaling group %s is not declared in "+
				"the template (aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names %s)", name, name)
		return nil
	}
	t.used[r.id] = true
	return t.readGroup(r, name)
}

// readGroup reads an Auto Scaling group: its sizes, zones and instance
// types, and whether it runs Spot; nil after a problem.
func (t *cfnTemplate) readGroup(r *cfnResource, name string) *AutoScalingGroup {
	g := &AutoScalingGroup{Name: name, From: r.path(), DesiredCapacity: t.integer(r, "DesiredCapacity"),
		AvailabilityZones: t.stringList(r, "AvailabilityZones")}
	for _, key := range []string{"MinSize", "MaxSize"} {
		reported := len(t.errs.errs)
		v := t.need(r, key)
		n := t.asInt(v, r.path(key))
		if n == nil {
			if len(t.errs.errs) == reported {
				t.errs.Add(t.file, tfOr(get(r.props, key), r.node), r.path(key), "the group needs a %s", key)
			}
			return nil
		}
		if msg := groupSizeProblem(*n); msg != "" {
			t.errs.Add(t.file, v, r.path(key), "%s", msg)
			return nil
		}
		if key == "MinSize" {
			g.MinSize = *n
		} else {
			g.MaxSize = *n
		}
	}
	if len(g.AvailabilityZones) == 0 && r.has("VPCZoneIdentifier") {
		t.ignored = append(t.ignored, name+": only subnets (VPCZoneIdentifier), zones unknown: the scenario's zones are used")
	}
	if !t.groupInstances(r, g) {
		return nil
	}
	t.ignoreOthers(r, "AutoScalingGroupName", "MinSize", "MaxSize", "DesiredCapacity", "AvailabilityZones",
		"VPCZoneIdentifier", "LaunchTemplate", "LaunchConfigurationName", "MixedInstancesPolicy")
	return g
}

// groupInstances reads the group's instance types (the mixed instances
// policy's overrides in order, else its launch template's or launch
// configuration's type) and Spot market; false after a problem.
func (t *cfnTemplate) groupInstances(r *cfnResource, g *AutoScalingGroup) bool {
	const mip = "MixedInstancesPolicy"
	if t.need(r, mip) != nil {
		for i, o := range t.items(r, mip, "LaunchTemplate", "Overrides") {
			path := r.path(mip, "LaunchTemplate", "Overrides") + "[" + strconv.Itoa(i) + "]"
			typ := t.asString(get(o, "InstanceType"), path+".InstanceType")
			if typ == "" {
				t.errs.Add(t.file, o, path, "ecsim needs each override's InstanceType (instance requirements are not modelled)")
				return false
			}
			g.InstanceTypes = append(g.InstanceTypes, typ)
		}
		typ, spot := t.launchTemplate(r, len(g.InstanceTypes) == 0, mip, "LaunchTemplate", "LaunchTemplateSpecification")
		t.distribution(r, g)
		g.Spot = g.Spot || spot
		return t.instanceType(r, g, typ)
	}
	if t.need(r, "LaunchTemplate") != nil {
		typ, spot := t.launchTemplate(r, true, "LaunchTemplate")
		g.Spot = spot
		return t.instanceType(r, g, typ)
	}
	if lc := t.str(r, "LaunchConfigurationName"); lc != "" {
		return t.instanceType(r, g, t.launchConfiguration(r, g, lc))
	}
	t.errs.Add(t.file, r.node, r.path(), "ecsim needs the group's instance type: a MixedInstancesPolicy, LaunchTemplate "+
		"or LaunchConfigurationName")
	return false
}

// instanceType completes the group's instance types with typ when it has
// none; false when there is none at all (already reported).
func (t *cfnTemplate) instanceType(r *cfnResource, g *AutoScalingGroup, typ string) bool {
	if len(g.InstanceTypes) == 0 && typ != "" {
		g.InstanceTypes = []string{typ}
	}
	return len(g.InstanceTypes) > 0
}

// distribution reads the InstancesDistribution: Spot when neither a base
// nor a share above it is On-Demand (a partial mix is modelled as
// On-Demand and noted); the allocation strategy that matters (On-Demand's,
// or Spot's for a Spot group) in ecsim's terms, with the API's defaults
// (prioritized, lowest-price).
func (t *cfnTemplate) distribution(r *cfnResource, g *AutoScalingGroup) {
	keys := []string{"MixedInstancesPolicy", "InstancesDistribution"}
	base, share := 0, 100
	if n := t.integer(r, append(keys, "OnDemandBaseCapacity")...); n != nil {
		base = *n
	}
	if n := t.integer(r, append(keys, "OnDemandPercentageAboveBaseCapacity")...); n != nil {
		share = *n
	}
	onDemand, spot := t.str(r, append(keys, "OnDemandAllocationStrategy")...), t.str(r, append(keys, "SpotAllocationStrategy")...)
	if onDemand == "" {
		onDemand = "prioritized"
	}
	if spot == "" {
		spot = "lowest-price"
	}
	strategy := onDemand
	switch {
	case base == 0 && share == 0:
		g.Spot, strategy = true, spot
	case share < 100:
		t.ignored = append(t.ignored, g.Name+": a mix of On-Demand and Spot, modelled as On-Demand")
	}
	if strategy == "lowest-price" {
		g.AllocationStrategy = "lowest-price"
	}
}

// launchTemplate reads the instance type and Spot market of the launch
// template at keys of the group (a LaunchTemplateSpecification). A stack's
// launch template has one version in the template, whatever the group's
// Version ($Default, $Latest or 1); one the template does not declare is
// a problem only when needed for the type.
func (t *cfnTemplate) launchTemplate(r *cfnResource, needed bool, keys ...string) (string, bool) {
	id, name := t.str(r, append(keys, "LaunchTemplateId")...), t.str(r, append(keys, "LaunchTemplateName")...)
	var lt *cfnResource
	for _, c := range t.ofType("AWS::EC2::LaunchTemplate") {
		cid, _ := t.attribute(c, "LaunchTemplateId", c.node)
		if cname, p := t.name(c); id != "" && id == cid || name != "" && p == nil && name == cname {
			lt = c
		}
	}
	if lt == nil {
		if needed {
			version := cfnOr(t.str(r, append(keys, "Version")...), "$Default")
			t.errs.Add(t.file, get(r.props, keys[0]), r.path(keys...), "launch template %s is not declared in the template; "+
				"ecsim needs its instance type (aws ec2 describe-launch-template-versions %s --versions '%s')",
				cfnOr(id, name), cfnOr(cfnFlag("--launch-template-id", id), cfnFlag("--launch-template-name", name)), version)
		}
		return "", false
	}
	t.used[lt.id] = true
	typ := t.str(lt, "LaunchTemplateData", "InstanceType")
	spot := strings.EqualFold(t.str(lt, "LaunchTemplateData", "InstanceMarketOptions", "MarketType"), "spot")
	if typ == "" && needed {
		t.errs.Add(t.file, lt.node, lt.path("LaunchTemplateData", "InstanceType"), "ecsim needs the instance type")
	}
	return typ, spot
}

// launchConfiguration reads the instance type of the named launch
// configuration (Spot when it sets a SpotPrice).
func (t *cfnTemplate) launchConfiguration(r *cfnResource, g *AutoScalingGroup, name string) string {
	lc := t.byName("AWS::AutoScaling::LaunchConfiguration", name)
	if lc == nil {
		t.errs.Add(t.file, get(r.props, "LaunchConfigurationName"), r.path("LaunchConfigurationName"), "launch "+
			"configuration %s is not declared in the template; ecsim needs its instance type (aws autoscaling "+
			"describe-launch-configurations --launch-configuration-names %s)", name, name)
		return ""
	}
	t.used[lc.id] = true
	g.Spot = t.str(lc, "SpotPrice") != ""
	typ := t.str(lc, "InstanceType")
	if typ == "" {
		t.errs.Add(t.file, lc.node, lc.path("InstanceType"), "ecsim needs the instance type")
	}
	return typ
}

// looseGroups reads the groups behind no capacity provider whose
// instances join the cluster (their user data names it): their initial
// instances become container instances, which do not scale.
func (t *cfnTemplate) looseGroups(clusterID, cluster string) []ContainerInstance {
	var out []ContainerInstance
	for _, r := range t.ofType("AWS::AutoScaling::AutoScalingGroup") {
		if t.used[r.id] || !t.joinsCluster(r, clusterID, cluster) {
			continue
		}
		name, p := t.name(r)
		if p != nil {
			t.report(p, r.path("AutoScalingGroupName"))
			continue
		}
		t.used[r.id] = true
		g := t.readGroup(r, name)
		if g == nil {
			continue
		}
		n := g.MinSize
		if g.DesiredCapacity != nil {
			n = *g.DesiredCapacity
		}
		if n < 0 || n > cfnMaxLooseInstances {
			t.errs.Add(t.file, r.node, r.path("DesiredCapacity"), "%d instances: ecsim reads at most %d", n, cfnMaxLooseInstances)
			continue
		}
		for i := range n {
			in := ContainerInstance{InstanceType: g.InstanceTypes[0]}
			if zones := g.AvailabilityZones; len(zones) > 0 {
				in.AvailabilityZone = zones[i%len(zones)]
			}
			if i < max(1, len(g.AvailabilityZones)) {
				in.From = r.path() + " (group " + name + ")"
			}
			out = append(out, in)
		}
		t.ignored = append(t.ignored, fmt.Sprintf("%s: behind no capacity provider; its %d instances are modelled as "+
			"container instances, without its scaling", name, n))
	}
	return out
}

// joinsCluster reports whether a launch template or configuration the
// group mentions names the cluster (by its logical ID or ECS_CLUSTER=name)
// in its user data or its metadata (cfn-init's commands).
func (t *cfnTemplate) joinsCluster(g *cfnResource, clusterID, cluster string) bool {
	found := false
	cfnWalk(g.props, func(n *yaml.Node) {
		id, _, _ := strings.Cut(n.Value, ".")
		r := t.resources[id]
		if found || r == nil {
			return
		}
		if r.typ != "AWS::EC2::LaunchTemplate" && r.typ != "AWS::AutoScaling::LaunchConfiguration" {
			return
		}
		cfnWalk(r.node, func(s *yaml.Node) {
			found = found || s.Value == clusterID || strings.Contains(s.Value, "${"+clusterID+"}") ||
				strings.Contains(s.Value, "ECS_CLUSTER="+cluster)
		})
	})
	return found
}

// cfnWalk calls f with every scalar below n (aliases not followed).
func cfnWalk(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode {
		f(n)
	}
	for _, c := range n.Content {
		cfnWalk(c, f)
	}
}

// cfnOr is a, or b when a is empty.
func cfnOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// cfnFlag is "flag value", or "" without a value.
func cfnFlag(flag, value string) string {
	if value == "" {
		return ""
	}
	return flag + " " + value
}
