package trace_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecsim/ecsim/workloads/trace"
)

func ExampleNew() {
	in := `submitSeconds,durationSeconds,cpu,memory,count
0,60,256,512,2
1.5,abc,1024,2048,1
30,90,1024,2048,1
`
	rd, err := trace.New(trace.CSV, strings.NewReader(in), trace.Options{SkipBadRows: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("at %v: %d × (%d CPU units, %d MiB) for %v\n", rec.Submit, rec.Count, rec.CPU, rec.MemoryMiB, rec.Duration)
	}
	fmt.Println("skipped", rd.Skipped())

	// In strict mode the bad row stops the replay.
	rd, _ = trace.New(trace.CSV, strings.NewReader(in), trace.Options{})
	for {
		if _, err := rd.Next(); err != nil {
			fmt.Println(err)
			break
		}
	}
	// Output:
	// at 0s: 2 × (256 CPU units, 512 MiB) for 1m0s
	// at 30s: 1 × (1024 CPU units, 2048 MiB) for 1m30s
	// skipped 1
	// line 3: durationSeconds: must be a number >= 0 (got "abc")
}
