package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
)

// placementBench is a cluster of n instances over three AZs, half
// m5.xlarge and half c5.xlarge, holding a steady number of tasks (about
// half its CPU for 3 tasks an instance) by placing one task and stopping a
// random one per step.
type placementBench struct {
	w      *world
	r      *Request
	defs   []*cluster.TaskDefinition
	placed []*cluster.Task
	keep   int
	rng    *rand.Rand
}

func newPlacementBench(b *testing.B, n int, perInstance float64, chain func(*world) Chain, cons func(*world) []Constraint) *placementBench {
	w := newWorld(1)
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	for i := 0; i < n; i++ {
		typ := "m5.xlarge"
		if i%2 == 1 {
			typ = "c5.xlarge"
		}
		w.add(b, typ, azs[i%3])
	}
	pb := &placementBench{w: w, rng: rand.New(rand.NewPCG(3, 4)), keep: int(perInstance * float64(n)),
		defs: []*cluster.TaskDefinition{taskDef(256, 512), taskDef(512, 1024), taskDef(1024, 1536)}}
	pb.r = &Request{Chain: chain(w), Group: w.c.Group("service:web")}
	if cons != nil {
		pb.r.Constraints = cons(w)
	}
	w.p.Prepare(pb.r)
	for len(pb.placed) < pb.keep {
		pb.step(b, false)
	}
	return pb
}

// step places one task (checking the choice against an exhaustive
// evaluation when check is set) and stops a random task once the cluster is
// warm.
func (pb *placementBench) step(b *testing.B, check bool) {
	def := pb.defs[pb.rng.IntN(len(pb.defs))]
	pb.r.Req = def.Requirements()
	in := pb.w.p.Place(pb.r)
	if check {
		want := bestSet(pb.w, pb.r)
		if in == nil && len(want) > 0 || in != nil && !slices.Contains(want, in.ID) {
			b.Fatalf("placement differs from the exhaustive answer")
		}
	}
	if in == nil {
		b.Fatal("cluster full")
	}
	t := pb.w.c.NewTask(def, pb.r.Group, 0)
	if err := pb.w.c.Place(t, in); err != nil {
		b.Fatal(err)
	}
	pb.placed = append(pb.placed, t)
	if len(pb.placed) > pb.keep {
		i := pb.rng.IntN(len(pb.placed))
		pb.w.c.Unplace(pb.placed[i])
		pb.placed[i] = pb.placed[len(pb.placed)-1]
		pb.placed = pb.placed[:len(pb.placed)-1]
	}
}

func benchPlacement(b *testing.B, n int, perInstance float64, chain func(*world) Chain, cons func(*world) []Constraint) {
	pb := newPlacementBench(b, n, perInstance, chain, cons)
	for i := 0; i < 100; i++ {
		pb.step(b, true) // the answers are right before they are timed
	}
	before := pb.w.p.Stats
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pb.step(b, false)
	}
	b.StopTimer()
	st := pb.w.p.Stats
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "placements/s")
	b.ReportMetric(float64(st.Examined-before.Examined)/float64(b.N), "examined/op")
}

// BenchmarkPlacement places one task per step (and stops one) with every
// strategy and constraint ECS has, on 1,000, 10,000 and 50,000 instances:
// placement stays sub-linear in the number of instances (examined/op).
// Each case first checks 100 answers against an exhaustive evaluation.
func BenchmarkPlacement(b *testing.B) {
	zone := func(w *world) Strategy { return SpreadAttribute("ecs.availability-zone", w.c) }
	memberOf := func(w *world) []Constraint {
		m, err := MemberOf("attribute:ecs.instance-type == m5.xlarge", w.c, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		return []Constraint{m}
	}
	cases := []struct {
		name        string
		perInstance float64
		chain       func(*world) Chain
		cons        func(*world) []Constraint
	}{
		{"binpack", 3, func(*world) Chain { return NewChain(Binpack(DimMemory)) }, nil},
		{"spread-instance", 3, func(*world) Chain { return NewChain(SpreadInstance()) }, nil},
		{"spread-zone-instance", 3, func(w *world) Chain { return NewChain(zone(w), SpreadInstance()) }, nil},
		{"spread-zone-binpack", 3, func(w *world) Chain { return NewChain(zone(w), Binpack(DimMemory)) }, nil},
		{"random", 3, func(*world) Chain { return NewChain() }, nil},
		{"memberOf-spread-zone-binpack", 1.5, func(w *world) Chain { return NewChain(zone(w), Binpack(DimMemory)) }, memberOf},
		{"distinctInstance-binpack", 0.5, func(*world) Chain { return NewChain(Binpack(DimMemory)) },
			func(*world) []Constraint { return []Constraint{DistinctInstance()} }},
	}
	for _, c := range cases {
		for _, n := range []int{1_000, 10_000, 50_000} {
			b.Run(fmt.Sprintf("%s/%dk", c.name, n/1000), func(b *testing.B) {
				benchPlacement(b, n, c.perInstance, c.chain, c.cons)
			})
		}
	}
}
