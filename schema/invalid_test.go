package schema_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// base is a small valid scenario that uses the keys the cases below break,
// and some of the ECS keys ecsim accepts and ignores.
const base = `name: t
duration: 2h
cluster:
  containerInstances: [{instanceType: m5.large, count: 1}]
  capacityProviders:
    - name: asg
      autoScalingGroup:
        instanceTypes: [m5.large]
        maxSize: 4
        scheduledActions: [{scheduledActionName: warm, at: 1h, every: 1h, desiredCapacity: 2}]
      managedScaling: {status: ENABLED, targetCapacity: 90}
      managedDraining: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - family: web
    executionRoleArn: arn:aws:iam::123456789012:role/run
    cpu: "0.25 vCPU"
    containerDefinitions:
      - {name: app, image: nginx, memory: 512, portMappings: [{containerPort: 80}], logConfiguration: {logDriver: awslogs}}
workloads:
  - name: w
    taskDefinition: web
    launchType:
    arrivals: {process: poisson, ratePerMinute: 1}
    duration: {distribution: uniform, min: 1m, max: 2m}
    placementStrategy: [{type: spread, field: attribute:ecs.availability-zone}, {type: binpack, field: memory}]
    placementConstraints: [{type: distinctInstance}]
services:
  - serviceName: s
    taskDefinition: web
    desiredCount: 2
    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 200}
    serviceAutoScaling: {minCapacity: 1, maxCapacity: 4, targetTracking: {targetValue: 60}}
    load: {pattern: constant, value: 100}
`

// TestBaseIsValid holds that base is a scenario both ecsim and the schema
// accept, so that each case below fails for its one change.
func TestBaseIsValid(t *testing.T) {
	if _, err := scenarios.Parse("base.yaml", t.TempDir(), []byte(base)); err != nil {
		t.Fatalf("ecsim rejects the base scenario: %v", err)
	}
	if err := validate(compile(t), []byte(base)); err != nil {
		t.Fatalf("the schema rejects the base scenario: %v", err)
	}
}

// TestSchemaRejectsInvalid changes one thing in base that ecsim rejects
// and checks that the schema rejects it too, at that place.
func TestSchemaRejectsInvalid(t *testing.T) {
	s := compile(t)
	for _, c := range []struct{ name, old, new, at string }{
		{"unknown top-level key", "duration: 2h", "duraton: 2h", "duraton"},
		{"unknown key in a task definition", "family: web", "family: web\n    familly: web", "familly"},
		{"targetCapacity above 100", "targetCapacity: 90", "targetCapacity: 101", "/targetCapacity"},
		{"misspelt ENABLED", "managedDraining: ENABLED", "managedDraining: ENABLD", "/managedDraining"},
		{"negative count", "count: 1", "count: -1", "/count"},
		{"bare number as a duration", "duration: 2h", "duration: 7200", "/duration"},
		{"duration without a unit", "min: 1m", "min: 1x", "/min"},
		{"key the distribution does not use", "max: 2m}", "max: 2m, mean: 1m}", "/duration"},
		{"key the process does not use", "ratePerMinute: 1}", "ratePerMinute: 1, period: 1h}", "/arrivals"},
		{"unknown arrival process", "process: poisson", "process: poison", "/process"},
		{"task size that is not a size", `cpu: "0.25 vCPU"`, `cpu: "a quarter"`, "/cpu"},
		{"bad name", "name: t\n", "name: -t\n", "/name"},
		{"boolean where text goes", "image: nginx", "image: true", "/image"},
		// What the range tags, the required keys and the per-type
		// conditions add (each was a value the schema accepted).
		{"no container instances", "count: 1}", "count: 0}", "/count"},
		{"provisioningLimit 0", "  defaultCapacityProviderStrategy:", "  provisioningLimit: 0\n  defaultCapacityProviderStrategy:", "/provisioningLimit"},
		{"poisson rate 0", "ratePerMinute: 1}", "ratePerMinute: 0}", "/ratePerMinute"},
		{"poisson without a rate", "process: poisson, ratePerMinute: 1}", "process: poisson}", "ratePerMinute"},
		{"more tasks per RunTask than 10", "ratePerMinute: 1}", "ratePerMinute: 1, count: 11}", "/count"},
		{"container memory below 6 MiB", "memory: 512,", "memory: 5,", "/memory"},
		{"containerPort 0", "containerPort: 80", "containerPort: 0", "/containerPort"},
		{"port mapping without containerPort", "{containerPort: 80}", "{hostPort: 80}", "containerPort"},
		{"scheduled action without a name", "scheduledActionName: warm, ", "", "scheduledActionName"},
		{"scheduled action without a size", ", desiredCapacity: 2}", "}", "/scheduledActions/0"},
		{"scheduled action every 30s", "every: 1h", "every: 30s", "/every"},
		{"sampleInterval 500ms", "duration: 2h\n", "duration: 2h\nsampleInterval: 500ms\n", "/sampleInterval"},
		{"duration 0s", "duration: 2h\n", "duration: 0s\n", "/duration"},
		{"no instance types", "instanceTypes: [m5.large]", "instanceTypes: []", "/instanceTypes"},
		{"random with a field", "{type: binpack, field: memory}", "{type: random, field: memory}", "/placementStrategy/1"},
		{"binpack on instanceId", "field: memory}", "field: instanceId}", "/placementStrategy/1"},
		{"spread without a field", "{type: spread, field: attribute:ecs.availability-zone}", "{type: spread}", "/placementStrategy/0"},
		{"distinctInstance with an expression", "{type: distinctInstance}", `{type: distinctInstance, expression: "attribute:ecs.instance-type == m5.large"}`, "/placementConstraints/0"},
		{"memberOf without an expression", "{type: distinctInstance}", "{type: memberOf}", "/placementConstraints/0"},
		{"targetValue above 100", "targetValue: 60", "targetValue: 101", "/targetValue"},
		{"maxSize above MaxASGSize", "maxSize: 4\n", "maxSize: " + strconv.Itoa(scenarios.MaxASGSize+1) + "\n", "/maxSize"},
		{"desiredCount above 5000", "desiredCount: 2", "desiredCount: 5001", "/desiredCount"},
		{"maxCapacity above 5000", "maxCapacity: 4", "maxCapacity: 5001", "/maxCapacity"},
		{"maximumPercent below 100", "maximumPercent: 200", "maximumPercent: 50", "/maximumPercent"},
		{"maximumPercent above 2000", "maximumPercent: 200", "maximumPercent: 2001", "/maximumPercent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := strings.Replace(base, c.old, c.new, 1)
			if doc == base {
				t.Fatalf("%q is not in the base scenario", c.old)
			}
			if _, err := scenarios.Parse("case.yaml", t.TempDir(), []byte(doc)); err == nil {
				t.Fatalf("ecsim accepts the case: it does not test the schema")
			}
			err := validate(s, []byte(doc))
			if err == nil {
				t.Fatalf("the schema accepts it")
			}
			if !strings.Contains(err.Error(), c.at) {
				t.Errorf("the schema rejects it, but not at %s:\n%v", c.at, err)
			}
		})
	}
}

// TestSchemaAcceptsValid changes one thing in base that ecsim accepts and
// checks that the schema accepts it too.
func TestSchemaAcceptsValid(t *testing.T) {
	s := compile(t)
	for _, c := range []struct{ name, old, new string }{
		{"empty name (the file name)", "name: t\n", "name: \"\"\n"},
		{"random without a field", "{type: binpack, field: memory}", "{type: random}"},
		{"spread on instanceId", "field: attribute:ecs.availability-zone}", "field: instanceId}"},
		{"memberOf with an expression", "{type: distinctInstance}", `{type: memberOf, expression: "attribute:ecs.instance-type == m5.large"}`},
		{"every 90s", "every: 1h", "every: 90s"},
		{"every 60000ms", "every: 1h", "every: 60000ms"},
		{"a batch of 11 tasks", "process: poisson, ratePerMinute: 1}", "process: batch, at: 1m, count: 11}"},
		{"scheduled action setting maxSize only", "desiredCapacity: 2}", "maxSize: 3}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := strings.Replace(base, c.old, c.new, 1)
			if doc == base {
				t.Fatalf("%q is not in the base scenario", c.old)
			}
			if _, err := scenarios.Parse("case.yaml", t.TempDir(), []byte(doc)); err != nil {
				t.Fatalf("ecsim rejects the case: %v", err)
			}
			if err := validate(s, []byte(doc)); err != nil {
				t.Errorf("the schema rejects it: %v", err)
			}
		})
	}
}

// TestSchemaKnownGaps lists what ecsim rejects and the schema accepts,
// because JSON Schema cannot say it: a whole number written as a float (the
// YAML language server, like JSON Schema, takes 1.0 and 1e2 as integers), a
// duration below a field's lower bound written as a sum ("20s30s"), and
// what depends on the rest of the scenario. If one starts failing, the
// schema has learnt it: move the case to TestSchemaRejectsInvalid.
func TestSchemaKnownGaps(t *testing.T) {
	s := compile(t)
	for _, c := range []struct{ name, old, new string }{
		{"integer written 1.0", "count: 1}", "count: 1.0}"},
		{"integer written 1e2", "maxSize: 4\n", "maxSize: 1e2\n"},
		{"every as a sum below a minute", "every: 1h", "every: 20s30s"},
		{"a task definition that does not exist", "taskDefinition: web\n    launchType:", "taskDefinition: nosuch\n    launchType:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := strings.Replace(base, c.old, c.new, 1)
			if doc == base {
				t.Fatalf("%q is not in the base scenario", c.old)
			}
			if _, err := scenarios.Parse("case.yaml", t.TempDir(), []byte(doc)); err == nil {
				t.Fatalf("ecsim accepts the case")
			}
			if err := validate(s, []byte(doc)); err != nil {
				t.Errorf("the schema rejects it now (%v): move it to TestSchemaRejectsInvalid", err)
			}
		})
	}
}
