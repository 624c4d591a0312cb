package scenarios

import (
	"strings"
	"testing"
)

// TestDeploymentNeedsARevisionOrForce: a deployment gives the revision to
// deploy or forceNewDeployment; one with neither says so, not that a task
// definition "" does not exist.
func TestDeploymentNeedsARevisionOrForce(t *testing.T) {
	src := `name: d
cluster:
  containerInstances: [{instanceType: m5.large}]
taskDefinitions:
  - {family: web, containerDefinitions: [{name: app, memory: 512}]}
services:
  - {serviceName: web, taskDefinition: web, deployments: [{at: 10m}]}
`
	checkLines(t, "d.yaml", parseErrors(t, "d.yaml", src), []wantLine{{"7:59", "services[0].deployments[0]",
		"give taskDefinition (the revision to deploy) or forceNewDeployment: true"}})
	if s := mustParse(t, "d.yaml", strings.Replace(src, "{at: 10m}", "{at: 10m, forceNewDeployment: true}", 1)); len(s.Config.Services[0].Deployments) != 1 {
		t.Error("a forced deployment without taskDefinition is lost")
	}
}
