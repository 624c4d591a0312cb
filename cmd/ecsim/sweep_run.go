package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/ecsim/ecsim/sim/world"
)

// pointsDone counts what a sweep process did.
type pointsDone struct{ run, skipped int }

// sweepJob is one point to run.
type sweepJob struct{ cell, rep int }

// runPoints runs the points of shard sh that dir does not hold yet, on
// opts.parallel workers, writing each as it finishes.
func runPoints(sc *scenarios.Scenario, p *reports.SweepPlan, dir string, sh shard, opts *sweepOptions, stderr io.Writer) (pointsDone, error) {
	var todo []sweepJob
	var done pointsDone
	for pt := sh.i; pt < p.Points; pt += sh.n {
		c, k := pt/p.Replications, pt%p.Replications
		if pointDone(p, dir, c, k) {
			done.skipped++
			continue
		}
		todo = append(todo, sweepJob{c, k})
	}
	workers := opts.parallel
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	bar := newCountProgress(stderr, opts.quiet, len(todo))
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		queue = make(chan sweepJob)
	)
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cache := cellConfigs{sc: sc, p: p}
			for j := range queue {
				err := runPoint(opts.ctx, &cache, dir, j)
				mu.Lock()
				switch {
				case err == nil:
					done.run++
				case first == nil && !errors.Is(err, errInterrupted):
					first = err
				}
				bar.add()
				mu.Unlock()
			}
		}()
	}
	for _, j := range todo {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop || opts.ctx.Err() != nil {
			break
		}
		queue <- j
	}
	close(queue)
	wg.Wait()
	bar.finish()
	if opts.ctx.Err() != nil {
		return done, &sweepInterrupted{kept: done.run + done.skipped}
	}
	return done, first
}

// pointDone reports whether dir holds point (c, k) of p, whole: a file a
// crash damaged, or one of another sweep, is run again and replaced.
func pointDone(p *reports.SweepPlan, dir string, c, k int) bool {
	pt, err := reports.ReadSweepPoint(p.PointPath(dir, c, k))
	return err == nil && pt.Sweep == p.Sweep && pt.Cell == c && pt.Replication == k && len(pt.Metrics) == len(p.Metrics)
}

// cellConfigs keeps a worker's last cell configuration: a worker's points
// come cell by cell, so each cell is validated once per worker.
type cellConfigs struct {
	sc   *scenarios.Scenario
	p    *reports.SweepPlan
	cell int
	cfg  *world.Config
}

// config returns cell c's configuration.
func (cc *cellConfigs) config(c int) (world.Config, error) {
	if cc.cfg != nil && cc.cell == c {
		return *cc.cfg, nil
	}
	var sets []scenarios.Set
	for i, v := range cc.p.Values(c) {
		par := cc.p.Parameters[i]
		sets = append(sets, scenarios.Set{Path: par.Path, Value: par.Values[v], Origin: "sweep cell " + fmt.Sprint(c)})
	}
	s, err := cc.sc.WithSets(sets...)
	if err != nil {
		return world.Config{}, err
	}
	cc.cell, cc.cfg = c, &s.Config
	return s.Config, nil
}

// runPoint runs one point and writes its file.
func runPoint(ctx context.Context, cc *cellConfigs, dir string, j sweepJob) error {
	cfg, err := cc.config(j.cell)
	if err != nil {
		return err
	}
	cfg.Seed = cc.p.Seeds[j.rep]
	m, err := runOne(ctx, cfg)
	if err != nil {
		if ctx.Err() != nil {
			return errInterrupted // the point is not written
		}
		return fmt.Errorf("sweep cell %d replication %d (seed %d): %w", j.cell, j.rep, cfg.Seed, err)
	}
	data, err := json.Marshal(cc.p.NewSweepPoint(j.cell, j.rep, m))
	if err != nil {
		return fmt.Errorf("sweep cell %d replication %d: %w", j.cell, j.rep, err)
	}
	return reports.WriteFileAtomic(cc.p.PointPath(dir, j.cell, j.rep), append(data, '\n'))
}

// sweepInterrupted is an interrupted sweep: the points it finished stay.
type sweepInterrupted struct{ kept int }

// Error says that the finished points are kept.
func (e *sweepInterrupted) Error() string {
	return fmt.Sprintf("interrupted; the %d points finished are kept: run the same command again to resume", e.kept)
}

// Unwrap makes an interrupted sweep exit as an interrupted run (130).
func (e *sweepInterrupted) Unwrap() error { return errInterrupted }
