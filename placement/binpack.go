package placement

import (
	"fmt"

	"github.com/ecsim/ecsim/sim/cluster"
)

// Dimension is a resource a binpack strategy or an index orders by.
type Dimension uint8

// Dimensions.
const (
	DimCPU Dimension = iota
	DimMemory
)

func (d Dimension) String() string {
	if d == DimCPU {
		return "cpu"
	}
	return "memory"
}

// other returns the other dimension.
func (d Dimension) other() Dimension { return 1 - d }

// free returns the instance's unreserved amount of d.
func (d Dimension) free(in *cluster.Instance) int64 {
	if d == DimCPU {
		return in.Registered.CPU - in.Reserved.CPU
	}
	return in.Registered.MemoryMiB - in.Reserved.MemoryMiB
}

// need returns the task's requirement of d.
func (d Dimension) need(r *cluster.Requirements) int64 {
	if d == DimCPU {
		return r.CPU
	}
	return r.MemoryMiB
}

// binpack places tasks on the candidate with the least remaining amount of
// its field, cpu or memory, so as to use the fewest instances
// (docs/model.md §5.3, [strategies]).
//
// Example (W-18): instances with 2, 4 and 6 GiB of memory free and a task of
// 1 GiB; binpack(memory) ranks them 2048, 4096, 6144 and picks the first.
type binpack struct{ dim Dimension }

func newBinpack(field string) (Bind, error) {
	switch field {
	case "cpu":
		return Fixed(binpack{DimCPU}), nil
	case "memory":
		return Fixed(binpack{DimMemory}), nil
	}
	return nil, fmt.Errorf("binpack field %q is not valid (accepted: cpu, memory)", field)
}

// Binpack returns the binpack strategy on d.
func Binpack(d Dimension) Strategy { return binpack{d} }

func (b binpack) String() string { return "binpack(" + b.dim.String() + ")" }

// Rank is the remaining amount of the field before the task is placed.
func (b binpack) Rank(in *cluster.Instance, _ *Request, _ State) int64 { return b.dim.free(in) }
