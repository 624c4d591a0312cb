package sim

import (
	"fmt"
	"time"
)

// Priority orders events that fall on the same instant: lower runs first.
// The world chooses the values on purpose (for example, task stops before
// placements before metric sampling); within one priority, events run in the
// order they were scheduled.
type Priority uint8

// Handle identifies a scheduled event so that it can be cancelled. The zero
// Handle refers to no event.
type Handle struct {
	slot uint32 // index into Loop.slots, plus one (0 means none)
	gen  uint32 // generation of the slot when the event was scheduled
}

// Valid reports whether h was returned by At or After (it may since have run
// or been cancelled).
func (h Handle) Valid() bool { return h.slot != 0 }

// entry is one queued event. key packs the priority into the top 8 bits and
// the scheduling sequence number into the low 56, so one integer compare
// orders same-instant events.
type entry[E any] struct {
	at   Time
	key  uint64
	slot uint32
	ev   E
}

type slotState struct {
	gen  uint32
	live bool
}

// Loop is a discrete-event queue over events of type E, stored by value in a
// hand-written binary heap ordered by (time, priority, sequence). Scheduling
// and popping allocate nothing once the heap and slot table have grown to the
// run's peak size. Cancelled events stay in the heap and are skipped when they
// reach the top (lazy deletion), which keeps every swap free of bookkeeping.
//
// A Loop is not safe for concurrent use; one simulation runs on one goroutine.
type Loop[E any] struct {
	now   Time
	seq   uint64
	heap  []entry[E]
	slots []slotState
	free  []uint32
	live  int
	// stop asks the RunUntil in progress to return (Stop).
	stop bool
}

const seqMask = 1<<56 - 1

// NewLoop returns an empty loop at t = 0 with room for capacity pending events.
func NewLoop[E any](capacity int) *Loop[E] {
	return &Loop[E]{
		heap:  make([]entry[E], 0, capacity),
		slots: make([]slotState, 0, capacity),
	}
}

// Now returns the current simulated time: the time of the last event popped,
// or the end passed to RunUntil.
func (l *Loop[E]) Now() Time { return l.now }

// Pending returns the number of scheduled events that have neither run nor
// been cancelled.
func (l *Loop[E]) Pending() int { return l.live }

// At schedules ev at time t with priority p and returns its handle.
// It panics if t is before Now: simulated time never runs backwards.
func (l *Loop[E]) At(t Time, p Priority, ev E) Handle {
	if t < l.now {
		panic(fmt.Sprintf("sim: event at %v is before now %v", t, l.now))
	}
	var s uint32
	if n := len(l.free); n > 0 {
		s = l.free[n-1]
		l.free = l.free[:n-1]
		l.slots[s].live = true
	} else {
		s = uint32(len(l.slots))
		l.slots = append(l.slots, slotState{live: true})
	}
	l.seq++
	l.live++
	l.push(entry[E]{at: t, key: uint64(p)<<56 | l.seq&seqMask, slot: s, ev: ev})
	return Handle{slot: s + 1, gen: l.slots[s].gen}
}

// After schedules ev d after Now. It panics if d is negative.
func (l *Loop[E]) After(d time.Duration, p Priority, ev E) Handle {
	if d < 0 {
		panic(fmt.Sprintf("sim: negative delay %v", d))
	}
	return l.At(l.now+Time(d), p, ev)
}

// Cancel removes the event h refers to from the queue. It reports whether the
// event was still pending; cancelling an event that already ran, was already
// cancelled, or the zero Handle is a no-op that returns false.
func (l *Loop[E]) Cancel(h Handle) bool {
	if h.slot == 0 || int(h.slot) > len(l.slots) {
		return false
	}
	st := &l.slots[h.slot-1]
	if st.gen != h.gen || !st.live {
		return false
	}
	st.live = false
	l.live--
	return true
}

// Peek returns the time of the next pending event without running it.
func (l *Loop[E]) Peek() (Time, bool) {
	for len(l.heap) > 0 {
		top := &l.heap[0]
		if l.slots[top.slot].live {
			return top.at, true
		}
		l.release(l.pop().slot)
	}
	return 0, false
}

// Next pops the next pending event, advances Now to its time and returns it;
// ok is false when the queue is empty.
func (l *Loop[E]) Next() (ev E, ok bool) {
	for len(l.heap) > 0 {
		e := l.pop()
		st := &l.slots[e.slot]
		wasLive := st.live
		l.release(e.slot)
		if !wasLive {
			continue
		}
		l.live--
		l.now = e.at
		return e.ev, true
	}
	return ev, false
}

// RunUntil pops and hands to handle every event due at or before end, in
// order, then sets Now to end (if end is later). Events that handle schedules
// at or before end run in the same call. It returns the number of events run.
//
// Stop, called from handle, makes RunUntil return after that event, leaving
// Now at its time and the later events queued.
func (l *Loop[E]) RunUntil(end Time, handle func(E)) int {
	n := 0
	for {
		if l.stop {
			l.stop = false
			return n
		}
		t, ok := l.Peek()
		if !ok || t > end {
			break
		}
		ev, _ := l.Next()
		handle(ev)
		n++
	}
	if end > l.now {
		l.now = end
	}
	return n
}

// Stop makes the RunUntil in progress return once the event being handled
// is done (an interrupted run).
func (l *Loop[E]) Stop() { l.stop = true }

// release returns a slot to the free list and bumps its generation so stale
// handles no longer match.
func (l *Loop[E]) release(s uint32) {
	st := &l.slots[s]
	st.live = false
	st.gen++
	l.free = append(l.free, s)
}

func less[E any](a, b *entry[E]) bool {
	return a.at < b.at || (a.at == b.at && a.key < b.key)
}

func (l *Loop[E]) push(e entry[E]) {
	l.heap = append(l.heap, e)
	h := l.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !less(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

func (l *Loop[E]) pop() entry[E] {
	h := l.heap
	top := h[0]
	n := len(h) - 1
	last := h[n]
	var zero entry[E]
	h[n] = zero
	h = h[:n]
	l.heap = h
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if r := c + 1; r < n && less(&h[r], &h[c]) {
			c = r
		}
		if !less(&h[c], &last) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = last
	return top
}
