package scenarios

import (
	"slices"

	"github.com/ecsim/ecsim/sim/cluster"
	"github.com/ecsim/ecsim/sim/world"
)

// prices checks the prices: block: non-negative prices for known instance
// types, discounts between 0 and 1.
func (v *validator) prices(ps *PricesSpec) world.Prices {
	out := world.DefaultPrices()
	names := make([]string, 0, len(ps.EC2))
	for name := range ps.EC2 {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		pr := ps.EC2[name]
		p := join("prices.ec2", name)
		if _, ok := v.cat.Lookup(name); !ok {
			v.errf(p, "%s", v.unknownType(name))
		}
		if pr.OnDemand < 0 || pr.Spot < 0 {
			v.errf(p, "prices must be >= 0 (got onDemand %v, spot %v)", pr.OnDemand, pr.Spot)
		}
		if out.EC2 == nil {
			out.EC2 = map[string]world.EC2Price{}
		}
		out.EC2[name] = world.EC2Price{OnDemand: pr.OnDemand, Spot: pr.Spot}
	}
	if ps.EC2SpotDiscount != nil {
		out.EC2SpotDiscount = *ps.EC2SpotDiscount
		v.fraction("prices.ec2SpotDiscount", out.EC2SpotDiscount, false)
	}
	if ps.FargateSpotDiscount != nil {
		out.FargateSpotDiscount = *ps.FargateSpotDiscount
		v.fraction("prices.fargateSpotDiscount", out.FargateSpotDiscount, false)
	}
	for _, f := range []struct {
		name string
		in   *FargatePriceSpec
		out  *cluster.FargatePrice
	}{{"linuxX86", ps.Fargate.LinuxX86, &out.FargateLinuxX86}, {"linuxArm", ps.Fargate.LinuxARM, &out.FargateLinuxARM},
		{"windows", ps.Fargate.Windows, &out.FargateWindows}} {
		if f.in == nil {
			continue
		}
		if f.in.VCPUHour < 0 || f.in.GBHour < 0 {
			v.errf(join("prices.fargate", f.name), "prices must be >= 0")
		}
		*f.out = cluster.FargatePrice{PerVCPUHour: f.in.VCPUHour, PerGBHour: f.in.GBHour}
	}
	return out
}
