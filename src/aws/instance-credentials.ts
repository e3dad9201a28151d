// credential_source = Ec2InstanceMetadata through the SDK's own provider (@smithy/credential-provider-imds);
// EcsContainer through container-credentials.ts (a bounded read of the container endpoint, with the token from
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, else AWS_CONTAINER_AUTHORIZATION_TOKEN, as botocore). Both are
// link-local or loopback: never through a proxy.
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { ProfileConfigError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import { containerCredentials } from './container-credentials.js';
import type { Credentials } from './credentials.js';
import { AwsCallError } from './errors.js';

export async function instanceCredentials(
  source: 'Ec2InstanceMetadata' | 'EcsContainer',
  profile: string,
  env: Env = process.env,
): Promise<Credentials> {
  if (source === 'EcsContainer') return containerCredentials(env, profile);
  if ((env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') {
    throw new ProfileConfigError(
      `profile "${profile}": credential_source = Ec2InstanceMetadata, ` +
        'but AWS_EC2_METADATA_DISABLED=true turns the instance metadata service off',
      {
        profile,
        hint: 'unset AWS_EC2_METADATA_DISABLED on an EC2 instance, or use another credential_source',
      },
    );
  }
  const provider = fromInstanceMetadata({ timeout: 2000, maxRetries: 1 });
  try {
    const c = await provider();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
    };
  } catch (error) {
    const detail = String((error as Error).message ?? error)
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    throw new AwsCallError(
      `profile "${profile}": cannot read credentials from the instance metadata service: ${detail}`,
      (error as Error).name ?? 'Error',
      {
        profile,
        hint: 'run on an EC2 instance with an instance profile',
        cause: error,
      },
    );
  }
}
