// IAM Identity Center in the picker's service layer, against the SSO emulator (no React): background
// revalidation (cached rows first, new rows streamed in with progress, the diff, removed roles gone), no
// revalidation without a usable token, sign-in with the device code in the store (L, or a use that needs
// it, which then continues), Esc, the session L means, and stop on quit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { PickerClock } from '../../../src/picker/clock.js';
import { createServices } from '../../../src/credentials/context.js';
import { PickerActions } from '../../../src/picker/actions.js';
import { SessionStore, type PickerSnapshot } from '../../../src/picker/store.js';
import { refreshRoles } from '../../../src/sso/discovery.js';
import { loadCachedRoles } from '../../../src/sso/roles-cache.js';
import { rolesCachePath } from '../../../src/sso/roles-cache.js';
import { tokenState } from '../../../src/picker/sso.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import {
  browserLog,
  browserScript,
  DEV,
  DIRECTORY,
  patchToken,
  PROD,
  seedCliToken,
  SSO_CONFIG,
  ssoEnv,
  START_URL,
  tokenPath,
  useSsoEmulator,
} from '../../helpers/sso-world.js';

const CORP = { sessionName: 'corp', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] };
const SANDBOX = '777788889999';

const manualClock: PickerClock = { now: () => Date.now(), subscribe: () => () => {} };

/** DIRECTORY without PROD's role, plus `extra` accounts of one role each. */
function changedDirectory(extra: number): typeof DIRECTORY {
  const accounts = structuredClone(DIRECTORY.accounts).filter((a) => a.accountId !== PROD);
  for (let i = 0; i < extra; i++)
    accounts.push({
      accountId: String(900000000000 + i),
      accountName: `new-${String(i).padStart(2, '0')}`,
      emailAddress: `n${i}@acme.example.com`,
      roles: ['Viewer'],
    });
  return { accounts };
}

describe('IAM Identity Center in the picker (services)', () => {
  const emu = useSsoEmulator();
  let sb: Sandbox;
  let store: SessionStore;
  let seen: PickerSnapshot[];
  let actions: PickerActions;

  const start = (config = SSO_CONFIG, canOpenBrowser = false): void => {
    sb.write('config', config);
    store = new SessionStore();
    seen = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    actions = new PickerActions({
      services: createServices(sb.env, systemClock),
      store,
      clock: manualClock,
      sso: { canOpenBrowser },
    });
    actions.load();
  };
  /** The snapshot once `test` holds; on time-out, what was awaited and the last snapshot (rows counted). */
  const until = (test: (s: PickerSnapshot) => boolean, what: string, ms = 20_000): Promise<PickerSnapshot> =>
    vi.waitFor(
      () => {
        const snapshot = store.getSnapshot();
        if (test(snapshot)) return snapshot;
        throw new Error(
          `timed out waiting for ${what}: ${JSON.stringify({ ...snapshot, rows: snapshot.rows.length })}`,
        );
      },
      { interval: 10, timeout: ms },
    );
  const ids = (s: PickerSnapshot): string[] => s.rows.map((r) => r.id);
  const ops = (name: string): number => emu().stats.operations[name] ?? 0;

  beforeEach(() => {
    emu().configure({
      directory: structuredClone(DIRECTORY),
      latencyMs: 0,
      autoApproveDevice: false,
      rateLimit: 0,
      throttleEvery: 0,
    });
    emu().resetStats();
    sb = makeSandbox({ config: SSO_CONFIG }, ssoEnv(emu(), { AWSX_SSO_RATE: '40' }));
    vi.stubEnv('AWS_ENDPOINT_URL_SSO', emu().url);
    vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', emu().url);
  });
  afterEach(() => {
    actions?.stop();
    sb.cleanup();
    vi.unstubAllEnvs();
  });

  it('tokenState: valid, refreshable (expired, renewable silently), expired, missing', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const token = {
      accessToken: 'x',
      expiresAt: '2030-01-01T01:00:00Z',
      refreshToken: 'r',
      clientId: 'c',
      clientSecret: 's',
      registrationExpiresAt: '2031-01-01T00:00:00Z',
    };
    expect(tokenState(CORP, token, now)).toBe('valid');
    expect(tokenState(CORP, { ...token, expiresAt: '2029-12-31T00:00:00Z' }, now)).toBe('refreshable');
    expect(tokenState(CORP, { accessToken: 'x', expiresAt: '2029-12-31T00:00:00Z' }, now)).toBe('expired');
    expect(tokenState(CORP, undefined, now)).toBe('missing');
  });

  it('shows cached roles at once, streams new ones in with progress, then says what changed; removed roles disappear', async () => {
    seedCliToken(sb, emu());
    await refreshRoles(CORP, { env: sb.env, clock: systemClock, rate: 500 });
    patchCacheAge(sb);
    emu().configure({ directory: changedDirectory(24), latencyMs: 15 });
    start();
    const initial = store.getSnapshot();
    expect(ids(initial)).toEqual(
      expect.arrayContaining([`sso:${PROD}/ReadOnlyAccess`, `sso:${DEV}/ReadOnlyAccess`, 'profile:dev']),
    );
    expect(ids(initial)).not.toContain(`sso:${DEV}/AdministratorAccess`); // the dev profile covers it
    expect(initial.ssoSessions).toEqual([{ name: 'corp', state: 'idle' }]);

    await actions.startBackground();
    const final = store.getSnapshot();
    expect(final.status).toEqual({ text: 'corp: 24 new roles, 1 removed', tone: 'ok' });
    expect(ids(final)).not.toContain(`sso:${PROD}/ReadOnlyAccess`);
    expect(ids(final)).toContain('sso:900000000023/Viewer');
    expect(final.ssoSessions).toEqual([{ name: 'corp', state: 'idle' }]);
    // streamed: rows arrived in several steps while the strip counted accounts
    const counts = [...new Set(seen.map((s) => s.rows.length))];
    expect(counts.length).toBeGreaterThan(2);
    expect(
      seen.some(
        (s) =>
          s.ssoSessions[0]?.state === 'syncing' &&
          s.ssoSessions[0].total === 26 &&
          (s.ssoSessions[0].done ?? 0) > 0 &&
          (s.ssoSessions[0].done ?? 0) < 26,
      ),
    ).toBe(true);
    // while streaming, rows only arrive: the cached ones stay until the end
    const streaming = seen.filter((s) => s.ssoSessions[0]?.state === 'syncing');
    for (const s of streaming) expect(ids(s)).toContain(`sso:${PROD}/ReadOnlyAccess`);
    // every streamed list is in list order (no row jumps when the final list replaces it)
    const order = ids(final).filter((id) => id !== `sso:${PROD}/ReadOnlyAccess`);
    for (const s of streaming) {
      const streamed = ids(s).filter((id) => id !== `sso:${PROD}/ReadOnlyAccess`);
      expect(streamed).toEqual(order.filter((id) => streamed.includes(id)));
    }
    // a fresh list is not revalidated the next time the picker opens
    emu().resetStats();
    await actions.startBackground();
    expect(ops('ListAccounts')).toBe(0);
  });

  it('does not revalidate without a usable token: the strip says not logged in / expired, nothing is requested', async () => {
    start();
    expect(store.getSnapshot().ssoSessions).toEqual([{ name: 'corp', state: 'logged-out' }]);
    await actions.startBackground();
    expect(store.getSnapshot().ssoSessions).toEqual([{ name: 'corp', state: 'logged-out' }]);
    seedCliToken(sb, emu());
    patchToken(sb, CORP, { expiresAt: '2020-01-01T00:00:00Z', refreshToken: '' });
    actions.stop();
    start();
    await actions.startBackground();
    expect(store.getSnapshot().ssoSessions).toEqual([{ name: 'corp', state: 'expired' }]);
    expect(Object.values(emu().stats.operations).reduce((a, b) => a + b, 0)).toBe(0);
    expect(store.getSnapshot().status).toBeUndefined();
  });

  it('a token the portal refuses: the strip asks for a sign-in, the status line names the session and the key', async () => {
    seedCliToken(sb, emu());
    emu().expireAllTokens({ refreshTokens: true });
    start();
    await actions.startBackground();
    expect(store.getSnapshot().ssoSessions).toEqual([{ name: 'corp', state: 'expired' }]);
    expect(store.getSnapshot().status).toEqual({
      text: 'sso-session "corp" (https://corp.awsapps.com/start): the IAM Identity Center access token was refused while listing accounts (expired or logged out) (press L to sign in again)',
      tone: 'error',
    });
  });

  it('L signs in with the device code shown in the store, then revalidates; no token ever reaches the store', async () => {
    emu().configure({ autoApproveDevice: 200 });
    start();
    expect(actions.login()).toBeUndefined(); // the only session: no chooser
    const panel = await until((s) => s.ssoLogin?.userCode !== undefined, 'the device code');
    expect(panel.ssoLogin).toMatchObject({
      session: 'corp',
      flow: 'device',
      verificationUri: `${emu().url}/device`,
      startUrl: START_URL,
    });
    expect(panel.ssoLogin!.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    // The status is transient (the revalidation's result replaces it): look through every snapshot seen.
    await until(
      () =>
        seen.some((s) => s.ssoLogin === undefined && /^signed in to corp: the token lasts /.test(s.status?.text ?? '')),
      'the sign-in',
    );
    expect(store.getSnapshot().ssoTokens.map((t) => t.label)).toEqual(['corp']);
    await until((s) => s.status?.text === 'corp: 4 new roles', 'the revalidation');
    expect(ids(store.getSnapshot())).toContain(`sso:${SANDBOX}/PowerUserAccess`);
    const token = JSON.parse(readFileSync(tokenPath(sb, CORP), 'utf8')) as {
      accessToken: string;
      refreshToken: string;
    };
    const everything = JSON.stringify(seen.map((s) => ({ ...s, rows: [] })));
    expect(everything).not.toContain(token.accessToken);
    expect(everything).not.toContain(token.refreshToken);
  });

  it('where a browser can open: the PKCE flow; the panel shows the URL the browser was sent to, no code', async () => {
    emu().configure({ approvals: 'visit' });
    sb.env.BROWSER = browserScript(sb);
    start(SSO_CONFIG, true);
    actions.login();
    await until(() => seen.some((s) => /^signed in to corp/.test(s.status?.text ?? '')), 'the sign-in');
    const panels = seen.map((s) => s.ssoLogin).filter((p) => p !== undefined);
    expect(
      panels.some((p) => p.flow === 'pkce' && p.opened === true && p.url?.startsWith(`${emu().url}/authorize?`)),
    ).toBe(true);
    expect(panels.every((p) => p.userCode === undefined)).toBe(true);
    expect(browserLog(sb)).toHaveLength(1);
    expect(ops('StartDeviceAuthorization')).toBe(0);
  });

  it('a use that needs a sign-in signs in first, then continues with the role', async () => {
    emu().configure({ autoApproveDevice: 200 });
    start();
    const use = actions.use('profile:dev');
    await until((s) => s.ssoLogin?.userCode !== undefined, 'the device code');
    const session = await use;
    expect(session?.credentials.accessKeyId).toBe(emu().issuedCredentials.at(-1)!.accessKeyId);
    expect(emu().issuedCredentials.at(-1)).toMatchObject({ accountId: DEV, roleName: 'AdministratorAccess' });
    expect(store.getSnapshot().rowState['profile:dev']).toMatchObject({ status: 'live' });
    expect(store.getSnapshot().ssoLogin).toBeUndefined();
  });

  it('Esc cancels the sign-in: no token, the row as it was, the status says so', async () => {
    start();
    const use = actions.use('profile:dev');
    await until((s) => s.ssoLogin?.phase === 'waiting', 'the waiting panel');
    actions.cancel();
    expect(await use).toBeUndefined();
    expect(store.getSnapshot().ssoLogin).toBeUndefined();
    expect(store.getSnapshot().rowState['profile:dev']?.status).toBe('idle');
    expect(store.getSnapshot().status).toEqual({ text: 'dev: cancelled', tone: 'warn' });
    expect(existsSync(tokenPath(sb, CORP))).toBe(false);
  });

  it('Esc while the client is still registering is a cancel too', async () => {
    emu().configure({ latencyMs: 300 });
    start();
    actions.login();
    expect(store.getSnapshot().ssoLogin?.phase).toBe('starting');
    actions.cancel();
    await until((s) => s.status !== undefined, 'the outcome');
    expect(store.getSnapshot().status).toEqual({ text: 'corp: sign-in cancelled', tone: 'warn' });
    expect(store.getSnapshot().ssoLogin).toBeUndefined();
  });

  it("L means the row's session, else the only one, else offers a choice", async () => {
    const two = `${SSO_CONFIG}\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = eu-west-1\n\n[profile plain]\nregion = eu-west-1\n`;
    start(two);
    expect(actions.login('profile:plain')).toEqual(['corp', 'other']);
    expect(actions.login()).toEqual(['corp', 'other']);
    expect(actions.login('profile:prod-ro')).toBeUndefined(); // a chain from the dev SSO profile: corp
    expect(store.getSnapshot().ssoLogin?.session).toBe('corp');
    await until((s) => s.ssoLogin?.phase === 'waiting', 'the waiting panel');
    actions.cancel();
    await until((s) => s.status?.text === 'corp: sign-in cancelled', 'the cancel');
  });

  it('quitting stops a revalidation: nothing is written, nothing reported', async () => {
    seedCliToken(sb, emu());
    emu().configure({ directory: changedDirectory(40), latencyMs: 30 });
    start();
    const run = actions.startBackground();
    await until((s) => (s.ssoSessions[0]?.done ?? 0) > 0, 'some progress');
    actions.stop();
    await run;
    expect(loadCachedRoles(CORP, sb.env)).toBeUndefined();
    expect(store.getSnapshot().status).toBeUndefined();
  });
});

/** Makes the role cache look an hour old, old enough to be revalidated. */
function patchCacheAge(sb: Sandbox): void {
  const path = rolesCachePath(CORP, sb.env);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { fetchedAt: string };
  file.fetchedAt = new Date(Date.now() - 3600_000).toISOString();
  writeFileSync(path, JSON.stringify(file));
}
