package importer

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestThreeSourcesAgree: the cluster "shop" described three ways, as the
// AWS CLI's describe outputs, as a CloudFormation template (YAML with the
// short intrinsic forms, JSON with the long ones) and as Terraform's JSON
// (a state and a plan), imports to the same scenario: the same
// configuration, field for field, once the comments (where each part was
// read) and the read-only fields the model ignores are set aside; and each
// runs an hour under the world's invariant checker.
func TestThreeSourcesAgree(t *testing.T) {
	read := map[string]func() (*Cluster, error){
		"aws": func() (*Cluster, error) { return ReadAWS(filepath.Join("testdata", "aws", "shop")) },
		"cloudformation YAML": func() (*Cluster, error) {
			return ReadCloudFormation(filepath.Join("testdata", "cloudformation", "shop.yaml"), nil)
		},
		"cloudformation JSON": func() (*Cluster, error) {
			return ReadCloudFormation(filepath.Join("testdata", "cloudformation", "shop.json"), nil)
		},
		"terraform state": func() (*Cluster, error) {
			return ReadTerraform(filepath.Join("testdata", "terraform", "shop.state.json"))
		},
		"terraform plan": func() (*Cluster, error) {
			return ReadTerraform(filepath.Join("testdata", "terraform", "shop.plan.json"))
		},
	}
	configs := map[string]reflect.Value{}
	for name, f := range read {
		c, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		data, err := Scenario(c, "shop.yaml")
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		sc, err := scenarios.Parse("shop.yaml", ".", data)
		if err != nil {
			t.Fatal(err)
		}
		configs[name] = reflect.ValueOf(sc.Config)
		runImported(t, name, data, 8) // each source's scenario runs: web 4, api 2, agent on 2+ instances
	}
	for name, cfg := range configs {
		var diffs []string
		differences("config", configs["aws"], cfg, &diffs)
		if len(diffs) > 0 {
			t.Errorf("%s imports to another scenario than aws: %v", name, diffs)
		}
	}
	// The comparison can fail: a changed count is seen.
	c, _ := read["aws"]()
	c.Services[0].DesiredCount++
	data, _ := Scenario(c, "shop.yaml")
	sc, _ := scenarios.Parse("shop.yaml", ".", data)
	var diffs []string
	if differences("config", configs["aws"], reflect.ValueOf(sc.Config), &diffs); len(diffs) == 0 {
		t.Error("a different desired count went unnoticed")
	}
}

// differences appends the paths where a and b differ (functions, which are
// never equal, are skipped; pointers are followed).
func differences(path string, a, b reflect.Value, out *[]string) {
	if a.Kind() != b.Kind() {
		*out = append(*out, path+": a different kind")
		return
	}
	switch a.Kind() {
	case reflect.Func:
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, path+": nil on one side")
			}
			return
		}
		differences(path, a.Elem(), b.Elem(), out)
	case reflect.Struct:
		for i := range a.NumField() {
			differences(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), out)
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d entries against %d", path, a.Len(), b.Len()))
			return
		}
		for i := range a.Len() {
			differences(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), out)
		}
	case reflect.Map:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d keys against %d", path, a.Len(), b.Len()))
			return
		}
		for _, k := range a.MapKeys() {
			differences(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), b.MapIndex(k), out)
		}
	default:
		if fmt.Sprint(a) != fmt.Sprint(b) {
			*out = append(*out, fmt.Sprintf("%s: %v against %v", path, a, b))
		}
	}
}
