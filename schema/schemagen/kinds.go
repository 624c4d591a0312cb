package schemagen

import (
	"fmt"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/invopop/jsonschema"
)

// kinds adds to the distributions and the arrivals, whose keys depend on
// their kind, one condition per kind of the built-in registries (the ones
// the loader uses by default): a distribution takes exactly the keys its
// kind reads (scenarios distShape), an arrival process only the keys it
// reads besides process and count.
func (g *generator) kinds() error {
	wl := scenarios.DefaultRegistries().Workloads
	var distConds []*jsonschema.Schema
	for _, name := range wl.Distributions() {
		d, _ := wl.Distribution(name)
		distConds = append(distConds, kindCondition("distribution", name, d.Keys, true))
	}
	var procConds []*jsonschema.Schema
	for _, name := range wl.Processes() {
		p, _ := wl.Process(name)
		cond := kindCondition("process", name, append([]string{"count"}, p.Keys...), false)
		processRules(name, cond)
		procConds = append(procConds, cond)
	}
	for def, conds := range map[string][]*jsonschema.Schema{"DistSpec": distConds, "NumDistSpec": distConds, "ArrivalsSpec": procConds} {
		s, ok := g.root.Definitions[def]
		if !ok {
			return fmt.Errorf("schemagen: no definition %s", def)
		}
		s.AllOf = conds
	}
	return nil
}

// kindCondition is "when key is name, only key and keys are allowed",
// and all of keys required when required is set.
func kindCondition(key, name string, keys []string, required bool) *jsonschema.Schema {
	allowed := []any{key}
	for _, k := range keys {
		allowed = append(allowed, k)
	}
	then := &jsonschema.Schema{PropertyNames: &jsonschema.Schema{Enum: allowed}}
	if required {
		then.Required = keys
	}
	is := jsonschema.NewProperties()
	is.Set(key, &jsonschema.Schema{Const: name})
	return &jsonschema.Schema{If: &jsonschema.Schema{Required: []string{key}, Properties: is}, Then: then}
}
