package importer

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The CloudFormation front-end: `ecsim import cloudformation TEMPLATE`
// reads a template, YAML or JSON, resolves its intrinsic functions as far
// as that can be done without AWS (cfn_resolve.go) and reads the ECS
// cluster, its capacity providers and their Auto Scaling groups, its
// services and the task definitions into the model.

// cfnTemplate is a template being read.
type cfnTemplate struct {
	file   string
	params map[string]string
	// region, account and stackName stand for the pseudo parameters.
	region, account, stackName string
	parameters                 map[string]*yaml.Node
	mappings                   *yaml.Node
	conditions                 map[string]*yaml.Node
	resources                  map[string]*cfnResource
	order                      []*cfnResource
	conditionValues            map[string]bool
	names                      map[string]string
	// stack is what is being resolved, to report reference cycles.
	stack        []string
	steps, depth int
	errs         Errors
	ignored      []string
	// used marks the resources read into the model; why says why a
	// resource of a type ecsim reads was left out.
	used map[string]bool
	why  map[string]string
	// absent marks the resources the stack does not create.
	absent map[string]bool
}

// cfnResource is one resource of the template.
type cfnResource struct {
	id, typ, condition string
	node, props        *yaml.Node
}

// path is the template path of a property of the resource.
func (r *cfnResource) path(keys ...string) string {
	p := "Resources." + r.id
	if len(keys) > 0 {
		p += ".Properties." + strings.Join(keys, ".")
	}
	return p
}

// ReadCloudFormation reads the CloudFormation template at path (YAML, with
// the short !Ref forms, or JSON) into a Cluster. params are --parameter
// values, which replace the parameters' defaults; "AWS::Region",
// "AWS::AccountId" and "AWS::StackName" set the pseudo parameters
// (us-east-1, 123456789012 and the file's name by default). A stack that
// creates a task definition family registers its revision 1, so every
// task definition read is revision 1. Problems are an Errors naming the
// file, the line and column, and the template path.
func ReadCloudFormation(path string, params map[string]string) (*Cluster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		var errs Errors
		errs.Add(path, nil, "", "cannot read the CloudFormation template: %v", err)
		return nil, errs.Err()
	}
	return readCloudFormation(path, data, params)
}

// readCloudFormation reads the template text data, named file.
func readCloudFormation(file string, data []byte, params map[string]string) (*Cluster, error) {
	t := newCFNTemplate(file, params)
	if !t.parse(data) {
		return nil, t.errs.Err()
	}
	c := t.cluster()
	if err := t.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// newCFNTemplate is an empty template named file, with the --parameter
// values params.
func newCFNTemplate(file string, params map[string]string) *cfnTemplate {
	return &cfnTemplate{file: file, params: params, region: "us-east-1", account: cfnAccountID,
		stackName:  strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)),
		parameters: map[string]*yaml.Node{}, conditions: map[string]*yaml.Node{},
		resources: map[string]*cfnResource{}, conditionValues: map[string]bool{}, names: map[string]string{},
		used: map[string]bool{}, why: map[string]string{}, absent: map[string]bool{}}
}

// cfnYAMLLine finds the line in a yaml.v3 error message.
var cfnYAMLLine = regexp.MustCompile(`line (\d+)`)

// parse reads the template's sections; false after a problem that stops
// everything.
func (t *cfnTemplate) parse(data []byte) bool {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	if err != nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		// JSON may indent with tabs, which YAML refuses; a space keeps
		// every line and column.
		doc = yaml.Node{}
		err = yaml.Unmarshal(bytes.ReplaceAll(data, []byte("\t"), []byte(" ")), &doc)
	}
	if err != nil {
		fe := &yaml.Node{}
		if m := cfnYAMLLine.FindStringSubmatch(err.Error()); m != nil {
			fe.Line, _ = strconv.Atoi(m[1])
		}
		t.errs.Add(t.file, fe, "", "not a CloudFormation template: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return false
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		t.errs.Add(t.file, nil, "", "not a CloudFormation template: a template is a mapping with a Resources section")
		return false
	}
	root := doc.Content[0]
	res := get(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		t.errs.Add(t.file, root, "Resources", "not a CloudFormation template: it has no Resources mapping")
		return false
	}
	t.sections(root)
	t.readResources(res)
	t.checkParams()
	return t.errs.Err() == nil
}

// sections reads Parameters, Mappings, Conditions and Transform.
func (t *cfnTemplate) sections(root *yaml.Node) {
	if v, ok := t.params["AWS::Region"]; ok {
		t.region = v
	}
	if v, ok := t.params["AWS::AccountId"]; ok {
		t.account = v
	}
	if v, ok := t.params["AWS::StackName"]; ok {
		t.stackName = v
	}
	cfnEachPair(get(root, "Parameters"), func(k string, v *yaml.Node) { t.parameters[k] = v })
	cfnEachPair(get(root, "Conditions"), func(k string, v *yaml.Node) { t.conditions[k] = v })
	t.mappings = get(root, "Mappings")
	if tr := get(root, "Transform"); tr != nil {
		var names []string
		if tr.Kind == yaml.ScalarNode {
			names = []string{tr.Value}
		}
		for _, n := range tr.Content {
			names = append(names, n.Value)
		}
		t.ignored = append(t.ignored, "Transform "+strings.Join(names, ", ")+" (not applied: the template is read as written)")
	}
}

// readResources reads each resource's type, condition and properties.
func (t *cfnTemplate) readResources(res *yaml.Node) {
	cfnEachPair(res, func(id string, n *yaml.Node) {
		r := &cfnResource{id: id, node: n}
		typ := get(n, "Type")
		if typ == nil || typ.Kind != yaml.ScalarNode || typ.Value == "" || typ.Tag == "!!null" {
			t.errs.Add(t.file, n, r.path()+".Type", "a resource needs a Type")
			return
		}
		if typ.Tag != "!!str" {
			t.errs.Add(t.file, typ, r.path()+".Type", "must be a resource type such as AWS::ECS::Cluster (got %s)", typ.Value)
			return
		}
		r.typ = typ.Value
		if c := get(n, "Condition"); c != nil {
			r.condition = c.Value
		}
		if p := get(n, "Properties"); p != nil && p.Kind == yaml.MappingNode {
			r.props = p
		} else if p != nil && p.Tag != "!!null" {
			t.errs.Add(t.file, p, r.path()+".Properties", "Properties must be a mapping")
		}
		t.resources[id] = r
		t.order = append(t.order, r)
	})
}

// checkParams refuses a --parameter the template does not declare, or
// whose value is not among the parameter's AllowedValues.
func (t *cfnTemplate) checkParams() {
	for _, k := range slices.Sorted(maps.Keys(t.params)) {
		decl, ok := t.parameters[k]
		if !ok && !slices.Contains([]string{"AWS::Region", "AWS::AccountId", "AWS::StackName"}, k) {
			t.errs.Add(t.file, nil, "Parameters", "--parameter %s: the template declares no parameter %s", k, k)
		}
		allowed := get(decl, "AllowedValues")
		if allowed == nil || allowed.Kind != yaml.SequenceNode {
			continue
		}
		var values []string
		for _, v := range allowed.Content {
			values = append(values, v.Value)
		}
		if !slices.Contains(values, t.params[k]) {
			t.errs.Add(t.file, allowed, "Parameters."+k+".AllowedValues", "--parameter %s=%s: the value must be one of %s",
				k, t.params[k], strings.Join(values, ", "))
		}
	}
}

// cfnEachPair calls f with each key and value of the mapping m (if it is one).
func cfnEachPair(m *yaml.Node, f func(string, *yaml.Node)) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i].Value, m.Content[i+1])
	}
}

// report records a problem with the value at path.
func (t *cfnTemplate) report(p *cfnProblem, path string) {
	t.errs.Add(t.file, p.node, path, "%s", p.msg)
}
