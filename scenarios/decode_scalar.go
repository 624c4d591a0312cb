package scenarios

import (
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// describe names what a node is, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "nothing (null)"
	case "!!bool":
		return "a boolean " + strconv.Quote(n.Value)
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	return "the string " + strconv.Quote(v)
}

// decodeScalar decodes scalar n into v, a string, boolean or number, and
// reports a node of another kind or tag.
func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.errorAt(d.at(n), path, "expected %s, got %s", kindName(v.Kind()), describe(n))
		return
	}
	set, ok := scalarSetters[v.Kind()]
	if !ok {
		d.errorAt(d.at(n), path, "cannot decode into %s", v.Type())
		return
	}
	if !set(d, n, v, path) {
		d.errorAt(d.at(n), path, "expected %s, got %s", kindName(v.Kind()), describe(n))
	}
}

// scalarSetter stores scalar n in v. It returns false when n is not a value
// of v's kind (the caller reports "expected X, got Y"), true when it stored
// n or reported a problem of its own.
type scalarSetter func(d *decoder, n *yaml.Node, v reflect.Value, path string) bool

// scalarSetters holds the setter for each kind of value decodeScalar fills.
var scalarSetters = map[reflect.Kind]scalarSetter{
	reflect.String:  setString,
	reflect.Bool:    setBool,
	reflect.Int:     setInt,
	reflect.Int32:   setInt,
	reflect.Int64:   setInt,
	reflect.Uint64:  setUint,
	reflect.Uint32:  setUint,
	reflect.Uint:    setUint,
	reflect.Float64: setFloat,
}

// setString stores any scalar but a boolean (or an explicit !!map or !!seq)
// as text.
func setString(_ *decoder, n *yaml.Node, v reflect.Value, _ string) bool {
	if n.Tag == "!!bool" || n.Tag == "!!map" || n.Tag == "!!seq" {
		return false
	}
	v.SetString(n.Value)
	return true
}

// setBool stores a YAML boolean.
func setBool(_ *decoder, n *yaml.Node, v reflect.Value, _ string) bool {
	var b bool
	if n.Tag != "!!bool" || n.Decode(&b) != nil {
		return false
	}
	v.SetBool(b)
	return true
}

// setInt stores a YAML integer, reporting one that v cannot hold.
func setInt(d *decoder, n *yaml.Node, v reflect.Value, path string) bool {
	var i int64
	if n.Tag != "!!int" || n.Decode(&i) != nil {
		return false
	}
	if v.OverflowInt(i) {
		d.errorAt(d.at(n), path, "%s is out of range", n.Value)
		return true
	}
	v.SetInt(i)
	return true
}

// setUint stores a non-negative YAML integer, reporting a negative one.
func setUint(d *decoder, n *yaml.Node, v reflect.Value, path string) bool {
	var u uint64
	if n.Tag != "!!int" || n.Decode(&u) != nil {
		if strings.HasPrefix(n.Value, "-") {
			d.errorAt(d.at(n), path, "must be >= 0 (got %s)", n.Value)
			return true
		}
		return false
	}
	v.SetUint(u)
	return true
}

// setFloat stores a YAML integer or float.
func setFloat(_ *decoder, n *yaml.Node, v reflect.Value, _ string) bool {
	var f float64
	if (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
		return false
	}
	v.SetFloat(f)
	return true
}

// kindName names what a value of kind k is written as, for messages.
func kindName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint64, reflect.Uint32, reflect.Uint:
		return "a non-negative integer"
	case reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping"
	}
	return k.String()
}
