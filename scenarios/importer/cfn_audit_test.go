package importer

import (
	"strings"
	"testing"
)

// cfnProvider is a cluster with one capacity provider over a group of
// m5.large; PROVIDER and GROUP are replaced by lines of the provider's
// AutoScalingGroupProvider and the group's properties. Line 12 is the
// first PROVIDER line, line 19 the first GROUP line.
const cfnProvider = `Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: shop
      CapacityProviders: [!Ref Provider]
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties:
      AutoScalingGroupProvider:
        AutoScalingGroupArn: !Ref Group
PROVIDER
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      AutoScalingGroupName: general
      MixedInstancesPolicy: {LaunchTemplate: {Overrides: [{InstanceType: m5.large}]}}
      AvailabilityZones: [us-east-1a]
GROUP
`

// cfnProviderTemplate fills cfnProvider.
func cfnProviderTemplate(provider, group string) []byte {
	return []byte(strings.NewReplacer("PROVIDER", provider, "GROUP", group).Replace(cfnProvider))
}

const cfnSizes = "      MinSize: 0\n      MaxSize: 4"

// TestCloudFormationScalingStatus: ManagedScaling's Status reads as the
// other sources read it: ENABLED and DISABLED exactly, no Status as
// ENABLED (noted once), anything else an error at the Status.
func TestCloudFormationScalingStatus(t *testing.T) {
	const ms = "Resources.Provider.Properties.AutoScalingGroupProvider.ManagedScaling"
	note := ms + ": ManagedScaling has no Status: read as ENABLED, as ecsim's scenario format does; AWS documents no default"
	for _, c := range []struct {
		name, provider string
		enabled        bool
		note, err      string
	}{
		{"ENABLED", "        ManagedScaling: {Status: ENABLED, TargetCapacity: 90}", true, "", ""},
		{"DISABLED", "        ManagedScaling: {Status: DISABLED, TargetCapacity: 90}", false, "", ""},
		{"none", "        ManagedScaling: {TargetCapacity: 90}", true, note, ""},
		// Line 12: the Status value at column 34.
		{"disabled", "        ManagedScaling: {Status: disabled, TargetCapacity: 90}", false, "",
			`t.yaml:12:34: ` + ms + `.Status: must be ENABLED or DISABLED, as the ECS API spells them (got "disabled")`},
		{"maybe", "        ManagedScaling: {Status: maybe}", false, "",
			`t.yaml:12:34: ` + ms + `.Status: must be ENABLED or DISABLED, as the ECS API spells them (got "maybe")`},
		// TargetCapacity's value at column 59.
		{"target 0", "        ManagedScaling: {Status: ENABLED, TargetCapacity: 0}", false, "",
			`t.yaml:12:59: ` + ms + `.TargetCapacity: must be 1 to 100, the API's range (got 0)`},
		{"protection", "        ManagedTerminationProtection: yes", false, "",
			`t.yaml:12:39: Resources.Provider.Properties.AutoScalingGroupProvider.ManagedTerminationProtection: ` +
				`must be ENABLED or DISABLED, as the ECS API spells them (got "yes")`},
		{"draining", "        ManagedDraining: enabled", false, "",
			`t.yaml:12:26: Resources.Provider.Properties.AutoScalingGroupProvider.ManagedDraining: ` +
				`must be ENABLED or DISABLED, as the ECS API spells them (got "enabled")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, err := readCloudFormation("t.yaml", cfnProviderTemplate(c.provider, cfnSizes), nil)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("error %v\nshould contain %s", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ms := cl.CapacityProviders[0].ManagedScaling
			if (ms != nil) != c.enabled || ms != nil && (ms.TargetCapacity == nil || *ms.TargetCapacity != 90) {
				t.Errorf("managed scaling %+v, want enabled %v with target 90", ms, c.enabled)
			}
			notes := strings.Join(cl.Ignored, "\n")
			if c.note != "" && strings.Count(notes, c.note) != 1 || c.note == "" && strings.Contains(notes, "Status") {
				t.Errorf("ignored:\n%s\nwant the note %q once", notes, c.note)
			}
		})
	}
}

// TestCloudFormationBadGroupsAndTypes: a null or missing MinSize or
// MaxSize, a size ecsim cannot hold, and a Type that is not a string are
// errors at their place.
func TestCloudFormationBadGroupsAndTypes(t *testing.T) {
	const g = "Resources.Group.Properties."
	for _, c := range []struct{ name, group, want string }{
		// MaxSize on line 20, its value at column 16.
		{"null MaxSize", "      MinSize: 0\n      MaxSize: null", "t.yaml:20:16: " + g + "MaxSize: the group needs a MaxSize"},
		// Without MaxSize, at the group's mapping: line 14, column 5.
		{"no MaxSize", "      MinSize: 0", "t.yaml:14:5: " + g + "MaxSize: the group needs a MaxSize"},
		{"huge MaxSize", "      MinSize: 0\n      MaxSize: 1000000000000", "t.yaml:20:16: " + g + "MaxSize: " +
			"1000000000000 is out of range: ecsim's Auto Scaling groups hold 0 to 100000 instances"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readCloudFormation("t.yaml", cfnProviderTemplate("", c.group), nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nshould contain %s", err, c.want)
			}
		})
	}
	src := strings.Replace(string(cfnProviderTemplate("", cfnSizes)), "Type: AWS::ECS::Cluster", "Type: 5", 1)
	_, err := readCloudFormation("t.yaml", []byte(src), nil)
	// Line 3, the value at column 11.
	want := "t.yaml:3:11: Resources.Cluster.Type: must be a resource type such as AWS::ECS::Cluster (got 5)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nshould contain %s", err, want)
	}
}
