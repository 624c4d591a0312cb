package importer

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestReadTerraformErrors: each file that cannot be imported is bad input
// (a scenarios.Errors, exit 2) whose message names the file, the line and
// column, and the resource address with its attribute; the positions are
// counted by hand in the fixtures.
func TestReadTerraformErrors(t *testing.T) {
	dir := filepath.Join("testdata", "terraform", "errors")
	for _, tc := range []struct{ file, want string }{
		{"not_terraform.json", ":1:1: format_version: not the JSON of terraform show -json: no format_version"},
		{"raw_state.json", ":1:1: a raw Terraform state file, not the JSON of terraform show -json: run terraform show -json " +
			dir + "/raw_state.json > state.json and import state.json"},
		{"malformed.json", ":10:11: not valid JSON: invalid character '\"' after object key:value pair"},
		{"no_cluster.json", ":5:20: values.root_module: no aws_ecs_cluster resource: ecsim imports the one ECS cluster " +
			"a state or plan creates (a cluster Terraform only reads: import it with ecsim import aws)"},
		{"two_clusters.json", ":21:13: module.green.aws_ecs_cluster.this: a second aws_ecs_cluster (aws_ecs_cluster.blue " +
			"is the first): ecsim imports one cluster; import each from a state or plan of its own"},
		{"missing_task_definition.json", ":30:32: aws_ecs_service.web.values.task_definition: " +
			"no aws_ecs_task_definition with family web"},
		{"stale_revision.json", ":44:32: aws_ecs_service.web.values.task_definition: web:4 is not in the Terraform JSON " +
			"(it has web:3); describe it with aws ecs describe-task-definition --task-definition web:4"},
		{"missing_group.json", ":17:43: aws_ecs_capacity_provider.general.values.auto_scaling_group_provider[0]." +
			"auto_scaling_group_arn: no aws_autoscaling_group with ARN arn:aws:autoscaling:us-east-1:123456789012:" +
			"autoScalingGroup:0b5c8a0e-6f1d-4c3b-9a7e-2f0d3c4e5f60:autoScalingGroupName/shop-general-asg in the " +
			"Terraform JSON; describe it with aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names " +
			"shop-general-asg"},
	} {
		path := filepath.Join(dir, tc.file)
		c, err := ReadTerraform(path)
		var errs scenarios.Errors
		if !errors.As(err, &errs) {
			t.Errorf("%s: got %v, %v; want scenarios.Errors", tc.file, c, err)
			continue
		}
		if got, want := err.Error(), path+tc.want; got != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.file, got, want)
		}
	}
}

// TestReadTerraformMissingFile: a file that cannot be read is bad input
// naming it.
func TestReadTerraformMissingFile(t *testing.T) {
	_, err := ReadTerraform("testdata/terraform/none.json")
	var errs scenarios.Errors
	if !errors.As(err, &errs) || err.Error() != "testdata/terraform/none.json: cannot read the Terraform JSON: "+
		"no such file or directory" {
		t.Fatalf("err = %v", err)
	}
}
