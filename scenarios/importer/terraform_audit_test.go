package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tfShopWith is testdata/terraform/shop.state.json with the first old
// replaced by new, read as shop.state.json.
func tfShopWith(t *testing.T, old, new string) (*Cluster, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "terraform", "shop.state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("shop.state.json lacks %q", old)
	}
	return readTerraform("shop.state.json", []byte(strings.Replace(string(data), old, new, 1)))
}

// TestTerraformBadValues: a managed scaling status or a managed setting
// other than ENABLED or DISABLED, a target capacity of 0 (the provider
// documents 1 to 100), a missing group size and one ecsim cannot hold are
// errors at the attribute (lines and columns counted by hand in
// shop.state.json).
func TestTerraformBadValues(t *testing.T) {
	const ms = "aws_ecs_capacity_provider.general.values.auto_scaling_group_provider[0].managed_scaling[0]"
	const g = "aws_autoscaling_group.general.values."
	for _, c := range []struct{ name, old, new, want string }{
		// "status" on line 201 from column 21, its value at 31.
		{"status maybe", `"status": "ENABLED",`, `"status": "maybe",`, "shop.state.json:201:31: " + ms +
			`.status: must be ENABLED or DISABLED, as the ECS API spells them (got "maybe")`},
		{"status disabled", `"status": "ENABLED",`, `"status": "disabled",`, "shop.state.json:201:31: " + ms +
			`.status: must be ENABLED or DISABLED, as the ECS API spells them (got "disabled")`},
		// "target_capacity" on line 202 from column 21, its value at 40.
		{"target 0", `"target_capacity": 90`, `"target_capacity": 0`, "shop.state.json:202:40: " + ms +
			`.target_capacity: must be 1 to 100, the API's range (got 0)`},
		{"step 0", `"minimum_scaling_step_size": 1,`, `"minimum_scaling_step_size": 0,`, "shop.state.json:200:50: " + ms +
			`.minimum_scaling_step_size: must be 1 to 10000, the API's range (got 0)`},
		// "managed_draining" on line 195 from column 17, its value at 37.
		{"draining", `"managed_draining": "ENABLED"`, `"managed_draining": "yes"`, "shop.state.json:195:37: " +
			`aws_ecs_capacity_provider.general.values.auto_scaling_group_provider[0].managed_draining: ` +
			`must be ENABLED or DISABLED, as the ECS API spells them (got "yes")`},
		// "max_size" on line 47 from column 13, its value at 25.
		{"huge max_size", `"max_size": 20,`, `"max_size": 1e12,`, "shop.state.json:47:25: " + g +
			"max_size: 1e12 is out of range: ecsim's Auto Scaling groups hold 0 to 100000 instances"},
		{"null max_size", `"max_size": 20,`, `"max_size": null,`, "shop.state.json:47:25: " + g +
			"max_size: the group needs a max_size"},
		// Without max_size, at the group's values: line 21, column 21.
		{"no max_size", `"max_size": 20,`, ``, "shop.state.json:21:21: " + g + "max_size: the group needs a max_size"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := tfShopWith(t, c.old, c.new)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nshould contain %s", err, c.want)
			}
		})
	}
}

// TestTerraformScalingStatus: ENABLED and DISABLED read as such, a
// managed_scaling block without a status as ENABLED (noted once), as the
// other sources read it.
func TestTerraformScalingStatus(t *testing.T) {
	const status = `"status": "ENABLED",`
	note := "aws_ecs_capacity_provider.general.values.auto_scaling_group_provider[0].managed_scaling: " +
		"ManagedScaling has no Status: read as ENABLED, as ecsim's scenario format does; AWS documents no default"
	for _, c := range []struct {
		name, new string
		enabled   bool
		note      string
	}{
		{"ENABLED", status, true, ""},
		{"DISABLED", `"status": "DISABLED",`, false, ""},
		{"none", ``, true, note},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, err := tfShopWith(t, status, c.new)
			if err != nil {
				t.Fatal(err)
			}
			ms := cl.CapacityProviders[0].ManagedScaling
			if (ms != nil) != c.enabled || ms != nil && (ms.TargetCapacity == nil || *ms.TargetCapacity != 90) {
				t.Errorf("managed scaling %+v, want enabled %v with target 90", ms, c.enabled)
			}
			notes := strings.Join(cl.Ignored, "\n")
			if c.note != "" && strings.Count(notes, c.note) != 1 || c.note == "" && strings.Contains(notes, "no Status") {
				t.Errorf("ignored:\n%s\nwant the note %q once", notes, c.note)
			}
		})
	}
}
