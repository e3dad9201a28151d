// The credential server's parts: the token and its check, the container credentials document, the endpoint
// itself (in-process, on loopback), and the renewal view of the session cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/config/errors.js';
import {
  checkAuthorization,
  containerCredentials,
  newAuthToken,
  startCredentialEndpoint,
  type CredentialEndpoint,
} from '../../../src/server/credential-server.js';
import type { FreshSession } from '../../../src/server/refresh-scheduler.js';
import { RenewalCache } from '../../../src/server/renewal-cache.js';

const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const fresh = (accountId?: string): FreshSession => ({
  credentials: {
    accessKeyId: 'ASIAFRESH0000000001',
    secretAccessKey: 'secret/fresh',
    sessionToken: 'token+fresh',
    expiration: new Date(T0 + 60 * MIN),
  },
  issuedAt: T0,
  expiresAt: T0 + 60 * MIN + 789, // sub-second part is dropped
  ...(accountId ? { accountId } : {}),
});

describe('token', () => {
  it('is 32 random bytes in base64url, new each time', () => {
    const a = newAuthToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newAuthToken()).not.toBe(a);
  });

  it('is checked exactly: missing, wrong (any length, prefixed, case) or ok', () => {
    const token = newAuthToken();
    expect(checkAuthorization(token, token)).toBe('ok');
    expect(checkAuthorization(undefined, token)).toBe('missing');
    expect(checkAuthorization('', token)).toBe('missing');
    expect(checkAuthorization(`Bearer ${token}`, token)).toBe('wrong');
    expect(checkAuthorization(token.slice(1), token)).toBe('wrong');
    expect(checkAuthorization(`${token} `, token)).toBe('wrong');
    expect(checkAuthorization(token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), token)).toBe(
      'wrong',
    );
  });
});

describe('container credentials document', () => {
  it('has the field names botocore and the JS SDK read, Expiration in whole seconds', () => {
    expect(containerCredentials(fresh('111111111111'))).toEqual({
      AccessKeyId: 'ASIAFRESH0000000001',
      SecretAccessKey: 'secret/fresh',
      Token: 'token+fresh',
      Expiration: '2026-01-01T01:00:00Z',
      AccountId: '111111111111',
    });
    expect(containerCredentials(fresh())).not.toHaveProperty('AccountId');
  });
});

describe('endpoint (in-process)', () => {
  let endpoint: CredentialEndpoint;
  let answer: () => Promise<FreshSession>;
  const token = newAuthToken();
  beforeEach(async () => {
    endpoint = await startCredentialEndpoint({ credentials: () => answer(), token, label: 'hop1' });
  });
  afterEach(() => endpoint.close());

  it('binds 127.0.0.1 on an OS-chosen port', () => {
    expect(endpoint.address.address).toBe('127.0.0.1');
    expect(endpoint.address.port).toBeGreaterThan(0);
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.address.port}/credentials`);
  });

  it('answers 401 without the token and 403 with a wrong one, never calling for credentials', async () => {
    let asked = 0;
    answer = () => (asked++, Promise.resolve(fresh()));
    const none = await fetch(endpoint.url);
    const wrong = await fetch(endpoint.url, { headers: { Authorization: newAuthToken() } });
    expect([none.status, wrong.status]).toEqual([401, 403]);
    expect((await none.text()) + (await wrong.text())).not.toMatch(/ASIA|secret|token\+/);
    expect(asked).toBe(0);
  });

  it('serves the credentials with the token', async () => {
    answer = () => Promise.resolve(fresh());
    const r = await fetch(endpoint.url, { headers: { Authorization: token } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toMatchObject({ AccessKeyId: 'ASIAFRESH0000000001', Token: 'token+fresh' });
  });

  it('answers 500 with a one-line, redacted cause when no credentials can be had', async () => {
    answer = () =>
      Promise.reject(
        new InputError(
          'profile "hop1" needs an MFA code, got 123456 and key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nstack',
        ),
      );
    const r = await fetch(endpoint.url, { headers: { Authorization: token } });
    expect(r.status).toBe(500);
    const body = (await r.json()) as { Code: string; Message: string };
    expect(body.Code).toBe('CredentialsUnavailable');
    expect(body.Message).toMatch(/^awsx could not renew the credentials of hop1: profile "hop1" needs an MFA code/);
    expect(body.Message).not.toMatch(/123456|wJalr|stack/);
  });
});

describe('RenewalCache', () => {
  let dir: string;
  let now = T0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-renewal-'));
    now = T0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const creds = (lifetime: number) => ({
    accessKeyId: 'ASIAX',
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date(T0 + lifetime),
  });

  it('misses a role session once it is due for renewal, where the plain cache would still reuse it', () => {
    const cache = new RenewalCache(dir, { now: () => now });
    cache.put('role', { kind: 'role', label: 'hop1', chain: ['base', 'hop1'] }, creds(60 * MIN));
    now = T0 + 45 * MIN - 1;
    expect(cache.get('role')?.credentials.accessKeyId).toBe('ASIAX');
    now = T0 + 45 * MIN;
    expect(cache.get('role')).toBeUndefined();
    expect(cache.peek('role')?.createdAt.getTime()).toBe(T0);
  });

  it('keeps using an MFA session behind a role as long as the engine would (no early prompt)', () => {
    const cache = new RenewalCache(dir, { now: () => now });
    cache.put('mfa', { kind: 'mfa-session', label: 'base (MFA session)', chain: ['base'] }, creds(12 * 60 * MIN));
    now = T0 + 12 * 60 * MIN - 6 * MIN;
    expect(cache.get('mfa')).toBeDefined();
    now = T0 + 12 * 60 * MIN - 5 * MIN;
    expect(cache.get('mfa')).toBeUndefined();
  });

  it('renews a served MFA session on schedule (the prompt comes while the old one still works)', () => {
    const cache = new RenewalCache(dir, { now: () => now });
    cache.servedKey = 'mfa';
    cache.put('mfa', { kind: 'mfa-session', label: 'base (MFA session)', chain: ['base'] }, creds(12 * 60 * MIN));
    now = T0 + 12 * 60 * MIN - 15 * MIN;
    expect(cache.get('mfa')).toBeUndefined();
  });
});
