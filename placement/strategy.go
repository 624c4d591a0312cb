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

// Factory checks a strategy's field and returns how to build the strategy
// on a cluster: a research strategy is one new file with one Factory and
// one Register call (README "Extending ecsim").
type Factory func(field string) (Bind, error)

// Bind builds a checked strategy on a cluster's state (a spread strategy
// interns its attribute there). It cannot fail.
type Bind func(s State) Strategy

// Fixed returns the Bind of a strategy that needs nothing of the cluster.
func Fixed(st Strategy) Bind { return func(State) Strategy { return st } }

// Registry maps strategy types to factories.
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

// SpecError is a problem with rule Index of a strategy list: its Type
// (unknown) or its Field (not accepted by the type).
type SpecError struct {
	Index int
	Key   string // "type" or "field"
	Err   error
}

// Error returns the problem's message.
func (e *SpecError) Error() string { return e.Err.Error() }

// SpecErrors is every problem of a strategy list, in rule order.
type SpecErrors []*SpecError

// Error returns the problems, one per line.
func (es SpecErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Plan is a strategy list compiled once, when the scenario is checked: each
// rule's field is valid and its builder known. Bind turns it into a Chain
// on the run's cluster. The zero Plan has no rules (the caller's default).
type Plan struct {
	specs []Spec
	binds []Bind
}

// Compile checks every rule of specs (docs/model.md §5.3) and returns the
// plan, or every problem as SpecErrors.
func (r *Registry) Compile(specs []Spec) (Plan, error) {
	p := Plan{specs: slices.Clone(specs), binds: make([]Bind, len(specs))}
	var errs SpecErrors
	for i, spec := range specs {
		f, ok := r.factories[spec.Type]
		if !ok {
			errs = append(errs, &SpecError{Index: i, Key: "type",
				Err: fmt.Errorf("unknown placement strategy type %q (accepted: %s)", spec.Type, strings.Join(r.Names(), ", "))})
			continue
		}
		b, err := f(spec.Field)
		if err != nil {
			errs = append(errs, &SpecError{Index: i, Key: "field", Err: err})
			continue
		}
		p.binds[i] = b
	}
	if len(errs) > 0 {
		return Plan{}, errs
	}
	return p, nil
}

// Len returns the number of rules.
func (p Plan) Len() int { return len(p.specs) }

// Specs returns the rules as written.
func (p Plan) Specs() []Spec { return slices.Clone(p.specs) }

// Bind returns the plan's chain on s.
func (p Plan) Bind(s State) Chain {
	strategies := make([]Strategy, len(p.binds))
	for i, b := range p.binds {
		strategies[i] = b(s)
	}
	return NewChain(strategies...)
}

// Chain compiles specs and binds them to s: Compile then Bind.
func (r *Registry) Chain(specs []Spec, s State) (Chain, error) {
	p, err := r.Compile(specs)
	if err != nil {
		return Chain{}, err
	}
	return p.Bind(s), nil
}

// Strategy compiles one spec and binds it to s.
func (r *Registry) Strategy(spec Spec, s State) (Strategy, error) {
	p, err := r.Compile([]Spec{spec})
	if err != nil {
		return nil, err
	}
	return p.binds[0](s), nil
}
