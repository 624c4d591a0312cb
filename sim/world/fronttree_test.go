package world

import (
	"math/rand/v2"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

func sized(cpu, mem int64) *provClass {
	return &provClass{key: classKey{req: &cluster.Requirements{Resources: cluster.Resources{CPU: cpu, MemoryMiB: mem}}}}
}

// TestFrontTreeExample is the worked example of frontTree's doc comment.
func TestFrontTreeExample(t *testing.T) {
	var tr frontTree
	tr.reset(8)
	for range 6 {
		tr.next()
	}
	tr.activate(0, sized(4096, 8192))
	tr.activate(3, sized(1024, 1024))
	tr.activate(5, sized(2048, 512))
	if got := tr.first([]room{{2048, 4096}}); got != 3 {
		t.Fatalf("first = %d, want 3", got)
	}
	tr.deactivate(3)
	if got := tr.first([]room{{2048, 4096}}); got != 5 {
		t.Fatalf("after 3 leaves: first = %d, want 5", got)
	}
	if got := tr.first([]room{{1024, 8192}}); got != -1 {
		t.Fatalf("nothing fits 1024 CPU: first = %d, want -1", got)
	}
	if got := tr.first(nil); got != -1 {
		t.Fatalf("no room: first = %d, want -1", got)
	}
}

// TestFrontTreeIsTheScan holds the tree's search to a scan of the
// positions in order, on random fronts and rooms.
func TestFrontTreeIsTheScan(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 1))
	for trial := range 200 {
		var tr frontTree
		tr.reset(64)
		need := make([]*provClass, 64)
		for i := range 64 {
			tr.next()
			if r.IntN(3) > 0 {
				need[i] = sized(r.Int64N(4096)+1, r.Int64N(8192)+1)
				tr.activate(int32(i), need[i])
			}
		}
		rooms := make([]room, r.IntN(3))
		for k := range rooms {
			rooms[k] = room{r.Int64N(4096), r.Int64N(8192)}
		}
		want := int32(-1)
		for i, c := range need {
			if c != nil && fitsAny(c.key.req.CPU, c.key.req.MemoryMiB, rooms) {
				want = int32(i)
				break
			}
		}
		if got := tr.first(rooms); got != want {
			t.Fatalf("trial %d: first = %d, scan = %d", trial, got, want)
		}
	}
}
