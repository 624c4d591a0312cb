package main

import (
	"math/rand/v2"
)

// bareWork is what the bare reference loop simulates: tasks arriving as a
// Poisson process, each running an exponential time, placed by best fit on
// free memory.
type bareWork struct {
	instances     int
	memoryMiB     int // per instance
	tasks         int
	ratePerSecond float64
	meanSeconds   float64
	taskMiB       int
}

// bareEvent is a departure in the bare loop's heap.
type bareEvent struct {
	at       float64
	instance int32
}

// departures is a binary min-heap of departures by time.
type departures []bareEvent

func (h *departures) push(e bareEvent) {
	*h = append(*h, e)
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if q[p].at <= q[i].at {
			break
		}
		q[p], q[i], i = q[i], q[p], p
	}
}

func (h *departures) pop() bareEvent {
	q := *h
	top, n := q[0], len(q)-1
	q[0] = q[n]
	q = q[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && q[c+1].at < q[c].at {
			c++
		}
		if q[i].at <= q[c].at {
			break
		}
		q[i], q[c], i = q[c], q[i], c
	}
	*h = q
	return top
}

// slotLevels lists, for every number of free task slots, the instances
// that have it: best fit takes an instance of the lowest non-empty level.
type slotLevels struct {
	level [][]int32
	free  []int // by instance
	at    []int // by instance: its index in its level's list
}

func newSlotLevels(instances, slots int) *slotLevels {
	l := &slotLevels{level: make([][]int32, slots+1), free: make([]int, instances), at: make([]int, instances)}
	for i := range instances {
		l.free[i], l.at[i] = slots, len(l.level[slots])
		l.level[slots] = append(l.level[slots], int32(i))
	}
	return l
}

// move gives instance i to free slots.
func (l *slotLevels) move(i int32, to int) {
	from := l.level[l.free[i]]
	last := from[len(from)-1]
	from[l.at[i]], l.at[last] = last, l.at[i]
	l.level[l.free[i]] = from[:len(from)-1]
	l.free[i], l.at[i] = to, len(l.level[to])
	l.level[to] = append(l.level[to], i)
}

// bareLoop is the reference the ratios are taken against: the least a
// discrete-event simulator of this load must do — a binary heap of
// departures and a bucketed best fit on free memory — and nothing else (no
// events, samples, constraints, strategies or outputs). It returns the
// tasks placed, so the work cannot be optimized away.
func bareLoop(w bareWork, seed uint64) int {
	r := rand.New(rand.NewPCG(seed, 1))
	slots := w.memoryMiB / w.taskMiB
	l := newSlotLevels(w.instances, slots)
	var h departures
	placed, now := 0, 0.0
	for n := 0; n < w.tasks; n++ {
		now += r.ExpFloat64() / w.ratePerSecond
		for len(h) > 0 && h[0].at <= now {
			e := h.pop()
			l.move(e.instance, l.free[e.instance]+1)
		}
		for k := 1; k <= slots; k++ { // best fit: the fewest free slots that fit
			if lv := l.level[k]; len(lv) > 0 {
				i := lv[len(lv)-1]
				l.move(i, k-1)
				h.push(bareEvent{at: now + r.ExpFloat64()*w.meanSeconds, instance: i})
				placed++
				break
			}
		}
	}
	return placed
}
