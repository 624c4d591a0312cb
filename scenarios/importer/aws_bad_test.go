package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestAWSBadFolders: each folder of testdata/aws/bad lacks a piece or
// holds a bad file; the error names the file with the line and column, the
// JSON path, and the aws command that fetches what is missing.
func TestAWSBadFolders(t *testing.T) {
	for _, c := range []struct {
		folder string
		want   []string
	}{
		{"unrecognised", []string{"unrecognised/instances.json:1:1: ",
			"not an aws describe output ecsim reads (its top-level keys: Reservations)",
			"recognised: clusters (aws ecs describe-clusters), capacityProviders (aws ecs describe-capacity-providers)",
			"LaunchTemplateVersions (aws ec2 describe-launch-template-versions)"}},
		// The file ends inside "failures": [ on line 8.
		{"malformed", []string{"malformed/cluster.json:9:1: ", "malformed JSON: unexpected end of the file"}},
		// The second cluster starts on line 17, column 9.
		{"two-clusters", []string{"two-clusters/cluster.json:17:9: clusters[1]: ",
			"2 clusters described (shop, shop-staging): ecsim imports one",
			"aws ecs describe-clusters --clusters shop --include ATTACHMENTS CONFIGURATIONS SETTINGS > cluster.json"}},
		// No describe-clusters output; the service's clusterArn names shop.
		{"missing-cluster", []string{filepath.Join("testdata", "aws", "bad", "missing-cluster") + ": ",
			"no describe-clusters output in the folder: run aws ecs describe-clusters --clusters shop " +
				"--include ATTACHMENTS CONFIGURATIONS SETTINGS > cluster.json"}},
		// "taskDefinition": "arn:…" on line 14, its value at column 31.
		{"missing-task-definition", []string{"missing-task-definition/services-1.json:14:31: services[0].taskDefinition: ",
			"task definition web:1 is not described: " +
				"run aws ecs describe-task-definition --task-definition web:1 > task-definition-web-1.json"}},
		// "general" is on line 15 of the cluster's capacityProviders.
		{"missing-provider", []string{"missing-provider/cluster.json:15:17: clusters[0].capacityProviders[0]: ",
			"capacity provider general is not described: " +
				"run aws ecs describe-capacity-providers --capacity-providers general > capacity-provider-general.json"}},
		{"missing-group", []string{"missing-group/capacity-providers-1.json:8:40: " +
			"capacityProviders[0].autoScalingGroupProvider.autoScalingGroupArn: ",
			"Auto Scaling group shop-general-asg is not described: run aws autoscaling describe-auto-scaling-groups " +
				"--auto-scaling-group-names shop-general-asg > auto-scaling-group-shop-general-asg.json"}},
		// The group launches from lt-0a1b2c3d4e5f60001 version $Latest
		// (line 6), whose versions were not described.
		{"missing-launch-template", []string{"missing-launch-template/auto-scaling-groups.json:6:31: AutoScalingGroups[0].LaunchTemplate: ",
			"launch template lt-0a1b2c3d4e5f60001 version $Latest is not described: run aws ec2 describe-launch-template-versions " +
				"--launch-template-id lt-0a1b2c3d4e5f60001 --versions '$Latest' > launch-template-lt-0a1b2c3d4e5f60001-Latest.json"}},
	} {
		t.Run(c.folder, func(t *testing.T) {
			cl, err := ReadAWS(filepath.Join("testdata", "aws", "bad", c.folder))
			if err == nil {
				t.Fatalf("no error; read %+v", cl)
			}
			var errs scenarios.Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Errorf("want one scenarios.Errors entry (the CLI's exit 2), got %T: %v", err, err)
			}
			for _, w := range c.want {
				if !strings.Contains(filepath.ToSlash(err.Error()), filepath.ToSlash(w)) {
					t.Errorf("error\n  %v\nshould contain\n  %s", err, w)
				}
			}
		})
	}
}

// TestAWSBadFiles: files that are not one describe output as the AWS CLI
// prints it are errors naming the file and, where it helps, the position.
func TestAWSBadFiles(t *testing.T) {
	cluster := `{"clusters": [{"clusterName": "shop", "capacityProviders": []}], "failures": []}`
	for _, c := range []struct {
		name, data string
		want       string
	}{
		{"empty", "", "x.json: empty: the aws command printed nothing (did it fail?)"},
		{"two documents", cluster + "\n" + cluster, "x.json:2:1: more than one JSON document"},
		{"two kinds", `{"services": [], "clusters": []}`, "x.json:1:1: holds both services and clusters"},
		{"a list", `[{"clusterName": "shop"}]`, "x.json:1:1: expected a JSON object"},
		{"trailing comma", "{\"services\": [],\n}", "x.json:2:1: malformed JSON: invalid character '}'"},
		{"UTF-16", "\xff\xfe{\x00}\x00", "x.json: UTF-16 text (PowerShell's > writes UTF-16)"},
		{"not a list", `{"services": {"serviceName": "web"}}`, "x.json:1:14: services: expected a JSON list, got an object"},
		{"not an object", `{"services": ["web"]}`, `x.json:1:15: services[0]: expected a JSON object, got the string "web"`},
		{"a wrong type", `{"services": [{"serviceName": "web", "desiredCount": "four"}]}`,
			`x.json:1:54: services[0].desiredCount: expected a number, got the string "four"`},
		{"no revision", `{"taskDefinition": {"family": "web"}}`,
			"x.json:1:20: taskDefinition: expected a registered task definition with a family and a revision"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "cluster.json", cluster)
			writeFile(t, dir, "x.json", c.data)
			_, err := ReadAWS(dir)
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, c.want)) {
				t.Errorf("error %v\nshould contain %s", err, filepath.Join(dir, c.want))
			}
		})
	}
}

// TestAWSSkippedFiles: only the folder's own *.json files are read.
func TestAWSSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cluster.json", `{"clusters": [{"clusterName": "shop"}], "failures": []}`)
	writeFile(t, dir, "fetch.sh", "#!/bin/sh\n")
	writeFile(t, dir, ".hidden.json", "not JSON")
	writeFile(t, dir, "notes.txt", "{")
	if err := os.MkdirAll(filepath.Join(dir, "old.json", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "old.json"), "services.json", "not JSON")
	c, err := ReadAWS(dir)
	if err != nil || c.Name != "shop" {
		t.Errorf("ReadAWS = %+v, %v", c, err)
	}
	if _, err := ReadAWS(filepath.Join(dir, "absent")); err == nil {
		t.Error("a folder that does not exist gave no error")
	}
}

// TestAWSMissingClusterName: without describe-clusters, the command that
// fetches it names the cluster of the container instances' ARNs, else
// CLUSTER.
func TestAWSMissingClusterName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "ci.json", `{"containerInstances": [{"containerInstanceArn":
		"arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0e4d1b6a7c8f4a2e9d3b5c7e1f0a2b4c"}]}`)
	_, err := ReadAWS(dir)
	if want := "run aws ecs describe-clusters --clusters prod --include"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nshould contain %s", err, want)
	}
	_, err = ReadAWS(t.TempDir())
	if want := "run aws ecs describe-clusters --clusters CLUSTER --include"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nshould contain %s", err, want)
	}
}

// TestAWSMergedAndSkipped: several files of a kind merge (describe-services
// takes 10 services a call), a second description of a service is dropped
// and noted, INACTIVE services are skipped and noted, a group no provider
// of the cluster uses is noted and its container instances are read as
// instances outside any group.
func TestAWSMergedAndSkipped(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cluster.json", `{"clusters": [{"clusterName": "shop", "capacityProviders": []}]}`)
	svc := func(name, status string) string {
		return `{"serviceName": "` + name + `", "status": "` + status + `", "launchType": "EC2", "desiredCount": 1,
			"taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"}`
	}
	writeFile(t, dir, "a.json", `{"services": [`+svc("web", "ACTIVE")+`, `+svc("old", "INACTIVE")+`]}`)
	writeFile(t, dir, "b.json", `{"services": [`+svc("api", "ACTIVE")+`, `+svc("web", "ACTIVE")+`]}`)
	writeFile(t, dir, "td.json", `{"taskDefinition": {"family": "web", "revision": 3,
		"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}}`)
	writeFile(t, dir, "groups.json", `{"AutoScalingGroups": [{"AutoScalingGroupName": "legacy", "MinSize": 1, "MaxSize": 1,
		"Instances": [{"InstanceId": "i-1"}]}]}`)
	writeFile(t, dir, "instances.json", `{"containerInstances": [{"ec2InstanceId": "i-1", "status": "ACTIVE",
		"attributes": [{"name": "ecs.instance-type", "value": "t3.small"}, {"name": "ecs.availability-zone", "value": "us-east-1a"}]}]}`)
	c, err := ReadAWS(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range c.Services {
		names = append(names, s.Name+"="+s.TaskDefinition)
	}
	if strings.Join(names, " ") != "web=web:3 api=web:3" {
		t.Errorf("services %v, want web and api (old is INACTIVE, web's second description dropped)", names)
	}
	if len(c.Instances) != 1 || c.Instances[0].InstanceType != "t3.small" || c.Instances[0].From != "instances.json: containerInstances[0]" {
		t.Errorf("instances %+v", c.Instances)
	}
	want := []string{
		"groups.json: AutoScalingGroups[0]: Auto Scaling group legacy backs no capacity provider of cluster shop, not modelled " +
			"(its container instances are read as instances outside any group)",
		"services[old] (a.json: services[1]): INACTIVE, not modelled",
		"b.json: services[1]: service web described again, the first description (a.json: services[0]) kept",
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(c.Ignored, "\n"), w) {
			t.Errorf("ignored\n  %s\nlacks\n  %s", strings.Join(c.Ignored, "\n  "), w)
		}
	}
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
