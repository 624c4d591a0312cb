package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tdWeb is a valid task definition section: lines 1-4 of the cases that use
// it.
const tdWeb = `taskDefinitions:
  - family: web
    containerDefinitions:
      - {name: app, memory: 512}
`

// wlHead starts a workload using tdWeb: lines 1-7; a case's own lines start
// at line 8.
const wlHead = tdWeb + `workloads:
  - name: w
    taskDefinition: web
`

// okArrivals and okDuration complete a workload (two lines).
const okArrivals = "    arrivals: {process: poisson, ratePerMinute: 1}\n"
const okDuration = "    duration: {distribution: constant, value: 1m}\n"

// instanceTypeFamilies is the start of the catalogue's list of families.
const instanceTypeFamilies = "the catalogue has"

const topKeys = "(accepted: name, description, seed, duration, sampleInterval, startTime, cluster, instanceTypes, taskDefinitions, workloads, scheduledTasks, services, faults, model, prices, variants, sweep)"

const durationHelpText = "a duration such as 90s, 5m, 1h30m or 7d (units: ms, s, m, h, d)"

// fargateOnlyWeb is a valid task definition section for FARGATE only: lines
// 1-6.
const fargateOnlyWeb = `taskDefinitions:
  - family: web
    requiresCompatibilities: [FARGATE]
    cpu: 256
    memory: 512
    containerDefinitions: [{name: app}]
`

type malformedCase struct {
	name string
	src  string
	want []wantLine
	// absent, if set, must appear in no error line.
	absent string
	// bug, if set, skips the case: the loader gets it wrong (see the report).
	bug string
}

// malformedCases are the kinds of bad input the loader promises to reject
// with one positioned line per problem (README "The command line": exit 2).
var malformedCases = []malformedCase{
	// Unknown keys.
	{name: "unknown top-level key with suggestion", src: "nmae: x\n",
		want: []wantLine{{"1:1", "nmae", `unknown field "nmae" ` + topKeys + `; did you mean "name"?`}}},
	{name: "unknown top-level key differing in case", src: "Seed: 3\n",
		want: []wantLine{{"1:1", "Seed", `unknown field "Seed" ` + topKeys + `; did you mean "seed"?`}}},
	{name: "unknown top-level key without suggestion", src: "frobnicate: []\n",
		want:   []wantLine{{"1:1", "frobnicate", `unknown field "frobnicate" ` + topKeys}},
		absent: "did you mean"},
	{name: "unknown nested workload key with suggestion",
		src: wlHead + "    arrival: {process: poisson, ratePerMinute: 1}\n" + okDuration,
		want: []wantLine{{"8:5", "workloads[0].arrival",
			`unknown field "arrival" (accepted: name, taskDefinition, taskDefinitions, size, launchType, capacityProviderStrategy, group, arrivals, duration, containerDurations, taskStartDelay, placementStrategy, placementConstraints, trace); did you mean "arrivals"?`}}},
	{name: "unknown container key with suggestion",
		src: "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memoryReservaton: 512}\n",
		want: []wantLine{{"4:21", "taskDefinitions[0].containerDefinitions[0].memoryReservaton",
			`unknown field "memoryReservaton" (accepted: name, image, cpu, memory, memoryReservation, essential, portMappings, resourceRequirements, privileged, disableNetworking, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, links, linuxParameters, stopTimeout); did you mean "memoryReservation"?`}}},
	{name: "unknown key in a flow mapping deep down",
		src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, zone: us-east-1a}\n",
		want: []wantLine{{"3:32", "cluster.containerInstances[0].zone",
			`unknown field "zone" (accepted: instanceType, count, availabilityZone, attributes, reservedMemoryMiB, reservedPorts, osFamily)`}}},

	// Wrong types.
	{name: "string for a number", src: "seed: seven\n",
		want: []wantLine{{"1:7", "seed", `expected a non-negative integer, got the string "seven"`}}},
	{name: "string for a float", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: fast}\n" + okDuration,
		want: []wantLine{{"8:49", "workloads[0].arrivals.ratePerMinute", `expected a number, got the string "fast"`}}},
	{name: "list for a mapping", src: "cluster: [a]\n",
		want: []wantLine{{"1:10", "cluster", "expected a mapping, got a list"}}},
	{name: "mapping for a string", src: "name: {a: 1}\n",
		want: []wantLine{{"1:7", "name", "expected a string, got a mapping"}}},
	{name: "list for a string", src: "description: [x]\n",
		want: []wantLine{{"1:14", "description", "expected a string, got a list"}}},
	{name: "bool for a string", src: "name: true\n",
		want: []wantLine{{"1:7", "name", `expected a string, got a boolean "true"`}}},
	{name: "bool for an int", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: true}\n",
		want: []wantLine{{"3:39", "cluster.containerInstances[0].count", `expected an integer, got a boolean "true"`}}},
	{name: "float for an int", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 1.5}\n",
		want: []wantLine{{"3:39", "cluster.containerInstances[0].count", "expected an integer, got the number 1.5"}}},
	{name: "quoted number for an int", src: "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: \"512\"}\n",
		want: []wantLine{{"4:29", "taskDefinitions[0].containerDefinitions[0].memory", `expected an integer, got the string "512"`}}},
	{name: "string for a bool", src: "cluster:\n  awsvpcTrunking: yes\n",
		want: []wantLine{{"2:19", "cluster.awsvpcTrunking", `expected true or false, got the string "yes"`}}},
	{name: "string for a list", src: "cluster:\n  availabilityZones: us-east-1a\n",
		want: []wantLine{{"2:22", "cluster.availabilityZones", `expected a list, got the string "us-east-1a"`}}},
	{name: "mapping for a list", src: "instanceTypes: {name: x}\n",
		want: []wantLine{{"1:16", "instanceTypes", "expected a list, got a mapping"}}},
	{name: "mapping for a duration", src: "duration: {a: 1}\n",
		want: []wantLine{{"1:11", "duration", "expected a single value, got a mapping"}}},
	{name: "bool for a duration", src: "sampleInterval: true\n",
		want: []wantLine{{"1:17", "sampleInterval", "expected " + durationHelpText + `, got a boolean "true"`}}},
	{name: "list for a task size", src: "taskDefinitions:\n  - family: web\n    cpu: [1]\n",
		want: []wantLine{{"3:10", "taskDefinitions[0].cpu", "expected a single value, got a list"}}},
	{name: "number too large for an int", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 99999999999999999999}\n",
		want: []wantLine{{"3:39", "cluster.containerInstances[0].count", "expected an integer, got the number 99999999999999999999"}}},
	{name: "negative seed", src: "seed: -1\n",
		want: []wantLine{{"1:7", "seed", "must be >= 0 (got -1)"}}},
	{name: "mapping as a key", src: "{a: 1}: x\n",
		want: []wantLine{{"1:1", "", "keys must be plain names, got a mapping"}}},

	// Numbers out of range.
	{name: "instance count 0", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 0}\n",
		want: []wantLine{{"3:39", "cluster.containerInstances[0].count", "must be between 1 and 1000000 (got 0)"}}},
	{name: "instance count 2000000", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 2000000}\n",
		want: []wantLine{{"3:39", "cluster.containerInstances[0].count", "must be between 1 and 1000000 (got 2000000)"}}},
	{name: "more than a million instances in all",
		src:  "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 600000}\n    - {instanceType: m5.large, count: 600000}\n",
		want: []wantLine{{"3:5", "cluster.containerInstances", "1200000 instances in all; at most 1000000"}}},
	{name: "ratePerMinute -1", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: -1}\n" + okDuration,
		want: []wantLine{{"8:49", "workloads[0].arrivals.ratePerMinute", "must be > 0 and at most 1000000 (got -1)"}}},
	{name: "ratePerMinute 0", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: 0}\n" + okDuration,
		want: []wantLine{{"8:49", "workloads[0].arrivals.ratePerMinute", "must be > 0 and at most 1000000 (got 0)"}}},
	{name: "ratePerMinute NaN", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: .nan}\n" + okDuration,
		want: []wantLine{{"8:49", "workloads[0].arrivals.ratePerMinute", "must be > 0 and at most 1000000 (got NaN)"}}},
	{name: "ratePerMinute infinite", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: .inf}\n" + okDuration,
		want: []wantLine{{"8:49", "workloads[0].arrivals.ratePerMinute", "must be > 0 and at most 1000000 (got +Inf)"}}},
	{name: "poisson count 0", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: 1, count: 0}\n" + okDuration,
		want: []wantLine{{"8:59", "workloads[0].arrivals.count", "must be between 1 and 10 (got 0)"}}},
	{name: "poisson count 11 (RunTask takes at most 10)", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: 1, count: 11}\n" + okDuration,
		want: []wantLine{{"8:59", "workloads[0].arrivals.count", "must be between 1 and 10 (got 11)"}}},
	{name: "batch count 0", src: wlHead + "    arrivals: {process: batch, at: 1m, count: 0}\n" + okDuration,
		want: []wantLine{{"8:47", "workloads[0].arrivals.count", "must be between 1 and 10000000 (got 0)"}}},
	{name: "duration 0s", src: "duration: 0s\n",
		want: []wantLine{{"1:11", "duration", "must be > 0 and at most 10 years (got 0s)"}}},
	{name: "duration 0", src: "duration: 0\n",
		want: []wantLine{{"1:11", "duration", "must be > 0 and at most 10 years (got 0s)"}}},
	{name: "negative duration", src: "duration: -1h\n",
		want: []wantLine{{"1:11", "duration", "must be > 0 and at most 10 years (got -1h)"}}},
	{name: "duration 5000d", src: "duration: 5000d\n",
		want: []wantLine{{"1:11", "duration", "must be > 0 and at most 10 years (got 5000d)"}}},
	{name: "duration beyond 146 years", src: "duration: 60000d\n",
		want: []wantLine{{"1:11", "duration", `"60000d" is too long (at most about 146 years)`}}},
	{name: "sampleInterval 0s", src: "sampleInterval: 0s\n",
		want: []wantLine{{"1:17", "sampleInterval", "must be at least 1s (got 0s)"}}},
	{name: "sampleInterval below 1s", src: "sampleInterval: 500ms\n",
		want: []wantLine{{"1:17", "sampleInterval", "must be at least 1s (got 500ms)"}}},
	{name: "too many samples", src: "duration: 3650d\nsampleInterval: 1s\n",
		want: []wantLine{{"2:17", "sampleInterval", "gives 315360000 samples over 3650d; at most 10000000 (use a longer interval)"}}},
	{name: "negative taskStartDelay", src: wlHead + okArrivals + okDuration + "    taskStartDelay: -5s\n",
		want: []wantLine{{"10:21", "workloads[0].taskStartDelay", "must be >= 0 (got -5s)"}}},

	// Bad durations.
	{name: "duration as a bare number", src: "duration: 300\n",
		want: []wantLine{{"1:11", "duration", `"300" is not ` + durationHelpText}}},
	{name: "duration as a quoted bare number", src: "duration: \"300\"\n",
		want: []wantLine{{"1:11", "duration", `"300" is not ` + durationHelpText}}},
	{name: "duration in words", src: "duration: 5 minutes\n",
		want: []wantLine{{"1:11", "duration", `"5 minutes" is not ` + durationHelpText}}},
	{name: "duration with unknown unit", src: "duration: 1x\n",
		want: []wantLine{{"1:11", "duration", `"1x" has unknown unit "x"; expected ` + durationHelpText}}},
	{name: "duration with Go's unit us", src: "sampleInterval: 10us\n",
		want: []wantLine{{"1:17", "sampleInterval", `"10us" has unknown unit "us"`}}},
	{name: "duration with trailing number", src: "duration: 1h30\n",
		want: []wantLine{{"1:11", "duration", `"1h30" is not ` + durationHelpText}}},
	{name: "bad duration inside a distribution", src: wlHead + okArrivals + "    duration: {distribution: constant, value: 10}\n",
		want: []wantLine{{"9:47", "workloads[0].duration.value", `"10" is not ` + durationHelpText}}},

	// Placement strategies.
	{name: "unknown strategy type", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{type: bnpack, field: cpu}]\n",
		want: []wantLine{{"10:32", "workloads[0].placementStrategy[0].type", `unknown placement strategy type "bnpack" (accepted: binpack, random, spread)`}}},
	{name: "strategy without type", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{field: cpu}]\n",
		want: []wantLine{{"10:25", "workloads[0].placementStrategy[0].type", `unknown placement strategy type "" (accepted: binpack, random, spread)`}}},
	{name: "binpack on disk", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{type: binpack, field: disk}]\n",
		want: []wantLine{{"10:48", "workloads[0].placementStrategy[0].field", `binpack field "disk" is not valid (accepted: cpu, memory)`}}},
	{name: "binpack without field", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{type: binpack}]\n",
		want: []wantLine{{"10:25", "workloads[0].placementStrategy[0].field", `binpack field "" is not valid (accepted: cpu, memory)`}}},
	{name: "spread on an unknown field", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{type: spread, field: zone}]\n",
		want: []wantLine{{"10:47", "workloads[0].placementStrategy[0].field", `spread field "zone" is not valid (accepted: instanceId, host, attribute:<name>`}}},
	{name: "random with a field", src: wlHead + okArrivals + okDuration + "    placementStrategy: [{type: random, field: cpu}]\n",
		want: []wantLine{{"10:47", "workloads[0].placementStrategy[0].field", `random takes no field (got "cpu")`}}},
	{name: "six strategies", src: wlHead + okArrivals + okDuration +
		"    placementStrategy:\n" + strings.Repeat("      - {type: binpack, field: cpu}\n", 6),
		want: []wantLine{{"11:7", "workloads[0].placementStrategy", "at most 5 placement strategy rules (got 6)"}}},

	// Placement constraints.
	{name: "eleven constraints counting the task definition's",
		src: "taskDefinitions:\n  - family: web\n    placementConstraints: [{type: memberOf, expression: \"attribute:a exists\"}]\n" +
			"    containerDefinitions: [{name: app, memory: 512}]\nworkloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration +
			"    placementConstraints:\n" + strings.Repeat("      - {type: memberOf, expression: \"attribute:b exists\"}\n", 10),
		want: []wantLine{{"11:7", "workloads[0].placementConstraints", "at most 10 placement constraints per task, the task definition's included (got 11)"}}},
	{name: "distinctInstance with an expression", src: wlHead + okArrivals + okDuration +
		"    placementConstraints: [{type: distinctInstance, expression: \"attribute:a exists\"}]\n",
		want: []wantLine{{"10:65", "workloads[0].placementConstraints[0].expression", "distinctInstance takes no expression"}}},
	{name: "distinctInstance in a task definition",
		src:  "taskDefinitions:\n  - family: web\n    placementConstraints: [{type: distinctInstance}]\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:35", "taskDefinitions[0].placementConstraints[0].type", `task definitions accept only memberOf constraints (got "distinctInstance")`}}},
	{name: "unknown constraint type", src: wlHead + okArrivals + okDuration + "    placementConstraints: [{type: memberof}]\n",
		want: []wantLine{{"10:35", "workloads[0].placementConstraints[0].type", `unknown placement constraint type "memberof" (accepted: distinctInstance, memberOf)`}}},
	{name: "invalid plain memberOf expression points into the expression",
		// The expression starts at column 21; its end (column 28 of the expression) is column 48.
		src: wlHead + okArrivals + okDuration + "    placementConstraints:\n      - type: memberOf\n        expression: attribute:stack == prod and\n",
		want: []wantLine{{"12:48", "workloads[0].placementConstraints[0].expression",
			"invalid cluster query language expression: expected a subject, found end of expression (accepted: agentConnected"}}},
	{name: "invalid double-quoted memberOf expression points into the expression",
		// The quote is at column 38, the expression at 39 and "=!" at its column 17: 55.
		src:  wlHead + okArrivals + okDuration + "    placementConstraints:\n      - {type: memberOf, expression: \"attribute:stack =! prod\"}\n",
		want: []wantLine{{"11:55", "workloads[0].placementConstraints[0].expression", `invalid cluster query language expression: unknown operator "=!"`}}},
	{name: "invalid single-quoted memberOf expression points into the expression",
		// The expression starts at column 39; "[" is its column 20: 58.
		src:  wlHead + okArrivals + okDuration + "    placementConstraints:\n      - {type: memberOf, expression: 'attribute:stack in [a, b'}\n",
		want: []wantLine{{"11:58", "workloads[0].placementConstraints[0].expression", `invalid cluster query language expression: unterminated argument list (missing "]")`}}},
	{name: "memberOf without expression",
		src:  wlHead + okArrivals + okDuration + "    placementConstraints:\n      - type: memberOf\n",
		want: []wantLine{{"11:9", "workloads[0].placementConstraints[0].expression", "invalid cluster query language expression: empty expression"}}},
	{name: "invalid memberOf expression in a task definition",
		// The quote is at column 57, the expression at 58; its end is its column 20: 77.
		src:  "taskDefinitions:\n  - family: web\n    placementConstraints: [{type: memberOf, expression: \"attribute:stack == \"}]\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:77", "taskDefinitions[0].placementConstraints[0].expression", "invalid cluster query language expression: missing argument for operator ==, found end of expression"}}},
	{name: "invalid memberOf expression in a block scalar points at the field",
		// A block scalar's text starts on the next line at an indentation
		// yaml.v3 does not report, so the error points at the | indicator.
		src:  wlHead + okArrivals + okDuration + "    placementConstraints:\n      - type: memberOf\n        expression: |\n          attribute:stack == prod and\n",
		want: []wantLine{{"12:21", "workloads[0].placementConstraints[0].expression", "invalid cluster query language expression: column 29"}}},

	// References and names.
	{name: "unknown instance type with suggestion", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.lrge}\n",
		want: []wantLine{{"3:22", "cluster.containerInstances[0].instanceType", `unknown instance type "m5.lrge" (did you mean "m5.large"?): the catalogue has m5 in sizes large, xlarge, 2xlarge`}}},
	{name: "unknown instance type says how to declare one", src: "cluster:\n  containerInstances:\n    - {instanceType: x9.huge}\n",
		want: []wantLine{{"3:22", "cluster.containerInstances[0].instanceType", `t3, t3a, t4g; to use another, declare it under instanceTypes: [{name: "x9.huge", vcpu: 4, memoryMiB: 16384, enis: 4, pricePerHour: 0.2}]`}}},
	{name: "missing instance type", src: "cluster:\n  containerInstances:\n    - {count: 2}\n",
		want: []wantLine{{"3:7", "cluster.containerInstances[0].instanceType", "required: " + instanceTypeFamilies}}},
	{name: "task definition that does not exist, with suggestion",
		src:  tdWeb + "workloads:\n  - name: w\n    taskDefinition: wbe\n" + okArrivals + okDuration,
		want: []wantLine{{"7:21", "workloads[0].taskDefinition", `task definition "wbe" does not exist (accepted: web); did you mean "web"?`}}},
	{name: "task definition revision that does not exist",
		src:  tdWeb + "workloads:\n  - name: w\n    taskDefinition: web:3\n" + okArrivals + okDuration,
		want: []wantLine{{"7:21", "workloads[0].taskDefinition", `task definition "web:3" does not exist (accepted: web)`}}},
	{name: "task definition when none are defined",
		src:  "workloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration,
		want: []wantLine{{"3:21", "workloads[0].taskDefinition", `task definition "web" does not exist (the scenario defines none under taskDefinitions)`}}},
	{name: "duplicate workload name",
		src:  wlHead + okArrivals + okDuration + "  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration,
		want: []wantLine{{"10:11", "workloads[1].name", `workload and scheduled task names are unique, 1-255 letters, digits, '-', '_' and '.' (got "w")`}}},
	{name: "invalid workload name", src: tdWeb + "workloads:\n  - name: my workload\n    taskDefinition: web\n" + okArrivals + okDuration,
		want: []wantLine{{"6:11", "workloads[0].name", `(got "my workload")`}}},
	{name: "duplicate task definition", src: tdWeb + "  - family: web\n    containerDefinitions: [{name: app, memory: 256}]\n",
		want: []wantLine{{"5:13", "taskDefinitions[1].family", `task definition "web" defined twice`}}},
	{name: "duplicate task definition revision",
		src: "taskDefinitions:\n  - {family: web, revision: 2, containerDefinitions: [{name: app, memory: 512}]}\n" +
			"  - {family: web, revision: 2, containerDefinitions: [{name: app, memory: 512}]}\n",
		want: []wantLine{{"3:14", "taskDefinitions[1].family", `task definition "web:2" defined twice`}}},
	{name: "invalid family", src: "taskDefinitions:\n  - family: web app\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"2:13", "taskDefinitions[0].family", `"web app" is not a valid family (1-255 letters, digits, '-' and '_')`}}},
	{name: "invalid scenario name", src: "name: -web\n",
		want: []wantLine{{"1:7", "name", `"-web" is not a valid name`}}},

	// Task definitions.
	{name: "container with neither memory nor memoryReservation",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, cpu: 256}\n",
		want: []wantLine{{"4:9", "taskDefinitions[0].containerDefinitions[0]", "needs memory or memoryReservation when the task definition sets no task-level memory"}}},
	{name: "memory equal to memoryReservation",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512, memoryReservation: 512}\n",
		want: []wantLine{{"4:29", "taskDefinitions[0].containerDefinitions[0].memory", "must be greater than memoryReservation (512) (got 512)"}}},
	{name: "memory below memoryReservation",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 256, memoryReservation: 512}\n",
		want: []wantLine{{"4:29", "taskDefinitions[0].containerDefinitions[0].memory", "must be greater than memoryReservation (512) (got 256)"}}},
	{name: "container memory below Docker's 6 MiB",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 4}\n",
		want: []wantLine{{"4:29", "taskDefinitions[0].containerDefinitions[0].memory", "must be at least 6 MiB (got 4)"}}},
	{name: "containers exceed the task memory",
		src:  "taskDefinitions:\n  - family: web\n    memory: 512\n    containerDefinitions:\n      - {name: a, memory: 300}\n      - {name: b, memoryReservation: 300}\n",
		want: []wantLine{{"3:13", "taskDefinitions[0].memory", "the containers' memory adds up to 600 MiB, more than the task's 512"}}},
	{name: "containers exceed the task cpu",
		src:  "taskDefinitions:\n  - family: web\n    cpu: 256\n    containerDefinitions:\n      - {name: a, memory: 300, cpu: 200}\n      - {name: b, memory: 300, cpu: 200}\n",
		want: []wantLine{{"3:10", "taskDefinitions[0].cpu", "the containers' cpu adds up to 400, more than the task's 256"}}},
	{name: "task cpu below 128 units", src: "taskDefinitions:\n  - family: web\n    cpu: \"64\"\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:10", "taskDefinitions[0].cpu", "task cpu on EC2 must be between 128 and 196608 CPU units (got 64)"}}},
	{name: "task cpu above 192 vCPU (RegisterTaskDefinition)", src: "taskDefinitions:\n  - family: web\n    cpu: 193 vCPU\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:10", "taskDefinitions[0].cpu", "task cpu on EC2 must be between 128 and 196608 CPU units (got 197632)"}}},
	{name: "task memory with an unknown unit", src: "taskDefinitions:\n  - family: web\n    memory: 1 GiB\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"3:13", "taskDefinitions[0].memory", `"1 GiB" is not a size (accepted: CPU units or MiB as a number, or "N vCPU", "N GB")`}}},
	{name: "task memory not a whole number", src: "taskDefinitions:\n  - family: web\n    memory: \"0.3 GB\"\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"3:13", "taskDefinitions[0].memory", `"0.3 GB" is not a whole number of CPU units or MiB`}}},
	{name: "no containers", src: "taskDefinitions:\n  - family: web\n    memory: 512\n",
		want: []wantLine{{"2:5", "taskDefinitions[0].containerDefinitions", "a task definition has 1 to 10 containers (got 0)"}}},
	{name: "no essential container",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512, essential: false}\n",
		want: []wantLine{{"4:7", "taskDefinitions[0].containerDefinitions", "at least one container must be essential"}}},
	{name: "duplicate container name",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512}\n      - {name: app, memory: 512}\n",
		want: []wantLine{{"5:16", "taskDefinitions[0].containerDefinitions[1].name", `unique in the task (got "app")`}}},
	{name: "GPU count not a number",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512, resourceRequirements: [{type: GPU, value: two}]}\n",
		want: []wantLine{{"4:76", "taskDefinitions[0].containerDefinitions[0].resourceRequirements[0].value", `GPU count must be a whole number from 1 to 64 (got "two")`}}},
	{name: "unknown resource requirement",
		src:  "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512, resourceRequirements: [{type: TPU, value: \"1\"}]}\n",
		want: []wantLine{{"4:64", "taskDefinitions[0].containerDefinitions[0].resourceRequirements[0].type", `unknown resource requirement "TPU" (accepted: GPU, InferenceAccelerator)`}}},
	{name: "hostPort differs from containerPort in awsvpc mode",
		src:  "taskDefinitions:\n  - family: web\n    networkMode: awsvpc\n    containerDefinitions:\n      - {name: app, memory: 512, portMappings: [{containerPort: 80, hostPort: 8080}]}\n",
		want: []wantLine{{"5:79", "taskDefinitions[0].containerDefinitions[0].portMappings[0].hostPort", "in awsvpc mode hostPort must equal containerPort (80) or be omitted (got 8080)"}}},
	{name: "hostPort differs from containerPort in host mode",
		src:  "taskDefinitions:\n  - family: web\n    networkMode: host\n    containerDefinitions:\n      - {name: app, memory: 512, portMappings: [{containerPort: 80, hostPort: 81}]}\n",
		want: []wantLine{{"5:79", "taskDefinitions[0].containerDefinitions[0].portMappings[0].hostPort", "in host mode hostPort must equal containerPort (80) or be omitted (got 81)"}}},
	{name: "port mappings in none mode",
		src:  "taskDefinitions:\n  - family: web\n    networkMode: none\n    containerDefinitions:\n      - {name: app, memory: 512, portMappings: [{containerPort: 80}]}\n",
		want: []wantLine{{"5:49", "taskDefinitions[0].containerDefinitions[0].portMappings[0]", "network mode none allows no port mappings"}}},
	{name: "port out of range",
		src: "taskDefinitions:\n  - family: web\n    containerDefinitions:\n      - {name: app, memory: 512, portMappings: [{containerPort: 70000, protocol: sctp}]}\n",
		want: []wantLine{
			{"4:65", "taskDefinitions[0].containerDefinitions[0].portMappings[0].containerPort", "must be between 1 and 65535 (got 70000)"},
			{"4:82", "taskDefinitions[0].containerDefinitions[0].portMappings[0].protocol", `unknown protocol "sctp" (accepted: tcp, udp)`}}},
	{name: "unknown networkMode", src: "taskDefinitions:\n  - family: web\n    networkMode: bridged\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:18", "taskDefinitions[0].networkMode", `unknown network mode "bridged" (accepted: bridge, host, awsvpc, none)`}}},
	{name: "unknown compatibility", src: "taskDefinitions:\n  - family: web\n    requiresCompatibilities: [EC2, EC3]\n    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{{"3:36", "taskDefinitions[0].requiresCompatibilities[1]", `unknown compatibility "EC3" (accepted: EC2, FARGATE, EXTERNAL)`}}},
	{name: "unknown launch type",
		src:  wlHead + "    launchType: EXTERNAL\n" + okArrivals + okDuration,
		want: []wantLine{{"8:17", "workloads[0].launchType", `unknown launch type "EXTERNAL" (accepted: EC2, FARGATE)`}}},
	{name: "launch type in lower case",
		src:  wlHead + "    launchType: fargate\n" + okArrivals + okDuration,
		want: []wantLine{{"8:17", "workloads[0].launchType", `unknown launch type "fargate" (accepted: EC2, FARGATE)`}}},
	{name: "launchType FARGATE with a task definition without FARGATE compatibility",
		src:  wlHead + "    launchType: FARGATE\n" + okArrivals + okDuration,
		want: []wantLine{{"8:17", "workloads[0].launchType", "task definition web does not list FARGATE in requiresCompatibilities (it has [EC2])"}}},
	{name: "task definition without EC2 compatibility and launchType EC2",
		src:  fargateOnlyWeb + "workloads:\n  - name: w\n    taskDefinition: web\n    launchType: EC2\n" + okArrivals + okDuration,
		want: []wantLine{{"10:17", "workloads[0].launchType", "task definition web does not list EC2 in requiresCompatibilities (it has [FARGATE])"}}},
	{name: "task definition without EC2 compatibility and the default launch type",
		src:  fargateOnlyWeb + "workloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration,
		want: []wantLine{{"8:5", "workloads[0].launchType", "task definition web does not list EC2 in requiresCompatibilities (it has [FARGATE])"}}},

	// Fargate, runtime platform and other launch-type rules.
	{name: "FARGATE task definition in bridge mode",
		src: "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n    networkMode: bridge\n" +
			"    cpu: 256\n    memory: 512\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"4:18", "taskDefinitions[0].networkMode", "a FARGATE task definition needs networkMode awsvpc (got bridge)"}}},
	{name: "FARGATE task definition without task-level size",
		src:  "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"2:5", "taskDefinitions[0]", "a FARGATE task definition needs task-level cpu and memory"}}},
	{name: "FARGATE cpu not offered",
		src: "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n" +
			"    cpu: 300\n    memory: 512\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"4:10", "taskDefinitions[0].cpu", "FARGATE does not offer task cpu 300 (accepted: 256, 512, 1024, 2048, 4096, 8192, 16384)"}}},
	{name: "FARGATE memory not offered with the cpu",
		src: "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n" +
			"    cpu: 256\n    memory: 4 GB\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"5:13", "taskDefinitions[0].memory", "FARGATE does not offer 4096 MiB with cpu 256 (accepted: 512, 1024, 2048)"}}},
	{name: "FARGATE task definition with placement constraints",
		src: "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n    cpu: 256\n    memory: 512\n" +
			"    placementConstraints: [{type: memberOf, expression: \"attribute:a exists\"}]\n    containerDefinitions: [{name: app}]\n",
		want: []wantLine{{"6:27", "taskDefinitions[0].placementConstraints", "FARGATE tasks take no placement constraints"}}},
	{name: "container parameters FARGATE does not support",
		src: "taskDefinitions:\n  - family: fg\n    requiresCompatibilities: [FARGATE]\n    cpu: 256\n    memory: 512\n" +
			"    containerDefinitions:\n      - {name: app, privileged: true, links: [db], linuxParameters: {capabilities: {add: [NET_ADMIN]}}}\n",
		want: []wantLine{
			{"7:33", "taskDefinitions[0].containerDefinitions[0].privileged", "not supported on FARGATE"},
			{"7:46", "taskDefinitions[0].containerDefinitions[0].links", "not supported on FARGATE"},
			{"7:90", "taskDefinitions[0].containerDefinitions[0].linuxParameters.capabilities.add", "FARGATE adds only SYS_PTRACE (got NET_ADMIN)"}}},
	{name: "FARGATE workload with a placement strategy",
		src: fargateOnlyWeb + "workloads:\n  - name: w\n    taskDefinition: web\n    launchType: FARGATE\n" + okArrivals + okDuration +
			"    placementStrategy: [{type: binpack, field: cpu}]\n",
		want: []wantLine{{"10:17", "workloads[0].launchType", "FARGATE tasks take no placement strategy or constraints (ECS spreads them over the zones)"}}},
	{name: "unknown runtime platform",
		src: "taskDefinitions:\n  - family: web\n    runtimePlatform: {operatingSystemFamily: LINUX2, cpuArchitecture: arm}\n" +
			"    containerDefinitions: [{name: app, memory: 512}]\n",
		want: []wantLine{
			{"3:46", "taskDefinitions[0].runtimePlatform.operatingSystemFamily", `unknown operating system family "LINUX2" (accepted: LINUX, WINDOWS_SERVER_2019_FULL,`},
			{"3:71", "taskDefinitions[0].runtimePlatform.cpuArchitecture", `unknown CPU architecture "arm" (accepted: X86_64, ARM64)`}}},
	{name: "unknown instance operating system family",
		src:  "cluster:\n  containerInstances: [{instanceType: m5.large, osFamily: WINDOWS}]\n",
		want: []wantLine{{"2:59", "cluster.containerInstances[0].osFamily", `unknown operating system family "WINDOWS" (accepted: LINUX, WINDOWS_SERVER_2019_FULL,`}}},
	{name: "containerDurations naming no container",
		src:  wlHead + okArrivals + okDuration + "    containerDurations: {sidecar: {distribution: constant, value: 1m}}\n",
		want: []wantLine{{"10:35", "workloads[0].containerDurations.sidecar", `task definition web has no container "sidecar" (accepted: app)`}}},
	{name: "containerDurations with a bad distribution",
		src: wlHead + okArrivals + okDuration + "    containerDurations: {app: {distribution: constant}}\n",
		want: []wantLine{
			{"10:31", "workloads[0].containerDurations.app.value", "required by the constant distribution"}}},

	// Variants.
	{name: "variant with an unknown path",
		src:  minimalScenario + "variants:\n  fast: {workloads.w.arrivals.ratePerMinut: 3}\n",
		want: []wantLine{{"11:3", "", `in variant "fast": variants.fast workloads.w.arrivals.ratePerMinut: unknown key "ratePerMinut" (accepted: process, ratePerMinute, at, count, minRatePerMinute, maxRatePerMinute, period, peakAt, ratesPerMinute, repeat, on, off, startOff, states); did you mean "ratePerMinute"? (at workloads.w.arrivals)`}}},
	{name: "variant naming no list entry",
		src:  minimalScenario + "variants:\n  fast: {workloads.nope.arrivals.ratePerMinute: 3}\n",
		want: []wantLine{{"11:3", "", `in variant "fast": variants.fast workloads.nope.arrivals.ratePerMinute: no entry "nope" in the list (accepted: w) (at workloads)`}}},
	{name: "variant with an invalid value",
		src:  minimalScenario + "variants:\n  fast: {workloads.w.arrivals.ratePerMinute: -1}\n",
		want: []wantLine{{"11:3", "workloads[0].arrivals.ratePerMinute", `in variant "fast": must be > 0 and at most 1000000 (got -1)`}}},
	{name: "variant with an invalid name",
		src:  minimalScenario + "variants:\n  \"no good\": {seed: 2}\n",
		want: []wantLine{{"11:3", "variants.no good", "variant names are 1-255 letters, digits, '-', '_' and '.'"}}},
	{name: "variant that is not a mapping",
		src:  minimalScenario + "variants:\n  fast: 3\n",
		want: []wantLine{{"11:9", "variants.fast", "expected a mapping of PATH: VALUE, got the number 3"}}},

	// Arrivals.
	{name: "batch without at and count", src: wlHead + "    arrivals: {process: batch}\n" + okDuration,
		want: []wantLine{
			{"8:15", "workloads[0].arrivals.at", "required for a batch: when the tasks are submitted, e.g. 10m"},
			{"8:15", "workloads[0].arrivals.count", "required for a batch: how many tasks are submitted at once"}}},
	{name: "batch with ratePerMinute", src: wlHead + "    arrivals: {process: batch, at: 1m, count: 5, ratePerMinute: 3}\n" + okDuration,
		want: []wantLine{{"8:65", "workloads[0].arrivals.ratePerMinute", "not used by the batch process (it is for poisson, onoff)"}}},
	{name: "batch after the end of the run", src: "duration: 1h\n" + wlHead + "    arrivals: {process: batch, at: 2h, count: 5}\n" + okDuration,
		want: []wantLine{{"9:36", "workloads[0].arrivals.at", "must be between 0s and the scenario duration (1h) (got 2h)"}}},
	{name: "poisson with at", src: wlHead + "    arrivals: {process: poisson, ratePerMinute: 1, at: 5m}\n" + okDuration,
		want: []wantLine{{"8:56", "workloads[0].arrivals.at", "not used by the poisson process (it is for batch)"}}},
	{name: "missing arrival process", src: wlHead + "    arrivals: {ratePerMinute: 1}\n" + okDuration,
		want: []wantLine{{"8:15", "workloads[0].arrivals.process", "required (accepted: poisson, batch, diurnal, piecewise, onoff, mmpp)"}}},
	{name: "missing arrivals", src: wlHead + okDuration,
		want: []wantLine{{"6:5", "workloads[0].arrivals.process", "required (accepted: poisson, batch, diurnal, piecewise, onoff, mmpp)"}}},
	{name: "unknown arrival process", src: wlHead + "    arrivals: {process: sawtooth, ratePerMinute: 1}\n" + okDuration,
		want: []wantLine{{"8:25", "workloads[0].arrivals.process", `unknown arrival process "sawtooth" (accepted: poisson, batch, diurnal, piecewise, onoff, mmpp)`}}},

	// Distributions.
	{name: "distribution missing a required field", src: wlHead + okArrivals + "    duration: {distribution: uniform, min: 1m}\n",
		want: []wantLine{
			{"9:15", "workloads[0].duration.max", "required by the uniform distribution"}}},
	{name: "exponential without mean", src: wlHead + okArrivals + "    duration: {distribution: exponential}\n",
		want: []wantLine{
			{"9:15", "workloads[0].duration.mean", "required by the exponential distribution"}}},
	{name: "distribution given an unused field", src: wlHead + okArrivals + "    duration: {distribution: constant, value: 1m, mean: 2m}\n",
		want: []wantLine{{"9:57", "workloads[0].duration.mean", "not used by the constant distribution (accepted: value)"}}},
	{name: "empirical given values and mean", src: wlHead + okArrivals + "    duration: {distribution: empirical, values: [1m, 2m], stddev: 1s}\n",
		want: []wantLine{{"9:67", "workloads[0].duration.stddev", "not used by the empirical distribution (accepted: values)"}}},
	{name: "empirical with no values", src: wlHead + okArrivals + "    duration: {distribution: empirical, values: []}\n",
		want: []wantLine{{"9:49", "workloads[0].duration.values", "must list at least one duration"}}},
	{name: "negative constant", src: wlHead + okArrivals + "    duration: {distribution: constant, value: -1m}\n",
		want: []wantLine{{"9:47", "workloads[0].duration.value", "must be >= 0s (got -1m)"}}},
	{name: "unknown distribution", src: wlHead + okArrivals + "    duration: {distribution: gamma, mean: 1m}\n",
		want: []wantLine{{"9:30", "workloads[0].duration.distribution", `unknown distribution "gamma" (accepted: constant, uniform, exponential, lognormal, normal, empirical)`}}},
	{name: "distribution without kind", src: wlHead + okArrivals + "    duration: {mean: 1m}\n",
		want: []wantLine{{"9:15", "workloads[0].duration.distribution", "required (accepted: constant, uniform, exponential, lognormal, normal, empirical)"}}},
	{name: "distribution with several problems, one line each",
		src: wlHead + okArrivals + "    duration: {distribution: uniform, min: -1m, max: -2m}\n",
		want: []wantLine{
			{"9:44", "workloads[0].duration.min", "must be >= 0s (got -1m)"},
			{"9:54", "workloads[0].duration.max", "must be >= 0s (got -2m)"},
			{"9:54", "workloads[0].duration.max", "must be >= min (-1m) (got -2m)"}}},
	{name: "missing duration", src: wlHead + okArrivals,
		want: []wantLine{{"6:5", "workloads[0].duration", "required: how long each task runs, e.g. {distribution: exponential, mean: 5m}"}}},

	// Start time.
	{name: "startTime without time of day", src: "startTime: 2026-01-05\n",
		want: []wantLine{{"1:12", "startTime", `"2026-01-05" is not an RFC 3339 time such as 2026-01-05T00:00:00Z`}}},
	{name: "startTime in words", src: "startTime: tomorrow\n",
		want: []wantLine{{"1:12", "startTime", `"tomorrow" is not an RFC 3339 time`}}},

	// Cluster.
	{name: "attribute with the reserved ecs. prefix", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, attributes: {ecs.instance-type: big}}\n",
		want: []wantLine{{"3:64", "cluster.containerInstances[0].attributes.ecs.instance-type", "the ecs. prefix is reserved for ECS's built-in attributes"}}},
	{name: "attribute name with a space", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, attributes: {\"my stack\": prod}}\n",
		want: []wantLine{{"3:57", "cluster.containerInstances[0].attributes.my stack", `attribute names are 1-128 letters, digits, '-', '_', '/', '\' or '.'`}}},
	{name: "empty attribute value", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, attributes: {stack: \"\"}}\n",
		want: []wantLine{{"3:52", "cluster.containerInstances[0].attributes.stack", "attribute values are 1-128 characters without leading or trailing spaces"}}},
	{name: "attribute value with a leading space", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, attributes: {stack: \" prod\"}}\n",
		want: []wantLine{{"3:52", "cluster.containerInstances[0].attributes.stack", "attribute values are 1-128 characters without leading or trailing spaces"}}},
	{name: "attribute value too long", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, attributes: {stack: " + strings.Repeat("x", 129) + "}}\n",
		want: []wantLine{{"3:52", "cluster.containerInstances[0].attributes.stack", "attribute values are 1-128 characters"}}},
	{name: "availabilityZone not in the cluster's zones", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, availabilityZone: us-east-1d}\n",
		want: []wantLine{{"3:50", "cluster.containerInstances[0].availabilityZone", `"us-east-1d" is not one of the cluster's zones (accepted: us-east-1a, us-east-1b, us-east-1c)`}}},
	{name: "availabilityZone not in custom zones",
		src:  "cluster:\n  availabilityZones: [eu-west-1a]\n  containerInstances:\n    - {instanceType: m5.large, availabilityZone: us-east-1a}\n",
		want: []wantLine{{"4:50", "cluster.containerInstances[0].availabilityZone", `"us-east-1a" is not one of the cluster's zones (accepted: eu-west-1a)`}}},
	{name: "duplicate zone", src: "cluster:\n  availabilityZones: [us-east-1a, us-east-1a]\n",
		want: []wantLine{{"2:35", "cluster.availabilityZones[1]", `zone names must be non-empty and unique (got "us-east-1a")`}}},
	{name: "reservedMemoryMiB too big", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, reservedMemoryMiB: 8000}\n",
		want: []wantLine{{"3:51", "cluster.containerInstances[0].reservedMemoryMiB", "must be between 0 and 7986, below m5.large's registered memory (got 8000)"}}},
	{name: "reservedMemoryMiB negative", src: "cluster:\n  containerInstances:\n    - {instanceType: m4.large, reservedMemoryMiB: -1}\n",
		want: []wantLine{{"3:51", "cluster.containerInstances[0].reservedMemoryMiB", "must be between 0 and 7984, below m4.large's registered memory (got -1)"}}},

	// Instance types.
	{name: "custom instance type out of range",
		src: "instanceTypes:\n  - {name: lab, vcpu: 0, memoryMiB: 1024, enis: 1, architecture: arm}\n",
		want: []wantLine{
			{"2:23", "instanceTypes[0].vcpu", "required: the type's vCPUs (1 to 448)"},
			{"2:66", "instanceTypes[0].architecture", `unknown architecture "arm" (accepted: x86_64, arm64)`}}},
	{name: "custom instance type registering more than it has",
		src:  "instanceTypes:\n  - {name: lab, vcpu: 1, memoryMiB: 1024, enis: 1, registeredMemoryMiB: 2048}\n",
		want: []wantLine{{"2:73", "instanceTypes[0].registeredMemoryMiB", "must be between 0 and memoryMiB (1024) (got 2048; 0 means 97.5% of memoryMiB)"}}},
	{name: "custom instance type defined twice",
		src:  "instanceTypes:\n  - {name: lab, vcpu: 1, memoryMiB: 1024, enis: 1}\n  - {name: lab, vcpu: 1, memoryMiB: 1024, enis: 1}\n",
		want: []wantLine{{"3:12", "instanceTypes[1].name", `instance type "lab" defined twice`}}},
	{name: "custom instance type without name",
		src:  "instanceTypes:\n  - {vcpu: 1, memoryMiB: 1024, enis: 1}\n",
		want: []wantLine{{"2:5", "instanceTypes[0].name", "required"}}},

	// YAML syntax and file shape.
	{name: "duplicate key", src: "seed: 1\nseed: 2\n",
		want: []wantLine{{"2:1", "seed", "key given twice"}}},
	{name: "duplicate nested key", src: "cluster:\n  containerInstances:\n    - {instanceType: m5.large, count: 1, count: 2}\n",
		want: []wantLine{{"3:42", "cluster.containerInstances[0].count", "key given twice"}}},
	// yaml.v3 places this error where it noticed it: the end of the input.
	{name: "unclosed bracket on the first line", src: "cluster: [a, b\n",
		want: []wantLine{{"2", "", "invalid YAML: did not find expected ',' or ']'"}}},
	{name: "unclosed bracket", src: "seed: 1\nname: a\ncluster: [a, b\n",
		want: []wantLine{{"3", "", "invalid YAML: did not find expected ',' or ']'"}}},
	{name: "unclosed brace", src: "seed: 1\nname: a\nduration: 1h\ncluster: {a: 1\n",
		want: []wantLine{{"4", "", "invalid YAML: did not find expected ',' or '}'"}}},
	{name: "unclosed quote", src: "seed: 1\nname: \"abc\n",
		want: []wantLine{{"2", "", "invalid YAML: found unexpected end of stream"}}},
	{name: "block sequence in a mapping value", src: "a: 1\nb: 2\nc: - x\n",
		want: []wantLine{{"3", "", "invalid YAML: block sequence entries are not allowed in this context"}}},
	{name: "bad indentation", src: "cluster:\n  containerInstances:\n   - instanceType: m5.large\n  count: 3\n    x: 1\n",
		want: []wantLine{{"5", "", "invalid YAML: mapping values are not allowed in this context"}}},
	{name: "tab indentation", src: "cluster:\n\tcontainerInstances: []\n",
		want: []wantLine{{"2", "", "invalid YAML: found character that cannot start any token"}}},
	{name: "unknown anchor", src: "cluster: *nope\n",
		want: []wantLine{{"", "", "invalid YAML: unknown anchor 'nope' referenced"}}},
	{name: "empty file", src: "",
		want: []wantLine{{"", "", "empty scenario (expected a YAML mapping with keys such as name, duration, cluster, taskDefinitions, workloads)"}}},
	{name: "whitespace-only file", src: "  \n\t\n\r\n",
		want: []wantLine{{"", "", "empty scenario"}}},
	{name: "comment-only file", src: "# nothing here yet\n",
		want: []wantLine{{"", "", "empty scenario"}}},
	{name: "NUL bytes", src: "name: a\x00b\n",
		want: []wantLine{{"", "", "not a text file (a scenario is UTF-8 YAML)"}}},
	{name: "invalid UTF-8", src: "name: \xff\xfe\n",
		want: []wantLine{{"", "", "not a text file (a scenario is UTF-8 YAML)"}}},
	{name: "binary garbage", src: "\x7fELF\x02\x01\x01\x00\x00\x00",
		want: []wantLine{{"", "", "not a text file"}}},
	{name: "top-level list", src: "- name: a\n- name: b\n",
		want: []wantLine{{"1:1", "", "expected a YAML mapping at the top level, got a list"}}},
	{name: "top-level string", src: "hello\n",
		want: []wantLine{{"1:1", "", `expected a YAML mapping at the top level, got the string "hello"`}}},
	{name: "top-level null", src: "---\n",
		want: []wantLine{{"2:1", "", "expected a YAML mapping at the top level, got nothing (null)"}}},
	{name: "two documents", src: "name: a\n---\nname: b\n",
		want: []wantLine{{"2:1", "", "more than one YAML document; a scenario is one document"}}},
	{name: "broken second document",
		// yaml.v3 notices the unclosed brackets at the end of the input.
		src:  "name: a\n---\n{[\n",
		want: []wantLine{{"4", "", "invalid YAML"}}},
	{name: "self-referential merge key",
		src:  "<<: &a {<<: *a}\n",
		want: []wantLine{{"1:5", "", "a merge key (<<) refers to a mapping that includes itself"}}},

	// Several problems at once, reported sorted by line although the
	// validator finds them in another order (top, cluster, workloads).
	{name: "several errors sorted by line",
		src: "workloads:\n  - name: w\n    taskDefinition: nope\n" + okArrivals + okDuration +
			"cluster:\n  containerInstances:\n    - {instanceType: m5.huge}\nduration: 0s\n",
		want: []wantLine{
			{"3:21", "workloads[0].taskDefinition", `task definition "nope" does not exist`},
			{"8:22", "cluster.containerInstances[0].instanceType", `unknown instance type "m5.huge"`},
			{"9:11", "duration", "must be > 0"}}},
	{name: "several decoding errors sorted by line and column",
		src: "zzz: 1\nseed: x\ncluster: {aaa: 1, containerInstances: 3}\n",
		want: []wantLine{
			{"1:1", "zzz", `unknown field "zzz"`},
			{"2:7", "seed", "expected a non-negative integer"},
			{"3:11", "cluster.aaa", `unknown field "aaa"`},
			{"3:39", "cluster.containerInstances", "expected a list, got the number 3"}}},
}

func TestParseRejectsMalformedScenarios(t *testing.T) {
	for _, tc := range malformedCases {
		t.Run(tc.name, func(t *testing.T) {
			const file = "bad.yaml"
			got := parseErrors(t, file, tc.src)
			checkLines(t, file, got, tc.want)
			for _, line := range got {
				if tc.absent != "" && strings.Contains(line, tc.absent) {
					t.Errorf("line %q contains %q", line, tc.absent)
				}
			}
		})
	}
}

// TestErrorsAreFieldErrors checks the structure behind the printed lines.
func TestErrorsAreFieldErrors(t *testing.T) {
	_, err := Parse("x.yaml", ".", []byte("seed: 1\nduration: 1x\n"))
	es, ok := err.(Errors)
	if !ok || len(es) != 1 {
		t.Fatalf("err = %#v, want one Errors entry", err)
	}
	e := es[0]
	if e.File != "x.yaml" || e.Pos.Line != 2 || e.Pos.Column != 11 || e.Field != "duration" {
		t.Errorf("got %+v", *e)
	}
}

func TestFieldErrorFormat(t *testing.T) {
	cases := []struct {
		name string
		e    FieldError
		want string
	}{
		{"full", FieldError{File: "f.yaml", Pos: Pos{Line: 3, Column: 7}, Field: "seed", Msg: "bad"}, "f.yaml:3:7: seed: bad"},
		{"line only", FieldError{File: "f.yaml", Pos: Pos{Line: 3}, Msg: "bad"}, "f.yaml:3: bad"},
		{"no position", FieldError{File: "f.yaml", Field: "name", Msg: "bad"}, "f.yaml: name: bad"},
		{"nothing but a message", FieldError{File: "f.yaml", Msg: "bad"}, "f.yaml: bad"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

// writeFile writes data to name in a fresh temporary directory and returns
// its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimalScenario = tdWeb + "workloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration

func TestLoad(t *testing.T) {
	t.Run("valid file", func(t *testing.T) {
		p := writeFile(t, "night-batch.yaml", minimalScenario)
		s, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if s.File != p || s.Dir != filepath.Dir(p) || s.Spec.Name != "night-batch" {
			t.Errorf("File %q, Dir %q, name %q", s.File, s.Dir, s.Spec.Name)
		}
	})
	t.Run("errors name the path", func(t *testing.T) {
		p := writeFile(t, "bad.yaml", "seed: x\n")
		_, err := Load(p)
		checkLines(t, p, errorLines(t, nil, err), []wantLine{{"1:7", "seed", "expected a non-negative integer"}})
	})
	t.Run("missing file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "nope.yaml")
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"", "", "no such file"}})
	})
	t.Run("directory", func(t *testing.T) {
		p := t.TempDir()
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"", "", "is a directory, not a scenario file"}})
	})
	t.Run("file too large", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "huge.yaml")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		// A sparse file: its size is checked before it is read.
		if err := f.Truncate(MaxFileBytes + 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"", "", "file is larger than 16777216 bytes, the most a scenario may be"}})
	})
	t.Run("empty file", func(t *testing.T) {
		p := writeFile(t, "empty.yaml", "")
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"", "", "empty scenario"}})
	})
}

func TestResolve(t *testing.T) {
	t.Run("empty argument loads quickstart", func(t *testing.T) {
		s, err := Resolve("")
		if err != nil {
			t.Fatal(err)
		}
		if s.Spec.Name != DefaultScenario || s.File != "examples/quickstart.yaml" {
			t.Errorf("name %q, file %q", s.Spec.Name, s.File)
		}
	})
	t.Run("built-in name", func(t *testing.T) {
		s, err := Resolve("quickstart")
		if err != nil {
			t.Fatal(err)
		}
		if s.Spec.Name != "quickstart" {
			t.Errorf("name %q", s.Spec.Name)
		}
	})
	t.Run("unknown name lists the built-ins", func(t *testing.T) {
		s, err := Resolve("no-such-scenario")
		want := "no such file, and no built-in scenario of that name (accepted: " + strings.Join(BuiltinNames(), ", ") + ")"
		checkLines(t, "no-such-scenario", errorLines(t, s, err), []wantLine{{"", "", want}})
	})
	t.Run("file path", func(t *testing.T) {
		p := writeFile(t, "mine.yaml", minimalScenario)
		s, err := Resolve(p)
		if err != nil {
			t.Fatal(err)
		}
		if s.Spec.Name != "mine" || s.File != p {
			t.Errorf("name %q, file %q", s.Spec.Name, s.File)
		}
	})
	t.Run("file beats a built-in of the same name", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, DefaultScenario), []byte("name: from-file\n"+minimalScenario), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		s, err := Resolve(DefaultScenario)
		if err != nil {
			t.Fatal(err)
		}
		if s.Spec.Name != "from-file" || s.File != DefaultScenario {
			t.Errorf("loaded %q from %q, want the file", s.Spec.Name, s.File)
		}
	})
	t.Run("a broken file is not replaced by the built-in", func(t *testing.T) {
		t.Chdir(t.TempDir())
		if err := os.WriteFile(DefaultScenario, []byte("seed: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Resolve(DefaultScenario)
		checkLines(t, DefaultScenario, errorLines(t, s, err), []wantLine{{"1:7", "seed", "expected a non-negative integer"}})
	})
	t.Run("directory of a built-in's name", func(t *testing.T) {
		t.Chdir(t.TempDir())
		if err := os.Mkdir(DefaultScenario, 0o755); err != nil {
			t.Fatal(err)
		}
		s, err := Resolve(DefaultScenario)
		checkLines(t, DefaultScenario, errorLines(t, s, err), []wantLine{{"", "", "is a directory"}})
	})
}

func TestLoadBuiltinUnknown(t *testing.T) {
	s, err := LoadBuiltin("nope")
	want := `no built-in scenario "nope" (accepted: ` + strings.Join(BuiltinNames(), ", ") + ")"
	checkLines(t, "nope", errorLines(t, s, err), []wantLine{{"", "", want}})
}

func TestTaskDefinitionOrderDoesNotMatter(t *testing.T) {
	// A family given once without revision and once with revision 1 must be
	// judged the same whichever comes first.
	unrevised := "  - {family: web, containerDefinitions: [{name: a, memory: 64}]}\n"
	revised := "  - {family: web, revision: 1, containerDefinitions: [{name: a, memory: 64}]}\n"
	_, errA := Parse("a.yaml", ".", []byte("taskDefinitions:\n"+unrevised+revised))
	_, errB := Parse("b.yaml", ".", []byte("taskDefinitions:\n"+revised+unrevised))
	if (errA == nil) != (errB == nil) {
		t.Errorf("unrevised first: %v\nrevision 1 first: %v", errA, errB)
	}
}

func TestPastedDescribeTaskDefinition(t *testing.T) {
	// README: "task definitions can be pasted from aws ecs
	// describe-task-definition". Its output has fields the model does not
	// use; they are accepted and listed in Scenario.Ignored.
	src := `taskDefinitions:
  - {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
     "containerDefinitions": [{"name": "app", "image": "nginx", "cpu": 256, "memory": 512,
       "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}], "essential": true,
       "environment": [], "mountPoints": [], "volumesFrom": []}],
     "family": "web", "revision": 3, "volumes": [], "status": "ACTIVE", "networkMode": "bridge",
     "requiresAttributes": [], "placementConstraints": [], "compatibilities": ["EXTERNAL", "EC2"],
     "requiresCompatibilities": ["EC2"], "registeredAt": "2026-01-05T00:00:00Z",
     "registeredBy": "arn:aws:iam::123456789012:root"}
`
	s := mustParse(t, "pasted.yaml", src)
	want := []string{
		"taskDefinitions[0].compatibilities",
		"taskDefinitions[0].containerDefinitions[0].environment",
		"taskDefinitions[0].containerDefinitions[0].mountPoints",
		"taskDefinitions[0].containerDefinitions[0].volumesFrom",
		"taskDefinitions[0].registeredAt",
		"taskDefinitions[0].registeredBy",
		"taskDefinitions[0].requiresAttributes",
		"taskDefinitions[0].status",
		"taskDefinitions[0].taskDefinitionArn",
	}
	if !slices.Equal(s.Ignored, want) {
		t.Errorf("ignored:\n  %s\nwant:\n  %s", strings.Join(s.Ignored, "\n  "), strings.Join(want, "\n  "))
	}
	if td := s.Config.TaskDefinitions[0]; td.Name() != "web:3" || td.Requirements().CPU != 256 || td.Requirements().MemoryMiB != 512 {
		t.Errorf("task definition %s needs %+v", td.Name(), *td.Requirements())
	}
}

// writeFiles writes name → content into a fresh temporary directory and
// returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const describedTaskDef = `{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/api:7",
  "family": "api", "revision": 7, "status": "ACTIVE", "cpu": "512", "memory": "1024",
  "containerDefinitions": [{"name": "app", "image": "api", "essential": true, "environment": []}]}}
`

// tdFileScenario uses the task definition of taskDefinitions[0] (line 2)
// as family api.
const tdFileScenario = "taskDefinitions:\n  - taskDefinitionFile: %s\n" +
	"workloads:\n  - name: w\n    taskDefinition: api\n" + okArrivals + okDuration

func TestTaskDefinitionFile(t *testing.T) {
	t.Run("describe-task-definition output", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"td.json": describedTaskDef,
			"s.yaml": strings.Replace(tdFileScenario, "%s", "td.json", 1)})
		s, err := Load(filepath.Join(dir, "s.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		td := s.Config.TaskDefinitions[0]
		if td.Name() != "api:7" || td.Requirements().CPU != 512 || td.Requirements().MemoryMiB != 1024 {
			t.Errorf("task definition %s needs %+v", td.Name(), *td.Requirements())
		}
		want := []string{"taskDefinitions[0].containerDefinitions[0].environment", "taskDefinitions[0].status",
			"taskDefinitions[0].taskDefinitionArn"}
		if !slices.Equal(s.Ignored, want) {
			t.Errorf("ignored %v, want %v", s.Ignored, want)
		}
	})
	t.Run("register shape in YAML, family renamed", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"td.yaml": "family: other\ncontainerDefinitions: [{name: app, memory: 64}]\n",
			"s.yaml":  strings.Replace(tdFileScenario, "%s", "td.yaml\n    family: api", 1)})
		s, err := Load(filepath.Join(dir, "s.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if td := s.Config.TaskDefinitions[0]; td.Family != "api" || td.Requirements().MemoryMiB != 64 {
			t.Errorf("task definition %s needs %+v", td.Name(), *td.Requirements())
		}
	})
	t.Run("missing file", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"s.yaml": strings.Replace(tdFileScenario, "%s", "nope.json", 1)})
		p := filepath.Join(dir, "s.yaml")
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"2:25", "taskDefinitions[0].taskDefinitionFile",
			filepath.Join(dir, "nope.json") + ": no such file"}})
	})
	t.Run("other keys next to the file", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"td.json": describedTaskDef,
			"s.yaml": strings.Replace(tdFileScenario, "%s", "td.json\n    cpu: 256", 1)})
		p := filepath.Join(dir, "s.yaml")
		s, err := Load(p)
		checkLines(t, p, errorLines(t, s, err), []wantLine{{"2:5", "taskDefinitions[0]",
			"with taskDefinitionFile, only family may be given next to it (it renames the file's family)"}})
	})
	t.Run("problems inside the file name the file", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"td.yaml": "family: api\ncontainerDefinitions:\n  - {name: app, memory: 2}\n",
			"s.yaml":  strings.Replace(tdFileScenario, "%s", "td.yaml", 1)})
		s, err := Load(filepath.Join(dir, "s.yaml"))
		checkLines(t, filepath.Join(dir, "td.yaml"), errorLines(t, s, err), []wantLine{{"3:25",
			"taskDefinitions[0].containerDefinitions[0].memory", "must be at least 6 MiB (got 2)"}})
	})
	t.Run("unknown key inside the file", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"td.yaml": "family: api\ncontainerDefinitions:\n  - {name: app, memory: 64, bogus: 1}\n",
			"s.yaml":  strings.Replace(tdFileScenario, "%s", "td.yaml", 1)})
		s, err := Load(filepath.Join(dir, "s.yaml"))
		checkLines(t, filepath.Join(dir, "td.yaml"), errorLines(t, s, err), []wantLine{{"3:29",
			"taskDefinitions[0].containerDefinitions[0].bogus", `unknown field "bogus"`}})
	})
	t.Run("file naming another file", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"td.yaml": "taskDefinitionFile: other.yaml\nfamily: api\ncontainerDefinitions: [{name: app, memory: 64}]\n",
			"s.yaml":  strings.Replace(tdFileScenario, "%s", "td.yaml", 1)})
		s, err := Load(filepath.Join(dir, "s.yaml"))
		checkLines(t, filepath.Join(dir, "td.yaml"), errorLines(t, s, err), []wantLine{{"1:21",
			"taskDefinitions[0].taskDefinitionFile", "a task definition file cannot name another file"}})
	})
	t.Run("device file", func(t *testing.T) {
		s, err := Parse("s.yaml", ".", []byte(strings.Replace(tdFileScenario, "%s", "/dev/zero", 1)))
		checkLines(t, "s.yaml", errorLines(t, s, err), []wantLine{{"2:25", "taskDefinitions[0].taskDefinitionFile", "/dev/zero"}})
	})
}

// TestNoFiles: a Loader with NoFiles refuses a trace and a task
// definition file, where it is written, without opening them.
func TestNoFiles(t *testing.T) {
	head := "cluster:\n  containerInstances: [{instanceType: m5.large}]\n"
	src := head + "taskDefinitions:\n  - taskDefinitionFile: /etc/passwd\n"
	_, err := Loader{NoFiles: true}.Parse("pasted.yaml", ".", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "taskDefinitions[0].taskDefinitionFile: files are not read here (ecsim serve)") {
		t.Fatalf("error %v", err)
	}
	src = head + tdWeb + "workloads:\n  - name: w\n    trace: {file: /dev/zero}\n"
	_, err = Loader{NoFiles: true}.Parse("pasted.yaml", ".", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "workloads[0].trace.file: files are not read here (ecsim serve)") {
		t.Fatalf("error %v", err)
	}
}
