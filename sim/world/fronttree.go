package world

import "math"

// frontTree finds the oldest waiting class that fits the room capacity
// left where it grew, without looking at the classes that do not (issue
// 13: a retry pass costs work proportional to what it places, not to the
// length of the queue).
//
// Every PROVISIONING task of a static class has a position, handed out in
// submission order; the position of its class's oldest task (its front) is
// active and holds the CPU and memory the class needs. The tree is a
// segment tree over the positions whose nodes hold the least CPU and the
// least memory of the active positions below them, so a subtree in which no
// room has both that much CPU and that much memory free holds no class that
// fits, and the search for the leftmost position that fits skips it.
//
// Example: fronts at positions 0 (4096 CPU, 8192 MiB), 3 (1024, 1024) and
// 5 (2048, 512), and one room of 2048 CPU / 4096 MiB: the left half {0..3}
// holds least CPU 1024 and least memory 1024, so the search descends, skips
// position 0 (too much CPU) and returns 3, never looking at 4..7.
type frontTree struct {
	cpu, mem []int64      // node 1 is the root; leaf of position i is size+i
	who      []*provClass // by position: the class whose front it is, nil if inactive
	size     int          // leaves (a power of two)
	n        int          // positions handed out
}

// room is the CPU and memory free on an instance whose capacity grew.
type room struct{ cpu, mem int64 }

const noNeed = math.MaxInt64 // an inactive leaf: fits no room

// reset makes a tree of size leaves, all inactive.
func (t *frontTree) reset(size int) {
	t.size, t.n = size, 0
	t.cpu, t.mem = make([]int64, 2*size), make([]int64, 2*size)
	t.who = make([]*provClass, size)
	for i := range t.cpu {
		t.cpu[i], t.mem[i] = noNeed, noNeed
	}
}

// full reports whether every position has been handed out.
func (t *frontTree) full() bool { return t.n == t.size }

// next hands out the next position (inactive); the tree must not be full.
func (t *frontTree) next() int32 {
	t.n++
	return int32(t.n - 1)
}

// activate makes position i c's front.
func (t *frontTree) activate(i int32, c *provClass) {
	t.who[i] = c
	t.set(int(i), c.key.req.CPU, c.key.req.MemoryMiB)
}

// deactivate makes position i hold no front.
func (t *frontTree) deactivate(i int32) {
	t.who[i] = nil
	t.set(int(i), noNeed, noNeed)
}

func (t *frontTree) set(i int, cpu, mem int64) {
	n := t.size + i
	t.cpu[n], t.mem[n] = cpu, mem
	for n /= 2; n > 0; n /= 2 {
		t.cpu[n], t.mem[n] = min(t.cpu[2*n], t.cpu[2*n+1]), min(t.mem[2*n], t.mem[2*n+1])
	}
}

// first returns the leftmost active position whose class fits one of the
// rooms by CPU and memory, or -1.
func (t *frontTree) first(rooms []room) int32 {
	if len(rooms) == 0 || t.size == 0 {
		return -1
	}
	return t.search(1, rooms)
}

func (t *frontTree) search(n int, rooms []room) int32 {
	if !fitsAny(t.cpu[n], t.mem[n], rooms) {
		return -1
	}
	if n >= t.size {
		return int32(n - t.size)
	}
	if i := t.search(2*n, rooms); i >= 0 {
		return i
	}
	return t.search(2*n+1, rooms)
}

// fitsAny reports whether one of the rooms has cpu and mem free.
func fitsAny(cpu, mem int64, rooms []room) bool {
	for _, r := range rooms {
		if cpu <= r.cpu && mem <= r.mem {
			return true
		}
	}
	return false
}
