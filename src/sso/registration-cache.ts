// The AWS CLI v2 client-registration cache (~/.aws/sso/cache/<sha1>.json, next to the tokens): the key is
// the SHA-1 of Python's json.dumps(d, sort_keys=True) with default separators, so awsx and the AWS CLI
// share registrations. A registration is reused until 15 minutes before it expires; a PKCE login reuses
// only one made for the authorization_code grant, a device login only one that allows the device grant.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { ssoCacheDir, type Env } from '../config/paths.js';
import type { SsoSettings } from '../config/sso-settings.js';
import { cliTimestamp } from './token-cache.js';
import { parseAwsTimestamp } from '../config/timestamps.js';

export const REGISTRATION_REUSE_MARGIN_MS = 15 * 60_000;
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const PKCE_GRANTS = ['authorization_code', 'refresh_token'];

export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

/** Python's json.dumps(value, sort_keys=True): ", " and ": " separators, ensure_ascii escapes. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

export interface RegistrationKeyInput {
  startUrl: string;
  region: string;
  /** Registered scopes; null/undefined for a legacy (scope-less) registration. */
  scopes?: string[] | null;
  sessionName?: string | null;
}

export function registrationCacheKey(input: RegistrationKeyInput): string {
  const d = {
    tool: 'botocore',
    startUrl: input.startUrl,
    region: input.region,
    scopes: input.scopes ?? null,
    session_name: input.sessionName ?? null,
  };
  return createHash('sha1').update(pythonJsonDumps(d)).digest('hex');
}

/** The scopes awsx registers with: the session's sso_registration_scopes, else sso:account:access; none for legacy. */
export function registrationScopes(settings: SsoSettings): string[] | null {
  if (!settings.sessionName) return null;
  return settings.scopes.length > 0 ? settings.scopes : ['sso:account:access'];
}

export function registrationPath(settings: SsoSettings, env: Env): string {
  const key = registrationCacheKey({
    startUrl: settings.startUrl,
    region: settings.region,
    scopes: registrationScopes(settings),
    sessionName: settings.sessionName ?? null,
  });
  return join(ssoCacheDir(env), `${key}.json`);
}

export function readRegistration(settings: SsoSettings, env: Env): CachedRegistration | undefined {
  try {
    const r = JSON.parse(readFileSync(registrationPath(settings, env), 'utf8')) as CachedRegistration;
    return typeof r.clientId === 'string' && typeof r.clientSecret === 'string' && typeof r.expiresAt === 'string'
      ? r
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a cached registration can serve a login of this kind now. */
export function registrationUsable(reg: CachedRegistration, flow: 'pkce' | 'device', now: number): boolean {
  const expires = parseAwsTimestamp(reg.expiresAt);
  if (Number.isNaN(expires) || expires - now <= REGISTRATION_REUSE_MARGIN_MS) return false;
  if (flow === 'pkce') return reg.grantTypes?.includes('authorization_code') ?? false;
  return reg.grantTypes === undefined || reg.grantTypes.includes(DEVICE_GRANT);
}

export function writeRegistration(
  settings: SsoSettings,
  reg: { clientId: string; clientSecret: string; expiresAt: Date; grantTypes?: string[] },
  env: Env,
): CachedRegistration {
  const scopes = registrationScopes(settings);
  const entry: CachedRegistration = {
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    expiresAt: cliTimestamp(reg.expiresAt),
    ...(scopes ? { scopes } : {}),
    ...(reg.grantTypes ? { grantTypes: reg.grantTypes } : {}),
  };
  writeSecretFile(registrationPath(settings, env), JSON.stringify(entry));
  return entry;
}
