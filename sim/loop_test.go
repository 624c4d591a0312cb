package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

type ev struct {
	name string
	at   Time
	p    Priority
	seq  int
}

func TestLoopOrdersByTimePriorityThenSequence(t *testing.T) {
	l := NewLoop[string](4)
	l.At(2*Second, 0, "t2-p0-first")
	l.At(1*Second, 5, "t1-p5")
	l.At(2*Second, 0, "t2-p0-second")
	l.At(1*Second, 1, "t1-p1")
	l.At(2*Second, 0, "t2-p0-third")
	var got []string
	l.RunUntil(10*Second, func(e string) { got = append(got, fmt.Sprintf("%v %s", l.Now(), e)) })
	want := []string{"1s t1-p1", "1s t1-p5", "2s t2-p0-first", "2s t2-p0-second", "2s t2-p0-third"}
	if !slices.Equal(got, want) {
		t.Fatalf("order:\n got %q\nwant %q", got, want)
	}
	if l.Now() != 10*Second {
		t.Fatalf("Now after RunUntil = %v, want 10s", l.Now())
	}
}

// TestLoopMatchesSortedOrder is a property test: for random schedules the pop
// order equals a stable sort by (time, priority, insertion order), and time
// never runs backwards.
func TestLoopMatchesSortedOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		l := NewLoop[int](0)
		n := 1 + r.IntN(300)
		evs := make([]ev, n)
		for i := range evs {
			evs[i] = ev{at: Time(r.IntN(20)), p: Priority(r.IntN(3)), seq: i}
			l.At(evs[i].at, evs[i].p, i)
		}
		want := slices.Clone(evs)
		slices.SortStableFunc(want, func(a, b ev) int {
			if a.at != b.at {
				return int(a.at - b.at)
			}
			return int(a.p) - int(b.p)
		})
		last := Time(-1)
		for i := 0; ; i++ {
			got, ok := l.Next()
			if !ok {
				if i != n {
					t.Fatalf("trial %d: popped %d of %d", trial, i, n)
				}
				break
			}
			if got != want[i].seq {
				t.Fatalf("trial %d: pop %d = event %d, want %d", trial, i, got, want[i].seq)
			}
			if l.Now() < last {
				t.Fatalf("time ran backwards: %v after %v", l.Now(), last)
			}
			last = l.Now()
		}
	}
}

func TestLoopCancel(t *testing.T) {
	l := NewLoop[string](0)
	a := l.At(Second, 0, "a")
	b := l.At(2*Second, 0, "b")
	c := l.At(3*Second, 0, "c")
	if !l.Cancel(b) {
		t.Fatal("Cancel(b) = false, want true")
	}
	if l.Cancel(b) {
		t.Fatal("second Cancel(b) = true, want false")
	}
	if l.Pending() != 2 {
		t.Fatalf("Pending = %d, want 2", l.Pending())
	}
	var got []string
	l.RunUntil(10*Second, func(e string) { got = append(got, e) })
	if !slices.Equal(got, []string{"a", "c"}) {
		t.Fatalf("ran %q, want [a c]", got)
	}
	// Handles of events that already ran must not cancel the events that now
	// reuse their slots.
	d := l.At(20*Second, 0, "d")
	if l.Cancel(a) || l.Cancel(c) {
		t.Fatal("cancelled through a stale handle")
	}
	if l.Cancel(Handle{}) {
		t.Fatal("zero handle cancelled something")
	}
	if ev, ok := l.Next(); !ok || ev != "d" {
		t.Fatalf("Next = %q, %v; want d", ev, ok)
	}
	if l.Cancel(d) {
		t.Fatal("cancelled an event that already ran")
	}
}

func TestLoopPeekSkipsCancelled(t *testing.T) {
	l := NewLoop[int](0)
	h := l.At(Second, 0, 1)
	l.At(5*Second, 0, 2)
	l.Cancel(h)
	if at, ok := l.Peek(); !ok || at != 5*Second {
		t.Fatalf("Peek = %v, %v; want 5s", at, ok)
	}
}

func TestLoopEventsScheduledDuringRunUntil(t *testing.T) {
	l := NewLoop[int](0)
	l.At(0, 0, 0)
	var got []Time
	l.RunUntil(3*Second, func(n int) {
		got = append(got, l.Now())
		if n < 10 {
			l.After(time.Second, 0, n+1)
		}
	})
	if want := []Time{0, Second, 2 * Second, 3 * Second}; !slices.Equal(got, want) {
		t.Fatalf("times %v, want %v", got, want)
	}
	if l.Pending() != 1 {
		t.Fatalf("Pending = %d, want the event at 4s", l.Pending())
	}
}

func TestLoopPanicsOnThePast(t *testing.T) {
	for name, f := range map[string]func(l *Loop[int]){
		"At before now":  func(l *Loop[int]) { l.At(Second, 0, 0) },
		"negative After": func(l *Loop[int]) { l.After(-time.Second, 0, 0) },
	} {
		t.Run(name, func(t *testing.T) {
			l := NewLoop[int](0)
			l.RunUntil(2*Second, func(int) {})
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f(l)
		})
	}
}

func TestTimeAppendSeconds(t *testing.T) {
	for _, tc := range []struct {
		t    Time
		want string
	}{
		{0, "0"}, {90 * Second, "90"}, {Time(1500 * time.Millisecond), "1.5"},
		{Time(time.Millisecond), "0.001"}, {Time(-2500 * time.Millisecond), "-2.5"},
		{Time(120 * time.Millisecond), "0.12"},
	} {
		if got := string(tc.t.AppendSeconds(nil)); got != tc.want {
			t.Errorf("AppendSeconds(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

func ExampleLoop() {
	l := NewLoop[string](0)
	l.At(90*Second, 0, "task stops")
	l.At(30*Second, 0, "task starts")
	h := l.At(60*Second, 0, "cancelled")
	l.Cancel(h)
	l.RunUntil(Hour, func(e string) { fmt.Println(l.Now(), e) })
	// Output:
	// 30s task starts
	// 1m30s task stops
}

// TestLoopStop: Stop from a handler ends RunUntil after that event; Now
// stays at its time, later events stay queued and a new RunUntil goes on.
func TestLoopStop(t *testing.T) {
	l := NewLoop[int](0)
	for i := 1; i <= 4; i++ {
		l.At(At(time.Duration(i)*time.Second), 0, i)
	}
	var got []int
	n := l.RunUntil(At(10*time.Second), func(e int) {
		got = append(got, e)
		if e == 2 {
			l.Stop()
		}
	})
	if n != 2 || len(got) != 2 || l.Now() != At(2*time.Second) || l.Pending() != 2 {
		t.Fatalf("ran %d %v, now %v, pending %d; want 2 events, now 2s, 2 pending", n, got, l.Now(), l.Pending())
	}
	if n := l.RunUntil(At(10*time.Second), func(e int) { got = append(got, e) }); n != 2 || got[3] != 4 {
		t.Fatalf("after Stop: ran %d, %v", n, got)
	}
}

func TestSeconds(t *testing.T) {
	for s, want := range map[float64]time.Duration{1.5: 1500 * time.Millisecond, 0: 0, -3: 0, 1e300: time.Duration(1<<63 - 1), 1e-9: time.Nanosecond} {
		if got := Seconds(s); got != want {
			t.Errorf("Seconds(%g) = %v, want %v", s, got, want)
		}
	}
	if got := Seconds(math.NaN()); got != 0 {
		t.Errorf("Seconds(NaN) = %v, want 0", got)
	}
}
