// The AWS CLI's SSO token cache (~/.aws/sso/cache/<sha1>.json): read any ISO-8601 date, write `...Z`
// without milliseconds, compact JSON, 0600, keeping every field awsx does not own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { ssoCacheDir, type Env } from '../config/paths.js';
import { ssoTokenCacheKey, type SsoSettings } from '../config/sso-settings.js';
import { parseAwsTimestamp } from '../config/timestamps.js';

export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
  [other: string]: unknown;
}

export function ssoTokenPath(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>, env: Env): string {
  return join(ssoCacheDir(env), `${ssoTokenCacheKey(settings)}.json`);
}

export function readSsoToken(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>, env: Env): SsoToken | undefined {
  try {
    const token = JSON.parse(readFileSync(ssoTokenPath(settings, env), 'utf8')) as SsoToken;
    return typeof token.accessToken === 'string' && typeof token.expiresAt === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** ISO-8601 in the AWS CLI's form: 2025-03-01T20:00:00Z. */
export function cliTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function writeSsoToken(
  settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>,
  token: SsoToken,
  env: Env,
): void {
  writeSecretFile(ssoTokenPath(settings, env), JSON.stringify(token));
}

export function tokenExpiresAt(token: SsoToken): number {
  const t = parseAwsTimestamp(token.expiresAt);
  return Number.isNaN(t) ? 0 : t;
}
