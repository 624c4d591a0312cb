package schedule_test

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/workloads/schedule"
)

// The EventBridge page's "Run every 5 minutes Monday through Friday between
// 8:00 am and 5:55 pm (UTC+0)", from a Friday afternoon.
func ExampleParse() {
	s, err := schedule.Parse("cron(0/5 8-17 ? * mon-fri *)", time.Time{})
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
	t := time.Date(2024, 1, 5, 17, 45, 0, 0, time.UTC)
	for range 4 {
		t, _ = s.Next(t)
		fmt.Println(t.Format("Mon Jan 2 15:04"))
	}
	// Output:
	// cron(0/5 8-17 ? * MON-FRI *)
	// Fri Jan 5 17:50
	// Fri Jan 5 17:55
	// Mon Jan 8 08:00
	// Mon Jan 8 08:05
}

// A rate fires one period after its anchor, then every period.
func ExampleParse_rate() {
	created := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	s, _ := schedule.Parse("rate(1 hour)", created)
	t, _ := s.Next(created)
	fmt.Println(t.Format("15:04"))
	_, err := schedule.Parse("rate(1 hours)", created)
	fmt.Println(err)
	// Output:
	// 10:00
	// column 8: use "hour" with 1 (rate(1 hour))
}
