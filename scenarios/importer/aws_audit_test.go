package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shopWith copies testdata/aws/shop to a new folder, replacing in file the
// first old with new (and, with extra, writing more files), and returns
// the folder.
func shopWith(t *testing.T, file, old, new string, extra map[string]string) string {
	t.Helper()
	src := filepath.Join("testdata", "aws", "shop")
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if e.Name() == file {
			if !strings.Contains(text, old) {
				t.Fatalf("%s lacks %q", file, old)
			}
			text = strings.Replace(text, old, new, 1)
		}
		writeFile(t, dir, e.Name(), text)
	}
	for name, text := range extra {
		writeFile(t, dir, name, text)
	}
	return dir
}

// TestAWSBadValues: a value of the wrong type, a missing group size, a
// setting outside ENABLED/DISABLED and a number outside the API's range
// are reported at the value (line and column counted by hand in the shop
// fixture), with its JSON path.
func TestAWSBadValues(t *testing.T) {
	const groups, providers = "auto-scaling-groups.json", "capacity-providers-1.json"
	const maxSize, status = `"MaxSize": 20,`, `"status": "ENABLED",`
	const ms = "capacityProviders[0].autoScalingGroupProvider.managedScaling"
	for _, c := range []struct{ name, file, old, new, want string }{
		// "MaxSize" on line 31 from column 13, its value at column 24.
		{"a string size", groups, maxSize, `"MaxSize": "20",`,
			`auto-scaling-groups.json:31:24: AutoScalingGroups[0].MaxSize: expected a number, got the string "20"`},
		{"a fraction", groups, maxSize, `"MaxSize": 20.5,`,
			`auto-scaling-groups.json:31:24: AutoScalingGroups[0].MaxSize: expected a whole number, got 20.5`},
		{"a null size", groups, maxSize, `"MaxSize": null,`,
			`auto-scaling-groups.json:31:24: AutoScalingGroups[0].MaxSize: the group shop-general-asg has no MaxSize`},
		// Without MaxSize, at the group's object: line 3, column 9.
		{"no size", groups, maxSize, ``,
			`auto-scaling-groups.json:3:9: AutoScalingGroups[0].MaxSize: the group shop-general-asg has no MaxSize`},
		{"a size too large", groups, maxSize, `"MaxSize": 200000,`,
			`auto-scaling-groups.json:31:24: AutoScalingGroups[0].MaxSize: 200000 is out of range: ` +
				`ecsim's Auto Scaling groups hold 0 to 100000 instances`},
		// "OnDemandBaseCapacity" on line 24 from column 21, its value at 45.
		{"a boolean count", groups, `"OnDemandBaseCapacity": 0,`, `"OnDemandBaseCapacity": true,`,
			`auto-scaling-groups.json:24:45: AutoScalingGroups[0].MixedInstancesPolicy.InstancesDistribution.` +
				`OnDemandBaseCapacity: expected a number, got true`},
		// general's status on line 10 from column 21, its value at 31.
		{"status maybe", providers, status, `"status": "maybe",`,
			`capacity-providers-1.json:10:31: ` + ms + `.status: must be ENABLED or DISABLED, as the ECS API spells them (got "maybe")`},
		{"status disabled", providers, status, `"status": "disabled",`,
			`capacity-providers-1.json:10:31: ` + ms + `.status: must be ENABLED or DISABLED, as the ECS API spells them (got "disabled")`},
		// "targetCapacity" on line 11 from column 21, its value at 39.
		{"target 0", providers, `"targetCapacity": 90,`, `"targetCapacity": 0,`,
			`capacity-providers-1.json:11:39: ` + ms + `.targetCapacity: must be 1 to 100, the API's range (got 0)`},
		{"step 0", providers, `"maximumScalingStepSize": 10,`, `"maximumScalingStepSize": 0,`,
			`capacity-providers-1.json:13:47: ` + ms + `.maximumScalingStepSize: must be 1 to 10000, the API's range (got 0)`},
		// Line 16 and 17 from column 17.
		{"protection", providers, `"managedTerminationProtection": "ENABLED"`, `"managedTerminationProtection": "enabled"`,
			`capacity-providers-1.json:16:49: capacityProviders[0].autoScalingGroupProvider.managedTerminationProtection: ` +
				`must be ENABLED or DISABLED, as the ECS API spells them (got "enabled")`},
		{"draining", providers, `"managedDraining": "ENABLED"`, `"managedDraining": "yes"`,
			`capacity-providers-1.json:17:36: capacityProviders[0].autoScalingGroupProvider.managedDraining: ` +
				`must be ENABLED or DISABLED, as the ECS API spells them (got "yes")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := shopWith(t, c.file, c.old, c.new, nil)
			_, err := ReadAWS(dir)
			if want := filepath.Join(dir, c.want); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v\nshould contain %s", err, want)
			}
		})
	}
}

// TestAWSScalingStatus: ENABLED and DISABLED read as such, and a block
// without a status as ENABLED, noted once.
func TestAWSScalingStatus(t *testing.T) {
	const status = `"status": "ENABLED",`
	for _, c := range []struct {
		name, new string
		enabled   bool
		note      string
	}{
		{"ENABLED", status, true, ""},
		{"DISABLED", `"status": "DISABLED",`, false, ""},
		{"none", ``, true, "capacity-providers-1.json: capacityProviders[0].autoScalingGroupProvider.managedScaling: " +
			"ManagedScaling has no Status: read as ENABLED, as ecsim's scenario format does; AWS documents no default"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, err := ReadAWS(shopWith(t, "capacity-providers-1.json", status, c.new, nil))
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

// TestAWSDescribedTwice: a service or group described again alike is a
// note; described differently, an error naming both files.
func TestAWSDescribedTwice(t *testing.T) {
	src := filepath.Join("testdata", "aws", "shop")
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	services, groups := read("services-1.json"), read("auto-scaling-groups.json")

	cl, err := ReadAWS(shopWith(t, "", "", "", map[string]string{"services-2.json": services}))
	if err != nil {
		t.Fatalf("the same services described twice: %v", err)
	}
	if want := "services-2.json: services[0]: arn:aws:ecs:us-east-1:123456789012:service/shop/web described again, " +
		"the first description (services-1.json: services[0]) kept"; !strings.Contains(strings.Join(cl.Ignored, "\n"), want) {
		t.Errorf("ignored %q lacks %q", cl.Ignored, want)
	}

	for _, c := range []struct{ name, file, text, want string }{
		// web's desiredCount 4 → 5; the service object starts on line 3, column 9.
		{"service", "services-2.json", strings.Replace(services, `"desiredCount": 4,`, `"desiredCount": 5,`, 1),
			"services-2.json:3:9: services[0]: arn:aws:ecs:us-east-1:123456789012:service/shop/web is described " +
				"differently in DIR/services-1.json (services[0]) and here"},
		{"group", "groups-again.json", strings.Replace(groups, `"MaxSize": 20,`, `"MaxSize": 21,`, 1),
			"groups-again.json:3:9: AutoScalingGroups[0]: group shop-general-asg is described " +
				"differently in DIR/auto-scaling-groups.json (AutoScalingGroups[0]) and here"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := shopWith(t, "", "", "", map[string]string{c.file: c.text})
			_, err := ReadAWS(dir)
			want := filepath.Join(dir, strings.ReplaceAll(c.want, "DIR", dir))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v\nshould contain %s", err, want)
			}
		})
	}
}

// TestAWSSourceFolder: the scenario's description names the folder
// cleaned, and by its name when it is given as "." or "..".
func TestAWSSourceFolder(t *testing.T) {
	shop, err := filepath.Abs(filepath.Join("testdata", "aws", "shop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ cwd, dir, want string }{
		{shop, ".", "aws describe outputs in shop"},
		{filepath.Join(shop, "..", "bad", "malformed"), filepath.Join("..", "..", "shop") + "/", "aws describe outputs in ../../shop"},
		{filepath.Join(shop, "..", "bad", "malformed"), filepath.Join("..", "..", "shop", "."), "aws describe outputs in ../../shop"},
	} {
		t.Run(c.dir, func(t *testing.T) {
			t.Chdir(c.cwd)
			cl, err := ReadAWS(c.dir)
			if err != nil {
				t.Fatal(err)
			}
			if cl.Source != c.want {
				t.Errorf("source %q, want %q", cl.Source, c.want)
			}
		})
	}
}
