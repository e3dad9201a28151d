// The console's own paths for the services people open most (`awsx console prod -s ddb`), checked against
// granted's list (common-fate/granted pkg/console/service_map.go) and the paths the console serves today.
// Global services open on the partition's console host without a region.

export interface ConsoleService {
  /** The path after the console host, without a leading slash (may end in a #fragment). */
  path: string;
  global?: true;
}

const regional = (path: string): ConsoleService => ({ path });
const global = (path: string): ConsoleService => ({ path, global: true });

const TABLE: Array<[aliases: string, service: ConsoleService]> = [
  ['acm', regional('acm/home')],
  ['apigateway apigw', regional('apigateway/home')],
  ['appsync', regional('appsync/home')],
  ['athena', regional('athena/home')],
  ['aos opensearch es', regional('aos/home')],
  ['backup', regional('backup/home')],
  ['batch', regional('batch/home')],
  ['billing', global('billing/home')],
  ['ce cost-explorer cost-management costmanagement', global('cost-management/home')],
  ['cf cloudfront', global('cloudfront/v4/home')],
  ['cfn cloudformation', regional('cloudformation/home')],
  ['c9 cloud9', regional('cloud9/home')],
  ['cloudmap', regional('cloudmap/home')],
  ['ct cloudtrail', regional('cloudtrail/home')],
  ['cw cloudwatch', regional('cloudwatch/home')],
  ['logs', regional('cloudwatch/home#logsV2:log-groups')],
  ['codeartifact', regional('codesuite/codeartifact/home')],
  ['codebuild', regional('codesuite/codebuild/home')],
  ['codecommit', regional('codesuite/codecommit/home')],
  ['codedeploy', regional('codesuite/codedeploy/home')],
  ['codepipeline', regional('codesuite/codepipeline/home')],
  ['cognito', regional('cognito/home')],
  ['config', regional('config/home')],
  ['ddb dynamodb', regional('dynamodbv2/home')],
  ['dms', regional('dms/v2/home')],
  ['dx directconnect', regional('directconnect/v2/home')],
  ['eb elasticbeanstalk', regional('elasticbeanstalk/home')],
  ['ec2', regional('ec2/home')],
  ['ecr', regional('ecr/home')],
  ['ecs', regional('ecs/v2/home')],
  ['eks', regional('eks/home')],
  ['elasticache', regional('elasticache/home')],
  ['events eventbridge', regional('events/home')],
  ['gd guardduty', regional('guardduty/home')],
  ['glue', regional('glue/home')],
  ['grafana', regional('grafana/home')],
  ['health', global('health/home')],
  ['iam', global('iam/home')],
  ['kinesis', regional('kinesis/home')],
  ['kms', regional('kms/home')],
  ['l lambda', regional('lambda/home')],
  ['mwaa', regional('mwaa/home')],
  ['organizations orgs', global('organizations/v2/home')],
  ['param params parameters', regional('systems-manager/parameters')],
  ['r53 route53', global('route53/v2/home')],
  ['ram', regional('ram/home')],
  ['rds', regional('rds/home')],
  ['redshift', regional('redshiftv2/home')],
  ['s3', regional('s3/home')],
  ['sagemaker', regional('sagemaker/home')],
  ['sm secrets secretsmanager', regional('secretsmanager/home')],
  ['securityhub', regional('securityhub/home')],
  ['ses', regional('ses/home')],
  ['sfn stepfn stepfunctions states', regional('states/home')],
  ['sns', regional('sns/v3/home')],
  ['sqs', regional('sqs/v2/home')],
  ['sso identitycenter', regional('singlesignon/home')],
  ['ssm systems-manager', regional('systems-manager/home')],
  ['support', global('support/home')],
  ['ta trustedadvisor', global('trustedadvisor/home')],
  ['vpc', regional('vpc/home')],
  ['waf wafv2', regional('wafv2/homev2')],
];

export const CONSOLE_SERVICES: ReadonlyMap<string, ConsoleService> = new Map(
  TABLE.flatMap(([aliases, service]) => aliases.split(' ').map((alias) => [alias, service] as const)),
);

/** First path segments whose console is global (no region), for paths given as they are. */
export const GLOBAL_PATHS = new Set([
  'iam',
  'iamv2',
  'organizations',
  'billing',
  'cost-management',
  'cloudfront',
  'route53',
  'support',
  'trustedadvisor',
  'health',
]);
