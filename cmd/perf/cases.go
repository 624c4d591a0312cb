package main

import (
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/scenarios/scenariotest"
)

// perfCase is one end-to-end case of issue 13's table: a scenario ecsim
// runs whole, and the work the bare reference loop does for it.
type perfCase struct {
	name string
	// what the case measures, for the table.
	what string
	// yaml is the scenario.
	yaml string
	// bare is the reference loop's workload.
	bare bareWork
}

// load is a RunTask load: tasks of 256 CPU units and 512 MiB arriving as a
// Poisson process, each running an exponential time, sized so the cluster
// is a third full on average (instances × 16 slots / 3 tasks at once).
type load struct {
	instances int
	tasks     int
	hours     float64
}

func (l load) ratePerMinute() float64 { return float64(l.tasks) / (l.hours * 60) }

// meanSeconds is the mean task duration that keeps instances × 16/3 tasks
// running at once (Little's law: L = λW).
func (l load) meanSeconds() float64 {
	return float64(l.instances) * 16 / 3 / (l.ratePerMinute() / 60)
}

func (l load) bare() bareWork {
	return bareWork{instances: l.instances, memoryMiB: 15_722, tasks: l.tasks, ratePerSecond: l.ratePerMinute() / 60,
		meanSeconds: l.meanSeconds(), taskMiB: 512}
}

// fixedFleet is a scenario of l on instances m5.xlarge with a placement
// strategy list.
func fixedFleet(name string, l load, strategy string) string {
	return fmt.Sprintf(`name: %s
duration: %gh
sampleInterval: 1m
cluster:
  containerInstances: [{instanceType: m5.xlarge, count: %d}]
taskDefinitions:
  - family: load
    containerDefinitions: [{name: main, image: load, cpu: 256, memory: 512}]
workloads:
  - name: load
    taskDefinition: load
    launchType: EC2
    placementStrategy: %s
    arrivals: {process: poisson, ratePerMinute: %g}
    duration: {distribution: exponential, mean: %gs}
`, name, l.hours, l.instances, strategy, l.ratePerMinute(), l.meanSeconds())
}

// managedFleet is l on a capacity provider with managed scaling whose Auto
// Scaling group may grow to l.instances m5.xlarge, the PROVISIONING limit
// lifted so that it is the same load as on fixed instances
// (scenariotest.ManagedLoad).
func managedFleet(name string, l load) string {
	return scenariotest.ManagedLoad(name, l.instances, l.tasks, l.hours)
}

// queueHeavy is the benchmark workload of the pfnet k8s-cluster-simulator:
// 100 nodes of 16 vCPU and 64 GiB (m5.4xlarge), tasks of 1-4 vCPU and
// 1-8 GiB running 60-3600 s, 50 every 10 s until 10,000 (here RunTask
// calls of 10, the most one call starts, 30 a minute as a Poisson process
// for 2000 s), on a capacity provider whose group is already at its
// maximum, so most tasks wait PROVISIONING for a task to end (the cluster's
// PROVISIONING limit raised from ECS's 500 to hold them all).
const queueHeavy = `name: queue-heavy
duration: 6h
sampleInterval: 1m
cluster:
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.4xlarge], minSize: 100, maxSize: 100, desiredCapacity: 100}
      managedScaling: {status: ENABLED, targetCapacity: 100}
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
  provisioningLimit: 20000
taskDefinitions:
  - family: job
    containerDefinitions: [{name: main, image: job, cpu: 1024, memory: 1024}]
workloads:
  - name: jobs
    taskDefinition: job
    size: {cpu: {distribution: uniform, min: 1024, max: 4096}, memory: {distribution: uniform, min: 1024, max: 8192}}
    arrivals: {process: piecewise, ratesPerMinute: [{at: 0s, rate: 30}, {at: 2000s, rate: 30}, {at: 2001s, rate: 0}], count: 10}
    duration: {distribution: uniform, min: 60s, max: 3600s}
    placementStrategy: [{type: binpack, field: memory}]
`

// cases returns issue 13's end-to-end cases. short cuts each load by 100
// (for a quick look and for the tests).
func cases(short bool) []perfCase {
	scale := func(l load) load {
		if short {
			l.instances, l.tasks = max(10, l.instances/100), max(1000, l.tasks/100)
		}
		return l
	}
	million := scale(load{instances: 10_000, tasks: 1_000_000, hours: 12.5})
	year := scale(load{instances: 1_000, tasks: 10_000_000, hours: 365 * 24})
	big := scale(load{instances: 50_000, tasks: 1_000_000, hours: 12.5})
	q := queueHeavy
	if short {
		q = strings.ReplaceAll(q, "rate: 30", "rate: 3")
	}
	return []perfCase{
		{"binpack", "binpack(memory), 10,000 fixed instances, 1M tasks", fixedFleet("perf-binpack", million, "[{type: binpack, field: memory}]"), million.bare()},
		{"spread", "spread(instanceId), same", fixedFleet("perf-spread", million, "[{type: spread, field: instanceId}]"), million.bare()},
		{"spread-zone", "spread(zone), spread(instanceId), same", fixedFleet("perf-spread-zone", million,
			"[{type: spread, field: attribute:ecs.availability-zone}, {type: spread, field: instanceId}]"), million.bare()},
		{"managed", "capacity provider with managed scaling, same load", managedFleet("perf-managed", million), million.bare()},
		{"year", "a year, 1,000 instances, 10M tasks", fixedFleet("perf-year", year, "[{type: binpack, field: memory}]"), year.bare()},
		{"50k", "50,000 instances, 1M tasks", fixedFleet("perf-50k", big, "[{type: binpack, field: memory}]"), big.bare()},
		{"queue-heavy", "10,000 sized tasks on 100 instances, most PROVISIONING (pfnet's workload)", q,
			bareWork{instances: 100, memoryMiB: 63_000, tasks: 10_000, ratePerSecond: 5, meanSeconds: 1830, taskMiB: 4608}},
	}
}
