package world_test

import (
	"fmt"
	"hash/fnv"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/scenarios/scenariotest"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
)

// digest hashes every event and sample of a run.
type digest struct {
	h      interface{ Write([]byte) (int, error) }
	events int
}

func (d *digest) Event(e *record.Event) {
	d.events++
	fmt.Fprintf(d.h, "%+v\n", *e)
}

func (d *digest) Sample(s *record.Sample) { fmt.Fprintf(d.h, "%+v\n", *s) }

// runDigest runs sc, trying every waiting class on a retry pass when
// tryAll, and returns the hash of everything it emitted.
func runDigest(t *testing.T, sc *scenarios.Scenario, tryAll bool) (uint64, int) {
	t.Helper()
	h := fnv.New64a()
	d := &digest{h: h}
	w, err := world.New(sc.Config, d)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if tryAll {
		world.TryAll(w)
	}
	if w.Run(nil) == nil {
		t.Fatal("the run stopped")
	}
	return h.Sum64(), d.events
}

// sizedQueue is a small queue-heavy scenario: tasks of many sizes wait
// PROVISIONING on a group at its maximum, some with a distinctInstance
// constraint, some with a memberOf on the instance type.
const sizedQueue = `
name: sized-queue
duration: 3h
cluster:
  provisioningLimit: 5000
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.2xlarge, m5.xlarge], minSize: 6, maxSize: 6, desiredCapacity: 6}
      managedScaling: {status: ENABLED, targetCapacity: 100}
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - family: job
    containerDefinitions: [{name: main, image: job, cpu: 1024, memory: 1024}]
workloads:
  - name: jobs
    taskDefinition: job
    size: {cpu: {distribution: uniform, min: 256, max: 4096}, memory: {distribution: uniform, min: 512, max: 8192}}
    arrivals: {process: poisson, ratePerMinute: 4, count: 10}
    duration: {distribution: uniform, min: 60s, max: 1800s}
    placementStrategy: [{type: binpack, field: memory}]
  - name: spread
    taskDefinition: job
    arrivals: {process: poisson, ratePerMinute: 2, count: 3}
    duration: {distribution: exponential, mean: 600s}
    placementConstraints: [{type: distinctInstance}]
  - name: big
    taskDefinition: job
    size: {cpu: {distribution: constant, value: 4096}, memory: {distribution: constant, value: 16000}}
    arrivals: {process: poisson, ratePerMinute: 0.5}
    duration: {distribution: constant, value: 900s}
    placementConstraints: [{type: memberOf, expression: "attribute:ecs.instance-type == m5.2xlarge"}]
`

// cancelledQueue has two providers at their maximum, sized RunTask tasks
// waiting on both, and a service whose desired count rises past what fits
// and then falls, cancelling PROVISIONING tasks that are the oldest of
// their class (the retry tree finds their stale fronts).
const cancelledQueue = `
name: cancelled-queue
duration: 3h
cluster:
  provisioningLimit: 5000
  capacityProviders:
    - name: small
      autoScalingGroup: {instanceTypes: [m5.xlarge], minSize: 3, maxSize: 3, desiredCapacity: 3}
      managedScaling: {status: ENABLED, targetCapacity: 100}
    - name: large
      autoScalingGroup: {instanceTypes: [m5.2xlarge], minSize: 2, maxSize: 2, desiredCapacity: 2}
      managedScaling: {status: ENABLED, targetCapacity: 100}
  defaultCapacityProviderStrategy: [{capacityProvider: small, weight: 1}, {capacityProvider: large, weight: 1}]
taskDefinitions:
  - family: job
    containerDefinitions: [{name: main, image: job, cpu: 1024, memory: 1024}]
  - family: web
    containerDefinitions: [{name: web, image: web, cpu: 512, memory: 1024}]
workloads:
  - name: jobs
    taskDefinition: job
    size: {cpu: {distribution: uniform, min: 256, max: 2048}, memory: {distribution: uniform, min: 512, max: 4096}}
    arrivals: {process: poisson, ratePerMinute: 3, count: 4}
    duration: {distribution: uniform, min: 60s, max: 1200s}
services:
  - serviceName: web
    taskDefinition: web
    desiredCount: 2
    capacityProviderStrategy: [{capacityProvider: small, weight: 1}]
    desiredCountSchedule:
      - {at: 20m, desiredCount: 60}
      - {at: 40m, desiredCount: 5}
      - {at: 80m, desiredCount: 40}
      - {at: 100m, desiredCount: 0}
`

// TestRetryPassMatchesTryingEveryClass (docs/model.md §7.2): the retry pass
// tries a class only where capacity grew; trying every waiting class, as
// the reference does, gives the same run — the same events and samples in
// the same order — because a failed placement changes nothing and a class
// that fits no grown instance fits none. Random scenarios and a sized,
// queue-heavy one.
func TestRetryPassMatchesTryingEveryClass(t *testing.T) {
	srcs := []string{sizedQueue, cancelledQueue}
	n := 60
	if testing.Short() {
		n = 15
	}
	for i := range n {
		srcs = append(srcs, scenariotest.Random(uint64(1000+i)))
	}
	for i, src := range srcs {
		sc, err := scenarios.Parse("retry.yaml", ".", []byte(src))
		if err != nil {
			t.Fatalf("scenario %d: %v", i, err)
		}
		fast, n := runDigest(t, sc, false)
		ref, _ := runDigest(t, sc, true)
		if fast != ref {
			t.Errorf("scenario %d (%d events): the retry pass and trying every class differ\n%s", i, n, src)
		}
	}
}
