package world

import (
	"slices"

	"github.com/ecsim/ecsim/autoscaling"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// The PROVISIONING queue (docs/model.md §7.2, §14.8). Tasks wait in
// classes: the tasks of one class share their placement request (launcher
// and capacity provider) and their size, so they fit exactly the same
// instances; within a class they wait in submission order. When capacity
// grows (a task stops, an instance registers or reconnects) a retry pass
// places waiting tasks oldest first; a task that does not fit does not
// hold back the younger ones behind it, and once a class fails in a pass
// its younger tasks are not tried in it.
//
// A class whose constraints are all static can fit now only on an instance
// whose capacity grew since its last failure (every other instance is as it
// was when it failed), so a pass looks for the oldest static class that fits
// what is free on a grown instance in a tree of the classes' fronts
// (frontTree), which skips the classes too big for it: a pass costs a few
// tree searches per task it places, not a look at every waiting class.
// Classes with a dynamic constraint are tried whenever their provider's
// capacity grew.

// queued is a PROVISIONING task waiting for capacity.
type queued struct {
	id  cluster.TaskID
	gen uint32
}

// provClass is one class of PROVISIONING tasks.
type provClass struct {
	key      classKey
	provider int
	static   bool // all of its request's constraints are static
	perTask  int  // 1 with a distinctInstance constraint, for the estimator
	fifo     []queuedAt
	head     int
	count    int   // its tasks PROVISIONING
	seen     bool  // it has had a task: an empty class is counted in provQueue.empty
	pos      int32 // static: the tree position of its front, -1 if none is active
	aside    bool  // static: it failed in this pass, its front is not active
}

// queuedAt is a queued task, its place in submission order and, for a
// static class, its tree position.
type queuedAt struct {
	queued
	seq uint64
	pos int32
}

// classKey identifies a class: the request and the size.
type classKey struct {
	r   *placement.Request
	req *cluster.Requirements
}

// provQueue holds the classes and what changed since the last pass.
type provQueue struct {
	// classes are the classes whose constraints are all static, whose
	// fronts the tree holds; dynamic are the others, tried whenever their
	// provider's capacity grew.
	classes []*provClass
	dynamic []*provClass
	byKey   map[classKey]*provClass
	tree    frontTree
	seq     uint64
	dirty   []bool               // by provider: capacity grew since the last pass
	grown   []cluster.InstanceID // the instances whose capacity grew
	isGrown map[cluster.InstanceID]bool
	next    []cluster.InstanceID // scratch: the grown instances of this pass
	rooms   []room               // scratch: what is free on them
	cands   []*provClass         // scratch: the dynamic candidates of this pass
	aside   []*provClass         // scratch: the static classes that failed in this pass
	empty   int                  // classes in the lists with no task, dropped now and then
	inPass  bool                 // a retry pass is under way
	sorted  []heapItem           // scratch for provisioningGroups
	groups  []autoscaling.TaskGroup
	reqs    []*placement.Request
}

// front returns the oldest task of c still PROVISIONING, dropping those
// that left the queue (stopped or cancelled).
func (c *provClass) front(w *World) (queuedAt, bool) {
	for c.head < len(c.fifo) {
		q := c.fifo[c.head]
		if t := w.c.Task(q.id); t.Gen == q.gen && t.State == cluster.Provisioning {
			return q, true
		}
		c.head++
	}
	c.fifo, c.head = c.fifo[:0], 0
	return queuedAt{}, false
}

// pop removes the front task, keeping the slice from growing without end.
func (c *provClass) pop() {
	c.head++
	if c.head >= 64 && 2*c.head >= len(c.fifo) {
		n := copy(c.fifo, c.fifo[c.head:])
		c.fifo, c.head = c.fifo[:n], 0
	}
}

// class returns t's class, creating it.
func (w *World) class(t *cluster.Task) *provClass {
	k := classKey{w.requestOf(t), t.Req()}
	c, ok := w.prov.byKey[k]
	if !ok {
		c = &provClass{key: k, provider: int(t.Provider), static: allStatic(k.r), perTask: perInstance(k.r), pos: -1}
		w.prov.byKey[k] = c
		if c.static {
			w.prov.classes = append(w.prov.classes, c)
		} else {
			w.prov.dynamic = append(w.prov.dynamic, c)
		}
	}
	return c
}

// allStatic reports whether every constraint of r is static.
func allStatic(r *placement.Request) bool {
	for _, c := range r.Constraints {
		if !placement.IsStatic(c) {
			return false
		}
	}
	return true
}

// provision makes t wait for capacity: PROVISIONING, in submission order.
func (w *World) provision(t *cluster.Task) {
	c := w.class(t)
	w.prov.seq++
	q := queuedAt{queued{t.ID, t.Gen}, w.prov.seq, -1}
	if c.static {
		q.pos = w.position()
	}
	c.fifo = append(c.fifo, q)
	if c.static && c.pos < 0 {
		w.refront(c)
	}
	w.counted(c, 1)
	w.providers[t.Provider].provisioning++
	e := w.emit(record.TaskProvisioning)
	w.taskFields(e, t)
	e.Provider, e.Reason = w.providers[t.Provider].cfg.Name, string(w.placer.Explain(w.taskRequest(t)))
	w.publish()
}

// unprovision counts out a PROVISIONING task that stops (cancelled).
func (w *World) unprovision(t *cluster.Task) {
	w.providers[t.Provider].provisioning--
	c := w.class(t)
	w.counted(c, -1)
	if c.static {
		w.refront(c) // it may have been the oldest: the tree moves on
	}
}

// counted adds d to c's tasks, keeping count of the classes left empty and
// dropping them from the lists when they are more than half.
func (w *World) counted(c *provClass, d int) {
	q := &w.prov
	switch {
	case c.count == 0 && d > 0 && c.seen:
		q.empty--
	case c.count+d == 0:
		q.empty++
	}
	c.count += d
	c.seen = true
	if q.empty > 64 && 2*q.empty > len(q.classes)+len(q.dynamic) {
		drop := func(c *provClass) bool {
			if c.count == 0 {
				delete(q.byKey, c.key)
				return true
			}
			return false
		}
		q.classes = slices.DeleteFunc(q.classes, drop)
		q.dynamic = slices.DeleteFunc(q.dynamic, drop)
		q.empty = 0
	}
}

// capacityChanged notes that in's capacity grew (it registered, a task on
// it stopped, its agent reconnected) and schedules a retry of the
// PROVISIONING tasks of its provider, once per instant (docs/model.md
// §14).
func (w *World) capacityChanged(in *cluster.Instance) {
	w.servicesCapacityChanged()
	p := in.Provider
	if p < 0 || w.providers[p].cfg.ASG == nil {
		return
	}
	pr := w.providers[p]
	if pr.group.Excess() {
		w.reconcile(pr, "scale-in: instance emptied")
	}
	if pr.provisioning == 0 {
		return
	}
	w.prov.dirty[p] = true
	if !w.prov.isGrown[in.ID] {
		w.prov.isGrown[in.ID] = true
		w.prov.grown = append(w.prov.grown, in.ID)
	}
	if !w.retryScheduled {
		w.retryScheduled = true
		w.loop.After(w.cfg.Model.ProvisioningRetryDelay, prioRetry, event{kind: evRetry})
	}
}

// position hands out the tree position of a task of a static class,
// renumbering the waiting tasks when the tree is full.
func (w *World) position() int32 {
	if w.prov.tree.full() {
		w.reshape()
	}
	return w.prov.tree.next()
}

// reshape renumbers the waiting tasks of the static classes 0, 1, ... in
// submission order into a tree with room for as many again.
func (w *World) reshape() {
	q := &w.prov
	type entry struct {
		c *provClass
		i int
	}
	var live []entry
	for _, c := range q.classes {
		for i := c.head; i < len(c.fifo); i++ {
			live = append(live, entry{c, i})
		}
	}
	slices.SortFunc(live, func(a, b entry) int { return compareSeq(a.c.fifo[a.i].seq, b.c.fifo[b.i].seq) })
	size := 1024
	for size < 2*len(live)+1 {
		size *= 2
	}
	q.tree.reset(size)
	for _, e := range live {
		e.c.fifo[e.i].pos = q.tree.next()
	}
	for _, c := range q.classes {
		c.pos = -1
		w.refront(c)
	}
}

// scan appends to out the classes of cs for which may holds, and returns
// cs without the empty ones it met.
func (w *World) scan(cs []*provClass, may func(*provClass) bool, out *[]*provClass) []*provClass {
	keep := cs[:0]
	for _, c := range cs {
		if c.count == 0 {
			delete(w.prov.byKey, c.key)
			w.prov.empty--
			continue
		}
		keep = append(keep, c)
		if may(c) {
			*out = append(*out, c) // count > 0: it has a task PROVISIONING
		}
	}
	clear(cs[len(keep):])
	return keep
}

// provisioningGroups groups p's PROVISIONING tasks by request and size, in
// the order of each group's oldest task (§1.3 step 2).
func (w *World) provisioningGroups(p *providerRun) []autoscaling.TaskGroup {
	q := &w.prov
	q.groups = q.groups[:0]
	if p.provisioning == 0 {
		return nil
	}
	q.sorted = q.sorted[:0]
	for _, cs := range [][]*provClass{q.classes, q.dynamic} {
		for _, c := range cs {
			if c.provider == p.idx && c.count > 0 {
				if front, ok := c.front(w); ok {
					q.sorted = append(q.sorted, heapItem{c, front.seq})
				}
			}
		}
	}
	slices.SortFunc(q.sorted, func(a, b heapItem) int { return compareSeq(a.seq, b.seq) })
	for _, it := range q.sorted {
		c := it.c
		q.groups = append(q.groups, autoscaling.TaskGroup{Req: c.key.req, PerInstance: c.perTask, Count: c.count})
	}
	return q.groups
}

func compareSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// heapItem is a class and the submission order of its oldest task.
type heapItem struct {
	c   *provClass
	seq uint64
}
