package autoscaling

import (
	"testing"
	"time"
)

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 45 * time.Second: "45s", 5 * time.Minute: "5m", 90 * time.Second: "1m30s",
		time.Hour: "1h", 90 * time.Minute: "1h30m", 15*time.Minute + 500*time.Millisecond: "15m0.5s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
	if countInstances(1) != "1 instance" || countInstances(0) != "0 instances" || countInstances(3) != "3 instances" {
		t.Error("countInstances plurals")
	}
}
