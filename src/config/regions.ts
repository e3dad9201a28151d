// Region names as the AWS SDK knows them: each partition's naming pattern and its listed regions, the same
// data as the SDK's endpoint rules (@aws-sdk/core util-endpoints partitions; test/unit/aws/regions.test.ts
// fails when they drift). A region that matches no partition (a typo, `mars`) is bad input: the SDK would
// quietly treat it as an `aws` region and fail later on a host that does not exist.

interface Partition {
  id: string;
  /** The partition's region naming pattern (its regionRegex). */
  pattern: RegExp;
  /** Regions listed by name, including the partition's `*-global` pseudo-region. */
  regions: readonly string[];
}

export const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws',
    pattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
    regions: [
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'aws-global',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'il-central-1',
      'me-central-1',
      'me-south-1',
      'me-west-1',
      'mx-central-1',
      'sa-east-1',
      'sa-west-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ],
  },
  { id: 'aws-cn', pattern: /^cn-\w+-\d+$/, regions: ['aws-cn-global', 'cn-north-1', 'cn-northwest-1'] },
  { id: 'aws-eusc', pattern: /^eusc-(de)-\w+-\d+$/, regions: ['eusc-de-east-1'] },
  { id: 'aws-iso', pattern: /^us-iso-\w+-\d+$/, regions: ['aws-iso-global', 'us-iso-east-1', 'us-iso-west-1'] },
  { id: 'aws-iso-b', pattern: /^us-isob-\w+-\d+$/, regions: ['aws-iso-b-global', 'us-isob-east-1', 'us-isob-west-1'] },
  { id: 'aws-iso-e', pattern: /^eu-isoe-\w+-\d+$/, regions: ['aws-iso-e-global', 'eu-isoe-west-1'] },
  { id: 'aws-iso-f', pattern: /^us-isof-\w+-\d+$/, regions: ['aws-iso-f-global', 'us-isof-east-1', 'us-isof-south-1'] },
  { id: 'aws-us-gov', pattern: /^us-gov-\w+-\d+$/, regions: ['aws-us-gov-global', 'us-gov-east-1', 'us-gov-west-1'] },
];

/** The partition a region belongs to, as the SDK decides it (listed names first, then the patterns). */
export function regionPartition(region: string): string | undefined {
  return (PARTITIONS.find((p) => p.regions.includes(region)) ?? PARTITIONS.find((p) => p.pattern.test(region)))?.id;
}

export const isValidRegion = (region: string): boolean => regionPartition(region) !== undefined;

/** Every listed region (no pseudo-regions), for completion. */
export function knownRegions(): string[] {
  return PARTITIONS.flatMap((p) => p.regions.filter((r) => !r.endsWith('-global')));
}

/** An example region name of a partition, for hints. */
export function exampleRegion(partition = 'aws'): string {
  if (partition === 'aws') return 'us-east-1';
  const p = PARTITIONS.find((x) => x.id === partition);
  return p?.regions.find((r) => !r.endsWith('-global')) ?? 'us-east-1';
}
