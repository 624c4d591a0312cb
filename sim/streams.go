package sim

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
)

// Streams derives independent random number streams from one master seed.
// Each random purpose (a workload's arrivals, its durations, launch delays,
// placement tie-breaks) asks for its own stream by a stable name, so adding a
// workload never shifts another's numbers, and two variants of a scenario run
// with the same seed see the same arrivals (common random numbers).
//
// A stream is a math/rand/v2 PCG source keyed by SHA-256(seed, name); it
// satisfies rand.Source and can be used as the Src of gonum's distuv
// distributions.
type Streams struct {
	seed uint64
}

// NewStreams returns the stream family of a master seed.
func NewStreams(seed uint64) Streams { return Streams{seed: seed} }

// Seed returns the master seed.
func (s Streams) Seed() uint64 { return s.seed }

// Replication returns the stream family of replication r. It is derived from
// the master seed and r alone, so replication 7 does not depend on 1 to 6.
func (s Streams) Replication(r int) Streams {
	a, _ := s.derive("replication/" + strconv.Itoa(r))
	return Streams{seed: a}
}

// Source returns a fresh PCG source for the named stream. Two calls with the
// same name return sources that produce the same sequence.
func (s Streams) Source(name string) *rand.PCG {
	a, b := s.derive(name)
	return rand.NewPCG(a, b)
}

// Rand returns a *rand.Rand over Source(name).
func (s Streams) Rand(name string) *rand.Rand { return rand.New(s.Source(name)) }

func (s Streams) derive(name string) (uint64, uint64) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], s.seed)
	h := sha256.New()
	h.Write(buf[:])
	h.Write([]byte(name))
	sum := h.Sum(nil)
	return binary.LittleEndian.Uint64(sum[0:8]), binary.LittleEndian.Uint64(sum[8:16])
}
