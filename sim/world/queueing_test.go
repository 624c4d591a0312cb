package world_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ecsim/ecsim/sim/record"
)

// erlangB is the blocking probability of an M/M/c/c loss system with
// offered load a = λ/μ (Erlang 1917).
func erlangB(a float64, c int) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// erlangCWait is the mean wait in the queue of an M/M/c system:
// C(c, a) / (cμ − λ).
func erlangCWait(lambda, mu float64, c int) float64 {
	a := lambda / mu
	b := erlangB(a, c)
	pc := float64(c) * b / (float64(c) - a*(1-b))
	return pc / (float64(c)*mu - lambda)
}

// queueScenario is 2 m5.large holding 2 tasks of 1024 CPU units each
// (c = 4 servers), Poisson arrivals at 0.3 per minute and exponential
// service of mean 10 minutes (a = 3 Erlangs), for 2000 hours.
func queueScenario(launch string, seed int) string {
	return fmt.Sprintf(`
name: queue
seed: %d
duration: 2000h
sampleInterval: 1h
cluster:
  capacityProviders:
    - name: cp
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 2, maxSize: 2, desiredCapacity: 2}
      managedScaling: {status: ENABLED}
  defaultCapacityProviderStrategy: [{capacityProvider: cp, weight: 1}]
  provisioningLimit: 100000
taskDefinitions:
  - {family: job, containerDefinitions: [{name: a, cpu: 1024, memory: 1024}]}
workloads:
  - name: jobs
    taskDefinition: job
%s    arrivals: {process: poisson, ratePerMinute: 0.3}
    duration: {distribution: exponential, mean: 10m}
`, seed, launch)
}

// TestErlangBLossSystem: with a launch type, a RunTask task that fits
// nowhere fails at once (docs/model.md §14.5): 4 task slots under Poisson
// arrivals and exponential durations are an M/M/4/4 loss system, whose
// blocking probability is Erlang B(4, 3) = 0.2061.
func TestErlangBLossSystem(t *testing.T) {
	l, _ := simulate(t, queueScenario("    launchType: EC2\n", 11), nil)
	sub, failed := len(l.of(record.TaskSubmitted)), len(l.of(record.TaskFailed))
	got, want := float64(failed)/float64(sub), erlangB(3, 4)
	if math.Abs(got-want) > 0.01 {
		t.Fatalf("blocked %.4f of %d tasks, want Erlang B %.4f ± 0.01", got, sub, want)
	}
}

// TestErlangCQueue: with managed scaling at its maximum, tasks wait
// PROVISIONING and are placed first come, first served as tasks end
// (docs/model.md §14.5): an M/M/4 queue whose mean wait is
// C(4, 3) / (4μ − λ) = 305.7 s. Six seeds of 36,000 tasks each average
// within 10 %.
func TestErlangCQueue(t *testing.T) {
	var sum float64
	var n int
	for seed := 1; seed <= 6; seed++ {
		l, _ := simulate(t, queueScenario("", seed), nil)
		for _, e := range l.of(record.TaskRunning) {
			sum += e.Wait.Seconds()
			n++
		}
	}
	got, want := sum/float64(n), erlangCWait(0.3/60, 1.0/600, 4)
	if math.Abs(got-want) > 0.1*want {
		t.Fatalf("mean wait %.1f s over %d tasks, want Erlang C %.1f s ± 10 %%", got, n, want)
	}
}
