package importer

// Reading attribute values of Terraform's JSON: planned values with their
// unknowns, the prior state behind them, and what a plan's configuration
// refers to.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// tfRes is one managed resource instance of the JSON.
type tfRes struct {
	addr, typ string
	// node is the resource object, values its attribute values (nil when
	// it has none), prior the prior state's values of the same address in
	// a plan (nil without).
	node, values, prior *yaml.Node
}

// at returns the value at path (attribute names and list indexes) below
// r's values, nil when absent or null. In a plan a value that is unknown
// until apply is left out (or, in a list, null): then the prior state's
// value at the same path, if any.
func (r *tfRes) at(path ...any) *yaml.Node {
	n, unknown := tfWalk(r.values, path)
	if unknown && r.prior != nil {
		n, _ = tfWalk(r.prior, path)
	}
	return n
}

// tfWalk follows path from n; unknown is set when the path leads to a
// left-out attribute or a null list element (Terraform's unknowns).
func tfWalk(n *yaml.Node, path []any) (v *yaml.Node, unknown bool) {
	if n == nil {
		return nil, true
	}
	for _, p := range path {
		switch k := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return nil, false
			}
			if n = get(n, k); n == nil {
				return nil, true
			}
		case int:
			if n.Kind != yaml.SequenceNode || k < 0 || k >= len(n.Content) {
				return nil, false
			}
			if n = n.Content[k]; tfNull(n) {
				return nil, true
			}
		}
		if tfNull(n) {
			return nil, false
		}
	}
	return n, false
}

// attr is the address of the attribute at path, for errors:
// "aws_ecs_service.web.values.ordered_placement_strategy[0].type".
func (r *tfRes) attr(path ...any) string {
	var b strings.Builder
	b.WriteString(r.addr + ".values")
	for _, p := range path {
		switch k := p.(type) {
		case string:
			b.WriteString("." + k)
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		}
	}
	return b.String()
}

// str reads a string ("" when absent: Terraform writes unset strings of
// the state as "").
func (rd *tfReader) str(r *tfRes, path ...any) string {
	n := r.at(path...)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		rd.errs.Add(rd.file, n, r.attr(path...), "must be a string (got %s)", tfShow(n))
		return ""
	}
	return n.Value
}

// num reads a whole number (a JSON number, or a string of one) of at
// most 999,999,999 either way; ok is false when it is absent or wrong.
func (rd *tfReader) num(r *tfRes, path ...any) (v int, ok bool) {
	return rd.numIn(r, -999_999_999, 999_999_999, "", path...)
}

// optNum reads a number that may be left out (nil then).
func (rd *tfReader) optNum(r *tfRes, path ...any) *int {
	if v, ok := rd.num(r, path...); ok {
		return &v
	}
	return nil
}

// numIn reads a whole number from lo to hi (limit says why, for the
// message; "" for the reader's own bound); ok is false when it is absent
// or wrong.
func (rd *tfReader) numIn(r *tfRes, lo, hi int, limit string, path ...any) (v int, ok bool) {
	n := r.at(path...)
	if n == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil || f != math.Trunc(f) || math.IsInf(f, 0) {
		rd.errs.Add(rd.file, n, r.attr(path...), "must be a whole number (got %s)", tfShow(n))
		return 0, false
	}
	if f < float64(lo) || f > float64(hi) {
		if limit == "" {
			limit = fmt.Sprintf("at most %d either way", hi)
		}
		shown := n.Value
		if n.Tag == "!!str" {
			shown = tfShow(n)
		}
		rd.errs.Add(rd.file, n, r.attr(path...), "%s is out of range: %s", shown, limit)
		return 0, false
	}
	return int(f), true
}

// flag reads a boolean; ok is false when it is absent or wrong.
func (rd *tfReader) flag(r *tfRes, path ...any) (v, ok bool) {
	n := r.at(path...)
	if n == nil {
		return false, false
	}
	if n.Kind == yaml.ScalarNode && (n.Value == "true" || n.Value == "false") {
		return n.Value == "true", true
	}
	rd.errs.Add(rd.file, n, r.attr(path...), "must be true or false (got %s)", tfShow(n))
	return false, false
}

// strs reads a list (or set) of strings, leaving out unknown elements.
func (rd *tfReader) strs(r *tfRes, path ...any) []string {
	n := r.at(path...)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		rd.errs.Add(rd.file, n, r.attr(path...), "must be a list of strings (got %s)", tfShow(n))
		return nil
	}
	var out []string
	for i, e := range n.Content {
		if tfNull(e) {
			continue
		}
		if e.Kind != yaml.ScalarNode {
			rd.errs.Add(rd.file, e, r.attr(tfAt(path, i)...), "must be a string (got %s)", tfShow(e))
			continue
		}
		out = append(out, e.Value)
	}
	return out
}

// count is the number of elements of the list (a block's) at path, 0 when
// absent.
func (rd *tfReader) count(r *tfRes, path ...any) int {
	n := r.at(path...)
	if n == nil {
		return 0
	}
	if n.Kind != yaml.SequenceNode {
		rd.errs.Add(rd.file, n, r.attr(path...), "must be a list (got %s)", tfShow(n))
		return 0
	}
	return len(n.Content)
}

// tfAt is path with more appended, as a new slice.
func tfAt(path []any, more ...any) []any {
	return append(append(make([]any, 0, len(path)+len(more)), path...), more...)
}

// tfScalar is a scalar's text, "" for anything else.
func tfScalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || tfNull(n) {
		return ""
	}
	return n.Value
}

// tfNull reports whether n is JSON's null.
func tfNull(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// tfOr is a, or b when a is nil (where to report a missing value).
func tfOr(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// tfItems are a list's elements, none for anything else.
func tfItems(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// tfShow describes a value for an error message.
func tfShow(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "an object"
	case yaml.SequenceNode:
		return "a list"
	}
	if len(n.Value) > 40 {
		return strconv.Quote(n.Value[:40] + "…")
	}
	return strconv.Quote(n.Value)
}

// tfConfig maps each resource of a plan's configuration (its address, module
// path included, without instance keys) to the resources its arguments
// refer to (in the same form), through module outputs.
type tfConfig map[string][]string

// tfConfigOf reads the configuration's root module.
func tfConfigOf(root *yaml.Node) tfConfig {
	mods := map[string]*yaml.Node{}
	tfConfigModules(root, "", mods, 0)
	cfg := tfConfig{}
	for prefix, m := range mods {
		for _, r := range tfItems(get(m, "resources")) {
			var refs []string
			for _, ref := range tfReferences(get(r, "expressions"), nil, 0) {
				refs = append(refs, tfResolve(mods, prefix, ref, 0)...)
			}
			cfg[prefix+tfScalar(get(r, "address"))] = refs
		}
	}
	return cfg
}

// tfConfigModules indexes the configuration's modules by address prefix
// ("", "module.spot.").
func tfConfigModules(m *yaml.Node, prefix string, into map[string]*yaml.Node, depth int) {
	if m == nil || m.Kind != yaml.MappingNode || depth > tfMaxModuleDepth {
		return
	}
	into[prefix] = m
	calls := get(m, "module_calls")
	if calls == nil || calls.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(calls.Content); i += 2 {
		name := calls.Content[i].Value
		tfConfigModules(get(calls.Content[i+1], "module"), prefix+"module."+name+".", into, depth+1)
	}
}

// tfReferences gathers the strings of every "references" list below n.
func tfReferences(n *yaml.Node, out []string, depth int) []string {
	if n == nil || depth > 100 {
		return out
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "references" {
				for _, r := range tfItems(n.Content[i+1]) {
					if s := tfScalar(r); s != "" {
						out = append(out, s)
					}
				}
				continue
			}
			out = tfReferences(n.Content[i+1], out, depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			out = tfReferences(c, out, depth+1)
		}
	}
	return out
}

// tfResolve turns a reference made in the module at prefix into the
// resources it names: "aws_lb.web.arn" is aws_lb.web; "module.spot.name"
// is what that module's output refers to; variables, locals and data
// sources name none.
func tfResolve(mods map[string]*yaml.Node, prefix, ref string, depth int) []string {
	parts := strings.Split(tfStripKeys(ref), ".")
	if len(parts) < 2 || depth > 8 {
		return nil
	}
	switch parts[0] {
	case "module":
		if len(parts) < 3 {
			return nil
		}
		inner := prefix + "module." + parts[1] + "."
		var out []string
		for _, r := range tfReferences(get(get(get(mods[inner], "outputs"), parts[2]), "expression"), nil, 0) {
			out = append(out, tfResolve(mods, inner, r, depth+1)...)
		}
		return out
	case "var", "local", "each", "count", "path", "self", "terraform", "data":
		return nil
	}
	return []string{prefix + parts[0] + "." + parts[1]}
}

// tfStripKeys removes instance keys ([0], ["a"]) from an address.
func tfStripKeys(s string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\\':
			i++
		case quoted:
			quoted = c != '"'
		case depth > 0 && c == '"':
			quoted = true
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// referred are the resources of type typ that r's configuration refers
// to (a plan's way to name what is unknown until apply).
func (rd *tfReader) referred(r *tfRes, typ string) []*tfRes {
	var out []*tfRes
	for _, ref := range rd.refs[tfStripKeys(r.addr)] {
		parts := strings.Split(ref, ".")
		if len(parts) < 2 || parts[len(parts)-2] != typ {
			continue
		}
		for _, x := range rd.all {
			if x.typ == typ && tfStripKeys(x.addr) == ref && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// referredOne is the one resource of type typ r refers to, nil when none
// or several.
func (rd *tfReader) referredOne(r *tfRes, typ string) *tfRes {
	if xs := rd.referred(r, typ); len(xs) == 1 {
		return xs[0]
	}
	return nil
}
