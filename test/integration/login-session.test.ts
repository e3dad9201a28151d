// `aws login` profiles (login_session) against the AWS Sign-In fake (src/emulator/signin-server.ts) and moto:
// awsx lists them, uses the cached credentials the AWS CLI wrote, refreshes them with a DPoP-bound refresh
// token when 5 minutes or less remain, rewrites the cache keeping its other fields, and botocore reads the
// rewritten file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsJson } from '../helpers/awsx-json.js';
import { startSigninEmulator, type LoginCacheToken, type SigninEmulator } from '../../src/emulator/signin-server.js';
import { loginTokenPath } from '../../src/credentials/login-session.js';
import { startStsFront, type StsFront } from '../fakes/sts-front.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout, skipWithoutBotocore } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('aws login profiles (login_session)', () => {
  let moto: Moto;
  let sts: StsFront;
  let signin: SigninEmulator;
  let sb: Sandbox;
  let session: string;
  let token: LoginCacheToken;

  beforeAll(async () => {
    moto = await startMoto();
    [sts, signin] = await Promise.all([startStsFront(moto.url), startSigninEmulator()]);
  });
  afterAll(async () => {
    sb?.cleanup();
    await Promise.all([sts?.close(), signin?.close()]);
    await moto?.stop();
  });

  const seed = (ttlSeconds: number, env: NodeJS.ProcessEnv = sb.env): string => {
    ({ session, token } = signin.login({ ttlSeconds }));
    const path = loginTokenPath(session, env);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(token), { mode: 0o600 });
    sb.write(
      'config',
      `[profile me]\nlogin_session = ${session}\nregion = us-east-1\n\n[profile ops]\nrole_arn = arn:aws:iam::222222222222:role/Ops\nsource_profile = me\n`,
    );
    return path;
  };

  beforeEach(() => {
    sb?.cleanup();
    sb = makeSandbox({}, { AWS_ENDPOINT_URL_SIGNIN: signin.url, AWS_ENDPOINT_URL_STS: sts.url });
    signin.calls.length = 0;
    signin.deny(undefined);
    sts.reset();
  });

  it('lists a login_session profile as such, not as an error', async () => {
    seed(900);
    const r = await sb.awsx(['list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ name: string; kind: string; error: string | null; chain: string[] }>;
    expect(rows.find((x) => x.name === 'me')).toMatchObject({ kind: 'login', error: null });
    expect(rows.find((x) => x.name === 'ops')).toMatchObject({ kind: 'role', error: null, chain: ['me', 'ops'] });
  });

  it('uses the cached credentials while more than 5 minutes remain: no call to AWS Sign-In', async () => {
    seed(900);
    const r = await sb.awsx(['assume', 'me', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      AccessKeyId: token.accessToken.accessKeyId,
      SessionToken: token.accessToken.sessionToken,
    });
    expect(signin.calls).toEqual([]);
  });

  it('refreshes with the refresh token and a DPoP proof, rewrites the cache keeping its other fields (0600)', async () => {
    const path = seed(120);
    const r = await sb.awsx(['assume', 'me', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(signin.calls).toEqual([
      { grantType: 'refresh_token', status: 200, jkt: expect.any(String) as string, htu: `${signin.url}/v1/token` },
    ]);
    const out = credentialsJson(r.stdout);
    expect(out.AccessKeyId).not.toBe(token.accessToken.accessKeyId);
    expect(signin.issued.get(out.AccessKeyId)).toBe(session);
    const cached = JSON.parse(readFileSync(path, 'utf8')) as LoginCacheToken;
    expect(cached.accessToken.accessKeyId).toBe(out.AccessKeyId);
    expect(cached.accessToken.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(cached.accessToken.expiresAt) - Date.now()).toBeGreaterThan(800_000);
    expect(cached.refreshToken).not.toBe(token.refreshToken);
    expect({ ...cached, accessToken: undefined, refreshToken: undefined }).toEqual({
      ...token,
      accessToken: undefined,
      refreshToken: undefined,
    });
    expect(cached.accessToken.accountId).toBe(token.accessToken.accountId);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A second run finds the fresh credentials: no call.
    expect((await sb.awsx(['assume', 'me', '--format', 'json'])).code).toBe(0);
    expect(signin.calls).toHaveLength(1);
  });

  it.skipIf(skipWithoutBotocore())('botocore reads the cache awsx rewrote', async () => {
    const path = seed(60);
    expect((await sb.awsx(['assume', 'me', '--format', 'json'])).code).toBe(0);
    const py = [
      'import json, sys',
      'from botocore.credentials import LoginCredentialFetcher',
      'from botocore.utils import JSONFileCache, LoginTokenLoader, get_login_token_cache_directory',
      'f = LoginCredentialFetcher(session_name=sys.argv[1], token_loader=LoginTokenLoader(JSONFileCache(get_login_token_cache_directory())), client_creator=None)',
      'print(json.dumps(f.load_cached_credentials()))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', py, session], {
      encoding: 'utf8',
      env: { ...process.env, HOME: sb.home, AWS_LOGIN_CACHE_DIRECTORY: dirname(path) },
    });
    expect(run.stderr).toBe('');
    const cached = JSON.parse(readFileSync(path, 'utf8')) as LoginCacheToken;
    expect(JSON.parse(run.stdout)).toEqual({
      access_key: cached.accessToken.accessKeyId,
      secret_key: cached.accessToken.secretAccessKey,
      token: cached.accessToken.sessionToken,
      expiry_time: cached.accessToken.expiresAt,
      account_id: cached.accessToken.accountId,
    });
  });

  it('a role on top of a login profile is assumed with its credentials', async () => {
    seed(900);
    const r = await sb.awsx(['assume', 'ops', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sts.callsOf('AssumeRole').map((c) => [c.params.RoleArn, c.callerKey])).toEqual([
      ['arn:aws:iam::222222222222:role/Ops', token.accessToken.accessKeyId],
    ]);
  });

  it('a refused refresh asks for aws login in one line (exit 1); no cache: not logged in', async () => {
    seed(60);
    signin.deny('TOKEN_EXPIRED');
    const r = await sb.awsx(['assume', 'me', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('awsx: profile "me": the aws login session has expired (run aws login --profile me)\n');
    sb.write('config', '[profile me]\nlogin_session = arn:aws:iam::111111111111:user/nobody\n');
    const none = await sb.awsx(['assume', 'me', '--format', 'json']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^awsx: profile "me": not logged in: no aws login session arn:aws:iam::111111111111:user\/nobody in .*login\/cache \(run aws login --profile me\)\n$/,
    );
  });

  it('AWS_LOGIN_CACHE_DIRECTORY with $VARIABLES and ~ is where the cache is read', async () => {
    const env = { ...sb.env, SOMEWHERE: 'elsewhere', AWS_LOGIN_CACHE_DIRECTORY: '~/$SOMEWHERE/login' };
    const path = seed(900, env);
    expect(path).toBe(join(sb.home, 'elsewhere', 'login', `${path.split('/').pop()}`));
    const r = await sb.awsx(['assume', 'me', '--format', 'json'], {
      env: { SOMEWHERE: 'elsewhere', AWS_LOGIN_CACHE_DIRECTORY: '~/$SOMEWHERE/login' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
