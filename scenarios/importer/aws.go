package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// The AWS CLI front-end: the JSON that `aws ecs describe-…`, `aws
// autoscaling describe-…` and `aws ec2 describe-launch-template-versions`
// print, saved in one folder (AWSCommands prints the commands that fill
// it). Each file is recognised by its top-level key, whatever its name;
// several files of one kind merge.

// awsKind is a describe output ecsim reads: its top-level key and the
// command that prints it.
type awsKind struct{ key, command string }

// awsKinds lists the describe outputs ReadAWS recognises, in the order its
// messages list them.
func awsKinds() []awsKind {
	return []awsKind{
		{"clusters", "aws ecs describe-clusters"},
		{"capacityProviders", "aws ecs describe-capacity-providers"},
		{"services", "aws ecs describe-services"},
		{"taskDefinition", "aws ecs describe-task-definition"},
		{"containerInstances", "aws ecs describe-container-instances"},
		{"AutoScalingGroups", "aws autoscaling describe-auto-scaling-groups"},
		{"LaunchTemplateVersions", "aws ec2 describe-launch-template-versions"},
		{"LaunchConfigurations", "aws autoscaling describe-launch-configurations"},
	}
}

// awsItem is one object read: an element of a describe output's list, or
// describe-task-definition's taskDefinition.
type awsItem struct {
	file string // the file as found in the folder, for messages
	name string // its base name, for From
	path string // JSON path in the file: services[3], taskDefinition
	node *yaml.Node
}

// from says where the item was read, for From and Ignored.
func (it awsItem) from() string { return it.name + ": " + it.path }

// awsObject is an item decoded into the shape T of its API type.
type awsObject[T any] struct {
	awsItem
	v T
}

// awsRead is the folder being read: its items by top-level key, the
// problems found and what is not modelled.
type awsRead struct {
	dir     string
	items   map[string][]awsItem
	files   map[string][]string // the files of each kind
	errs    Errors
	ignored []string
}

// ReadAWS reads the folder dir holding the JSON output of the AWS CLI's
// describe commands for one cluster (AWSCommands prints them):
// describe-clusters (exactly one cluster), describe-capacity-providers,
// describe-services, describe-task-definition (one file per revision),
// describe-container-instances, describe-auto-scaling-groups,
// describe-launch-template-versions and describe-launch-configurations.
// Each file is recognised by its top-level key (clusters,
// capacityProviders, services, taskDefinition, containerInstances,
// AutoScalingGroups, LaunchTemplateVersions, LaunchConfigurations),
// whatever its name, and files of one kind merge (the first description of
// an object wins). Only the folder's own *.json files are read:
// subfolders, hidden files (".…") and files with other extensions (the
// script that fetched them, notes) are skipped. An unrecognised or
// malformed JSON file is an error naming it, and so is a piece the cluster
// refers to and the folder lacks, with the aws command that fetches it.
// The error is an Errors value: file, line and column, JSON path.
func ReadAWS(dir string) (*Cluster, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	r := newAWSRead(dir)
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".json") {
			continue
		}
		file := filepath.Join(dir, name)
		if info, err := os.Stat(file); err != nil || !info.Mode().IsRegular() {
			continue // a folder named *.json, a broken link
		}
		data, err := os.ReadFile(file)
		if err != nil {
			r.errs.Add(file, nil, "", "%v", err)
			continue
		}
		r.readFile(file, name, data)
	}
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	return r.cluster()
}

// newAWSRead starts reading the folder dir.
func newAWSRead(dir string) *awsRead {
	return &awsRead{dir: dir, items: map[string][]awsItem{}, files: map[string][]string{}}
}

// readFile parses one file and files its items under its kind.
func (r *awsRead) readFile(file, name string, data []byte) {
	root, line, col, msg := parseJSON(data)
	if root == nil {
		r.errs.Add(file, &yaml.Node{Line: line, Column: col}, "", "%s", msg)
		return
	}
	if root.Kind != yaml.MappingNode {
		r.errs.Add(file, root, "", "expected a JSON object, the output of an aws describe command; recognised: %s", recognised())
		return
	}
	var keys, found []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i].Value
		keys = append(keys, k)
		if slices.ContainsFunc(awsKinds(), func(kd awsKind) bool { return kd.key == k }) {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 0:
		r.errs.Add(file, root, "", "not an aws describe output ecsim reads (its top-level keys: %s); recognised: %s",
			listOrNone(keys), recognised())
	case 1:
		r.addItems(file, name, found[0], get(root, found[0]))
	default:
		r.errs.Add(file, root, "", "holds both %s and %s: save each command's output in a file of its own", found[0], found[1])
	}
}

// addItems files the objects under key: the taskDefinition object, or the
// elements of the list.
func (r *awsRead) addItems(file, name, key string, v *yaml.Node) {
	r.files[key] = append(r.files[key], file)
	if key == "taskDefinition" {
		if v.Kind != yaml.MappingNode {
			r.errs.Add(file, v, key, "expected a JSON object, got %s", kindName(v))
			return
		}
		r.items[key] = append(r.items[key], awsItem{file, name, key, v})
		return
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.SequenceNode {
		r.errs.Add(file, v, key, "expected a JSON list, got %s", kindName(v))
		return
	}
	for i, el := range v.Content {
		path := fmt.Sprintf("%s[%d]", key, i)
		if el.Kind != yaml.MappingNode {
			r.errs.Add(file, el, path, "expected a JSON object, got %s", kindName(el))
			continue
		}
		r.items[key] = append(r.items[key], awsItem{file, name, path, el})
	}
}

// recognised lists the top-level keys ReadAWS reads and their commands.
func recognised() string {
	var parts []string
	for _, k := range awsKinds() {
		parts = append(parts, k.key+" ("+k.command+")")
	}
	return strings.Join(parts, ", ")
}

// kindName names a node's kind in messages.
func kindName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "an object"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag == "!!str":
		return fmt.Sprintf("the string %q", n.Value)
	default:
		return n.Value
	}
}

// listOrNone joins names, "none" without any.
func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// ignore notes something read and not modelled.
func (r *awsRead) ignore(format string, args ...any) {
	r.ignored = append(r.ignored, fmt.Sprintf(format, args...))
}

// at returns the value at the keys (and list indexes) below n, or the
// deepest node found on the way, for positions.
func at(n *yaml.Node, steps ...any) *yaml.Node {
	for _, s := range steps {
		var next *yaml.Node
		switch s := s.(type) {
		case string:
			next = get(n, s)
		case int:
			if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
				next = n.Content[s]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}
