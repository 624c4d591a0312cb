package cql

import (
	"slices"
	"strconv"
	"time"
)

// Instance is what an expression reads from a container instance.
type Instance interface {
	// Attribute returns the value of the named attribute (built-in such as
	// ecs.instance-type, or custom) and whether the instance has it.
	Attribute(name string) (string, bool)
	// EC2InstanceID returns the instance's Amazon EC2 instance ID.
	EC2InstanceID() string
	// AgentConnected reports whether the ECS container agent is connected.
	AgentConnected() bool
	// AgentVersion returns the container agent version, e.g. "1.14.5".
	AgentVersion() string
	// RegisteredAt returns when the container instance was registered.
	RegisteredAt() time.Time
	// RunningTasksCount returns the number of RUNNING tasks on the instance.
	RunningTasksCount() int
	// HasTaskGroup reports whether some task on the instance is in group.
	HasTaskGroup(group string) bool
}

// Expr is a compiled expression; safe for concurrent use, immutable.
type Expr struct {
	root   node
	text   string
	static bool
	groups []string
}

// SyntaxError reports why Parse rejected an expression, and where.
type SyntaxError struct {
	// Column is the 1-based rune column in src where the problem is.
	Column int
	// Msg says what is wrong and what is accepted there.
	Msg string
}

// Error returns "column N: msg".
func (e *SyntaxError) Error() string {
	return "column " + strconv.Itoa(e.Column) + ": " + e.Msg
}

// Parse compiles a cluster query language expression. Errors are of type
// *SyntaxError. Parse never panics; it rejects expressions longer than
// MaxLength characters or nested deeper than MaxDepth.
func Parse(src string) (*Expr, error) {
	if err := checkInput(src); err != nil {
		return nil, err
	}
	p := &parser{scanner: scanner{src: []rune(src)}, static: true,
		groups: map[string]struct{}{}}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	e := &Expr{root: root, static: p.static}
	for g := range p.groups {
		e.groups = append(e.groups, g)
	}
	slices.Sort(e.groups)
	e.text = canonical(&root)
	return e, nil
}

// Eval reports whether the instance satisfies the expression. It does not
// allocate (beyond what the Instance methods do). A nil *Expr is false.
func (e *Expr) Eval(in Instance) bool {
	if e == nil {
		return false
	}
	return e.root.eval(in)
}

// String returns the canonical form of the expression, which re-parses to
// the same expression: Parse(e.String()).String() == e.String(). The form
// is spaced ("a == b and not(c exists)"); when that would exceed MaxLength
// characters, a compact form ("a==b&&!c exists") no longer than the source
// is returned instead, so that the result always re-parses.
func (e *Expr) String() string {
	if e == nil {
		return ""
	}
	return e.text
}

// Static reports whether the result depends only on attributes,
// ec2InstanceId, agentVersion and registeredAt (not on agentConnected,
// runningTasksCount or task:group), so callers may cache it per instance.
func (e *Expr) Static() bool { return e != nil && e.static }

// TaskGroups returns the task groups the expression mentions (sorted,
// unique), so callers can index them. The result is a fresh slice; it is
// nil when the expression has no task:group term.
func (e *Expr) TaskGroups() []string {
	if e == nil {
		return nil
	}
	return slices.Clone(e.groups)
}
