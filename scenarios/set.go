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
	var val yaml.Node
	if err := yaml.Unmarshal([]byte(s.Value), &val); err != nil {
		return fmt.Errorf("%s %s: the value is not valid YAML: %v", s.Origin, s.Path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	newValue := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	if len(val.Content) > 0 {
		newValue = val.Content[0]
	}
	// The value has no position in the scenario file: messages about it
	// name the file and the field only.
	unposition(newValue)
	n := root
	if n.Kind == yaml.DocumentNode {
		n = n.Content[0]
	}
	t := reflect.TypeOf(File{})
	segs, err := splitPath(s.Path)
	if err != nil {
		return fmt.Errorf("%s %s: %v", s.Origin, s.Path, err)
	}
	for i, seg := range segs {
		at := strings.Join(segs[:i], ".")
		fail := func(format string, args ...any) error {
			where := "the top level"
			if at != "" {
				where = at
			}
			return fmt.Errorf("%s %s: %s (at %s)", s.Origin, s.Path, fmt.Sprintf(format, args...), where)
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		last := i == len(segs)-1
		switch t.Kind() {
		case reflect.Struct:
			field, names := fieldByTag(t, seg)
			if field == nil {
				msg := fmt.Sprintf("unknown key %q%s", seg, accepted(names...))
				if sg := suggest(seg, names); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				return fail("%s", msg)
			}
			n = mappingChild(n, seg, last, newValue)
			t = field.Type
		case reflect.Map:
			n = mappingChild(n, seg, last, newValue)
			t = t.Elem()
		case reflect.Slice:
			item, names := listItem(n, seg)
			if item == nil {
				return fail("no entry %q in the list%s", seg, accepted(names...))
			}
			if last {
				*item = *newValue
			}
			n, t = item, t.Elem()
		case reflect.Interface:
			n = mappingChild(n, seg, last, newValue)
		default:
			return fail("%q is a single value and has no key %q", segs[i-1], seg)
		}
		if n == nil {
			return fail("expected a mapping to hold %q", seg)
		}
	}
	return nil
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

// Variants is the variants: block, kept as raw YAML values so that each
// variant can be applied to the file as --set would.
type Variants struct {
	names []string
	sets  map[string][]Set
}

func (vs *Variants) decodeNode(d *decoder, n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(d.at(n), path, "expected a mapping of variant name to {PATH: VALUE}, got %s", describe(n))
		return
	}
	vs.sets = map[string][]Set{}
	total := 0
	for _, kv := range d.pairs(n, path) {
		name, body := kv[0].Value, kv[1]
		vp := join(path, name)
		d.pos[vp] = d.at(kv[0])
		if !nameRE.MatchString(name) {
			d.errorAt(d.at(kv[0]), vp, "variant names are 1-255 letters, digits, '-', '_' and '.'")
		}
		if body.Kind != yaml.MappingNode {
			d.errorAt(d.at(body), vp, "expected a mapping of PATH: VALUE, got %s", describe(body))
			continue
		}
		vs.names = append(vs.names, name)
		var sets []Set
		for _, pv := range d.pairs(body, vp) {
			// Measured without copying: an alias bomb costs its text.
			size := expandedSize(pv[1], map[*yaml.Node]int{}, maxVariantValueNodes+1)
			if total += size; size > maxVariantValueNodes || total > maxVariantNodes {
				d.errorAt(d.at(pv[1]), join(vp, pv[0].Value), "variant values too large: more than %d nodes in one or %d in all, aliases expanded",
					maxVariantValueNodes, maxVariantNodes)
				return
			}
			value := d.expandAliases(pv[1], join(vp, pv[0].Value), 0)
			if d.overBudget {
				return
			}
			out, err := yaml.Marshal(value)
			if err != nil {
				d.errorAt(d.at(pv[1]), join(vp, pv[0].Value), "%v", err)
				continue
			}
			sets = append(sets, Set{Path: pv[0].Value, Value: string(out), Origin: "variants." + name})
		}
		vs.sets[name] = sets
	}
}

func (vs Variants) list() []Variant {
	names := append([]string(nil), vs.names...)
	sortStrings(names)
	out := make([]Variant, 0, len(names))
	for _, n := range names {
		out = append(out, Variant{Name: n, Sets: vs.sets[n]})
	}
	return out
}

func unposition(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		unposition(c)
	}
}

// maxVariantValueNodes bounds one variant override's value, aliases
// expanded: an override is a number, a name or a short list, and the value
// is copied and re-read as YAML.
const (
	maxVariantValueNodes = 10_000
	maxVariantNodes      = 100_000
)

// expandedSize counts the nodes n stands for with its aliases expanded,
// stopping at limit; memo holds the sizes of the nodes already counted, so
// an alias bomb is measured in time proportional to its text.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int, limit int) int {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if s, ok := memo[n]; ok {
		return s
	}
	memo[n] = limit // a cycle counts as too big
	size := 1
	for _, c := range n.Content {
		if size += expandedSize(c, memo, limit); size >= limit {
			size = limit
			break
		}
	}
	memo[n] = size
	return size
}

// expandAliases returns a copy of n with every alias replaced by what it
// refers to, so that the value can be marshalled on its own. Every node it
// copies is charged to the decoder's node budget, so an alias bomb inside
// a variant ends with the same "too many aliases" error as anywhere else;
// depth is bounded too.
func (d *decoder) expandAliases(n *yaml.Node, path string, depth int) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	c := *n
	c.Anchor = ""
	if depth > 100 || !d.spend(n, path) {
		c.Content = nil
		return &c
	}
	c.Content = make([]*yaml.Node, 0, len(n.Content))
	for _, ch := range n.Content {
		if d.overBudget {
			break
		}
		c.Content = append(c.Content, d.expandAliases(ch, path, depth+1))
	}
	return &c
}
