// sso portal API: ListAccounts, ListAccountRoles, GetRoleCredentials, Logout (bearer token, throttling, paging).
import { randomBytes } from 'node:crypto';
import { portalError } from './http.js';
import { ids } from './sessions.js';
import { findAccount, visibleAccounts } from './sso-directory.js';
import type { EmulatorState } from './state.js';
import { TokenBucket } from './throttle.js';

export const BEARER_HEADER = 'x-amz-sso_bearer_token';
/** Operations the rate limit (token bucket) applies to. */
const RATE_LIMITED = new Set(['ListAccounts', 'ListAccountRoles']);
/** Operations `throttleEvery` counts. */
const COUNTED = new Set(['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials']);

export class Portal {
  readonly bucket: TokenBucket;
  private counted = 0;

  constructor(private readonly state: EmulatorState) {
    this.bucket = new TokenBucket(state.clock);
  }

  /** Handles one portal operation; returns the JSON body (undefined = empty) or throws ApiError. */
  handle(operation: string, query: URLSearchParams, token: string | undefined): unknown {
    this.throttle(operation);
    if (this.state.sessions.check(token) !== undefined)
      throw portalError('UnauthorizedException', 'Session token not found or invalid');
    switch (operation) {
      case 'ListAccounts':
        return this.listAccounts(query);
      case 'ListAccountRoles':
        return this.listAccountRoles(query);
      case 'GetRoleCredentials':
        return this.getRoleCredentials(query);
      default: // Logout
        this.state.sessions.logout(token as string);
        return undefined;
    }
  }

  private throttle(operation: string): void {
    const { knobs } = this.state;
    if (COUNTED.has(operation)) {
      this.counted++;
      if (knobs.throttleEvery > 0 && this.counted % knobs.throttleEvery === 0) throw tooMany();
    }
    if (RATE_LIMITED.has(operation) && !this.bucket.take(knobs.rateLimit, knobs.rateLimitBurst)) throw tooMany();
  }

  private listAccounts(query: URLSearchParams): unknown {
    const accounts = visibleAccounts(this.state.knobs.directory);
    const { page, nextToken } = paginate(accounts, query, 'accounts', this.state.knobs.pageSize);
    return {
      ...(nextToken ? { nextToken } : {}),
      accountList: page.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })),
    };
  }

  private listAccountRoles(query: URLSearchParams): unknown {
    const accountId = required(query, 'account_id', 'accountId');
    const account = findAccount(this.state.knobs.directory, accountId);
    if (!account) throw portalError('ResourceNotFoundException', 'Account not found');
    const { page, nextToken } = paginate(account.roles, query, `roles:${accountId}`, this.state.knobs.pageSize);
    return { ...(nextToken ? { nextToken } : {}), roleList: page.map((roleName) => ({ roleName, accountId })) };
  }

  private getRoleCredentials(query: URLSearchParams): unknown {
    const roleName = required(query, 'role_name', 'roleName');
    const accountId = required(query, 'account_id', 'accountId');
    const account = findAccount(this.state.knobs.directory, accountId);
    if (!account) throw portalError('ResourceNotFoundException', 'Account not found');
    if (account.unassignedRoles?.includes(roleName)) throw portalError('ForbiddenException', 'No access');
    if (!account.roles.includes(roleName)) throw portalError('ResourceNotFoundException', 'Could not find role');
    const accessKeyId = ids.accessKeyId();
    const expiration = this.state.clock.now() + this.state.knobs.roleCredentialsTtlSeconds * 1000;
    this.state.issuedCredentials.push({ accessKeyId, accountId, roleName, expiration });
    return {
      roleCredentials: {
        accessKeyId,
        secretAccessKey: ids.secretAccessKey(),
        sessionToken: ids.sessionToken(),
        expiration,
      },
    };
  }
}

function tooMany() {
  return portalError('TooManyRequestsException', 'Too many requests');
}

function required(query: URLSearchParams, name: string, member: string): string {
  const v = query.get(name);
  if (!v)
    throw portalError(
      'InvalidRequestException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

/** One page of `items`; next_token is opaque (base64url JSON bound to the list it came from). */
function paginate<T>(
  items: T[],
  query: URLSearchParams,
  scope: string,
  defaultSize: number,
): { page: T[]; nextToken?: string } {
  const raw = query.get('max_result');
  let size = defaultSize;
  if (raw !== null) {
    size = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(size >= 1 && size <= 100)) {
      throw portalError(
        'InvalidRequestException',
        `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: ` +
          'Member must have value between 1 and 100',
      );
    }
  }
  const token = query.get('next_token');
  const offset = token === null ? 0 : decodeToken(token, scope);
  const end = offset + size;
  const nextToken = end < items.length ? encodeToken(scope, end) : undefined;
  return { page: items.slice(offset, end), nextToken };
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset, n: randomBytes(6).toString('hex') })).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && Number.isInteger(parsed.o) && (parsed.o as number) >= 0) return parsed.o as number;
  } catch {
    // fall through
  }
  throw portalError('InvalidRequestException', 'Invalid next token');
}
