package autoscaling_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/cluster"
)

// TestScalerProperties drives scalers with random configurations, random
// metrics, random group states and uneven tick intervals, and checks after
// every tick against the test's own bookkeeping (docs/model.md §1.5–1.7,
// §2; docs/model.md §14):
//
//   - the desired capacity stays within [Min, Max] (§2 clamping);
//   - NoAction leaves it unchanged, ScaleOut raises it, ScaleIn lowers it;
//   - no scale-out while an instance warms up (§1.5 step 6);
//   - a scale-out only after HighDatapoints consecutive datapoints above the
//     target, a scale-in only after LowDatapoints consecutive ones below;
//   - no scale-in within ScaleInWait of the last scale-out (§1.6);
//   - a scale-in removes at most max(1, floor(N × fraction)) instances;
//   - from zero instances the scale-out goes to 2 (or ceil(200/target)).
func TestScalerProperties(t *testing.T) {
	runs, ticks := 400, 300
	if testing.Short() {
		runs = 50
	}
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 0x5ca1e))
		cfg := autoscaling.DefaultScalerConfig(1 + r.IntN(100))
		if r.IntN(2) == 0 {
			cfg.TargetCapacity = []int{50, 80, 90, 100}[r.IntN(4)]
		}
		cfg.ProportionalFromZero = r.IntN(3) == 0
		if r.IntN(2) == 0 {
			cfg.LowDatapoints = 1 + r.IntN(15)
			cfg.HighDatapoints = 1 + r.IntN(3)
			cfg.ScaleInWait = time.Duration(r.IntN(21)) * time.Minute
			cfg.ScaleInMaxFraction = []float64{0.05, 0.25, 0.5, 1}[r.IntN(4)]
		}
		s := autoscaling.NewScaler(cfg)
		target := float64(cfg.TargetCapacity)

		lo := r.IntN(4)
		g := autoscaling.GroupState{Min: lo, Max: lo + r.IntN(30)}
		g.Desired = g.Min + r.IntN(g.Max-g.Min+1)
		var now sim.Time
		var lastOut sim.Time
		scaledOut := false
		highRun, lowRun := 0, 0

		for tick := range ticks {
			now += []sim.Time{10 * sim.Second, 30 * sim.Second, sim.Minute, sim.Minute, sim.Minute, 2 * sim.Minute}[r.IntN(6)]
			// The registered instances lag the desired capacity.
			n := max(0, g.Desired-r.IntN(3)+r.IntN(2))
			var m autoscaling.Metric
			switch r.IntN(10) {
			case 0: // all PROVISIONING tasks incompatible
				m = autoscaling.Metric{Value: target, M: n, N: n, AllIncompatible: true}
			case 1, 2, 3: // quiet: M ≤ N
				m = metric(r.IntN(n+1), n)
			default:
				m = metric(r.IntN(2*n+5), n)
			}
			g.Warming = 0
			if r.IntN(4) == 0 {
				g.Warming = 1 + r.IntN(3)
			}
			if r.IntN(50) == 0 { // an operator changes the group's bounds
				g.Min = r.IntN(4)
				g.Max = g.Min + r.IntN(30)
				g.Desired = min(max(g.Desired, g.Min), g.Max)
			}
			if m.Value > target {
				highRun++
			} else {
				highRun = 0
			}
			if m.Value < target {
				lowRun++
			} else {
				lowRun = 0
			}

			d := s.Tick(now, m, g)
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("seed %d tick %d (t=%v, cfg %+v, group %+v, metric %+v, decision %+v): "+format,
					append([]any{seed, tick, now, cfg, g, m, d}, args...)...)
			}
			if d.Desired < g.Min || d.Desired > g.Max {
				fail("desired outside [min, max]")
			}
			if (s.High.State == autoscaling.InAlarm) != (highRun >= cfg.HighDatapoints) {
				fail("high alarm %v with %d breaching datapoints", s.High.State, highRun)
			}
			if (s.Low.State == autoscaling.InAlarm) != (lowRun >= cfg.LowDatapoints) {
				fail("low alarm %v with %d breaching datapoints", s.Low.State, lowRun)
			}
			switch d.Action {
			case autoscaling.NoAction:
				if d.Desired != g.Desired {
					fail("NoAction changed the desired capacity")
				}
			case autoscaling.ScaleOut:
				if g.Warming > 0 {
					fail("scale-out while %d instance(s) warm up", g.Warming)
				}
				if highRun < cfg.HighDatapoints {
					fail("scale-out after %d high datapoints", highRun)
				}
				if d.Desired <= g.Desired {
					fail("scale-out did not raise the desired capacity")
				}
				if m.N == 0 {
					w := 2
					if cfg.ProportionalFromZero {
						w = (200 + cfg.TargetCapacity - 1) / cfg.TargetCapacity
					}
					if d.Desired != min(max(w, g.Min), g.Max) {
						fail("from zero: desired %d, want %d clamped", d.Desired, w)
					}
				} else if d.Desired != min(max(autoscaling.DesiredFor(m.M, cfg.TargetCapacity), g.Min), g.Max) {
					fail("scale-out desired is not ceil(100·M/target) clamped")
				}
				lastOut, scaledOut = now, true
			case autoscaling.ScaleIn:
				if lowRun < cfg.LowDatapoints {
					fail("scale-in after %d low datapoints", lowRun)
				}
				if scaledOut && now.Sub(lastOut) < cfg.ScaleInWait {
					fail("scale-in %v after the scale-out at %v", now.Sub(lastOut), lastOut)
				}
				if d.Desired >= g.Desired {
					fail("scale-in did not lower the desired capacity")
				}
				if limit := max(1, int(float64(m.N)*cfg.ScaleInMaxFraction)); g.Desired-d.Desired > limit {
					fail("scale-in removed %d, more than %d", g.Desired-d.Desired, limit)
				}
			default:
				fail("unknown action")
			}
			g.Desired = d.Desired
		}
	}
}

// oracleBin is one hypothetical instance of the reference packer.
type oracleBin struct {
	free     cluster.Resources
	dyn, eni int
	ports    map[cluster.PortKey]bool
	perGroup map[int]int
	nPorts   int
}

func newOracleBin(c cluster.Capacity) *oracleBin {
	b := &oracleBin{free: c.Free, dyn: c.DynamicFree, eni: c.ENIFree, ports: map[cluster.PortKey]bool{}, perGroup: map[int]int{}}
	for _, p := range c.Ports {
		b.ports[p] = true
	}
	b.nPorts = len(b.ports)
	return b
}

// fits is an independent statement of the §5.2 fit rules.
func (b *oracleBin) fits(r *cluster.Requirements) bool {
	if r.CPU > b.free.CPU || r.MemoryMiB > b.free.MemoryMiB || r.GPUs > b.free.GPUs ||
		r.DynamicPorts > b.dyn || r.ENIs > b.eni || b.nPorts+len(r.StaticPorts) > cluster.MaxReservedPorts {
		return false
	}
	for _, p := range r.StaticPorts {
		if b.ports[p] {
			return false
		}
	}
	return true
}

func (b *oracleBin) take(r *cluster.Requirements, g int) {
	b.free = b.free.Sub(r.Resources)
	b.dyn -= r.DynamicPorts
	b.eni -= r.ENIs
	for _, p := range r.StaticPorts {
		b.ports[p] = true
	}
	b.nPorts += len(r.StaticPorts)
	b.perGroup[g]++
}

// oracleEstimate packs task by task, first fit, in decreasing order of
// CPU share + memory share of the largest type (ties in input order), as
// docs/model.md §14 and the EstimateInstances doc describe.
func oracleEstimate(groups []autoscaling.TaskGroup, smallest, largest cluster.Capacity) autoscaling.Estimate {
	var est autoscaling.Estimate
	var order []int
	for i, g := range groups {
		if g.Count <= 0 {
			continue
		}
		if !newOracleBin(smallest).fits(g.Req) {
			est.Incompatible += g.Count
			continue
		}
		est.Compatible += g.Count
		order = append(order, i)
	}
	size := func(i int) float64 {
		r := groups[i].Req
		return float64(r.CPU)/float64(largest.Free.CPU) + float64(r.MemoryMiB)/float64(largest.Free.MemoryMiB)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	var bins []*oracleBin
	for _, gi := range order {
		g := groups[gi]
		for range g.Count {
			placed := false
			for _, b := range bins {
				if (g.PerInstance == 0 || b.perGroup[gi] < g.PerInstance) && b.fits(g.Req) {
					b.take(g.Req, gi)
					placed = true
					break
				}
			}
			if !placed {
				b := newOracleBin(largest)
				b.take(g.Req, gi)
				bins = append(bins, b)
			}
		}
	}
	est.Instances = len(bins)
	return est
}

// TestEstimateMatchesTaskByTaskFirstFit compares EstimateInstances, which
// fills bins a group at a time, with the task-by-task first-fit-decreasing
// reference above on random workloads over random catalogue type mixes, and
// checks the bounds every binpack estimate must meet.
func TestEstimateMatchesTaskByTaskFirstFit(t *testing.T) {
	names := catalogue.Names()
	cpus := []int64{0, 64, 128, 256, 512, 1000, 1024, 1536, 2048, 3000, 4096, 8192}
	mems := []int64{64, 128, 512, 1000, 2048, 3000, 3993, 4000, 7987, 8000, 15974, 20000}
	runs := 2000
	if testing.Short() {
		runs = 200
	}
	var scratch autoscaling.EstimateScratch
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 0xe57))
		var types []string
		for range 1 + r.IntN(3) {
			types = append(types, names[r.IntN(len(names))])
		}
		spec := cluster.InstanceSpec{AwsvpcTrunking: r.IntN(2) == 0}
		if r.IntN(4) == 0 {
			spec.DynamicPorts = 1 + r.IntN(6)
		}
		s, l := boundsSpec(t, spec, types...)
		groups := make([]autoscaling.TaskGroup, 1+r.IntN(5))
		for i := range groups {
			rq := req(cpus[r.IntN(len(cpus))], mems[r.IntN(len(mems))])
			if r.IntN(6) == 0 {
				rq.GPUs = 1
			}
			if r.IntN(3) == 0 {
				rq.ENIs = 1
			}
			if r.IntN(5) == 0 {
				rq.DynamicPorts = 1 + r.IntN(2)
			}
			if r.IntN(5) == 0 {
				rq.StaticPorts = []cluster.PortKey{cluster.MakePortKey([]int{80, 443, 8080, 22}[r.IntN(4)], "tcp")}
			}
			groups[i] = autoscaling.TaskGroup{Req: rq, Count: r.IntN(60) - 5}
			if r.IntN(4) == 0 {
				groups[i].PerInstance = 1 + r.IntN(3)
			}
		}
		got := autoscaling.EstimateInstances(groups, s, l)
		// One scratch kept across every seed (bins, tree and keys of the
		// previous estimates left in it) gives the same answer.
		if again := scratch.Estimate(groups, s, l); again != got {
			t.Fatalf("seed %d: with a reused scratch %+v, fresh %+v", seed, again, got)
		}
		want := oracleEstimate(groups, s, l)
		if got != want {
			var desc []string
			for _, g := range groups {
				desc = append(desc, fmt.Sprintf("%d×%+v/%d", g.Count, *g.Req, g.PerInstance))
			}
			t.Fatalf("seed %d, types %v, spec %+v: EstimateInstances = %+v, task-by-task first fit = %+v; groups %v",
				seed, types, spec, got, want, desc)
		}
		// Bounds: at least what the largest single group needs on its own,
		// at most the sum of what each group needs on its own.
		lower, upper := 0, 0
		for _, g := range groups {
			if g.Count <= 0 {
				continue
			}
			if !newOracleBin(s).fits(g.Req) {
				continue
			}
			alone := oracleEstimate([]autoscaling.TaskGroup{g}, s, l).Instances
			lower = max(lower, alone)
			upper += alone
		}
		if got.Instances < lower || got.Instances > upper {
			t.Fatalf("seed %d: %d instances outside [%d, %d]", seed, got.Instances, lower, upper)
		}
	}
}
