package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/sim/cluster"
)

var osFamilies = []string{"LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2022_FULL",
	"WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2004_CORE",
	"WINDOWS_SERVER_20H2_CORE"}

var cpuArchitectures = []string{"X86_64", "ARM64"}

// DefaultOSFamily is the operating system family of container instances
// when the scenario gives none.
const DefaultOSFamily = "LINUX"

// architectures are the CPU architectures of instance types (instanceTypes).
func architectures() []string { return []string{"x86_64", "arm64"} }

// runtimePlatform checks the task's operating system family and CPU
// architecture and copies them to def.
func (v *validator) runtimePlatform(p string, rp *RuntimePlatform, def *cluster.TaskDefinition) {
	if rp == nil {
		return
	}
	if rp.OperatingSystemFamily != "" && !slices.Contains(osFamilies, rp.OperatingSystemFamily) {
		v.errf(join(p, "runtimePlatform.operatingSystemFamily"), "unknown operating system family %q%s", rp.OperatingSystemFamily, accepted(osFamilies...))
	}
	if rp.CPUArchitecture != "" && !slices.Contains(cpuArchitectures, rp.CPUArchitecture) {
		v.errf(join(p, "runtimePlatform.cpuArchitecture"), "unknown CPU architecture %q%s", rp.CPUArchitecture, accepted(cpuArchitectures...))
	}
	def.OSFamily, def.CPUArchitecture = rp.OperatingSystemFamily, rp.CPUArchitecture
}

// volumes checks the data volumes a launch type allows (seed "Data volumes
// in tasks"; docs/model.md §9.3): Docker volumes (dockerVolumeConfiguration)
// only on EC2; FSx for Windows File Server only on Windows EC2 tasks; EFS on
// both, but not on Windows Fargate; bind mounts on both, without a host
// sourcePath on Fargate.
func (v *validator) volumes(p string, td *TaskDefinition, def *cluster.TaskDefinition) {
	fargate := def.Compatible("FARGATE")
	names := map[string]bool{}
	for i, vol := range td.Volumes {
		vp := index(join(p, "volumes"), i)
		if vol.Name == "" || names[vol.Name] {
			v.errf(join(vp, "name"), "volume names are required and unique in the task (got %q)", vol.Name)
		}
		names[vol.Name] = true
		v.volume(vp, &vol, def, fargate)
	}
}

// volume checks one volume: a single kind, and one the task's launch types
// support.
func (v *validator) volume(vp string, vol *Volume, def *cluster.TaskDefinition, fargate bool) {
	if volumeKinds(vol) > 1 {
		v.errf(vp, "a volume is one of host, dockerVolumeConfiguration, efsVolumeConfiguration or fsxWindowsFileServerVolumeConfiguration")
	}
	switch {
	case vol.DockerVolumeConfiguration != nil && fargate:
		v.errf(join(vp, "dockerVolumeConfiguration"), "Docker volumes are supported only on EC2, not on FARGATE")
	case vol.FSxWindowsFileServerVolumeConfiguration != nil && (fargate || !def.Windows()):
		v.errf(join(vp, "fsxWindowsFileServerVolumeConfiguration"), "FSx for Windows File Server volumes need a Windows task (runtimePlatform.operatingSystemFamily WINDOWS_*) on EC2, not FARGATE")
	case vol.EFSVolumeConfiguration != nil && fargate && def.Windows():
		v.errf(join(vp, "efsVolumeConfiguration"), "EFS volumes are not supported for Windows tasks on FARGATE")
	case vol.Host != nil && vol.Host.SourcePath != "" && fargate:
		v.errf(join(vp, "host.sourcePath"), "FARGATE bind mounts take no host sourcePath (use host: {} or omit host)")
	}
}

// volumeKinds counts the kinds of volume vol gives (host,
// dockerVolumeConfiguration, efsVolumeConfiguration,
// fsxWindowsFileServerVolumeConfiguration).
func volumeKinds(vol *Volume) int {
	kinds := 0
	for _, set := range []bool{vol.Host != nil, vol.DockerVolumeConfiguration != nil, vol.EFSVolumeConfiguration != nil, vol.FSxWindowsFileServerVolumeConfiguration != nil} {
		if set {
			kinds++
		}
	}
	return kinds
}

// fargate checks what a task definition compatible with FARGATE must be
// (docs/model.md §9.1, §9.3): awsvpc networking; task-level cpu and
// memory from the Fargate table; no placement constraints; none of the
// container parameters Fargate does not support.
func (v *validator) fargate(p string, td *TaskDefinition, def *cluster.TaskDefinition) {
	if td.NetworkMode != "awsvpc" {
		v.errf(join(p, "networkMode"), "a FARGATE task definition needs networkMode awsvpc (got %s)", td.NetworkMode)
	}
	switch {
	case !td.CPU.Set || !td.Memory.Set:
		v.errf(p, "a FARGATE task definition needs task-level cpu and memory")
	case !cluster.FargateSizeValid(td.CPU.N, td.Memory.N, def.Windows()):
		cpus := cluster.FargateCPUOptions(def.Windows())
		if !slices.Contains(cpus, td.CPU.N) {
			v.errf(join(p, "cpu"), "FARGATE does not offer task cpu %d%s", td.CPU.N, accepted(int64s(cpus)...))
		} else {
			v.errf(join(p, "memory"), "FARGATE does not offer %d MiB with cpu %d%s", td.Memory.N, td.CPU.N, accepted(int64s(cluster.FargateMemoryOptions(td.CPU.N))...))
		}
	}
	if len(td.PlacementConstraints) > 0 {
		v.errf(join(p, "placementConstraints"), "FARGATE tasks take no placement constraints")
	}
	for i := range td.ContainerDefinitions {
		v.fargateContainer(index(join(p, "containerDefinitions"), i), &td.ContainerDefinitions[i])
	}
}

// fargateContainer rejects container parameters Fargate does not support
// (§9.3, the 2023 list less what AWS has since allowed: pidMode, ipcMode and
// systemControls are accepted; SYS_PTRACE is the one capability Fargate adds).
func (v *validator) fargateContainer(cp string, c *ContainerDefinition) {
	bad := func(field string) { v.errf(join(cp, field), "not supported on FARGATE") }
	for _, rr := range c.ResourceRequirements {
		if rr.Type == "GPU" {
			bad("resourceRequirements")
		}
	}
	if c.Privileged != nil && *c.Privileged {
		bad("privileged")
	}
	if c.DisableNetworking != nil && *c.DisableNetworking {
		bad("disableNetworking")
	}
	for field, set := range map[string]bool{"dnsServers": c.DNSServers != nil, "dnsSearchDomains": c.DNSSearchDomains != nil,
		"extraHosts": c.ExtraHosts != nil, "dockerSecurityOptions": c.DockerSecurityOptions != nil, "links": c.Links != nil} {
		if set {
			bad(field)
		}
	}
	lp := c.LinuxParameters
	if lp == nil {
		return
	}
	if lp.Capabilities != nil {
		for _, cap := range lp.Capabilities.Add {
			if cap != "SYS_PTRACE" {
				v.errf(join(cp, "linuxParameters.capabilities.add"), "FARGATE adds only SYS_PTRACE (got %s)", cap)
			}
		}
	}
	for field, set := range map[string]bool{"devices": lp.Devices != nil, "sharedMemorySize": lp.SharedMemorySize != nil,
		"tmpfs": lp.Tmpfs != nil, "maxSwap": lp.MaxSwap != nil, "swappiness": lp.Swappiness != nil} {
		if set {
			bad("linuxParameters." + field)
		}
	}
}

// int64s formats numbers for accepted.
func int64s(xs []int64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprint(x)
	}
	return out
}

// osFamilyOf returns the instance OS family of a containerInstances entry.
func osFamilyOf(s string) (string, bool) {
	if s == "" {
		return DefaultOSFamily, true
	}
	return s, slices.Contains(osFamilies, s) && (s == DefaultOSFamily || strings.HasPrefix(s, "WINDOWS"))
}
