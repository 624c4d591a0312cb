package importer

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// cfnEvalTemplate is the template the intrinsic-function cases resolve in.
const cfnEvalTemplate = `
Parameters:
  Env: {Type: String, Default: prod}
  Count: {Type: Number, Default: 3}
  Zones: {Type: CommaDelimitedList, Default: "a, b"}
  NoDefault: {Type: String}
Mappings:
  Sizes:
    prod: {Max: 10}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, {Condition: IsDev}]
  Either: {"Fn::Or": [{Condition: IsDev}, {"Fn::Equals": [!Ref Count, "3"]}]}
  Loop: !Not [!Condition Loop]
Resources:
  Cluster: {Type: AWS::ECS::Cluster, Properties: {ClusterName: shop}}
  Unnamed: {Type: AWS::ECS::Cluster}
  Provider: {Type: AWS::ECS::CapacityProvider, Properties: {Name: !Sub "${Cluster}-general"}}
  Web: {Type: AWS::ECS::Service, Properties: {ServiceName: web, Cluster: !Ref Cluster}}
  WebTask: {Type: AWS::ECS::TaskDefinition, Properties: {Family: web}}
  Group: {Type: AWS::AutoScaling::AutoScalingGroup}
  Config: {Type: AWS::AutoScaling::LaunchConfiguration, Properties: {LaunchConfigurationName: !Join ["-", [!Ref Env, lc]]}}
  Template: {Type: AWS::EC2::LaunchTemplate}
  Role: {Type: AWS::IAM::Role}
  A: {Type: AWS::ECS::Cluster, Properties: {ClusterName: !Sub "${B}"}}
  B: {Type: AWS::ECS::Cluster, Properties: {ClusterName: !GetAtt A.Arn}}
  OnlyInDev: {Type: AWS::ECS::Cluster, Condition: IsDev}
`

// cfnEval resolves expr (YAML) in cfnEvalTemplate, as flow YAML.
func cfnEval(t *testing.T, expr string, params map[string]string) (string, *cfnProblem) {
	t.Helper()
	tpl := newCFNTemplate("eval.yaml", params)
	if !tpl.parse([]byte(cfnEvalTemplate)) {
		t.Fatal(tpl.errs.Err())
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(expr), &n); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	v, p := tpl.resolve(&n)
	if p != nil {
		return "", p
	}
	if v == nil {
		return "<no value>", nil
	}
	cfnFlow(v)
	out, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out)), nil
}

// cfnFlow writes n on one line.
func cfnFlow(n *yaml.Node) {
	n.Style = yaml.FlowStyle
	if n.Kind == yaml.ScalarNode {
		n.Style = 0
	}
	for _, c := range n.Content {
		cfnFlow(c)
	}
}

// TestCloudFormationIntrinsics: every intrinsic function, short and long
// form, against values worked out by hand from cfnEvalTemplate and the
// CloudFormation documentation (ARN formats, Ref's return values).
func TestCloudFormationIntrinsics(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"!Ref Env", "prod"},
		{"{Ref: Count}", `"3"`},
		{"!Ref Zones", "[a, b]"},
		{"!Ref AWS::Region", "us-east-1"},
		{"!Ref AWS::AccountId", `"123456789012"`},
		{"!Ref AWS::Partition", "aws"},
		{"!Ref AWS::StackName", "eval"},
		{"!Ref AWS::URLSuffix", "amazonaws.com"},
		{"!Ref AWS::NoValue", "<no value>"},
		{"[a, !Ref AWS::NoValue, b]", "[a, b]"},
		{"{x: !Ref AWS::NoValue, y: 1}", "{y: 1}"},
		{`!Sub "${Env}-${AWS::Region}-${!Literal}"`, "prod-us-east-1-${Literal}"},
		{`!Sub ["${A}.${Env}", {A: !Ref Count}]`, "3.prod"},
		{`{"Fn::Sub": "${Cluster.Arn}"}`, "arn:aws:ecs:us-east-1:123456789012:cluster/shop"},
		{"!GetAtt Web.Name", "web"},
		{`{"Fn::GetAtt": [Web, ServiceArn]}`, "arn:aws:ecs:us-east-1:123456789012:service/shop/web"},
		{`{"Fn::GetAtt": "WebTask.TaskDefinitionArn"}`, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"},
		{"!Ref WebTask", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"},
		{"!Ref Web", "arn:aws:ecs:us-east-1:123456789012:service/shop/web"},
		{"!Ref Cluster", "shop"},
		{"!Ref Provider", "shop-general"},
		{"!Ref Unnamed", "Unnamed"},
		{"!Ref Group", "Group"},
		{"!Ref Config", "prod-lc"},
		{"!Ref Template", "lt-template"},
		{"!GetAtt Template.LatestVersionNumber", `"1"`},
		{`!Join ["-", [a, !Ref Env]]`, "a-prod"},
		{`{"Fn::Join": ["", [!Ref Zones, x]]}`, "<problem>"},
		{`!Select [1, !Split [",", "x,y,z"]]`, "y"},
		{`!Select ["0", !GetAZs ""]`, "us-east-1a"},
		{"!GetAZs eu-west-1", "[eu-west-1a, eu-west-1b, eu-west-1c]"},
		{`{"Fn::GetAZs": {Ref: AWS::Region}}`, "[us-east-1a, us-east-1b, us-east-1c]"},
		{"!FindInMap [Sizes, !Ref Env, Max]", "10"},
		{`{"Fn::FindInMap": [Sizes, staging, Max, {DefaultValue: 1}]}`, "1"},
		{"!If [IsProd, yes, no]", "yes"},
		{"!If [IsDev, yes, no]", "no"},
		{"!If [Both, yes, no]", "no"},
		{"!If [Either, yes, !Ref AWS::NoValue]", "yes"},
		{`{"Fn::If": [IsDev, yes, {Ref: AWS::NoValue}]}`, "<no value>"},
		{"!Base64 hi", "aGk="},
		{`{"Fn::Length": [a, b, c]}`, "3"},
		{"!Equals [a, a]", "true"},
		{"!Or [!Equals [a, b], !Condition IsProd]", "true"},
	} {
		got, p := cfnEval(t, tc.expr, nil)
		if p != nil {
			got = "<problem>"
		}
		if got != tc.want {
			t.Errorf("%s = %s, want %s (%v)", tc.expr, got, tc.want, p)
		}
	}
	if got, _ := cfnEval(t, "!Sub ${AWS::Region}-${Env}", map[string]string{"Env": "dev"}); got != "us-east-1-dev" {
		t.Errorf("with Env=dev: %s", got)
	}
}

// TestCloudFormationUnresolvable: what only the running stack knows is a
// static problem (an error only where ecsim needs the value); a mistake in
// the template is not; each message says what could not be resolved.
func TestCloudFormationUnresolvable(t *testing.T) {
	for _, tc := range []struct {
		expr, want string
		static     bool
	}{
		{"!ImportValue x", "!ImportValue cannot be resolved statically (it is another stack's export)", true},
		{`{"Fn::ImportValue": x}`, "Fn::ImportValue cannot be resolved statically (it is another stack's export)", true},
		{"!Ref NoDefault", "parameter NoDefault has no Default; give its value with --parameter NoDefault=VALUE", true},
		{"!GetAtt Role.Arn", "GetAtt Role.Arn (AWS::IAM::Role) cannot be resolved statically", true},
		{"!Ref Role", "Ref to AWS::IAM::Role Role cannot be resolved statically", true},
		{"!GetAtt Cluster.Nope", "GetAtt Cluster.Nope (AWS::ECS::Cluster) cannot be resolved statically", true},
		{"!Ref OnlyInDev", "resource OnlyInDev is not created (its condition IsDev is false)", true},
		{`{"Fn::Cidr": [10.0.0.0/16, 2, 8]}`, "Fn::Cidr cannot be resolved statically", true},
		{"!Ref AWS::NotificationARNs", "Ref to AWS::NotificationARNs cannot be resolved statically", true},
		{"!Ref Missing", "Ref to Missing, which is neither a parameter nor a resource of the template", false},
		{"!GetAtt Missing.Arn", "GetAtt of Missing.Arn: the template has no resource Missing", false},
		{"!Ref A", "reference cycle: resource A → resource B → A.Arn → resource A", false},
		{"!If [Loop, a, b]", "reference cycle: condition Loop → condition Loop", false},
		{"!If [Nope, a, b]", "the template has no condition Nope", false},
		{"!Select [5, [a]]", "!Select index 5 is outside the list of 1", false},
		{"!Foo x", "unknown tag !Foo", false},
		{"!Sub [a, b, c]", "!Sub takes a list of 2 items", false},
		{"!GetAtt NoDot", "!GetAtt takes \"resource.attribute\" or [resource, attribute]", false},
		{"!FindInMap [Sizes, dev, Max]", "!FindInMap: the mapping has no key dev", false},
		{`!Split ["", abc]`, "!Split needs a delimiter", false},
		{"!Equals [[a], a]", "!Equals's first value must be a string", false},
	} {
		got, p := cfnEval(t, tc.expr, nil)
		if p == nil {
			t.Errorf("%s = %s, want the problem %q", tc.expr, got, tc.want)
			continue
		}
		if p.msg != tc.want || p.static != tc.static {
			t.Errorf("%s: problem %q (static %v), want %q (static %v)", tc.expr, p.msg, p.static, tc.want, tc.static)
		}
	}
}

// TestCloudFormationAliasBomb: a template of aliases within aliases (a
// billion values) ends with an error, not a hang.
func TestCloudFormationAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("Bomb:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("  " + name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n")
		prev = name
	}
	b.WriteString("Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: !Select [0, *i]\n")
	_, err := readCloudFormation("bomb.yaml", []byte(b.String()), nil)
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:") || !strings.Contains(err.Error(), "steps to resolve") {
		t.Fatalf("err = %v", err)
	}
}
