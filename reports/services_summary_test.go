package reports

import (
	"testing"

	"github.com/ecsim/ecsim/sim/record"
)

// TestServiceSummary counts a service's reports by hand: a deployment that
// stalls and then completes counts once, with its stall; a second one
// fails (the circuit breaker); a third is in progress at the end.
func TestServiceSummary(t *testing.T) {
	var s ServiceSummary
	for _, e := range []record.Event{
		{Type: record.ServiceDeploymentChanged, State: "IN_PROGRESS"},
		{Type: record.ServiceDeploymentChanged, State: "STALLED"},
		{Type: record.ServiceDeploymentChanged, State: "IN_PROGRESS"},
		{Type: record.ServiceDeploymentChanged, State: "COMPLETED"},
		{Type: record.ServiceDeploymentChanged, State: "IN_PROGRESS"},
		{Type: record.ServiceDeploymentChanged, State: "FAILED"},
		{Type: record.ServiceThrottled},
		{Type: record.ServicePlacementFailed},
		{Type: record.ServiceDesiredCountChanged},
		{Type: record.ServiceDeploymentChanged, State: "IN_PROGRESS"},
	} {
		s.serviceEvent(&e)
	}
	want := ServiceSummary{Deployments: 3, DeploymentsCompleted: 1, DeploymentsFailed: 1, Stalls: 1, DeployingAtEnd: true,
		Throttled: 1, PlacementFailures: 1, DesiredCountChanges: 1}
	if s != want {
		t.Fatalf("got %+v, want %+v", s, want)
	}
}
