// IAM Identity Center portal calls (unsigned; the bearer token travels in x-amz-sso_bearer_token).
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { boundedHandler } from './bounded-handler.js';
import { httpOptions } from './clients.js';
import type { Credentials } from './credentials.js';
import { describeAwsError, AwsCallError } from './errors.js';
import { checkAnsweredExpiry } from './expiry.js';
import { rememberSecrets } from '../config/redact.js';

export function ssoClient(region: string): SSOClient {
  return new SSOClient({ region, maxAttempts: 3, retryMode: 'standard', requestHandler: boundedHandler(httpOptions()) });
}

export async function getRoleCredentials(
  accessToken: string,
  params: { region: string; accountId: string; roleName: string; profile?: string; signal?: AbortSignal },
): Promise<Credentials> {
  const action = `getting credentials for ${params.accountId}/${params.roleName}`;
  rememberSecrets(accessToken);
  try {
    const out = await ssoClient(params.region).send(
      new GetRoleCredentialsCommand({ accessToken, accountId: params.accountId, roleName: params.roleName }),
      { abortSignal: params.signal },
    );
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new Error('IAM Identity Center returned no credentials');
    rememberSecrets(c.secretAccessKey, c.sessionToken);
    const expiration = c.expiration ? new Date(c.expiration) : undefined;
    checkAnsweredExpiry('IAM Identity Center', expiration);
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const who = params.profile ? `profile "${params.profile}": ` : '';
    if (name === 'UnauthorizedException') {
      return Promise.reject(new AwsCallError(`${who}the SSO access token was refused (expired or logged out)`, name, { profile: params.profile, hint: 'run awsx sso login', cause: error }));
    }
    if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
      return Promise.reject(new AwsCallError(`${who}no access to role ${params.roleName} in account ${params.accountId}`, name, { profile: params.profile, hint: 'check the assignment in IAM Identity Center (awsx sso roles lists yours)', cause: error }));
    }
    throw describeAwsError(error, { service: 'SSO', profile: params.profile, action });
  }
}
