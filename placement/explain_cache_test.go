package placement

import (
	"math/rand/v2"
	"testing"

	"github.com/ecsim/ecsim/sim/cluster"
)

// TestExplainCacheMatchesScan: the counts Explain keeps for requests with
// static constraints give, after every change to the fleet, the answer a
// scan of every instance gives (docs/model.md §5.6): tasks placed and
// stopped, instances registering, draining, deregistering and losing their
// agent, more requests than the counts are kept for.
func TestExplainCacheMatchesScan(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 3))
		w := newWorld(seed)
		for i := range 12 {
			w.add(t, []string{"m5.large", "c5.large", "r5.large"}[i%3], []string{"us-east-1a", "us-east-1b"}[i%2],
				cluster.Attribute{Name: "rack", Value: []string{"r1", "r2", "r3"}[r.IntN(3)]})
		}
		cons := [][]Constraint{nil, {mustMemberOf(t, w, "attribute:rack == r1")},
			{mustMemberOf(t, w, "attribute:ecs.instance-type =~ m5.*")}, {mustMemberOf(t, w, "attribute:rack != r2")}}
		var reqs []*Request
		for _, c := range cons {
			for _, d := range []*cluster.TaskDefinition{taskDef(256, 512), taskDef(2048, 1024), taskDef(512, 15000), gpuDef(1)} {
				reqs = append(reqs, &Request{Chain: NewChain(), Group: w.c.Group("g"), Req: d.Requirements(), Constraints: c})
			}
		}
		// Most steps ask about the first six requests, whose counts stay
		// kept and must follow the changes; now and then one of the
		// others, which evicts the least recently asked.
		var tasks []*cluster.Task
		for step := range 300 {
			churn(t, w, r, &tasks)
			asked := reqs[:6]
			if step%10 == 9 {
				asked = reqs[6+r.IntN(len(reqs)-6):][:1]
			}
			for i, q := range asked {
				if got, want := w.p.Explain(q), w.p.explainScan(q); got != want {
					t.Fatalf("seed %d step %d request %d: Explain %s, scan %s", seed, step, i, got, want)
				}
			}
		}
	}
}

// churn makes one random change to w's fleet.
func churn(t *testing.T, w *world, r *rand.Rand, tasks *[]*cluster.Task) {
	t.Helper()
	insts := w.c.Instances()
	in := insts[r.IntN(len(insts))]
	switch r.IntN(7) {
	case 0, 1, 2: // a task of random size, where it fits
		d := taskDef(int64(128*(1+r.IntN(8))), int64(256*(1+r.IntN(16))))
		if in.Status == cluster.Active && in.Lacks(d.Requirements()) == cluster.ResourceNone {
			task := w.c.NewTask(d, 0, 0)
			if err := w.c.Place(task, in); err != nil {
				t.Fatal(err)
			}
			*tasks = append(*tasks, task)
		}
	case 3: // a task stops
		if n := len(*tasks); n > 0 {
			i := r.IntN(n)
			w.c.Unplace((*tasks)[i])
			(*tasks)[i] = (*tasks)[n-1]
			*tasks = (*tasks)[:n-1]
		}
	case 4:
		w.c.SetAgentConnected(in, !in.AgentConnected)
	case 5:
		if in.Status == cluster.Active {
			w.c.SetStatus(in, cluster.Draining, 0)
		} else if in.Status == cluster.Draining {
			w.c.SetStatus(in, cluster.Active, 0)
		}
	case 6:
		w.add(t, "m5.xlarge", "us-east-1a", cluster.Attribute{Name: "rack", Value: "r1"})
	}
}
