package schema_test

import (
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
      autoScalingGroup: {instanceTypes: [m5.large], maxSize: 4}
      managedScaling: {status: ENABLED, targetCapacity: 90}
      managedDraining: ENABLED
  defaultCapacityProviderStrategy: [{capacityProvider: asg, weight: 1}]
taskDefinitions:
  - family: web
    executionRoleArn: arn:aws:iam::123456789012:role/run
    cpu: "0.25 vCPU"
    containerDefinitions: [{name: app, image: nginx, memory: 512, logConfiguration: {logDriver: awslogs}}]
workloads:
  - name: w
    taskDefinition: web
    launchType:
    arrivals: {process: poisson, ratePerMinute: 1}
    duration: {distribution: uniform, min: 1m, max: 2m}
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
