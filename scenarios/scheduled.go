package scenarios

import (
	"errors"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim/world"
	"github.com/ecsim/ecsim/workloads"
	"github.com/ecsim/ecsim/workloads/schedule"
)

// scheduledTasks converts the EventBridge scheduled tasks into workloads
// whose arrivals are the schedule's firings from startTime
// (docs/model.md §11).
func (v *validator) scheduledTasks(f *File, cfg *world.Config) {
	for i := range f.ScheduledTasks {
		st := &f.ScheduledTasks[i]
		p := index("scheduledTasks", i)
		v.uniqueName(join(p, "name"), st.Name)
		w := WorkloadSpec{Name: st.Name, TaskDefinition: st.TaskDefinition, LaunchType: st.LaunchType,
			CapacityProviderStrategy: st.CapacityProviderStrategy, Group: st.Group, TaskStartDelay: st.TaskStartDelay,
			PlacementStrategy: st.PlacementStrategy, PlacementConstraints: st.PlacementConstraints}
		wl := world.Workload{Name: st.Name, LaunchType: st.LaunchType, Group: st.Group, TaskStartDelay: st.TaskStartDelay.D}
		v.definitions(p, &w, &wl)
		v.runTask(p, &w, &wl, cfg)
		wl.Duration = v.taskDuration(p, st.Duration)
		wl.ContainerDurations = v.containerDurations(join(p, "containerDurations"), st.ContainerDurations, wl.TaskDefinition)
		count := DefaultTaskCount
		if st.TaskCount != nil {
			count = *st.TaskCount
			v.intRange(join(p, "taskCount"), int64(count), 1, MaxTasksPerCall)
		}
		wl.Arrivals = workloads.ArrivalSpec{Count: count}
		wl.Schedule = v.schedule(join(p, "scheduleExpression"), st.ScheduleExpression, cfg)
		cfg.Workloads = append(cfg.Workloads, wl)
	}
}

// schedule parses a schedule expression anchored at the scenario's
// startTime, positioning a syntax error at its column; a schedule that
// never fires during the run is a warning.
func (v *validator) schedule(p, expr string, cfg *world.Config) world.Schedule {
	if expr == "" {
		v.errf(p, "required: cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss), e.g. cron(0 2 * * ? *)")
		return nil
	}
	s, err := schedule.Parse(expr, cfg.StartTime)
	if err == nil {
		first, ok := s.Next(cfg.StartTime.Add(-time.Nanosecond))
		if end := cfg.StartTime.Add(cfg.Duration); !ok || first.After(end) {
			when := "never fires"
			if ok {
				when = "first fires at " + first.Format(time.RFC3339)
			}
			v.warnings = append(v.warnings, fmt.Sprintf("%s: %s %s, after the run ends (%s)", p, expr, when, end.Format(time.RFC3339)))
		}
		return s
	}
	var se *schedule.SyntaxError
	pos := v.posOf(p)
	if errors.As(err, &se) && pos.Line > 0 && !pos.block {
		pos.Column += se.Column - 1
		if pos.quoted {
			pos.Column++
		}
		pos.quoted = false
		v.errAt(pos, p, "invalid schedule expression: "+se.Msg)
		return nil
	}
	v.errf(p, "invalid schedule expression: %v", err)
	return nil
}
