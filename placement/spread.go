package placement

import (
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/sim/cluster"
)

// spreadInstance spreads tasks evenly over instances: field instanceId (or
// host, the same): rank = tasks of the task's group already on the instance
// (docs/model.md §5.3). Service tasks are counted per service, standalone
// tasks per task group.
type spreadInstance struct{ field string }

// spreadAttribute spreads tasks evenly over the values of an attribute, such
// as attribute:ecs.availability-zone: rank = tasks of the group on instances
// with the candidate's value. Instances without the attribute count as one
// more value.
//
// Example (W-19): 6 tasks, spread on the AZ over three AZs: counts 0,0,0 →
// place in any; 1,0,0 → place in b or c; … → 2 per AZ.
type spreadAttribute struct {
	name string
	attr cluster.AttrID
}

func newSpread(field string) (Bind, error) {
	switch {
	case field == "instanceId" || field == "host":
		return Fixed(spreadInstance{field}), nil
	case strings.HasPrefix(field, "attribute:") && len(field) > len("attribute:"):
		name := strings.TrimPrefix(field, "attribute:")
		return func(s State) Strategy { return SpreadAttribute(name, s) }, nil
	}
	return nil, fmt.Errorf("spread field %q is not valid (accepted: instanceId, host, attribute:<name> such as attribute:ecs.availability-zone)", field)
}

// SpreadInstance returns spread(instanceId).
func SpreadInstance() Strategy { return spreadInstance{"instanceId"} }

// SpreadAttribute returns spread(attribute:name).
func SpreadAttribute(name string, s State) Strategy {
	return spreadAttribute{name: name, attr: s.Attr(name)}
}

func (sp spreadInstance) String() string { return "spread(" + sp.field + ")" }

// Rank is the number of the group's tasks on the instance.
func (sp spreadInstance) Rank(in *cluster.Instance, r *Request, _ State) int64 {
	return int64(in.GroupCount(r.Group))
}

func (sp spreadAttribute) String() string { return "spread(attribute:" + sp.name + ")" }

// Rank is the number of the group's tasks on instances sharing in's value.
func (sp spreadAttribute) Rank(in *cluster.Instance, r *Request, s State) int64 {
	return int64(s.SpreadCount(r.Group, sp.attr, in.AttrValue(sp.attr)))
}
