package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecsim/ecsim/scenarios/importer"
	"github.com/spf13/cobra"
)

func newImportCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "import {aws DIR | cloudformation TEMPLATE | terraform FILE}",
		Short: "Write a scenario of a cluster you run, from the AWS CLI, CloudFormation or Terraform",
		Long: `Write a scenario of a cluster that already runs, read from one of three sources:
the JSON the AWS CLI's describe commands print (aws DIR), the CloudFormation
template that created it (cloudformation TEMPLATE), or "terraform show -json"
(terraform FILE). The scenario holds the capacity providers with their managed
scaling, termination protection and draining, each Auto Scaling group with its
instance types, zones and sizes, the default capacity provider strategy, every
service with its placement and deployment configuration, every task definition
as registered, and the container instances outside any group. Comments say where
each part was read; what no source holds (the run's length, the load of task
definitions no service runs) gets a working default marked ASSUMED. What ecsim
does not model (load balancers, IAM, logs) is listed once as ignored.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return badInput("unknown source %q (accepted: aws, cloudformation, terraform)", args[0])
			}
			return badInput("import needs a source: aws DIR, cloudformation TEMPLATE or terraform FILE (see 'ecsim import --help')")
		},
	}
	cmd.PersistentFlags().StringVarP(&out, "output", "o", "", "write the scenario to `FILE` (default: standard output)")
	cmd.AddCommand(newImportAWSCmd(&out), newImportCloudFormationCmd(&out), newImportTerraformCmd(&out))
	return cmd
}

func newImportAWSCmd(out *string) *cobra.Command {
	var cluster string
	cmd := &cobra.Command{
		Use:   "aws DIR",
		Short: "Import the JSON of the AWS CLI's describe commands (run --print-commands CLUSTER first)",
		Long: `Import a folder holding the JSON that the AWS CLI prints for
aws ecs describe-clusters, describe-capacity-providers, describe-services,
describe-task-definition (one per revision), describe-container-instances,
aws autoscaling describe-auto-scaling-groups and, for groups with a launch
template, aws ec2 describe-launch-template-versions. Files are recognised by
their content, whatever their names. "ecsim import aws --print-commands CLUSTER"
prints the commands that fill the folder.`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cluster != "" {
				if len(args) > 0 {
					return badInput("give either --print-commands CLUSTER or DIR, not both")
				}
				script, err := importer.AWSCommands(cluster)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(cmd.OutOrStdout(), script)
				return err
			}
			if len(args) == 0 {
				return badInput("import aws needs DIR, the folder of describe outputs (ecsim import aws --print-commands CLUSTER prints the commands that fill it)")
			}
			c, err := importer.ReadAWS(args[0])
			if err != nil {
				return err
			}
			return writeImported(cmd, c, *out)
		},
	}
	cmd.Flags().StringVar(&cluster, "print-commands", "", "print the aws commands that fill DIR for cluster `CLUSTER`, and exit")
	return cmd
}

func newImportCloudFormationCmd(out *string) *cobra.Command {
	var params []string
	cmd := &cobra.Command{
		Use:   "cloudformation TEMPLATE",
		Short: "Import a CloudFormation template (YAML or JSON)",
		Long: `Import a CloudFormation template in YAML or JSON: AWS::ECS::Cluster,
CapacityProvider, ClusterCapacityProviderAssociations, Service, TaskDefinition,
AWS::AutoScaling::AutoScalingGroup with its launch template or launch
configuration. Ref, GetAtt, Sub and the other intrinsic functions between these
resources are resolved, in their short and long forms; parameters take their
defaults or the values given with --parameter; what cannot be resolved
statically is reported with its path.`,
		Args: rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			values, err := parameters(params)
			if err != nil {
				return err
			}
			c, err := importer.ReadCloudFormation(args[0], values)
			if err != nil {
				return err
			}
			return writeImported(cmd, c, *out)
		},
	}
	cmd.Flags().StringArrayVar(&params, "parameter", nil, "a template parameter's value, `KEY=VALUE` (repeatable)")
	return cmd
}

func newImportTerraformCmd(out *string) *cobra.Command {
	return &cobra.Command{
		Use:   "terraform FILE",
		Short: `Import the JSON of "terraform show -json" (a state or a plan)`,
		Long: `Import the JSON that "terraform show -json" prints for a state or a saved plan:
aws_ecs_cluster, aws_ecs_capacity_provider, aws_ecs_cluster_capacity_providers,
aws_ecs_service, aws_ecs_task_definition, aws_autoscaling_group and
aws_launch_template, in the root module and its child modules.`,
		Args: rangeArgs(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := importer.ReadTerraform(args[0])
			if err != nil {
				return err
			}
			return writeImported(cmd, c, *out)
		},
	}
}

// parameters reads --parameter KEY=VALUE flags.
func parameters(flags []string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range flags {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, badInput("--parameter %q: expected KEY=VALUE", f)
		}
		out[k] = v
	}
	return out, nil
}

// writeImported writes c as a scenario to out (standard output when
// empty or "-"), after checking that it validates; a file appears whole or
// not at all. What was read and not modelled is listed on standard error.
func writeImported(cmd *cobra.Command, c *importer.Cluster, out string) error {
	origin := "imported.yaml"
	if out != "" && out != "-" {
		origin = out
		if err := checkOutputPath(out); err != nil {
			return err
		}
	}
	data, err := importer.Scenario(c, origin)
	if err != nil {
		return err
	}
	if len(c.Ignored) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "ecsim: read but not modelled (listed at the top of the scenario): %s\n", strings.Join(c.Ignored, "; "))
	}
	if out == "" || out == "-" {
		_, err := cmd.OutOrStdout().Write(data)
		return err
	}
	return writeOutputFile(out, data)
}

// checkOutputPath refuses an -o that cannot be a scenario file: a folder,
// or a file in a folder that does not exist (bad input, exit 2).
func checkOutputPath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return badInput("-o %s: is a folder; -o names the scenario file to write", path)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return badInput("-o %s: the folder %s does not exist", path, filepath.Dir(path))
	}
	return nil
}

// writeOutputFile writes data to path. A regular file (or a new one) is
// replaced atomically, through a temporary file in the same folder renamed
// into place, keeping an existing file's mode (0644 for a new one); a
// symbolic link is written through to its target; anything else (a
// device such as /dev/stdout, a pipe) is written directly.
func writeOutputFile(path string, data []byte) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return os.WriteFile(path, data, 0)
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Chmod(mode), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}
