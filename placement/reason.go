package placement

import "github.com/ecsim/ecsim/sim/cluster"

// Reason is why no instance could take a task, as ECS names it in RunTask
// failures and service events (docs/model.md §5.6).
type Reason string

// Placement failure reasons.
const (
	ReasonNone      Reason = ""
	ReasonCPU       Reason = "RESOURCE:CPU"
	ReasonMemory    Reason = "RESOURCE:MEMORY"
	ReasonGPU       Reason = "RESOURCE:GPU"
	ReasonPorts     Reason = "RESOURCE:PORTS"
	ReasonENI       Reason = "RESOURCE:ENI"
	ReasonAttribute Reason = "ATTRIBUTE" // no instance met the placement constraints
	ReasonAgent     Reason = "AGENT"     // instances exist but their agents are disconnected
	ReasonMissing   Reason = "MISSING"   // no ACTIVE container instance in the cluster
)

// reasonOrder breaks ties between reasons counted equally often.
var reasonOrder = [...]Reason{ReasonCPU, ReasonMemory, ReasonGPU, ReasonPorts, ReasonENI, ReasonAttribute}

func resourceReason(r cluster.Resource) Reason { return Reason(r.String()) }
