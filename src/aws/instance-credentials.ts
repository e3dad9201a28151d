// credential_source = Ec2InstanceMetadata / EcsContainer, through the SDK's own providers.
import { fromContainerMetadata, fromInstanceMetadata } from '@smithy/credential-provider-imds';
import type { Credentials } from './credentials.js';
import { describeAwsError } from './errors.js';

export async function instanceCredentials(source: 'Ec2InstanceMetadata' | 'EcsContainer', profile: string, env: Record<string, string | undefined> = process.env): Promise<Credentials> {
  void env;
  const provider = source === 'EcsContainer' ? fromContainerMetadata({ timeout: 2000, maxRetries: 1 }) : fromInstanceMetadata({ timeout: 2000, maxRetries: 1 });
  try {
    const c = await provider();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  } catch (error) {
    throw describeAwsError(error, { service: 'STS', profile, action: `reading credentials from ${source === 'EcsContainer' ? 'the container' : 'the instance metadata service'}` });
  }
}
