package placement

import (
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// ServiceDefault returns the placement a REPLICA service uses without any
// strategy: prefer the availability zone with the fewest tasks of the
// service, and in it the instances with the fewest (docs/model.md §5.1,
// W-17), that is spread on the zone attribute, then on the instance.
func ServiceDefault(s State) Chain {
	return NewChain(SpreadAttribute("ecs.availability-zone", s), SpreadInstance())
}

// StopRanker is implemented by strategies that order tasks for service
// scale-in themselves. For other strategies the scale-in rank is the
// negation of the placement rank of the task's instance: the task is stopped
// where the strategy would least like to place.
type StopRanker interface {
	// StopRank returns t's rank for being stopped: the lower, the sooner.
	StopRank(t *cluster.Task, in *cluster.Instance, r *Request, s State) int64
}

// StopRank: binpack stops the task whose instance keeps the most free
// resources after the stop (§5.3, [strategies]).
func (b binpack) StopRank(t *cluster.Task, in *cluster.Instance, _ *Request, _ State) int64 {
	return -(b.dim.free(in) + b.dim.need(t.Req()))
}

// StopRank: spread stops from the instance with the most of the service's
// tasks (§6.2).
func (sp spreadInstance) StopRank(_ *cluster.Task, in *cluster.Instance, r *Request, _ State) int64 {
	return -int64(in.GroupCount(r.Group))
}

// StopRank: spread on an attribute stops from the value (zone) with the most
// of the service's tasks, keeping the spread balanced (§6.2, W-16).
func (sp spreadAttribute) StopRank(_ *cluster.Task, in *cluster.Instance, r *Request, s State) int64 {
	return -int64(s.SpreadCount(r.Group, sp.attr, in.AttrValue(sp.attr)))
}

// ChooseTaskToStop picks which of a service's tasks to stop on scale-in
// (docs/model.md §6.2): tasks not yet on an instance (PROVISIONING) first,
// as they hold nothing [INF]; then by the request's chain in scale-in order
// (binpack: the instance that keeps the most free; spread: the value or
// instance with the most tasks of the service); ties at random. Without a
// strategy pass ServiceDefault, which gives ECS's rule: the zone with the
// most tasks, then the instance with the most. It returns nil when tasks is
// empty. Call it once per task to stop, stopping each before the next call,
// so the counts reflect the stops already made.
func (p *Placer) ChooseTaskToStop(tasks []*cluster.Task, r *Request) *cluster.Task {
	var unplaced []*cluster.Task
	for _, t := range tasks {
		if t.Instance == cluster.NoInstance {
			unplaced = append(unplaced, t)
		}
	}
	if len(unplaced) > 0 {
		return unplaced[p.rng.IntN(len(unplaced))]
	}
	insts := p.c.Instances()
	chain := r.Chain.strategies
	rank := make([]int64, len(chain))
	best := make([]int64, len(chain))
	var ties []*cluster.Task
	for _, t := range tasks {
		in := insts[t.Instance]
		for k, s := range chain {
			if sr, ok := s.(StopRanker); ok {
				rank[k] = sr.StopRank(t, in, r, p.c)
			} else {
				rank[k] = -s.Rank(in, r, p.c)
			}
		}
		switch c := slices.Compare(rank, best); {
		case len(ties) == 0 || c < 0:
			copy(best, rank)
			ties = append(ties[:0], t)
		case c == 0:
			ties = append(ties, t)
		}
	}
	if len(ties) == 0 {
		return nil
	}
	slices.SortFunc(ties, func(a, b *cluster.Task) int { return int(a.Seq - b.Seq) })
	return ties[p.rng.IntN(len(ties))]
}
