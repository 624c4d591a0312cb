package world

import "slices"

// retryEveryClass is the reference retry pass the tests hold
// retryProvisioning to (TestRetryPassMatchesTryingEveryClass): it tries
// every waiting class of the providers whose capacity grew, oldest task
// first, as if nothing were known about where each class can fit; a class
// that fails leaves the pass.
func (w *World) retryEveryClass(dirty []bool) {
	q := &w.prov
	q.cands = q.cands[:0]
	may := func(c *provClass) bool { return dirty[c.provider] }
	q.dynamic = w.scan(q.dynamic, may, &q.cands)
	q.classes = w.scan(q.classes, may, &q.cands)
	for len(q.cands) > 0 {
		i, bestSeq := -1, uint64(0)
		keep := q.cands[:0]
		for _, c := range q.cands {
			if f, ok := c.front(w); ok {
				if i < 0 || f.seq < bestSeq {
					i, bestSeq = len(keep), f.seq
				}
				keep = append(keep, c)
			}
		}
		clear(q.cands[len(keep):])
		if q.cands = keep; i < 0 {
			break
		}
		c := q.cands[i]
		t := w.c.Task(c.fifo[c.head].id)
		if in := w.placer.Place(w.taskRequest(t)); in != nil {
			w.placeQueued(c, t, in)
			continue
		}
		q.cands = slices.Delete(q.cands, i, i+1)
	}
	clear(q.cands)
}
