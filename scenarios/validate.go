package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/faults"
	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
)

// Limits that keep a scenario within what ecsim can simulate in reasonable
// memory; ECS's own limits are checked where they apply.
const (
	MaxDuration     = 10 * 365 * 24 * time.Hour
	MaxSamples      = 10_000_000
	MaxInstances    = 1_000_000
	MaxBatchCount   = 10_000_000
	MaxRatePerMin   = 1_000_000
	MaxTasksPerCall = 10 // RunTask count per call (docs/model.md §13)
)

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$`)
	familyRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	attrName = regexp.MustCompile(`^[A-Za-z0-9_./\\-]{1,128}$`)
)

// validator checks a decoded file and builds the world configuration,
// collecting every problem with its position.
type validator struct {
	file    string
	noFiles bool // Loader.NoFiles
	pos     map[string]Pos
	errs    Errors
	cat     *cluster.Catalogue
	reg     *placement.Registry
	// faultKinds resolves fault types (sim/faults).
	faultKinds *faults.Registry
	// wl resolves arrival processes and distributions.
	wl   *workloads.Registry
	defs map[string]*cluster.TaskDefinition
	fams []string
	// providers maps capacity provider names to their index.
	providers map[string]int
	spec      *File
	// names are the workload and scheduled task names seen so far.
	names map[string]bool
	// dir resolves the relative paths of trace files; warnings are notes
	// for the user (bad trace rows skipped).
	dir      string
	warnings []string
}

// errf records a problem at path, positioned at path or its nearest
// ancestor that has a position.
func (v *validator) errf(path, format string, args ...any) {
	v.errAt(v.posOf(path), path, fmt.Sprintf(format, args...))
}

// errAt records a problem at pos and path.
func (v *validator) errAt(pos Pos, path, msg string) {
	file := v.file
	if pos.file != "" {
		file = pos.file
	}
	pos.file = ""
	v.errs = append(v.errs, &FieldError{File: file, Pos: pos, Field: path, Msg: msg})
}

// posOf returns the position of path, or of its nearest ancestor that has one.
func (v *validator) posOf(path string) Pos {
	for p := path; p != ""; {
		if pos, ok := v.pos[p]; ok {
			return pos
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return Pos{}
}

// validate checks f, with its defaults applied, and converts it to the
// world's configuration.
func (v *validator) validate(f *File) world.Config {
	v.spec = f
	cfg := world.Config{Name: f.Name, Seed: *f.Seed, Duration: f.Duration.D, SampleInterval: f.SampleInterval.D,
		WorkloadKinds: v.wl}
	v.top(f, &cfg)
	v.cat = cluster.DefaultCatalogue()
	v.instanceTypes(f.InstanceTypes)
	cfg.Catalogue = v.cat
	v.clusterSpec(&f.Cluster, &cfg)
	v.capacityProviders(&f.Cluster, &cfg)
	cfg.Model = v.model(&f.Model)
	cfg.Prices = v.prices(&f.Prices)
	v.taskDefinitions(f.TaskDefinitions, &cfg)
	v.workloads(f, &cfg)
	v.scheduledTasks(f, &cfg)
	v.services(f, &cfg)
	v.faults(f, &cfg)
	v.checkRanges(f)
	return cfg
}

// top checks the top-level keys: name, duration, sampleInterval and startTime.
func (v *validator) top(f *File, cfg *world.Config) {
	if !nameRE.MatchString(f.Name) {
		v.errf("name", "%q is not a valid name (letters, digits, '-', '_' and '.', starting with a letter or digit, at most 255)", f.Name)
	}
	if f.Duration.D <= 0 || f.Duration.D > MaxDuration {
		v.errf("duration", "must be > 0 and at most 10 years (got %s)", FormatDuration(f.Duration.D))
	}
	if f.SampleInterval.D < time.Second {
		v.errf("sampleInterval", "must be at least 1s (got %s)", FormatDuration(f.SampleInterval.D))
	} else if f.Duration.D > 0 && f.Duration.D/f.SampleInterval.D > MaxSamples {
		v.errf("sampleInterval", "gives %d samples over %s; at most %d (use a longer interval)",
			f.Duration.D/f.SampleInterval.D, FormatDuration(f.Duration.D), MaxSamples)
	}
	t, err := time.Parse(time.RFC3339, f.StartTime)
	if err != nil {
		v.errf("startTime", "%q is not an RFC 3339 time such as 2026-01-05T00:00:00Z", f.StartTime)
	}
	cfg.StartTime = t.UTC()
}

// instanceTypes checks the declared instance types and adds them to the
// catalogue.
func (v *validator) instanceTypes(defs []InstanceTypeDef) {
	seen := map[string]bool{}
	for i, d := range defs {
		p := index("instanceTypes", i)
		switch {
		case d.Name == "":
			v.errf(join(p, "name"), "required")
		case seen[d.Name]:
			v.errf(join(p, "name"), "instance type %q defined twice", d.Name)
		}
		seen[d.Name] = true
		v.requiredRange(join(p, "vcpu"), int64(d.VCPU), 1, 448, "the type's vCPUs")
		v.requiredRange(join(p, "memoryMiB"), d.MemoryMiB, 1, 32<<20, "the type's memory in MiB")
		if d.RegisteredMemoryMiB < 0 || d.RegisteredMemoryMiB > d.MemoryMiB {
			v.errf(join(p, "registeredMemoryMiB"), "must be between 0 and memoryMiB (%d) (got %d; 0 means %.1f%% of memoryMiB)",
				d.MemoryMiB, d.RegisteredMemoryMiB, cluster.RegisteredMemoryFraction*100)
		}
		v.requiredRange(join(p, "enis"), int64(d.ENIs), 1, 1000, "the type's maximum network interfaces, the primary one included")
		v.intRange(join(p, "awsvpcTrunkingTasks"), int64(d.TrunkENITasks), 0, 10000)
		v.intRange(join(p, "gpus"), int64(d.GPUs), 0, 64)
		if d.Architecture != "" && !slices.Contains(architectures(), d.Architecture) {
			v.errf(join(p, "architecture"), "unknown architecture %q%s", d.Architecture, accepted(architectures()...))
		}
		v.cat.Put(cluster.InstanceType{Name: d.Name, VCPU: d.VCPU, MemoryMiB: d.MemoryMiB,
			RegisteredMemoryMiB: d.RegisteredMemoryMiB, ENIs: d.ENIs, TrunkTasks: d.TrunkENITasks,
			GPUs: d.GPUs, Architecture: d.Architecture, PricePerHour: v.typePrice(p, d)})
	}
}

// typePrice is a declared type's price: its pricePerHour, else the
// catalogue's for a type it overrides, else 0 with a warning, so that a
// custom type never costs nothing silently.
func (v *validator) typePrice(p string, d InstanceTypeDef) float64 {
	if d.PricePerHour != nil {
		if x := *d.PricePerHour; x < 0 || x != x || x > maxPricePerHour {
			v.errf(join(p, "pricePerHour"), "must be a price between 0 and %v USD per hour (got %v)", maxPricePerHour, x)
			return 0
		}
		return *d.PricePerHour
	}
	if t, ok := v.cat.Lookup(d.Name); ok {
		return t.PricePerHour
	}
	v.warnings = append(v.warnings, fmt.Sprintf("%s: instance type %q has no pricePerHour: its instances cost $0 in cost figures (set pricePerHour, USD per hour)", p, d.Name))
	return 0
}

// maxPricePerHour bounds an instance price (the dearest EC2 instance costs
// a few hundred dollars an hour).
const maxPricePerHour = 100000

// requiredRange reports a number left unset (0) as required, saying what
// it is, and checks a set one against [lo, hi].
func (v *validator) requiredRange(path string, x, lo, hi int64, what string) {
	if x == 0 {
		v.errf(path, "required: %s (%d to %d)", what, lo, hi)
		return
	}
	v.intRange(path, x, lo, hi)
}

// intRange checks lo <= x <= hi, reporting false when it does not hold.
func (v *validator) intRange(path string, x, lo, hi int64) bool {
	if x < lo || x > hi {
		v.errf(path, "must be between %d and %d (got %d)", lo, hi, x)
		return false
	}
	return true
}

// instanceType resolves a catalogue name.
func (v *validator) instanceType(path, name string) *cluster.InstanceType {
	if name == "" {
		v.errf(path, "required: %s", v.typeHelp(""))
		return nil
	}
	t, ok := v.cat.Lookup(name)
	if !ok {
		v.errf(path, "%s", v.unknownType(name))
	}
	return t
}

// unknownType says that name is not in the catalogue, what is, and how to
// declare it.
func (v *validator) unknownType(name string) string {
	msg := fmt.Sprintf("unknown instance type %q", name)
	if s := suggest(name, v.cat.Names()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg + ": " + v.typeHelp(name) +
		fmt.Sprintf("; to use another, declare it under instanceTypes: [{name: %q, vcpu: 4, memoryMiB: 16384, enis: 4, pricePerHour: 0.2}]", name)
}

// typeHelp lists the sizes of name's family when the catalogue has it,
// else the families.
func (v *validator) typeHelp(name string) string { return v.cat.Help(name) }

// clusterSpec checks the cluster's zones, container instances and Fargate
// provisioning delay.
func (v *validator) clusterSpec(c *ClusterSpec, cfg *world.Config) {
	seen := map[string]bool{}
	for i, az := range c.AvailabilityZones {
		p := index("cluster.availabilityZones", i)
		if az == "" || seen[az] {
			v.errf(p, "zone names must be non-empty and unique (got %q)", az)
		}
		seen[az] = true
	}
	cfg.AvailabilityZones = c.AvailabilityZones
	cfg.AwsvpcTrunking = c.AwsvpcTrunking
	total := 0
	for i := range c.ContainerInstances {
		ci := &c.ContainerInstances[i]
		p := index("cluster.containerInstances", i)
		t := v.instanceType(join(p, "instanceType"), ci.InstanceType)
		if v.intRange(join(p, "count"), int64(*ci.Count), 1, MaxInstances) {
			total += *ci.Count
		}
		if ci.AvailabilityZone != "" && !seen[ci.AvailabilityZone] {
			v.errf(join(p, "availabilityZone"), "%q is not one of the cluster's zones%s", ci.AvailabilityZone, accepted(c.AvailabilityZones...))
		}
		attrs := v.attributes(join(p, "attributes"), ci.Attributes)
		if t != nil && (ci.ReservedMemoryMiB < 0 || ci.ReservedMemoryMiB >= t.RegisteredMemoryMiB) {
			v.errf(join(p, "reservedMemoryMiB"), "must be between 0 and %d, below %s's registered memory (got %d)",
				t.RegisteredMemoryMiB-1, t.Name, ci.ReservedMemoryMiB)
		}
		os, ok := osFamilyOf(ci.OSFamily)
		if !ok {
			v.errf(join(p, "osFamily"), "unknown operating system family %q%s", ci.OSFamily, accepted(osFamilies...))
		}
		cfg.Instances = append(cfg.Instances, world.InstanceGroup{Type: t, Count: *ci.Count,
			AvailabilityZone: ci.AvailabilityZone, Attributes: attrs, ReservedMemoryMiB: ci.ReservedMemoryMiB, OSFamily: os,
			ReservedPorts: v.reservedPorts(join(p, "reservedPorts"), ci.ReservedPorts)})
	}
	if total > MaxInstances {
		v.errf("cluster.containerInstances", "%d instances in all; at most %d", total, MaxInstances)
	}
	if c.Fargate.ProvisioningDelay != nil {
		cfg.Fargate.ProvisioningDelay = v.dist("cluster.fargate.provisioningDelay", c.Fargate.ProvisioningDelay)
	} else {
		cfg.Fargate.ProvisioningDelay = DefaultFargateProvisioningDelay()
	}
}

// attributes validates custom attributes (docs/model.md §5.5: names of
// 1-128 letters, digits and - _ / \ .; values of 1-128 characters without
// leading or trailing spaces) and returns them sorted by name.
func (v *validator) attributes(path string, m map[string]string) []cluster.Attribute {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]cluster.Attribute, 0, len(m))
	for _, k := range names {
		val := m[k]
		switch {
		case !attrName.MatchString(k):
			v.errf(join(path, k), "attribute names are 1-128 letters, digits, '-', '_', '/', '\\' or '.'")
		case strings.HasPrefix(k, "ecs."):
			v.errf(join(path, k), "the ecs. prefix is reserved for ECS's built-in attributes")
		case val == "" || len(val) > 128 || strings.TrimSpace(val) != val:
			v.errf(join(path, k), "attribute values are 1-128 characters without leading or trailing spaces")
		}
		out = append(out, cluster.Attribute{Name: k, Value: val})
	}
	return out
}

// reservedPorts checks ECS_RESERVED_PORTS: ports 1-65535, at most 100
// (docs/model.md §5.2). The default is 22, 2375, 2376, 51678 and 51679;
// add 51680 when the agent has ECS_ENABLE_PROMETHEUS_METRICS on.
func (v *validator) reservedPorts(path string, ports []int) []int {
	if ports == nil {
		return nil
	}
	if len(ports) > cluster.MaxReservedPorts {
		v.errf(path, "at most %d reserved ports (got %d)", cluster.MaxReservedPorts, len(ports))
	}
	for i, p := range ports {
		v.intRange(index(path, i), int64(p), 1, 65535)
	}
	return ports
}
