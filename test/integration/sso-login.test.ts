// awsx sso login / logout against the SSO emulator: the PKCE and device flows with a scripted browser, the
// AWS CLI's cache formats, session selection, denial, and logout.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { CancelledError } from '../../src/config/errors.js';
import type { LoginEvent } from '../../src/sso/login-context.js';
import { ssoLogin } from '../../src/sso/login.js';
import { registrationCacheKey } from '../../src/sso/registration-cache.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { ssoCacheFile } from '../helpers/awsx-json.js';
import {
  browserLog,
  browserScript,
  fileMode,
  LEGACY_URL,
  readToken,
  SSO_CONFIG,
  ssoEnv,
  START_URL,
  tokenPath,
  useSsoEmulator,
} from '../helpers/sso-world.js';

const CORP = { sessionName: 'corp', startUrl: START_URL };
const LEGACY = { startUrl: LEGACY_URL };
const CLI_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('awsx sso login / logout', () => {
  const emu = useSsoEmulator();
  let sb: Sandbox;
  beforeEach(() => {
    emu().configure({ autoApproveDevice: false, approvals: 'visit' });
    emu().resetStats();
    sb = makeSandbox({ config: SSO_CONFIG }, ssoEnv(emu()));
  });
  afterEach(() => sb.cleanup());

  const ops = (name: string): number => emu().stats.operations[name] ?? 0;

  it('device flow: the browser approves the code; the token is cached in the AWS CLI format', async () => {
    const r = await sb.awsx(['sso', 'login', '--sso-session', 'corp', '--use-device-code'], {
      env: { BROWSER: browserScript(sb) },
    });
    expect(r.stderr).toContain('logged in to sso-session "corp"');
    expect(r.code).toBe(0);
    const token = readToken(sb, CORP);
    expect(Object.keys(token).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(token).toMatchObject({ startUrl: START_URL, region: 'us-east-1' });
    expect(token.expiresAt).toMatch(CLI_DATE);
    expect(token.registrationExpiresAt).toMatch(CLI_DATE);
    expect(emu().isAccessTokenValid(token.accessToken!)).toBe(true);
    expect(fileMode(tokenPath(sb, CORP))).toBe(0o600);
    expect(readFileSync(tokenPath(sb, CORP), 'utf8')).not.toContain('\n'); // compact JSON, as the CLI
    // The user saw the code and the URL; never a token or the client secret.
    const [visited] = browserLog(sb);
    expect(visited).toMatch(/\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
    expect(r.stderr).toContain(visited!.split('=')[1]);
    for (const secret of [token.accessToken, token.refreshToken, token.clientSecret])
      expect(r.stderr + r.stdout).not.toContain(secret);
    // Registration cached under the CLI v2 key, device registration: scopes, no grantTypes.
    const key = registrationCacheKey({
      startUrl: START_URL,
      region: 'us-east-1',
      scopes: ['sso:account:access'],
      sessionName: 'corp',
    });
    const reg = ssoCacheFile(join(sb.home, '.aws/sso/cache', `${key}.json`));
    expect(reg).toMatchObject({ clientId: token.clientId, scopes: ['sso:account:access'] });
    expect(reg.grantTypes).toBeUndefined();
    expect(ops('StartDeviceAuthorization')).toBe(1);
    expect(ops('Authorize')).toBe(0);
  });

  it('PKCE: the browser follows /authorize back to the loopback listener; the registration is reused next time', async () => {
    const env = { BROWSER: browserScript(sb) };
    const first = await sb.awsx(['sso', 'login'], { env });
    expect(first.stderr).toContain('logged in');
    expect(first.code).toBe(0);
    const token1 = readToken(sb, CORP);
    expect(token1.refreshToken).toBeTruthy();
    const second = await sb.awsx(['sso', 'login', '--profile', 'dev'], { env });
    expect(second.code).toBe(0);
    const token2 = readToken(sb, CORP);
    expect(token2.accessToken).not.toBe(token1.accessToken); // a login always gets a new token
    expect(token2.clientId).toBe(token1.clientId);
    expect(ops('RegisterClient')).toBe(1);
    expect(ops('Authorize')).toBe(2);
    expect(ops('StartDeviceAuthorization')).toBe(0);
    const [url] = browserLog(sb);
    const authorize = new URL(url!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emu().url}/authorize`); // moved by AWS_ENDPOINT_URL_SSO_OIDC
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scopes')).toBe('sso:account:access');
    const key = registrationCacheKey({
      startUrl: START_URL,
      region: 'us-east-1',
      scopes: ['sso:account:access'],
      sessionName: 'corp',
    });
    expect(ssoCacheFile(join(sb.home, '.aws/sso/cache', `${key}.json`)).grantTypes).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
  });

  it('--no-browser prints the sign-in URL and waits for it to be opened', async () => {
    const child = spawn(process.execPath, [AWSX, 'sso', 'login', '--no-browser'], {
      env: { ...sb.env, DISPLAY: ':0' },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`awsx exited: ${stderr}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(readToken(sb, CORP).accessToken).toBeTruthy();
  });

  it('uses the device code automatically where no browser can be opened (no display, no BROWSER)', async () => {
    emu().configure({ autoApproveDevice: 300 }); // approved while awsx polls
    const r = await sb.awsx(['sso', 'login']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('with a device code');
    expect(r.stderr).toMatch(/confirm the code [A-Z]{4}-[A-Z]{4} at http/);
    expect(ops('Authorize')).toBe(0);
  });

  it('a legacy profile logs in with the device flow; its token has only the legacy keys', async () => {
    const r = await sb.awsx(['sso', 'login', '--profile', 'legacy'], { env: { BROWSER: browserScript(sb) } });
    expect(r.code).toBe(0);
    expect(Object.keys(readToken(sb, LEGACY)).sort()).toEqual(['accessToken', 'expiresAt', 'region', 'startUrl']);
    expect(readToken(sb, LEGACY).region).toBe('eu-west-1');
    expect(ops('StartDeviceAuthorization')).toBe(1);
  });

  it('a sign-in denied in the browser fails with exit 1 and says so', async () => {
    emu().configure({ approvals: 'deny' });
    const device = await sb.awsx(['sso', 'login', '--use-device-code'], { env: { BROWSER: browserScript(sb) } });
    expect(device.code).toBe(1);
    expect(device.stderr).toMatch(
      /^awsx: the sign-in to https:\/\/corp\.awsapps\.com\/start was denied in the browser \(run awsx sso login again/m,
    );
    const pkce = await sb.awsx(['sso', 'login'], { env: { BROWSER: browserScript(sb) } });
    expect(pkce.code).toBe(1);
    expect(pkce.stderr).toMatch(/sign-in to .* failed: access_denied/);
    expect(existsSync(tokenPath(sb, CORP))).toBe(false);
  });

  it('chooses the session: the only one; with several, AWS_PROFILE, else exit 2 listing them', async () => {
    sb.write(
      'config',
      `${SSO_CONFIG}\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = eu-west-1\n`,
    );
    const none = await sb.awsx(['sso', 'login']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('several sso-sessions are configured (corp, other)');
    expect(none.stderr).toContain('--sso-session');
    const unknown = await sb.awsx(['sso', 'login', '--sso-session', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no [sso-session nope]');
    const half = await sb.awsx(['sso', 'login', '--start-url', 'https://x.awsapps.com/start']);
    expect(half.code).toBe(2);
    emu().configure({ autoApproveDevice: true });
    const viaEnv = await sb.awsx(['sso', 'login', '--use-device-code'], { env: { AWS_PROFILE: 'dev' } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stderr).toContain('sso-session "corp"');
    // A role profile whose chain starts at an SSO profile logs in to that profile's session.
    const viaChain = await sb.awsx(['sso', 'login', '--use-device-code', '--profile', 'prod-ro']);
    expect(viaChain.code).toBe(0);
    expect(viaChain.stderr).toContain('sso-session "corp"');
    const notSso = await sb.awsx(['sso', 'login', '--profile', 'nope']);
    expect(notSso.code).toBe(2);
  });

  it('logout ends the portal session, removes tokens and SSO role caches, keeps registrations', async () => {
    emu().configure({ autoApproveDevice: true });
    expect((await sb.awsx(['sso', 'login', '--use-device-code'])).code).toBe(0);
    expect((await sb.awsx(['sso', 'login', '--profile', 'legacy'])).code).toBe(0);
    const token = readToken(sb, CORP).accessToken!;
    expect((await sb.awsx(['assume', 'dev', '--format', 'json'])).code).toBe(0);
    const cliCache = join(sb.home, '.aws/cli/cache');
    mkdirSync(cliCache, { recursive: true });
    writeFileSync(join(cliCache, 'sso.json'), JSON.stringify({ ProviderType: 'sso', Credentials: {} }));
    writeFileSync(join(cliCache, 'role.json'), JSON.stringify({ Credentials: {} }));

    const r = await sb.awsx(['sso', 'logout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('logged out of 2 IAM Identity Center sessions; removed 2 cached role credentials');
    expect(emu().isAccessTokenValid(token)).toBe(false);
    expect(ops('Logout')).toBe(2);
    const left = readdirSync(join(sb.home, '.aws/sso/cache')).map((n) =>
      ssoCacheFile(join(sb.home, '.aws/sso/cache', n)),
    );
    expect(left).toHaveLength(2); // the two registrations
    expect(left.every((f) => f.clientId && !f.accessToken)).toBe(true);
    expect(readdirSync(cliCache)).toEqual(['role.json']);
    const after = await sb.awsx(['assume', 'dev', '--format', 'json']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(
      'awsx: profile "dev": not logged in to sso-session "corp" (https://corp.awsapps.com/start) (run awsx sso login --sso-session corp)',
    );
  });

  describe('service API (in-process, as the picker uses it)', () => {
    const settings = { sessionName: 'corp', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] };
    beforeEach(() => {
      vi.stubEnv('AWS_ENDPOINT_URL_SSO', emu().url);
      vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', emu().url);
    });
    afterEach(() => vi.unstubAllEnvs());

    it('reports the device code as an event; approving it completes the login', async () => {
      const events: LoginEvent[] = [];
      const token = await ssoLogin(settings, {
        env: sb.env,
        clock: systemClock,
        useDeviceCode: true,
        noBrowser: true,
        notify: () => {},
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'device-code') emu().approveDevice(e.userCode);
        },
      });
      expect(events.map((e) => e.type)).toEqual(['device-code', 'url', 'waiting']);
      expect(events[0]).toMatchObject({ verificationUri: `${emu().url}/device` });
      expect(events[1]).toMatchObject({ opened: false });
      expect(readToken(sb, CORP).accessToken).toBe(token.accessToken);
    });

    it('an abort while waiting rejects with CancelledError and writes no token', async () => {
      const controller = new AbortController();
      const login = ssoLogin(settings, {
        env: sb.env,
        clock: systemClock,
        noBrowser: true,
        notify: () => {},
        signal: controller.signal,
        onEvent: (e) => e.type === 'waiting' && controller.abort(),
      });
      await expect(login).rejects.toBeInstanceOf(CancelledError);
      expect(existsSync(tokenPath(sb, CORP))).toBe(false);
    });
  });
});
