package placement

import "github.com/ecsim/ecsim/sim/cluster"

// State is the read-only view of the cluster that placement needs;
// *cluster.Cluster implements it.
type State interface {
	// Instances returns every instance by ID.
	Instances() []*cluster.Instance
	// SpreadCount returns the group's tasks on instances whose attribute a
	// has value v (-1: instances without it).
	SpreadCount(g cluster.GroupID, a cluster.AttrID, v int32) int
	// Attr interns an attribute name.
	Attr(name string) cluster.AttrID
	// AttrValueCount returns the number of distinct values of a.
	AttrValueCount(a cluster.AttrID) int
	// Group interns a task group name.
	Group(name string) cluster.GroupID
	// GroupName returns a group's name.
	GroupName(g cluster.GroupID) string
}

var _ State = (*cluster.Cluster)(nil)

// Request is one task to place: its requirements, its task group, and the
// compiled constraints and strategy chain that apply to it.
//
// A Request is prepared (Placer.Prepare) once and then placed many times; the
// placer keeps its plan in the request. Requests are not shared between
// placers.
type Request struct {
	Req         *cluster.Requirements
	Group       cluster.GroupID
	Constraints []Constraint
	Chain       Chain

	plan *plan
}
