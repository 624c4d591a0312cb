package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseJSON parses one JSON document into a node tree that keeps each
// value's line and column. A failure returns nil and the problem's
// position (0 when it has none) and text.
func parseJSON(data []byte) (root *yaml.Node, line, col int, msg string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, 0, 0, "UTF-16 text (PowerShell's > writes UTF-16): save the output as UTF-8, " +
			"e.g. with | Out-File -Encoding utf8"
	case !utf8.Valid(data):
		return nil, 0, 0, "not UTF-8 text: expected the JSON an aws command prints"
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, 0, 0, "empty: the aws command printed nothing (did it fail?)"
	}
	// encoding/json checks the syntax first (and bounds the nesting, which
	// the recursive reading below relies on).
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		off := len(data)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset) - 1 // the offending byte
		}
		text := err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) {
			text = "unexpected end of the file (was the output cut short?)"
		}
		return nil, lineAt(data, off), columnAt(data, off), "malformed JSON: " + text
	}
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		off := len(data) - len(rest)
		return nil, lineAt(data, off), columnAt(data, off),
			"more than one JSON document: save each command's output in a file of its own"
	}
	j := &jsonReader{dec: json.NewDecoder(bytes.NewReader(data)), data: data}
	j.dec.UseNumber()
	for i, b := range data {
		if b == '\n' {
			j.lineStarts = append(j.lineStarts, i+1)
		}
	}
	root, err := j.value()
	if err != nil { // not reached: the syntax was checked
		return nil, 0, 0, "malformed JSON: " + err.Error()
	}
	return root, 0, 0, ""
}

// jsonReader turns JSON tokens into nodes positioned in data.
type jsonReader struct {
	dec        *json.Decoder
	data       []byte
	lineStarts []int // offsets of the lines after the first
}

// value reads the next JSON value.
func (j *jsonReader) value() (*yaml.Node, error) {
	n := j.positioned()
	tok, err := j.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
		} else {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		for j.dec.More() {
			if n.Kind == yaml.MappingNode {
				key, err := j.value()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, key)
			}
			v, err := j.value()
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		_, err = j.dec.Token() // the closing delimiter
		return n, err
	case string:
		n.Tag, n.Value = "!!str", t
	case json.Number:
		n.Tag, n.Value = "!!int", string(t)
		if strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!float"
		}
	case bool:
		n.Tag, n.Value = "!!bool", "false"
		if t {
			n.Value = "true"
		}
	default:
		n.Tag, n.Value = "!!null", "null"
	}
	n.Kind = yaml.ScalarNode
	return n, nil
}

// positioned is a node at the start of the next token: past the end of the
// last one, the blanks, commas and colons.
func (j *jsonReader) positioned() *yaml.Node {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && strings.IndexByte(" \t\r\n,:", j.data[off]) >= 0 {
		off++
	}
	line := sort.SearchInts(j.lineStarts, off+1) // lines starting at or before off
	start := 0
	if line > 0 {
		start = j.lineStarts[line-1]
	}
	return &yaml.Node{Line: line + 1, Column: utf8.RuneCount(j.data[start:off]) + 1}
}

// lineAt and columnAt are the 1-based line and column of byte offset off.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func columnAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return utf8.RuneCount(data[start:off]) + 1
}
