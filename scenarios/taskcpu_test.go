package scenarios

import (
	"strings"
	"testing"
)

// TestEC2TaskCPUUpTo192VCPU: the current RegisterTaskDefinition API accepts
// task-level cpu from 128 to 196608 units (0.125 to 192 vCPU) on the EC2
// and external launch types (docs/model.md §5.2); the older 10240 bound no
// longer holds.
func TestEC2TaskCPUUpTo192VCPU(t *testing.T) {
	for _, c := range []struct {
		cpu string
		ok  bool
	}{{"128", true}, {"16 vCPU", true}, {"10241", true}, {"192 vCPU", true}, {"196608", true},
		{"127", false}, {"196609", false}, {"193 vCPU", false}} {
		src := "taskDefinitions:\n  - family: web\n    cpu: \"" + c.cpu + "\"\n    containerDefinitions: [{name: app, memory: 512}]\n"
		_, err := Parse("t.yaml", ".", []byte(src))
		if (err == nil) != c.ok {
			t.Errorf("cpu %s: err %v, want ok %v", c.cpu, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "between 128 and 196608") {
			t.Errorf("cpu %s: %v", c.cpu, err)
		}
	}
}

// TestCustomTypeWithoutPriceWarns: a declared type without pricePerHour
// would cost $0 silently; ecsim warns naming it. An override of a catalogue
// type keeps the catalogue's price; an explicit 0 is the user's choice.
func TestCustomTypeWithoutPriceWarns(t *testing.T) {
	src := `instanceTypes:
  - {name: lab.16x64, vcpu: 16, memoryMiB: 65536, enis: 8}
  - {name: m5.large, vcpu: 2, memoryMiB: 8192, enis: 3}
  - {name: free.box, vcpu: 2, memoryMiB: 8192, enis: 3, pricePerHour: 0}
`
	sc, err := Parse("t.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Warnings) != 1 || !strings.Contains(sc.Warnings[0], `instanceTypes[0]: instance type "lab.16x64" has no pricePerHour`) {
		t.Fatalf("warnings %q, want one naming lab.16x64", sc.Warnings)
	}
	if m5, _ := sc.Config.Catalogue.Lookup("m5.large"); m5.PricePerHour != 0.096 {
		t.Errorf("m5.large override price %v, want the catalogue's 0.096", m5.PricePerHour)
	}
}

// TestTaskCPUCapHoldsEverywhere: the 196608-unit task cap also binds a
// workload's drawn sizes and containers whose cpu adds up without a
// task-level cpu.
func TestTaskCPUCapHoldsEverywhere(t *testing.T) {
	for src, want := range map[string]string{
		tdWeb + "workloads:\n  - name: w\n    taskDefinition: web\n" + okArrivals + okDuration +
			"    size: {cpu: {distribution: constant, value: 300000}}\n": "size.cpu.value: must be between 0 and 196608 (got 300000)",
		"taskDefinitions:\n  - family: big\n    containerDefinitions: [{name: a, cpu: 150000, memory: 512}, {name: b, cpu: 150000, memory: 512}]\n": "the containers' cpu adds up to 300000 CPU units, more than a task may have (196608",
	} {
		_, err := Parse("t.yaml", ".", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}
