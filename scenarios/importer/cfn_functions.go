package importer

import (
	"encoding/base64"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The intrinsic functions other than Ref and Fn::GetAtt: Fn::Sub, the
// list functions, the condition functions and Fn::If, Fn::FindInMap,
// Fn::GetAZs and Fn::Base64.

// sub is Fn::Sub: "text ${Name} ${Resource.Attribute} ${!Literal}", or
// [text, {Name: value}] with variables of its own.
func (t *cfnTemplate) sub(arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	for arg.Kind == yaml.AliasNode && arg.Alias != nil {
		arg = arg.Alias
	}
	text, vars := arg, (*yaml.Node)(nil)
	if arg.Kind == yaml.SequenceNode {
		args, p := cfnListArgs(arg, at, shown, 2, 2)
		if p != nil {
			return nil, p
		}
		text, vars = args[0], args[1]
		for vars.Kind == yaml.AliasNode && vars.Alias != nil {
			vars = vars.Alias
		}
		if vars.Kind != yaml.MappingNode {
			return nil, cfnMistake(at, "%s's second item must be a mapping of variables", shown)
		}
	}
	if text.Kind != yaml.ScalarNode {
		return nil, cfnMistake(at, "%s takes a string, or [string, {variables}]", shown)
	}
	var b strings.Builder
	s := text.Value
	for {
		i := strings.Index(s, "${")
		j := strings.Index(s[max(i, 0):], "}")
		if i < 0 || j < 0 {
			b.WriteString(s)
			return cfnStr(b.String(), at), nil
		}
		b.WriteString(s[:i])
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if lit, ok := strings.CutPrefix(name, "!"); ok {
			b.WriteString("${" + lit + "}")
			continue
		}
		v, p := t.subVariable(strings.TrimSpace(name), vars, at)
		if p != nil {
			return nil, p
		}
		b.WriteString(v)
	}
}

// subVariable is the value of ${name} in Fn::Sub: one of its own
// variables, else a parameter, pseudo parameter or resource (Ref), else
// an attribute (Resource.Attribute).
func (t *cfnTemplate) subVariable(name string, vars, at *yaml.Node) (string, *cfnProblem) {
	if n := get(vars, name); n != nil {
		return t.scalarArg(n, at, "${"+name+"}")
	}
	if _, isParameter := t.parameters[name]; !isParameter && strings.Contains(name, ".") {
		id, attr, _ := strings.Cut(name, ".")
		return t.getAtt(id, attr, at)
	}
	v, p := t.ref(cfnStr(name, at), at)
	if p != nil {
		return "", p
	}
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", cfnMistake(at, "${%s} is not a string", name)
	}
	return v.Value, nil
}

// ifCall is Fn::If [condition, value if true, value if false].
func (t *cfnTemplate) ifCall(arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	args, p := cfnListArgs(arg, at, shown, 3, 3)
	if p != nil {
		return nil, p
	}
	name, p := t.scalarArg(args[0], at, shown+"'s condition")
	if p != nil {
		return nil, p
	}
	ok, p := t.namedCondition(name, at)
	if p != nil {
		return nil, p
	}
	if ok {
		return t.resolve(args[1])
	}
	return t.resolve(args[2])
}

// condition evaluates a condition function: Fn::Equals on resolved values,
// Fn::Not, Fn::And and Fn::Or on conditions, Condition naming one of the
// template's Conditions.
func (t *cfnTemplate) condition(fn string, arg, at *yaml.Node, shown string) (bool, *cfnProblem) {
	switch fn {
	case "Condition":
		name, p := t.scalarArg(arg, at, "Condition")
		if p != nil {
			return false, p
		}
		return t.namedCondition(name, at)
	case "Fn::Equals":
		args, p := cfnListArgs(arg, at, shown, 2, 2)
		if p != nil {
			return false, p
		}
		a, p := t.scalarArg(args[0], at, shown+"'s first value")
		if p != nil {
			return false, p
		}
		b, p := t.scalarArg(args[1], at, shown+"'s second value")
		return a == b, p
	case "Fn::Not":
		args, p := cfnListArgs(arg, at, shown, 1, 1)
		if p != nil {
			return false, p
		}
		ok, p := t.conditionArg(args[0], at)
		return !ok, p
	}
	args, p := cfnListArgs(arg, at, shown, 2, 10)
	if p != nil {
		return false, p
	}
	all := fn == "Fn::And"
	for _, a := range args {
		ok, p := t.conditionArg(a, at)
		if p != nil {
			return false, p
		}
		if ok != all {
			return ok, nil
		}
	}
	return all, nil
}

// conditionArg evaluates an argument of Fn::Not, Fn::And or Fn::Or: a
// condition function, or {"Condition": name}.
func (t *cfnTemplate) conditionArg(n, at *yaml.Node) (bool, *cfnProblem) {
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "Condition" && n.Tag != "!Condition" {
		return t.condition("Condition", n.Content[1], n, "Condition")
	}
	v, p := t.resolve(n)
	if p != nil {
		return false, p
	}
	return cfnTruth(v, at)
}

// cfnTruth reads a resolved boolean.
func cfnTruth(v, at *yaml.Node) (bool, *cfnProblem) {
	if v != nil && v.Kind == yaml.ScalarNode {
		switch strings.ToLower(v.Value) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, cfnMistake(at, "a condition must be true or false")
}

// namedCondition evaluates the template's condition name, once.
func (t *cfnTemplate) namedCondition(name string, at *yaml.Node) (bool, *cfnProblem) {
	if v, ok := t.conditionValues[name]; ok {
		return v, nil
	}
	n, ok := t.conditions[name]
	if !ok {
		return false, cfnMistake(at, "the template has no condition %s", name)
	}
	if p := t.enter("condition "+name, n); p != nil {
		return false, p
	}
	defer t.leave()
	v, p := t.conditionArg(n, n)
	if p != nil {
		return false, p
	}
	t.conditionValues[name] = v
	return v, nil
}

// listCall is Fn::Join [delimiter, list], Fn::Select [index, list],
// Fn::Split [delimiter, string] and Fn::Length list.
func (t *cfnTemplate) listCall(fn string, arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	if fn == "Fn::Length" {
		list, p := t.listValue(arg, at, shown)
		if p != nil {
			return nil, p
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(len(list.Content)), Line: at.Line, Column: at.Column}, nil
	}
	args, p := cfnListArgs(arg, at, shown, 2, 2)
	if p != nil {
		return nil, p
	}
	first, p := t.scalarArg(args[0], at, shown+"'s first item")
	if p != nil {
		return nil, p
	}
	if fn == "Fn::Split" {
		return t.split(first, args[1], at, shown)
	}
	list, p := t.listValue(args[1], at, shown)
	if p != nil {
		return nil, p
	}
	if fn == "Fn::Join" {
		parts := make([]string, 0, len(list.Content))
		for _, item := range list.Content {
			if item.Kind != yaml.ScalarNode {
				return nil, cfnMistake(at, "%s joins strings, not lists or mappings", shown)
			}
			parts = append(parts, item.Value)
		}
		return cfnStr(strings.Join(parts, first), at), nil
	}
	i, err := strconv.Atoi(first)
	if err != nil || i < 0 || i >= len(list.Content) {
		return nil, cfnMistake(at, "%s index %s is outside the list of %d", shown, first, len(list.Content))
	}
	return list.Content[i], nil
}

// split is Fn::Split [delimiter, string].
func (t *cfnTemplate) split(delimiter string, arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	s, p := t.scalarArg(arg, at, shown+"'s string")
	if p != nil || delimiter == "" {
		return nil, cfnFirstProblem(p, cfnMistake(at, "%s needs a delimiter", shown))
	}
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: at.Line, Column: at.Column}
	for _, part := range strings.Split(s, delimiter) {
		out.Content = append(out.Content, cfnStr(part, at))
	}
	return out, nil
}

// listValue resolves n to a list.
func (t *cfnTemplate) listValue(n, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	v, p := t.resolve(n)
	if p != nil {
		return nil, p
	}
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil, cfnMistake(at, "%s needs a list", shown)
	}
	return v, nil
}

// cfnFirstProblem is the first non-nil problem.
func cfnFirstProblem(ps ...*cfnProblem) *cfnProblem {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

// valueCall is Fn::FindInMap [map, key, key], Fn::GetAZs (the region's
// zones a, b and c) and Fn::Base64.
func (t *cfnTemplate) valueCall(fn string, arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	switch fn {
	case "Fn::Base64":
		s, p := t.scalarArg(arg, at, shown+"'s argument")
		return cfnStr(base64.StdEncoding.EncodeToString([]byte(s)), at), p
	case "Fn::GetAZs":
		region, p := t.scalarArg(arg, at, shown+"'s region")
		if region == "" {
			region = t.region
		}
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: at.Line, Column: at.Column}
		for _, z := range []string{"a", "b", "c"} {
			out.Content = append(out.Content, cfnStr(region+z, at))
		}
		return out, p
	}
	args, p := cfnListArgs(arg, at, shown, 3, 4)
	if p != nil {
		return nil, p
	}
	node := t.mappings
	for i, a := range args[:3] {
		key, p := t.scalarArg(a, at, shown+"'s key")
		if p != nil {
			return nil, p
		}
		if node = get(node, key); node == nil {
			if def := get(args[len(args)-1], "DefaultValue"); len(args) == 4 && def != nil {
				return t.resolve(def)
			}
			return nil, cfnMistake(at, "%s: %s has no key %s", shown, []string{"Mappings", "the mapping", "the mapping's entry"}[i], key)
		}
	}
	return t.resolve(node)
}
