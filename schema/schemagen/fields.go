package schemagen

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/invopop/jsonschema"
)

// generator refines what the Reflector made of the scenario types: it
// walks the Go types in parallel with the definitions and adds to each
// field what its tags and the scenarios package's facts say.
type generator struct {
	root     *jsonschema.Schema
	comments map[string]string
	accepted map[string][]string
	defaults map[string]any
	patterns map[string]string
	minItems map[string]int
	// requiredKeys are the keys each struct type requires, by its Go
	// name; required holds them as "Type.key".
	requiredKeys map[string][]string
	required     map[string]bool
	// used holds the "Type.key" fields seen, so that a fact naming no
	// field is an error rather than silently lost.
	used map[string]bool
	seen map[reflect.Type]bool
}

// newGenerator returns a generator for root, the reflected scenarios.File.
func newGenerator(root *jsonschema.Schema, comments map[string]string) *generator {
	g := &generator{root: root, comments: comments, accepted: scenarios.AcceptedValues(),
		defaults: scenarios.FieldDefaults(), patterns: scenarios.FieldPatterns(), minItems: scenarios.MinItems(),
		requiredKeys: scenarios.RequiredKeys(), required: map[string]bool{}, used: map[string]bool{},
		seen: map[reflect.Type]bool{}}
	for t, keys := range g.requiredKeys {
		for _, k := range keys {
			g.required[t+"."+k] = true
		}
	}
	return g
}

// refine walks every struct type from scenarios.File, adds the definitions
// of the types that decode themselves, and checks that every fact was used.
func (g *generator) refine() error {
	if err := g.walk(reflect.TypeFor[scenarios.File](), g.root); err != nil {
		return err
	}
	defs := g.root.Definitions
	defs["Duration"] = durationSchema(g.typeComment(durationType))
	defs["Variants"] = variantsSchema(g.typeComment(variantsType))
	delete(defs, "SweepParameter")
	for _, def := range defs {
		nullable(def)
	}
	if err := g.kinds(); err != nil {
		return err
	}
	var unused []string
	for _, facts := range []map[string]bool{keysOf(g.accepted), keysOf(g.defaults), keysOf(g.patterns), keysOf(g.minItems)} {
		for k := range facts {
			if !g.used[k] {
				unused = append(unused, k)
			}
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return fmt.Errorf("schemagen: scenarios facts name no field of the format: %s", strings.Join(unused, ", "))
	}
	return nil
}

// keysOf returns the set of m's keys.
func keysOf[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// walk refines the schema s of struct type t (the root, or t's
// definition) and the struct types its fields hold.
func (g *generator) walk(t reflect.Type, s *jsonschema.Schema) error {
	if g.seen[t] {
		return nil
	}
	g.seen[t] = true
	if s == nil {
		return fmt.Errorf("schemagen: no definition for %s", t.Name())
	}
	s.Description = plain(t.Name(), s.Description)
	for i := range t.NumField() {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || !sf.IsExported() {
			continue
		}
		prop, ok := s.Properties.Get(key)
		if !ok {
			return fmt.Errorf("schemagen: %s.%s has no property", t.Name(), key)
		}
		if err := g.field(t, sf, key, prop); err != nil {
			return err
		}
		if inner := structOf(sf.Type); inner != nil {
			if err := g.walk(inner, g.root.Definitions[inner.Name()]); err != nil {
				return err
			}
		}
	}
	if err := g.objectRules(t, s); err != nil {
		return err
	}
	for _, k := range scenarios.IgnoredKeys(t) {
		s.Properties.Set(k, &jsonschema.Schema{Description: "An ECS API field ecsim accepts and ignores: the model does not use it (ecsim validate --verbose lists it)."})
	}
	return nil
}

// structOf returns the struct type a field of type t holds (through
// pointers, slices and maps), or nil; the types that decode themselves
// are not walked.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == durationType || t == taskSizeType || t == variantsType {
		return nil
	}
	return t
}

// field refines the property of field sf (YAML key) of struct type owner:
// its description, bounds, accepted values, pattern and default.
func (g *generator) field(owner reflect.Type, sf reflect.StructField, key string, prop *jsonschema.Schema) error {
	id := owner.Name() + "." + key
	g.used[id] = true
	prop.Description = plain(sf.Name, prop.Description)
	if err := g.shape(owner, sf, key, prop); err != nil {
		return fmt.Errorf("schemagen: %s: %w", id, err)
	}
	if d, ok := g.defaults[id]; ok {
		if values, ok := g.accepted[id]; ok && !acceptedDefault(values, d) {
			return fmt.Errorf("schemagen: %s: default %v is not one of %v", id, d, values)
		}
		prop.Default = d
		prop.Description = joinText(prop.Description, "Default: "+flow(d)+".")
	}
	if n, ok := g.minItems[id]; ok {
		least := uint64(n)
		prop.MinItems = &least
	}
	// A required key has a value: no value is unset, which it may not be.
	if owner != sweepType && !g.required[id] {
		nullable(prop)
	}
	return nil
}

// shape refines what a field's value is, by its Go type: a duration, a
// task size, a number (or list of numbers) and its range, or text.
func (g *generator) shape(owner reflect.Type, sf reflect.StructField, key string, prop *jsonschema.Schema) error {
	t := sf.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tag := sf.Tag.Get("range")
	switch {
	case owner == sweepType && key == "parameters":
		sweepParameters(prop)
	case t == durationType || t.Kind() == reflect.Slice && t.Elem() == durationType:
		return durationField(prop, tag)
	case t == taskSizeType:
		return taskSizeField(prop, tag)
	case isNumber(t.Kind()):
		// A plain number left at 0 is unset (ranges.go), except in the
		// blocks that decode themselves (a sweep's replications).
		// A required number's 0 is an error, not unset.
		plainZero := sf.Type.Kind() != reflect.Pointer && owner != sweepType && !g.required[owner.Name()+"."+key]
		return numberField(prop, tag, t.Kind(), plainZero)
	case t.Kind() == reflect.Slice && isNumber(t.Elem().Kind()):
		err := numberField(prop.Items, tag, t.Elem().Kind(), false)
		prop.Description = joinText(prop.Description, prop.Items.Description)
		prop.Items.Description = ""
		return err
	default:
		g.text(owner.Name()+"."+key, t, prop)
	}
	return nil
}

// nullable lets prop be null too: ecsim reads a key without a value (and
// --set PATH=null) as unset, except in the blocks that decode themselves.
// A reference is left as it is: every definition accepts null (refine).
func nullable(prop *jsonschema.Schema) {
	switch {
	case prop.Ref != "":
	case prop.Enum != nil:
		// Not null among the values: an editor would say it is one.
		prop.AnyOf = []*jsonschema.Schema{{Type: prop.Type, Enum: prop.Enum}, {Type: "null"}}
		prop.Type, prop.Enum = "", nil
	case prop.Type != "":
		if prop.Extras == nil {
			prop.Extras = map[string]any{}
		}
		prop.Extras["type"] = []string{prop.Type, "null"}
		prop.Type = ""
	case prop.Extras["type"] != nil:
		prop.Extras["type"] = append(prop.Extras["type"].([]string), "null")
	case prop.AnyOf != nil:
		prop.AnyOf = append(prop.AnyOf, &jsonschema.Schema{Type: "null"})
	}
}

// text refines a field that holds text: a string, a list of strings (or
// of lists of them), or a map of strings. A value one of a fixed set gets
// the set; other text also accepts a number, which ecsim reads as its
// text (a YAML 1 is "1"), and, for names, the pattern they must match.
func (g *generator) text(id string, t reflect.Type, prop *jsonschema.Schema) {
	s := prop
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		if t.Kind() == reflect.Slice {
			s = s.Items
		} else {
			s = s.AdditionalProperties
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.String || s == nil {
		return
	}
	if values, ok := g.accepted[id]; ok {
		s.Enum = nil
		for _, v := range values {
			s.Enum = append(s.Enum, v)
		}
		return
	}
	if id == "File.startTime" {
		s.Format = "date-time"
		return
	}
	s.Type = ""
	s.Extras = map[string]any{"type": []string{"string", "number"}}
	if p, ok := g.patterns[id]; ok {
		s.Pattern = p
	}
}

// acceptedDefault reports whether d, a value or a list of values, is
// among values.
func acceptedDefault(values []string, d any) bool {
	if list, ok := d.([]string); ok {
		for _, x := range list {
			if !slices.Contains(values, x) {
				return false
			}
		}
		return true
	}
	s, ok := d.(string)
	return ok && slices.Contains(values, s)
}

// typeComment is the description of type t from its doc comment.
func (g *generator) typeComment(t reflect.Type) string {
	return plain(t.Name(), g.comments[t.PkgPath()+"."+t.Name()])
}

// isNumber reports whether k is a kind of number.
func isNumber(k reflect.Kind) bool {
	return slices.Contains([]reflect.Kind{reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64}, k)
}

// plain turns a Go doc comment into a description: one line, without
// the Go name it starts with ("ProvisioningLimit is the most …" becomes
// "The most …", "Trace replays …" becomes "Replays …").
func plain(goName, doc string) string {
	s := strings.Join(strings.Fields(doc), " ")
	rest, ok := strings.CutPrefix(s, goName+" ")
	if !ok {
		return s
	}
	for _, verb := range []string{"is ", "are "} {
		rest = strings.TrimPrefix(rest, verb)
	}
	first, _, _ := strings.Cut(rest, " ")
	switch {
	case rest == "":
		return s
	case strings.ToLower(first[1:]) != first[1:]:
		return rest // a name such as distinctInstance keeps its case
	}
	return strings.ToUpper(rest[:1]) + rest[1:]
}

// flow writes a default as YAML flow: 1h, [us-east-1a, us-east-1b],
// {distribution: uniform, min: 1m, max: 3m}.
func flow(v any) string {
	switch x := v.(type) {
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		// The distribution first, then its parameters in the order a
		// scenario writes them.
		order := []string{"distribution", "value", "min", "max", "mean", "stddev", "values"}
		slices.SortFunc(keys, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
		var parts []string
		for _, k := range keys {
			parts = append(parts, k+": "+flow(x[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// joinText joins two sentences of a description.
func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasSuffix(a, "."):
		return a + " " + b
	}
	return a + ". " + b
}
