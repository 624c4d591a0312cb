// Package fargate is Fargate capacity as a controller (docs/model.md §5.1,
// §8.1, §9.2): how long a task waits for task-sized capacity, the
// Availability Zone it gets, and when a FARGATE_SPOT task is interrupted.
// It keeps its own state (the zone counts of each task group, its random
// streams); the world asks it, applies its answers and emits the records.
package fargate

import (
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/workloads"
)

// Config is Fargate capacity for a run.
type Config struct {
	// Zones are the cluster's Availability Zones.
	Zones []string
	// ProvisioningDelay samples the seconds a task waits for capacity.
	ProvisioningDelay workloads.Sampler
	// SpotInterruptionsPerHour is the rate at which FARGATE_SPOT tasks are
	// interrupted, per task-hour (0: never; AWS publishes no rate).
	SpotInterruptionsPerHour float64
	// Zone breaks ties between zones; Interrupt draws the time to an
	// interruption.
	Zone, Interrupt *rand.Rand
}

// Capacity is Fargate capacity during a run.
type Capacity struct {
	cfg Config
	// counts[group][zone] is the number of the group's Fargate tasks in
	// each zone, PENDING or RUNNING.
	counts [][]int32
}

// New returns the capacity of cfg.
func New(cfg Config) *Capacity { return &Capacity{cfg: cfg} }

// ProvisioningDelay returns how long the next task waits for capacity.
func (c *Capacity) ProvisioningDelay() time.Duration {
	return sim.Seconds(c.cfg.ProvisioningDelay.Rand())
}

// Place chooses the zone of a task of group g whose capacity is ready:
// the zone up with the fewest of the group's tasks, ties broken uniformly
// at random (ECS spreads a service's Fargate tasks across zones, §5.1), and
// counts the task there. down reports a zone that is out (an outage).
//
// Example: a group with 2, 1, 1 tasks in zones a, b, c goes to b or c, each
// with probability 1/2.
func (c *Capacity) Place(g int, down func(zone string) bool) int {
	for g >= len(c.counts) {
		c.counts = append(c.counts, nil)
	}
	if c.counts[g] == nil {
		c.counts[g] = make([]int32, len(c.cfg.Zones))
	}
	counts := c.counts[g]
	best, ties := int32(-1), 0
	zone := 0
	for z, n := range counts {
		if down(c.cfg.Zones[z]) {
			continue
		}
		switch {
		case best < 0 || n < best:
			best, ties, zone = n, 1, z
		case n == best:
			// Reservoir choice: each tied zone is kept with probability 1/ties.
			ties++
			if c.cfg.Zone.IntN(ties) == 0 {
				zone = z
			}
		}
	}
	counts[zone]++
	return zone
}

// Release uncounts a task of group g that left zone.
func (c *Capacity) Release(g, zone int) { c.counts[g][zone]-- }

// Interruption returns after how long a FARGATE_SPOT task just placed gets
// its interruption notice; ok is false when the run interrupts none.
// Interruptions arrive at a constant rate, so the time to the next one is
// exponential (a modelling choice, §8.1).
func (c *Capacity) Interruption() (after time.Duration, ok bool) {
	rate := c.cfg.SpotInterruptionsPerHour
	if !(rate > 0) {
		return 0, false
	}
	return sim.Seconds(c.cfg.Interrupt.ExpFloat64() / rate * 3600), true
}
