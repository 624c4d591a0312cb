package importer

import (
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// serviceNode writes a service in the CreateService shape.
func serviceNode(s Service) *yaml.Node {
	n := mapping()
	n.HeadComment = from(s.From)
	add(n, "serviceName", str(s.Name), "")
	add(n, "taskDefinition", str(s.TaskDefinition), "")
	if s.SchedulingStrategy == "DAEMON" {
		add(n, "schedulingStrategy", str("DAEMON"), "")
	} else {
		add(n, "desiredCount", num(s.DesiredCount), "")
	}
	if s.LaunchType != "" {
		add(n, "launchType", str(s.LaunchType), "")
	}
	if len(s.CapacityProviderStrategy) > 0 {
		add(n, "capacityProviderStrategy", strategyNode(s.CapacityProviderStrategy), "")
	}
	if len(s.PlacementStrategy) > 0 {
		ps := seq()
		for _, p := range s.PlacementStrategy {
			m := flowMap("type", p.Type)
			if p.Field != "" {
				add(m, "field", str(p.Field), "")
			}
			ps.Content = append(ps.Content, m)
		}
		add(n, "placementStrategy", ps, "")
	}
	if len(s.PlacementConstraints) > 0 {
		pc := seq()
		for _, c := range s.PlacementConstraints {
			m := flowMap("type", c.Type)
			if c.Expression != "" {
				add(m, "expression", str(c.Expression), "")
			}
			pc.Content = append(pc.Content, m)
		}
		add(n, "placementConstraints", pc, "")
	}
	if dc := deploymentNode(s); dc != nil {
		add(n, "deploymentConfiguration", dc, "")
	}
	return n
}

// deploymentNode writes DeploymentConfiguration, nil when nothing was given.
func deploymentNode(s Service) *yaml.Node {
	if s.MinimumHealthyPercent == nil && s.MaximumPercent == nil && s.CircuitBreaker == nil {
		return nil
	}
	m := mapping()
	m.Style = yaml.FlowStyle
	optNum(m, "minimumHealthyPercent", s.MinimumHealthyPercent)
	optNum(m, "maximumPercent", s.MaximumPercent)
	if cb := s.CircuitBreaker; cb != nil {
		c := mapping()
		add(c, "enable", boolean(cb.Enable), "")
		add(c, "rollback", boolean(cb.Rollback), "")
		add(m, "deploymentCircuitBreaker", c, "")
	}
	return m
}

// taskDefinitionNode is a copy of the registered body, with its family and
// revision.
func taskDefinitionNode(d TaskDefinition) *yaml.Node {
	n := mapping()
	if d.Body != nil && d.Body.Kind == yaml.MappingNode {
		n = clone(d.Body)
	}
	if get(n, "family") == nil {
		n.Content = append([]*yaml.Node{str("family"), str(d.Family)}, n.Content...)
	}
	if get(n, "revision") == nil && d.Revision > 0 {
		i := slices.IndexFunc(n.Content, func(k *yaml.Node) bool { return k.Value == "family" }) + 2
		n.Content = slices.Insert(n.Content, i, str("revision"), num(d.Revision))
	}
	blockStyle(n)
	return n
}

// blockStyle writes mappings and sequences as blocks, one key a line, as a
// person would (a body read from JSON is all flow style); a sequence of
// scalars stays on one line.
func blockStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		n.Style &^= yaml.FlowStyle
	case yaml.SequenceNode:
		if !slices.ContainsFunc(n.Content, func(c *yaml.Node) bool { return c.Kind != yaml.ScalarNode }) {
			n.Style |= yaml.FlowStyle
			return
		}
		n.Style &^= yaml.FlowStyle
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// workloadsNode writes a workload for each task definition family that no
// service runs (its latest revision read), with an ASSUMED load; nil when
// every family has a service.
func workloadsNode(c *Cluster) *yaml.Node {
	used := map[string]bool{}
	for _, s := range c.Services {
		fam, _, _ := cutRevision(s.TaskDefinition)
		used[fam] = true
	}
	latest := map[string]TaskDefinition{}
	var order []string
	for _, d := range c.TaskDefinitions {
		if used[d.Family] {
			continue
		}
		if _, ok := latest[d.Family]; !ok {
			order = append(order, d.Family)
		}
		if d.Revision >= latest[d.Family].Revision {
			latest[d.Family] = d
		}
	}
	if len(order) == 0 {
		return nil
	}
	s := seq()
	for _, fam := range order {
		d := latest[fam]
		m := mapping()
		m.HeadComment = "ASSUMED: no service runs " + fam + "; these are tasks started with RunTask at a made-up rate"
		add(m, "name", str(fam), "")
		add(m, "taskDefinition", str(d.Name()), "")
		if !compatible(d, "EC2") && compatible(d, "FARGATE") {
			add(m, "launchType", str("FARGATE"), "")
		}
		arr := flowMap("process", "poisson")
		add(arr, "ratePerMinute", num(AssumedRatePerMin), "")
		add(m, "arrivals", arr, "ASSUMED: supply the real arrival rate")
		dur := flowMap("distribution", "constant")
		add(dur, "value", str(AssumedTaskDuration), "")
		add(m, "duration", dur, "ASSUMED: supply how long the tasks run")
		s.Content = append(s.Content, m)
	}
	return s
}

// compatible reports whether the body's requiresCompatibilities lists lt
// (a body without the key is EC2-compatible, as ECS registers it).
func compatible(d TaskDefinition, lt string) bool {
	rc := get(d.Body, "requiresCompatibilities")
	if rc == nil {
		return lt == "EC2"
	}
	return slices.ContainsFunc(rc.Content, func(n *yaml.Node) bool { return n.Value == lt })
}

// cutRevision splits "family:revision".
func cutRevision(ref string) (family string, revision int, ok bool) {
	for i := len(ref) - 1; i >= 0; i-- {
		if ref[i] == ':' {
			n, err := strconv.Atoi(ref[i+1:])
			return ref[:i], n, err == nil
		}
	}
	return ref, 0, false
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func seq() *yaml.Node     { return &yaml.Node{Kind: yaml.SequenceNode} }
func str(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}
func num(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}
func boolean(v bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
}

// add appends key: value to the mapping m, with a line comment.
func add(m *yaml.Node, key string, value *yaml.Node, comment string) {
	k := str(key)
	switch {
	case comment == "":
	case value.Kind == yaml.ScalarNode || value.Style == yaml.FlowStyle:
		value.LineComment = comment
	default:
		k.LineComment = comment
	}
	m.Content = append(m.Content, k, value)
}

// optNum adds key: *v when v is set.
func optNum(m *yaml.Node, key string, v *int) {
	if v != nil {
		add(m, key, num(*v), "")
	}
}

// flowMap is a one-line mapping starting with key: value.
func flowMap(key, value string) *yaml.Node {
	m := mapping()
	m.Style = yaml.FlowStyle
	add(m, key, str(value), "")
	return m
}

// flowStrings is a one-line sequence of strings.
func flowStrings(vs []string) *yaml.Node {
	s := seq()
	s.Style = yaml.FlowStyle
	for _, v := range vs {
		s.Content = append(s.Content, str(v))
	}
	return s
}

// get returns the value of key in the mapping m, nil if absent.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// clone deep-copies a node.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = clone(k)
	}
	return &c
}
