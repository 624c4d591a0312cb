// Package scenariotest holds test support for the packages that run
// scenarios: Random, a generator of random valid scenarios for property
// tests and fuzzing (the invariant Checker, explain's Verify).
package scenariotest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Random writes a random but valid scenario: a managed-scaling
// group (with or without managed termination protection and draining,
// On-Demand or Spot), sometimes static instances and Fargate providers,
// RunTask workloads with random strategies, REPLICA services with
// deployments, start failures and auto scaling, sometimes a DAEMON
// service, and faults.
func Random(seed uint64) string {
	g := &generator{r: rand.New(rand.NewPCG(seed, 7))}
	g.spot = g.r.IntN(4) == 0
	g.fargate = g.r.IntN(3) == 0
	fmt.Fprintf(&g.b, "name: random\nseed: %d\nduration: %dh\nsampleInterval: 5m\n", seed, 3+g.r.IntN(4))
	fmt.Fprintf(&g.b, "model: {fargateSpotInterruptionsPerHour: %v, scaleInMaxFraction: %v}\n",
		g.pick("0", "0.5", "2"), g.pick("0.5", "0.25", "1"))
	g.cluster()
	g.b.WriteString(taskDefinitions)
	g.workloads()
	g.services()
	g.faults()
	src := g.b.String()
	if !strings.Contains(src, "serviceName") {
		src = strings.Replace(src, "services:\n", "", 1)
	}
	return src
}

// generator writes one random scenario: its random source, the text so
// far, and the choices later parts depend on.
type generator struct {
	r *rand.Rand
	b strings.Builder
	// spot makes the Auto Scaling group Spot (with Spot interruptions);
	// fargate adds the FARGATE and FARGATE_SPOT providers and their tasks.
	spot, fargate bool
	// minStep is the minimum scaling step drawn (see step).
	minStep int
}

// pick returns one of xs at random.
func (g *generator) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// onOff returns ENABLED or DISABLED at random.
func (g *generator) onOff() string { return g.pick("ENABLED", "DISABLED") }

// cluster writes the cluster: sometimes static instances, the managed
// scaling group, sometimes the Fargate providers.
func (g *generator) cluster() {
	r, b := g.r, &g.b
	b.WriteString("cluster:\n")
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "  containerInstances: [{instanceType: %s, count: %d}]\n", g.pick("m5.large", "c5.xlarge"), 1+r.IntN(3))
	}
	minSize := r.IntN(3)
	actions := ""
	if r.IntN(3) == 0 { // the group's own scheduled actions, fighting managed scaling (docs/model.md §3.4)
		actions = fmt.Sprintf(",\n                         scheduledActions: [{scheduledActionName: a, at: %dm, every: %dm, desiredCapacity: %d}, {scheduledActionName: b, at: %dm, minSize: %d, maxSize: %d}]",
			10+r.IntN(60), 10+r.IntN(60), r.IntN(4), 30+r.IntN(90), r.IntN(3), 3+r.IntN(10))
	}
	fmt.Fprintf(b, `  capacityProviders:
    - name: asg
      autoScalingGroup: {instanceTypes: [%s], minSize: %d, maxSize: %d, desiredCapacity: %d, spot: %v,
                         launchDelay: {distribution: uniform, min: 30s, max: %ds}, allocationStrategy: %s%s}
      managedScaling: {status: ENABLED, targetCapacity: %s, minimumScalingStepSize: %d, maximumScalingStepSize: %d,
                       instanceWarmupPeriod: %d}
      managedTerminationProtection: %s
      managedDraining: %s
`, g.pick("m5.large", "m5.large, m5.xlarge", "c5.large, r5.large, m5.xlarge"), minSize, minSize+3+r.IntN(10),
		minSize+r.IntN(3), g.spot, 60+r.IntN(400), g.pick("prioritized", "lowest-price", "random"), actions,
		g.pick("100", "100", "90", "75", "50"), g.step(1+r.IntN(2)), g.step(r.IntN(8)), r.IntN(400), g.onOff(), g.onOff())
	if g.fargate {
		b.WriteString("    - name: FARGATE\n    - name: FARGATE_SPOT\n")
	}
	b.WriteString("  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]\n")
	fmt.Fprintf(b, "  provisioningLimit: %d\n", pick2(r, 500, 20))
}

// step returns the minimum scaling step when called first (lo it is
// given), then the maximum, never below the minimum: lo + d.
func (g *generator) step(d int) int {
	if g.minStep == 0 {
		g.minStep = d
		return d
	}
	return g.minStep + d
}

// taskDefinitions are the task definitions every random scenario has.
const taskDefinitions = `taskDefinitions:
  - {family: small, containerDefinitions: [{name: a, cpu: 256, memory: 512}]}
  - {family: mid, containerDefinitions: [{name: a, cpu: 1024, memory: 3072}]}
  - {family: big, containerDefinitions: [{name: a, cpu: 2048, memory: 6000}]}
  - {family: port, containerDefinitions: [{name: a, cpu: 128, memory: 256, portMappings: [{containerPort: 80, hostPort: 8080}]}]}
  - {family: vpc, networkMode: awsvpc, containerDefinitions: [{name: a, cpu: 256, memory: 512}]}
  - {family: agent, containerDefinitions: [{name: a, cpu: 64, memory: 128}]}
  - {family: fg, requiresCompatibilities: [FARGATE], cpu: "512", memory: "1024", containerDefinitions: [{name: a}]}
`

// workloads writes one to three Poisson RunTask workloads on EC2 with
// random placement strategies, and a Fargate one with the Fargate
// providers.
func (g *generator) workloads() {
	r, b := g.r, &g.b
	b.WriteString("workloads:\n")
	for i := 0; i < 1+r.IntN(3); i++ {
		fmt.Fprintf(b, "  - name: w%d\n    taskDefinition: %s\n    arrivals: {process: poisson, ratePerMinute: %v}\n"+
			"    duration: {distribution: exponential, mean: %dm}\n    placementStrategy: %s\n",
			i, g.pick("small", "mid", "big", "port", "vpc"), g.pick("0.5", "2", "6"), 2+r.IntN(40),
			g.pick("[]", "[{type: binpack, field: memory}]", "[{type: spread, field: instanceId}]",
				"[{type: spread, field: \"attribute:ecs.availability-zone\"}, {type: binpack, field: cpu}]", "[{type: random}]"))
		if r.IntN(4) == 0 {
			b.WriteString("    launchType: EC2\n")
		}
	}
	if g.fargate {
		fmt.Fprintf(b, "  - name: fgw\n    taskDefinition: fg\n    capacityProviderStrategy: [{capacityProvider: FARGATE, base: 1, weight: 1}, {capacityProvider: FARGATE_SPOT, weight: 2}]\n"+
			"    arrivals: {process: poisson, ratePerMinute: 1}\n    duration: {distribution: exponential, mean: 30m}\n")
	}
}

// services writes up to two REPLICA services and sometimes a DAEMON one.
func (g *generator) services() {
	g.b.WriteString("services:\n")
	for i := 0; i < g.r.IntN(3); i++ {
		g.service(i)
	}
	if g.r.IntN(3) == 0 {
		g.b.WriteString("  - {serviceName: daemon, taskDefinition: agent, schedulingStrategy: DAEMON}\n")
	}
}

// service writes REPLICA service i: on the Auto Scaling group or on
// FARGATE_SPOT, with a random deployment configuration, start failures,
// and sometimes a deployment, a desired count schedule and auto scaling.
func (g *generator) service(i int) {
	r, b := g.r, &g.b
	def := g.pick("small", "mid", "vpc")
	if g.fargate && r.IntN(2) == 0 {
		def = "fg"
		b.WriteString("  - capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, weight: 1}]\n    ")
	} else {
		b.WriteString("  - ")
	}
	fmt.Fprintf(b, "serviceName: s%d\n    taskDefinition: %s\n    desiredCount: %d\n", i, def, 1+r.IntN(8))
	fmt.Fprintf(b, "    deploymentConfiguration: {minimumHealthyPercent: %s, maximumPercent: %s, deploymentCircuitBreaker: {enable: %v, rollback: %v}}\n",
		g.pick("0", "50", "100"), g.pick("100", "150", "200"), r.IntN(2) == 0, r.IntN(2) == 0)
	fmt.Fprintf(b, "    startFailureRate: %s\n    healthyAfter: %ds\n", g.pick("0", "0", "0.3"), 10+r.IntN(60))
	if r.IntN(2) == 0 {
		next := g.pick("small", "mid")
		if def == "fg" {
			next = "fg"
		}
		fmt.Fprintf(b, "    deployments: [{at: %dm, taskDefinition: %s, startFailureRate: %s}, {at: %dm, forceNewDeployment: true}]\n",
			20+r.IntN(100), next, g.pick("0", "0.5", "1"), 60+r.IntN(100))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "    desiredCountSchedule: [{at: %dm, desiredCount: %d}, {at: %dm, desiredCount: %d}]\n", 30+r.IntN(60), r.IntN(12), 100+r.IntN(60), r.IntN(5))
	}
	if r.IntN(3) == 0 {
		b.WriteString("    serviceAutoScaling: {minCapacity: 1, maxCapacity: 12, targetTracking: {metric: ECSServiceAverageCPUUtilization, targetValue: 60, scaleOutCooldown: 60, scaleInCooldown: 120}}\n")
		fmt.Fprintf(b, "    load: {pattern: diurnal, min: 200, max: %d, period: 3h}\n", 1000+r.IntN(6000))
	}
}

// faults writes sometimes an instance failure, a zone outage and an agent
// disconnection, and Spot interruptions on a Spot group.
func (g *generator) faults() {
	r := g.r
	faults := []string{}
	if r.IntN(3) == 0 {
		faults = append(faults, fmt.Sprintf("{type: instanceFailure, at: %dm, count: %d}", 10+r.IntN(120), 1+r.IntN(3)))
	}
	if r.IntN(4) == 0 {
		faults = append(faults, fmt.Sprintf("{type: availabilityZoneOutage, availabilityZone: us-east-1b, at: %dm, duration: %dm}", 30+r.IntN(60), 10+r.IntN(60)))
	}
	if r.IntN(4) == 0 {
		faults = append(faults, fmt.Sprintf("{type: agentDisconnect, at: %dm, duration: %dm, count: 1}", 10+r.IntN(60), 5+r.IntN(30)))
	}
	if g.spot {
		faults = append(faults, "{type: spotInterruption, capacityProvider: asg, ratePerHour: 0.3}")
	}
	if len(faults) > 0 {
		g.b.WriteString("faults:\n")
		for _, f := range faults {
			g.b.WriteString("  - " + f + "\n")
		}
	}
}

// pick2 returns b one time in four, else a.
func pick2(r *rand.Rand, a, b int) int {
	if r.IntN(4) == 0 {
		return b
	}
	return a
}
