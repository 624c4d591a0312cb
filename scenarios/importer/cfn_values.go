package importer

import (
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Reading a resource's properties as the model's types. A property the
// model needs that cannot be resolved, or has the wrong type, is reported
// at its template path.

// lookup resolves the value at keys below n, resolving only what the path
// passes through (so that an unresolvable sibling does not matter); nil
// when absent or AWS::NoValue.
func (t *cfnTemplate) lookup(n *yaml.Node, keys ...string) (*yaml.Node, *cfnProblem) {
	for _, k := range keys {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil {
			return nil, nil
		}
		if !cfnPlainMapping(n) {
			v, p := t.resolve(n)
			if p != nil {
				return nil, p
			}
			n = v
		}
		n = get(n, k)
	}
	if n == nil {
		return nil, nil
	}
	return t.resolve(n)
}

// cfnPlainMapping reports whether n is a mapping written out, not a function.
func cfnPlainMapping(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	if _, ok := cfnShortFunction(n.Tag); ok {
		return false
	}
	return len(n.Content) != 2 || !cfnIsFunction(n.Content[0].Value)
}

// need resolves a property the model needs, reporting a problem; nil when
// absent (or after a problem).
func (t *cfnTemplate) need(r *cfnResource, keys ...string) *yaml.Node {
	v, p := t.lookup(r.props, keys...)
	if p != nil {
		t.report(p, r.path(keys...))
		return nil
	}
	if v != nil && v.Tag == "!!null" {
		return nil
	}
	return v
}

// has reports whether the resource sets the property at keys (without
// resolving it).
func (r *cfnResource) has(keys ...string) bool {
	n := r.props
	for _, k := range keys {
		if n = get(n, k); n == nil {
			return false
		}
	}
	return true
}

// str is a string property ("" when absent).
func (t *cfnTemplate) str(r *cfnResource, keys ...string) string {
	return t.asString(t.need(r, keys...), r.path(keys...))
}

// integer is a whole-number property, written as a number or a string
// (nil when absent).
func (t *cfnTemplate) integer(r *cfnResource, keys ...string) *int {
	return t.asInt(t.need(r, keys...), r.path(keys...))
}

// stringList is a list of strings property.
func (t *cfnTemplate) stringList(r *cfnResource, keys ...string) []string {
	v := t.need(r, keys...)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		t.errs.Add(t.file, v, r.path(keys...), "must be a list of strings")
		return nil
	}
	var out []string
	for i, item := range v.Content {
		out = append(out, t.asString(item, r.path(keys...)+"["+strconv.Itoa(i)+"]"))
	}
	return out
}

// asString reads a resolved scalar as a string.
func (t *cfnTemplate) asString(v *yaml.Node, path string) string {
	if v == nil || v.Tag == "!!null" {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		t.errs.Add(t.file, v, path, "must be a string, not a list or a mapping")
		return ""
	}
	return v.Value
}

// asInt reads a resolved whole number (CloudFormation accepts "4" for 4).
func (t *cfnTemplate) asInt(v *yaml.Node, path string) *int {
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if v.Kind != yaml.ScalarNode || err != nil {
		t.errs.Add(t.file, v, path, "must be a whole number (got %q)", v.Value)
		return nil
	}
	return &n
}

// asBool reads a resolved boolean (true, false, "true", "false").
func (t *cfnTemplate) asBool(v *yaml.Node, path string) bool {
	if v == nil || v.Tag == "!!null" {
		return false
	}
	b, p := cfnTruth(v, v)
	if p != nil {
		t.errs.Add(t.file, v, path, "must be true or false (got %q)", v.Value)
	}
	return b
}

// items is a property's list of mappings.
func (t *cfnTemplate) items(r *cfnResource, keys ...string) []*yaml.Node {
	v := t.need(r, keys...)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		t.errs.Add(t.file, v, r.path(keys...), "must be a list")
		return nil
	}
	for i, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			t.errs.Add(t.file, item, r.path(keys...)+"["+strconv.Itoa(i)+"]", "must be a mapping")
			return nil
		}
	}
	return v.Content
}

// strategy reads a capacity provider strategy (CapacityProvider, Base,
// Weight).
func (t *cfnTemplate) strategy(r *cfnResource, keys ...string) []StrategyItem {
	var out []StrategyItem
	for i, item := range t.items(r, keys...) {
		path := r.path(keys...) + "[" + strconv.Itoa(i) + "]"
		s := StrategyItem{CapacityProvider: t.asString(get(item, "CapacityProvider"), path+".CapacityProvider")}
		if b := t.asInt(get(item, "Base"), path+".Base"); b != nil {
			s.Base = *b
		}
		if w := t.asInt(get(item, "Weight"), path+".Weight"); w != nil {
			s.Weight = *w
		}
		out = append(out, s)
	}
	return out
}

// ignoreOthers notes the properties of r that ecsim does not read (read
// lists those it does; Tags are not worth a note).
func (t *cfnTemplate) ignoreOthers(r *cfnResource, read ...string) {
	cfnEachPair(r.props, func(k string, _ *yaml.Node) {
		if k != "Tags" && !slices.Contains(read, k) {
			t.ignored = append(t.ignored, r.path(k))
		}
	})
}
