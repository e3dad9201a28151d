// IAM Identity Center portal calls (unsigned; the bearer token travels in x-amz-sso_bearer_token).
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { sdkConfig } from './clients.js';
import type { Credentials } from './credentials.js';
import { describeAwsError, AwsCallError } from './errors.js';

export function ssoClient(region: string, profile?: string): SSOClient {
  return new SSOClient({ ...sdkConfig('sso', { region, profile }), maxAttempts: 3, retryMode: 'standard' });
}

export async function getRoleCredentials(
  accessToken: string,
  params: {
    region: string;
    accountId: string;
    roleName: string;
    profile?: string;
    signal?: AbortSignal;
    connectionProfile?: string;
  },
): Promise<Credentials> {
  const action = `getting credentials for ${params.accountId}/${params.roleName}`;
  try {
    const out = await ssoClient(params.region, params.connectionProfile).send(
      new GetRoleCredentialsCommand({ accessToken, accountId: params.accountId, roleName: params.roleName }),
      { abortSignal: params.signal },
    );
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new Error('IAM Identity Center returned no credentials');
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration ? new Date(c.expiration) : undefined,
    };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const who = params.profile ? `profile "${params.profile}": ` : '';
    if (name === 'UnauthorizedException') {
      return Promise.reject(
        new AwsCallError(`${who}the SSO access token was refused (expired or logged out)`, name, {
          profile: params.profile,
          hint: 'run awsx sso login',
          cause: error,
        }),
      );
    }
    if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
      return Promise.reject(
        new AwsCallError(`${who}no access to role ${params.roleName} in account ${params.accountId}`, name, {
          profile: params.profile,
          hint: 'check the assignment in IAM Identity Center (awsx sso roles lists yours)',
          cause: error,
        }),
      );
    }
    throw describeAwsError(error, { service: 'SSO', profile: params.profile, action });
  }
}
