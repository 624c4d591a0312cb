package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// structInfo is what the decoder knows of a struct type: its yaml keys and
// the keys it ignores.
type structInfo struct {
	byName  map[string]int // yaml name → field index
	names   []string       // accepted keys, in declaration order
	ignored map[string]bool
}

// info returns (and caches) the yaml keys of struct type t.
func (d *decoder) info(t reflect.Type) *structInfo {
	if si, ok := d.fields[t]; ok {
		return si
	}
	si := &structInfo{byName: map[string]int{}, ignored: map[string]bool{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		si.byName[name] = i
		si.names = append(si.names, name)
	}
	if ig, ok := reflect.New(t).Interface().(ignorer); ok {
		for _, k := range ig.ignoredKeys() {
			si.ignored[k] = true
		}
	}
	d.fields[t] = si
	return si
}

// decodeStruct decodes mapping n into struct v, reporting unknown keys with
// the accepted ones and recording ignored ones.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(d.at(n), path, "expected a mapping, got %s", describe(n))
		return
	}
	si := d.info(v.Type())
	for _, kv := range d.pairs(n, path) {
		key := kv[0].Value
		i, ok := si.byName[key]
		if !ok {
			if si.ignored[key] {
				d.ignored[path] = append(d.ignored[path], key)
				continue
			}
			msg := fmt.Sprintf("unknown field %q%s", key, accepted(si.names...))
			if s := suggest(key, si.names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.errorAt(d.at(kv[0]), join(path, key), "%s", msg)
			continue
		}
		d.decode(kv[1], v.Field(i), join(path, key))
	}
}

// suggest returns the accepted name closest to key (edit distance at most 2,
// or equal ignoring case), or "".
func suggest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return n
		}
		if dist := editDistance(strings.ToLower(key), strings.ToLower(n)); dist < bestD {
			best, bestD = n, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = slices.Min([]int{prev[j] + 1, cur[j-1] + 1, prev[j-1] + c})
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
