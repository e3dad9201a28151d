// Real parts for a company network: Debian's tinyproxy started here, in front of TLS endpoints whose
// certificate comes from a private CA made with openssl at test start: moto's STS, the IAM Identity Center
// emulator (the portal and OIDC), a federation endpoint and AWS Sign-In (aws login's refresh). The fronts answer only connections from the address tinyproxy binds
// to, so whatever reaches them came through the proxy; the proxy's log shows each CONNECT. awsx and the
// AWS CLI both need HTTPS_PROXY and AWS_CA_BUNDLE (or ca_bundle) to get through.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginTokenPath } from '../../src/credentials/login-session.js';
import { startSigninEmulator, type SigninEmulator } from '../../src/emulator/signin-server.js';
import { callerIdentityJson, credentialsJson } from '../helpers/awsx-json.js';
import { startSsoEmulator, type SsoEmulator } from '../../src/emulator/sso-server.js';
import { startFakeFederation, type FakeFederation } from '../fakes/federation.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { makePrivateCa, type PrivateCa } from '../helpers/private-ca.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { DIRECTORY, seedCliToken, SSO_CONFIG } from '../helpers/sso-world.js';
import { BIND_ADDRESS, startTinyproxy, type Tinyproxy } from '../helpers/tinyproxy.js';
import { startTlsFront, type TlsFront } from '../helpers/tls-front.js';
import { skipWithout } from '../helpers/tools.js';

const skip =
  skipWithout('moto_server', ['--help']) ||
  skipWithout('tinyproxy', ['-v']) ||
  skipWithout('openssl', ['version']) ||
  skipWithout('aws');

const KEYS = '[base]\naws_access_key_id = AKIAIOSFODNN7PROXY01\naws_secret_access_key = proxy/secret\n';
const CONFIG = `[profile base]\nregion = us-east-1\n\n[profile prod]\nrole_arn = arn:aws:iam::111111111111:role/Prod\nsource_profile = base\n\n${SSO_CONFIG}`;

describe.skipIf(skip)('HTTPS_PROXY and AWS_CA_BUNDLE, through tinyproxy to TLS endpoints of a private CA', () => {
  let moto: Moto;
  let emu: SsoEmulator;
  let fed: FakeFederation;
  let signinEmu: SigninEmulator;
  let ca: PrivateCa;
  let proxy: Tinyproxy;
  let sts: TlsFront;
  let sso: TlsFront;
  let federation: TlsFront;
  let signin: TlsFront;
  let sb: Sandbox;

  beforeAll(async () => {
    ca = makePrivateCa();
    [moto, emu, fed, signinEmu, proxy] = await Promise.all([
      startMoto(),
      startSsoEmulator({ directory: DIRECTORY }),
      startFakeFederation(),
      startSigninEmulator(),
      startTinyproxy(),
    ]);
    const tls = { key: ca.key, cert: ca.cert };
    [sts, sso, federation, signin] = await Promise.all([
      startTlsFront(moto.url, tls, BIND_ADDRESS),
      startTlsFront(emu.url, tls, BIND_ADDRESS),
      startTlsFront(new URL(fed.endpoint).origin, tls, BIND_ADDRESS),
      startTlsFront(signinEmu.url, tls, BIND_ADDRESS, { keepHost: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([sts?.close(), sso?.close(), federation?.close(), signin?.close()]);
    await Promise.all([moto?.stop(), emu?.close(), fed?.close(), signinEmu?.close(), proxy?.stop()]);
    ca?.cleanup();
  });
  beforeEach(() => {
    sb?.cleanup();
    sb = makeSandbox(
      { config: CONFIG, credentials: KEYS },
      {
        HTTPS_PROXY: proxy.url,
        AWS_CA_BUNDLE: ca.caPath,
        AWS_ENDPOINT_URL_STS: sts.url,
        AWS_ENDPOINT_URL_SSO: sso.url,
        AWS_ENDPOINT_URL_SSO_OIDC: sso.url,
        AWSX_FEDERATION_ENDPOINT: `${federation.url}/federation`,
        AWS_ENDPOINT_URL_SIGNIN: signin.url,
        AWSX_TIMEOUT_MS: '4000',
        AWS_MAX_ATTEMPTS: '1',
      },
    );
  });
  afterAll(() => sb?.cleanup());

  const connects = (front: TlsFront): number =>
    proxy
      .log()
      .split('\n')
      .filter((l) => l.includes(`CONNECT 127.0.0.1:${front.port} `)).length;

  it('awsx assumes a role through the proxy, trusting the endpoint by AWS_CA_BUNDLE alone', async () => {
    const before = connects(sts);
    const r = await sb.awsx(['assume', 'prod', '--format', 'json', '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(credentialsJson(r.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(connects(sts)).toBeGreaterThan(before);
    expect(new Set(sts.peers)).toEqual(new Set([BIND_ADDRESS]));
  });

  it('the AWS CLI gets through the same way (the reference)', async () => {
    const before = connects(sts);
    const r = await sb.aws(['sts', 'get-caller-identity', '--profile', 'prod', '--output', 'json'], {
      env: { AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(callerIdentityJson(r.stdout).Arn).toMatch(/assumed-role\/Prod\//);
    expect(connects(sts)).toBeGreaterThan(before);
  });

  it('without the bundle: one line naming the untrusted certificate and AWS_CA_BUNDLE, exit 1', async () => {
    const r = await sb.awsx(['assume', 'prod', '--format', 'json', '--no-cache'], { env: { AWS_CA_BUNDLE: '' } });
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /cannot reach STS while assuming .*: its TLS certificate is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\) \(set AWS_CA_BUNDLE/,
    );
  });

  it('ca_bundle in the profile works as AWS_CA_BUNDLE does', async () => {
    sb.write('config', CONFIG.replace('[profile prod]\n', `[profile prod]\nca_bundle = ${ca.caPath}\n`));
    const r = await sb.awsx(['assume', 'prod', '--format', 'json', '--no-cache'], { env: { AWS_CA_BUNDLE: '' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('without the proxy the endpoint cannot be reached (it answers only the proxy), nor with NO_PROXY naming it', async () => {
    for (const env of [{ HTTPS_PROXY: '' }, { NO_PROXY: 'localhost,127.0.0.1' }, { no_proxy: '.0.0.1' }]) {
      const r = await sb.awsx(['assume', 'prod', '--format', 'json', '--no-cache'], { env });
      expect(r.code, JSON.stringify(env)).toBe(1);
      expect(r.stderr).toMatch(/cannot reach STS/);
    }
    expect(sts.peers).toContain('127.0.0.1');
    // A NO_PROXY that names other hosts leaves the proxy in use; lower-case https_proxy wins over HTTPS_PROXY.
    const r = await sb.awsx(['assume', 'prod', '--format', 'json', '--no-cache'], {
      env: { NO_PROXY: 'example.com,.internal', HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: proxy.url },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('IAM Identity Center role credentials go through the proxy too', async () => {
    seedCliToken(sb, emu);
    const before = connects(sso);
    const r = await sb.awsx(['assume', 'dev', '--format', 'json', '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(connects(sso)).toBeGreaterThan(before);
  });

  it('IAM Identity Center OIDC (RegisterClient, StartDeviceAuthorization, CreateToken) goes through the proxy too', async () => {
    const ops = ['RegisterClient', 'StartDeviceAuthorization', 'CreateToken'];
    const calls = (): number[] => ops.map((op) => emu.stats.operations[op] ?? 0);
    emu.configure({ autoApproveDevice: true }); // the user approves the code at once
    try {
      const [before, callsBefore] = [connects(sso), calls()];
      const login = ['sso', 'login', '--sso-session', 'corp', '--use-device-code'];
      const r = await sb.awsx(login, { env: { BROWSER: 'true' } });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('logged in to sso-session "corp"');
      // Every OIDC call reached the emulator through the front, which answers only the proxy.
      calls().forEach((n, i) => expect(n, ops[i]).toBeGreaterThan(callsBefore[i]!));
      expect(connects(sso)).toBeGreaterThan(before);
      // Without the bundle the first OIDC call fails on the private CA: the bundle is what let it through.
      const untrusted = await sb.awsx(login, { env: { BROWSER: 'true', AWS_CA_BUNDLE: '' } });
      expect(untrusted.code).toBe(1);
      const [notice, error, ...more] = untrusted.stderr.trimEnd().split('\n');
      expect([notice, more]).toEqual([
        'awsx: signing in to sso-session "corp" (https://corp.awsapps.com/start) with a device code',
        [],
      ]);
      // (The registration of the first login is reused: the first call is StartDeviceAuthorization.)
      expect(error).toMatch(
        /^awsx: cannot reach SSO OIDC while starting the device authorization: its TLS certificate is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\) \(set AWS_CA_BUNDLE/,
      );
    } finally {
      emu.configure({ autoApproveDevice: false });
    }
  });

  it('an aws login profile is refreshed through the proxy too (AWS Sign-In), trusting the bundle', async () => {
    /** A login_session profile whose cached credentials have TTL seconds left (under 5 minutes: a refresh). */
    const seedLogin = (ttlSeconds: number): string => {
      const { session, token } = signinEmu.login({ ttlSeconds });
      const path = loginTokenPath(session, sb.env);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(token), { mode: 0o600 });
      sb.write('config', `${CONFIG}\n[profile me]\nlogin_session = ${session}\nregion = us-east-1\n`);
      return session;
    };
    const session = seedLogin(120);
    signinEmu.calls.length = 0;
    const before = connects(signin);
    const r = await sb.awsx(['assume', 'me', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The refresh reached the emulator through the front (which answers only the proxy), at the front's URL.
    expect(signinEmu.calls).toEqual([
      { grantType: 'refresh_token', status: 200, jkt: expect.any(String) as string, htu: `${signin.url}/v1/token` },
    ]);
    expect(signinEmu.issued.get(credentialsJson(r.stdout).AccessKeyId)).toBe(session);
    expect(connects(signin)).toBeGreaterThan(before);
    // Without the bundle the refresh fails on the private CA (credentials already expired: none to fall back on).
    seedLogin(-60);
    const untrusted = await sb.awsx(['assume', 'me', '--format', 'json'], { env: { AWS_CA_BUNDLE: '' } });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toBe('');
    expect(untrusted.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(untrusted.stderr).toMatch(
      /^awsx: profile "me": cannot reach AWS Sign-In while refreshing the aws login session: its TLS certificate is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\) \(set AWS_CA_BUNDLE/,
    );
  });

  it('the console sign-in token comes through the proxy too', async () => {
    const before = connects(federation);
    const r = await sb.awsx(['console', 'prod', '--print']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SigninToken=/);
    expect(connects(federation)).toBeGreaterThan(before);
  });
});
