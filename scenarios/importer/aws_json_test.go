package importer

import (
	"strings"
	"testing"
)

// TestAWSJSONReading: every valid JSON reads, with the positions of its
// keys and values, including what a YAML parser would refuse (the \/
// escape, surrogate pairs, keys over 1024 bytes) or read as YAML syntax.
func TestAWSJSONReading(t *testing.T) {
	long := strings.Repeat("k", 2000)
	for _, c := range []struct {
		in               string
		key, value       string
		keyPos, valuePos [2]int
		valueTag         string
	}{
		{`{"a": "x\/y"}`, "a", "x/y", [2]int{1, 2}, [2]int{1, 7}, "!!str"},
		{`{"a": "\u00e9\ud83d\ude00"}`, "a", "é😀", [2]int{1, 2}, [2]int{1, 7}, "!!str"},
		{`{"` + long + `": 1}`, long, "1", [2]int{1, 2}, [2]int{1, 2006}, "!!int"},
		{"{\n\t\"é\":\t2.5e3}", "é", "2.5e3", [2]int{2, 2}, [2]int{2, 7}, "!!float"},
		{`{"*a": "&b", "#": null}`, "*a", "&b", [2]int{1, 2}, [2]int{1, 8}, "!!str"},
		{`{"a": false}`, "a", "false", [2]int{1, 2}, [2]int{1, 7}, "!!bool"},
	} {
		root, line, col, msg := parseJSON([]byte(c.in))
		if root == nil {
			t.Errorf("%.30q: %d:%d: %s", c.in, line, col, msg)
			continue
		}
		k, v := root.Content[0], root.Content[1]
		if k.Value != c.key || v.Value != c.value || v.Tag != c.valueTag ||
			[2]int{k.Line, k.Column} != c.keyPos || [2]int{v.Line, v.Column} != c.valuePos {
			t.Errorf("%.30q: key %.10q at %d:%d, value %q (%s) at %d:%d; want %.10q at %v, %q (%s) at %v", c.in,
				k.Value, k.Line, k.Column, v.Value, v.Tag, v.Line, v.Column, c.key, c.keyPos, c.value, c.valueTag, c.valuePos)
		}
	}
}
