package importer

// The Terraform front-end: the JSON that `terraform show -json` prints for
// a state or a saved plan
// (https://developer.hashicorp.com/terraform/internals/json-format), with
// the AWS provider's resources. The JSON is parsed with yaml.v3 so that
// every value keeps its line and column for the errors.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// tfModelled reports whether the Terraform front-end reads resources of
// type typ; the others go to Cluster.Ignored.
func tfModelled(typ string) bool {
	switch typ {
	case "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_capacity_provider",
		"aws_autoscaling_group", "aws_launch_template", "aws_launch_configuration",
		"aws_ecs_task_definition", "aws_ecs_service":
		return true
	}
	return false
}

// tfMaxModuleDepth bounds how deeply child_modules nest (Terraform's own
// module trees are far shallower).
const tfMaxModuleDepth = 64

// ReadTerraform reads the JSON that `terraform show -json` prints for a
// state (values.root_module) or a saved plan (planned_values.root_module;
// where a planned value is unknown, the prior_state's, else what the
// plan's configuration refers to), child modules included. It needs
// exactly one aws_ecs_cluster; resources ecsim does not model go to
// Cluster.Ignored. Problems are an Errors naming the file, the position
// and the resource address with its attribute, e.g.
// "aws_ecs_service.web.values.task_definition".
func ReadTerraform(path string) (*Cluster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var errs Errors
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		errs.Add(path, nil, "", "cannot read the Terraform JSON: %v", err)
		return nil, errs.Err()
	}
	return readTerraform(path, data)
}

// tfReader reads one Terraform JSON document into a Cluster.
type tfReader struct {
	file string
	plan bool
	errs Errors
	// all are the managed resources, in the order of the JSON.
	all []*tfRes
	// refs is a plan's configuration: what each resource refers to.
	refs tfConfig
	c    *Cluster
	// tdNames are the task definitions read, by resource.
	tdNames map[*tfRes]string
	// order is each capacity provider's place in the cluster's list.
	order map[string]int
	// root is the root module read, where a missing cluster is reported.
	root *yaml.Node
}

// readTerraform reads data, the contents of file.
func readTerraform(file string, data []byte) (*Cluster, error) {
	rd := &tfReader{file: file, c: &Cluster{}, tdNames: map[*tfRes]string{}, order: map[string]int{}}
	top := rd.parse(data)
	if top == nil {
		return nil, rd.errs.Err()
	}
	root := rd.document(top)
	if err := rd.errs.Err(); err != nil {
		return nil, err
	}
	kind := "state"
	if rd.plan {
		kind = "plan"
	}
	rd.c.Source = "Terraform " + kind + " " + file
	rd.build(root)
	if err := rd.errs.Err(); err != nil {
		return nil, err
	}
	return rd.c, nil
}

// parse reads the JSON text; nil after an error.
func (rd *tfReader) parse(data []byte) *yaml.Node {
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(text, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		rd.errs.Add(rd.file, nil, "", "not the JSON of terraform show -json: it does not start with '{' "+
			"(write it with terraform show -json > FILE, for a state or a saved plan)")
		return nil
	}
	var raw json.RawMessage
	if err := json.Unmarshal(text, &raw); err != nil {
		rd.errs.Add(rd.file, tfSyntaxPos(text, err), "", "not valid JSON: %s", err)
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		rd.errs.Add(rd.file, tfErrorLine(err), "", "%s", tfErrorText(err))
		return nil
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		rd.errs.Add(rd.file, nil, "", "not the JSON of terraform show -json: not one JSON object")
		return nil
	}
	return doc.Content[0]
}

// tfErrorLine is a node at the line a yaml.v3 error names ("yaml: line
// 3: ..."), nil without one.
func tfErrorLine(err error) *yaml.Node {
	var line int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); e != nil || line <= 0 {
		return nil
	}
	return &yaml.Node{Line: line}
}

// tfErrorText is a yaml.v3 error's message without its "yaml: line N: "
// prefix.
func tfErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if _, after, ok := strings.Cut(rest, ": "); ok {
			return after
		}
	}
	return msg
}

// tfSyntaxPos is a node at the line and column of a JSON syntax error,
// nil for another error.
func tfSyntaxPos(text []byte, err error) *yaml.Node {
	var se *json.SyntaxError
	if !errors.As(err, &se) || se.Offset <= 0 || se.Offset > int64(len(text)) {
		return nil
	}
	before := text[:se.Offset-1]
	return &yaml.Node{Line: 1 + bytes.Count(before, []byte("\n")), Column: len(before) - bytes.LastIndexByte(before, '\n')}
}

// document checks the top-level object, reads its resources and returns
// the JSON path of the root module ("values.root_module" or
// "planned_values.root_module").
func (rd *tfReader) document(top *yaml.Node) string {
	fv := get(top, "format_version")
	switch {
	case fv == nil && get(top, "resources") != nil && get(top, "version") != nil:
		rd.errs.Add(rd.file, top, "", "a raw Terraform state file, not the JSON of terraform show -json: "+
			"run terraform show -json %s > state.json and import state.json", rd.file)
		return ""
	case fv == nil || fv.Kind != yaml.ScalarNode:
		rd.errs.Add(rd.file, top, "format_version", "not the JSON of terraform show -json: no format_version")
		return ""
	case !strings.HasPrefix(fv.Value, "0.") && !strings.HasPrefix(fv.Value, "1."):
		rd.errs.Add(rd.file, fv, "format_version", "format %q: this reader knows versions 0.x and 1.x", fv.Value)
		return ""
	}
	if pv := get(top, "planned_values"); pv != nil {
		rd.plan = true
		rd.root = get(pv, "root_module")
		rd.module(rd.root, pv, "planned_values.root_module", 0)
		rd.attachPrior(get(get(get(top, "prior_state"), "values"), "root_module"))
		rd.refs = tfConfigOf(get(get(top, "configuration"), "root_module"))
		return "planned_values.root_module"
	}
	v := get(top, "values")
	if v == nil {
		rd.errs.Add(rd.file, top, "values", "no resources: neither values (a state) nor planned_values (a plan); "+
			"an empty state has none")
		return ""
	}
	rd.root = get(v, "root_module")
	rd.module(rd.root, v, "values.root_module", 0)
	return "values.root_module"
}

// module reads the resources of module m (at path; parent is where to
// report a missing module) and of its child modules.
func (rd *tfReader) module(m, parent *yaml.Node, path string, depth int) {
	if m == nil || m.Kind != yaml.MappingNode {
		rd.errs.Add(rd.file, tfOr(m, parent), path, "must be a module object with resources")
		return
	}
	if depth > tfMaxModuleDepth {
		rd.errs.Add(rd.file, m, path, "modules nest more than %d deep", tfMaxModuleDepth)
		return
	}
	if rs := get(m, "resources"); rs != nil {
		if rs.Kind != yaml.SequenceNode {
			rd.errs.Add(rd.file, rs, path+".resources", "must be a list of resources")
		} else {
			for i, r := range rs.Content {
				rd.resource(r, fmt.Sprintf("%s.resources[%d]", path, i))
			}
		}
	}
	if cms := get(m, "child_modules"); cms != nil {
		if cms.Kind != yaml.SequenceNode {
			rd.errs.Add(rd.file, cms, path+".child_modules", "must be a list of modules")
			return
		}
		for i, cm := range cms.Content {
			rd.module(cm, cms, fmt.Sprintf("%s.child_modules[%d]", path, i), depth+1)
		}
	}
}

// resource reads one resource object; data sources are skipped (they
// read what exists and create nothing).
func (rd *tfReader) resource(n *yaml.Node, path string) {
	addr, typ := tfScalar(get(n, "address")), tfScalar(get(n, "type"))
	if n.Kind != yaml.MappingNode || addr == "" || typ == "" {
		rd.errs.Add(rd.file, n, path, "must be a resource object with an address and a type")
		return
	}
	if tfScalar(get(n, "mode")) == "data" || strings.HasPrefix(addr, "data.") {
		return
	}
	vals := get(n, "values")
	if vals != nil && vals.Kind != yaml.MappingNode && !tfNull(vals) {
		rd.errs.Add(rd.file, vals, addr+".values", "must be an object of attribute values")
		return
	}
	if tfNull(vals) {
		vals = nil
	}
	rd.all = append(rd.all, &tfRes{addr: addr, typ: typ, node: n, values: vals})
}

// attachPrior gives each planned resource the prior state's values of the
// same address, where a planned value is unknown.
func (rd *tfReader) attachPrior(root *yaml.Node) {
	prior := map[string]*yaml.Node{}
	tfPriorValues(root, prior, 0)
	for _, r := range rd.all {
		r.prior = prior[r.addr]
	}
}

// tfPriorValues indexes a prior state module's resource values by address.
func tfPriorValues(m *yaml.Node, into map[string]*yaml.Node, depth int) {
	if depth > tfMaxModuleDepth {
		return
	}
	for _, r := range tfItems(get(m, "resources")) {
		if v := get(r, "values"); v != nil && v.Kind == yaml.MappingNode {
			into[tfScalar(get(r, "address"))] = v
		}
	}
	for _, cm := range tfItems(get(m, "child_modules")) {
		tfPriorValues(cm, into, depth+1)
	}
}

// build reads the cluster from the resources: its one aws_ecs_cluster,
// the task definitions, the capacity providers with their groups, and the
// services; the other types go to Ignored.
func (rd *tfReader) build(root string) {
	byType := map[string][]*tfRes{}
	for _, r := range rd.all {
		byType[r.typ] = append(byType[r.typ], r)
		if !tfModelled(r.typ) {
			rd.c.Ignored = append(rd.c.Ignored, r.addr)
		}
	}
	cl := rd.cluster(byType["aws_ecs_cluster"], root)
	if cl == nil {
		return
	}
	for _, r := range byType["aws_ecs_task_definition"] {
		rd.taskDefinition(r)
	}
	rd.capacityProviders(cl, byType)
	for _, r := range byType["aws_ecs_service"] {
		rd.service(r, cl)
	}
}

// cluster checks that there is exactly one aws_ecs_cluster and reads its
// name.
func (rd *tfReader) cluster(cls []*tfRes, root string) *tfRes {
	switch len(cls) {
	case 0:
		rd.errs.Add(rd.file, rd.root, root, "no aws_ecs_cluster resource: ecsim imports the one ECS cluster a state "+
			"or plan creates (a cluster Terraform only reads: import it with ecsim import aws)")
		return nil
	case 1:
	default:
		for _, r := range cls[1:] {
			rd.errs.Add(rd.file, r.node, r.addr, "a second aws_ecs_cluster (%s is the first): ecsim imports one "+
				"cluster; import each from a state or plan of its own", cls[0].addr)
		}
		return nil
	}
	cl := cls[0]
	rd.c.Name = rd.str(cl, "name")
	if rd.c.Name == "" {
		rd.errs.Add(rd.file, tfOr(cl.values, cl.node), cl.attr("name"), "the cluster has no name")
	}
	return cl
}

// from says where r was read: the file and the resource address.
func (rd *tfReader) from(r *tfRes) string { return rd.file + ": " + r.addr }
