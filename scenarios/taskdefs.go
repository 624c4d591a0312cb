package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/placement/cql"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
)

// Container memory limits and counts (docs/model.md §5.2, §13). Task-level
// CPU on the EC2 and external launch types is 128 to 196608 units (0.125 to
// 192 vCPU) in the current RegisterTaskDefinition API
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html);
// the API sets no upper bound on EC2 task memory.
const (
	MinContainerMemoryMiB = 6
	MaxContainers         = 10
	MinTaskCPUEC2         = 128
	MaxTaskCPUEC2         = 196608
)

var networkModes = []string{"bridge", "host", "awsvpc", "none"}
var compatibilities = []string{"EC2", "FARGATE", "EXTERNAL"}

// resourceRequirementTypes are the types of a container's resource
// requirements.
func resourceRequirementTypes() []string { return []string{"GPU", "InferenceAccelerator"} }

// protocols are the protocols of a port mapping.
func protocols() []string { return []string{"tcp", "udp"} }

// taskDefinitions checks and converts the task definitions; a family
// alone names its latest revision.
func (v *validator) taskDefinitions(tds []TaskDefinition, cfg *world.Config) {
	v.defs = map[string]*cluster.TaskDefinition{}
	exact := map[string]bool{}
	latest := map[string]*cluster.TaskDefinition{}
	defer func() {
		for fam, def := range latest {
			if !exact[fam] {
				v.defs[fam] = def
			}
		}
	}()
	for i := range tds {
		td := &tds[i]
		p := index("taskDefinitions", i)
		def := v.taskDefinition(p, td)
		if def == nil {
			continue
		}
		key := def.Name()
		if exact[key] {
			v.errf(join(p, "family"), "task definition %q defined twice", key)
			continue
		}
		exact[key] = true
		v.defs[key] = def
		// The family alone names its latest revision.
		if prev, ok := latest[def.Family]; !ok || prev.Revision < def.Revision {
			latest[def.Family] = def
		}
		if !slices.Contains(v.fams, def.Family) {
			v.fams = append(v.fams, def.Family)
		}
		cfg.TaskDefinitions = append(cfg.TaskDefinitions, def)
	}
}

// taskDefinition checks a task definition and converts it: its names and
// network mode, launch type requirements, volumes, size, containers and
// placement constraints.
func (v *validator) taskDefinition(p string, td *TaskDefinition) *cluster.TaskDefinition {
	v.taskDefinitionKeys(p, td)
	def := &cluster.TaskDefinition{Family: td.Family, Revision: td.Revision, NetworkMode: cluster.NetworkMode(td.NetworkMode),
		RequiresCompatibilities: td.RequiresCompatibilities, CPU: td.CPU.N, MemoryMiB: td.Memory.N}
	v.runtimePlatform(p, td.RuntimePlatform, def)
	if def.Compatible("FARGATE") {
		v.fargate(p, td, def)
	}
	v.volumes(p, td, def)
	if (def.Compatible("EC2") || def.Compatible("EXTERNAL")) && td.CPU.Set && (td.CPU.N < MinTaskCPUEC2 || td.CPU.N > MaxTaskCPUEC2) {
		v.errf(join(p, "cpu"), "task cpu on EC2 must be between %d and %d CPU units (got %d)", MinTaskCPUEC2, MaxTaskCPUEC2, td.CPU.N)
	}
	if td.Memory.Set && td.Memory.N < MinContainerMemoryMiB {
		v.errf(join(p, "memory"), "task memory must be at least %d MiB (got %d)", MinContainerMemoryMiB, td.Memory.N)
	}
	v.containers(p, td, def)
	v.taskPlacementConstraints(p, td, def)
	def.Finalize()
	return def
}

// taskDefinitionKeys checks the family, revision, network mode and
// requiresCompatibilities of a task definition.
func (v *validator) taskDefinitionKeys(p string, td *TaskDefinition) {
	if !familyRE.MatchString(td.Family) {
		v.errf(join(p, "family"), "%q is not a valid family (1-255 letters, digits, '-' and '_')", td.Family)
	}
	if td.Revision < 0 {
		v.errf(join(p, "revision"), "must be >= 1 (got %d)", td.Revision)
	}
	if !slices.Contains(networkModes, td.NetworkMode) {
		v.errf(join(p, "networkMode"), "unknown network mode %q%s", td.NetworkMode, accepted(networkModes...))
	}
	for j, c := range td.RequiresCompatibilities {
		if !slices.Contains(compatibilities, c) {
			v.errf(index(join(p, "requiresCompatibilities"), j), "unknown compatibility %q%s", c, accepted(compatibilities...))
		}
	}
}

// taskPlacementConstraints converts a task definition's placement
// constraints: memberOf only, with a valid expression.
func (v *validator) taskPlacementConstraints(p string, td *TaskDefinition, def *cluster.TaskDefinition) {
	for j, pc := range td.PlacementConstraints {
		cp := index(join(p, "placementConstraints"), j)
		if pc.Type != placement.TypeMemberOf {
			v.errf(join(cp, "type"), "task definitions accept only memberOf constraints (got %q)", pc.Type)
			continue
		}
		v.expression(join(cp, "expression"), pc.Expression)
		def.PlacementConstraints = append(def.PlacementConstraints, cluster.PlacementConstraint{Type: pc.Type, Expression: pc.Expression})
	}
}

// containers checks and converts a task definition's containers: 1 to
// MaxContainers, uniquely named, at least one essential, within the task's
// cpu and memory.
func (v *validator) containers(p string, td *TaskDefinition, def *cluster.TaskDefinition) {
	cs := td.ContainerDefinitions
	if len(cs) == 0 || len(cs) > MaxContainers {
		v.errf(join(p, "containerDefinitions"), "a task definition has 1 to %d containers (got %d)", MaxContainers, len(cs))
	}
	names := map[string]bool{}
	essential := false
	var cpuSum, memSum int64
	for j := range cs {
		c := &cs[j]
		cp := index(join(p, "containerDefinitions"), j)
		if !familyRE.MatchString(c.Name) || names[c.Name] {
			v.errf(join(cp, "name"), "container names are 1-255 letters, digits, '-' and '_', unique in the task (got %q)", c.Name)
		}
		names[c.Name] = true
		essential = essential || *c.Essential
		cd := v.container(cp, c, td, def)
		cpuSum += c.CPU
		memSum += cd.ReservedMemoryMiB()
		def.Containers = append(def.Containers, cd)
	}
	if len(cs) > 0 && !essential {
		v.errf(join(p, "containerDefinitions"), "at least one container must be essential")
	}
	v.containerSums(p, td, cpuSum, memSum)
}

// container checks and converts one container: its memory, cpu, stop
// timeout, GPUs and port mappings.
func (v *validator) container(cp string, c *ContainerDefinition, td *TaskDefinition, def *cluster.TaskDefinition) cluster.ContainerDefinition {
	v.containerMemory(cp, c, td.Memory.Set || slices.Contains(td.RequiresCompatibilities, "FARGATE"))
	if c.CPU < 0 || c.CPU > MaxTaskCPUEC2 {
		v.errf(join(cp, "cpu"), "must be between 0 and %d CPU units (got %d)", MaxTaskCPUEC2, c.CPU)
	}
	cd := cluster.ContainerDefinition{Name: c.Name, CPU: c.CPU, MemoryMiB: c.Memory,
		MemoryReservationMiB: c.MemoryReservation, Essential: *c.Essential,
		StopTimeout: v.stopTimeout(cp, c.StopTimeout, def.Compatible("FARGATE"))}
	cd.GPUs = v.gpus(cp, c.ResourceRequirements)
	cd.PortMappings = v.portMappings(cp, td.NetworkMode, c.PortMappings)
	return cd
}

// containerSums checks the containers' cpu and memory, summed, against the
// task's (or, without task-level cpu, against the most a task may have).
func (v *validator) containerSums(p string, td *TaskDefinition, cpuSum, memSum int64) {
	if td.CPU.Set && cpuSum > td.CPU.N {
		v.errf(join(p, "cpu"), "the containers' cpu adds up to %d, more than the task's %d", cpuSum, td.CPU.N)
	}
	if !td.CPU.Set && cpuSum > MaxTaskCPUEC2 {
		v.errf(join(p, "containerDefinitions"), "the containers' cpu adds up to %d CPU units, more than a task may have (%d, 192 vCPU)",
			cpuSum, MaxTaskCPUEC2)
	}
	if td.Memory.Set && memSum > td.Memory.N {
		v.errf(join(p, "memory"), "the containers' memory adds up to %d MiB, more than the task's %d", memSum, td.Memory.N)
	}
}

// Container stop timeouts (docs/model.md §7.1, §8.1): the agent's default
// ECS_CONTAINER_STOP_TIMEOUT, and the most Fargate allows.
const (
	DefaultStopTimeoutSeconds = 30
	MaxStopTimeoutFargate     = 120
	maxStopTimeoutEC2         = 86400
)

// stopTimeout checks a container's stopTimeout (seconds): 0 to 120 when the
// task may run on Fargate, to a day otherwise; unset is the default 30 s.
func (v *validator) stopTimeout(cp string, st *int, fargate bool) time.Duration {
	if st == nil {
		return DefaultStopTimeoutSeconds * time.Second
	}
	hi := maxStopTimeoutEC2
	if fargate {
		hi = MaxStopTimeoutFargate
	}
	if !v.intRange(join(cp, "stopTimeout"), int64(*st), 0, int64(hi)) {
		return DefaultStopTimeoutSeconds * time.Second
	}
	return time.Duration(*st) * time.Second
}

// containerMemory checks §5.2: on EC2, without task-level memory each
// container needs memory or memoryReservation; each is at least 6 MiB; when
// both are given memory must be greater than memoryReservation.
func (v *validator) containerMemory(cp string, c *ContainerDefinition, taskMemory bool) {
	if c.Memory != 0 && c.Memory < MinContainerMemoryMiB {
		v.errf(join(cp, "memory"), "must be at least %d MiB (got %d)", MinContainerMemoryMiB, c.Memory)
	}
	if c.MemoryReservation != 0 && c.MemoryReservation < MinContainerMemoryMiB {
		v.errf(join(cp, "memoryReservation"), "must be at least %d MiB (got %d)", MinContainerMemoryMiB, c.MemoryReservation)
	}
	if c.Memory > 0 && c.MemoryReservation > 0 && c.Memory <= c.MemoryReservation {
		v.errf(join(cp, "memory"), "must be greater than memoryReservation (%d) (got %d)", c.MemoryReservation, c.Memory)
	}
	if !taskMemory && c.Memory == 0 && c.MemoryReservation == 0 {
		v.errf(cp, "needs memory or memoryReservation when the task definition sets no task-level memory")
	}
}

// gpus checks a container's resource requirements and returns its GPUs.
func (v *validator) gpus(cp string, reqs []ResourceRequirement) int64 {
	var n int64
	for k, rr := range reqs {
		rp := index(join(cp, "resourceRequirements"), k)
		switch rr.Type {
		case "GPU":
			g, err := strconv.ParseInt(rr.Value, 10, 64)
			if err != nil || g < 1 || g > 64 {
				v.errf(join(rp, "value"), "GPU count must be a whole number from 1 to 64 (got %q)", rr.Value)
				continue
			}
			n += g
		case "InferenceAccelerator":
		default:
			v.errf(join(rp, "type"), "unknown resource requirement %q%s", rr.Type, accepted(resourceRequirementTypes()...))
		}
	}
	return n
}

// portMappings checks the mappings against the network mode (§5.2): in
// host and awsvpc modes the host port is the container port; none allows no
// mappings.
func (v *validator) portMappings(cp, mode string, pms []PortMappingSpec) []cluster.PortMapping {
	var out []cluster.PortMapping
	for k, pm := range pms {
		pp := index(join(cp, "portMappings"), k)
		v.intRange(join(pp, "containerPort"), int64(pm.ContainerPort), 1, 65535)
		host := 0
		if pm.HostPort != nil {
			host = *pm.HostPort
			v.intRange(join(pp, "hostPort"), int64(host), 0, 65535)
		}
		if pm.Protocol != "" && !slices.Contains(protocols(), pm.Protocol) {
			v.errf(join(pp, "protocol"), "unknown protocol %q%s", pm.Protocol, accepted(protocols()...))
		}
		switch mode {
		case "none":
			v.errf(pp, "network mode none allows no port mappings")
		case "host", "awsvpc":
			if host != 0 && host != pm.ContainerPort {
				v.errf(join(pp, "hostPort"), "in %s mode hostPort must equal containerPort (%d) or be omitted (got %d)", mode, pm.ContainerPort, host)
			}
		}
		out = append(out, cluster.PortMapping{ContainerPort: pm.ContainerPort, HostPort: host, Protocol: pm.Protocol})
	}
	return out
}

// expression checks a memberOf expression, positioning a syntax error at
// its column when the expression sits on one line.
func (v *validator) expression(path, expr string) {
	_, err := cql.Parse(expr)
	if err == nil {
		return
	}
	se, ok := err.(*cql.SyntaxError)
	pos := v.posOf(path)
	if ok && pos.Line > 0 && !pos.block {
		pos.Column += se.Column - 1
		if pos.quoted {
			pos.Column++
		}
		pos.quoted = false
		v.errAt(pos, path, "invalid cluster query language expression: "+se.Msg)
		return
	}
	v.errf(path, "invalid cluster query language expression: %v", err)
}

// taskDefinitionRef resolves "family" or "family:revision".
func (v *validator) taskDefinitionRef(path, ref string) *cluster.TaskDefinition {
	if def, ok := v.defs[ref]; ok {
		return def
	}
	fams := slices.Clone(v.fams)
	slices.Sort(fams)
	if len(fams) == 0 {
		v.errf(path, "task definition %q does not exist (the scenario defines none under taskDefinitions)", ref)
		return nil
	}
	msg := fmt.Sprintf("task definition %q does not exist%s", ref, accepted(fams...))
	if s := suggest(ref, fams); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	v.errf(path, "%s", msg)
	return nil
}
