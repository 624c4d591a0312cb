package world

import "fmt"

// MaxEventsPerInstant bounds the events the world handles at one instant
// of simulated time: no legal scenario needs more (a batch is at most
// 10,000,000 tasks), and more means a setting makes the simulation loop
// without time moving on. The run then ends with an error instead of
// hanging.
const MaxEventsPerInstant = 100_000_000

// looping counts the events handled at the current instant and, past
// MaxEventsPerInstant, ends the run with an error (Err) and reports true.
func (w *World) looping() bool {
	now := w.loop.Now()
	if now != w.instant {
		w.instant, w.atInstant = now, 0
	}
	if w.atInstant++; w.atInstant <= w.maxPerInstant {
		return false
	}
	if !w.looped {
		w.looped = true
		w.err = fmt.Errorf("the simulation made no progress: more than %d events at t = %v (a setting makes it loop; please report the scenario)",
			w.maxPerInstant, now)
		w.loop.Stop()
	}
	return true
}
