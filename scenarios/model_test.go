package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestModelServiceAndAlarmKeys: the model settings the README lists are
// scenario keys (docs/model.md §14), with their defaults and ranges.
func TestModelServiceAndAlarmKeys(t *testing.T) {
	sc, err := Parse("m.yaml", ".", []byte("model: {alarmEvaluationDelay: 20s, serviceThrottleInitialDelay: 5s, serviceScaleOutDatapoints: 2, serviceScaleInDatapoints: 10, serviceScaleInThreshold: 0.8}\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := sc.Config.Model
	if m.AlarmEvaluationDelay != 20*time.Second || m.ServiceThrottleInitialDelay != 5*time.Second ||
		m.ServiceScaleOutDatapoints != 2 || m.ServiceScaleInDatapoints != 10 || m.ServiceScaleInThreshold != 0.8 {
		t.Fatalf("model %+v", m)
	}
	def, err := Parse("d.yaml", ".", []byte("name: d\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := def.Config.Model; d.AlarmEvaluationDelay != 0 || d.ServiceThrottleInitialDelay != 10*time.Second ||
		d.ServiceScaleOutDatapoints != 3 || d.ServiceScaleInDatapoints != 15 || d.ServiceScaleInThreshold != 0.9 {
		t.Fatalf("defaults %+v", d)
	}
	for src, want := range map[string]string{
		"model: {alarmEvaluationDelay: 2h}\n":        "model.alarmEvaluationDelay: must be between 0s and 1h (got 2h)",
		"model: {serviceThrottleInitialDelay: 0s}\n": "model.serviceThrottleInitialDelay: must be between 1s and 15m",
		"model: {serviceScaleOutDatapoints: 0}\n":    "model.serviceScaleOutDatapoints: must be between 1 and 1440 (got 0)",
		"model: {serviceScaleInThreshold: 1.5}\n":    "model.serviceScaleInThreshold: must be a fraction between 0 and 1 (got 1.5)",
	} {
		if _, err := Parse("bad.yaml", ".", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

// TestSpotInterruptionNeedsSpotCapacity: a spotInterruption fault on a
// provider without Spot capacity would silently do nothing; it is bad input
// naming the providers that have Spot capacity.
func TestSpotInterruptionNeedsSpotCapacity(t *testing.T) {
	src := `cluster:
  capacityProviders:
    - {name: od, autoScalingGroup: {instanceTypes: [m5.large], maxSize: 2}}
    - {name: sp, autoScalingGroup: {instanceTypes: [m5.large], maxSize: 2, spot: true}}
faults:
  - {type: spotInterruption, capacityProvider: od, ratePerHour: 1}
`
	_, err := Parse("f.yaml", ".", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `faults[0].capacityProvider: "od" has no Spot capacity`) || !strings.Contains(err.Error(), "(accepted: sp)") {
		t.Fatalf("got %v", err)
	}
	if _, err := Parse("f.yaml", ".", []byte(strings.Replace(src, "capacityProvider: od", "capacityProvider: sp", 1))); err != nil {
		t.Fatalf("a Spot group rejected: %v", err)
	}
}

// TestSetQuotedKeys: a --set path segment in double quotes may hold dots,
// so map keys such as instance types can be addressed.
func TestSetQuotedKeys(t *testing.T) {
	sc, err := Parse("p.yaml", ".", []byte("name: p\n"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := ParseSet(`prices.ec2."m5.large".onDemand=0.5`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sc.WithSets(set)
	if err != nil {
		t.Fatal(err)
	}
	m5, _ := got.Config.Catalogue.Lookup("m5.large")
	if p := got.Config.Prices.Instance(m5, false); p != 0.5 {
		t.Fatalf("m5.large price %v, want 0.5", p)
	}
	for path, want := range map[string]string{
		`prices.ec2."m5.large.onDemand`: "unterminated quote",
		`prices.ec2."m5".large.x`:       "unknown key",
		`prices.ec2."m5"x.onDemand`:     "a quoted key must be a whole segment",
	} {
		set, _ := ParseSet(path + "=1")
		if _, err := sc.WithSets(set); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	if segs, err := splitPath(`a."b.c"."d\"e".f`); err != nil || strings.Join(segs, "|") != `a|b.c|d"e|f` {
		t.Errorf("splitPath = %q, %v", segs, err)
	}
}

// TestGroupReservedMemoryChecked: an Auto Scaling group's reservedMemoryMiB
// is checked as containerInstances' is: negative, or at least a type's
// registered memory (m5.large registers 7987 MiB), is bad input.
func TestGroupReservedMemoryChecked(t *testing.T) {
	for mem, want := range map[string]string{"-100000": "must be at least 0", "8000": "below m5.large's registered memory (got 8000)", "256": ""} {
		src := "cluster:\n  capacityProviders:\n    - {name: cp, autoScalingGroup: {instanceTypes: [m5.large], maxSize: 2, reservedMemoryMiB: " + mem + "}}\n"
		_, err := Parse("g.yaml", ".", []byte(src))
		if (err == nil) != (want == "") || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("reservedMemoryMiB %s: %v, want %q", mem, err, want)
		}
	}
}

// TestAliasBombInVariants: a YAML alias bomb inside variants: is measured
// before anything is copied (a value may stand for at most 10,000 nodes):
// a bad-input error at once, not gigabytes and then an error.
func TestAliasBombInVariants(t *testing.T) {
	// 514 bytes that stand for 10^10 nodes, all inside one variant value.
	var b strings.Builder
	b.WriteString("name: bomb\nvariants:\n  v:\n    description: [&a0 [x,x,x,x,x,x,x,x,x,x]")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, ", &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]", i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("]\n")
	_, err := Parse("bomb.yaml", ".", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "variants.v.description: variant values too large") {
		t.Fatalf("got %v", err)
	}
}
