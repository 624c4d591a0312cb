package importer

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// The static resolution of CloudFormation's intrinsic functions: a value of
// the template, with its !Ref, !Sub, !If… (or {"Ref": …}, {"Fn::Sub": …}),
// becomes the plain value the stack would have, where that is knowable
// without AWS. What is not knowable (an export of another stack, the ARN of
// a role) is a cfnProblem that says so; the caller decides whether the
// value mattered.

// cfnMaxSteps bounds the work of resolving one template, so that a template
// of aliases nested within aliases ends with an error instead of a hang.
const cfnMaxSteps = 300_000

// cfnMaxDepth bounds the nesting of the values resolved.
const cfnMaxDepth = 500

// cfnProblem is why a value could not be resolved: static problems are
// values only the running stack knows (harmless where the value is not
// modelled); the others are mistakes in the template.
type cfnProblem struct {
	node   *yaml.Node
	msg    string
	static bool
}

// cfnStatic is a value only the running stack knows.
func cfnStatic(at *yaml.Node, format string, args ...any) *cfnProblem {
	return &cfnProblem{node: at, msg: fmt.Sprintf(format, args...), static: true}
}

// cfnMistake is a mistake in the template.
func cfnMistake(at *yaml.Node, format string, args ...any) *cfnProblem {
	return &cfnProblem{node: at, msg: fmt.Sprintf(format, args...)}
}

// resolve returns n with every intrinsic function replaced by its value, as
// new nodes keeping the source's line and column; nil (and no problem) for
// AWS::NoValue, which drops the property or item that holds it.
func (t *cfnTemplate) resolve(n *yaml.Node) (*yaml.Node, *cfnProblem) {
	if n == nil {
		return nil, cfnMistake(nil, "a value is missing")
	}
	t.steps++
	if t.steps > cfnMaxSteps {
		return nil, cfnMistake(n, "the template takes more than %d steps to resolve (aliases within aliases?)", cfnMaxSteps)
	}
	if t.depth >= cfnMaxDepth {
		return nil, cfnMistake(n, "values nested more than %d deep", cfnMaxDepth)
	}
	t.depth++
	defer func() { t.depth-- }()
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}, nil
		}
		return t.resolve(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, cfnMistake(n, "an alias to nothing")
		}
		return t.resolve(n.Alias)
	}
	if fn, ok := cfnShortFunction(n.Tag); ok {
		arg := *n
		arg.Tag = ""
		return t.call(fn, &arg, n, "!"+strings.TrimPrefix(fn, "Fn::"))
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return nil, cfnMistake(n, "unknown tag %s", n.Tag)
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return t.resolveSequence(n)
	case yaml.MappingNode:
		if len(n.Content) == 2 && cfnIsFunction(n.Content[0].Value) {
			return t.call(n.Content[0].Value, n.Content[1], n, n.Content[0].Value)
		}
		return t.resolveMapping(n)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: n.ShortTag(), Value: n.Value, Line: n.Line, Column: n.Column}, nil
}

// resolveSequence resolves every item, dropping AWS::NoValue.
func (t *cfnTemplate) resolveSequence(n *yaml.Node) (*yaml.Node, *cfnProblem) {
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column}
	for _, item := range n.Content {
		v, p := t.resolve(item)
		if p != nil {
			return nil, p
		}
		if v != nil {
			out.Content = append(out.Content, v)
		}
	}
	return out, nil
}

// resolveMapping resolves every value, dropping keys whose value is
// AWS::NoValue.
func (t *cfnTemplate) resolveMapping(n *yaml.Node) (*yaml.Node, *cfnProblem) {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v, p := t.resolve(n.Content[i+1])
		if p != nil {
			return nil, p
		}
		if v != nil {
			k := n.Content[i]
			out.Content = append(out.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Value,
				Line: k.Line, Column: k.Column}, v)
		}
	}
	return out, nil
}

// cfnShortFunction maps a YAML short-form tag to the function's full name:
// !Ref → Ref, !Condition → Condition, !Sub → Fn::Sub.
func cfnShortFunction(tag string) (string, bool) {
	name, ok := strings.CutPrefix(tag, "!")
	if !ok || strings.HasPrefix(name, "!") || name == "" {
		return "", false
	}
	switch name {
	case "Ref", "Condition":
		return name, true
	case "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or", "FindInMap", "Base64",
		"GetAZs", "ImportValue", "Cidr", "Length", "ToJsonString", "Transform", "ForEach":
		return "Fn::" + name, true
	}
	return "", false
}

// cfnIsFunction reports whether a one-key mapping with this key is an
// intrinsic function in its long form.
func cfnIsFunction(k string) bool {
	return k == "Ref" || strings.HasPrefix(k, "Fn::")
}

// call evaluates the intrinsic function fn with its argument arg; at is
// the node that holds the call, shown is how the template spells it
// (!Sub or Fn::Sub) for messages.
func (t *cfnTemplate) call(fn string, arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	switch fn {
	case "Ref":
		return t.ref(arg, at)
	case "Fn::GetAtt":
		return t.getAttCall(arg, at, shown)
	case "Fn::Sub":
		return t.sub(arg, at, shown)
	case "Fn::If":
		return t.ifCall(arg, at, shown)
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
		ok, p := t.condition(fn, arg, at, shown)
		if p != nil {
			return nil, p
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(ok), Line: at.Line, Column: at.Column}, nil
	case "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Length":
		return t.listCall(fn, arg, at, shown)
	case "Fn::FindInMap", "Fn::GetAZs", "Fn::Base64":
		return t.valueCall(fn, arg, at, shown)
	case "Fn::ImportValue":
		return nil, cfnStatic(at, "%s cannot be resolved statically (it is another stack's export)", shown)
	}
	return nil, cfnStatic(at, "%s cannot be resolved statically", shown)
}

// scalarArg resolves arg to one scalar's text, or says what it got.
func (t *cfnTemplate) scalarArg(arg, at *yaml.Node, what string) (string, *cfnProblem) {
	v, p := t.resolve(arg)
	if p != nil {
		return "", p
	}
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", cfnMistake(at, "%s must be a string", what)
	}
	return v.Value, nil
}

// cfnListArgs checks that arg is a list of n to max items (unresolved).
func cfnListArgs(arg, at *yaml.Node, shown string, n, max int) ([]*yaml.Node, *cfnProblem) {
	for arg.Kind == yaml.AliasNode && arg.Alias != nil {
		arg = arg.Alias
	}
	if arg.Kind != yaml.SequenceNode || len(arg.Content) < n || len(arg.Content) > max {
		if n == max {
			return nil, cfnMistake(at, "%s takes a list of %d items", shown, n)
		}
		return nil, cfnMistake(at, "%s takes a list of %d to %d items", shown, n, max)
	}
	return arg.Content, nil
}

// cfnStr is a resolved string at the position of at.
func cfnStr(v string, at *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: at.Line, Column: at.Column}
}
