package sim

import (
	"slices"
	"testing"
)

func draws(s Streams, name string, n int) []uint64 {
	r := s.Rand(name)
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64()
	}
	return out
}

func TestStreamsAreReproducibleAndIndependent(t *testing.T) {
	s := NewStreams(7)
	a1 := draws(s, "workload/web/arrivals", 50)
	a2 := draws(NewStreams(7), "workload/web/arrivals", 50)
	if !slices.Equal(a1, a2) {
		t.Fatal("same seed and name gave different sequences")
	}
	// Drawing from another stream in between changes nothing.
	s2 := NewStreams(7)
	_ = draws(s2, "workload/batch/arrivals", 1000)
	if !slices.Equal(a1, draws(s2, "workload/web/arrivals", 50)) {
		t.Fatal("another stream's draws shifted this stream")
	}
	if slices.Equal(a1, draws(s, "workload/web/durations", 50)) {
		t.Fatal("different names gave the same sequence")
	}
	if slices.Equal(a1, draws(NewStreams(8), "workload/web/arrivals", 50)) {
		t.Fatal("different seeds gave the same sequence")
	}
}

func TestReplicationsAreDerivedNotDrawn(t *testing.T) {
	s := NewStreams(42)
	if s.Replication(3).Seed() != NewStreams(42).Replication(3).Seed() {
		t.Fatal("replication seed not reproducible")
	}
	seen := map[uint64]int{}
	for r := 0; r < 100; r++ {
		seed := s.Replication(r).Seed()
		if prev, ok := seen[seed]; ok {
			t.Fatalf("replications %d and %d share seed %d", prev, r, seed)
		}
		seen[seed] = r
	}
}
