package placement

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/cluster"
)

// placementBench is a 10,000-instance cluster over three AZs, half
// m5.xlarge and half c5.xlarge, kept at about half its CPU reserved by
// placing one task and stopping a random one per step.
type placementBench struct {
	w      *world
	r      *Request
	defs   []*cluster.TaskDefinition
	placed []*cluster.Task
	rng    *rand.Rand
}

func newPlacementBench(b *testing.B, chain func(*world) Chain, constraint string) *placementBench {
	w := newWorld(1)
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	for i := 0; i < 10_000; i++ {
		typ := "m5.xlarge"
		if i%2 == 1 {
			typ = "c5.xlarge"
		}
		w.add(b, typ, azs[i%3])
	}
	pb := &placementBench{w: w, rng: rand.New(rand.NewPCG(3, 4)),
		defs: []*cluster.TaskDefinition{taskDef(256, 512), taskDef(512, 1024), taskDef(1024, 1536)}}
	pb.r = &Request{Chain: chain(w), Group: w.c.Group("service:web")}
	if constraint != "" {
		m, err := MemberOf(constraint, w.c, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		pb.r.Constraints = []Constraint{m}
	}
	w.p.Prepare(pb.r)
	// Fill to about half the CPU of the matching instances.
	for len(pb.placed) < 30_000 {
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
	if len(pb.placed) > 30_000 {
		i := pb.rng.IntN(len(pb.placed))
		pb.w.c.Unplace(pb.placed[i])
		pb.placed[i] = pb.placed[len(pb.placed)-1]
		pb.placed = pb.placed[:len(pb.placed)-1]
	}
}

func benchPlacement(b *testing.B, chain func(*world) Chain, constraint string) {
	pb := newPlacementBench(b, chain, constraint)
	for i := 0; i < 200; i++ {
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
	b.ReportMetric(float64(st.Rejected-before.Rejected)/float64(b.N), "rejected/op")
}

// BenchmarkPlacementSpreadBinpackMemberOf is issue 3's placement target:
// spread(AZ) then binpack(memory) with a memberOf constraint on the instance
// type, 10,000 instances, at most 2 µs per placement (the step also reserves
// and releases).
func BenchmarkPlacementSpreadBinpackMemberOf(b *testing.B) {
	benchPlacement(b, func(w *world) Chain {
		return NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimMemory))
	}, "attribute:ecs.instance-type == m5.xlarge")
}

// BenchmarkPlacementBinpack: binpack(memory) alone, 10,000 instances.
func BenchmarkPlacementBinpack(b *testing.B) {
	benchPlacement(b, func(*world) Chain { return NewChain(Binpack(DimMemory)) }, "")
}

// BenchmarkPlacementRandom: RunTask's default, 10,000 instances.
func BenchmarkPlacementRandom(b *testing.B) {
	benchPlacement(b, func(*world) Chain { return NewChain() }, "")
}
