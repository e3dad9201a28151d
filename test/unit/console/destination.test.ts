// Partition hosts, landing pages and the login / sign-out URLs: pure functions, no network.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/config/errors.js';
import { consoleDestination, consoleSite, regionPartition } from '../../../src/console/destination.js';
import { federatedUserName, signinUrl } from '../../../src/console/signin.js';

const site = (region?: string, arn?: string) =>
  consoleSite({ label: 't', ...(region ? { region } : {}), ...(arn ? { arn } : {}) });

describe('console partitions', () => {
  it('picks the sign-in endpoint and STS region of the partition from the role ARN', () => {
    expect(site(undefined, 'arn:aws:sts::111111111111:assumed-role/A/s')).toMatchObject({
      partition: 'aws',
      federation: 'https://signin.aws.amazon.com/federation',
      stsRegion: 'us-east-1',
    });
    expect(site(undefined, 'arn:aws-cn:sts::111111111111:assumed-role/A/s')).toMatchObject({
      partition: 'aws-cn',
      federation: 'https://signin.amazonaws.cn/federation',
      stsRegion: 'cn-north-1',
    });
    expect(site(undefined, 'arn:aws-us-gov:iam::111111111111:role/A')).toMatchObject({
      partition: 'aws-us-gov',
      federation: 'https://signin.amazonaws-us-gov.com/federation',
      stsRegion: 'us-gov-west-1',
    });
  });

  it('falls back to the region prefix without an ARN (IAM Identity Center, static keys)', () => {
    expect(regionPartition('eu-west-1')).toBe('aws');
    expect(regionPartition('cn-northwest-1')).toBe('aws-cn');
    expect(regionPartition('us-gov-east-1')).toBe('aws-us-gov');
    expect(site('cn-northwest-1')).toMatchObject({
      partition: 'aws-cn',
      region: 'cn-northwest-1',
      stsRegion: 'cn-northwest-1',
    });
    expect(site('us-gov-east-1').federation).toBe('https://signin.amazonaws-us-gov.com/federation');
  });

  it('refuses a region of another partition, an ISO partition, a malformed region', () => {
    expect(() => site('eu-west-1', 'arn:aws-cn:iam::111111111111:role/A')).toThrow(
      /region eu-west-1 is not in partition aws-cn/,
    );
    expect(() => site('us-iso-east-1')).toThrow(/supports the aws, aws-cn and aws-us-gov partitions/);
    expect(() => site('Europe')).toThrow(InputError);
  });

  it('AWSX_FEDERATION_ENDPOINT overrides the sign-in endpoint, not the console host', () => {
    const s = consoleSite({ label: 't', region: 'cn-north-1', federationOverride: 'http://127.0.0.1:9/federation' });
    expect(s.federation).toBe('http://127.0.0.1:9/federation');
    expect(consoleDestination(s, undefined)).toBe('https://console.amazonaws.cn/console/home?region=cn-north-1');
  });
});

describe('console destination', () => {
  it('defaults to the region console home; without a region, the console home', () => {
    expect(consoleDestination(site('eu-west-1'), undefined)).toBe(
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    );
    expect(consoleDestination(site(), undefined)).toBe('https://console.aws.amazon.com/console/home');
    expect(consoleDestination(site('us-gov-west-1'), 'home')).toBe(
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    );
  });

  it('maps service short names: regional, S3, global, renamed', () => {
    expect(consoleDestination(site('eu-west-1'), 'EC2')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
    );
    expect(consoleDestination(site('eu-west-1'), 's3')).toBe(
      'https://s3.console.aws.amazon.com/s3/home?region=eu-west-1',
    );
    expect(consoleDestination(site('cn-north-1'), 's3')).toBe('https://console.amazonaws.cn/s3/home?region=cn-north-1');
    expect(consoleDestination(site('eu-west-1'), 'iam')).toBe('https://console.aws.amazon.com/iam/home');
    expect(consoleDestination(site('cn-north-1'), 'iam')).toBe('https://console.amazonaws.cn/iam/home');
    expect(consoleDestination(site('eu-west-1'), 'dynamodb')).toBe(
      'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1',
    );
  });

  it('takes a console URL of the partition as is and refuses anything else', () => {
    const deep = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:';
    expect(consoleDestination(site('eu-west-1'), deep)).toBe(deep);
    expect(consoleDestination(site('cn-north-1'), 'https://console.amazonaws.cn/ec2/home')).toBe(
      'https://console.amazonaws.cn/ec2/home',
    );
    for (const bad of [
      'https://console.amazonaws.cn/ec2/home',
      'https://console.aws.amazon.com.evil.example/',
      'https://evilconsole.aws.amazon.com/',
      'http://console.aws.amazon.com/',
      'https://user@console.aws.amazon.com/',
      'javascript:alert(1)',
      '//evil.example/console',
      'ec2/../iam/home',
      'ec2 home',
      'ec2/home\\x',
    ]) {
      expect(() => consoleDestination(site('eu-west-1'), bad), bad).toThrow(InputError);
    }
  });
});

describe('service short codes and console paths (-s)', () => {
  it("maps the common services to the console's own paths (granted's list), global ones without a region", () => {
    const eu = site('eu-west-1');
    expect(consoleDestination(eu, 'ddb')).toBe(
      'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1',
    );
    expect(consoleDestination(eu, 'cfn')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1',
    );
    expect(consoleDestination(eu, 'sfn')).toBe('https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1');
    expect(consoleDestination(eu, 'param')).toBe(
      'https://eu-west-1.console.aws.amazon.com/systems-manager/parameters?region=eu-west-1',
    );
    expect(consoleDestination(eu, 'l')).toBe('https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1');
    expect(consoleDestination(eu, 'r53')).toBe('https://console.aws.amazon.com/route53/v2/home');
    expect(consoleDestination(eu, 'ce')).toBe('https://console.aws.amazon.com/cost-management/home');
    expect(consoleDestination(eu, 'cf')).toBe('https://console.aws.amazon.com/cloudfront/v4/home');
    expect(consoleDestination(eu, 'sso')).toBe(
      'https://eu-west-1.console.aws.amazon.com/singlesignon/home?region=eu-west-1',
    );
    // A fragment stays after the region query, where the console reads it.
    expect(consoleDestination(eu, 'logs')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups',
    );
    // An unknown name is taken as a service of that name.
    expect(consoleDestination(eu, 'bedrock')).toBe(
      'https://eu-west-1.console.aws.amazon.com/bedrock/home?region=eu-west-1',
    );
  });

  it('passes a console path through, with the region before its fragment, and keeps its case', () => {
    const eu = site('eu-west-1');
    expect(consoleDestination(eu, 'ec2/home#Instances:instanceState=running')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:instanceState=running',
    );
    expect(consoleDestination(eu, '/cloudwatch/home?foo=1#logsV2:')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?foo=1&region=eu-west-1#logsV2:',
    );
    expect(consoleDestination(eu, 'ec2/home?region=us-west-2#Instances:')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:',
    );
    expect(consoleDestination(eu, 'iam/home#/roles')).toBe('https://console.aws.amazon.com/iam/home#/roles');
    expect(consoleDestination(eu, 's3/buckets/my-bucket')).toBe(
      'https://s3.console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1',
    );
    expect(consoleDestination(site(), 'ec2/home#Instances:')).toBe(
      'https://console.aws.amazon.com/ec2/home#Instances:',
    );
  });
});

describe('sign-in URLs', () => {
  it('builds the login URL on the federation endpoint with Issuer, Destination and SigninToken', () => {
    const url = new URL(
      signinUrl(
        site('eu-west-1'),
        'tok+/=',
        'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
        false,
        false,
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://signin.aws.amazon.com/federation');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'login',
      Issuer: 'awsx',
      Destination: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
      SigninToken: 'tok+/=',
    });
  });

  it('--signout wraps the login in the logout of us-east-1 sign-in (aws), or of the partition host', () => {
    const aws = new URL(
      signinUrl(site('eu-west-1'), 'tok', 'https://console.aws.amazon.com/console/home', true, false),
    );
    expect(`${aws.origin}${aws.pathname}`).toBe('https://us-east-1.signin.aws.amazon.com/oauth');
    expect(aws.searchParams.get('Action')).toBe('logout');
    const login = new URL(aws.searchParams.get('redirect_uri')!);
    expect(`${login.origin}${login.pathname}`).toBe('https://us-east-1.signin.aws.amazon.com/federation');
    expect(login.searchParams.get('SigninToken')).toBe('tok');
    const gov = new URL(
      signinUrl(site('us-gov-west-1'), 'tok', 'https://console.amazonaws-us-gov.com/console/home', true, false),
    );
    expect(`${gov.origin}${gov.pathname}`).toBe('https://signin.amazonaws-us-gov.com/oauth');
  });

  it('names the federated user after who runs awsx, within GetFederationToken limits', () => {
    expect(federatedUserName({ USER: 'alice' })).toBe('alice');
    expect(federatedUserName({ AWSX_SESSION_USER: 'Jane Doe', USER: 'x' })).toBe('Jane-Doe');
    expect(federatedUserName({ USER: 'a'.repeat(40) })).toHaveLength(32);
    expect(federatedUserName({ USER: 'z' })).toMatch(/^[\w+=,.@-]{2,32}$/);
    expect(federatedUserName({})).toBe('awsx');
  });
});
