package importer

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// References: Ref to a parameter, a pseudo parameter or a resource, and
// Fn::GetAtt of a resource's attributes.

// cfnAccountID is the account the pseudo parameter AWS::AccountId stands
// for (the documentation's example account).
const cfnAccountID = "123456789012"

// ref is Ref: a parameter's value, a pseudo parameter, or what Ref of a
// resource returns (its name, or its ARN or ID for some types).
func (t *cfnTemplate) ref(arg, at *yaml.Node) (*yaml.Node, *cfnProblem) {
	name, p := t.scalarArg(arg, at, "Ref's argument")
	if p != nil {
		return nil, p
	}
	if strings.HasPrefix(name, "AWS::") {
		return t.pseudo(name, at)
	}
	if decl, ok := t.parameters[name]; ok {
		return t.parameter(name, decl, at)
	}
	r, ok := t.resources[name]
	if !ok {
		return nil, cfnMistake(at, "Ref to %s, which is neither a parameter nor a resource of the template", name)
	}
	v, p := t.refOf(r, at)
	if p != nil {
		return nil, p
	}
	return cfnStr(v, at), nil
}

// pseudo is a pseudo parameter: AWS::Region (us-east-1 unless the
// parameter "AWS::Region" is given), AWS::AccountId, AWS::StackName (the
// template's file name unless given), AWS::Partition, AWS::URLSuffix,
// AWS::StackId and AWS::NoValue (nil: drop what holds it).
func (t *cfnTemplate) pseudo(name string, at *yaml.Node) (*yaml.Node, *cfnProblem) {
	switch name {
	case "AWS::NoValue":
		return nil, nil
	case "AWS::Region":
		return cfnStr(t.region, at), nil
	case "AWS::AccountId":
		return cfnStr(t.account, at), nil
	case "AWS::StackName":
		return cfnStr(t.stackName, at), nil
	case "AWS::StackId":
		return cfnStr(t.arn("cloudformation", "stack/"+t.stackName+"/00000000-0000-0000-0000-000000000000"), at), nil
	case "AWS::Partition":
		return cfnStr(t.partition(), at), nil
	case "AWS::URLSuffix":
		if strings.HasPrefix(t.region, "cn-") {
			return cfnStr("amazonaws.com.cn", at), nil
		}
		return cfnStr("amazonaws.com", at), nil
	}
	return nil, cfnStatic(at, "Ref to %s cannot be resolved statically", name)
}

// partition is the region's partition (aws, aws-cn, aws-us-gov).
func (t *cfnTemplate) partition() string {
	switch {
	case strings.HasPrefix(t.region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(t.region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// arn is the ARN of a resource of service in the stack's region and
// account.
func (t *cfnTemplate) arn(service, resource string) string {
	return "arn:" + t.partition() + ":" + service + ":" + t.region + ":" + t.account + ":" + resource
}

// parameter is a parameter's value: the one given on the command line,
// else its Default; list types (List<…>, CommaDelimitedList) are lists.
func (t *cfnTemplate) parameter(name string, decl, at *yaml.Node) (*yaml.Node, *cfnProblem) {
	value, given := t.params[name]
	if !given {
		def := get(decl, "Default")
		if def == nil {
			return nil, cfnStatic(at, "parameter %s has no Default; give its value with --parameter %s=VALUE", name, name)
		}
		if def.Kind != yaml.ScalarNode || strings.HasPrefix(def.Tag, "!") && !strings.HasPrefix(def.Tag, "!!") {
			return nil, cfnMistake(def, "parameter %s's Default must be a string or a number", name)
		}
		value = def.Value
	}
	typ := ""
	if n := get(decl, "Type"); n != nil {
		typ = n.Value
	}
	if strings.HasPrefix(typ, "List<") || typ == "CommaDelimitedList" {
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: at.Line, Column: at.Column}
		for _, item := range strings.Split(value, ",") {
			out.Content = append(out.Content, cfnStr(strings.TrimSpace(item), at))
		}
		return out, nil
	}
	return cfnStr(value, at), nil
}

// refOf is what Ref of the resource r returns.
func (t *cfnTemplate) refOf(r *cfnResource, at *yaml.Node) (string, *cfnProblem) {
	if p := t.created(r, at); p != nil {
		return "", p
	}
	switch r.typ {
	case "AWS::ECS::Cluster", "AWS::ECS::CapacityProvider", "AWS::AutoScaling::AutoScalingGroup",
		"AWS::AutoScaling::LaunchConfiguration":
		return t.name(r)
	case "AWS::ECS::TaskDefinition", "AWS::ECS::Service":
		return t.getAtt(r.id, "Arn", at)
	case "AWS::EC2::LaunchTemplate":
		return t.getAtt(r.id, "LaunchTemplateId", at)
	}
	return "", cfnStatic(at, "Ref to %s %s cannot be resolved statically", r.typ, r.id)
}

// created checks that r exists in the stack: its Condition, if any, holds.
func (t *cfnTemplate) created(r *cfnResource, at *yaml.Node) *cfnProblem {
	if r.condition == "" {
		return nil
	}
	ok, p := t.namedCondition(r.condition, at)
	if p != nil {
		return p
	}
	if !ok {
		return cfnStatic(at, "resource %s is not created (its condition %s is false)", r.id, r.condition)
	}
	return nil
}

// getAttCall is Fn::GetAtt, in its list form [resource, attribute] or its
// string form "resource.attribute".
func (t *cfnTemplate) getAttCall(arg, at *yaml.Node, shown string) (*yaml.Node, *cfnProblem) {
	var id, attr string
	if arg.Kind == yaml.ScalarNode {
		var ok bool
		id, attr, ok = strings.Cut(arg.Value, ".")
		if !ok {
			return nil, cfnMistake(at, "%s takes \"resource.attribute\" or [resource, attribute]", shown)
		}
	} else {
		args, p := cfnListArgs(arg, at, shown, 2, 2)
		if p != nil {
			return nil, p
		}
		if id, p = t.scalarArg(args[0], at, shown+"'s resource"); p != nil {
			return nil, p
		}
		if attr, p = t.scalarArg(args[1], at, shown+"'s attribute"); p != nil {
			return nil, p
		}
	}
	v, p := t.getAtt(id, attr, at)
	if p != nil {
		return nil, p
	}
	return cfnStr(v, at), nil
}

// getAtt is the attribute attr of the resource id.
func (t *cfnTemplate) getAtt(id, attr string, at *yaml.Node) (string, *cfnProblem) {
	r, ok := t.resources[id]
	if !ok {
		return "", cfnMistake(at, "GetAtt of %s.%s: the template has no resource %s", id, attr, id)
	}
	if p := t.created(r, at); p != nil {
		return "", p
	}
	if p := t.enter(id+"."+attr, at); p != nil {
		return "", p
	}
	defer t.leave()
	return t.attribute(r, attr, at)
}

// attribute is the value of GetAtt r.attr for the resource types ecsim
// reads: the ARN and name of clusters, services and task definitions, the
// ID and version numbers of launch templates (a stack's own launch
// template is at version 1).
func (t *cfnTemplate) attribute(r *cfnResource, attr string, at *yaml.Node) (string, *cfnProblem) {
	key := r.typ + " " + attr
	var prefix string
	switch key {
	case "AWS::ECS::Cluster Arn":
		prefix = "cluster/"
	case "AWS::ECS::TaskDefinition Arn", "AWS::ECS::TaskDefinition TaskDefinitionArn":
		name, p := t.name(r)
		return t.arn("ecs", "task-definition/"+name+":1"), p
	case "AWS::ECS::Service Name":
		return t.name(r)
	case "AWS::ECS::Service Arn", "AWS::ECS::Service ServiceArn":
		return t.serviceARN(r)
	case "AWS::EC2::LaunchTemplate LaunchTemplateId":
		return "lt-" + strings.ToLower(r.id), nil
	case "AWS::EC2::LaunchTemplate DefaultVersionNumber", "AWS::EC2::LaunchTemplate LatestVersionNumber":
		return "1", nil
	default:
		return "", cfnStatic(at, "GetAtt %s.%s (%s) cannot be resolved statically", r.id, attr, r.typ)
	}
	name, p := t.name(r)
	return t.arn("ecs", prefix+name), p
}

// serviceARN is a service's ARN (the long format, with its cluster).
func (t *cfnTemplate) serviceARN(r *cfnResource) (string, *cfnProblem) {
	name, p := t.name(r)
	if p != nil {
		return "", p
	}
	cluster := "default"
	if n := get(r.props, "Cluster"); n != nil {
		v, p := t.scalarArg(n, n, "Cluster")
		if p != nil {
			return "", p
		}
		cluster = cfnLastPart(v, "cluster/")
	}
	return t.arn("ecs", "service/"+cluster+"/"+name), nil
}

// cfnNameProperty is the property that names a resource of type typ.
func cfnNameProperty(typ string) string {
	switch typ {
	case "AWS::ECS::Cluster":
		return "ClusterName"
	case "AWS::ECS::CapacityProvider":
		return "Name"
	case "AWS::ECS::Service":
		return "ServiceName"
	case "AWS::ECS::TaskDefinition":
		return "Family"
	case "AWS::AutoScaling::AutoScalingGroup":
		return "AutoScalingGroupName"
	case "AWS::AutoScaling::LaunchConfiguration":
		return "LaunchConfigurationName"
	case "AWS::EC2::LaunchTemplate":
		return "LaunchTemplateName"
	}
	return ""
}

// name is a resource's name: its name property resolved, else its logical
// ID (CloudFormation would make up a name from the stack's name, the
// logical ID and a random suffix). Names are computed once; a name that
// depends on itself is a reference cycle.
func (t *cfnTemplate) name(r *cfnResource) (string, *cfnProblem) {
	if v, ok := t.names[r.id]; ok {
		return v, nil
	}
	n := get(r.props, cfnNameProperty(r.typ))
	if n == nil {
		return r.id, nil
	}
	if p := t.enter("resource "+r.id, n); p != nil {
		return "", p
	}
	defer t.leave()
	v, p := t.scalarArg(n, n, fmt.Sprintf("%s's %s", r.id, cfnNameProperty(r.typ)))
	if p != nil {
		return "", p
	}
	t.names[r.id] = v
	return v, nil
}

// enter marks what is being computed, or reports the cycle it closes.
func (t *cfnTemplate) enter(what string, at *yaml.Node) *cfnProblem {
	for i, w := range t.stack {
		if w == what {
			cycle := append(append([]string{}, t.stack[i:]...), what)
			return cfnMistake(at, "reference cycle: %s", strings.Join(cycle, " → "))
		}
	}
	t.stack = append(t.stack, what)
	return nil
}

// leave ends what enter began.
func (t *cfnTemplate) leave() { t.stack = t.stack[:len(t.stack)-1] }

// cfnLastPart is what follows the last sep in s (s itself without one): the
// name in an ARN such as arn:aws:ecs:…:cluster/shop.
func cfnLastPart(s, sep string) string {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[i+len(sep):]
	}
	return s
}
