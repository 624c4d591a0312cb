package placement

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/placement/cql"
	"github.com/ecsim/ecsim/sim/cluster"
)

// Constraint types as ECS writes them.
const (
	TypeDistinctInstance = "distinctInstance"
	TypeMemberOf         = "memberOf"
)

// MaxConstraints is the most placement constraints a task may have, the task
// definition's included (RunTask and services, docs/model.md §5.3).
const MaxConstraints = 10

// MaxStrategies is the most placement strategy rules per request
// (RunTask; the current UpdateService API also says 5, §5.3 and D-7).
const MaxStrategies = 5

// CompileConstraints compiles constraints as ECS writes them. epoch is the
// wall-clock instant of t = 0, for registeredAt comparisons.
func CompileConstraints(specs []cluster.PlacementConstraint, s State, epoch time.Time) ([]Constraint, error) {
	out := make([]Constraint, 0, len(specs))
	for _, spec := range specs {
		switch spec.Type {
		case TypeDistinctInstance:
			if spec.Expression != "" {
				return nil, fmt.Errorf("distinctInstance takes no expression")
			}
			out = append(out, DistinctInstance())
		case TypeMemberOf:
			m, err := MemberOf(spec.Expression, s, epoch)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		default:
			return nil, fmt.Errorf("unknown placement constraint type %q (accepted: distinctInstance, memberOf)", spec.Type)
		}
	}
	return out, nil
}

// memberOf restricts placement to the instances a cluster query language
// expression matches (docs/model.md §5.4, §5.5). Expressions that read
// only attributes, the instance ID, the agent version and the registration
// time are cached per instance until the instance changes.
type memberOf struct {
	expr   *cql.Expr
	groups map[string]cluster.GroupID
	view   cqlView
	cache  []uint8  // by instance ID: 0 unknown, 1 match, 2 no match
	vers   []uint32 // instance Version at caching time
}

// MemberOf compiles a memberOf constraint. Errors are *cql.SyntaxError.
func MemberOf(expression string, s State, epoch time.Time) (Constraint, error) {
	e, err := cql.Parse(expression)
	if err != nil {
		return nil, err
	}
	m := &memberOf{expr: e, groups: map[string]cluster.GroupID{}}
	for _, g := range e.TaskGroups() {
		m.groups[g] = s.Group(g)
	}
	m.view = cqlView{groups: m.groups, epoch: epoch}
	return m, nil
}

func (m *memberOf) String() string { return "memberOf(" + m.expr.String() + ")" }

// Check evaluates the expression against in.
func (m *memberOf) Check(in *cluster.Instance, _ *Request, _ State) bool {
	if !m.expr.Static() {
		m.view.in = in
		return m.expr.Eval(&m.view)
	}
	id := int(in.ID)
	if id < len(m.cache) && m.cache[id] != 0 && m.vers[id] == in.Version() {
		return m.cache[id] == 1
	}
	for id >= len(m.cache) {
		m.cache = append(m.cache, 0)
		m.vers = append(m.vers, 0)
	}
	m.view.in = in
	ok := m.expr.Eval(&m.view)
	m.cache[id], m.vers[id] = 2, in.Version()
	if ok {
		m.cache[id] = 1
	}
	return ok
}

// cqlView shows a container instance to the query language.
type cqlView struct {
	in     *cluster.Instance
	groups map[string]cluster.GroupID
	epoch  time.Time
}

func (v *cqlView) Attribute(name string) (string, bool) { return v.in.Attribute(name) }
func (v *cqlView) EC2InstanceID() string                { return v.in.EC2InstanceID }
func (v *cqlView) AgentConnected() bool                 { return v.in.AgentConnected }
func (v *cqlView) AgentVersion() string                 { return v.in.AgentVersion }
func (v *cqlView) RunningTasksCount() int               { return v.in.RunningTasksCount() }
func (v *cqlView) RegisteredAt() time.Time {
	return v.epoch.Add(v.in.RegisteredAt.Duration())
}
func (v *cqlView) HasTaskGroup(group string) bool {
	g, ok := v.groups[group]
	return ok && v.in.GroupCount(g) > 0
}

// Static reports whether the expression reads only static subjects.
func (m *memberOf) Static() bool { return m.expr.Static() }
