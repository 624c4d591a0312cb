package scenarios

import (
	"strings"
	"testing"
	"time"
)

const serviceScenario = `name: s
cluster:
  containerInstances: [{instanceType: m5.large, count: 2}]
taskDefinitions:
  - {family: web, containerDefinitions: [{name: app, memory: 512}]}
services:
  - serviceName: web
    taskDefinition: web
    desiredCount: 2
`

// TestServiceValidation: the bad service input issue 5 names exits with
// file:line, field and what is accepted (docs/model.md §6).
func TestServiceValidation(t *testing.T) {
	for _, tc := range []struct {
		name, add string
		want      wantLine
	}{
		{"DAEMON with desiredCount (§6.1)", "    schedulingStrategy: DAEMON\n",
			wantLine{"9:19", "services[0].desiredCount", "a DAEMON service takes no desiredCount"}},
		{"DAEMON with a strategy (§6.1)", "    schedulingStrategy: DAEMON\n    placementStrategy: [{type: binpack, field: cpu}]\n",
			wantLine{"9:19", "services[0].desiredCount", "a DAEMON service takes no desiredCount"}},
		{"minimumHealthyPercent above 100 (§6.4)", "    deploymentConfiguration: {minimumHealthyPercent: 150}\n",
			wantLine{"10:54", "services[0].deploymentConfiguration.minimumHealthyPercent", "must be between 0 and 100 (got 150)"}},
		{"maximumPercent below 100 (§6.4)", "    deploymentConfiguration: {maximumPercent: 50}\n",
			wantLine{"10:47", "services[0].deploymentConfiguration.maximumPercent", "must be between 100 and 2000 (got 50)"}},
		{"unknown scheduling strategy", "    schedulingStrategy: REPLICAS\n",
			wantLine{"10:25", "services[0].schedulingStrategy", `unknown scheduling strategy "REPLICAS" (accepted: REPLICA, DAEMON)`}},
		{"deployment of an unknown revision", "    deployments: [{at: 1m, taskDefinition: web:9}]\n",
			wantLine{"10:44", "services[0].deployments[0].taskDefinition", `task definition "web:9" does not exist`}},
		{"auto scaling without load", "    serviceAutoScaling: {maxCapacity: 4, targetTracking: {targetValue: 50}}\n",
			wantLine{"7:5", "services[0].load", "required with serviceAutoScaling"}},
		{"target above 100", "    serviceAutoScaling: {maxCapacity: 4, targetTracking: {targetValue: 150}}\n    load: {value: 100}\n",
			wantLine{"10:72", "services[0].serviceAutoScaling.targetTracking.targetValue", "must be > 0 and at most 100 (got 150)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := parseErrors(t, "s.yaml", serviceScenario+tc.add)
			checkLines(t, "s.yaml", lines[:1], []wantLine{tc.want})
		})
	}
}

// TestServiceDefaults: REPLICA 100/200, DAEMON 0/100 (§6.1, §6.4), healthy
// 40 s after RUNNING (§6.3), cooldowns 300 s (§2).
func TestServiceDefaults(t *testing.T) {
	s := mustParse(t, "s.yaml", serviceScenario+"    serviceAutoScaling: {maxCapacity: 8, targetTracking: {targetValue: 60}}\n    load: {value: 100}\n"+
		"  - {serviceName: agent, taskDefinition: web, schedulingStrategy: DAEMON}\n")
	web, agent := s.Config.Services[0], s.Config.Services[1]
	if web.MinimumHealthyPercent != 100 || web.MaximumPercent != 200 || web.HealthyAfter != 40*time.Second || web.Daemon {
		t.Errorf("web %+v", web)
	}
	if a := web.AutoScaling; a.ScaleOutCooldown != 300*time.Second || a.ScaleInCooldown != 300*time.Second ||
		a.Metric != "ECSServiceAverageCPUUtilization" || a.MinCapacity != 1 {
		t.Errorf("auto scaling %+v", *a)
	}
	if !agent.Daemon || agent.MinimumHealthyPercent != 0 || agent.MaximumPercent != 100 {
		t.Errorf("agent %+v", agent)
	}
}

// TestFaultValidation: every fault type checks its own fields.
func TestFaultValidation(t *testing.T) {
	for _, tc := range []struct {
		name, fault string
		want        wantLine
	}{
		{"unknown type", "{type: meteor, at: 1m}", wantLine{"11:12", "faults[0].type", `unknown fault type "meteor" (accepted: instanceFailure, availabilityZoneOutage, agentDisconnect, spotInterruption)`}},
		{"outage without zone", "{type: availabilityZoneOutage, at: 1m, duration: 5m}", wantLine{"11:5", "faults[0].availabilityZone", "required: the zone that goes down"}},
		{"outage without duration", "{type: availabilityZoneOutage, at: 1m, availabilityZone: us-east-1a}", wantLine{"11:5", "faults[0].duration", "required"}},
		{"unknown zone", "{type: availabilityZoneOutage, at: 1m, duration: 5m, availabilityZone: eu-west-1a}", wantLine{"11:76", "faults[0].availabilityZone", `"eu-west-1a" is not one of the cluster's zones`}},
		{"failure with both at and failureTime", "{type: instanceFailure, at: 1m, failureTime: {distribution: exponential, mean: 10h}}", wantLine{"11:33", "faults[0].at", "not used by the instanceFailure fault (accepted: failureTime, availabilityZone, capacityProvider)"}},
		{"field not used by the type", "{type: instanceFailure, at: 1m, ratePerHour: 2}", wantLine{"11:50", "faults[0].ratePerHour", "not used by the instanceFailure fault"}},
		{"spot without provider", "{type: spotInterruption, ratePerHour: 1}", wantLine{"11:5", "faults[0].capacityProvider", "required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := parseErrors(t, "s.yaml", serviceScenario+"faults:\n  - "+tc.fault+"\n")
			checkLines(t, "s.yaml", lines[:1], []wantLine{tc.want})
		})
	}
	if !strings.Contains(serviceScenario, "services:") {
		t.Fatal("test bug")
	}
}
