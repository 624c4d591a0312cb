package importer

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// awsDecoded is every object of the folder, decoded into its API type.
type awsDecoded struct {
	clusters  []awsObject[awsECSCluster]
	providers []awsObject[awsCapacityProvider]
	groups    []awsObject[awsGroup]
	versions  []awsObject[awsTemplateVersion]
	configs   []awsObject[awsLaunchConfiguration]
	services  []awsObject[awsService]
	taskDefs  []awsObject[awsTaskDefinition]
	instances []awsObject[awsContainerInstance]
}

// decode decodes every item, a second description of an object dropped.
func (r *awsRead) decode() awsDecoded {
	return awsDecoded{
		clusters: decodeAll(r, "clusters", func(v awsECSCluster) string { return cmp.Or(v.ClusterArn, v.ClusterName) }),
		providers: decodeAll(r, "capacityProviders", func(v awsCapacityProvider) string {
			return "capacity provider " + v.Name
		}),
		groups: decodeAll(r, "AutoScalingGroups", func(v awsGroup) string { return "group " + v.AutoScalingGroupName }),
		versions: decodeAll(r, "LaunchTemplateVersions", func(v awsTemplateVersion) string {
			return fmt.Sprintf("launch template %s version %d", cmp.Or(v.LaunchTemplateID, v.LaunchTemplateName), v.VersionNumber)
		}),
		configs: decodeAll(r, "LaunchConfigurations", func(v awsLaunchConfiguration) string {
			return "launch configuration " + v.LaunchConfigurationName
		}),
		services: decodeAll(r, "services", func(v awsService) string { return cmp.Or(v.ServiceArn, "service "+v.ServiceName) }),
		taskDefs: decodeAll(r, "taskDefinition", func(v awsTaskDefinition) string {
			return fmt.Sprintf("task definition %s:%d", v.Family, v.Revision)
		}),
		instances: decodeAll(r, "containerInstances", func(v awsContainerInstance) string { return v.ContainerInstanceArn }),
	}
}

// cluster builds the model from the decoded objects.
func (r *awsRead) cluster() (*Cluster, error) {
	d := r.decode()
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	cl, ok := r.theCluster(d)
	if !ok {
		return nil, r.errs.Err()
	}
	c := &Cluster{Name: cl.v.ClusterName, Source: "aws describe outputs in " + folderName(r.dir)}
	inGroups := r.capacityProviders(c, d, cl)
	for _, it := range cl.v.DefaultCapacityProviderStrategy {
		c.DefaultStrategy = append(c.DefaultStrategy, StrategyItem(it))
	}
	r.services(c, d)
	r.containerInstances(c, d, inGroups)
	c.Ignored = r.ignored
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// folderName is dir for the scenario's description: cleaned, and "." or
// ".." (which would end a sentence badly) replaced by the folder's name.
func folderName(dir string) string {
	dir = filepath.Clean(dir)
	if base := filepath.Base(dir); base == "." || base == ".." {
		if abs, err := filepath.Abs(dir); err == nil {
			return filepath.Base(abs)
		}
	}
	return dir
}

// theCluster is the one cluster described; without exactly one it records
// the problem.
func (r *awsRead) theCluster(d awsDecoded) (awsObject[awsECSCluster], bool) {
	switch {
	case len(d.clusters) == 1:
		return d.clusters[0], true
	case len(d.clusters) > 1:
		var names []string
		for _, c := range d.clusters {
			names = append(names, c.v.ClusterName)
		}
		second := d.clusters[1]
		r.errs.Add(second.file, second.node, second.path,
			"%d clusters described (%s): ecsim imports one; keep the output of one, e.g. %s",
			len(names), strings.Join(names, ", "), describeClustersCommand(names[0]))
	case len(r.files["clusters"]) > 0:
		file := r.files["clusters"][0]
		r.errs.Add(file, nil, "clusters", "no cluster described (does it exist in this account and Region?): run %s",
			describeClustersCommand(guessClusterName(d)))
	default:
		r.errs.Add(r.dir, nil, "", "no describe-clusters output in the folder: run %s",
			describeClustersCommand(guessClusterName(d)))
	}
	return awsObject[awsECSCluster]{}, false
}

// guessClusterName is the cluster a service's clusterArn or a container
// instance's ARN (…:container-instance/CLUSTER/ID) names, else CLUSTER.
func guessClusterName(d awsDecoded) string {
	for _, s := range d.services {
		if _, name, ok := strings.Cut(s.v.ClusterArn, ":cluster/"); ok && name != "" {
			return name
		}
	}
	for _, in := range d.instances {
		if _, rest, ok := strings.Cut(in.v.ContainerInstanceArn, ":container-instance/"); ok {
			if name, _, ok := strings.Cut(rest, "/"); ok && name != "" {
				return name
			}
		}
	}
	return "CLUSTER"
}

// capacityProviders reads the cluster's providers, in its order, and
// returns the EC2 instance IDs of their groups.
func (r *awsRead) capacityProviders(c *Cluster, d awsDecoded, cl awsObject[awsECSCluster]) map[string]bool {
	inGroups := map[string]bool{}
	usedGroups := map[string]bool{}
	for i, name := range cl.v.CapacityProviders {
		path := fmt.Sprintf("%s.capacityProviders[%d]", cl.path, i)
		if name == "FARGATE" || name == "FARGATE_SPOT" {
			c.CapacityProviders = append(c.CapacityProviders, CapacityProvider{Name: name, From: cl.name + ": " + path})
			continue
		}
		j := slices.IndexFunc(d.providers, func(p awsObject[awsCapacityProvider]) bool { return p.v.Name == name })
		if j < 0 {
			r.errs.Add(cl.file, at(cl.node, "capacityProviders", i), path,
				"capacity provider %s is not described: run %s", name, describeProvidersCommand(name))
			continue
		}
		cp, g := r.groupProvider(d, d.providers[j])
		if cp == nil {
			continue
		}
		c.CapacityProviders = append(c.CapacityProviders, *cp)
		usedGroups[g.AutoScalingGroupName] = true
		for _, in := range g.Instances {
			inGroups[in.InstanceID] = true
		}
	}
	for _, p := range d.providers {
		if !slices.Contains(cl.v.CapacityProviders, p.v.Name) {
			r.ignore("%s: capacity provider %s is not associated with cluster %s, not modelled",
				p.from(), p.v.Name, cl.v.ClusterName)
		}
	}
	for _, g := range d.groups {
		if !usedGroups[g.v.AutoScalingGroupName] {
			r.ignore("%s: Auto Scaling group %s backs no capacity provider of cluster %s, not modelled "+
				"(its container instances are read as instances outside any group)", g.from(), g.v.AutoScalingGroupName, cl.v.ClusterName)
		}
	}
	return inGroups
}

// autoScalingGroup reads a group with its launch template version (or
// launch configuration); nil when a piece is missing (recorded).
func (r *awsRead) autoScalingGroup(d awsDecoded, g awsObject[awsGroup]) *AutoScalingGroup {
	v := g.v
	a := &AutoScalingGroup{Name: v.AutoScalingGroupName, AvailabilityZones: v.AvailabilityZones,
		DesiredCapacity: v.DesiredCapacity, From: g.from()}
	minOK, maxOK := false, false
	a.MinSize, minOK = r.groupSize(g, "MinSize", v.MinSize)
	if a.MaxSize, maxOK = r.groupSize(g, "MaxSize", v.MaxSize); !minOK || !maxOK {
		return nil
	}
	if len(a.AvailabilityZones) == 0 && v.VPCZoneIdentifier != "" {
		r.ignore("%s: subnets %s without their zones; the group uses the cluster's zones", a.Name, v.VPCZoneIdentifier)
	}
	lt, ok := r.launchTemplate(d, g)
	if !ok {
		return nil
	}
	lc, ok := r.launchConfiguration(d, g)
	if !ok {
		return nil
	}
	var ltData *awsTemplateVersion
	if lt != nil {
		ltData = &lt.v
		a.From += ", " + lt.from()
	}
	a.InstanceTypes = r.instanceTypes(g, ltData, lc)
	if len(a.InstanceTypes) == 0 {
		r.errs.Add(g.file, g.node, g.path, "group %s names no instance type (in its mixed instances policy's "+
			"overrides, launch template or launch configuration)", a.Name)
		return nil
	}
	a.Spot, a.AllocationStrategy = r.market(v, ltData, lc)
	return a
}

// templateSpec is the launch template the group launches from and the
// keys that lead to it in the group; nil without one.
func (g awsGroup) templateSpec() (*awsTemplateSpec, []any) {
	if m := g.MixedInstancesPolicy; m != nil && m.LaunchTemplate.LaunchTemplateSpecification != nil {
		return m.LaunchTemplate.LaunchTemplateSpecification,
			[]any{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification"}
	}
	if g.LaunchTemplate != nil {
		return g.LaunchTemplate, []any{"LaunchTemplate"}
	}
	return nil, nil
}

// launchTemplate is the version of the launch template the group uses
// ($Default when it names none; $Latest is the highest version read); nil
// without a template. A version not read is recorded, and false.
func (r *awsRead) launchTemplate(d awsDecoded, g awsObject[awsGroup]) (*awsObject[awsTemplateVersion], bool) {
	spec, keys := g.v.templateSpec()
	if spec == nil || spec.LaunchTemplateID == "" && spec.LaunchTemplateName == "" {
		return nil, true
	}
	version := cmp.Or(spec.Version, "$Default")
	found := findTemplateVersion(d.versions, *spec, version)
	if found == nil {
		path := g.path
		for _, k := range keys {
			path += "." + k.(string)
		}
		r.errs.Add(g.file, at(g.node, keys...), path, "launch template %s version %s is not described: run %s",
			cmp.Or(spec.LaunchTemplateID, spec.LaunchTemplateName), version, describeTemplateCommand(*spec, version))
		return nil, false
	}
	return found, true
}

// findTemplateVersion is the version of spec's template read that version
// names ($Default, $Latest or a number); nil when none is.
func findTemplateVersion(versions []awsObject[awsTemplateVersion], spec awsTemplateSpec, version string) *awsObject[awsTemplateVersion] {
	var found *awsObject[awsTemplateVersion]
	for i := range versions {
		o := &versions[i]
		if spec.LaunchTemplateID != "" && o.v.LaunchTemplateID != spec.LaunchTemplateID ||
			spec.LaunchTemplateID == "" && o.v.LaunchTemplateName != spec.LaunchTemplateName {
			continue
		}
		switch version {
		case "$Default":
			if o.v.DefaultVersion {
				found = o
			}
		case "$Latest":
			if found == nil || o.v.VersionNumber > found.v.VersionNumber {
				found = o
			}
		default:
			if strconv.Itoa(o.v.VersionNumber) == version {
				found = o
			}
		}
	}
	return found
}

// launchConfiguration is the group's launch configuration, nil without
// one. One not read is recorded, and false.
func (r *awsRead) launchConfiguration(d awsDecoded, g awsObject[awsGroup]) (*awsLaunchConfiguration, bool) {
	name := g.v.LaunchConfigurationName
	if name == "" {
		return nil, true
	}
	j := slices.IndexFunc(d.configs, func(c awsObject[awsLaunchConfiguration]) bool {
		return c.v.LaunchConfigurationName == name
	})
	if j < 0 {
		r.errs.Add(g.file, at(g.node, "LaunchConfigurationName"), g.path+".LaunchConfigurationName",
			"launch configuration %s is not described: run %s", name, describeLaunchConfigurationCommand(name))
		return nil, false
	}
	return &d.configs[j].v, true
}

// instanceTypes are the mixed instances policy's override types in order,
// else the launch template's or launch configuration's type.
func (r *awsRead) instanceTypes(g awsObject[awsGroup], lt *awsTemplateVersion, lc *awsLaunchConfiguration) []string {
	var types []string
	if m := g.v.MixedInstancesPolicy; m != nil {
		for i, o := range m.LaunchTemplate.Overrides {
			switch {
			case o.InstanceType != "":
				if !slices.Contains(types, o.InstanceType) {
					types = append(types, o.InstanceType)
				}
			case o.InstanceRequirements != nil:
				r.ignore("%s.MixedInstancesPolicy.LaunchTemplate.Overrides[%d] (%s): attribute-based instance type "+
					"selection is not modelled", g.path, i, g.v.AutoScalingGroupName)
			}
			if o.WeightedCapacity != "" && o.WeightedCapacity != "1" {
				r.ignore("%s: the overrides' WeightedCapacity is not modelled (every instance counts 1)", g.v.AutoScalingGroupName)
			}
		}
	}
	if len(types) == 0 && lt != nil && lt.LaunchTemplateData.InstanceType != "" {
		types = append(types, lt.LaunchTemplateData.InstanceType)
	}
	if len(types) == 0 && lc != nil && lc.InstanceType != "" {
		types = append(types, lc.InstanceType)
	}
	return types
}

// market says whether the group runs Spot instances and its allocation
// strategy in ecsim's terms (lowest-price or "", prioritized). A partial
// mix of On-Demand and Spot is modelled as On-Demand and noted.
func (r *awsRead) market(g awsGroup, lt *awsTemplateVersion, lc *awsLaunchConfiguration) (spot bool, allocation string) {
	if m := g.MixedInstancesPolicy; m != nil {
		d := m.InstancesDistribution
		base, pct := 0, 100 // the API's defaults
		if d.OnDemandBaseCapacity != nil {
			base = *d.OnDemandBaseCapacity
		}
		if d.OnDemandPercentageAboveBaseCapacity != nil {
			pct = *d.OnDemandPercentageAboveBaseCapacity
		}
		if base == 0 && pct == 0 {
			return true, lowestPrice(d.SpotAllocationStrategy)
		}
		if pct < 100 {
			r.ignore("%s: a mix of On-Demand and Spot, modelled as On-Demand", g.AutoScalingGroupName)
		}
		return false, lowestPrice(d.OnDemandAllocationStrategy)
	}
	if lt != nil && lt.LaunchTemplateData.InstanceMarketOptions != nil &&
		strings.EqualFold(lt.LaunchTemplateData.InstanceMarketOptions.MarketType, "spot") {
		return true, ""
	}
	return lc != nil && lc.SpotPrice != "", ""
}

// lowestPrice keeps lowest-price; every other strategy is ecsim's
// default, prioritized ("").
func lowestPrice(strategy string) string {
	if strategy == "lowest-price" {
		return strategy
	}
	return ""
}
