package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// deployScenario stands in for the scenario the deploy files name.
const deployScenario = `name: deployed
duration: 1h
cluster:
  containerInstances: [{instanceType: m5.large, count: 2}]
taskDefinitions:
  - family: web
    containerDefinitions: [{name: app, image: nginx, cpu: 256, memory: 512}]
workloads:
  - name: web
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 2}
    duration: {distribution: exponential, mean: 10m}
sweep:
  parameters: {workloads.web.arrivals.ratePerMinute: [1, 2, 4]}
`

// planWith runs the command line args of a deploy file through ecsim with
// --plan, the scenario and folder paths replaced by local ones, and the
// engine's index variable set, and returns what it printed.
func planWith(t *testing.T, args []string, indexVar string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.yaml"), []byte(deployScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	args = slices.Clone(args)
	args[1] = "s.yaml"
	if i := slices.Index(args, "-o"); i >= 0 {
		args[i+1] = "out"
	}
	t.Setenv(indexVar, "0")
	code, stdout, stderr := runCLI(t, dir, append(args, "--plan")...)
	if code != 0 {
		t.Fatalf("ecsim %v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// TestKubernetesManifests: the Indexed Job's pods are the shards: as many
// completions as --shards, and ecsim accepts the pods' command line with
// JOB_COMPLETION_INDEX set; the merge Job merges the folder the pods write.
func TestKubernetesManifests(t *testing.T) {
	var job struct {
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Template       struct {
				Spec struct {
					Containers []struct {
						Args []string `yaml:"args"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	readYAML(t, "../../deploy/kubernetes/sweep.yaml", &job)
	args := job.Spec.Template.Spec.Containers[0].Args
	i := slices.Index(args, "--shards")
	if job.Spec.CompletionMode != "Indexed" || i < 0 || args[i+1] != strconv.Itoa(job.Spec.Completions) {
		t.Fatalf("completionMode %q, completions %d, args %v: want Indexed and --shards = completions", job.Spec.CompletionMode, job.Spec.Completions, args)
	}
	out := planWith(t, args, "JOB_COMPLETION_INDEX")
	if !strings.Contains(out, "shard 0/8 runs 1 points") {
		t.Errorf("plan: %s", out)
	}
	readYAML(t, "../../deploy/kubernetes/merge.yaml", &job)
	if merge := job.Spec.Template.Spec.Containers[0].Args; !slices.Equal(merge, []string{"merge", args[slices.Index(args, "-o")+1]}) {
		t.Errorf("merge Job args %v, want merge of the sweep's folder", merge)
	}
}

// TestAWSBatchJobDefinition: the job definition's command, its Ref::
// parameters filled with their defaults, is accepted by ecsim with
// AWS_BATCH_JOB_ARRAY_INDEX set.
func TestAWSBatchJobDefinition(t *testing.T) {
	data, err := os.ReadFile("../../deploy/aws-batch/job-definition.json")
	if err != nil {
		t.Fatal(err)
	}
	var def struct {
		ContainerProperties struct {
			Command []string `json:"command"`
		} `json:"containerProperties"`
		Parameters map[string]string `json:"parameters"`
	}
	if err := json.Unmarshal(data, &def); err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, a := range def.ContainerProperties.Command {
		if name, ok := strings.CutPrefix(a, "Ref::"); ok {
			v, found := def.Parameters[name]
			if !found {
				t.Fatalf("Ref::%s has no default in parameters", name)
			}
			a = v
		}
		args = append(args, a)
	}
	if out := planWith(t, args, "AWS_BATCH_JOB_ARRAY_INDEX"); !strings.Contains(out, "shard 0/8") {
		t.Errorf("plan: %s", out)
	}
}

// TestDockerfileGoVersion: the image builds with the Go of go.mod.
func TestDockerfileGoVersion(t *testing.T) {
	mod, _ := os.ReadFile("../../go.mod")
	docker, _ := os.ReadFile("../../deploy/Dockerfile")
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if m == nil || !strings.Contains(string(docker), "FROM golang:"+string(m[1])+" ") {
		t.Fatalf("deploy/Dockerfile does not build with go.mod's Go (%s)", m)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
