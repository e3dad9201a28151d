// Role credentials for an SSO root: a valid access token (shared with the AWS CLI, refreshed when due), then
// GetRoleCredentials. If the portal refuses a token the cache still calls valid (revoked, clock skew), the
// token is refreshed once and the call retried. A token given directly (--sso-access-token) is used as is.
import type { Credentials } from '../aws/credentials.js';
import { AwsCallError } from '../aws/errors.js';
import { getRoleCredentials } from '../aws/sso.js';
import type { Clock } from '../config/clock.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/credential-chain.js';
import { canRefresh, loginCommand, validSsoToken } from './token.js';

type SsoRoot = Extract<RootSource, { kind: 'sso' }>;

/** How errors name an SSO root: `profile "dev": ` or `sso:123456789012/Admin: `. */
export function rootWho(root: SsoRoot): string {
  return root.profile.startsWith('sso:') ? `${root.profile}: ` : `profile "${root.profile}": `;
}

export async function ssoRoleCredentials(
  root: SsoRoot,
  env: Env,
  clock: Clock,
  signal?: AbortSignal,
  accessToken?: string,
  connectionProfile?: string,
): Promise<Credentials> {
  const who = rootWho(root);
  const params = {
    region: root.sso.region,
    accountId: root.accountId,
    roleName: root.roleName,
    signal,
    ...(connectionProfile ? { connectionProfile } : {}),
  };
  const call = async (token: string, hint: string): Promise<Credentials> => {
    try {
      return await getRoleCredentials(token, params);
    } catch (error) {
      throw reword(error, who, hint);
    }
  };
  if (accessToken !== undefined)
    return call(accessToken, 'get a new token, or drop --sso-access-token to use the logged-in session');

  const profile = root.profile.startsWith('sso:') ? undefined : root.profile;
  const login = `run ${loginCommand(root.sso, profile)}`;
  const token = await validSsoToken(root.sso, { env, clock, signal, who, ...(profile ? { profile } : {}) });
  try {
    return await call(token.accessToken, login);
  } catch (error) {
    if ((error as AwsCallError).code !== 'UnauthorizedException' || !canRefresh(root.sso, token, clock.now()))
      throw error;
    const fresh = await validSsoToken(root.sso, {
      env,
      clock,
      signal,
      who,
      forceRefresh: true,
      ...(profile ? { profile } : {}),
    });
    return call(fresh.accessToken, login);
  }
}

function reword(error: unknown, who: string, hint: string): unknown {
  if (!(error instanceof AwsCallError)) return error;
  if (error.code === 'UnauthorizedException') {
    return new AwsCallError(`${who}IAM Identity Center refused the access token (expired or logged out)`, error.code, {
      hint,
      cause: error,
    });
  }
  if (error.code === 'ForbiddenException' || error.code === 'ResourceNotFoundException') {
    return new AwsCallError(`${who}${error.message.replace(/^profile "[^"]*": /, '')}`, error.code, {
      hint: 'check the assignment in IAM Identity Center; awsx sso roles --refresh lists yours',
      cause: error,
    });
  }
  return error.message.startsWith(who)
    ? error
    : new AwsCallError(`${who}${error.message}`, error.code, { hint: error.hint ?? 'retry', cause: error });
}
