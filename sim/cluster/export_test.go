package cluster

// Test-only views of unexported bookkeeping, for the external tests of
// package cluster_test (the property test checks them after every step).

// PortsForTest returns the instance's reserved static host ports, agent
// defaults included, sorted.
func (in *Instance) PortsForTest() []PortKey { return in.ports }

// DynamicPortsForTest returns the dynamic host ports in use and the size of
// the ephemeral range.
func (in *Instance) DynamicPortsForTest() (used, max int) { return in.dynUsed, in.dynMax }

// ENIsForTest returns the ENIs in use by awsvpc tasks and the limit.
func (in *Instance) ENIsForTest() (used, max int) { return in.eniUsed, in.eniMax }

// SlotForTest returns the task's index in its instance's task list.
func (t *Task) SlotForTest() int { return int(t.slot) }
