// IAM Identity Center portal listing and logout: one page per call, no SDK retries (discovery paces and
// retries every request itself under one shared rate limiter, so retries never multiply).
import { ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { sdkConfig } from './clients.js';
import { AwsCallError, describeAwsError } from './errors.js';

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** How a failed portal call should be handled by a caller that retries. */
export type PortalFailure = 'throttled' | 'server' | 'network' | 'unauthorized' | 'other';

export const PAGE_SIZE = 100;

/** A portal client that makes exactly one attempt per call. */
export function discoveryClient(region: string): SSOClient {
  return new SSOClient({ ...sdkConfig('sso', { region }), maxAttempts: 1 });
}

const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)$/;

export function classifyPortalError(error: unknown): PortalFailure {
  const e = (error ?? {}) as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
    cause?: unknown;
  };
  if (error instanceof AwsCallError) return classifyPortalError(e.cause);
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'TooManyRequestsException' || name === 'ThrottlingException' || status === 429) return 'throttled';
  if (name === 'UnauthorizedException' || status === 401) return 'unauthorized';
  if (
    (status !== undefined && status >= 500) ||
    name === 'InternalServerException' ||
    name === 'ServiceUnavailableException'
  )
    return 'server';
  if (NETWORK.test(e.code ?? '') || NETWORK.test(name) || name === 'TimeoutError' || name === 'RequestTimeout')
    return 'network';
  return 'other';
}

export async function listAccountsPage(
  client: SSOClient,
  accessToken: string,
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<Page<PortalAccount>> {
  const out = await client.send(
    new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) }),
    { abortSignal: signal },
  );
  const items = (out.accountList ?? [])
    .filter((a) => a.accountId)
    .map((a) => ({
      accountId: a.accountId!,
      accountName: a.accountName ?? a.accountId!,
      ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
    }));
  return { items, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
}

export async function listAccountRolesPage(
  client: SSOClient,
  accessToken: string,
  accountId: string,
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<Page<string>> {
  const out = await client.send(
    new ListAccountRolesCommand({ accessToken, accountId, maxResults: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) }),
    { abortSignal: signal },
  );
  const items = (out.roleList ?? []).map((r) => r.roleName).filter((n): n is string => Boolean(n));
  return { items, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
}

/** Ends the portal session of a token (the AWS CLI ignores failures here, and so does awsx's logout). */
export async function portalLogout(accessToken: string, region: string): Promise<void> {
  await new SSOClient({ ...sdkConfig('sso', { region }), maxAttempts: 2 }).send(new LogoutCommand({ accessToken }));
}

/** A one-line error for a portal call that failed for good. */
export function describePortalError(error: unknown, action: string, who: string, loginHint: string): Error {
  const kind = classifyPortalError(error);
  if (kind === 'unauthorized') {
    return new AwsCallError(
      `${who}the IAM Identity Center access token was refused while ${action} (expired or logged out)`,
      'UnauthorizedException',
      { hint: loginHint, cause: error },
    );
  }
  return describeAwsError(error, { service: 'SSO', action });
}
