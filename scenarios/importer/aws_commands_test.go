package importer

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// awsScriptFor is AWSCommands' script for a valid cluster name.
func awsScriptFor(t *testing.T, cluster string) string {
	t.Helper()
	script, err := AWSCommands(cluster)
	if err != nil {
		t.Fatalf("AWSCommands(%q): %v", cluster, err)
	}
	return script
}

func TestAWSCommandsMentionEachDescribe(t *testing.T) {
	script := awsScriptFor(t, "shop")
	for _, want := range []string{
		"#!/bin/sh\n",
		"aws ecs describe-clusters --clusters shop --include ATTACHMENTS CONFIGURATIONS SETTINGS > cluster.json\n",
		"$(aws ecs describe-clusters --clusters shop --query 'clusters[0].capacityProviders' --output text)",
		"$(aws ecs list-services --cluster shop --query 'serviceArns' --output text)",
		"$(aws ecs list-container-instances --cluster shop --query 'containerInstanceArns' --output text)",
		"aws ecs describe-capacity-providers --capacity-providers $batch > capacity-providers-$k.json\n",
		"aws ecs describe-services --cluster shop --services $batch > services-$k.json\n",
		`aws ecs describe-task-definition --task-definition "$td" > "task-definition-$(echo "$td" | tr : -).json"` + "\n",
		"aws ecs describe-container-instances --cluster shop --container-instances $batch > container-instances-$k.json\n",
		"aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names $names > auto-scaling-groups.json\n",
		`aws ec2 describe-launch-template-versions --launch-template-id "$id" --versions "$version" > `,
		"aws autoscaling describe-launch-configurations --launch-configuration-names $configs > launch-configurations.json\n",
		"[ $i -lt 10 ]", "[ $i -lt 100 ]",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the script lacks %q:\n%s", want, script)
		}
	}
	if strings.Contains(script, "CLUSTER") {
		t.Error("a CLUSTER placeholder is left")
	}
	if sh, err := exec.LookPath("sh"); err == nil {
		if out, err := exec.Command(sh, "-n", "-c", script).CombinedOutput(); err != nil {
			t.Errorf("sh -n: %v\n%s", err, out)
		}
	}
}

// fakeAWS stands in for the aws command: it logs its arguments, a line a
// call, and answers the --query calls as the AWS CLI's text output would
// for a cluster of 25 services on two task definitions, 150 container
// instances and the providers general, spot and FARGATE (general's group
// on launch template lt-1 $Default, spot's on lt-2 version 3).
const fakeAWS = `#!/bin/sh
echo "$*" >> "$AWS_LOG"
tab=$(printf '\t')
case "$*" in
*"describe-clusters --clusters shop --query"*) printf 'general\tspot\tFARGATE\n' ;;
*"list-services"*)
  i=1; line=""; while [ $i -le 25 ]; do line="$line${line:+$tab}arn:aws:ecs:us-east-1:1:service/shop/s$i"; i=$((i + 1)); done
  echo "$line" ;;
*"list-container-instances"*)
  i=1; line=""; while [ $i -le 150 ]; do line="$line${line:+$tab}arn:aws:ecs:us-east-1:1:container-instance/shop/c$i"; i=$((i + 1)); done
  echo "$line" ;;
*"describe-capacity-providers"*"--query"*)
  printf 'arn:aws:autoscaling:us-east-1:1:autoScalingGroup:u1:autoScalingGroupName/shop-general-asg\tarn:aws:autoscaling:us-east-1:1:autoScalingGroup:u2:autoScalingGroupName/shop-spot-asg\n' ;;
*"describe-auto-scaling-groups"*"LaunchTemplateId"*) printf 'lt-1\t$Default\nlt-2\t3\nNone\tNone\n' ;;
*"describe-auto-scaling-groups"*"LaunchConfigurationName"*) echo ;;
*"describe-services"*"--query"*)
  printf 'arn:aws:ecs:us-east-1:1:task-definition/web:1\tarn:aws:ecs:us-east-1:1:task-definition/api:2\n' ;;
*) echo '{}' ;;
esac
`

// TestAWSCommandsRun runs the script against fakeAWS: it describes in
// batches of 10 services and 100 container instances, each task definition
// once, the groups named by the providers' ARNs and the launch template
// versions they use, each into a file of its own.
func TestAWSCommandsRun(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	bin, work := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "aws"), []byte(fakeAWS), 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(bin, "log")
	cmd := exec.Command(sh, "-c", awsScriptFor(t, "shop"))
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "AWS_LOG="+log)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the script failed: %v\n%s", err, out)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var describes []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !strings.Contains(line, "--query") {
			describes = append(describes, shortCall(line))
		}
	}
	want := []string{
		"ecs describe-clusters --clusters shop --include ATTACHMENTS CONFIGURATIONS SETTINGS",
		"ecs describe-capacity-providers --capacity-providers general spot FARGATE",
		"autoscaling describe-auto-scaling-groups --auto-scaling-group-names shop-general-asg shop-spot-asg",
		"ec2 describe-launch-template-versions --launch-template-id lt-1 --versions $Default",
		"ec2 describe-launch-template-versions --launch-template-id lt-2 --versions 3",
		"ecs describe-services --cluster shop --services s1 … s10 (10)",
		"ecs describe-services --cluster shop --services s11 … s20 (10)",
		"ecs describe-services --cluster shop --services s21 … s25 (5)",
		"ecs describe-task-definition --task-definition api:2",
		"ecs describe-task-definition --task-definition web:1",
		"ecs describe-container-instances --cluster shop --container-instances c1 … c100 (100)",
		"ecs describe-container-instances --cluster shop --container-instances c101 … c150 (50)",
	}
	if !slices.Equal(describes, want) {
		t.Errorf("describe calls:\n  %s\nwant:\n  %s", strings.Join(describes, "\n  "), strings.Join(want, "\n  "))
	}
	entries, _ := os.ReadDir(work)
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	wantFiles := []string{"auto-scaling-groups.json", "capacity-providers-1.json", "cluster.json",
		"container-instances-1.json", "container-instances-2.json", "launch-template-lt-1-Default.json",
		"launch-template-lt-2-3.json", "services-1.json", "services-2.json", "services-3.json",
		"task-definition-api-2.json", "task-definition-web-1.json"}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("files %v, want %v", files, wantFiles)
	}
}

// shortCall abbreviates a logged call's list of ARNs to its first and last
// names and their count.
func shortCall(line string) string {
	fields := strings.Fields(line)
	var head, arns []string
	for _, f := range fields {
		if strings.HasPrefix(f, "arn:aws:ecs:") {
			arns = append(arns, f[strings.LastIndex(f, "/")+1:])
		} else {
			head = append(head, f)
		}
	}
	if len(arns) == 0 {
		return line
	}
	return strings.Join(head, " ") + " " + arns[0] + " … " + arns[len(arns)-1] + " (" + itoa(len(arns)) + ")"
}

// TestAWSCommandsRefuseOtherNames: only an ECS cluster name (letters,
// digits, - and _, 1 to 255 of them) or a cluster ARN reaches the script;
// a name with a newline would otherwise end the header comment and run
// what follows it.
func TestAWSCommandsRefuseOtherNames(t *testing.T) {
	for _, name := range []string{"a\ntouch /tmp/PWNED #", "it's", "", "shop prod", "$(id)", "a;b", "a.b",
		strings.Repeat("a", 256), "arn:aws:ecs:us-east-1:123456789012:cluster/a b",
		"arn:aws:ecs:us-east-1:123456789012:service/shop/web"} {
		script, err := AWSCommands(name)
		if err == nil {
			t.Errorf("AWSCommands(%q) is accepted:\n%.200s", name, script)
			continue
		}
		var es scenarios.Errors
		if !errors.As(err, &es) || len(es) != 1 || es[0].File != "--print-commands" || es[0].Pos.Line != 0 {
			t.Errorf("AWSCommands(%q): %#v, want one scenarios.FieldError for --print-commands without a position", name, err)
		}
		want := `is not an ECS cluster name: give the name (1 to 255 letters, digits, hyphens and underscores) ` +
			`or the cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)`
		if !strings.Contains(err.Error(), want) {
			t.Errorf("AWSCommands(%q): %v, want it to say %q", name, err, want)
		}
	}
	for name, want := range map[string]string{
		"shop":                   "--clusters shop --include",
		"Shop_2-b":               "--clusters Shop_2-b --include",
		strings.Repeat("a", 255): "--clusters " + strings.Repeat("a", 255) + " --include",
		"arn:aws:ecs:us-east-1:123456789012:cluster/shop":        "--clusters shop --include",
		"arn:aws-cn:ecs:cn-north-1:123456789012:cluster/shop-cn": "--clusters shop-cn --include",
	} {
		if got := awsScriptFor(t, name); !strings.Contains(got, want) || !strings.HasPrefix(got, "#!/bin/sh\n") {
			t.Errorf("AWSCommands(%q) lacks %q", name, want)
		}
	}
}
