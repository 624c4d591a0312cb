package schema_test

import (
	"encoding/json"
	"fmt"
	"math"

	"gopkg.in/yaml.v3"
)

// yamlToJSON turns a YAML document into the JSON value an editor's YAML
// language server validates: mappings (with their merge keys), lists and
// scalars by their YAML tag. Text that YAML reads as a timestamp stays
// text, as ecsim reads it; NaN and infinities, which JSON has no number
// for, become text and so fail any number's schema, as ecsim rejects them.
func yamlToJSON(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return nodeValue(&doc, 0)
}

// nodeValue is the JSON value of n.
func nodeValue(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, fmt.Errorf("too deep")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return nodeValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		return nodeValue(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := nodeValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return mappingValue(n, depth)
	}
	return scalarValue(n)
}

// mappingValue is the JSON object of mapping n: its own keys, then those
// of the mappings it merges (<<) that it does not give.
func mappingValue(n *yaml.Node, depth int) (any, error) {
	out := map[string]any{}
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			if v.Kind == yaml.SequenceNode {
				merged = append(merged, v.Content...)
			} else {
				merged = append(merged, v)
			}
			continue
		}
		val, err := nodeValue(v, depth+1)
		if err != nil {
			return nil, err
		}
		out[k.Value] = val
	}
	for _, m := range merged {
		mv, err := nodeValue(m, depth+1)
		if err != nil {
			return nil, err
		}
		src, ok := mv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("merge of a non-mapping")
		}
		for k, v := range src {
			if _, given := out[k]; !given {
				out[k] = v
			}
		}
	}
	return out, nil
}

// scalarValue is the JSON value of scalar n, by its tag.
func scalarValue(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return json.Number(fmt.Sprint(i)), nil
		}
		var u uint64
		err := n.Decode(&u)
		return json.Number(fmt.Sprint(u)), err
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return n.Value, nil
		}
		return json.Number(fmt.Sprint(f)), nil
	}
	return n.Value, nil
}
