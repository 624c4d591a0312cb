package schemagen

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/invopop/jsonschema"
)

// durationPattern is the syntax of a duration that is not negative, as
// scenarios.ParseDuration reads it: "0", or number-unit pairs (90s, 1h30m,
// 1.5h, 500ms), spaces around allowed. ParseDuration also takes a leading
// "-", which no field's range allows.
const durationPattern = `^\s*(0|((\d+\.?\d*|\.\d+)(ms|s|m|h|d))+)\s*$`

// taskSizePattern is a task size written as text, as scenarios reads it:
// a number of CPU units or MiB ("512"), or one with a unit, "N vCPU"
// (× 1024 CPU units) or "N GB" (× 1024 MiB), in any case.
const taskSizePattern = `^\s*\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*([vV][cC][pP][uU]|[gG][bB])?\s*$`

// durationSchema is the definition of a duration: a string of
// number-unit pairs, or the number 0.
func durationSchema(doc string) *jsonschema.Schema {
	return &jsonschema.Schema{Description: doc, AnyOf: []*jsonschema.Schema{
		{Type: "string", Pattern: durationPattern, Extras: patternMessage(scenarios.DurationSyntax())},
		{Type: "integer", Const: 0},
	}}
}

// taskSizeSchema is a task size: a whole number, or text (taskSizePattern).
func taskSizeSchema() *jsonschema.Schema {
	return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
		{Type: "integer", Minimum: "0"},
		{Type: "string", Pattern: taskSizePattern, Extras: patternMessage(scenarios.TaskSizeSyntax())},
	}}
}

// patternMessage is the message editors (the YAML language server, VS
// Code) show for text that does not match a pattern, instead of the
// regular expression: patternErrorMessage, a keyword of theirs that other
// validators ignore.
func patternMessage(help string) map[string]any {
	return map[string]any{"patternErrorMessage": "Expected " + help + "."}
}

// variantsSchema is the definition of the variants: block: variant name →
// PATH → VALUE, the overrides as --set takes them.
func variantsSchema(doc string) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", Description: doc,
		PropertyNames: &jsonschema.Schema{Pattern: scenarios.VariantNamePattern()},
		AdditionalProperties: &jsonschema.Schema{Type: "object",
			Description:          "A variant: PATH: VALUE overrides, as --set takes them (workloads.batch.arrivals.ratePerMinute: 40).",
			AdditionalProperties: jsonschema.TrueSchema}}
}

// sweepParameters makes the sweep's parameters what the block takes:
// PATH → a non-empty list of distinct values.
func sweepParameters(prop *jsonschema.Schema) {
	one := uint64(1)
	desc := prop.Description
	*prop = jsonschema.Schema{Type: "object", Description: desc,
		AdditionalProperties: &jsonschema.Schema{Type: "array", MinItems: &one, UniqueItems: true, Items: jsonschema.TrueSchema}}
}

// durationField describes a duration field's range; its bounds are
// durations, which no JSON Schema keyword compares, so they are told.
func durationField(prop *jsonschema.Schema, tag string) error {
	if tag == "" {
		return fmt.Errorf("no range tag")
	}
	rg := scenarios.FieldRange(tag, true)
	if !rg.Any && rg.Lo < 0 {
		return fmt.Errorf("range %s allows negative durations, which the Duration definition does not", tag)
	}
	prop.Description = joinText(prop.Description, sentence("a duration, "+rg.Text))
	belowBound(prop, rg)
	return nil
}

// taskSizeField bounds a task size's number by the field's range and
// tells the range for the text form.
func taskSizeField(prop *jsonschema.Schema, tag string) error {
	if tag == "" {
		return fmt.Errorf("no range tag")
	}
	rg := scenarios.FieldRange(tag, false)
	bounds(prop.AnyOf[0], rg)
	prop.Description = joinText(joinText(prop.Description,
		`A number, or text: "512", "1 vCPU" (× 1024 CPU units), "2 GB" (× 1024 MiB).`), sentence(rg.Text))
	return nil
}

// numberField sets a number's type and bounds from its range tag. For a
// plain (not pointer) field, 0 means unset (ranges.go), so 0 is accepted
// even where the range excludes it.
func numberField(prop *jsonschema.Schema, tag string, k reflect.Kind, plainZero bool) error {
	if tag == "" {
		return fmt.Errorf("no range tag")
	}
	rg := scenarios.FieldRange(tag, false)
	if rg.Any {
		if k == reflect.Uint64 {
			prop.Minimum = "0"
		}
		return nil
	}
	zeroOutside := rg.Lo > 0 || rg.Lo == 0 && rg.LoOpen || rg.Hi < 0 || rg.Hi == 0 && rg.HiOpen
	text := sentence(rg.Text)
	switch {
	case !plainZero || !zeroOutside:
		bounds(prop, rg)
	case rg.Lo == 0 && rg.LoOpen:
		rg.LoOpen = false // (0, hi] with 0 for unset is [0, hi]
		bounds(prop, rg)
		text = strings.TrimSuffix(text, ".") + "; 0 counts as not given."
	default:
		b := &jsonschema.Schema{}
		bounds(b, rg)
		prop.AnyOf = []*jsonschema.Schema{{Const: 0}, b}
		text = strings.TrimSuffix(text, ".") + "; 0 counts as not given."
	}
	prop.Description = joinText(prop.Description, text)
	return nil
}

// bounds sets s's minimum and maximum (exclusive for open bounds).
func bounds(s *jsonschema.Schema, rg scenarios.Range) {
	lo, hi := number(rg.Lo), number(rg.Hi)
	if rg.LoOpen {
		s.ExclusiveMinimum = lo
	} else {
		s.Minimum = lo
	}
	if rg.HiOpen {
		s.ExclusiveMaximum = hi
	} else {
		s.Maximum = hi
	}
}

// number writes x as a JSON number, in full below 1e15.
func number(x float64) json.Number {
	if math.Abs(x) < 1e15 {
		return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
	}
	return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
