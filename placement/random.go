package placement

import (
	"fmt"

	"github.com/ecsim/ecsim/sim/cluster"
)

// random places tasks on a candidate chosen uniformly at random
// (docs/model.md §5.3); it is RunTask's default. It takes no field.
type random struct{}

func newRandom(field string) (Bind, error) {
	if field != "" {
		return nil, fmt.Errorf("random takes no field (got %q)", field)
	}
	return Fixed(random{}), nil
}

// Random returns the random strategy.
func Random() Strategy { return random{} }

func (random) String() string { return "random" }

// Rank ties every candidate; the chain's final random tie-break chooses.
func (random) Rank(*cluster.Instance, *Request, State) int64 { return 0 }
