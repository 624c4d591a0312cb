package main

import (
	"context"
	"errors"

	"github.com/ecsim/ecsim/sim"
	"github.com/ecsim/ecsim/sim/record"
	"github.com/ecsim/ecsim/sim/world"
)

// exitInterrupted is the exit code after Ctrl-C or SIGTERM: 128 + SIGINT,
// as shells report a process the signal stopped.
const exitInterrupted = 130

// errInterrupted is returned by a command the user interrupted; it has
// removed what it was writing.
var errInterrupted = errors.New("interrupted; nothing written")

// runWorld runs w until its end or until ctx is done (the user pressed
// Ctrl-C), calling progress (if not nil) now and then. An interrupted run
// returns errInterrupted; one that failed, w.Err().
func runWorld(ctx context.Context, w *world.World, progress func(sim.Time)) (*record.Final, error) {
	final := w.Run(func(now sim.Time) {
		if progress != nil {
			progress(now)
		}
		if ctx.Err() != nil {
			w.Stop()
		}
	})
	if final == nil && w.Err() != nil {
		return nil, w.Err() // it looped: exit 1, nothing written
	}
	if final == nil || ctx.Err() != nil {
		return nil, errInterrupted
	}
	return final, w.Err()
}
