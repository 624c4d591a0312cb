package placement

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/sim/cluster"
)

// Spec is a placement strategy as ECS writes it: {type, field}.
type Spec struct {
	Type  string
	Field string
}

// String returns "type(field)" or "type".
func (s Spec) String() string {
	if s.Field == "" {
		return s.Type
	}
	return s.Type + "(" + s.Field + ")"
}

// Strategy orders candidate instances for one task (docs/model.md §5.3).
type Strategy interface {
	// String returns the strategy as "type(field)".
	String() string
	// Rank returns in's rank for the task of r: the lower, the more
	// preferred. Candidates of equal rank are ties that the next strategy in
	// the chain breaks. Rank must not modify anything.
	Rank(in *cluster.Instance, r *Request, s State) int64
}

// Chain is an ordered list of strategies, evaluated lexicographically: the
// first strategy decides, each later one only breaks the ties of those before
// it, and the ties left are broken uniformly at random with the placement
// stream (docs/model.md §5.3 chaining [INF]). A random strategy ends the
// chain: it picks uniformly among the ties it is given, so strategies after it
// have no effect.
type Chain struct {
	strategies []Strategy
}

// NewChain returns the chain of the given strategies, cut after the first
// random strategy.
func NewChain(strategies ...Strategy) Chain {
	for i, s := range strategies {
		if _, ok := s.(random); ok {
			strategies = strategies[:i]
			break
		}
	}
	return Chain{strategies: slices.Clone(strategies)}
}

// Strategies returns the chain's strategies (random excluded).
func (c Chain) Strategies() []Strategy { return c.strategies }

// Len returns the number of ranking strategies.
func (c Chain) Len() int { return len(c.strategies) }

// String returns the chain as "spread(attribute:ecs.availability-zone), binpack(memory)".
func (c Chain) String() string {
	if len(c.strategies) == 0 {
		return "random"
	}
	parts := make([]string, len(c.strategies))
	for i, s := range c.strategies {
		parts[i] = s.String()
	}
	return strings.Join(parts, ", ")
}

// spreadAttrs returns the attributes that spread strategies of c count on.
func (c Chain) spreadAttrs() []cluster.AttrID {
	var out []cluster.AttrID
	for _, s := range c.strategies {
		if sp, ok := s.(spreadAttribute); ok {
			out = append(out, sp.attr)
		}
	}
	return out
}

// Factory builds a strategy from its field, validating the field.
type Factory func(field string, s State) (Strategy, error)

// Registry maps strategy types to factories, so that a research strategy is
// one new file registering one factory.
type Registry struct {
	factories map[string]Factory
}

// NewRegistry returns a registry with the ECS strategies binpack, spread and
// random.
func NewRegistry() *Registry {
	r := &Registry{factories: map[string]Factory{}}
	for name, f := range map[string]Factory{"binpack": newBinpack, "spread": newSpread, "random": newRandom} {
		if err := r.Register(name, f); err != nil {
			panic(err)
		}
	}
	return r
}

// Register adds a strategy type. Registering a name twice is an error.
func (r *Registry) Register(name string, f Factory) error {
	if _, dup := r.factories[name]; dup {
		return fmt.Errorf("placement: strategy %q registered twice", name)
	}
	r.factories[name] = f
	return nil
}

// Names returns the registered strategy types, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Strategy builds one strategy from its spec.
func (r *Registry) Strategy(spec Spec, s State) (Strategy, error) {
	f, ok := r.factories[spec.Type]
	if !ok {
		return nil, fmt.Errorf("unknown placement strategy type %q (accepted: %s)", spec.Type, strings.Join(r.Names(), ", "))
	}
	return f(spec.Field, s)
}

// Chain builds the chain of specs.
func (r *Registry) Chain(specs []Spec, s State) (Chain, error) {
	strategies := make([]Strategy, 0, len(specs))
	for _, spec := range specs {
		st, err := r.Strategy(spec, s)
		if err != nil {
			return Chain{}, err
		}
		strategies = append(strategies, st)
	}
	return NewChain(strategies...), nil
}
