package world

import "github.com/ecsim/ecsim/sim/record"

// Observer receives everything the world does. The world owns the pointed-to
// values and reuses them: an Observer must copy what it keeps.
type Observer interface {
	// Event is called for every state change, in simulated-time order.
	Event(e *record.Event)
	// Sample is called every sample interval, after the instant's events.
	Sample(s *record.Sample)
}

type nopObserver struct{}

func (nopObserver) Event(*record.Event)   {}
func (nopObserver) Sample(*record.Sample) {}

// Tee sends every observation to each of its observers in turn.
type Tee []Observer

// Event implements Observer.
func (t Tee) Event(e *record.Event) {
	for _, o := range t {
		o.Event(e)
	}
}

// Sample implements Observer.
func (t Tee) Sample(s *record.Sample) {
	for _, o := range t {
		o.Sample(s)
	}
}
