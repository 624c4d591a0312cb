package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// ledger is the test's own record of the tasks placed, so that the
// properties below count tasks per instance, group and attribute value
// without the cluster's or the placer's bookkeeping.
type ledger struct {
	w     *world
	tasks []*cluster.Task
}

// on counts the tasks of g (all groups if g < 0) on in; running counts
// only RUNNING ones.
func (l *ledger) on(in *cluster.Instance, g cluster.GroupID, running bool) int {
	n := 0
	for _, t := range l.tasks {
		if t.Instance == in.ID && (g < 0 || t.Group == g) && (!running || t.State == cluster.Running) {
			n++
		}
	}
	return n
}

// perValue counts g's tasks per current value of attribute name ("" for
// instances without it: spread counts them as one more value, §14.4).
func (l *ledger) perValue(g cluster.GroupID, name string) map[string]int {
	out := map[string]int{}
	for _, t := range l.tasks {
		if t.Group == g {
			v, _ := l.w.c.Instance(t.Instance).Attribute(name)
			out[v]++
		}
	}
	return out
}

// place places a task of d for r and returns it.
func (l *ledger) place(t *testing.T, d *cluster.TaskDefinition, r Request) *cluster.Task {
	t.Helper()
	r.Req = d.Requirements()
	in := l.w.p.Place(&r)
	if in == nil {
		t.Fatalf("no instance for %v", r.Chain)
	}
	return placeOn(t, l.w, in, r.Group, d)
}

// rule is a constraint and the test's own reading of it.
type rule struct {
	c  Constraint
	ok func(l *ledger, in *cluster.Instance, g cluster.GroupID) bool
}

func attrIs(in *cluster.Instance, name string, values ...string) bool {
	v, ok := in.Attribute(name)
	return ok && slices.Contains(values, v)
}

// rules are the constraints the property tests draw from, each read by hand
// from docs/model.md §5.4 and the operator table of §5.5.
func rules(t testing.TB, w *world) []rule {
	groupB := w.c.Group("service:b")
	return []rule{
		{DistinctInstance(), func(l *ledger, in *cluster.Instance, g cluster.GroupID) bool { return l.on(in, g, false) == 0 }},
		{mustMemberOf(t, w, "attribute:stack == prod"), func(_ *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
			return attrIs(in, "stack", "prod")
		}},
		{mustMemberOf(t, w, "attribute:rack in [0, 1]"), func(_ *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
			return attrIs(in, "rack", "0", "1")
		}},
		{mustMemberOf(t, w, "attribute:ecs.instance-type =~ m5.*"), func(_ *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
			return strings.HasPrefix(in.Type.Name, "m5.")
		}},
		{mustMemberOf(t, w, "runningTasksCount < 3"), func(l *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
			return l.on(in, -1, true) < 3
		}},
		{mustMemberOf(t, w, "not(task:group == service:b)"), func(l *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
			return l.on(in, groupB, false) == 0
		}},
		{mustMemberOf(t, w, "attribute:stack exists and not(attribute:ecs.availability-zone == us-east-1c)"),
			func(_ *ledger, in *cluster.Instance, _ cluster.GroupID) bool {
				return attrIs(in, "stack", "prod", "dev") && in.AZ != "us-east-1c"
			}},
	}
}

// TestPropertyPlacementIsValid is the placement contract of docs/model.md
// §5.1 checked on random clusters under random churn (tasks stopping and
// starting to run, agents disconnecting, instances draining and coming back,
// attributes changing): whenever Place chooses an instance, it is ACTIVE with
// its agent connected, the task fits, and every constraint holds by the
// test's own reading of it; whenever Place finds nothing, no instance
// qualifies; Explain gives a reason exactly when Place finds nothing (§5.6);
// and the chain is honoured, ranked by hand: binpack prefers the least free
// amount, spread the value or instance with the fewest of the group's tasks,
// each strategy breaking the ties of those before it (§5.3).
func TestPropertyPlacementIsValid(t *testing.T) {
	types := []string{"t3.medium", "m5.large", "m5.xlarge", "c5.large", "r5.large", "g4dn.xlarge"}
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	for trial := 0; trial < 30; trial++ {
		rng := rand.New(rand.NewPCG(uint64(trial), 31))
		w := newWorld(uint64(trial))
		l := &ledger{w: w}
		rs := rules(t, w)
		chains := []Chain{
			NewChain(),
			NewChain(Binpack(DimMemory)),
			NewChain(Binpack(DimCPU), SpreadInstance()),
			NewChain(SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimMemory)),
			NewChain(SpreadAttribute("ecs.availability-zone", w.c), SpreadInstance()),
			NewChain(SpreadAttribute("rack", w.c), Binpack(DimCPU)),
			NewChain(SpreadAttribute("stack", w.c)),
			NewChain(SpreadInstance(), Binpack(DimMemory)),
			NewChain(SpreadInstance(), SpreadAttribute("ecs.availability-zone", w.c), Binpack(DimCPU)),
		}
		// Prepare every (chain, constraint set) the trial uses, so that the
		// spread counts are exact from the first task on (Prepare's contract).
		conSets := [][]rule{nil}
		for i := range rs {
			conSets = append(conSets, []rule{rs[i]})
			conSets = append(conSets, []rule{rs[i], rs[(i+3)%len(rs)]})
		}
		for _, ch := range chains {
			for _, cs := range conSets {
				r := &Request{Chain: ch}
				for _, ru := range cs {
					r.Constraints = append(r.Constraints, ru.c)
				}
				w.p.Prepare(r)
			}
		}
		n := 4 + rng.IntN(20)
		for i := 0; i < n; i++ {
			var attrs []cluster.Attribute
			if rng.IntN(4) > 0 {
				attrs = append(attrs, cluster.Attribute{Name: "rack", Value: fmt.Sprint(rng.IntN(4))})
			}
			if rng.IntN(3) > 0 {
				attrs = append(attrs, cluster.Attribute{Name: "stack", Value: []string{"prod", "dev"}[rng.IntN(2)]})
			}
			w.add(t, types[rng.IntN(len(types))], azs[rng.IntN(len(azs))], attrs...)
		}
		defs := []*cluster.TaskDefinition{taskDef(256, 512), taskDef(1024, 2048), taskDef(128, 3000), taskDef(2048, 256),
			taskDef(0, 1024), portDef(80), portDef(0), awsvpcDef(), gpuDef(1)}
		groups := []cluster.GroupID{w.c.Group("service:a"), w.c.Group("service:b"), w.c.Group("family:c")}
		for step := 0; step < 300; step++ {
			insts := w.c.Instances()
			switch rng.IntN(14) {
			case 0, 1:
				if len(l.tasks) > 0 {
					i := rng.IntN(len(l.tasks))
					w.c.Unplace(l.tasks[i])
					l.tasks = slices.Delete(l.tasks, i, i+1)
				}
				continue
			case 2:
				if len(l.tasks) > 0 {
					w.c.SetTaskState(l.tasks[rng.IntN(len(l.tasks))], cluster.Running)
				}
				continue
			case 3:
				in := insts[rng.IntN(n)]
				w.c.SetAgentConnected(in, !in.AgentConnected)
				continue
			case 4:
				in := insts[rng.IntN(n)]
				if in.Status == cluster.Active {
					w.c.SetStatus(in, cluster.Draining, 0)
				} else {
					w.c.SetStatus(in, cluster.Active, 0)
				}
				continue
			case 5:
				in := insts[rng.IntN(n)]
				attrs := replaceAttr(in, "stack", []string{"prod", "dev"}[rng.IntN(2)])
				attrs = slices.DeleteFunc(attrs, func(a cluster.Attribute) bool { return a.Name == "rack" })
				if rng.IntN(2) == 0 {
					attrs = append(attrs, cluster.Attribute{Name: "rack", Value: fmt.Sprint(rng.IntN(4))})
				}
				w.c.SetAttributes(in, attrs)
				continue
			}
			d := defs[rng.IntN(len(defs))]
			g := groups[rng.IntN(len(groups))]
			ch := chains[rng.IntN(len(chains))]
			cs := conSets[rng.IntN(len(conSets))]
			r := &Request{Req: d.Requirements(), Group: g, Chain: ch}
			for _, ru := range cs {
				r.Constraints = append(r.Constraints, ru.c)
			}
			qualifies := func(in *cluster.Instance) bool {
				if in.Status != cluster.Active || !in.AgentConnected || in.Lacks(r.Req) != cluster.ResourceNone {
					return false
				}
				for _, ru := range cs {
					if !ru.ok(l, in, g) {
						return false
					}
				}
				return true
			}
			var cands []*cluster.Instance
			for _, in := range insts {
				if qualifies(in) {
					cands = append(cands, in)
				}
			}
			got := w.p.Place(r)
			reason := w.p.Explain(r)
			where := fmt.Sprintf("trial %d step %d chain %v constraints %v", trial, step, ch, r.Constraints)
			if got == nil {
				if len(cands) > 0 {
					t.Fatalf("%s: nothing placed, but %d instances qualify", where, len(cands))
				}
				if reason == ReasonNone {
					t.Fatalf("%s: nothing placed, yet Explain gives no reason", where)
				}
				continue
			}
			if !qualifies(got) {
				t.Fatalf("%s: chose %d (status %v, agent %v, lacks %v, attrs %v), which does not qualify",
					where, got.ID, got.Status, got.AgentConnected, got.Lacks(r.Req), got.Attributes())
			}
			if reason != ReasonNone {
				t.Fatalf("%s: placed, yet Explain says %q", where, reason)
			}
			checkChain(t, where, l, ch, g, got, cands)
			task := w.c.NewTask(d, g, 0)
			if err := w.c.Place(task, got); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			l.tasks = append(l.tasks, task)
		}
	}
}

// handRank is the test's own rank of in for strategy s (lower is better,
// §5.3): binpack the free amount, spread(instanceId) the group's tasks on in,
// spread on an attribute the group's tasks on instances with in's value.
func handRank(l *ledger, s Strategy, g cluster.GroupID, in *cluster.Instance) int64 {
	switch s := s.(type) {
	case binpack:
		if s.dim == DimCPU {
			return in.Free().CPU
		}
		return in.Free().MemoryMiB
	case spreadInstance:
		return int64(l.on(in, g, false))
	case spreadAttribute:
		v, _ := in.Attribute(s.name)
		return int64(l.perValue(g, s.name)[v])
	}
	panic(fmt.Sprintf("no hand rank for %v", s))
}

// checkChain checks, with hand counts, that got ranks best among cands for
// the whole chain, each strategy breaking the ties of the ones before (§5.3
// chains).
func checkChain(t *testing.T, where string, l *ledger, ch Chain, g cluster.GroupID, got *cluster.Instance, cands []*cluster.Instance) {
	t.Helper()
	vec := func(in *cluster.Instance) []int64 {
		var out []int64
		for _, s := range ch.Strategies() {
			out = append(out, handRank(l, s, g, in))
		}
		return out
	}
	mine := vec(got)
	for _, in := range cands {
		if v := vec(in); slices.Compare(v, mine) < 0 {
			t.Fatalf("%s: chose %d ranked %v; %d ranks better, %v", where, got.ID, mine, in.ID, v)
		}
	}
}

// TestPropertySpreadStaysBalanced: when every instance can take every task,
// spread on an attribute never leaves the group's task counts per value
// differing by more than one (§5.3, W-19), whatever the chain's later
// strategies, the number of values, instances without the attribute (one
// more value, §14.4), or another group's tasks placed in between (counts
// are per group).
func TestPropertySpreadStaysBalanced(t *testing.T) {
	for trial := 0; trial < 40; trial++ {
		rng := rand.New(rand.NewPCG(uint64(trial), 5))
		w := newWorld(uint64(trial))
		l := &ledger{w: w}
		values := 1 + rng.IntN(7)
		seen := map[string]bool{}
		for i := 0; i < 3+rng.IntN(20); i++ {
			var attrs []cluster.Attribute
			v := ""
			if rng.IntN(6) > 0 {
				v = fmt.Sprint("z", rng.IntN(values))
				attrs = append(attrs, cluster.Attribute{Name: "zone", Value: v})
			}
			seen[v] = true
			w.add(t, []string{"m5.xlarge", "r5.large", "m5.2xlarge"}[rng.IntN(3)], "us-east-1a", attrs...)
		}
		spread := SpreadAttribute("zone", w.c)
		chain := []Chain{
			NewChain(spread),
			NewChain(spread, Binpack(DimMemory)),
			NewChain(spread, Binpack(DimCPU)),
			NewChain(spread, SpreadInstance()),
			NewChain(spread, Binpack(DimMemory), SpreadInstance()),
		}[trial%5]
		g, other := w.c.Group("service:web"), w.c.Group("service:other")
		r := Request{Chain: chain, Group: g}
		w.p.Prepare(&r)
		for i := 0; i < 60; i++ {
			if rng.IntN(3) == 0 {
				l.tasks = append(l.tasks, l.place(t, taskDef(16, 16), Request{Chain: NewChain(Binpack(DimMemory)), Group: other}))
			}
			l.tasks = append(l.tasks, l.place(t, taskDef(32, 32), r))
			counts := l.perValue(g, "zone")
			lo, hi := 1<<30, -1
			for v := range seen {
				lo, hi = min(lo, counts[v]), max(hi, counts[v])
			}
			if hi-lo > 1 {
				t.Fatalf("trial %d chain %v after %d tasks: counts per value %v differ by %d", trial, chain, i+1, counts, hi-lo)
			}
		}
	}
}
