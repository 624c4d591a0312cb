package reports

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim/record"
)

// TestAppendJSONString: quotes and backslashes escaped, control characters
// as \u00XX, UTF-8 kept, an invalid byte replaced by U+FFFD; what is valid
// UTF-8 decodes back to itself.
func TestAppendJSONString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        `"plain"`,
		`a"b\c`:        `"a\"b\\c"`,
		"tab\there\n":  `"tab\u0009here\u000a"`,
		"\x1f":         `"\u001f"`,
		"é → 世界":       `"é → 世界"`,
		"bad \xff end": `"bad \ufffd end"`,
		"":             `""`,
	} {
		got := string(appendJSONString(nil, in))
		if got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", in, got, want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil || (back != in && in != "bad \xff end") {
			t.Errorf("%s decodes to %q, %v", got, back, err)
		}
	}
}

// TestAppendEventFields: each event type writes the fields it uses, in
// events.jsonl's order, numbers rounded to 4 decimals.
func TestAppendEventFields(t *testing.T) {
	for _, tc := range []struct {
		e    record.Event
		want string
	}{
		{record.Event{T: at(1.5), Type: record.MetricPublished, Provider: "cp", Value: 133.33333, Target: 100, M: 4, N: 3},
			`{"t":1.5,"type":"MetricPublished","provider":"cp","value":133.3333,"target":100,"m":4,"n":3}`},
		{record.Event{T: at(2), Type: record.ScalingSkipped, Provider: "cp", Value: 200, Target: 100, M: 2, From: 1, To: 3, Reason: "warm-up"},
			`{"t":2,"type":"ScalingSkipped","provider":"cp","value":200,"target":100,"m":2,"n":0,"desired":1,"goal":3,"reason":"warm-up"}`},
		{record.Event{T: at(3), Type: record.AlarmStateChanged, Provider: "cp", Value: 50, Target: 100, Datapoints: 15, Alarm: "AlarmLow", State: "ALARM"},
			`{"t":3,"type":"AlarmStateChanged","provider":"cp","value":50,"target":100,"datapoints":15,"alarm":"AlarmLow","state":"ALARM"}`},
		{record.Event{T: at(4), Type: record.InstanceTerminated, Provider: "cp", Instance: "i-1", InstanceType: "m5.large", AZ: "us-east-1a", Tasks: 2, Cause: "scale-in"},
			`{"t":4,"type":"InstanceTerminated","provider":"cp","instance":"i-1","instanceType":"m5.large","availabilityZone":"us-east-1a","tasks":2,"cause":"scale-in"}`},
		{record.Event{T: at(5), Type: record.ServiceThrottled, Service: "api", Wait: 1500 * time.Millisecond},
			`{"t":5,"type":"ServiceThrottled","service":"api","delaySeconds":1.5}`},
		{record.Event{T: at(6), Type: record.InstanceRegistered, Instance: "i-2", CPU: 2048, MemoryMiB: 7680},
			`{"t":6,"type":"InstanceRegistered","instance":"i-2","cpu":2048,"memory":7680}`},
		{record.Event{T: at(7), Type: record.TaskPlaced, Task: 9, TaskDefinition: "web:1", Group: "service:web", LaunchType: "FARGATE", CPU: 256, MemoryMiB: 512},
			`{"t":7,"type":"TaskPlaced","task":9,"taskDefinition":"web:1","group":"service:web","launchType":"FARGATE","cpu":256,"memory":512}`},
	} {
		if got := string(appendEvent(nil, &tc.e)); got != tc.want+"\n" {
			t.Errorf("%s:\n got %s\nwant %s", tc.e.Type, got, tc.want)
		}
	}
}
