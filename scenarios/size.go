package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// TaskSize is a task-level cpu or memory as ECS accepts it: a number (CPU
// units or MiB), a numeric string ("512", as describe-task-definition prints
// it), or a string with a unit: "1 vCPU" / "0.5 vcpu" (× 1024 CPU units) or
// "2 GB" / "2GB" (× 1024 MiB) (RegisterTaskDefinition, [td-params]).
type TaskSize struct {
	N   int64 // CPU units or MiB
	Set bool
	Raw string
}

// sizeHelp says how a task size is written.
const sizeHelp = `a size such as 512, "1 vCPU" or "2 GB"`

// TaskSizeSyntax says how a task size is written, in the words of the
// decoder's messages.
func TaskSizeSyntax() string { return sizeHelp }

// decodeScalar reads a task size such as 512, "1 vCPU" or "2 GB".
func (s *TaskSize) decodeScalar(n *yaml.Node) error {
	if n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" {
		return fmt.Errorf("expected %s, got %s", sizeHelp, describe(n))
	}
	v, err := parseTaskSize(n.Value)
	if err != nil {
		return err
	}
	s.N, s.Set, s.Raw = v, true, n.Value
	return nil
}

// parseTaskSize parses a task size into CPU units or MiB.
func parseTaskSize(raw string) (int64, error) {
	s := strings.TrimSpace(raw)
	mult := 1.0
	lower := strings.ToLower(s)
	switch {
	case strings.HasSuffix(lower, "vcpu"):
		mult, s = 1024, strings.TrimSpace(s[:len(s)-4])
	case strings.HasSuffix(lower, "gb"):
		mult, s = 1024, strings.TrimSpace(s[:len(s)-2])
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a size (accepted: CPU units or MiB as a number, or \"N vCPU\", \"N GB\")", raw)
	}
	v := f * mult
	if v != math.Trunc(v) || v > 1<<40 {
		return 0, fmt.Errorf("%q is not a whole number of CPU units or MiB", raw)
	}
	return int64(v), nil
}
