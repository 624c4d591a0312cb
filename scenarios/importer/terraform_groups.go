package importer

// The Terraform front-end's EC2 Auto Scaling groups
// (aws_autoscaling_group) with their launch templates
// (aws_launch_template) or launch configurations
// (aws_launch_configuration), and the zones of their subnets (aws_subnet).

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
)

// group reads an Auto Scaling group: its sizes, zones, instance types and
// whether it runs Spot.
func (rd *tfReader) group(g *tfRes) *AutoScalingGroup {
	a := &AutoScalingGroup{Name: rd.str(g, "name"), From: rd.from(g)}
	for _, key := range []string{"min_size", "max_size"} {
		v, ok := rd.numIn(g, 0, scenarios.MaxASGSize, fmt.Sprintf("ecsim's Auto Scaling groups hold 0 to %d instances",
			scenarios.MaxASGSize), key)
		if !ok && g.at(key) == nil {
			rd.errs.Add(rd.file, tfOr(get(g.values, key), tfOr(g.values, g.node)), g.attr(key), "the group needs a %s", key)
		}
		if key == "min_size" {
			a.MinSize = v
		} else {
			a.MaxSize = v
		}
	}
	if d, ok := rd.num(g, "desired_capacity"); ok {
		a.DesiredCapacity = &d
	}
	a.AvailabilityZones = rd.zones(g, a.Name)
	reported := len(rd.errs.errs)
	if rd.count(g, "mixed_instances_policy") > 0 {
		rd.distribution(g, a)
		rd.overrides(g, a)
		rd.templateTypes(g, a, []any{"mixed_instances_policy", 0, "launch_template", 0, "launch_template_specification", 0},
			"launch_template_id", "launch_template_name")
	} else {
		rd.templateTypes(g, a, []any{"launch_template", 0}, "id", "name")
	}
	if len(a.InstanceTypes) == 0 {
		rd.configurationType(g, a)
	}
	if len(a.InstanceTypes) == 0 && len(rd.errs.errs) == reported {
		rd.errs.Add(rd.file, tfOr(g.values, g.node), g.attr(), "no instance type: neither mixed_instances_policy "+
			"overrides nor a launch template or launch configuration in the Terraform JSON gives one")
	}
	return a
}

// distribution reads the mixed instances policy's instances_distribution
// (the API's defaults when left out: On-Demand base 0, 100 % On-Demand
// above it, prioritized On-Demand and lowest-price Spot allocation).
func (rd *tfReader) distribution(g *tfRes, a *AutoScalingGroup) {
	p := []any{"mixed_instances_policy", 0, "instances_distribution", 0}
	base, ok := rd.num(g, tfAt(p, "on_demand_base_capacity")...)
	if !ok {
		base = 0
	}
	above, ok := rd.num(g, tfAt(p, "on_demand_percentage_above_base_capacity")...)
	if !ok {
		above = 100
	}
	strategy := rd.str(g, tfAt(p, "on_demand_allocation_strategy")...)
	switch {
	case base == 0 && above == 0:
		a.Spot = true
		if strategy = rd.str(g, tfAt(p, "spot_allocation_strategy")...); strategy == "" {
			strategy = "lowest-price"
		}
	case above < 100:
		rd.c.Ignored = append(rd.c.Ignored, a.Name+": a mix of On-Demand and Spot, modelled as On-Demand")
	}
	if strategy == "lowest-price" {
		a.AllocationStrategy = "lowest-price"
	}
}

// overrides reads the mixed instances policy's instance types, in order.
func (rd *tfReader) overrides(g *tfRes, a *AutoScalingGroup) {
	p := []any{"mixed_instances_policy", 0, "launch_template", 0, "override"}
	for i := range rd.count(g, p...) {
		o := tfAt(p, i)
		if t := rd.str(g, tfAt(o, "instance_type")...); t != "" {
			a.InstanceTypes = append(a.InstanceTypes, t)
		} else if rd.count(g, tfAt(o, "instance_requirements")...) > 0 {
			rd.errs.Add(rd.file, g.at(tfAt(o, "instance_requirements")...), g.attr(tfAt(o, "instance_requirements")...),
				"instance types chosen by attributes are not modelled: list the instance types")
		}
		if w := rd.str(g, tfAt(o, "weighted_capacity")...); w != "" && w != "1" {
			rd.c.Ignored = append(rd.c.Ignored, g.attr(tfAt(o, "weighted_capacity")...))
		}
	}
}

// templateTypes reads the launch template the group uses (named at p by
// idKey or nameKey): its instance type when the group has no other, and
// whether it asks for the Spot market.
func (rd *tfReader) templateTypes(g *tfRes, a *AutoScalingGroup, p []any, idKey, nameKey string) {
	if g.at(p...) == nil {
		return
	}
	id, name := rd.str(g, tfAt(p, idKey)...), rd.str(g, tfAt(p, nameKey)...)
	lt := rd.launchTemplate(g, id, name)
	if lt == nil {
		if len(a.InstanceTypes) == 0 {
			rd.errs.Add(rd.file, g.at(p...), g.attr(p...), "the group's launch template %s is not in the Terraform JSON; "+
				"give its instance type with aws ec2 describe-launch-template-versions --launch-template-id %s --versions %s",
				tfFirst(id, name, "(unknown)"), tfFirst(id, "ID"), tfFirst(rd.str(g, tfAt(p, "version")...), "'$Default'"))
		}
		return
	}
	if strings.EqualFold(rd.str(lt, "instance_market_options", 0, "market_type"), "spot") {
		a.Spot = true
	}
	if len(a.InstanceTypes) > 0 {
		return
	}
	if t := rd.str(lt, "instance_type"); t != "" {
		a.InstanceTypes = []string{t}
	}
	version := rd.str(g, tfAt(p, "version")...)
	if n, err := strconv.Atoi(version); err == nil {
		if latest, ok := rd.num(lt, "latest_version"); ok && latest != n {
			rd.c.Ignored = append(rd.c.Ignored, a.Name+": launch template version "+version+
				" is not in the Terraform JSON; the instance type of its version "+strconv.Itoa(latest)+" was used")
		}
	}
}

// launchTemplate finds an aws_launch_template by id or name, or by what
// the group's configuration refers to.
func (rd *tfReader) launchTemplate(g *tfRes, id, name string) *tfRes {
	for _, r := range rd.all {
		if r.typ != "aws_launch_template" {
			continue
		}
		if id != "" && rd.str(r, "id") == id || name != "" && rd.str(r, "name") == name {
			return r
		}
	}
	return rd.referredOne(g, "aws_launch_template")
}

// configurationType reads the instance type of the group's launch
// configuration (by name, or what the configuration refers to); a spot
// price asks for Spot.
func (rd *tfReader) configurationType(g *tfRes, a *AutoScalingGroup) {
	name := rd.str(g, "launch_configuration")
	var lc *tfRes
	for _, r := range rd.all {
		if r.typ == "aws_launch_configuration" && name != "" && rd.str(r, "name") == name {
			lc = r
		}
	}
	if lc == nil {
		lc = rd.referredOne(g, "aws_launch_configuration")
	}
	if lc == nil {
		return
	}
	if t := rd.str(lc, "instance_type"); t != "" {
		a.InstanceTypes = []string{t}
	}
	if rd.str(lc, "spot_price") != "" {
		a.Spot = true
	}
}

// zones are the group's availability_zones, else the zones of its subnets
// when the JSON holds those aws_subnet resources; otherwise none, noted in
// Ignored.
func (rd *tfReader) zones(g *tfRes, name string) []string {
	if zs := rd.strs(g, "availability_zones"); len(zs) > 0 {
		return zs
	}
	subnets := rd.strs(g, "vpc_zone_identifier")
	var found []*tfRes
	for _, id := range subnets {
		for _, r := range rd.all {
			if r.typ == "aws_subnet" && rd.str(r, "id") == id {
				found = append(found, r)
			}
		}
	}
	if len(subnets) == 0 {
		found = rd.referred(g, "aws_subnet")
	}
	var zones []string
	for _, s := range found {
		if z := rd.str(s, "availability_zone"); z != "" && !slices.Contains(zones, z) {
			zones = append(zones, z)
		}
	}
	if len(zones) == 0 || len(subnets) > 0 && len(found) < len(subnets) {
		rd.c.Ignored = append(rd.c.Ignored, name+": the zones of its subnets are unknown ("+g.attr("vpc_zone_identifier")+
			"; aws ec2 describe-subnets --subnet-ids "+tfFirst(strings.Join(subnets, " "), "ID")+" names them)")
		return nil
	}
	slices.Sort(zones)
	return zones
}

// tfFirst is the first non-empty string of vs.
func tfFirst(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
