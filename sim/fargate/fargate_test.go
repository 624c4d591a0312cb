package fargate

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

type fixed float64

func (f fixed) Rand() float64 { return float64(f) }

func capacity(seed uint64, rate float64) *Capacity {
	return New(Config{Zones: []string{"a", "b", "c"}, ProvisioningDelay: fixed(42.5), SpotInterruptionsPerHour: rate,
		Zone: rand.New(rand.NewPCG(seed, 1)), Interrupt: rand.New(rand.NewPCG(seed, 2))})
}

func none(string) bool { return false }

// TestPlaceSpreadsAcrossZones (docs/model.md §5.1): nine tasks of a group
// go three to each zone; another group counts on its own; a zone that is
// down gets none; a released task's zone is the next choice.
func TestPlaceSpreadsAcrossZones(t *testing.T) {
	c := capacity(1, 0)
	n := [3]int{}
	for range 9 {
		n[c.Place(0, none)]++
	}
	if n != [3]int{3, 3, 3} {
		t.Errorf("group 0 per zone %v, want 3 each", n)
	}
	if z := c.Place(1, func(z string) bool { return z != "b" }); z != 1 {
		t.Errorf("with a and c down, zone %d, want b (1)", z)
	}
	c.Release(0, 2)
	if z := c.Place(0, none); z != 2 {
		t.Errorf("after a release in c, zone %d, want c (2)", z)
	}
}

// TestPlaceBreaksTiesUniformly: the first task of a group goes to each of
// three empty zones a third of the time (3000 draws: 1000 ± 5σ, σ ≈ 25.8).
func TestPlaceBreaksTiesUniformly(t *testing.T) {
	c := capacity(2, 0)
	n := [3]int{}
	for g := range 3000 {
		n[c.Place(g, none)]++
	}
	for z, k := range n {
		if math.Abs(float64(k)-1000) > 5*25.8 {
			t.Errorf("zone %d chosen %d times of 3000", z, k)
		}
	}
}

// TestInterruptionAndDelay: no rate, no interruption; at 2 per task-hour
// the mean time to a notice is 1800 s (20000 draws, standard error 12.7 s);
// the provisioning delay is the sampler's, in seconds.
func TestInterruptionAndDelay(t *testing.T) {
	if _, ok := capacity(3, 0).Interruption(); ok {
		t.Error("an interruption without a rate")
	}
	c := capacity(4, 2)
	sum := 0.0
	for range 20000 {
		d, ok := c.Interruption()
		if !ok {
			t.Fatal("no interruption at rate 2")
		}
		sum += d.Seconds()
	}
	if mean := sum / 20000; math.Abs(mean-1800) > 5*12.7 {
		t.Errorf("mean time to interruption %.1f s, want 1800", mean)
	}
	if d := c.ProvisioningDelay(); d != 42500*time.Millisecond {
		t.Errorf("delay %v, want 42.5s", d)
	}
}
