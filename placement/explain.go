package placement

import "github.com/ecsim/ecsim/sim/cluster"

// Explain returns why no instance can take the task of r, as the reason ECS
// would give (docs/model.md §5.6). It scans every instance, so call it only
// after Place has failed:
//
//   - MISSING when the cluster (for a capacity provider's task: its Auto
//     Scaling group) has no ACTIVE container instance;
//   - AGENT when every ACTIVE instance has its agent disconnected;
//   - ATTRIBUTE when no schedulable instance meets the placement constraints;
//   - otherwise the resource (RESOURCE:CPU, :MEMORY, :GPU, :PORTS, :ENI) that
//     the most instances meeting the constraints lack, ties going to the
//     earlier in that order. Each instance counts once, for the first resource
//     it lacks in that order.
//
// Explain returns ReasonNone if the task fits somewhere after all. For a
// request whose constraints are all static the answer comes from counts
// kept up to date as instances change (explain_cache.go).
func (p *Placer) Explain(r *Request) Reason {
	if r.plan == nil {
		p.Prepare(r)
	}
	if reason, ok := p.explainCached(r); ok {
		return reason
	}
	return p.explainScan(r)
}

// explainScan is Explain by a scan of every instance.
func (p *Placer) explainScan(r *Request) Reason {
	var active, connected, meets int
	var lacks [len(reasonOrder)]int
	for _, in := range p.c.Instances() {
		if in.Status != cluster.Active || !inScope(in, r) {
			continue
		}
		active++
		if !in.AgentConnected {
			continue
		}
		connected++
		if !p.meetsConstraints(in, r) {
			continue
		}
		meets++
		res := in.Lacks(r.Req)
		if res == cluster.ResourceNone {
			return ReasonNone
		}
		for i, reason := range reasonOrder {
			if reason == resourceReason(res) {
				lacks[i]++
			}
		}
	}
	switch {
	case active == 0:
		return ReasonMissing
	case connected == 0:
		return ReasonAgent
	case meets == 0:
		return ReasonAttribute
	}
	best := 0
	for i := range lacks {
		if lacks[i] > lacks[best] {
			best = i
		}
	}
	return reasonOrder[best]
}

// inScope reports whether in belongs to where the request may place at
// all: its capacity provider's Auto Scaling group, for a task of a
// provider. An empty group is MISSING, not a constraint (ATTRIBUTE) the
// user never wrote.
func inScope(in *cluster.Instance, r *Request) bool {
	for _, c := range r.Constraints {
		if o, ok := c.(onProvider); ok && !o.Check(in, r, nil) {
			return false
		}
	}
	return true
}

func (p *Placer) meetsConstraints(in *cluster.Instance, r *Request) bool {
	for _, c := range r.Constraints {
		if !c.Check(in, r, p.c) {
			return false
		}
	}
	return true
}
