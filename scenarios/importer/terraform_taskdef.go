package importer

// The Terraform front-end's task definitions (aws_ecs_task_definition),
// turned into the API's RegisterTaskDefinition shape.

import (
	"encoding/json"
	"strings"

	"gopkg.in/yaml.v3"
)

// tfMaxDepth bounds the nesting the task definition conversions follow.
const tfMaxDepth = 100

// taskDefinition reads an aws_ecs_task_definition: its revision from the
// state, else (a plan registers it on apply) the next after those of its
// family read so far, 1 for the first, noted in From. The body keeps what
// ecsim models: family, revision, requiresCompatibilities, networkMode,
// cpu, memory, runtimePlatform, placementConstraints, volumes and
// containerDefinitions.
func (rd *tfReader) taskDefinition(r *tfRes) {
	family := rd.str(r, "family")
	if family == "" {
		rd.errs.Add(rd.file, tfOr(r.values, r.node), r.attr("family"), "the task definition has no family")
		return
	}
	rev, note := rd.revision(r, family)
	if rev == 0 {
		return
	}
	body := mapping()
	add(body, "family", str(family), "")
	add(body, "revision", num(rev), "")
	if v := rd.strs(r, "requires_compatibilities"); len(v) > 0 {
		add(body, "requiresCompatibilities", flowStrings(v), "")
	}
	for _, kv := range [][2]string{{"network_mode", "networkMode"}, {"cpu", "cpu"}, {"memory", "memory"}} {
		if v := rd.str(r, kv[0]); v != "" {
			add(body, kv[1], str(v), "")
		}
	}
	if rp := tfCamel(r.at("runtime_platform", 0), 0); rp != nil {
		add(body, "runtimePlatform", rp, "")
	}
	if pcs := rd.constraints(r); len(pcs) > 0 {
		add(body, "placementConstraints", tfConstraintsNode(pcs), "")
	}
	if vols := rd.volumes(r); vols != nil {
		add(body, "volumes", vols, "")
	}
	if cds := rd.containers(r); cds != nil {
		add(body, "containerDefinitions", cds, "")
	}
	td := TaskDefinition{Family: family, Revision: rev, Body: body, From: rd.from(r) + note}
	rd.tdNames[r] = td.Name()
	rd.c.TaskDefinitions = append(rd.c.TaskDefinitions, td)
}

// revision is the task definition's revision: the state's, else (a plan
// registers it on apply) the next after those of the family read so far,
// with a note for From; 0 after an error.
func (rd *tfReader) revision(r *tfRes, family string) (int, string) {
	if rev, ok := rd.num(r, "revision"); ok && rev > 0 {
		return rev, ""
	}
	if !rd.plan {
		rd.errs.Add(rd.file, tfOr(r.at("revision"), r.node), r.attr("revision"), "the state gives no revision")
		return 0, ""
	}
	rev := 1
	for _, d := range rd.c.TaskDefinitions {
		if d.Family == family && d.Revision >= rev {
			rev = d.Revision + 1
		}
	}
	return rev, " (revision unknown in the plan: " + itoa(rev) + " assumed)"
}

// tfConstraintsNode writes placement constraints in the API's shape.
func tfConstraintsNode(pcs []PlacementConstraint) *yaml.Node {
	s := seq()
	for _, c := range pcs {
		m := flowMap("type", c.Type)
		if c.Expression != "" {
			add(m, "expression", str(c.Expression), "")
		}
		s.Content = append(s.Content, m)
	}
	return s
}

// volumes converts the volume blocks: host_path becomes host.sourcePath,
// configure_at_launch configuredAtLaunch, the rest camelCase; nil without
// any.
func (rd *tfReader) volumes(r *tfRes) *yaml.Node {
	n := rd.count(r, "volume")
	if n == 0 {
		return nil
	}
	s := seq()
	for i := range n {
		v := tfCamel(r.at("volume", i), 0)
		if v == nil {
			rd.errs.Add(rd.file, tfOr(r.at("volume", i), r.node), r.attr("volume", i), "must be a volume block with a name")
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			switch k := v.Content[j]; k.Value {
			case "hostPath":
				k.Value = "host"
				h := mapping()
				add(h, "sourcePath", v.Content[j+1], "")
				v.Content[j+1] = h
			case "configureAtLaunch":
				k.Value = "configuredAtLaunch"
			}
		}
		s.Content = append(s.Content, v)
	}
	return s
}

// containers parses container_definitions, a JSON string already in the
// API's shape, leaving out nulls and empty lists and objects (the state
// holds ECS's empty environment, mountPoints, volumesFrom…).
func (rd *tfReader) containers(r *tfRes) *yaml.Node {
	n, at := r.at("container_definitions"), r.attr("container_definitions")
	if n == nil {
		rd.errs.Add(rd.file, tfOr(r.values, r.node), at, "no container definitions (unknown until apply?): "+
			"ecsim needs them")
		return nil
	}
	text := strings.TrimSpace(n.Value)
	if n.Kind != yaml.ScalarNode || !strings.HasPrefix(text, "[") {
		rd.errs.Add(rd.file, n, at, "must be the JSON text of a list of container definitions")
		return nil
	}
	var doc yaml.Node
	if !json.Valid([]byte(text)) {
		rd.errs.Add(rd.file, n, at, "not valid JSON")
		return nil
	}
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		rd.errs.Add(rd.file, n, at, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		return nil
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode {
		rd.errs.Add(rd.file, n, at, "must be the JSON text of a list of container definitions")
		return nil
	}
	out := seq()
	for i, c := range doc.Content[0].Content {
		if c.Kind != yaml.MappingNode {
			rd.errs.Add(rd.file, n, at+"["+itoa(i)+"]", "must be a container definition object (got %s)", tfShow(c))
			continue
		}
		out.Content = append(out.Content, tfOr(tfPrune(c, 0), mapping()))
	}
	return out
}

// tfPrune copies a parsed JSON value in block style, leaving out nulls and
// empty lists and objects; nil when nothing is left.
func tfPrune(n *yaml.Node, depth int) *yaml.Node {
	if tfNull(n) || depth > tfMaxDepth {
		return nil
	}
	c := *n
	c.Style, c.Content = 0, nil
	if n.Kind == yaml.ScalarNode {
		return &c
	}
	for i := 0; i < len(n.Content); i++ {
		if n.Kind == yaml.MappingNode {
			if i+1 >= len(n.Content) {
				break
			}
			k, v := tfPrune(n.Content[i], depth+1), tfPrune(n.Content[i+1], depth+1)
			if k != nil && v != nil {
				c.Content = append(c.Content, k, v)
			}
			i++
			continue
		}
		if v := tfPrune(n.Content[i], depth+1); v != nil {
			c.Content = append(c.Content, v)
		}
	}
	if len(c.Content) == 0 {
		return nil
	}
	return &c
}

// tfCamel converts a Terraform block (snake_case attributes, nested blocks
// as lists of one object) into the API's camelCase object, leaving out
// what is unset (null, "", 0, false, empty); nil when nothing is left.
// Map attributes (driver_opts, labels) keep their keys.
func tfCamel(n *yaml.Node, depth int) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode || depth > tfMaxDepth {
		return nil
	}
	out := mapping()
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		var val *yaml.Node
		switch {
		case v.Kind == yaml.SequenceNode && len(v.Content) == 1 && v.Content[0].Kind == yaml.MappingNode:
			val = tfCamel(v.Content[0], depth+1)
		case v.Kind == yaml.ScalarNode && (v.Value == "" || v.Value == "0" || v.Value == "false"):
		default:
			val = tfPrune(v, depth+1)
		}
		if val != nil {
			add(out, tfCamelKey(n.Content[i].Value), val, "")
		}
	}
	if len(out.Content) == 0 {
		return nil
	}
	return out
}

// tfCamelKey turns snake_case into camelCase: file_system_id is
// fileSystemId.
func tfCamelKey(k string) string {
	parts := strings.Split(k, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}
