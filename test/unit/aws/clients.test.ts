// Where the SDK clients send a call, given awsx's settings: FIPS and dual-stack reach the SDK's endpoint
// rules (issue 17, item 12), a configured endpoint wins, and the SDK never reads the files itself.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { afterAll, describe, expect, it } from 'vitest';
import { setClientContext } from '../../../src/aws/client-context.js';
import { stsClient } from '../../../src/aws/clients.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';

const keys = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 's' };
const hostOf = async (profile: string | undefined, env: Record<string, string> = {}): Promise<string> => {
  setClientContext(
    parseAwsFiles(
      '[profile fips]\nuse_fips_endpoint = true\n\n[profile dual]\nuse_dualstack_endpoint = true\n\n[profile own]\nendpoint_url = http://own.test:1234\n',
      '',
    ),
    env,
  );
  const client = stsClient(keys, { region: 'us-west-2', ...(profile ? { profile } : {}) });
  return (await getEndpointFromInstructions({}, GetCallerIdentityCommand, client.config)).url.host;
};

describe('STS endpoints from awsx settings', () => {
  afterAll(() => setClientContext(undefined, process.env));
  it.each([
    [undefined, {}, 'sts.us-west-2.amazonaws.com'],
    ['fips', {}, 'sts-fips.us-west-2.amazonaws.com'],
    ['dual', {}, 'sts.us-west-2.api.aws'],
    [undefined, { AWS_USE_FIPS_ENDPOINT: 'true' }, 'sts-fips.us-west-2.amazonaws.com'],
    ['own', {}, 'own.test:1234'],
    // AWS_PROFILE names a profile with its own endpoint: the profile being resolved decides, not AWS_PROFILE.
    ['fips', { AWS_PROFILE: 'own' }, 'sts-fips.us-west-2.amazonaws.com'],
    ['own', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'sts.us-west-2.amazonaws.com'],
  ])('profile %s with %j: %s', async (profile, env, host) =>
    expect(await hostOf(profile, env as Record<string, string>)).toBe(host),
  );
});
