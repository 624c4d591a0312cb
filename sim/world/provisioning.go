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
// was when it failed), so a pass tries it only when it fits one of those
// instances: a pass costs a resource check per class and grown instance and
// a placement per task it places, not a placement per waiting task.

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
	fifo     []queuedAt
	head     int
	count    int  // its tasks PROVISIONING
	seen     bool // it has had a task: an empty class is counted in provQueue.empty
}

// queuedAt is a queued task and its place in submission order.
type queuedAt struct {
	queued
	seq uint64
}

// classKey identifies a class: the request and the size.
type classKey struct {
	r   *placement.Request
	req *cluster.Requirements
}

// provQueue holds the classes and what changed since the last pass.
type provQueue struct {
	// classes are the classes whose constraints are all static, by the
	// CPU their tasks need (so a pass stops at the first too big for every
	// grown instance); dynamic are the others, tried whenever their
	// provider's capacity grew.
	classes []*provClass
	dynamic []*provClass
	byKey   map[classKey]*provClass
	seq     uint64
	dirty   []bool               // by provider: capacity grew since the last pass
	grown   []cluster.InstanceID // the instances whose capacity grew
	isGrown map[cluster.InstanceID]bool
	next    []cluster.InstanceID // scratch: the grown instances of this pass
	cands   []*provClass         // scratch: the candidates of this pass
	empty   int                  // classes in the lists with no task, dropped now and then
	roomCPU []int64              // by provider: the most CPU free on a grown instance
	roomMem []int64              // by provider: the most memory free on a grown instance
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
		c = &provClass{key: k, provider: int(t.Provider), static: allStatic(k.r)}
		w.prov.byKey[k] = c
		if !c.static {
			w.prov.dynamic = append(w.prov.dynamic, c)
			return c
		}
		cs := w.prov.classes
		i, _ := slices.BinarySearchFunc(cs, k.req.CPU, func(x *provClass, cpu int64) int { return compareInt(x.key.req.CPU, cpu) })
		w.prov.classes = slices.Insert(cs, i, c)
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
	c.fifo = append(c.fifo, queuedAt{queued{t.ID, t.Gen}, w.prov.seq})
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
	w.counted(w.class(t), -1)
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

// retryProvisioning places waiting tasks, oldest first, on the providers
// whose capacity grew. One scan of the classes picks those that may place
// now (the candidates); then, while one can, the candidate with the oldest
// task places it. A class leaves the candidates at its first failure, when
// its size no longer fits where capacity grew, or when it runs out of
// tasks.
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
	q.cands = w.candidates(dirty, q.cands[:0])
	for {
		i := w.oldestCandidate()
		if i < 0 {
			break
		}
		c := q.cands[i]
		t := w.c.Task(c.fifo[c.head].id)
		in := w.placer.Place(w.taskRequest(t))
		if in == nil {
			q.cands = slices.Delete(q.cands, i, i+1)
			continue
		}
		c.pop()
		w.counted(c, -1)
		w.providers[t.Provider].provisioning--
		w.placeOwned(t, in)
		if _, ok := c.front(w); !ok {
			q.cands = slices.Delete(q.cands, i, i+1)
		}
	}
	clear(q.cands)
}

// candidates appends to out the classes that may place now, dropping the
// classes left empty on the way: the dynamic ones whose provider's
// capacity grew, and the static ones that fit a grown instance, found in
// order of CPU up to the largest CPU free on one.
func (w *World) candidates(dirty []bool, out []*provClass) []*provClass {
	q := &w.prov
	most := w.room()
	q.dynamic = w.scan(q.dynamic, len(q.dynamic), func(c *provClass) bool { return dirty[c.provider] }, &out)
	end, _ := slices.BinarySearchFunc(q.classes, most+1, func(x *provClass, cpu int64) int { return compareInt(x.key.req.CPU, cpu) })
	may := func(c *provClass) bool {
		return dirty[c.provider] && c.key.req.CPU <= q.roomCPU[c.provider] && c.key.req.MemoryMiB <= q.roomMem[c.provider] && w.fitsGrown(c)
	}
	if w.tryAll {
		end, may = len(q.classes), func(c *provClass) bool { return dirty[c.provider] }
	}
	q.classes = w.scan(q.classes, end, may, &out)
	return out
}

// scan looks at the first n classes of cs, appending to out those for
// which may holds, and returns cs without the empty ones it met.
func (w *World) scan(cs []*provClass, n int, may func(*provClass) bool, out *[]*provClass) []*provClass {
	keep := cs[:0]
	for i, c := range cs {
		if i >= n {
			keep = append(keep, cs[i:]...)
			break
		}
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

// room computes, per provider, the most CPU and memory free on one of its
// grown instances, and returns the most CPU over all of them.
func (w *World) room() int64 {
	q := &w.prov
	if len(q.roomCPU) != len(w.providers) {
		q.roomCPU, q.roomMem = make([]int64, len(w.providers)), make([]int64, len(w.providers))
	}
	clear(q.roomCPU)
	clear(q.roomMem)
	most := int64(0)
	for _, id := range q.next {
		in := w.c.Instance(id)
		if in.Provider < 0 {
			continue
		}
		free := in.Registered.Sub(in.Reserved)
		q.roomCPU[in.Provider] = max(q.roomCPU[in.Provider], free.CPU)
		q.roomMem[in.Provider] = max(q.roomMem[in.Provider], free.MemoryMiB)
		most = max(most, free.CPU)
	}
	return most
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// oldestCandidate returns the index of the candidate with the oldest task,
// dropping those whose size no longer fits where capacity grew; -1 when
// none is left.
func (w *World) oldestCandidate() int {
	q := &w.prov
	best, bestSeq := -1, uint64(0)
	keep := q.cands[:0]
	for _, c := range q.cands {
		front, ok := c.front(w)
		if !ok || c.static && !w.tryAll && !w.fitsGrown(c) {
			continue
		}
		if best < 0 || front.seq < bestSeq {
			best, bestSeq = len(keep), front.seq
		}
		keep = append(keep, c)
	}
	clear(q.cands[len(keep):])
	q.cands = keep
	return best
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
		q.groups = append(q.groups, autoscaling.TaskGroup{Req: c.key.req, PerInstance: perInstance(c.key.r), Count: c.count})
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
