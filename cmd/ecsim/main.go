// Command ecsim is a discrete-event simulator of Amazon ECS clusters: task
// placement, capacity providers and cluster auto scaling.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
