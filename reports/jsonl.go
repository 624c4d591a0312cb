package reports

import (
	"strconv"
	"unicode/utf8"

	"github.com/ecsim/ecsim/sim/record"
)

// appendEvent appends e as one JSON object and a newline: "t" (seconds,
// millisecond precision), "type", then the fields the event type uses. It is
// hand-rolled rather than encoding/json because a large run writes millions
// of lines and this path allocates nothing.
func appendEvent(b []byte, e *record.Event) []byte {
	b = append(b, `{"t":`...)
	b = e.T.AppendSeconds(b)
	b = appendStr(b, "type", e.Type.String())
	if e.Task != 0 {
		b = append(b, `,"task":`...)
		b = strconv.AppendInt(b, e.Task, 10)
	}
	b = appendStr(b, "taskDefinition", e.TaskDefinition)
	b = appendStr(b, "group", e.Group)
	b = appendStr(b, "owner", e.Owner)
	b = appendStr(b, "service", e.Service)
	b = appendStr(b, "provider", e.Provider)
	b = appendStr(b, "launchType", e.LaunchType)
	b = appendStr(b, "instance", e.Instance)
	b = appendStr(b, "instanceType", e.InstanceType)
	b = appendStr(b, "availabilityZone", e.AZ)
	b = appendTypeFields(b, e)
	b = appendStr(b, "alarm", e.Alarm)
	b = appendStr(b, "state", e.State)
	b = appendStr(b, "cause", e.Cause)
	b = appendStr(b, "reason", e.Reason)
	return append(b, "}\n"...)
}

// appendTypeFields appends the fields only some event types use.
func appendTypeFields(b []byte, e *record.Event) []byte {
	switch e.Type {
	case record.TaskSubmitted, record.TaskPlaced, record.InstanceRegistered, record.InstanceLaunched:
		b = appendInt(b, "cpu", e.CPU)
		b = appendInt(b, "memory", e.MemoryMiB)
		if e.PricePerHour > 0 {
			b = append(b, `,"pricePerHour":`...)
			b = strconv.AppendFloat(b, e.PricePerHour, 'f', -1, 64)
		}
		if e.Daemon {
			b = append(b, `,"daemon":true`...)
		}
	case record.TaskStopped:
		if e.Instance != "" {
			b = appendInt(b, "cpu", e.CPU)
			b = appendInt(b, "memory", e.MemoryMiB)
			if e.Daemon {
				b = append(b, `,"daemon":true`...)
			}
		}
	case record.TaskRunning:
		b = append(b, `,"waitSeconds":`...)
		b = strconv.AppendFloat(b, e.Wait.Seconds(), 'f', -1, 64)
	case record.ServiceThrottled:
		b = append(b, `,"delaySeconds":`...)
		b = strconv.AppendFloat(b, e.Wait.Seconds(), 'f', -1, 64)
	case record.MetricPublished, record.ScalingSkipped:
		b = appendFloat(b, "value", e.Value)
		b = appendFloat(b, "target", e.Target)
		b = appendInt(b, "m", int64(e.M))
		b = appendInt(b, "n", int64(e.N))
		if e.Type == record.ScalingSkipped {
			b = appendInt(b, "desired", int64(e.From))
			b = appendInt(b, "goal", int64(e.To))
		}
	case record.AlarmStateChanged:
		b = appendFloat(b, "value", e.Value)
		b = appendFloat(b, "target", e.Target)
		b = appendInt(b, "datapoints", int64(e.Datapoints))
	case record.DesiredCapacityChanged, record.ServiceDesiredCountChanged:
		b = appendInt(b, "from", int64(e.From))
		b = appendInt(b, "to", int64(e.To))
	case record.InstanceTerminated:
		b = appendInt(b, "tasks", int64(e.Tasks))
	}
	return b
}

// appendFloat appends ,"key":v rounded to 4 decimals.
func appendFloat(b []byte, key string, v float64) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return strconv.AppendFloat(b, round(v, 4), 'f', -1, 64)
}

func appendInt(b []byte, key string, v int64) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return strconv.AppendInt(b, v, 10)
}

// appendStr appends ,"key":"value" unless value is empty.
func appendStr(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}
