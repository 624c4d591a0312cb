package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Set is one override of a scenario field: PATH=VALUE as `ecsim run --set`
// and `variants:` write it. Path segments are YAML keys separated by dots;
// a list entry is addressed by its name (name, serviceName, family or
// capacityProvider) or its index: workloads.batch.arrivals.ratePerMinute,
// cluster.capacityProviders.general.managedScaling.targetCapacity,
// taskDefinitions.web.cpu, cluster.containerInstances.0.count. The value is
// YAML: 40, true, 5m, [{type: binpack, field: memory}].
type Set struct {
	Path  string
	Value string
	// Origin names where the override comes from in messages ("--set" or
	// "variants.spread").
	Origin string
}

// ParseSet parses "PATH=VALUE".
func ParseSet(s string) (Set, error) {
	path, value, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return Set{}, fmt.Errorf("--set %q: expected PATH=VALUE, e.g. workloads.batch.arrivals.ratePerMinute=40", s)
	}
	return Set{Path: path, Value: value, Origin: "--set"}, nil
}

// splitPath splits a --set path at its dots; a segment in double quotes
// may hold dots (a map key such as an instance type:
// prices.ec2."m5.large".onDemand), with \" and \\ inside.
func splitPath(path string) ([]string, error) {
	var segs []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case quoted && c == '\\' && i+1 < len(path):
			i++
			cur.WriteByte(path[i])
		case c == '"' && (quoted || cur.Len() == 0):
			quoted = !quoted
			if !quoted && i+1 < len(path) && path[i+1] != '.' {
				return nil, fmt.Errorf("a quoted key must be a whole segment (a closing quote is followed by %q)", path[i+1])
			}
		case c == '.' && !quoted:
			segs = append(segs, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in the path")
	}
	return append(segs, cur.String()), nil
}

// nameKeys are the keys that name list entries, in the order tried.
var nameKeys = []string{"name", "serviceName", "family", "capacityProvider"}

// applySet applies s to the document root, checking the path against the
// scenario format so that a typo is reported with the accepted keys.
func applySet(root *yaml.Node, s Set) error {
	newValue, err := s.value()
	if err != nil {
		return err
	}
	n := root
	if n.Kind == yaml.DocumentNode {
		n = n.Content[0]
	}
	t := reflect.TypeOf(File{})
	segs, err := splitPath(s.Path)
	if err != nil {
		return fmt.Errorf("%s %s: %v", s.Origin, s.Path, err)
	}
	for i := range segs {
		var problem string
		if n, t, problem = setStep(n, t, segs, i, newValue); problem != "" {
			return s.fail(segs[:i], problem)
		}
	}
	return nil
}

// value parses the override's value as YAML (nothing is null), without a
// position: messages about it name the file and the field only.
func (s Set) value() (*yaml.Node, error) {
	var val yaml.Node
	if err := yaml.Unmarshal([]byte(s.Value), &val); err != nil {
		return nil, fmt.Errorf("%s %s: the value is not valid YAML: %v", s.Origin, s.Path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	newValue := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	if len(val.Content) > 0 {
		newValue = val.Content[0]
	}
	unposition(newValue)
	return newValue, nil
}

// fail words a problem with the override's path found after the segments
// at.
func (s Set) fail(at []string, problem string) error {
	where := "the top level"
	if joined := strings.Join(at, "."); joined != "" {
		where = joined
	}
	return fmt.Errorf("%s %s: %s (at %s)", s.Origin, s.Path, problem, where)
}

// setStep follows segment i of a --set path from node n, of scenario type
// t, to the node and type it names, creating mapping keys as needed; at the
// last segment it puts value there. It returns what is wrong when the
// segment names nothing the format accepts.
func setStep(n *yaml.Node, t reflect.Type, segs []string, i int, value *yaml.Node) (*yaml.Node, reflect.Type, string) {
	seg, last := segs[i], i == len(segs)-1
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		field, names := fieldByTag(t, seg)
		if field == nil {
			return nil, nil, unknownKey(seg, names)
		}
		n, t = mappingChild(n, seg, last, value), field.Type
	case reflect.Map:
		n, t = mappingChild(n, seg, last, value), t.Elem()
	case reflect.Slice:
		item, names := listItem(n, seg)
		if item == nil {
			return nil, nil, fmt.Sprintf("no entry %q in the list%s", seg, accepted(names...))
		}
		if last {
			*item = *value
		}
		n, t = item, t.Elem()
	case reflect.Interface:
		n = mappingChild(n, seg, last, value)
	default:
		return nil, nil, fmt.Sprintf("%q is a single value and has no key %q", segs[i-1], seg)
	}
	if n == nil {
		return nil, nil, fmt.Sprintf("expected a mapping to hold %q", seg)
	}
	return n, t, ""
}

// unknownKey says that seg is not one of names, suggesting the closest.
func unknownKey(seg string, names []string) string {
	msg := fmt.Sprintf("unknown key %q%s", seg, accepted(names...))
	if sg := suggest(seg, names); sg != "" {
		msg += fmt.Sprintf("; did you mean %q?", sg)
	}
	return msg
}

// fieldByTag finds the field of struct type t whose yaml name is name, and
// returns the accepted names.
func fieldByTag(t reflect.Type, name string) (*reflect.StructField, []string) {
	var names []string
	var found *reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		names = append(names, tag)
		if tag == name {
			found = &f
		}
	}
	return found, names
}

// mappingChild returns the value of key in mapping n, creating it (as an
// empty mapping, or as value when last) if absent; when last, the value is
// replaced. It returns nil if n is not a mapping.
func mappingChild(n *yaml.Node, key string, last bool, value *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		*n = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			if last {
				n.Content[i+1] = value
			}
			return n.Content[i+1]
		}
	}
	child := value
	if !last {
		child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, child)
	return child
}

// listItem finds the entry of sequence n named seg (or at index seg) and
// returns the names available.
func listItem(n *yaml.Node, seg string) (*yaml.Node, []string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.SequenceNode {
		return nil, nil
	}
	var names []string
	for i, item := range n.Content {
		name := itemName(item)
		if name == "" {
			name = strconv.Itoa(i)
		}
		names = append(names, name)
		if name == seg || strconv.Itoa(i) == seg {
			return item, nil
		}
	}
	return nil, names
}

// itemName is the name of a list entry: the value of its first nameKeys
// key, or "".
func itemName(item *yaml.Node) string {
	for item.Kind == yaml.AliasNode {
		item = item.Alias
	}
	if item.Kind != yaml.MappingNode {
		return ""
	}
	for _, key := range nameKeys {
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value == key && item.Content[i+1].Kind == yaml.ScalarNode {
				return item.Content[i+1].Value
			}
		}
	}
	return ""
}

// unposition clears the positions of n and the nodes under it.
func unposition(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		unposition(c)
	}
}
