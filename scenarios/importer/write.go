package importer

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/schema"
	"gopkg.in/yaml.v3"
)

// Assumed defaults for what no source describes (README "Simulate your own
// cluster"): the run's length and seed, and the load of task definitions
// no service runs.
const (
	AssumedDuration     = "24h"
	AssumedRatePerMin   = 1
	AssumedTaskDuration = "10m"
)

// Write turns c into scenario YAML: every value read from the source, with
// a comment saying where; what no source holds (the run's length, the
// load of task definitions that no service runs) comes with a working
// default marked ASSUMED.
//
// Services and task definitions are written in name order (family, then
// revision): the sources keep different orders (Terraform sorts by
// address), and the same cluster must give the same scenario from each.
func Write(read *Cluster) ([]byte, error) {
	copied := *read // the caller's model keeps its order
	c := &copied
	c.Services = slices.Clone(c.Services)
	slices.SortStableFunc(c.Services, func(a, b Service) int { return strings.Compare(a.Name, b.Name) })
	c.TaskDefinitions = slices.Clone(c.TaskDefinitions)
	slices.SortStableFunc(c.TaskDefinitions, func(a, b TaskDefinition) int {
		return cmp.Or(strings.Compare(a.Family, b.Family), cmp.Compare(a.Revision, b.Revision))
	})
	doc := mapping()
	doc.HeadComment = fmt.Sprintf("yaml-language-server: $schema=%s\n"+
		"Imported by ecsim import from %s.\n"+
		"Values come from the source unless a comment says ASSUMED: the run's length, its seed and the load\n"+
		"of task definitions no service runs are ecsim's defaults; replace them with your own.", schema.ID, c.Source)
	if len(c.Ignored) > 0 {
		doc.HeadComment += "\nRead but not modelled:\n  - " + strings.Join(c.Ignored, "\n  - ")
	}
	name := c.Name
	if name == "" {
		name = "imported"
	}
	add(doc, "name", str(name), "")
	add(doc, "description", str(fmt.Sprintf("Cluster %s as read from %s.", name, c.Source)), "")
	add(doc, "seed", num(1), "ASSUMED: any seed; change it for another draw of the random numbers")
	add(doc, "duration", str(AssumedDuration), "ASSUMED: how long to simulate")
	add(doc, "cluster", clusterNode(c), "")
	if len(c.TaskDefinitions) > 0 {
		defs := seq()
		for _, d := range c.TaskDefinitions {
			n := taskDefinitionNode(d)
			n.HeadComment = from(d.From)
			defs.Content = append(defs.Content, n)
		}
		add(doc, "taskDefinitions", defs, "")
	}
	if len(c.Services) > 0 {
		svcs := seq()
		for _, s := range c.Services {
			svcs.Content = append(svcs.Content, serviceNode(s))
		}
		add(doc, "services", svcs, "")
	}
	if wls := workloadsNode(c); wls != nil {
		add(doc, "workloads", wls, "")
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// clusterNode writes the cluster: its zones (those of its groups and
// instances), capacity providers, default strategy and the instances
// outside any group.
func clusterNode(c *Cluster) *yaml.Node {
	n := mapping()
	if zones := clusterZones(c); len(zones) > 0 {
		add(n, "availabilityZones", flowStrings(zones), "")
	}
	if len(c.CapacityProviders) > 0 {
		cps := seq()
		for _, cp := range c.CapacityProviders {
			cps.Content = append(cps.Content, providerNode(cp))
		}
		add(n, "capacityProviders", cps, "")
	}
	if len(c.DefaultStrategy) > 0 {
		add(n, "defaultCapacityProviderStrategy", strategyNode(c.DefaultStrategy), "")
	}
	if len(c.Instances) > 0 {
		add(n, "containerInstances", instancesNode(c.Instances), "")
	}
	return n
}

// clusterZones is the sorted union of the groups' and instances' zones.
func clusterZones(c *Cluster) []string {
	set := map[string]bool{}
	for _, cp := range c.CapacityProviders {
		if cp.ASG != nil {
			for _, z := range cp.ASG.AvailabilityZones {
				set[z] = true
			}
		}
	}
	for _, in := range c.Instances {
		if in.AvailabilityZone != "" {
			set[in.AvailabilityZone] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// providerNode writes a capacity provider and its group.
func providerNode(cp CapacityProvider) *yaml.Node {
	n := mapping()
	n.HeadComment = from(cp.From)
	add(n, "name", str(cp.Name), "")
	if g := cp.ASG; g != nil {
		a := mapping()
		a.Style = yaml.FlowStyle
		add(a, "instanceTypes", flowStrings(g.InstanceTypes), "")
		if len(g.AvailabilityZones) > 0 {
			add(a, "availabilityZones", flowStrings(g.AvailabilityZones), "")
		}
		add(a, "minSize", num(g.MinSize), "")
		add(a, "maxSize", num(g.MaxSize), "")
		if g.DesiredCapacity != nil {
			add(a, "desiredCapacity", num(*g.DesiredCapacity), "")
		}
		if g.Spot {
			add(a, "spot", boolean(true), "")
		}
		if g.AllocationStrategy != "" {
			add(a, "allocationStrategy", str(g.AllocationStrategy), "")
		}
		add(n, "autoScalingGroup", a, strings.TrimSpace("group "+g.Name+" "+paren(g.From)))
	}
	if ms := cp.ManagedScaling; ms != nil {
		m := mapping()
		m.Style = yaml.FlowStyle
		add(m, "status", str("ENABLED"), "")
		optNum(m, "targetCapacity", ms.TargetCapacity)
		optNum(m, "minimumScalingStepSize", ms.MinimumScalingStepSize)
		optNum(m, "maximumScalingStepSize", ms.MaximumScalingStepSize)
		optNum(m, "instanceWarmupPeriod", ms.InstanceWarmupPeriod)
		add(n, "managedScaling", m, "")
	} else if cp.ASG != nil {
		add(n, "managedScaling", flowMap("status", "DISABLED"), "")
	}
	if cp.ManagedTerminationProtection != "" {
		add(n, "managedTerminationProtection", str(cp.ManagedTerminationProtection), "")
	}
	if cp.ManagedDraining != "" {
		add(n, "managedDraining", str(cp.ManagedDraining), "")
	}
	return n
}

// strategyNode writes a capacity provider strategy, one flow item each.
func strategyNode(items []StrategyItem) *yaml.Node {
	s := seq()
	for _, it := range items {
		m := flowMap("capacityProvider", it.CapacityProvider)
		if it.Base > 0 {
			add(m, "base", num(it.Base), "")
		}
		add(m, "weight", num(it.Weight), "")
		s.Content = append(s.Content, m)
	}
	return s
}

// instancesNode writes the instances outside any group, identical ones
// (type, zone, attributes) as one entry with a count, in first-seen order.
func instancesNode(ins []ContainerInstance) *yaml.Node {
	type group struct {
		in    ContainerInstance
		count int
		from  []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, in := range ins {
		key := in.InstanceType + "\x00" + in.AvailabilityZone + "\x00" + attrKey(in.Attributes)
		g := byKey[key]
		if g == nil {
			g = &group{in: in}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.count++
		g.from = append(g.from, in.From)
	}
	s := seq()
	for _, g := range groups {
		m := flowMap("instanceType", g.in.InstanceType)
		add(m, "count", num(g.count), "")
		if g.in.AvailabilityZone != "" {
			add(m, "availabilityZone", str(g.in.AvailabilityZone), "")
		}
		if len(g.in.Attributes) > 0 {
			a := mapping()
			a.Style = yaml.FlowStyle
			for _, k := range slices.Sorted(maps.Keys(g.in.Attributes)) {
				add(a, k, str(g.in.Attributes[k]), "")
			}
			add(m, "attributes", a, "")
		}
		m.HeadComment = from(strings.Join(slices.DeleteFunc(g.from, func(s string) bool { return s == "" }), ", "))
		s.Content = append(s.Content, m)
	}
	return s
}

// attrKey is a canonical text of attributes.
func attrKey(attrs map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		b.WriteString(k + "=" + attrs[k] + "\x00")
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// from is the comment saying where a part was read ("" when unknown).
func from(where string) string {
	if where == "" {
		return ""
	}
	return "from " + where
}

// paren is "(s)", or "" for an empty s.
func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
