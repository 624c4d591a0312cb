package cluster

// The built-in instance table. Every figure comes from one of these sources
// (all retrieved as stored copies; the AWS pages themselves are the
// canonical references):
//
//   - [TRUNK] Amazon ECS "Supported instances for increased Amazon ECS
//     container network interfaces",
//     https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html
//     (formerly a section of container-instance-eni.html), read from AWS's
//     own documentation source github.com/awsdocs/amazon-ecs-developer-guide
//     doc_source/container-instance-eni.md (2023 copy, the last before that
//     repository was archived). Its "task limit without ENI trunking" column
//     is the maximum ENIs minus the primary one (so ENIs = that + 1) and its
//     "task limit with ENI trunking" column is TrunkTasks. Families the page
//     does not list (the T family) or names as unsupported (g4dn,
//     r5.8xlarge) have TrunkTasks 0.
//   - [ENI] EC2 maximum network interfaces (DescribeInstanceTypes
//     NetworkInfo.MaximumNetworkInterfaces; the "Network specifications"
//     tables of https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html,
//     ac.html), read from the generated table
//     github.com/aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go
//     (generated 2025-10-06). Used for the types [TRUNK] does not list; it
//     agrees with the ENIs [TRUNK] implies for every type compared (c5,
//     c6a, c6g, g5, m6a, m6g) and confirms c4.large, c4.4xlarge, t3.medium
//     and g4dn.xlarge.
//   - [SPEC] vCPUs, memory (MiB) and GPUs from the EC2 instance type
//     specifications, https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html,
//     co.html, mo.html and ac.html, read from the generated tables
//     github.com/kubernetes/autoscaler
//     cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go (for r6a,
//     r7g.8xlarge, r7g.12xlarge and the nine families below its copy
//     generated 2024-10-02, StaticListLastUpdateTime) and, for
//     m7g and r7g up to 4xlarge, github.com/aws/karpenter-provider-aws
//     website/content/en/docs/reference/instance-types.md.
//   - [ARCH] Graviton families (a "g" after the generation digit) are
//     arm64: AWS Graviton is a 64-bit Arm processor (EC2 user guide,
//     general purpose instances; github.com/aws/aws-graviton-getting-started
//     lists C6g, M6g, R6g, T4g, C7g, M7g, R7g; the autoscaler copy of
//     2024-10-02 labels the Graviton4 m8g, c8g, r8g arm64). All other
//     families here are Intel or AMD x86_64.
//   - [PRICE] us-east-1 Linux On-Demand USD per hour, the AWS Price List
//     values behind https://aws.amazon.com/ec2/pricing/on-demand/, read from
//     the generated secondary table github.com/aws/karpenter-provider-aws
//     pkg/providers/pricing/zz_generated.pricing_aws.go (generated
//     2026-01-19 for us-east-1); AWS's own pricing page was not retrievable.
//
// RegisteredMemoryMiB is left 0 (DefaultRegisteredMemory) except for the
// three documented registrations.
//
// Current generation without a trunk limit: m7i, m7a, m8g, c7i, c7a, c8g,
// r7i, r7a and r8g, sizes large to 12xlarge (and medium for the Graviton4
// m8g, c8g, r8g), have vCPUs, memory and architecture from [SPEC], ENIs
// from [ENI] and prices from [PRICE], and TrunkTasks 0. [TRUNK]'s
// retrieved copy predates them, and no stored copy of the current page or
// any transcription of its rows for them was found. [ENI]'s BranchInterface
// count (m7i.large 9, m7i.8xlarge 84, m8g.4xlarge 54) is EKS's
// security-groups-for-pods branch limit, not ECS's task limit: for the
// families [TRUNK] lists it is lower (c5.large 9 against 10, c5.4xlarge 54
// against 60, m6i.large 9 against 10, m6i.8xlarge 84 against 90,
// m5zn.large 13 against 14), and with no fixed relation between the two it
// cannot stand in for [TRUNK].

const (
	archX86 = "x86_64"
	archARM = "arm64"
)

// generalPurposeTypes holds the M and T families.
var generalPurposeTypes = []InstanceType{
	// m5 (Intel): [SPEC] gp.html; [TRUNK] ENIs and trunk limits; [PRICE].
	{Name: "m5.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.096},
	{Name: "m5.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, PricePerHour: 0.192},
	{Name: "m5.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, PricePerHour: 0.384},
	{Name: "m5.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.768},
	{Name: "m5.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 1.536},
	{Name: "m5.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 2.304},

	// m5a (AMD): [SPEC] gp.html; [TRUNK]; [PRICE].
	{Name: "m5a.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.086},
	{Name: "m5a.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.172},
	{Name: "m5a.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.344},
	{Name: "m5a.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.688},
	{Name: "m5a.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 1.376},
	{Name: "m5a.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 2.064},

	// m6i (Intel): [SPEC] gp.html; [TRUNK]; [PRICE].
	{Name: "m6i.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.096},
	{Name: "m6i.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.192},
	{Name: "m6i.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.384},
	{Name: "m6i.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.768},
	{Name: "m6i.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 1.536},
	{Name: "m6i.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 2.304},

	// m6a (AMD): [SPEC] gp.html; [TRUNK]; [PRICE].
	{Name: "m6a.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.0864},
	{Name: "m6a.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.1728},
	{Name: "m6a.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.3456},
	{Name: "m6a.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.6912},
	{Name: "m6a.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 1.3824},
	{Name: "m6a.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 2.0736},

	// m6g (Graviton2): [SPEC] gp.html; [TRUNK]; [ARCH]; [PRICE].
	{Name: "m6g.medium", VCPU: 1, MemoryMiB: 4096, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.0385},
	{Name: "m6g.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.077},
	{Name: "m6g.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.154},
	{Name: "m6g.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.308},
	{Name: "m6g.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.616},
	{Name: "m6g.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.232},
	{Name: "m6g.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.848},

	// m7g (Graviton3): [SPEC] gp.html (Karpenter copy); [TRUNK]; [ARCH]; [PRICE].
	{Name: "m7g.medium", VCPU: 1, MemoryMiB: 4096, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.0408},
	{Name: "m7g.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.0816},
	{Name: "m7g.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.1632},
	{Name: "m7g.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.3264},
	{Name: "m7g.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.6528},
	{Name: "m7g.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.3056},
	{Name: "m7g.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.9584},

	// Current generation (m7i, m7a, m8g): the ECS trunking table we could read
	// predates these families, so ecsim does not give them extra awsvpc tasks
	// under awsvpcTrunking; a scenario can set the real figure by declaring
	// the type under `instanceTypes:` with `awsvpcTrunkingTasks`. [SPEC]
	// (autoscaler copy of 2024-10-02); [ENI]; [PRICE]; TrunkTasks 0.
	// m7i (Intel).
	{Name: "m7i.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.1008},
	{Name: "m7i.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.2016},
	{Name: "m7i.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.4032},
	{Name: "m7i.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.8064},
	{Name: "m7i.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.6128},
	{Name: "m7i.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.4192},

	// m7a (AMD).
	{Name: "m7a.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.11592},
	{Name: "m7a.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.23184},
	{Name: "m7a.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.46368},
	{Name: "m7a.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.92736},
	{Name: "m7a.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.85472},
	{Name: "m7a.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.78208},

	// m8g (Graviton4).
	{Name: "m8g.medium", VCPU: 1, MemoryMiB: 4096, ENIs: 2, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.04488},
	{Name: "m8g.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.08976},
	{Name: "m8g.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.17952},
	{Name: "m8g.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.35904},
	{Name: "m8g.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.71808},
	{Name: "m8g.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 1.43616},
	{Name: "m8g.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 2.15424},

	// m4 (previous generation, Intel): documented registration
	// (memory-management page: 8192 MiB registers 7985 MiB); no trunking;
	// price [PRICE].
	{Name: "m4.large", VCPU: 2, MemoryMiB: 8192, RegisteredMemoryMiB: 7985, ENIs: 2, PricePerHour: 0.10},

	// t3 (burstable, Intel): [SPEC] gp.html; ENIs [ENI]; the T family is
	// absent from [TRUNK], so no trunking; [PRICE].
	{Name: "t3.nano", VCPU: 2, MemoryMiB: 512, ENIs: 2, Architecture: archX86, PricePerHour: 0.0052},
	{Name: "t3.micro", VCPU: 2, MemoryMiB: 1024, ENIs: 2, Architecture: archX86, PricePerHour: 0.0104},
	{Name: "t3.small", VCPU: 2, MemoryMiB: 2048, ENIs: 3, Architecture: archX86, PricePerHour: 0.0208},
	{Name: "t3.medium", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 0, PricePerHour: 0.0416},
	{Name: "t3.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, Architecture: archX86, PricePerHour: 0.0832},
	{Name: "t3.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, Architecture: archX86, PricePerHour: 0.1664},
	{Name: "t3.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, Architecture: archX86, PricePerHour: 0.3328},

	// t3a (burstable, AMD): [SPEC]; [ENI] (t3a.small has 2 ENIs, not 3);
	// no trunking; [PRICE].
	{Name: "t3a.nano", VCPU: 2, MemoryMiB: 512, ENIs: 2, Architecture: archX86, PricePerHour: 0.0047},
	{Name: "t3a.micro", VCPU: 2, MemoryMiB: 1024, ENIs: 2, Architecture: archX86, PricePerHour: 0.0094},
	{Name: "t3a.small", VCPU: 2, MemoryMiB: 2048, ENIs: 2, Architecture: archX86, PricePerHour: 0.0188},
	{Name: "t3a.medium", VCPU: 2, MemoryMiB: 4096, ENIs: 3, Architecture: archX86, PricePerHour: 0.0376},
	{Name: "t3a.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, Architecture: archX86, PricePerHour: 0.0752},
	{Name: "t3a.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, Architecture: archX86, PricePerHour: 0.1504},
	{Name: "t3a.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, Architecture: archX86, PricePerHour: 0.3008},

	// t4g (burstable, Graviton2): [SPEC]; [ENI]; no trunking; [ARCH]; [PRICE].
	{Name: "t4g.nano", VCPU: 2, MemoryMiB: 512, ENIs: 2, Architecture: archARM, PricePerHour: 0.0042},
	{Name: "t4g.micro", VCPU: 2, MemoryMiB: 1024, ENIs: 2, Architecture: archARM, PricePerHour: 0.0084},
	{Name: "t4g.small", VCPU: 2, MemoryMiB: 2048, ENIs: 3, Architecture: archARM, PricePerHour: 0.0168},
	{Name: "t4g.medium", VCPU: 2, MemoryMiB: 4096, ENIs: 3, Architecture: archARM, PricePerHour: 0.0336},
	{Name: "t4g.large", VCPU: 2, MemoryMiB: 8192, ENIs: 3, Architecture: archARM, PricePerHour: 0.0672},
	{Name: "t4g.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, Architecture: archARM, PricePerHour: 0.1344},
	{Name: "t4g.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, Architecture: archARM, PricePerHour: 0.2688},
}

// computeOptimizedTypes holds the C families.
var computeOptimizedTypes = []InstanceType{
	// c5 (Intel): [SPEC] co.html; [TRUNK]; [PRICE].
	{Name: "c5.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.085},
	{Name: "c5.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, PricePerHour: 0.17},
	{Name: "c5.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.34},
	{Name: "c5.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.68},
	{Name: "c5.9xlarge", VCPU: 36, MemoryMiB: 73728, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 1.53},
	{Name: "c5.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 2.04},

	// c6i (Intel): [SPEC] co.html; [TRUNK]; [PRICE].
	{Name: "c6i.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.085},
	{Name: "c6i.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.17},
	{Name: "c6i.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.34},
	{Name: "c6i.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.68},
	{Name: "c6i.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 1.36},
	{Name: "c6i.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 2.04},

	// c6a (AMD): [SPEC] co.html; [TRUNK]; [PRICE].
	{Name: "c6a.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.0765},
	{Name: "c6a.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.153},
	{Name: "c6a.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.306},
	{Name: "c6a.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.612},
	{Name: "c6a.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 1.224},
	{Name: "c6a.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 1.836},

	// c6g (Graviton2): [SPEC] co.html; [TRUNK]; [ARCH]; [PRICE].
	{Name: "c6g.medium", VCPU: 1, MemoryMiB: 2048, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.034},
	{Name: "c6g.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.068},
	{Name: "c6g.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.136},
	{Name: "c6g.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.272},
	{Name: "c6g.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.544},
	{Name: "c6g.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.088},
	{Name: "c6g.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.632},

	// c7g (Graviton3): [SPEC] co.html; [TRUNK]; [ARCH] (the autoscaler copy
	// labels c7g amd64, which contradicts AWS); [PRICE].
	{Name: "c7g.medium", VCPU: 1, MemoryMiB: 2048, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.0363},
	{Name: "c7g.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.0725},
	{Name: "c7g.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.145},
	{Name: "c7g.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.29},
	{Name: "c7g.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.58},
	{Name: "c7g.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.16},
	{Name: "c7g.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.74},

	// Current generation (c7i, c7a, c8g): the ECS trunking table we could read
	// predates these families, so ecsim does not give them extra awsvpc tasks
	// under awsvpcTrunking; a scenario can set the real figure by declaring
	// the type under `instanceTypes:` with `awsvpcTrunkingTasks`. [SPEC]
	// (autoscaler copy of 2024-10-02); [ENI]; [PRICE]; TrunkTasks 0.
	// c7i (Intel).
	{Name: "c7i.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.08925},
	{Name: "c7i.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.1785},
	{Name: "c7i.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.357},
	{Name: "c7i.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.714},
	{Name: "c7i.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.428},
	{Name: "c7i.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.142},

	// c7a (AMD).
	{Name: "c7a.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.10264},
	{Name: "c7a.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.20528},
	{Name: "c7a.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.41056},
	{Name: "c7a.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.82112},
	{Name: "c7a.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.64224},
	{Name: "c7a.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.46336},

	// c8g (Graviton4).
	{Name: "c8g.medium", VCPU: 1, MemoryMiB: 2048, ENIs: 2, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.03988},
	{Name: "c8g.large", VCPU: 2, MemoryMiB: 4096, ENIs: 3, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.07976},
	{Name: "c8g.xlarge", VCPU: 4, MemoryMiB: 8192, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.15952},
	{Name: "c8g.2xlarge", VCPU: 8, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.31904},
	{Name: "c8g.4xlarge", VCPU: 16, MemoryMiB: 32768, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.63808},
	{Name: "c8g.8xlarge", VCPU: 32, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 1.27616},
	{Name: "c8g.12xlarge", VCPU: 48, MemoryMiB: 98304, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 1.91424},

	// c4 (previous generation, Intel): documented registrations
	// (memory-management and CloudWatch metrics pages); no trunking; [ENI];
	// [PRICE].
	{Name: "c4.large", VCPU: 2, MemoryMiB: 3840, RegisteredMemoryMiB: 3768, ENIs: 3, PricePerHour: 0.10},
	{Name: "c4.4xlarge", VCPU: 16, MemoryMiB: 30720, RegisteredMemoryMiB: 30158, ENIs: 8, PricePerHour: 0.796},
}

// memoryOptimizedTypes holds the R families.
var memoryOptimizedTypes = []InstanceType{
	// r5 (Intel): [SPEC] mo.html; [TRUNK] (r5.8xlarge, which [TRUNK] names
	// as unsupported, is left out); [PRICE].
	{Name: "r5.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, PricePerHour: 0.126},
	{Name: "r5.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.252},
	{Name: "r5.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.504},
	{Name: "r5.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 1.008},
	{Name: "r5.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 3.024},

	// r6i (Intel): [SPEC] mo.html; [TRUNK]; [PRICE].
	{Name: "r6i.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.126},
	{Name: "r6i.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.252},
	{Name: "r6i.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.504},
	{Name: "r6i.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 1.008},
	{Name: "r6i.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 2.016},
	{Name: "r6i.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 3.024},

	// r6a (AMD): [SPEC] mo.html (autoscaler copy of 2024-10-02); [TRUNK]
	// memory optimized table (r6a.large 2 → 10 tasks … r6a.12xlarge 7 → 120);
	// [PRICE].
	{Name: "r6a.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, Architecture: archX86, PricePerHour: 0.1134},
	{Name: "r6a.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 20, Architecture: archX86, PricePerHour: 0.2268},
	{Name: "r6a.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 40, Architecture: archX86, PricePerHour: 0.4536},
	{Name: "r6a.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archX86, PricePerHour: 0.9072},
	{Name: "r6a.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 90, Architecture: archX86, PricePerHour: 1.8144},
	{Name: "r6a.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 120, Architecture: archX86, PricePerHour: 2.7216},

	// r6g (Graviton2): [SPEC] mo.html; [TRUNK]; [ARCH]; [PRICE].
	{Name: "r6g.medium", VCPU: 1, MemoryMiB: 8192, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.0504},
	{Name: "r6g.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.1008},
	{Name: "r6g.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.2016},
	{Name: "r6g.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.4032},
	{Name: "r6g.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.8064},
	{Name: "r6g.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.6128},
	{Name: "r6g.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 2.4192},

	// r7g (Graviton3): [SPEC] mo.html (Karpenter copy; 8xlarge and 12xlarge
	// from the autoscaler copy of 2024-10-02); [TRUNK] (8xlarge and 12xlarge
	// 7 → 60 tasks, ENIs 8 as in [ENI]); [ARCH]; [PRICE].
	{Name: "r7g.medium", VCPU: 1, MemoryMiB: 8192, ENIs: 2, TrunkTasks: 4, Architecture: archARM, PricePerHour: 0.0536},
	{Name: "r7g.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 10, Architecture: archARM, PricePerHour: 0.1071},
	{Name: "r7g.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 20, Architecture: archARM, PricePerHour: 0.2142},
	{Name: "r7g.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 40, Architecture: archARM, PricePerHour: 0.4284},
	{Name: "r7g.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 0.8568},
	{Name: "r7g.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 1.7136},
	{Name: "r7g.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 60, Architecture: archARM, PricePerHour: 2.5704},

	// Current generation (r7i, r7a, r8g): the ECS trunking table we could read
	// predates these families, so ecsim does not give them extra awsvpc tasks
	// under awsvpcTrunking; a scenario can set the real figure by declaring
	// the type under `instanceTypes:` with `awsvpcTrunkingTasks`. [SPEC]
	// (autoscaler copy of 2024-10-02); [ENI]; [PRICE]; TrunkTasks 0.
	// r7i (Intel).
	{Name: "r7i.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.1323},
	{Name: "r7i.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.2646},
	{Name: "r7i.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.5292},
	{Name: "r7i.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.0584},
	{Name: "r7i.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.1168},
	{Name: "r7i.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 3.1752},

	// r7a (AMD).
	{Name: "r7a.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.15215},
	{Name: "r7a.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.3043},
	{Name: "r7a.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 0, Architecture: archX86, PricePerHour: 0.6086},
	{Name: "r7a.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 1.2172},
	{Name: "r7a.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 2.4344},
	{Name: "r7a.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 0, Architecture: archX86, PricePerHour: 3.6516},

	// r8g (Graviton4).
	{Name: "r8g.medium", VCPU: 1, MemoryMiB: 8192, ENIs: 2, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.05891},
	{Name: "r8g.large", VCPU: 2, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.11782},
	{Name: "r8g.xlarge", VCPU: 4, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.23564},
	{Name: "r8g.2xlarge", VCPU: 8, MemoryMiB: 65536, ENIs: 4, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.47128},
	{Name: "r8g.4xlarge", VCPU: 16, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 0.94256},
	{Name: "r8g.8xlarge", VCPU: 32, MemoryMiB: 262144, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 1.88512},
	{Name: "r8g.12xlarge", VCPU: 48, MemoryMiB: 393216, ENIs: 8, TrunkTasks: 0, Architecture: archARM, PricePerHour: 2.82768},
}

// acceleratedTypes holds the NVIDIA GPU families.
var acceleratedTypes = []InstanceType{
	// g4dn (Intel, NVIDIA T4): [SPEC] ac.html; ENIs [ENI]; [TRUNK] names the
	// g4dn family as unsupported; [PRICE].
	{Name: "g4dn.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 3, TrunkTasks: 0, GPUs: 1, PricePerHour: 0.526},
	{Name: "g4dn.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 3, GPUs: 1, Architecture: archX86, PricePerHour: 0.752},
	{Name: "g4dn.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 3, GPUs: 1, Architecture: archX86, PricePerHour: 1.204},
	{Name: "g4dn.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 4, GPUs: 1, Architecture: archX86, PricePerHour: 2.176},
	{Name: "g4dn.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 8, GPUs: 4, Architecture: archX86, PricePerHour: 3.912},

	// g5 (AMD, NVIDIA A10G): [SPEC] ac.html; [TRUNK] (ENIs agree with
	// [ENI]); [PRICE].
	{Name: "g5.xlarge", VCPU: 4, MemoryMiB: 16384, ENIs: 4, TrunkTasks: 6, GPUs: 1, Architecture: archX86, PricePerHour: 1.006},
	{Name: "g5.2xlarge", VCPU: 8, MemoryMiB: 32768, ENIs: 4, TrunkTasks: 19, GPUs: 1, Architecture: archX86, PricePerHour: 1.212},
	{Name: "g5.4xlarge", VCPU: 16, MemoryMiB: 65536, ENIs: 8, TrunkTasks: 40, GPUs: 1, Architecture: archX86, PricePerHour: 1.624},
	{Name: "g5.8xlarge", VCPU: 32, MemoryMiB: 131072, ENIs: 8, TrunkTasks: 90, GPUs: 1, Architecture: archX86, PricePerHour: 2.448},
	{Name: "g5.12xlarge", VCPU: 48, MemoryMiB: 196608, ENIs: 15, TrunkTasks: 120, GPUs: 4, Architecture: archX86, PricePerHour: 5.672},
}
