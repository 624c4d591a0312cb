package cluster

import "slices"

// FargateMemoryOptions returns the task memory sizes (MiB) Fargate accepts
// with a task CPU of cpu units, or nil if Fargate does not offer that CPU
// (docs/model.md §9.1, [fargate]):
//
//	256   (.25 vCPU)  512, 1024, 2048
//	512   (.5 vCPU)   1024–4096 in 1024 steps
//	1024  (1 vCPU)    2048–8192 in 1024 steps
//	2048  (2 vCPU)    4096–16384 in 1024 steps
//	4096  (4 vCPU)    8192–30720 in 1024 steps
//	8192  (8 vCPU)    16384–61440 in 4096 steps (Linux platform 1.4.0+)
//	16384 (16 vCPU)   32768–122880 in 8192 steps (Linux platform 1.4.0+)
func FargateMemoryOptions(cpu int64) []int64 {
	steps := func(lo, hi, step int64) []int64 {
		var out []int64
		for m := lo; m <= hi; m += step {
			out = append(out, m)
		}
		return out
	}
	switch cpu {
	case 256:
		return []int64{512, 1024, 2048}
	case 512:
		return steps(1024, 4096, 1024)
	case 1024:
		return steps(2048, 8192, 1024)
	case 2048:
		return steps(4096, 16384, 1024)
	case 4096:
		return steps(8192, 30720, 1024)
	case 8192:
		return steps(16384, 61440, 4096)
	case 16384:
		return steps(32768, 122880, 8192)
	}
	return nil
}

// FargateCPUOptions lists the task CPU values Fargate accepts; Windows
// tasks accept 1024, 2048 and 4096 only (§9.1).
func FargateCPUOptions(windows bool) []int64 {
	if windows {
		return []int64{1024, 2048, 4096}
	}
	return []int64{256, 512, 1024, 2048, 4096, 8192, 16384}
}

// FargateSizeValid reports whether Fargate accepts a task of cpu units and
// memory MiB.
func FargateSizeValid(cpu, memory int64, windows bool) bool {
	return slices.Contains(FargateCPUOptions(windows), cpu) && slices.Contains(FargateMemoryOptions(cpu), memory)
}

// FargatePrice is the us-east-1 Fargate price of one platform
// (docs/model.md §9.2, [fg-price]).
type FargatePrice struct {
	PerVCPUHour float64
	PerGBHour   float64
}

// DefaultFargatePrice returns the On-Demand price of a Fargate platform
// (§9.2): Linux on x86 or ARM (Graviton), or Windows on x86, whose OS licence
// of $0.046 per vCPU-hour is included.
func DefaultFargatePrice(windows, arm bool) FargatePrice {
	switch {
	case windows:
		return FargatePrice{PerVCPUHour: 0.09148 + 0.046, PerGBHour: 0.01005}
	case arm:
		return FargatePrice{PerVCPUHour: 0.03238, PerGBHour: 0.00356}
	}
	return FargatePrice{PerVCPUHour: 0.04048, PerGBHour: 0.004445}
}

// HourlyCost returns the price of one task of cpu units and memory MiB for
// an hour. Example (W-20): 1024 CPU / 2048 MiB on Linux x86 costs
// 0.04048 + 2 × 0.004445 = $0.04937 an hour.
func (p FargatePrice) HourlyCost(cpu, memoryMiB int64) float64 {
	return float64(cpu)/1024*p.PerVCPUHour + float64(memoryMiB)/1024*p.PerGBHour
}
