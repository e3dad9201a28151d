// credential_source = Ec2InstanceMetadata / EcsContainer, through the SDK's own providers: the instance
// metadata service (@smithy/credential-provider-imds) and the container endpoint (@aws-sdk/credential-provider-http:
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI, with the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
// else AWS_CONTAINER_AUTHORIZATION_TOKEN, as botocore). Both are link-local or loopback: never through a proxy.
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { ProfileConfigError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { Credentials } from './credentials.js';
import { AwsCallError } from './errors.js';

export async function instanceCredentials(source: 'Ec2InstanceMetadata' | 'EcsContainer', profile: string, env: Env = process.env): Promise<Credentials> {
  const where = source === 'EcsContainer' ? 'the container credentials endpoint' : 'the instance metadata service';
  if (source === 'Ec2InstanceMetadata' && (env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') {
    throw new ProfileConfigError(`profile "${profile}": credential_source = Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED=true turns the instance metadata service off`, {
      profile,
      hint: 'unset AWS_EC2_METADATA_DISABLED on an EC2 instance, or use another credential_source',
    });
  }
  if (source === 'EcsContainer' && !env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI && !env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    throw new ProfileConfigError(`profile "${profile}": credential_source = EcsContainer, but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set`, {
      profile,
      hint: 'run inside the container (ECS, EKS pod identity), or use another credential_source',
    });
  }
  const provider =
    source === 'EcsContainer'
      ? fromHttp({
          awsContainerCredentialsRelativeUri: env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || undefined,
          awsContainerCredentialsFullUri: env.AWS_CONTAINER_CREDENTIALS_FULL_URI || undefined,
          awsContainerAuthorizationTokenFile: env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE || undefined,
          awsContainerAuthorizationToken: env.AWS_CONTAINER_AUTHORIZATION_TOKEN || undefined,
          timeout: 2000,
          maxRetries: 1,
        })
      : fromInstanceMetadata({ timeout: 2000, maxRetries: 1 });
  try {
    const c = await provider();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  } catch (error) {
    const detail = String((error as Error).message ?? error).replace(/\s+/g, ' ').slice(0, 200);
    throw new AwsCallError(`profile "${profile}": cannot read credentials from ${where}: ${detail}`, (error as Error).name ?? 'Error', {
      profile,
      hint: source === 'EcsContainer' ? 'check the AWS_CONTAINER_* variables and that the endpoint answers' : 'run on an EC2 instance with an instance profile',
      cause: error,
    });
  }
}
