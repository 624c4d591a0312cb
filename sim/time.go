package sim

import (
	"strconv"
	"time"
)

// Time is a point of simulated time: an integer offset in nanoseconds from the
// start of the scenario (t = 0). It is never a floating-point number and never a
// wall-clock instant, so event order is exact and runs are reproducible.
type Time time.Duration

// Common spans of simulated time.
const (
	Second = Time(time.Second)
	Minute = Time(time.Minute)
	Hour   = Time(time.Hour)
)

// At converts a duration since the scenario start to a Time.
func At(d time.Duration) Time { return Time(d) }

// Duration returns t as a duration since the scenario start.
func (t Time) Duration() time.Duration { return time.Duration(t) }

// Seconds returns t in seconds since the scenario start.
func (t Time) Seconds() float64 { return time.Duration(t).Seconds() }

// Seconds converts a drawn number of seconds (a task duration, a delay) to
// a duration: 0 for s <= 0 (and NaN), the longest duration for s beyond it,
// else s truncated to the nanosecond.
//
// Example: Seconds(1.5) = 1.5s; Seconds(-3) = 0; Seconds(1e300) = 292 years.
func Seconds(s float64) time.Duration {
	const maxSeconds = float64(1<<63-1) / float64(time.Second)
	if s >= maxSeconds {
		return time.Duration(1<<63 - 1)
	}
	if !(s > 0) {
		return 0
	}
	return time.Duration(s * float64(time.Second))
}

// Add returns t+d.
func (t Time) Add(d time.Duration) Time { return t + Time(d) }

// Sub returns the duration t-u.
func (t Time) Sub(u Time) time.Duration { return time.Duration(t - u) }

// String formats t as a duration since the start, e.g. "1h30m0s".
func (t Time) String() string { return time.Duration(t).String() }

// AppendSeconds appends t in seconds with up to millisecond precision and no
// trailing zeros ("90", "90.5", "0.001") to b. It is the one format every
// output file uses for times, so that outputs are byte-stable.
func (t Time) AppendSeconds(b []byte) []byte {
	ms := int64(time.Duration(t) / time.Millisecond)
	if ms < 0 {
		b = append(b, '-')
		ms = -ms
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	frac := ms % 1000
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}
