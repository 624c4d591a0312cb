package scenarios

import "gopkg.in/yaml.v3"

// Variants is the variants: block, kept as raw YAML values so that each
// variant can be applied to the file as --set would.
type Variants struct {
	names []string
	sets  map[string][]Set
}

// decodeNode reads the variants: block, each variant's values measured
// and copied with their aliases expanded.
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

// list returns the variants sorted by name.
func (vs Variants) list() []Variant {
	names := append([]string(nil), vs.names...)
	sortStrings(names)
	out := make([]Variant, 0, len(names))
	for _, n := range names {
		out = append(out, Variant{Name: n, Sets: vs.sets[n]})
	}
	return out
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
