package placement

import (
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/record"
)

// Reason is why no instance could take a task, as ECS names it in RunTask
// failures and service events (docs/model.md §5.6): record.PlacementReason,
// so that every package names the same typed constants.
type Reason = record.PlacementReason

// Placement failure reasons (record's).
const (
	ReasonNone      = record.ReasonNone
	ReasonCPU       = record.ReasonCPU
	ReasonMemory    = record.ReasonMemory
	ReasonGPU       = record.ReasonGPU
	ReasonPorts     = record.ReasonPorts
	ReasonENI       = record.ReasonENI
	ReasonAttribute = record.ReasonAttribute
	ReasonAgent     = record.ReasonAgent
	ReasonMissing   = record.ReasonMissing
)

// reasonOrder breaks ties between reasons counted equally often.
var reasonOrder = [...]Reason{ReasonCPU, ReasonMemory, ReasonGPU, ReasonPorts, ReasonENI, ReasonAttribute}

func resourceReason(r cluster.Resource) Reason { return Reason(r.String()) }
