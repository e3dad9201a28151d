// The console federation emulator with plain fetch, linked to the STS emulator: which sessions get a
// sign-in token, the SessionDuration rules, and the demo login page.
import { createHash } from 'node:crypto';
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFederationEmulator, type FederationEmulator } from '../../src/emulator/federation-server.js';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { ACCOUNT, arn as role, OTHER } from '../helpers/accounts.js';
import { ALICE, keysOf, sts, worldOptions, type Keys } from './sts-world.js';

const T0 = Date.UTC(2025, 2, 1, 12, 0, 10);
const DEST = 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1';
let clock: { now: number };
let emu: StsEmulator;
let fed: FederationEmulator;
beforeEach(async () => {
  clock = { now: T0 };
  emu = await startStsEmulator(worldOptions(clock));
  fed = await startFederationEmulator({ lookupCredentials: emu.lookupCredentials, clock: { now: () => clock.now } });
});
afterEach(async () => {
  await fed.close();
  await emu.close();
});

const assume = async (keys: Keys, arn: string, name = 'alice'): Promise<Keys> =>
  keysOf(await sts(emu.url, keys).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: name })));
const session = (k: Keys, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ sessionId: k.accessKeyId, sessionKey: k.secretAccessKey, sessionToken: k.sessionToken, ...extra });

async function signinToken(sessionJson: string, duration?: string): Promise<{ status: number; text: string }> {
  const url = new URL(fed.endpoint);
  url.searchParams.set('Action', 'getSigninToken');
  if (duration !== undefined) url.searchParams.set('SessionDuration', duration);
  url.searchParams.set('Session', sessionJson);
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

async function tokenOf(k: Keys, duration?: string): Promise<string> {
  const r = await signinToken(session(k), duration);
  expect(r.status).toBe(200);
  return (JSON.parse(r.text) as { SigninToken: string }).SigninToken;
}

function loginUrl(token: string, destination = DEST): string {
  return `${fed.endpoint}?${new URLSearchParams({ Action: 'login', Issuer: 'awsx', Destination: destination, SigninToken: token }).toString()}`;
}

describe('getSigninToken', () => {
  it('a role assumed from long-term keys: SessionDuration 900-43200 allowed, else the credential lifetime', async () => {
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    await tokenOf(dev);
    expect(fed.tokens[0]!.consoleExpiresAt.getTime()).toBe(T0 + 3600_000);
    await tokenOf(dev, '28800');
    expect(fed.tokens[1]).toMatchObject({
      sessionDuration: 28800,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`,
    });
    expect(fed.tokens[1]!.consoleExpiresAt.getTime()).toBe(T0 + 28800_000);
    for (const bad of ['899', '43201', '1h', '']) {
      const r = await signinToken(session(dev), bad);
      expect(r.status).toBe(400);
      expect(r.text).toMatch(/^Invalid Credentials Parameter/);
    }
  });

  it('chained and federation-token sessions: SessionDuration refused with 400, accepted without it', async () => {
    const chained = await assume(await assume(ALICE, role(ACCOUNT, 'Dev')), role(OTHER, 'Hop2'), 'hop2');
    const r = await signinToken(session(chained), '3600');
    expect([r.status, r.text]).toEqual([
      400,
      'Invalid Credentials Parameter: SessionDuration is not allowed for role-chained sessions\n',
    ]);
    await tokenOf(chained);
    const fedUser = keysOf(
      await sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'alice', DurationSeconds: 7200 })),
    );
    expect((await signinToken(session(fedUser), '3600')).status).toBe(400);
    await tokenOf(fedUser);
    expect(fed.tokens.at(-1)!.consoleExpiresAt.getTime()).toBe(T0 + 7200_000);
  });

  it('refuses GetSessionToken credentials, long-term keys, wrong secrets or tokens, malformed JSON and expired sessions', async () => {
    const gst = keysOf(await sts(emu.url, ALICE).send(new GetSessionTokenCommand({})));
    expect(await signinToken(session(gst))).toEqual({
      status: 400,
      text: 'Invalid Credentials Parameter: GetSessionToken credentials cannot sign in\n',
    });
    expect((await signinToken(session({ ...ALICE, sessionToken: 'x' }))).text).toMatch(/long-term keys cannot sign in/);
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    expect((await signinToken(session({ ...dev, secretAccessKey: 'wrong' }))).status).toBe(400);
    expect((await signinToken(session({ ...dev, sessionToken: 'wrong' }))).status).toBe(400);
    expect((await signinToken(session(dev, { extra: 'x' }))).status).toBe(400);
    expect((await signinToken('{not json')).status).toBe(400);
    expect(
      (await signinToken(session({ accessKeyId: 'ASIAUNKNOWN', secretAccessKey: 's', sessionToken: 't' }))).text,
    ).toMatch(/unknown credentials/);
    clock.now += 3600_000;
    expect((await signinToken(session(dev))).text).toMatch(/expired/);
    expect(fed.stats.tokensIssued).toBe(0);
    expect(fed.stats.refused).toBe(8);
    expect(fed.requests.every((r) => r.action === 'getSigninToken' && r.status === 400 && r.reason)).toBe(true);
  });
});

describe('login', () => {
  it('shows a demo page naming the identity and records the login', async () => {
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    const res = await fetch(loginUrl(await tokenOf(dev, '7200')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('DEMO');
    expect(html).toContain('not the AWS console');
    expect(html).toContain(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`);
    expect(html).toContain(ACCOUNT);
    expect(html).toContain(DEST.replace(/&/g, '&#38;'));
    expect(html).toContain(new Date(T0 + 7200_000).toISOString());
    expect(fed.logins).toHaveLength(1);
    expect(fed.logins[0]).toMatchObject({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`,
      account: ACCOUNT,
      kind: 'assumed-role',
      chained: false,
      destination: DEST,
      issuer: 'awsx',
    });
  });

  it('leaves a console session cookie; /console shows whoever the cookie signs in, until the session ends', async () => {
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    const res = await fetch(loginUrl(await tokenOf(dev, '7200')));
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^awsx-demo-console=[\w-]{32}; Max-Age=7200; Path=\/; HttpOnly; SameSite=Lax$/);
    const pair = cookie.split(';')[0]!;
    const page = await fetch(`${fed.url}/console`, { headers: { cookie: `other=1; ${pair}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<h1>Console (demo): arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice</h1>`);
    const none = await fetch(`${fed.url}/console`);
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('not signed in');
    expect((await fetch(`${fed.url}/console`, { headers: { cookie: 'awsx-demo-console=forged' } })).status).toBe(401);
    clock.now += 7200_000;
    expect((await fetch(`${fed.url}/console`, { headers: { cookie: pair } })).status).toBe(401);
  });

  it("both pages open with a band in the identity's colour (SHA-256 of its ARN); the signed-out page has none", async () => {
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`;
    const colour = `#${createHash('sha256').update(arn).digest('hex').slice(0, 6)}`;
    const band = `<body>\n<div class="identity-band" data-arn="${arn}"`;
    const res = await fetch(loginUrl(await tokenOf(await assume(ALICE, role(ACCOUNT, 'Dev')))));
    const login = await res.text();
    const pair = res.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${fed.url}/console`, { headers: { cookie: pair } })).text();
    for (const html of [login, page]) {
      expect(html).toContain(band);
      expect(html).toContain(`.identity-band{flex:none;height:24px;margin:0;border:0;padding:0;background:${colour}}`);
    }
    expect(await (await fetch(`${fed.url}/console`)).text()).not.toContain('identity-band');
  });

  it('a federated user signs in as federated-user/NAME', async () => {
    const fedUser = keysOf(await sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'alice-console' })));
    const html = await (await fetch(loginUrl(await tokenOf(fedUser)))).text();
    expect(html).toContain(`arn:aws:sts::${ACCOUNT}:federated-user/alice-console`);
    expect(html).toContain('GetFederationToken');
  });

  it('unknown or expired sign-in tokens, a missing destination: 400 text', async () => {
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    const token = await tokenOf(dev);
    const unknown = await fetch(loginUrl('nope'));
    expect([unknown.status, await unknown.text()]).toEqual([400, 'Invalid SigninToken\n']);
    const noDest = await fetch(`${fed.endpoint}?Action=login&SigninToken=${encodeURIComponent(token)}`);
    expect(noDest.status).toBe(400);
    clock.now += 15 * 60_000;
    const late = await fetch(loginUrl(token));
    expect([late.status, await late.text()]).toEqual([400, 'Expired SigninToken\n']);
    expect(fed.logins).toHaveLength(0);
  });

  it('logout (the --signout wrapper) redirects to a login on this server; other routes are refused', async () => {
    const dev = await assume(ALICE, role(ACCOUNT, 'Dev'));
    const login = loginUrl(await tokenOf(dev));
    const res = await fetch(
      `${fed.url}/oauth?${new URLSearchParams({ Action: 'logout', redirect_uri: login }).toString()}`,
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(login);
    expect((await fetch(`${fed.url}/oauth?Action=logout&redirect_uri=https://example.com/`)).status).toBe(200);
    expect((await fetch(`${fed.endpoint}?Action=nope`)).status).toBe(400);
    expect((await fetch(`${fed.url}/other`)).status).toBe(404);
    expect(fed.stats.actions).toMatchObject({ getSigninToken: 1, logout: 2, nope: 1, Unknown: 1 });
  });
});
