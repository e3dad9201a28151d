// Role credentials for an SSO root: the cached access token (shared with the AWS CLI), then GetRoleCredentials.
import type { Credentials } from '../aws/credentials.js';
import { getRoleCredentials } from '../aws/sso.js';
import { AwsCallError } from '../aws/errors.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/profile-graph.js';
import { readSsoToken, tokenExpiresAt } from './sso-token-cache.js';

export async function ssoRoleCredentials(root: Extract<RootSource, { kind: 'sso' }>, env: Env, signal?: AbortSignal): Promise<Credentials> {
  const token = readSsoToken(root.sso, env);
  const login = root.sso.sessionName ? `awsx sso login --sso-session ${root.sso.sessionName}` : `awsx sso login --profile ${root.profile}`;
  if (!token) {
    throw new AwsCallError(`profile "${root.profile}": not logged in to IAM Identity Center (${root.sso.startUrl})`, 'SsoLoginRequired', { profile: root.profile, hint: `run ${login}` });
  }
  if (tokenExpiresAt(token) <= Date.now()) {
    throw new AwsCallError(`profile "${root.profile}": the SSO session for ${root.sso.startUrl} has expired`, 'SsoTokenExpired', { profile: root.profile, hint: `run ${login}` });
  }
  return getRoleCredentials(token.accessToken, { region: root.sso.region, accountId: root.accountId, roleName: root.roleName, profile: root.profile, signal });
}
