package placement

import (
	"github.com/ecsim/ecsim/sim/cluster"
)

// Constraint is a placement constraint: a rule every candidate must meet
// (docs/model.md §5.4). Constraints are binding: when no instance meets
// them the task is not placed.
type Constraint interface {
	// String returns the constraint as ECS writes it.
	String() string
	// Check reports whether in may host the task of r. It must not modify
	// in or s.
	Check(in *cluster.Instance, r *Request, s State) bool
}

// distinctInstance places each task of a group on a different instance
// (docs/model.md §5.4): an instance that already runs a task of the group
// is not a candidate. It is allowed in RunTask and services, not in task
// definitions, and takes no expression.
type distinctInstance struct{}

// DistinctInstance returns the distinctInstance constraint.
func DistinctInstance() Constraint { return distinctInstance{} }

func (distinctInstance) String() string { return "distinctInstance" }

// Check is true when no task of r's group is on in.
func (distinctInstance) Check(in *cluster.Instance, r *Request, _ State) bool {
	return in.GroupCount(r.Group) == 0
}

// staticConstraint is implemented by constraints whose result depends only
// on an instance's attributes, ID, agent version and registration time (not
// on the tasks placed or the agent connection); placement folds them into its
// indexes instead of checking them per candidate.
type staticConstraint interface {
	Static() bool
}

// IsStatic reports whether c depends only on an instance's own properties
// (attributes, ID, agent version, registration time), not on the tasks
// placed or the agent connection.
func IsStatic(c Constraint) bool { return isStatic(c) }

func isStatic(c Constraint) bool {
	s, ok := c.(staticConstraint)
	return ok && s.Static()
}

// splitConstraints separates static constraints from the rest.
func splitConstraints(cs []Constraint) (static, dynamic []Constraint) {
	for _, c := range cs {
		if isStatic(c) {
			static = append(static, c)
		} else {
			dynamic = append(dynamic, c)
		}
	}
	return static, dynamic
}

// onProvider restricts placement to the instances of one capacity
// provider's Auto Scaling group: a task launched with a capacity provider
// strategy runs only on its provider's instances (docs/model.md §8).
type onProvider struct {
	provider int
	name     string
}

// OnProvider returns the constraint that keeps a task on the instances of
// capacity provider index p, called name in messages.
func OnProvider(p int, name string) Constraint { return onProvider{p, name} }

func (o onProvider) String() string { return "capacityProvider == " + o.name }

// Check is true for the provider's instances.
func (o onProvider) Check(in *cluster.Instance, _ *Request, _ State) bool {
	return in.Provider == o.provider
}

// Static: an instance never changes provider.
func (onProvider) Static() bool { return true }
