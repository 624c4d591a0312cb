package placement

import (
	"unsafe"

	"github.com/ecsim/ecsim/sim/cluster"
)

// Explain's counts are kept up to date for the few requests asked about
// most recently whose constraints are all static: each instance's part in
// them (out of scope, ACTIVE, agent connected, meets the constraints, fits
// or lacks a resource) depends only on the instance, so when one changes
// its part is taken out of the counts and put back. Explain then reads the
// counts instead of scanning every instance: a capacity provider's tasks
// going PROVISIONING one after another on a fleet of thousands no longer
// cost a scan each. The answer is the scan's (TestExplainCacheMatchesScan).

// maxExplained bounds the requests whose counts are kept.
const maxExplained = 8

// explainKey identifies what Explain answers for: the constraints (by their
// backing array) and the task's requirements.
type explainKey struct {
	cons unsafe.Pointer
	n    int
	req  *cluster.Requirements
}

// Parts an instance can have in an explanation.
const (
	partNone      uint8 = iota // not ACTIVE, or outside the request's scope
	partActive                 // ACTIVE, agent disconnected
	partConnected              // agent connected, constraints not met
	partFits                   // meets the constraints and fits
	partLacks                  // + i: meets the constraints, first lacks reasonOrder[i]
)

// explained is one request's counts.
type explained struct {
	key                            explainKey
	r                              Request // Req and Constraints
	part                           []uint8 // by instance ID
	active, connected, meets, fits int
	lacks                          [len(reasonOrder)]int
	used                           uint64
}

func keyOf(r *Request) explainKey {
	k := explainKey{n: len(r.Constraints), req: r.Req}
	if k.n > 0 {
		k.cons = unsafe.Pointer(&r.Constraints[0])
	}
	return k
}

// partOf returns in's part in an explanation of r.
func (p *Placer) partOf(in *cluster.Instance, r *Request) uint8 {
	switch {
	case in.Status != cluster.Active || !inScope(in, r):
		return partNone
	case !in.AgentConnected:
		return partActive
	case !p.meetsConstraints(in, r):
		return partConnected
	}
	res := in.Lacks(r.Req)
	if res == cluster.ResourceNone {
		return partFits
	}
	for i, reason := range reasonOrder {
		if reason == resourceReason(res) {
			return partLacks + uint8(i)
		}
	}
	return partConnected // not a resource ECS reports: counted as not meeting
}

// count adds (sign 1) or removes (sign -1) a part.
func (e *explained) count(part uint8, sign int) {
	if part == partNone {
		return
	}
	e.active += sign
	if part == partActive {
		return
	}
	e.connected += sign
	if part == partConnected {
		return
	}
	e.meets += sign
	if part == partFits {
		e.fits += sign
		return
	}
	e.lacks[part-partLacks] += sign
}

// reason is the explanation the counts give (Explain's rule).
func (e *explained) reason() Reason {
	switch {
	case e.fits > 0:
		return ReasonNone
	case e.active == 0:
		return ReasonMissing
	case e.connected == 0:
		return ReasonAgent
	case e.meets == 0:
		return ReasonAttribute
	}
	best := 0
	for i := range e.lacks {
		if e.lacks[i] > e.lacks[best] {
			best = i
		}
	}
	return reasonOrder[best]
}

// explainCached answers Explain from the kept counts of r, building them
// with one scan the first time; ok is false when r has a constraint that
// is not static.
func (p *Placer) explainCached(r *Request) (Reason, bool) {
	for _, c := range r.Constraints {
		if !isStatic(c) {
			return ReasonNone, false
		}
	}
	p.clock++
	k := keyOf(r)
	for _, e := range p.explained {
		if e.key == k {
			e.used = p.clock
			return e.reason(), true
		}
	}
	if !p.askedBefore(k) {
		return p.explainScan(r), true // asked once: not worth keeping counts for
	}
	e := &explained{key: k, r: Request{Req: r.Req, Constraints: r.Constraints}, used: p.clock}
	insts := p.c.Instances()
	e.part = make([]uint8, len(insts))
	for _, in := range insts {
		e.part[in.ID] = p.partOf(in, &e.r)
		e.count(e.part[in.ID], 1)
	}
	if len(p.explained) < maxExplained {
		p.explained = append(p.explained, e)
	} else {
		oldest := 0
		for i, x := range p.explained {
			if x.used < p.explained[oldest].used {
				oldest = i
			}
		}
		p.explained[oldest] = e
	}
	return e.reason(), true
}

// askedBefore reports whether k was among the last requests explained by
// a scan, and records it: counts are kept only for a request asked about
// twice, so the one-off sizes of a sized workload cost a scan, not counts
// to keep up.
func (p *Placer) askedBefore(k explainKey) bool {
	for _, x := range p.scanned {
		if x == k {
			return true
		}
	}
	p.scanned[p.clock%uint64(len(p.scanned))] = k
	return false
}

// explainChanged takes in's old part out of every kept count and puts its
// new part in.
func (p *Placer) explainChanged(in *cluster.Instance) {
	for _, e := range p.explained {
		for int(in.ID) >= len(e.part) {
			e.part = append(e.part, partNone)
		}
		if now := p.partOf(in, &e.r); now != e.part[in.ID] {
			e.count(e.part[in.ID], -1)
			e.count(now, 1)
			e.part[in.ID] = now
		}
	}
}
