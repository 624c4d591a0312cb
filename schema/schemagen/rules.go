package schemagen

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/invopop/jsonschema"
)

// What the validation asks of a whole block rather than of one value: the
// keys it requires (scenarios.RequiredKeys, AnyOfKeys), the fields each
// placement strategy and constraint type takes, and the durations below a
// field's lower bound.

// objectRules adds to s, the schema of struct type t, the keys t requires
// and, for placement strategies and constraints, what each type takes.
func (g *generator) objectRules(t reflect.Type, s *jsonschema.Schema) error {
	name := t.Name()
	for _, k := range g.requiredKeys[name] {
		if _, ok := s.Properties.Get(k); !ok {
			return fmt.Errorf("schemagen: required key %s.%s is no field", name, k)
		}
		s.Required = append(s.Required, k)
	}
	for _, k := range scenarios.AnyOfKeys()[name] {
		if _, ok := s.Properties.Get(k); !ok {
			return fmt.Errorf("schemagen: key %s.%s is no field", name, k)
		}
		s.AnyOf = append(s.AnyOf, &jsonschema.Schema{Required: []string{k}})
	}
	switch name {
	case "StrategySpec":
		s.AllOf = strategyConditions()
	case "ConstraintSpec":
		s.AllOf = constraintConditions()
	}
	return nil
}

// unset is a text field left empty: "" or no value.
func unset() *jsonschema.Schema { return &jsonschema.Schema{Enum: []any{"", nil}} }

// typeCondition is "when type is name, then".
func typeCondition(name string, then *jsonschema.Schema) *jsonschema.Schema {
	is := jsonschema.NewProperties()
	is.Set("type", &jsonschema.Schema{Const: name})
	return &jsonschema.Schema{If: &jsonschema.Schema{Required: []string{"type"}, Properties: is}, Then: then}
}

// strategyConditions are, per placement strategy type, the field it takes
// (scenarios.StrategyFields): none, one of a set, or attribute:NAME.
func strategyConditions() []*jsonschema.Schema {
	fields := scenarios.StrategyFields()
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []*jsonschema.Schema
	for _, n := range names {
		f := fields[n]
		if f.Any {
			continue
		}
		var options []*jsonschema.Schema
		if len(f.Values) > 0 {
			var values []any
			for _, v := range f.Values {
				values = append(values, v)
			}
			options = append(options, &jsonschema.Schema{Enum: values})
		}
		if f.Attribute {
			options = append(options, &jsonschema.Schema{Type: "string", Pattern: `^attribute:.+$`})
		}
		then := &jsonschema.Schema{}
		if f.None {
			options = append(options, unset())
		} else {
			then.Required = []string{"field"}
		}
		field := &jsonschema.Schema{AnyOf: options}
		if len(options) == 1 {
			field = options[0]
		}
		props := jsonschema.NewProperties()
		props.Set("field", field)
		then.Properties = props
		out = append(out, typeCondition(n, then))
	}
	return out
}

// constraintConditions are, per placement constraint type, an expression
// required or none (scenarios.ConstraintExpressions).
func constraintConditions() []*jsonschema.Schema {
	needs := scenarios.ConstraintExpressions()
	names := make([]string, 0, len(needs))
	for n := range needs {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []*jsonschema.Schema
	for _, n := range names {
		props := jsonschema.NewProperties()
		then := &jsonschema.Schema{Properties: props}
		if needs[n] {
			then.Required = []string{"expression"}
			props.Set("expression", &jsonschema.Schema{Not: unset()})
		} else {
			props.Set("expression", unset())
		}
		out = append(out, typeCondition(n, then))
	}
	return out
}

// processRules adds to the condition of each arrival process (kinds) what
// scenarios.ProcessRules asks: the most tasks a request takes, and the
// rates it needs above 0.
func processRules(name string, cond *jsonschema.Schema) {
	rule, ok := scenarios.ProcessRules()[name]
	if !ok {
		return
	}
	props := jsonschema.NewProperties()
	props.Set("count", &jsonschema.Schema{Maximum: json.Number(strconv.Itoa(rule.MaxCount))})
	for _, k := range rule.Positive {
		cond.Then.Required = append(cond.Then.Required, k)
		props.Set(k, &jsonschema.Schema{ExclusiveMinimum: "0"})
	}
	cond.Then.Properties = props
}

// durationUnits are the units of a duration, in seconds.
var durationUnits = []struct {
	name    string
	seconds float64
}{{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}}

// belowPattern matches durations below a lower bound of lo seconds (at or
// below it when open): zero, written in any unit, and the ones of a single
// number-unit pair whose whole part is below the bound in that unit
// ("30s" below 1m, "500ms" below 1s). A sum of pairs ("20s30s") or a value
// just below the bound with a fraction ("59.5s") is left to ecsim: the
// pattern never matches a duration the bound admits. It is "" when the
// bound admits 0s.
func belowPattern(lo float64, open bool) string {
	if lo < 0 || lo == 0 && !open {
		return ""
	}
	alts := []string{`0`, `(0+\.?0*|\.0+)(ms|s|m|h|d)`}
	for _, u := range durationUnits {
		k := lo / u.seconds
		if r := math.Round(k); math.Abs(k-r) < 1e-9 {
			k = r
		}
		if k >= 1e9 {
			continue
		}
		whole := int64(math.Floor(k)) - 1 // a whole part up to this is below k
		if whole < 0 {
			continue
		}
		alts = append(alts, `(0*(`+upTo(whole)+`)(\.\d*)?|\.\d+)`+u.name)
	}
	return `^\s*(` + strings.Join(alts, "|") + `)\s*$`
}

// upTo matches the whole numbers from 0 to n, without leading zeros
// (the caller allows them).
func upTo(n int64) string {
	digits := strconv.FormatInt(n, 10)
	var alts []string
	switch len(digits) {
	case 1:
	case 2:
		alts = append(alts, `\d`)
	default:
		alts = append(alts, fmt.Sprintf(`\d{1,%d}`, len(digits)-1))
	}
	for i := range len(digits) {
		if digits[i] == '0' {
			continue
		}
		alt := digits[:i] + fmt.Sprintf("[0-%c]", digits[i]-1)
		switch rest := len(digits) - i - 1; {
		case rest == 1:
			alt += `\d`
		case rest > 1:
			alt += fmt.Sprintf(`\d{%d}`, rest)
		}
		alts = append(alts, alt)
	}
	alts = append(alts, digits)
	return strings.Join(alts, "|")
}

// belowBound makes prop, a duration (or list of durations), reject the
// durations belowPattern matches, and the number 0 when 0s is out of
// range.
func belowBound(prop *jsonschema.Schema, rg scenarios.Range) {
	p := belowPattern(rg.Lo, rg.LoOpen)
	if p == "" {
		return
	}
	if prop.Items != nil {
		prop = prop.Items
	}
	prop.Not = &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string", Pattern: p}, {Const: 0}}}
}
