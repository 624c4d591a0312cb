package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slurmSweep is the sweep the Slurm test submits: 6 cells × 4
// replications of a small scenario.
const slurmSweep = `name: slurm-sweep
duration: 2h
cluster:
  capacityProviders:
    - name: general
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10}
      managedScaling: {status: ENABLED, targetCapacity: 100}
  defaultCapacityProviderStrategy: [{capacityProvider: general, weight: 1}]
taskDefinitions:
  - family: web
    containerDefinitions: [{name: app, image: nginx, cpu: 256, memory: 512}]
workloads:
  - name: web
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 4}
    duration: {distribution: exponential, mean: 10m}
sweep:
  parameters:
    cluster.capacityProviders.general.managedScaling.targetCapacity: [60, 80, 100]
    workloads.web.arrivals.ratePerMinute: [2, 8]
  replications: 4
`

// TestSweepOnSlurm brings up a single-node Slurm (slurmctld and slurmd on
// localhost, deploy/slurm/local-cluster.sh), submits a sweep as an array
// job of 3 shards and a merge job that depends on it (deploy/slurm/
// submit.sh), waits for both, and checks that sweep.csv is byte for byte
// the one-process sweep's. It needs root and Debian's slurm-wlm and munge:
// it skips without them, unless ECSIM_REQUIRE_SLURM=1 (CI sets it, having
// installed them).
func TestSweepOnSlurm(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Slurm")
	}
	requireSlurm(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "ecsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	deploy, _ := filepath.Abs("../../deploy/slurm")
	cluster := filepath.Join(dir, "slurm")
	if out, err := exec.Command(filepath.Join(deploy, "local-cluster.sh"), "start", cluster).CombinedOutput(); err != nil {
		t.Fatalf("starting Slurm: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(filepath.Join(deploy, "local-cluster.sh"), "stop", cluster).Run() })
	env := append(os.Environ(), "SLURM_CONF="+filepath.Join(cluster, "slurm.conf"), "ECSIM="+bin)
	scenario := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(scenario, []byte(slurmSweep), 0o644); err != nil {
		t.Fatal(err)
	}
	submit := exec.Command(filepath.Join(deploy, "submit.sh"), scenario, filepath.Join(dir, "onslurm"), "3")
	submit.Env, submit.Dir = env, dir
	out, err := submit.CombinedOutput()
	if err != nil {
		t.Fatalf("submit.sh: %v\n%s", err, out)
	}
	jobs := strings.Fields(string(out))
	if len(jobs) != 2 {
		t.Fatalf("submit.sh printed %q, want two job IDs", out)
	}
	waitForJobs(t, env, jobs, 3*time.Minute)
	if _, err := os.Stat(filepath.Join(dir, "onslurm", "shards", "2-of-3")); err != nil {
		t.Errorf("shard 2/3 did not run: %v", err)
	}
	code, _, stderr := runCLI(t, dir, "sweep", scenario, "-o", "alone", "-q")
	if code != 0 {
		t.Fatalf("one-process sweep: exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(filepath.Join(dir, "alone", "sweep.csv"))
	got, err := os.ReadFile(filepath.Join(dir, "onslurm", "sweep.csv"))
	if err != nil {
		logs, _ := filepath.Glob(filepath.Join(dir, "ecsim-*.out"))
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			t.Logf("%s:\n%s", filepath.Base(l), b)
		}
		t.Fatalf("the merge job wrote no sweep.csv: %v", err)
	}
	if !bytes.Equal(got, want) || len(want) == 0 {
		t.Fatalf("sweep.csv on Slurm differs from the one-process sweep's:\n%s\nwant:\n%s", got, want)
	}
}

// requireSlurm skips the test where Slurm cannot run (not root, packages
// missing), or fails it when ECSIM_REQUIRE_SLURM=1.
func requireSlurm(t *testing.T) {
	t.Helper()
	var missing []string
	for _, cmd := range []string{"slurmctld", "slurmd", "sbatch", "squeue", "munged"} {
		if _, err := exec.LookPath(cmd); err != nil {
			if _, err := os.Stat("/usr/sbin/" + cmd); err != nil {
				missing = append(missing, cmd)
			}
		}
	}
	why := ""
	switch {
	case len(missing) > 0:
		why = "Slurm is not installed (missing " + strings.Join(missing, ", ") + "; apt-get install slurm-wlm munge)"
	case os.Geteuid() != 0:
		why = "a single-node Slurm here needs root"
	}
	if why == "" {
		return
	}
	if os.Getenv("ECSIM_REQUIRE_SLURM") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// waitForJobs waits until Slurm no longer lists the jobs (finished, in
// whatever state).
func waitForJobs(t *testing.T, env []string, jobs []string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		q := exec.Command("squeue", "-h", "-j", strings.Join(jobs, ","))
		q.Env = env
		out, err := q.CombinedOutput()
		if err == nil && strings.TrimSpace(string(out)) == "" || strings.Contains(string(out), "Invalid job id") {
			return // no longer queued, or already purged
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("jobs %v still queued after %v", jobs, limit)
}
