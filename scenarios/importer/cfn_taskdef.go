package importer

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Task definitions: AWS::ECS::TaskDefinition's properties become the
// RegisterTaskDefinition body in the ECS API's camelCase.

// taskDefinitions reads every task definition the stack creates, in
// template order, as revision 1: a stack that creates a family registers
// its first revision.
func (t *cfnTemplate) taskDefinitions() []TaskDefinition {
	var out []TaskDefinition
	for _, r := range t.ofType("AWS::ECS::TaskDefinition") {
		family, p := t.name(r)
		if p != nil {
			t.report(p, r.path("Family"))
			continue
		}
		t.used[r.id] = true
		out = append(out, TaskDefinition{Family: family, Revision: 1, Body: t.taskDefinitionBody(r),
			From: r.path() + " (revision 1, the first a stack registers)"})
	}
	return out
}

// taskDefinitionBody is the resource's properties in the API's shape.
// A property ecsim does not model whose value cannot be resolved (an
// ExecutionRoleArn from !GetAtt of a role, a log group's name) is left out
// and noted; one it models is a problem.
func (t *cfnTemplate) taskDefinitionBody(r *cfnResource) *yaml.Node {
	body := mapping()
	cfnEachPair(r.props, func(k string, v *yaml.Node) {
		path := r.path(k)
		var value *yaml.Node
		if k == "ContainerDefinitions" && v.Kind == yaml.SequenceNode && cfnPlainSequence(v) {
			value = t.containers(v, path)
		} else {
			value = t.bodyValue(v, path, slices.Contains(cfnUnmodelledTaskKeys(), cfnAPIKey(k)))
		}
		if value != nil {
			body.Content = append(body.Content, str(cfnAPIKey(k)), cfnToAPI(value, false))
		}
	})
	cfnNormalize(body, true)
	return body
}

// containers resolves each container definition's properties one by one.
func (t *cfnTemplate) containers(list *yaml.Node, path string) *yaml.Node {
	out := seq()
	for i, c := range list.Content {
		at := path + "[" + strconv.Itoa(i) + "]"
		if !cfnPlainMapping(c) {
			if v := t.bodyValue(c, at, false); v != nil {
				out.Content = append(out.Content, v)
			}
			continue
		}
		m := mapping()
		cfnEachPair(c, func(k string, v *yaml.Node) {
			droppable := slices.Contains(cfnUnmodelledContainerKeys(), cfnAPIKey(k))
			if value := t.bodyValue(v, at+"."+k, droppable); value != nil {
				m.Content = append(m.Content, str(k), value)
			}
		})
		out.Content = append(out.Content, m)
	}
	return out
}

// bodyValue resolves a task definition value; a problem is noted and the
// value left out when droppable, else reported.
func (t *cfnTemplate) bodyValue(v *yaml.Node, path string, droppable bool) *yaml.Node {
	value, p := t.resolve(v)
	switch {
	case p == nil:
		return value
	case p.static && droppable:
		t.ignored = append(t.ignored, path+": "+p.msg+" (not modelled; left out)")
	default:
		t.report(p, path)
	}
	return nil
}

// cfnPlainSequence reports whether a list is written out, not a function.
func cfnPlainSequence(n *yaml.Node) bool {
	_, fn := cfnShortFunction(n.Tag)
	return !fn
}

// cfnUnmodelledTaskKeys are the task definition fields ecsim accepts and
// does not model.
func cfnUnmodelledTaskKeys() []string {
	return []string{"taskRoleArn", "executionRoleArn", "tags", "pidMode", "ipcMode", "proxyConfiguration",
		"inferenceAccelerators", "ephemeralStorage", "enableFaultInjection"}
}

// cfnUnmodelledContainerKeys are the container definition fields ecsim
// accepts and does not model (the image among them).
func cfnUnmodelledContainerKeys() []string {
	return []string{"image", "repositoryCredentials", "restartPolicy", "entryPoint", "command", "environment",
		"environmentFiles", "mountPoints", "volumesFrom", "secrets", "dependsOn", "startTimeout", "versionConsistency",
		"hostname", "user", "workingDirectory", "readonlyRootFilesystem", "interactive", "pseudoTerminal",
		"dockerLabels", "ulimits", "logConfiguration", "healthCheck", "systemControls", "firelensConfiguration",
		"credentialSpecs"}
}

// cfnUserDataMaps are the properties whose keys are the user's own
// (string-to-string maps in the resource specification): their keys stay
// as written.
func cfnUserDataMaps() []string {
	return []string{"DockerLabels", "Options", "DriverOpts", "Labels"}
}

// cfnAPIKey is the API's name of a CloudFormation property: lower-first,
// except where the two differ in more than case.
func cfnAPIKey(k string) string {
	switch k {
	case "ProxyConfigurationProperties":
		return "properties"
	case "EFSVolumeConfiguration":
		return "efsVolumeConfiguration"
	case "FSxWindowsFileServerVolumeConfiguration":
		return "fsxWindowsFileServerVolumeConfiguration"
	case "FilesystemId":
		return "fileSystemId"
	case "IAM":
		return "iam"
	}
	r, size := utf8.DecodeRuneInString(k)
	return string(unicode.ToLower(r)) + k[size:]
}

// cfnToAPI copies a resolved value with the API's keys (kept as written in
// user-data maps), without the source's positions and styles.
func cfnToAPI(v *yaml.Node, userData bool) *yaml.Node {
	out := &yaml.Node{Kind: v.Kind, Tag: v.Tag, Value: v.Value}
	for i := 0; i < len(v.Content); i++ {
		c := v.Content[i]
		if v.Kind != yaml.MappingNode {
			out.Content = append(out.Content, cfnToAPI(c, false))
			continue
		}
		key := c.Value
		if !userData {
			key = cfnAPIKey(key)
		}
		inner := userData || slices.Contains(cfnUserDataMaps(), c.Value)
		out.Content = append(out.Content, str(key), cfnToAPI(v.Content[i+1], inner))
		i++
	}
	return out
}

// cfnNormalize gives the body the API's types, however the template wrote
// them: the task's cpu and memory are strings; the container fields the
// API takes as integers or booleans ("256", "true" in a template) are
// numbers and booleans. User-data maps are left alone.
func cfnNormalize(n *yaml.Node, top bool) {
	for i := 0; i+1 < len(n.Content) && n.Kind == yaml.MappingNode; i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch {
		case v.Kind != yaml.ScalarNode:
			if !slices.Contains([]string{"dockerLabels", "options", "driverOpts", "labels"}, k) {
				cfnNormalize(v, false)
			}
		case top && (k == "cpu" || k == "memory"):
			v.Tag = "!!str"
		case slices.Contains(cfnIntegerKeys(), k):
			if _, err := strconv.Atoi(v.Value); err == nil {
				v.Tag = "!!int"
			}
		case slices.Contains(cfnBooleanKeys(), k):
			if b := strings.ToLower(v.Value); b == "true" || b == "false" {
				v.Tag, v.Value = "!!bool", b
			}
		}
	}
	for _, c := range n.Content {
		if n.Kind == yaml.SequenceNode {
			cfnNormalize(c, false)
		}
	}
}

// cfnIntegerKeys are the task definition fields the API takes as integers.
func cfnIntegerKeys() []string {
	return []string{"cpu", "memory", "memoryReservation", "containerPort", "hostPort", "startTimeout", "stopTimeout",
		"sharedMemorySize", "maxSwap", "swappiness", "size", "softLimit", "hardLimit", "interval", "timeout",
		"retries", "startPeriod", "transitEncryptionPort", "sizeInGiB", "restartAttemptPeriod"}
}

// cfnBooleanKeys are the task definition fields the API takes as booleans.
func cfnBooleanKeys() []string {
	return []string{"essential", "privileged", "disableNetworking", "readonlyRootFilesystem", "interactive",
		"pseudoTerminal", "initProcessEnabled", "readOnly", "autoprovision", "configuredAtLaunch",
		"enableFaultInjection", "enabled"}
}
