package scenarios

import (
	"strings"
	"time"

	"github.com/ecsim/ecsim/workloads"
)

// arrivalKeys is the order in which unused keys are reported.
var arrivalKeys = []string{"ratePerMinute", "at", "minRatePerMinute", "maxRatePerMinute", "period", "peakAt",
	"ratesPerMinute", "repeat", "on", "off", "startOff", "states"}

// arrivals checks an arrival process and converts it. Field checks carry the
// scenario's positions; once they pass, workloads.ArrivalSpec.Validate checks
// the relations between fields, each problem a workloads.FieldError named
// by its scenario key (no message text is parsed).
func (v *validator) arrivals(p string, a *ArrivalsSpec, horizon time.Duration) workloads.ArrivalSpec {
	before := len(v.errs)
	spec := v.arrivalSpec(p, a)
	proc, ok := v.wl.Process(a.Process)
	switch {
	case a.Process == "":
		v.errf(join(p, "process"), "required%s", accepted(v.wl.Processes()...))
		return spec
	case !ok:
		v.errf(join(p, "process"), "unknown arrival process %q%s", a.Process, accepted(v.wl.Processes()...))
		return spec
	}
	// The keys a process uses (README "Arrival processes"); any other key
	// set is an error naming the processes it is for.
	uses := proc.Keys
	set := map[string]bool{"ratePerMinute": a.RatePerMinute != 0, "at": a.At.Set,
		"minRatePerMinute": a.MinRatePerMinute != 0, "maxRatePerMinute": a.MaxRatePerMinute != 0,
		"period": a.Period.Set, "peakAt": a.PeakAt.Set, "ratesPerMinute": a.RatesPerMinute != nil,
		"repeat": a.Repeat.Set, "on": a.On != nil, "off": a.Off != nil, "startOff": a.StartOff, "states": a.States != nil}
	for _, k := range arrivalKeys {
		if set[k] && !contains(uses, k) {
			v.errf(join(p, k), "not used by the %s process (it is for %s)", a.Process, strings.Join(v.processesUsing(k), ", "))
		}
	}
	if a.Process == workloads.Batch {
		v.batch(p, a, spec, horizon)
	} else {
		v.intRange(join(p, "count"), int64(spec.Count), 1, MaxTasksPerCall)
	}
	v.rates(p, a)
	if a.Process == workloads.Poisson || a.Process == workloads.Batch || len(v.errs) > before {
		return spec
	}
	if es, ok := v.wl.CheckArrivals(spec).(workloads.FieldErrors); ok {
		for _, e := range es {
			v.errf(join(p, e.Field), "%s", e.Msg)
		}
	}
	return spec
}

// arrivalSpec converts the YAML form; missing values are zero and caught by
// the checks.
func (v *validator) arrivalSpec(p string, a *ArrivalsSpec) workloads.ArrivalSpec {
	spec := workloads.ArrivalSpec{Process: a.Process, RatePerMinute: a.RatePerMinute, At: a.At.D,
		MinRatePerMinute: a.MinRatePerMinute, MaxRatePerMinute: a.MaxRatePerMinute, Period: a.Period.D,
		PeakAt: a.PeakAt.D, Repeat: a.Repeat.D, StartOff: a.StartOff}
	if a.Count != nil {
		spec.Count = *a.Count
	}
	for i, r := range a.RatesPerMinute {
		q := index(join(p, "ratesPerMinute"), i)
		if !r.At.Set {
			v.errf(join(q, "at"), "required: the offset of this point, e.g. 8h")
		}
		if r.Rate == nil {
			v.errf(join(q, "rate"), "required: the rate at this point, in requests per minute")
			r.Rate = new(float64)
		}
		spec.Rates = append(spec.Rates, workloads.RatePoint{At: r.At.D, RatePerMinute: *r.Rate})
	}
	for i, st := range a.States {
		q := index(join(p, "states"), i)
		if st.RatePerMinute == nil {
			v.errf(join(q, "ratePerMinute"), "required: the rate in this state, in requests per minute")
			st.RatePerMinute = new(float64)
		}
		if !st.MeanDuration.Set {
			v.errf(join(q, "meanDuration"), "required: the mean time spent in this state on each visit, e.g. 10m")
		}
		spec.States = append(spec.States, workloads.MMPPState{RatePerMinute: *st.RatePerMinute, MeanDuration: st.MeanDuration.D})
	}
	if a.On != nil {
		spec.On = v.dist(join(p, "on"), a.On)
	} else if a.Process == workloads.OnOff {
		v.errf(join(p, "on"), "required for onoff: the length of the ON periods, e.g. {distribution: exponential, mean: 5m}")
	}
	if a.Off != nil {
		spec.Off = v.dist(join(p, "off"), a.Off)
	} else if a.Process == workloads.OnOff {
		v.errf(join(p, "off"), "required for onoff: the length of the OFF periods, e.g. {distribution: exponential, mean: 20m}")
	}
	return spec
}

// batch checks a batch's time and count.
func (v *validator) batch(p string, a *ArrivalsSpec, spec workloads.ArrivalSpec, horizon time.Duration) {
	if !a.At.Set {
		v.errf(join(p, "at"), "required for a batch: when the tasks are submitted, e.g. 10m")
	} else if a.At.D < 0 || a.At.D > horizon {
		v.errf(join(p, "at"), "must be between 0s and the scenario duration (%s) (got %s)", FormatDuration(horizon), FormatDuration(a.At.D))
	}
	if a.Count == nil {
		v.errf(join(p, "count"), "required for a batch: how many tasks are submitted at once")
	} else {
		v.intRange(join(p, "count"), int64(spec.Count), 1, MaxBatchCount)
	}
}

// rates checks that every rate is a number the simulator can run:
// 0 < ratePerMinute <= MaxRatePerMin for poisson and onoff, and
// 0 <= rate <= MaxRatePerMin elsewhere.
func (v *validator) rates(p string, a *ArrivalsSpec) {
	check := func(path string, x float64, positive bool) {
		if positive && !(x > 0) || !(x >= 0) || x > MaxRatePerMin {
			op := ">="
			if positive {
				op = ">"
			}
			v.errf(path, "must be %s 0 and at most %d (got %v)", op, MaxRatePerMin, x)
		}
	}
	switch a.Process {
	case workloads.Poisson, workloads.OnOff:
		check(join(p, "ratePerMinute"), a.RatePerMinute, true)
	case workloads.Diurnal:
		check(join(p, "minRatePerMinute"), a.MinRatePerMinute, false)
		check(join(p, "maxRatePerMinute"), a.MaxRatePerMinute, true)
	case workloads.Piecewise:
		if len(a.RatesPerMinute) == 0 {
			v.errf(join(p, "ratesPerMinute"), "required for piecewise: points [{at: 0s, rate: 5}, {at: 8h, rate: 40}, …]")
		}
		for i, r := range a.RatesPerMinute {
			if r.Rate != nil {
				check(join(index(join(p, "ratesPerMinute"), i), "rate"), *r.Rate, false)
			}
		}
	case workloads.MMPP:
		for i, st := range a.States {
			if st.RatePerMinute != nil {
				check(join(index(join(p, "states"), i), "ratePerMinute"), *st.RatePerMinute, false)
			}
		}
	}
}

// processesUsing lists the arrival processes that use key.
func (v *validator) processesUsing(key string) []string {
	var out []string
	for _, name := range v.wl.Processes() {
		if proc, _ := v.wl.Process(name); contains(proc.Keys, key) {
			out = append(out, name)
		}
	}
	return out
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
