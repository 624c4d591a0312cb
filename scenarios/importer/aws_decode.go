package importer

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decoding the describe outputs' objects into their API types: a value of
// the wrong type is reported at its own node and path, and an object
// described twice must be described alike.

// decodeAll decodes the items under kind into T. A second description of
// an object (the same key(v)) is dropped and noted when it reads the same
// as the first, and an error naming both files when it does not. Objects
// that do not decode are errors at the field that does not fit.
func decodeAll[T any](r *awsRead, kind string, key func(T) string) []awsObject[T] {
	var out []awsObject[T]
	seen := map[string]awsObject[T]{}
	for _, it := range r.items[kind] {
		var v T
		if !r.decodeItem(it, &v) {
			continue
		}
		if k := key(v); k != "" {
			if first, ok := seen[k]; ok {
				if reflect.DeepEqual(first.v, v) && (kind != "taskDefinition" || nodeEqual(first.node, it.node)) {
					r.ignore("%s: %s described again, the first description (%s) kept", it.from(), k, first.from())
				} else {
					r.errs.Add(it.file, it.node, it.path, "%s is described differently in %s (%s) and here: "+
						"keep one description (the output of one describe command)", k, first.file, first.path)
				}
				continue
			}
			seen[k] = awsObject[T]{it, v}
		}
		out = append(out, awsObject[T]{it, v})
	}
	return out
}

// decodeItem decodes the item into v, reporting the first value that does
// not fit v's type; false after a problem.
func (r *awsRead) decodeItem(it awsItem, v any) bool {
	if n, path, want := typeProblem(it.node, reflect.TypeOf(v).Elem(), it.path, 0); n != nil {
		r.errs.Add(it.file, n, path, "expected %s, got %s", want, kindName(n))
		return false
	}
	if err := it.node.Decode(v); err != nil { // not expected after typeProblem
		msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  ")
		r.errs.Add(it.file, it.node, it.path, "unexpected value: %s", strings.ReplaceAll(msg, "\n  ", "; "))
		return false
	}
	return true
}

// typeProblem finds the first value below n, in document order, that does
// not fit the Go type t as the API types declare it (yaml tags name the
// fields): its node, its path (path is n's) and what was expected; a nil
// node when everything fits. null fits anything (it decodes as nothing
// given), a string field takes any scalar, a number field a whole number.
func typeProblem(n *yaml.Node, t reflect.Type, path string, depth int) (*yaml.Node, string, string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n == nil || tfNull(n) || t.Kind() == reflect.Interface || depth > 100 {
		return nil, "", ""
	}
	switch t.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return n, path, "a string"
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return numberProblem(n, path)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return n, path, "true or false"
		}
	case reflect.Slice:
		return listProblem(n, t, path, depth)
	case reflect.Map, reflect.Struct:
		return fieldsProblem(n, t, path, depth)
	}
	return nil, "", ""
}

// listProblem checks a list's elements.
func listProblem(n *yaml.Node, t reflect.Type, path string, depth int) (*yaml.Node, string, string) {
	if n.Kind != yaml.SequenceNode {
		return n, path, "a list"
	}
	for i, el := range n.Content {
		if bad, p, want := typeProblem(el, t.Elem(), fmt.Sprintf("%s[%d]", path, i), depth+1); bad != nil {
			return bad, p, want
		}
	}
	return nil, "", ""
}

// numberProblem checks a whole number field (1e3 and 20.0 are whole).
func numberProblem(n *yaml.Node, path string) (*yaml.Node, string, string) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		f, err := strconv.ParseFloat(n.Value, 64)
		switch {
		case err != nil || math.Abs(f) > math.MaxInt32:
			return n, path, "a number of at most 2147483647"
		case f != math.Trunc(f):
			return n, path, "a whole number"
		}
		return nil, "", ""
	}
	return n, path, "a number"
}

// fieldsProblem checks an object's fields: a struct's by their yaml tags,
// a map's values.
func fieldsProblem(n *yaml.Node, t reflect.Type, path string, depth int) (*yaml.Node, string, string) {
	if n.Kind != yaml.MappingNode {
		return n, path, "an object"
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		var ft reflect.Type
		if t.Kind() == reflect.Map {
			ft = t.Elem()
		} else if ft = yamlField(t, k); ft == nil {
			continue
		}
		if bad, p, want := typeProblem(v, ft, path+"."+k, depth+1); bad != nil {
			return bad, p, want
		}
	}
	return nil, "", ""
}

// yamlField is the type of struct t's field tagged yaml:"key", nil
// without one.
func yamlField(t reflect.Type, key string) reflect.Type {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key {
			return f.Type
		}
	}
	return nil
}

// nodeEqual reports whether a and b hold the same value, wherever they are.
func nodeEqual(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !nodeEqual(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
