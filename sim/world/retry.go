package world

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
)

// The retry pass of the PROVISIONING queue (provisioning.go, docs/model.md
// §14.5).

// retryProvisioning places waiting tasks, oldest first, on the providers
// whose capacity grew: while one can, the class with the oldest task among
// the dynamic ones of those providers and the static ones that fit a grown
// instance places it. A class that fails is set aside for the rest of the
// pass.
func (w *World) retryProvisioning() {
	q := &w.prov
	w.retryScheduled = false
	dirty := slices.Clone(q.dirty) // a change during the pass waits for the next one
	clear(q.dirty)
	q.next = append(q.next[:0], q.grown...)
	for _, id := range q.grown {
		delete(q.isGrown, id)
	}
	q.grown = q.grown[:0]
	if w.tryAll {
		w.retryEveryClass(dirty)
		return
	}
	q.inPass = true
	defer func() { q.inPass = false }()
	q.cands = q.cands[:0]
	q.dynamic = w.scan(q.dynamic, func(c *provClass) bool { return dirty[c.provider] }, &q.cands)
	for {
		w.measureRooms(dirty)
		c := w.oldestCandidate(w.treeFront(dirty))
		if c == nil {
			break
		}
		t := w.c.Task(c.fifo[c.head].id)
		in := w.placer.Place(w.taskRequest(t))
		if in == nil {
			w.drop(c)
			continue
		}
		w.placeQueued(c, t, in)
		if c.static {
			w.refront(c)
		}
	}
	for _, c := range q.aside {
		c.aside = false
		w.refront(c)
	}
	clear(q.aside)
	q.aside = q.aside[:0]
	clear(q.cands)
}

// placeQueued places t, the front of c, on in.
func (w *World) placeQueued(c *provClass, t *cluster.Task, in *cluster.Instance) {
	c.pop()
	w.counted(c, -1)
	w.providers[t.Provider].provisioning--
	w.placeOwned(t, in)
}

// drop takes c out of this pass: a static class is set aside, a dynamic
// one leaves the candidates.
func (w *World) drop(c *provClass) {
	q := &w.prov
	if c.static {
		c.aside = true
		w.refront(c)
		q.aside = append(q.aside, c)
		return
	}
	if i := slices.Index(q.cands, c); i >= 0 {
		q.cands = slices.Delete(q.cands, i, i+1)
	}
}

// refront makes the tree hold c's current front, or none when c is set
// aside or has no task left.
func (w *World) refront(c *provClass) {
	t := &w.prov.tree
	if c.pos >= 0 && t.who[c.pos] == c {
		t.deactivate(c.pos)
	}
	c.pos = -1
	if c.aside {
		return
	}
	if f, ok := c.front(w); ok {
		c.pos = f.pos
		t.activate(f.pos, c)
	}
}

// treeFront returns the static class with the oldest task that fits what
// is free on a grown instance of its provider, or nil.
func (w *World) treeFront(dirty []bool) *provClass {
	q := &w.prov
	for {
		i := q.tree.first(q.rooms)
		if i < 0 {
			return nil
		}
		c := q.tree.who[i]
		if f, ok := c.front(w); !ok || f.pos != i {
			w.refront(c) // its front left the queue (cancelled)
			continue
		}
		if !dirty[c.provider] || !w.fitsGrown(c) {
			w.drop(c) // fits by CPU and memory, not by GPUs, ports or ENIs
			continue
		}
		return c
	}
}

// oldestCandidate returns whichever of s and the dynamic candidates has the
// oldest task, dropping the candidates left without a task; nil when none.
func (w *World) oldestCandidate(s *provClass) *provClass {
	q := &w.prov
	best, bestSeq := s, uint64(0)
	if s != nil {
		f, _ := s.front(w)
		bestSeq = f.seq
	}
	keep := q.cands[:0]
	for _, c := range q.cands {
		front, ok := c.front(w)
		if !ok {
			continue
		}
		if best == nil || front.seq < bestSeq {
			best, bestSeq = c, front.seq
		}
		keep = append(keep, c)
	}
	clear(q.cands[len(keep):])
	q.cands = keep
	return best
}

// measureRooms records what is free on the grown instances of the dirty
// providers, keeping only the rooms no other room holds.
func (w *World) measureRooms(dirty []bool) {
	q := &w.prov
	q.rooms = q.rooms[:0]
	for _, id := range q.next {
		in := w.c.Instance(id)
		if in.Provider < 0 || !dirty[in.Provider] {
			continue
		}
		free := in.Registered.Sub(in.Reserved)
		r := room{free.CPU, free.MemoryMiB}
		if !fitsAny(r.cpu, r.mem, q.rooms) {
			q.rooms = append(q.rooms, r)
		}
	}
}

// fitsGrown reports whether c's size fits one of the instances of its
// provider whose capacity grew.
func (w *World) fitsGrown(c *provClass) bool {
	for _, id := range w.prov.next {
		in := w.c.Instance(id)
		if in.Provider == c.provider && in.Lacks(c.key.req) == cluster.ResourceNone {
			return true
		}
	}
	return false
}

// verifyQueue checks the PROVISIONING queue's bookkeeping (the Checker
// calls it): every class counts the tasks still waiting in it, and, outside
// a retry pass, the tree holds the front of every static class that has
// one, at the front's position.
func (w *World) verifyQueue() error {
	q := &w.prov
	for _, cs := range [][]*provClass{q.classes, q.dynamic} {
		for _, c := range cs {
			live := 0
			for _, e := range c.fifo[c.head:] {
				if t := w.c.Task(e.id); t.Gen == e.gen && t.State == cluster.Provisioning {
					live++
				}
			}
			if live != c.count {
				return fmt.Errorf("PROVISIONING class of %d CPU / %d MiB counts %d tasks, holds %d", c.key.req.CPU, c.key.req.MemoryMiB, c.count, live)
			}
			if !c.static || c.aside || live == 0 || q.inPass || w.tryAll {
				continue
			}
			f, _ := c.front(w)
			if c.pos != f.pos || q.tree.who[f.pos] != c {
				return fmt.Errorf("retry tree holds position %d for a class whose oldest task is at %d", c.pos, f.pos)
			}
		}
	}
	return nil
}
