// The SSO emulator's OIDC API, driven by the real @aws-sdk/client-sso-oidc (device flow, refresh, auth code + PKCE).
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSsoEmulator, type SsoEmulator } from '../../src/emulator/sso-server.js';

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
const START_URL = 'https://my-org.awsapps.com/start';
let emu: SsoEmulator;
let oidc: SSOOIDCClient;
// The emulator's clock: a test moves it instead of waiting for poll intervals and expiries.
let now: number;
const advance = (ms: number) => void (now += ms);

beforeEach(async () => {
  now = Date.now();
  emu = await startSsoEmulator({ clock: { now: () => now } });
  oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: emu.url, maxAttempts: 1 });
});
afterEach(() => emu.close());

const errName = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => e.name,
  );

async function register(extra: Record<string, unknown> = { scopes: ['sso:account:access'] }) {
  const reg = await oidc.send(
    new RegisterClientCommand({ clientName: 'botocore-client-test', clientType: 'public', ...extra }),
  );
  return { clientId: reg.clientId!, clientSecret: reg.clientSecret!, reg };
}

async function startDevice(client: { clientId: string; clientSecret: string }) {
  return oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: START_URL }));
}

describe('RegisterClient', () => {
  it('returns a public client with secret expiry in epoch seconds (~90 days)', async () => {
    const { reg } = await register();
    const now = Date.now() / 1000;
    expect(reg.clientIdIssuedAt).toBeGreaterThan(now - 5);
    expect(reg.clientSecretExpiresAt! - now).toBeGreaterThan(89 * 86400);
    expect(reg.clientSecretExpiresAt! - now).toBeLessThan(91 * 86400);
    expect(await errName(register({ clientType: 'confidential' }))).toBe('InvalidClientMetadataException');
    expect(await errName(register({ grantTypes: ['authorization_code'], issuerUrl: START_URL }))).toBe(
      'InvalidRedirectUriException',
    );
  });
});

describe('device authorization grant', () => {
  it('pending -> browser visit approves -> token, with OAuth-style error bodies', async () => {
    const client = await register();
    const dev = await startDevice(client);
    expect(dev.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect([dev.expiresIn, dev.interval]).toEqual([600, 1]);
    expect(dev.verificationUri).toBe(`${emu.url}/device`);
    expect(dev.verificationUriComplete).toBe(`${emu.url}/device?user_code=${dev.userCode}`);

    const raw = await fetch(`${emu.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...client, grantType: DEVICE, deviceCode: dev.deviceCode }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe('AuthorizationPendingException');
    expect(await raw.json()).toEqual({
      error: 'authorization_pending',
      error_description: expect.any(String) as string,
    });

    const page = await fetch(dev.verificationUriComplete!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('approved');
    advance(1000);
    const tok = await oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE, deviceCode: dev.deviceCode }));
    expect(tok.tokenType).toBe('Bearer');
    expect(tok.expiresIn).toBe(8 * 3600);
    expect(tok.refreshToken).toMatch(/^aor/);
    expect(emu.isAccessTokenValid(tok.accessToken!)).toBe(true);
    const sso = new SSOClient({ region: 'us-east-1', endpoint: emu.url });
    expect((await sso.send(new ListAccountsCommand({ accessToken: tok.accessToken }))).accountList).toHaveLength(3);
    // a device code is single use
    advance(1000);
    expect(
      await errName(oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE, deviceCode: dev.deviceCode }))),
    ).toBe('InvalidGrantException');
  });

  it('SlowDownException when polled faster than the interval, which then grows by 5 s', async () => {
    const client = await register();
    const pollerFor = async () => {
      const dev = await startDevice(client);
      return () =>
        errName(oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE, deviceCode: dev.deviceCode })));
    };
    const poll = await pollerFor();
    expect(await poll()).toBe('AuthorizationPendingException');
    expect(await poll()).toBe('SlowDownException');
    advance(1000);
    expect(await poll()).toBe('SlowDownException'); // now 6 s are required (RFC 8628 §3.5)

    emu.configure({ slowDownIncrementSeconds: 0 });
    const lenient = await pollerFor();
    expect(await lenient()).toBe('AuthorizationPendingException');
    expect(await lenient()).toBe('SlowDownException');
    advance(1000);
    expect(await lenient()).toBe('AuthorizationPendingException');
  });

  it('autoApproveDevice, deny, expiry and bad client', async () => {
    emu.configure({ autoApproveDevice: 300 });
    const client = await register({}); // legacy registration: no scopes, no refresh token
    const dev = await startDevice(client);
    const poll = (d = dev) =>
      oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE, deviceCode: d.deviceCode }));
    expect(await errName(poll())).toBe('AuthorizationPendingException');
    advance(1000);
    const tok = await poll();
    expect(tok.accessToken).toBeTruthy();
    expect(tok.refreshToken).toBeUndefined();

    emu.configure({ autoApproveDevice: false, approvals: 'deny' });
    const denied = await startDevice(client);
    await fetch(denied.verificationUriComplete!);
    expect(await errName(poll(denied))).toBe('AccessDeniedException');

    emu.configure({ deviceCodeTtlSeconds: 0.2 });
    const expiring = await startDevice(client);
    advance(300);
    expect(await errName(poll(expiring))).toBe('ExpiredTokenException');

    const bad = oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: 'wrong', startUrl: START_URL }),
    );
    const err = (await bad.then(
      () => undefined,
      (e: unknown) => e,
    )) as { name: string; $metadata: { httpStatusCode: number } };
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['InvalidClientException', 401]);
  });
});

describe('refresh_token grant', () => {
  it('rotates both tokens and invalidates the old refresh token', async () => {
    emu.configure({ autoApproveDevice: true });
    const client = await register();
    const dev = await startDevice(client);
    const first = await oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE, deviceCode: dev.deviceCode }));
    const refresh = (refreshToken: string) =>
      oidc.send(new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken }));
    const second = await refresh(first.refreshToken!);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await errName(refresh(first.refreshToken!))).toBe('InvalidGrantException');
    expect(await errName(refresh('aor-made-up'))).toBe('InvalidGrantException');

    // tokens expire, the refresh token still works; logout ends the session
    emu.expireAllTokens();
    expect(emu.isAccessTokenValid(second.accessToken!)).toBe(false);
    const third = await refresh(second.refreshToken!);
    expect(emu.isAccessTokenValid(third.accessToken!)).toBe(true);
    await fetch(`${emu.url}/logout`, { method: 'POST', headers: { 'x-amz-sso_bearer_token': third.accessToken! } });
    expect(await errName(refresh(third.refreshToken!))).toBe('InvalidGrantException');
  });
});

describe('authorization_code grant with PKCE', () => {
  const pkce = () => {
    const verifier = randomBytes(48).toString('base64url').slice(0, 64);
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };
  const authCodeClient = () =>
    register({
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: START_URL,
    });
  const authorizeUrl = (clientId: string, redirectUri: string, challenge: string, state = 'st-123') =>
    `${emu.url}/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state, code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: challenge }).toString()}`;

  it('302s to the loopback redirect URI (any port); CreateToken checks code, redirectUri and verifier', async () => {
    const client = await authCodeClient();
    const { verifier, challenge } = pkce();
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
    const res = await fetch(authorizeUrl(client.clientId, redirectUri, challenge), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('st-123');
    const code = location.searchParams.get('code')!;

    const exchange = (c: string, uri: string, v: string) =>
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code: c,
          redirectUri: uri,
          codeVerifier: v,
        }),
      );
    expect(await errName(exchange(code, 'http://127.0.0.1:1/oauth/callback', verifier))).toBe('InvalidGrantException');
    expect(await errName(exchange(code, redirectUri, verifier))).toBe('InvalidGrantException'); // codes are single use

    const again = await fetch(authorizeUrl(client.clientId, redirectUri, challenge), { redirect: 'manual' });
    const code2 = new URL(again.headers.get('location')!).searchParams.get('code')!;
    expect(await errName(exchange(code2, redirectUri, pkce().verifier))).toBe('InvalidGrantException');
    const third = await fetch(authorizeUrl(client.clientId, redirectUri, challenge), { redirect: 'manual' });
    const tok = await exchange(
      new URL(third.headers.get('location')!).searchParams.get('code')!,
      redirectUri,
      verifier,
    );
    expect(tok.tokenType).toBe('Bearer');
    expect(tok.refreshToken).toBeTruthy();

    // unregistered redirect URI: no redirect, an error page
    expect(
      (await fetch(authorizeUrl(client.clientId, 'http://127.0.0.1:5/other', challenge), { redirect: 'manual' }))
        .status,
    ).toBe(400);
    // a device-flow client may not use the browser flow
    expect(
      await errName(
        oidc.send(
          new CreateTokenCommand({
            ...(await register()),
            grantType: 'authorization_code',
            code: 'x',
            redirectUri,
            codeVerifier: verifier,
          }),
        ),
      ),
    ).toBe('UnauthorizedClientException');
  });

  it('a browser following redirects completes the login at a real loopback listener', async () => {
    const client = await authCodeClient();
    const { verifier, challenge } = pkce();
    let received: URLSearchParams | undefined;
    const listener = createServer((req, res) => {
      received = new URL(req.url!, 'http://127.0.0.1').searchParams;
      res.end('You can return to your terminal.');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const redirectUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/oauth/callback`;
    try {
      const page = await fetch(authorizeUrl(client.clientId, redirectUri, challenge, 'xyz'));
      expect(await page.text()).toContain('return to your terminal');
      expect(received?.get('state')).toBe('xyz');
      const tok = await oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code: received!.get('code')!,
          redirectUri,
          codeVerifier: verifier,
        }),
      );
      expect(emu.isAccessTokenValid(tok.accessToken!)).toBe(true);

      emu.configure({ approvals: 'deny' });
      await fetch(authorizeUrl(client.clientId, redirectUri, challenge, 'd'));
      expect([received?.get('error'), received?.get('state')]).toEqual(['access_denied', 'd']);
    } finally {
      listener.closeAllConnections();
      listener.close();
    }
  });
});
