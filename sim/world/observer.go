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
