package record

// FaultKind is a kind of injected failure, as a scenario's faults[].type
// names it (docs/model.md §14.7). FaultInjected events carry it in Cause.
type FaultKind string

// Fault kinds.
const (
	// FaultInstanceFailure ends instances at once (hardware failure), at a
	// time or after a lifetime drawn per instance.
	FaultInstanceFailure FaultKind = "instanceFailure"
	// FaultZoneOutage terminates every instance of an Availability Zone for
	// a while; the zone takes no launches meanwhile.
	FaultZoneOutage FaultKind = "availabilityZoneOutage"
	// FaultAgentDisconnect disconnects container agents for a while: their
	// instances keep their tasks but take no new ones.
	FaultAgentDisconnect FaultKind = "agentDisconnect"
	// FaultSpotInterruption reclaims Spot capacity with a two-minute
	// notice (EC2 Spot instances, FARGATE_SPOT tasks).
	FaultSpotInterruption FaultKind = "spotInterruption"
)

// FaultKinds lists the fault kinds in the order validation names them.
func FaultKinds() []FaultKind {
	return []FaultKind{FaultInstanceFailure, FaultZoneOutage, FaultAgentDisconnect, FaultSpotInterruption}
}

// PlacementReason is why no container instance could take a task, as ECS
// names it in RunTask failures and service events (docs/model.md §5.6).
type PlacementReason string

// Placement failure reasons.
const (
	ReasonNone      PlacementReason = ""
	ReasonCPU       PlacementReason = "RESOURCE:CPU"
	ReasonMemory    PlacementReason = "RESOURCE:MEMORY"
	ReasonGPU       PlacementReason = "RESOURCE:GPU"
	ReasonPorts     PlacementReason = "RESOURCE:PORTS"
	ReasonENI       PlacementReason = "RESOURCE:ENI"
	ReasonAttribute PlacementReason = "ATTRIBUTE" // no instance met the placement constraints
	ReasonAgent     PlacementReason = "AGENT"     // instances exist but their agents are disconnected
	ReasonMissing   PlacementReason = "MISSING"   // no ACTIVE container instance where the task may go
)
