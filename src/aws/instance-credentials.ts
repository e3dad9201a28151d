// credential_source = Ec2InstanceMetadata through the SDK's own provider; EcsContainer through
// container-credentials.ts (a bounded read of the container endpoint).
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import type { Env } from '../config/paths.js';
import { containerCredentials } from './container-credentials.js';
import type { Credentials } from './credentials.js';
import { describeAwsError } from './errors.js';

export async function instanceCredentials(source: 'Ec2InstanceMetadata' | 'EcsContainer', profile: string, env: Env = process.env): Promise<Credentials> {
  if (source === 'EcsContainer') return containerCredentials(env, profile);
  const provider = fromInstanceMetadata({ timeout: 2000, maxRetries: 1 });
  try {
    const c = await provider();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  } catch (error) {
    throw describeAwsError(error, { service: 'STS', profile, action: 'reading credentials from the instance metadata service' });
  }
}
