// Discovery of every account/role an IAM Identity Center user can take, at scale, and its cache.
//
// Service API (used by `awsx sso roles`, `awsx sso populate` and the picker):
//
//   loadCachedRoles(settings, env): RolesSnapshot | undefined        (sso/roles-cache.ts; instant, no AWS call)
//   discoverRoles(settings, options): Promise<RolesSnapshot>          (network; does not touch the cache)
//     options: { env, accessToken?, rate?, concurrency?, signal?,
//                onProgress?(done, total), onRoles?(batch: DiscoveredRole[]), onRetry?(failure, attempt) }
//   refreshRoles(settings, options): Promise<{ snapshot, previous?, diff }>
//     = valid token (refreshed when due) + discoverRoles + saveRoles, and the diff against the old cache.
//   diffRoles(before, after): { added, removed };  describeDiff(diff): "3 new roles, 1 removed"
//
// A picker shows loadCachedRoles() at once, calls refreshRoles() in the background with onRoles to stream
// rows in and onProgress for "n/N accounts", then replaces its list with snapshot.roles (removed roles
// disappear) and shows describeDiff(diff). Abort with `signal`.
//
// Pacing: ListAccounts pages first, then ListAccountRoles for every account by `concurrency` workers. Every
// request (retries included) first takes a token from ONE shared RateLimiter (default 20/s: AWSX_SSO_RATE
// or `rate`), so the total never exceeds the rate. The SDK client makes one attempt per call; throttling
// (429), 5xx and network errors are retried here with full-jitter exponential backoff (nothing is lost);
// anything else, or a request still failing after MAX_ATTEMPTS, fails the whole discovery.
import type { PortalAccount, PortalFailure } from '../aws/sso-portal.js';
import type { Clock } from '../config/clock.js';
import { CancelledError, InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { SsoSettings } from '../config/sso-settings.js';
import { RateLimiter, withTimers } from './rate-limiter.js';
import {
  diffRoles,
  loadCachedRoles,
  saveRoles,
  sortRoles,
  type DiscoveredRole,
  type RolesDiff,
  type RolesSnapshot,
} from './roles-cache.js';
import { loginCommand, sessionLabel, validSsoToken } from './token.js';

export const DEFAULT_RATE = 20;
export const DEFAULT_CONCURRENCY = 8;
export const MAX_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 8_000;

export interface DiscoveryOptions {
  env: Env;
  clock: Clock;
  /** A token to use as is (--sso-access-token); else the cached one, refreshed when due. */
  accessToken?: string;
  /** Requests per second across ListAccounts + ListAccountRoles. */
  rate?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  onRoles?: (batch: DiscoveredRole[]) => void;
  onRetry?: (failure: PortalFailure, attempt: number) => void;
}

export interface RefreshResult {
  snapshot: RolesSnapshot;
  previous?: RolesSnapshot;
  diff: RolesDiff;
}

/** The rate from --rate / AWSX_SSO_RATE, checked. */
export function discoveryRate(flag: string | number | undefined, env: Env): number {
  const raw = flag ?? env.AWSX_SSO_RATE;
  if (raw === undefined || raw === '') return DEFAULT_RATE;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) {
    throw new InputError(`rate "${raw}" is not a number of requests per second in (0, 1000]`, {
      hint: `pass --rate N (default ${DEFAULT_RATE}) or fix AWSX_SSO_RATE`,
    });
  }
  return n;
}

export async function discoverRoles(settings: SsoSettings, options: DiscoveryOptions): Promise<RolesSnapshot> {
  const token =
    options.accessToken ??
    (await validSsoToken(settings, { env: options.env, clock: options.clock, signal: options.signal })).accessToken;
  // One failure stops every worker: no request is left running behind the error.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  try {
    return await crawl(settings, token, options, signal);
  } catch (error) {
    stop.abort();
    if ((error as Error).name === 'AbortError')
      throw new CancelledError(`cancelled while discovering the roles of ${sessionLabel(settings)}`);
    throw error;
  }
}

async function crawl(
  settings: SsoSettings,
  token: string,
  options: DiscoveryOptions,
  signal: AbortSignal,
): Promise<RolesSnapshot> {
  const portal = await import('../aws/sso-portal.js');
  const clock = withTimers(options.clock);
  const limiter = new RateLimiter(options.rate ?? discoveryRate(undefined, options.env), { clock });
  const client = portal.discoveryClient(settings.region);
  const hint = options.accessToken ? 'get a new token for --sso-access-token' : `run ${loginCommand(settings)}`;
  const who = `${sessionLabel(settings)}: `;

  const paced = async <T>(action: string, call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(signal);
      try {
        return await call();
      } catch (error) {
        const kind = portal.classifyPortalError(error);
        const retryable = kind === 'throttled' || kind === 'server' || kind === 'network';
        if (signal.aborted || !retryable || attempt >= MAX_ATTEMPTS)
          throw portal.describePortalError(error, action, who, hint);
        options.onRetry?.(kind, attempt);
        await clock.sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt), signal);
      }
    }
  };

  const byId = new Map<string, PortalAccount>();
  let next: string | undefined;
  do {
    const page = await paced('listing accounts', () => portal.listAccountsPage(client, token, next, signal));
    for (const a of page.items) byId.set(a.accountId, a);
    next = page.nextToken;
  } while (next);
  const accounts = [...byId.values()];

  const total = accounts.length;
  const roles: DiscoveredRole[] = [];
  let done = 0;
  options.onProgress?.(0, total);
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < accounts.length) {
      const account = accounts[index++]!;
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await paced(`listing the roles of account ${account.accountId}`, () =>
          portal.listAccountRolesPage(client, token, account.accountId, cursor, signal),
        );
        names.push(...page.items);
        cursor = page.nextToken;
      } while (cursor);
      const batch = [...new Set(names)].map((roleName) => ({
        accountId: account.accountId,
        accountName: account.accountName,
        roleName,
        ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
      }));
      roles.push(...batch);
      done++;
      if (batch.length > 0) options.onRoles?.(batch);
      options.onProgress?.(done, total);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, accounts.length || 1));
  await Promise.all(Array.from({ length: workers }, worker));
  return { settings, fetchedAt: new Date(clock.now()), accountCount: total, roles: sortRoles(roles) };
}

/** Discovers, saves the cache and says what changed since the cached list. */
export async function refreshRoles(settings: SsoSettings, options: DiscoveryOptions): Promise<RefreshResult> {
  const previous = loadCachedRoles(settings, options.env);
  const snapshot = await discoverRoles(settings, options);
  saveRoles(snapshot, options.env);
  return { snapshot, ...(previous ? { previous } : {}), diff: diffRoles(previous?.roles ?? [], snapshot.roles) };
}

/** The cached list unless `refresh` or there is none; then a fresh one. */
export async function rolesFor(
  settings: SsoSettings,
  refresh: boolean,
  options: DiscoveryOptions,
): Promise<RefreshResult & { fromCache: boolean }> {
  const cached = refresh ? undefined : loadCachedRoles(settings, options.env);
  if (cached) return { snapshot: cached, previous: cached, diff: { added: [], removed: [] }, fromCache: true };
  return { ...(await refreshRoles(settings, options)), fromCache: false };
}
