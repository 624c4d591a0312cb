package scenariotest

import "fmt"

// ManagedLoad writes the managed-scaling load of cmd/perf and
// BenchmarkManagedScaling: tasks RunTask tasks of 256 CPU units and 512
// MiB arriving as a Poisson process over hours, each running an exponential
// time whose mean keeps instances × 16 / 3 of them running at once
// (Little's law: L = λW), on a capacity provider with managed scaling whose
// Auto Scaling group starts empty and may grow to instances m5.xlarge. The
// PROVISIONING limit is lifted to the task count, so that every task waits
// for the scale-out instead of failing (with ECS's 500 a group that grows
// by minutes under tasks that arrive by the second fails many of them).
func ManagedLoad(name string, instances, tasks int, hours float64) string {
	rate := float64(tasks) / (hours * 60)
	mean := float64(instances) * 16 / 3 / (rate / 60)
	return fmt.Sprintf(`name: %s
duration: %gh
sampleInterval: 1m
cluster:
  provisioningLimit: %d
  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [m5.xlarge], minSize: 0, maxSize: %d}
      managedScaling: {status: ENABLED, targetCapacity: 100}
      managedTerminationProtection: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - family: load
    containerDefinitions: [{name: main, image: load, cpu: 256, memory: 512}]
workloads:
  - name: load
    taskDefinition: load
    placementStrategy: [{type: binpack, field: memory}]
    arrivals: {process: poisson, ratePerMinute: %g}
    duration: {distribution: exponential, mean: %gs}
`, name, hours, tasks, instances, rate, mean)
}
