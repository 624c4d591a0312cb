package importer

import (
	"errors"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestScenarioNotWrittenNamesNoFile: a model the validator refuses (a group
// whose minSize 5 exceeds its maxSize 2) is reported as a problem of the
// scenario that was not written, with its path and no file or position
// (the -o file is not written, so "out.yaml:18:150" would point nowhere),
// and it is still a scenarios.Errors (bad input, exit 2).
func TestScenarioNotWrittenNamesNoFile(t *testing.T) {
	c := &Cluster{Name: "shop", Source: "a test", CapacityProviders: []CapacityProvider{
		{Name: "general", From: "here", ASG: &AutoScalingGroup{Name: "g", InstanceTypes: []string{"m5.large"},
			MinSize: 5, MaxSize: 2}},
	}}
	_, err := Scenario(c, "out.yaml")
	if err == nil {
		t.Fatal("a group with minSize 5 and maxSize 2 validates")
	}
	var es scenarios.Errors
	if !errors.As(err, &es) {
		t.Errorf("%T is not a scenarios.Errors", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if lines[0] != "the imported scenario does not validate, so it was not written; fix the source:" {
		t.Errorf("first line %q", lines[0])
	}
	want := "in the imported scenario (not written): cluster.capacityProviders[0].autoScalingGroup.maxSize: " +
		"must be >= minSize (5) (got 2)"
	if len(lines) != 2 || lines[1] != want {
		t.Errorf("problems %q, want just %q", lines[1:], want)
	}
}
