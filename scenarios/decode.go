package scenarios

import (
	"fmt"
	"reflect"
	"strconv"

	"gopkg.in/yaml.v3"
)

// scalarDecoder is implemented by leaf types that parse their own scalar
// syntax (durations, sizes such as "2 GB").
type scalarDecoder interface {
	decodeScalar(n *yaml.Node) error
}

// nodeDecoder is implemented by types that take over decoding of their whole
// node (for example a field that keeps raw YAML).
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node, path string)
}

// ignorer is implemented by structs that accept, and ignore, keys the model
// does not use (ECS task definition fields such as executionRoleArn), so that
// users can paste ECS API output as is.
type ignorer interface {
	ignoredKeys() []string
}

// maxNodes bounds the work of decoding one document, aliases included, so
// that an alias bomb cannot hang the loader.
const maxNodes = 2_000_000

// decoder turns a yaml.Node tree into the tagged scenario types. Unlike
// yaml.v3's own decoding it reports every problem at once, each with its
// line, column and field path, rejects unknown keys with the accepted ones,
// and records the position of every value for later validation messages.
type decoder struct {
	file    string
	noFiles bool // Loader.NoFiles
	errs    Errors
	pos     map[string]Pos
	ignored map[string][]string // struct path → ignored keys present
	fields  map[reflect.Type]*structInfo
	budget  int
	// overBudget is set once the budget ran out and that was reported.
	overBudget bool
}

// newDecoder returns a decoder for a document read from file.
func newDecoder(file string) *decoder {
	return &decoder{file: file, pos: map[string]Pos{}, ignored: map[string][]string{},
		fields: map[reflect.Type]*structInfo{}, budget: maxNodes}
}

// maxErrors is the most problems reported for one file.
const maxErrors = 100

// errorAt records a problem at p and path: up to maxErrors of them, then one
// saying there are more.
func (d *decoder) errorAt(p Pos, path, format string, args ...any) {
	switch {
	case len(d.errs) < maxErrors:
		file := d.file
		if p.file != "" {
			file = p.file
		}
		p.file = ""
		d.errs = append(d.errs, &FieldError{File: file, Pos: p, Field: path, Msg: fmt.Sprintf(format, args...)})
	case len(d.errs) == maxErrors:
		d.errs = append(d.errs, &FieldError{File: d.file, Msg: fmt.Sprintf("more than %d problems; fix these first", maxErrors)})
	}
}

// spend charges one node to the budget and reports, once, when it runs out.
func (d *decoder) spend(n *yaml.Node, path string) bool {
	if d.budget--; d.budget >= 0 {
		return true
	}
	if !d.overBudget {
		d.overBudget = true
		d.errorAt(d.at(n), path, "document too large or too many aliases (more than %d nodes)", maxNodes)
	}
	return false
}

// at returns the position of n in the decoder's file.
func (d *decoder) at(n *yaml.Node) Pos {
	p := posOf(n)
	p.file = d.file
	return p
}

// posOf returns the position of n (in no particular file).
func posOf(n *yaml.Node) Pos {
	return Pos{Line: n.Line, Column: n.Column, quoted: n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0,
		block: n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0}
}

// join appends a key to a field path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends a list index to a field path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// decode decodes n into v (addressable) at path.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if !d.spend(n, path) {
		return
	}
	n = resolve(n)
	if n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // unset: keep the zero value, defaults apply later
	}
	d.pos[path] = d.at(n)
	if d.decodeSelf(n, v, path) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Interface:
		d.decodeAny(n, v, path)
	default:
		d.decodeScalar(n, v, path)
	}
}

// resolve follows aliases and documents to the node they stand for; it
// returns nil for an empty document.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else if len(n.Content) > 0 {
			n = n.Content[0]
		} else {
			return nil
		}
	}
	return n
}

// decodeSelf lets a type that decodes itself (nodeDecoder, scalarDecoder)
// decode n; it returns false when v's type does not.
func (d *decoder) decodeSelf(n *yaml.Node, v reflect.Value, path string) bool {
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeNode(d, n, path)
		return true
	}
	sd, ok := v.Addr().Interface().(scalarDecoder)
	if !ok {
		return false
	}
	if n.Kind != yaml.ScalarNode {
		d.errorAt(d.at(n), path, "expected a single value, got %s", describe(n))
		return true
	}
	if err := sd.decodeScalar(n); err != nil {
		d.errorAt(d.at(n), path, "%v", err)
	}
	return true
}

// decodeAny decodes n into an interface value (raw YAML kept for fields the
// model only checks for presence).
func (d *decoder) decodeAny(n *yaml.Node, v reflect.Value, path string) {
	var x any
	if err := n.Decode(&x); err != nil {
		d.errorAt(d.at(n), path, "%v", err)
		return
	}
	if x != nil {
		v.Set(reflect.ValueOf(x))
	}
}

// decodeSlice decodes sequence n into slice v.
func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorAt(d.at(n), path, "expected a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), index(path, i))
	}
	v.Set(s)
}

// decodeMap decodes mapping n into map v.
func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(d.at(n), path, "expected a mapping, got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for _, kv := range d.pairs(n, path) {
		key := kv[0].Value
		val := reflect.New(v.Type().Elem()).Elem()
		d.decode(kv[1], val, join(path, key))
		v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), val)
	}
}

// pairs returns the key/value pairs of a mapping, merging "<<" keys (whose
// keys a key given in the mapping itself overrides) and reporting non-scalar
// and duplicate keys. Every key walked, merged ones included, is charged to
// the node budget, and merge cycles are cut, so no document can make it loop.
func (d *decoder) pairs(n *yaml.Node, path string) [][2]*yaml.Node {
	var out, merged [][2]*yaml.Node
	seen := map[string]bool{}
	visited := map[*yaml.Node]bool{}
	var walk func(m *yaml.Node, inMerge bool)
	walk = func(m *yaml.Node, inMerge bool) {
		if visited[m] {
			d.errorAt(d.at(m), path, "a merge key (<<) refers to a mapping that includes itself")
			return
		}
		visited[m] = true
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, val := m.Content[i], m.Content[i+1]
			if !d.spend(k, path) {
				return
			}
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				for _, src := range mergeSources(val) {
					walk(src, true)
				}
				continue
			}
			switch {
			case k.Kind != yaml.ScalarNode:
				if !inMerge {
					d.errorAt(d.at(k), path, "keys must be plain names, got %s", describe(k))
				}
			case inMerge:
				merged = append(merged, [2]*yaml.Node{k, val})
			case seen[k.Value]:
				d.errorAt(d.at(k), join(path, k.Value), "key given twice")
			default:
				seen[k.Value] = true
				out = append(out, [2]*yaml.Node{k, val})
			}
		}
	}
	walk(n, false)
	for _, kv := range merged {
		if !seen[kv[0].Value] {
			seen[kv[0].Value] = true
			out = append(out, kv)
		}
	}
	return out
}

// mergeSources returns the mappings a "<<" value merges: one mapping or a
// list of them, aliases resolved.
func mergeSources(val *yaml.Node) []*yaml.Node {
	for val.Kind == yaml.AliasNode {
		val = val.Alias
	}
	switch val.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{val}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, s := range val.Content {
			for s.Kind == yaml.AliasNode {
				s = s.Alias
			}
			if s.Kind == yaml.MappingNode {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
