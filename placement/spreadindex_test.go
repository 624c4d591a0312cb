package placement

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TestSpreadByCountIsTheScan (docs/model.md §5.3): placing with the
// instances kept by count chooses exactly what ranking every instance
// chooses, draw for draw: two placers on two copies of a fleet, one ranking
// every member, take the same instance at every step, for spread(instanceId)
// alone and in chains, with and without distinctInstance, as tasks come and
// go and agents disconnect.
func TestSpreadByCountIsTheScan(t *testing.T) {
	types := []string{"t3.medium", "m5.large", "m5.xlarge", "c5.large"}
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	for trial := range 30 {
		rng := rand.New(rand.NewPCG(uint64(trial), 11))
		fast, scan := newWorld(uint64(trial)), newWorld(uint64(trial))
		scan.p.scanOnly = true
		n := 5 + rng.IntN(60)
		for range n {
			typ, az, rack := types[rng.IntN(len(types))], azs[rng.IntN(len(azs))], fmt.Sprint(rng.IntN(3))
			for _, w := range []*world{fast, scan} {
				w.add(t, typ, az, cluster.Attribute{Name: "rack", Value: rack})
			}
		}
		chains := func(w *world) []Chain {
			return []Chain{NewChain(SpreadInstance()), NewChain(SpreadAttribute("ecs.availability-zone", w.c), SpreadInstance()),
				NewChain(SpreadInstance(), Binpack(DimMemory)), NewChain(SpreadAttribute("rack", w.c), SpreadInstance(), Binpack(DimCPU))}
		}
		cf, cs := chains(fast), chains(scan)
		defs := []*cluster.TaskDefinition{taskDef(256, 512), taskDef(1024, 2048), taskDef(2048, 6000)}
		var placedF, placedS []*cluster.Task
		for step := range 500 {
			switch rng.IntN(8) {
			case 0:
				if len(placedF) > 0 {
					i := rng.IntN(len(placedF))
					fast.c.Unplace(placedF[i])
					scan.c.Unplace(placedS[i])
					placedF[i], placedS[i] = placedF[len(placedF)-1], placedS[len(placedS)-1]
					placedF, placedS = placedF[:len(placedF)-1], placedS[:len(placedS)-1]
				}
				continue
			case 1:
				i := rng.IntN(n)
				for _, w := range []*world{fast, scan} {
					in := w.c.Instances()[i]
					w.c.SetAgentConnected(in, !in.AgentConnected)
				}
				continue
			}
			c, d, g := rng.IntN(len(cf)), defs[rng.IntN(len(defs))], fmt.Sprint("service:", rng.IntN(2))
			distinct := rng.IntN(5) == 0
			rf := &Request{Req: d.Requirements(), Group: fast.c.Group(g), Chain: cf[c]}
			rs := &Request{Req: d.Requirements(), Group: scan.c.Group(g), Chain: cs[c]}
			if distinct {
				rf.Constraints, rs.Constraints = []Constraint{DistinctInstance()}, []Constraint{DistinctInstance()}
			}
			a, b := fast.p.Place(rf), scan.p.Place(rs)
			switch {
			case (a == nil) != (b == nil):
				t.Fatalf("trial %d step %d chain %v: by count %v, scan %v", trial, step, rf.Chain, a, b)
			case a == nil:
				continue
			case a.ID != b.ID:
				t.Fatalf("trial %d step %d chain %v: by count %s, scan %s", trial, step, rf.Chain, a.EC2InstanceID, b.EC2InstanceID)
			}
			placedF = append(placedF, placeOn(t, fast, a, rf.Group, d))
			placedS = append(placedS, placeOn(t, scan, b, rs.Group, d))
		}
	}
}
