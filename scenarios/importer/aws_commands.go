package importer

import (
	"regexp"
	"strings"
)

// AWSCommands is a shell script (POSIX sh, AWS CLI v2) that saves in the
// current folder what ReadAWS reads for the cluster: describe-clusters;
// the cluster's capacity providers, services and container instances,
// listed first, then described in batches (10 providers or services, 100
// container instances a call); one describe-task-definition per revision
// the services run; the Auto Scaling groups behind the providers, and the
// launch template versions (or launch configurations) those groups use.
// Each command writes a file of its own; ReadAWS recognises them by
// content whatever their names. Task definitions no service runs are not
// fetched: add a describe-task-definition for each.
//
// cluster is an ECS cluster name (1 to 255 letters, digits, hyphens and
// underscores) or a cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME,
// whose NAME is used); anything else is an Errors value for the
// --print-commands flag, so that no text of it reaches the script.
func AWSCommands(cluster string) (string, error) {
	name, ok := clusterName(cluster)
	if !ok {
		var errs Errors
		errs.Add("--print-commands", nil, "", "%q is not an ECS cluster name: give the name (1 to 255 letters, digits, "+
			"hyphens and underscores) or the cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)", cluster)
		return "", errs.Err()
	}
	return strings.ReplaceAll(awsScript, "CLUSTER", name), nil
}

// clusterARN is an ECS cluster ARN, in any partition; its group is the name.
var clusterARN = regexp.MustCompile(`^arn:aws[-a-z]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/([A-Za-z0-9_-]{1,255})$`)

// clusterName is the cluster name s gives, itself or in its ARN; false
// when s is neither a valid name nor a cluster ARN.
func clusterName(s string) (string, bool) {
	if m := clusterARN.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if len(s) < 1 || len(s) > 255 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" {
		return "", false
	}
	return s, true
}

// awsScript is AWSCommands' script; CLUSTER is the quoted cluster name.
const awsScript = `#!/bin/sh
# Saves in the current folder what "ecsim import aws ." reads for ECS cluster CLUSTER.
# Run it with the AWS CLI v2, credentials for the cluster's account and its Region set, e.g.
#   mkdir CLUSTER && cd CLUSTER && ecsim import aws --print-commands CLUSTER | sh
set -eu

aws ecs describe-clusters --clusters CLUSTER --include ATTACHMENTS CONFIGURATIONS SETTINGS > cluster.json

# What the cluster holds ("None" is the CLI's text for nothing).
providers=$(aws ecs describe-clusters --clusters CLUSTER --query 'clusters[0].capacityProviders' --output text)
services=$(aws ecs list-services --cluster CLUSTER --query 'serviceArns' --output text)
instances=$(aws ecs list-container-instances --cluster CLUSTER --query 'containerInstanceArns' --output text)

# Capacity providers, 10 a call, and the Auto Scaling groups behind them.
set -- $providers
groups=""
k=0
while [ $# -gt 0 ] && [ "$1" != None ]; do
  k=$((k + 1)); batch=""; i=0
  while [ $# -gt 0 ] && [ $i -lt 10 ]; do batch="$batch $1"; shift; i=$((i + 1)); done
  aws ecs describe-capacity-providers --capacity-providers $batch > capacity-providers-$k.json
  groups="$groups $(aws ecs describe-capacity-providers --capacity-providers $batch --query 'capacityProviders[].autoScalingGroupProvider.autoScalingGroupArn' --output text)"
done
names=""
for arn in $groups; do
  if [ "$arn" != None ]; then names="$names ${arn##*autoScalingGroupName/}"; fi
done
if [ -n "$names" ]; then
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names $names > auto-scaling-groups.json
  # The launch template version each group uses ($Default when it names none).
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names $names --query 'AutoScalingGroups[].[LaunchTemplate.LaunchTemplateId || MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId, LaunchTemplate.Version || MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version]' --output text | sort -u |
  while read -r id version; do
    if [ "$id" = None ]; then continue; fi
    if [ "$version" = None ]; then version='$Default'; fi
    aws ec2 describe-launch-template-versions --launch-template-id "$id" --versions "$version" > "launch-template-$id-$(echo "$version" | tr -d '$').json"
  done
  configs=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names $names --query 'AutoScalingGroups[].LaunchConfigurationName' --output text)
  if [ -n "$configs" ] && [ "$configs" != None ]; then
    aws autoscaling describe-launch-configurations --launch-configuration-names $configs > launch-configurations.json
  fi
fi

# Services, 10 a call, and the task definition revision each runs.
set -- $services
revisions=""
k=0
while [ $# -gt 0 ] && [ "$1" != None ]; do
  k=$((k + 1)); batch=""; i=0
  while [ $# -gt 0 ] && [ $i -lt 10 ]; do batch="$batch $1"; shift; i=$((i + 1)); done
  aws ecs describe-services --cluster CLUSTER --services $batch > services-$k.json
  revisions="$revisions $(aws ecs describe-services --cluster CLUSTER --services $batch --query 'services[].taskDefinition' --output text)"
done
for arn in $(printf '%s\n' $revisions | sort -u); do
  if [ "$arn" = None ]; then continue; fi
  td=${arn##*/}
  aws ecs describe-task-definition --task-definition "$td" > "task-definition-$(echo "$td" | tr : -).json"
done

# Container instances, 100 a call.
set -- $instances
k=0
while [ $# -gt 0 ] && [ "$1" != None ]; do
  k=$((k + 1)); batch=""; i=0
  while [ $# -gt 0 ] && [ $i -lt 100 ]; do batch="$batch $1"; shift; i=$((i + 1)); done
  aws ecs describe-container-instances --cluster CLUSTER --container-instances $batch > container-instances-$k.json
done
`

// The commands that fetch a missing piece, each into a file of its own
// (named after the piece, so that it overwrites nothing).

func describeClustersCommand(cluster string) string {
	return "aws ecs describe-clusters --clusters " + shellQuote(cluster) +
		" --include ATTACHMENTS CONFIGURATIONS SETTINGS > cluster.json"
}

func describeProvidersCommand(name string) string {
	return "aws ecs describe-capacity-providers --capacity-providers " + shellQuote(name) +
		" > capacity-provider-" + fileWord(name) + ".json"
}

func describeTaskDefinitionCommand(ref string) string {
	return "aws ecs describe-task-definition --task-definition " + shellQuote(ref) +
		" > task-definition-" + fileWord(ref) + ".json"
}

func describeGroupsCommand(name string) string {
	return "aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names " + shellQuote(name) +
		" > auto-scaling-group-" + fileWord(name) + ".json"
}

func describeTemplateCommand(spec awsTemplateSpec, version string) string {
	which, id := "--launch-template-id", spec.LaunchTemplateID
	if id == "" {
		which, id = "--launch-template-name", spec.LaunchTemplateName
	}
	return "aws ec2 describe-launch-template-versions " + which + " " + shellQuote(id) + " --versions " +
		shellQuote(version) + " > launch-template-" + fileWord(id+"-"+strings.TrimPrefix(version, "$")) + ".json"
}

func describeLaunchConfigurationCommand(name string) string {
	return "aws autoscaling describe-launch-configurations --launch-configuration-names " + shellQuote(name) +
		" > launch-configuration-" + fileWord(name) + ".json"
}

// shellQuote quotes s for sh when it holds anything but letters, digits
// and _ - . : / @ + = , (names and ARNs need no quotes).
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/@+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fileWord turns s into a file name part: letters, digits, _ . - kept,
// the rest "-".
func fileWord(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '.', r == '-':
			return r
		}
		return '-'
	}, s)
}
