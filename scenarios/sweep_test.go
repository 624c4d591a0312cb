package scenarios

import (
	"strings"
	"testing"

	"github.com/ecsim/ecsim/reports"
)

// sweepBase is a small scenario a sweep: block is appended to.
const sweepBase = `name: swept
duration: 1h
cluster:
  capacityProviders:
    - name: general
      autoScalingGroup: {instanceTypes: [m5.large], minSize: 0, maxSize: 10}
      managedScaling: {status: ENABLED, targetCapacity: 100}
  defaultCapacityProviderStrategy: [{capacityProvider: general, weight: 1}]
taskDefinitions:
  - family: web
    containerDefinitions: [{name: app, image: nginx, cpu: 256, memory: 512}]
workloads:
  - name: web
    taskDefinition: web
    arrivals: {process: poisson, ratePerMinute: 4}
    duration: {distribution: exponential, mean: 10m}
`

// sweepCells numbers sc's grid as reports.SweepPlan does and returns each
// cell's overrides.
func sweepCells(t *testing.T, sc *Scenario) [][]Set {
	t.Helper()
	dims, err := sc.SweepDimensions()
	if err != nil {
		t.Fatal(err)
	}
	var params []reports.SweepParameter
	for _, p := range sc.Spec.Sweep.Parameters {
		params = append(params, reports.SweepParameter{Path: p.Path, Values: p.Values})
	}
	plan := reports.NewSweepPlan(sc.Source(), sc.Config.Name, 1, []uint64{1}, params, dims, nil)
	cells := make([][]Set, plan.Cells)
	for c := range cells {
		for i, v := range plan.Values(c) {
			cells[c] = append(cells[c], Set{Path: params[i].Path, Value: params[i].Values[v], Origin: "sweep"})
		}
	}
	return cells
}

// cellText prints a cell as "path=value, ...".
func cellText(c []Set) string {
	var parts []string
	for _, s := range c {
		parts = append(parts, s.Path+"="+s.Value)
	}
	return strings.Join(parts, ", ")
}

// TestSweepGridOrder: the grid crosses the parameters, the first slowest;
// zipped parameters go together, in the place of the first of them.
func TestSweepGridOrder(t *testing.T) {
	for _, tc := range []struct {
		name, block string
		want        []string
	}{
		{"cross", `sweep:
  parameters:
    cluster.capacityProviders.general.managedScaling.targetCapacity: [60, 100]
    workloads.web.arrivals.ratePerMinute: [2, 4, 8]
`, []string{
			"cluster.capacityProviders.general.managedScaling.targetCapacity=60, workloads.web.arrivals.ratePerMinute=2",
			"cluster.capacityProviders.general.managedScaling.targetCapacity=60, workloads.web.arrivals.ratePerMinute=4",
			"cluster.capacityProviders.general.managedScaling.targetCapacity=60, workloads.web.arrivals.ratePerMinute=8",
			"cluster.capacityProviders.general.managedScaling.targetCapacity=100, workloads.web.arrivals.ratePerMinute=2",
			"cluster.capacityProviders.general.managedScaling.targetCapacity=100, workloads.web.arrivals.ratePerMinute=4",
			"cluster.capacityProviders.general.managedScaling.targetCapacity=100, workloads.web.arrivals.ratePerMinute=8",
		}},
		{"zip", `sweep:
  parameters:
    workloads.web.arrivals.ratePerMinute: [2, 4]
    duration: [1h, 2h, 3h]
    cluster.capacityProviders.general.autoScalingGroup.maxSize: [5, 10]
  zip: [[workloads.web.arrivals.ratePerMinute, cluster.capacityProviders.general.autoScalingGroup.maxSize]]
  replications: 3
`, []string{
			"workloads.web.arrivals.ratePerMinute=2, duration=1h, cluster.capacityProviders.general.autoScalingGroup.maxSize=5",
			"workloads.web.arrivals.ratePerMinute=2, duration=2h, cluster.capacityProviders.general.autoScalingGroup.maxSize=5",
			"workloads.web.arrivals.ratePerMinute=2, duration=3h, cluster.capacityProviders.general.autoScalingGroup.maxSize=5",
			"workloads.web.arrivals.ratePerMinute=4, duration=1h, cluster.capacityProviders.general.autoScalingGroup.maxSize=10",
			"workloads.web.arrivals.ratePerMinute=4, duration=2h, cluster.capacityProviders.general.autoScalingGroup.maxSize=10",
			"workloads.web.arrivals.ratePerMinute=4, duration=3h, cluster.capacityProviders.general.autoScalingGroup.maxSize=10",
		}},
		{"structured values", `sweep:
  parameters:
    workloads.web.placementStrategy: [[{type: binpack, field: memory}], [{type: spread, field: instanceId}]]
`, []string{
			"workloads.web.placementStrategy=[{type: binpack, field: memory}]",
			"workloads.web.placementStrategy=[{type: spread, field: instanceId}]",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Parse("sweep.yaml", ".", []byte(sweepBase+tc.block))
			if err != nil {
				t.Fatal(err)
			}
			cells := sweepCells(t, sc)
			var got []string
			for _, c := range cells {
				got = append(got, cellText(c))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, c := range cells {
				if _, err := sc.WithSets(c...); err != nil {
					t.Fatalf("cell %s does not apply: %v", cellText(c), err)
				}
			}
		})
	}
}

// TestRunIgnoresTheSweep: the scenario as written runs whatever the block
// says (README "Sweeps").
func TestRunIgnoresTheSweep(t *testing.T) {
	plain, err := Parse("a.yaml", ".", []byte(sweepBase))
	if err != nil {
		t.Fatal(err)
	}
	swept, err := Parse("a.yaml", ".", []byte(sweepBase+"sweep:\n  parameters:\n    duration: [2h, 3h]\n  replications: 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Config.Duration != swept.Config.Duration || swept.Spec.Sweep.Replications != 4 || !swept.Spec.Sweep.Given {
		t.Fatalf("duration %v vs %v, sweep %+v", plain.Config.Duration, swept.Config.Duration, swept.Spec.Sweep)
	}
}

// TestSweepErrors: bad sweep blocks are reported where they are written,
// with the accepted values, when the file is read (the block's shape) or
// when the grid is planned (paths and values).
func TestSweepErrors(t *testing.T) {
	for _, tc := range []struct {
		name, block string
		want        []wantLine
	}{
		{"unknown key", "sweep:\n  parameter: {}\n", []wantLine{{"18:3", "sweep.parameter", `unknown key "parameter" (accepted: parameters, zip, replications, metrics); did you mean "parameters"?`}}},
		{"replications", "sweep:\n  parameters: {duration: [1h]}\n  replications: 0\n", []wantLine{{"19:17", "sweep.replications", "from 1 to 100000"}}},
		{"values not a list", "sweep:\n  parameters: {duration: 1h}\n", []wantLine{{"18:26", "sweep.parameters.duration", "expected a non-empty list of values"}}},
		{"empty list", "sweep:\n  parameters: {duration: []}\n", []wantLine{{"18:26", "sweep.parameters.duration", "expected a non-empty list of values"}}},
		{"value twice", "sweep:\n  parameters: {duration: [1h, 2h, 1h]}\n", []wantLine{{"18:35", "sweep.parameters.duration[2]", "the value 1h is given twice (also at 0)"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := parseErrors(t, "sweep.yaml", sweepBase+tc.block)
			checkLines(t, "sweep.yaml", lines, tc.want)
		})
	}
	for _, tc := range []struct {
		name, block, want string
	}{
		{"no block", "", "the scenario has no sweep: block"},
		{"empty grid", "sweep:\n  parameters: {}\n", "sweep.parameters: the grid is empty"},
		{"unknown path", "sweep:\n  parameters:\n    workloads.web.arrivals.ratePerMinut: [1, 2]\n",
			`sweep.yaml:19:5: sweep.parameters workloads.web.arrivals.ratePerMinut: unknown key "ratePerMinut" (accepted: process, ratePerMinute,`},
		{"bad value", "sweep:\n  parameters:\n    workloads.web.arrivals.ratePerMinute: [1, -2]\n", "sweep.yaml:19:47: workloads[0].arrivals.ratePerMinute"},
		{"zip unknown path", "sweep:\n  parameters: {duration: [1h, 2h]}\n  zip: [[duration, seed]]\n", `sweep.zip[0]: "seed" is not a swept parameter (accepted: duration)`},
		{"zip lengths", "sweep:\n  parameters: {duration: [1h, 2h], seed: [1, 2, 3]}\n  zip: [[duration, seed]]\n", "zipped with duration, which has 2 values: give 2 values (it has 3)"},
		{"zip twice", "sweep:\n  parameters: {duration: [1h, 2h], seed: [1, 2]}\n  zip: [[duration, seed], [seed]]\n", `"seed" is in two zip groups`},
		{"too many cells", "sweep:\n  parameters: {seed: [1,2,3,4,5,6,7,8,9,10], duration: [1h,2h,3h,4h,5h,6h,7h,8h,9h,10h], sampleInterval: [1m,2m,3m,4m,5m,6m,7m,8m,9m,10m],\n    startTime: [a,b,c,d,e,f,g,h,i,j], description: [a,b,c,d,e,f,g,h,i,j], name: [a,b,c,d,e,f,g,h,i,j], model.metricPeriod: [1m,2m]}\n",
			"the grid has more than 1000000 cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Parse("sweep.yaml", ".", []byte(sweepBase+tc.block))
			if err != nil {
				t.Fatal(err)
			}
			_, err = sc.SweepDimensions()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}
