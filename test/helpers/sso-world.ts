// The SSO emulator for one integration test file, a standard SSO config, BROWSER scripts that play the user
// in the browser, and token files written the way the AWS CLI and the JS SDK write them.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ssoTokenCacheKey } from '../../src/config/sso-settings.js';
import { startSsoEmulator, type SsoEmulator, type SsoEmulatorOptions } from '../../src/emulator/sso-server.js';
import type { Sandbox } from './sandbox.js';

export const START_URL = 'https://corp.awsapps.com/start';
export const LEGACY_URL = 'https://legacy.awsapps.com/start';
export const DEV = '111122223333';
export const PROD = '444455556666';

/** Three accounts with known roles (DEV, PROD and a sandbox). */
export const DIRECTORY = {
  accounts: [
    {
      accountId: DEV,
      accountName: 'acme-dev',
      emailAddress: 'dev@acme.example.com',
      roles: ['AdministratorAccess', 'ReadOnlyAccess'],
    },
    { accountId: PROD, accountName: 'Acme Prod', emailAddress: 'prod@acme.example.com', roles: ['ReadOnlyAccess'] },
    {
      accountId: '777788889999',
      accountName: 'acme-sandbox',
      emailAddress: 'sb@acme.example.com',
      roles: ['PowerUserAccess'],
    },
  ],
};

export const SSO_CONFIG = `[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = ${DEV}
sso_role_name = AdministratorAccess
region = eu-west-1

[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = eu-west-1
sso_account_id = ${PROD}
sso_role_name = ReadOnlyAccess

[profile prod-ro]
role_arn = arn:aws:iam::${PROD}:role/Deploy
source_profile = dev
`;

/** Starts an emulator before the file's tests (knobs are reset per test with `configure`). */
export function useSsoEmulator(options: SsoEmulatorOptions = {}): () => SsoEmulator {
  let emu: SsoEmulator | undefined;
  beforeAll(async () => {
    emu = await startSsoEmulator({ directory: DIRECTORY, ...options });
  });
  afterAll(async () => emu?.close());
  return () => emu!;
}

export function ssoEnv(emu: SsoEmulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, ...extra };
}

/**
 * A BROWSER command that fetches the URL like a browser, following redirects (the PKCE redirect to the
 * loopback listener) and recording every URL it was given in `<dir>/browser.log`.
 */
export function browserScript(sb: Sandbox): string {
  const path = join(sb.dir, 'browser.mjs');
  writeFileSync(
    path,
    `import { appendFileSync } from 'node:fs';
const url = process.argv[2];
appendFileSync(${JSON.stringify(join(sb.dir, 'browser.log'))}, url + '\\n');
const res = await fetch(url, { redirect: 'follow' });
await res.text();
process.exit(res.ok ? 0 : 1);
`,
  );
  chmodSync(path, 0o755);
  return `${process.execPath} ${path}`;
}

export function browserLog(sb: Sandbox): string[] {
  try {
    return readFileSync(join(sb.dir, 'browser.log'), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function tokenPath(sb: Sandbox, key: { sessionName?: string; startUrl: string }): string {
  return join(sb.home, '.aws', 'sso', 'cache', `${ssoTokenCacheKey(key)}.json`);
}

export function readToken(sb: Sandbox, key: { sessionName?: string; startUrl: string }): Record<string, string> {
  return JSON.parse(readFileSync(tokenPath(sb, key), 'utf8')) as Record<string, string>;
}

export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

const cliDate = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Logs in at the emulator without the OIDC dance and writes the token as `aws sso login` (CLI v2) does. */
export function seedCliToken(
  sb: Sandbox,
  emu: SsoEmulator,
  options: { session?: string; ttlSeconds?: number; format?: 'cli' | 'js' } = {},
): Record<string, string> {
  const login = emu.createLogin(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {});
  const date = options.format === 'js' ? (d: Date) => d.toISOString() : cliDate;
  const token = {
    startUrl: START_URL,
    region: 'us-east-1',
    accessToken: login.accessToken,
    expiresAt: date(login.expiresAt),
    clientId: login.clientId,
    clientSecret: login.clientSecret,
    registrationExpiresAt: date(login.registrationExpiresAt),
    refreshToken: login.refreshToken!,
  };
  const path = tokenPath(sb, { sessionName: options.session ?? 'corp', startUrl: START_URL });
  mkdirSync(join(sb.home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(path, options.format === 'js' ? JSON.stringify(token, null, 2) : JSON.stringify(token), {
    mode: 0o600,
  });
  return token;
}

/** Rewrites fields of a cached token (e.g. an expiresAt in the past). */
export function patchToken(
  sb: Sandbox,
  key: { sessionName?: string; startUrl: string },
  patch: Record<string, string>,
): void {
  const path = tokenPath(sb, key);
  writeFileSync(path, JSON.stringify({ ...readToken(sb, key), ...patch }), { mode: 0o600 });
}
