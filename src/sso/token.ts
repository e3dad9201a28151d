// A usable IAM Identity Center access token from the shared cache (~/.aws/sso/cache). sso-session tokens
// are renewed with the refresh_token grant when fewer than 15 minutes remain (as botocore), at most once
// per 30 s per session unless the old token is unusable, under a lock, re-reading the file first (another
// process may have refreshed; Identity Center rotates refresh tokens). The file is rewritten keeping every
// other field. Legacy (sso_start_url) tokens are never refreshed. A failed refresh falls back to the old
// token while it is still valid.
import { join } from 'node:path';
import { AwsCallError } from '../aws/errors.js';
import type { Clock } from '../config/clock.js';
import { withFileLock } from '../config/file-lock.js';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { CACHE_ROLE, PrivateFolder } from '../config/private-folder.js';
import { ssoTokenCacheKey, type SsoSettings } from '../config/sso-settings.js';
import { cliTimestamp, readSsoToken, tokenExpiresAt, writeSsoToken, type SsoToken } from './token-cache.js';
import { parseAwsTimestamp } from '../config/timestamps.js';

export const REFRESH_WINDOW_MS = 15 * 60_000;
export const REFRESH_THROTTLE_MS = 30_000;

export interface TokenOptions {
  env: Env;
  clock: Clock;
  /** Refresh even if the token looks valid (the portal refused it). */
  forceRefresh?: boolean;
  signal?: AbortSignal;
  /** Prefix for errors, e.g. `profile "dev": `. */
  who?: string;
  /** The profile being resolved, for the login hint of legacy settings. */
  profile?: string;
}

/** The command that logs in to these settings (a legacy profile is named by the profile when known). */
export function loginCommand(
  settings: Pick<SsoSettings, 'sessionName' | 'startUrl' | 'region'>,
  profile?: string,
): string {
  if (settings.sessionName) return `awsx sso login --sso-session ${settings.sessionName}`;
  return profile
    ? `awsx sso login --profile ${profile}`
    : `awsx sso login --start-url ${settings.startUrl} --sso-region ${settings.region}`;
}

export function sessionLabel(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>): string {
  return settings.sessionName ? `sso-session "${settings.sessionName}" (${settings.startUrl})` : settings.startUrl;
}

export function canRefresh(settings: SsoSettings, token: SsoToken, now: number): boolean {
  if (!settings.sessionName || !token.refreshToken || !token.clientId || !token.clientSecret) return false;
  const reg = token.registrationExpiresAt ? parseAwsTimestamp(token.registrationExpiresAt) : NaN;
  return Number.isNaN(reg) || reg > now;
}

/** Errors that a new sign-in fixes. */
const LOGIN_CODES = new Set(['SsoLoginRequired', 'SsoTokenExpired', 'UnauthorizedException']);

/** An error that a new IAM Identity Center sign-in would fix. */
export function needsSsoLogin(error: unknown): boolean {
  return error instanceof AwsCallError && LOGIN_CODES.has(error.code);
}

const cache = (env: Env): PrivateFolder => new PrivateFolder(awsxCacheDir(env), CACHE_ROLE);

function stampPath(settings: SsoSettings, env: Env): string {
  return join(awsxCacheDir(env), 'sso', `refresh-${ssoTokenCacheKey(settings)}.stamp`);
}

function lastAttempt(settings: SsoSettings, env: Env): number {
  return Number(cache(env).read(stampPath(settings, env))?.toString('utf8')) || 0;
}

/** Runs FN under the refresh lock in awsx's cache; without a lock when the cache folder cannot be used. */
function underRefreshLock<T>(settings: SsoSettings, env: Env, fn: () => Promise<T>): Promise<T> {
  return cache(env).ensure('sso') ? withFileLock(stampPath(settings, env), fn) : fn();
}

export async function validSsoToken(settings: SsoSettings, options: TokenOptions): Promise<SsoToken> {
  const { env } = options;
  const now = (): number => options.clock.now();
  const who = options.who ?? '';
  const login = loginCommand(settings, options.profile);
  const token = readSsoToken(settings, env);
  if (!token) {
    throw new AwsCallError(`${who}not logged in to ${sessionLabel(settings)}`, 'SsoLoginRequired', {
      hint: `run ${login}`,
    });
  }
  const expired = (t: SsoToken): boolean => tokenExpiresAt(t) <= now();
  const expiredError = (detail = ''): AwsCallError =>
    new AwsCallError(
      `${who}the IAM Identity Center session ${sessionLabel(settings)} has expired${detail}`,
      'SsoTokenExpired',
      { hint: `run ${login}` },
    );
  const remaining = tokenExpiresAt(token) - now();
  if (!options.forceRefresh && remaining > REFRESH_WINDOW_MS) return token;
  if (!canRefresh(settings, token, now())) {
    if (expired(token) || options.forceRefresh)
      throw expiredError(options.forceRefresh ? ' (the portal refused its token)' : '');
    return token;
  }
  if (!options.forceRefresh && remaining > 0 && now() - lastAttempt(settings, env) < REFRESH_THROTTLE_MS) return token;

  // The lock lives in awsx's cache, not in the AWS CLI's folder.
  return underRefreshLock(settings, env, async () => {
    const current = readSsoToken(settings, env) ?? token;
    if (current.accessToken !== token.accessToken && tokenExpiresAt(current) - now() > REFRESH_WINDOW_MS)
      return current;
    cache(env).write(stampPath(settings, env), String(now()));
    try {
      const { createToken } = await import('../aws/sso-oidc.js');
      const grant = await createToken(
        settings.region,
        {
          clientId: current.clientId!,
          clientSecret: current.clientSecret!,
          grantType: 'refresh_token',
          refreshToken: current.refreshToken!,
        },
        options.signal,
      );
      const updated: SsoToken = {
        ...current,
        accessToken: grant.accessToken,
        expiresAt: cliTimestamp(new Date(now() + grant.expiresIn * 1000)),
        refreshToken: grant.refreshToken ?? current.refreshToken,
      };
      writeSsoToken(settings, updated, env);
      return updated;
    } catch (error) {
      if (!options.forceRefresh && !expired(current)) return current;
      const code = (error as { code?: string }).code;
      throw new AwsCallError(
        `${who}the IAM Identity Center session ${sessionLabel(settings)} has expired and could not be refreshed` +
          (code ? ` (${code})` : ''),
        'SsoTokenExpired',
        { hint: `run ${login}`, cause: error },
      );
    }
  });
}
