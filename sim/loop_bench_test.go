package sim

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchEvent is the size of a typical world event (kind, id, generation).
type benchEvent struct {
	kind uint8
	id   int32
	gen  uint32
}

// BenchmarkLoop measures the steady-state cost of one event with a fixed
// number of pending events: each popped event schedules one new event at an
// exponentially distributed delay, as arrival and completion events do.
// Target (README "Performance", issue 2): at least 8M events/s with 1,000 pending
// events and 0 allocations per event.
func BenchmarkLoop(b *testing.B) {
	for _, pending := range []int{1_000, 1_000_000} {
		b.Run(itoa(pending), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 1))
			delays := make([]time.Duration, 4096)
			for i := range delays {
				delays[i] = time.Duration(r.ExpFloat64() * float64(time.Minute))
			}
			l := NewLoop[benchEvent](pending + 1)
			for i := 0; i < pending; i++ {
				l.After(delays[i%len(delays)], Priority(i%3), benchEvent{id: int32(i)})
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e, ok := l.Next()
				if !ok {
					b.Fatal("queue ran dry")
				}
				l.After(delays[i&(len(delays)-1)], Priority(e.kind%3), e)
			}
			b.StopTimer()
			if l.Pending() != pending {
				b.Fatalf("pending = %d, want %d", l.Pending(), pending)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func itoa(n int) string {
	switch {
	case n >= 1_000_000:
		return "pending=1e6"
	case n >= 1_000:
		return "pending=1e3"
	}
	return "pending=small"
}
