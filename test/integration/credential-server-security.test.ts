// The credential endpoint's security, seen from outside a running `awsx exec --server`: every request needs the
// token (none, a wrong one or a Bearer-prefixed one gets no credentials), it listens on 127.0.0.1 only, CMD's
// environment holds no key and no competing credential variable, and awsx prints no secret.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCredentialServers } from '../../src/server/registry.js';
import { servedCredentialsJson, serverErrorJson } from '../helpers/awsx-json.js';
import { makeSandbox, type RunResult, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
const BASE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBASESECRET';
const STRAY = {
  AWS_ACCESS_KEY_ID: 'AKIASTRAYSTRAYSTRAY1',
  AWS_SECRET_ACCESS_KEY: 'straysecretstraysecretstraysecretstray00',
  AWS_SESSION_TOKEN: 'straytoken',
};

interface Reply {
  status: number;
  body: string;
}

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Listening TCP sockets on `port` from /proc/net/tcp{,6}: their local addresses as the kernel writes them. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .slice(1)
          .map((line) => line.trim().split(/\s+/))
          .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
          .map((f) => f[1]!.split(':')[0]!)
      : [],
  );
}

describe.skipIf(skip)('the credential endpoint of awsx exec --server', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let url: string;
  let token: string;
  let childEnv: Map<string, string>;
  let awsx: Promise<RunResult>;
  let result: RunResult;

  beforeAll(async () => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    const file = (name: string): string => join(sb.dir, name);
    // CMD hands the endpoint to the test through files (never stdout), then waits for "stop".
    const script = `printf %s "$AWS_CONTAINER_CREDENTIALS_FULL_URI" > ${file('uri')}; printf %s "$AWS_CONTAINER_AUTHORIZATION_TOKEN" > ${file('token')}; env > ${file('env')}; : > ${file('ready')}; while [ ! -f ${file('stop')} ]; do sleep 0.1; done; exit 5`;
    const extra = {
      ...STRAY,
      AWS_PROFILE: 'base',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/stray',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/stray',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/stray',
      AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/Stray',
    };
    awsx = sb.awsx(['exec', 'hop1', '--server', '--', 'sh', '-c', script], { env: extra });
    let finished = false;
    void awsx.finally(() => (finished = true));
    // Until CMD is ready or awsx has ended, for as long as the sandbox lets awsx run.
    await vi.waitUntil(() => existsSync(file('ready')) || finished, { timeout: 45_000 });
    if (finished) throw new Error(`awsx ended early: ${(await awsx).stderr}`);
    url = readFileSync(file('uri'), 'utf8');
    token = readFileSync(file('token'), 'utf8');
    childEnv = new Map(
      readFileSync(file('env'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
    );
  });

  afterAll(async () => {
    if (sb) {
      writeFileSync(join(sb.dir, 'stop'), '');
      await awsx;
      sb.cleanup();
    }
  });

  it('hands CMD only the endpoint, its token and the region: no keys, no profile, no other credential variable', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const aws = [...childEnv.keys()].filter((k) => k.startsWith('AWS_')).sort();
    expect(aws).toEqual([
      'AWS_CONFIG_FILE',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_DEFAULT_REGION',
      'AWS_EC2_METADATA_DISABLED',
      'AWS_ENDPOINT_URL_STS',
      'AWS_PAGER',
      'AWS_REGION',
      'AWS_SHARED_CREDENTIALS_FILE',
    ]);
    expect(childEnv.get('AWS_REGION')).toBe('eu-west-1');
    expect(childEnv.get('AWSX_IDENTITY')).toBe('hop1');
  });

  it('serves the container credentials format with the right token', async () => {
    const r = await get(url, { Authorization: token });
    expect(r.status).toBe(200);
    const doc = servedCredentialsJson(r.body);
    expect(Object.keys(doc)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'AccountId']);
    expect(doc.AccessKeyId).toMatch(/^ASIA/);
    expect(doc.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(doc.AccountId).toBe('111111111111');
  });

  it.each([
    ['no Authorization header', {}, 401],
    ['an empty one', { Authorization: '' }, 401],
    ['a wrong token of the same length', { Authorization: 'x'.repeat(43) }, 403],
    ['the token with a Bearer prefix', { Authorization: 'Bearer TOKEN' }, 403],
    ['the token with one character changed', { Authorization: 'ONEOFF' }, 403],
  ])('refuses %s, with no credential in the answer', async (_label, headers: Record<string, string>, status) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [
        k,
        v.replace('TOKEN', token).replace('ONEOFF', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')),
      ]),
    );
    const r = await get(url, h);
    expect(r.status).toBe(status);
    expect(r.body).not.toMatch(/AccessKeyId|SecretAccessKey|ASIA/);
    expect(serverErrorJson(r.body).Code).toBe(status === 401 ? 'Unauthorized' : 'AccessDenied');
  });

  it('refuses other methods, paths and Host headers even with the token', async () => {
    expect((await get(url, { Authorization: token }, 'POST')).status).toBe(405);
    expect((await get(url.replace('/credentials', '/other'), { Authorization: token })).status).toBe(404);
    const rebound = await get(url, { Authorization: token, Host: `evil.example:${new URL(url).port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('AccessKeyId');
  });

  it('listens on 127.0.0.1 only: not on another interface of this machine, not on ::1', async () => {
    const port = Number(new URL(url).port);
    expect(listeners(port)).toEqual(['0100007F']); // 127.0.0.1, and no IPv6 socket
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    if (others.length === 0)
      console.warn('no non-loopback interface on this machine: only the bound address is checked');
    for (const address of [...others, '::1']) expect(await tryConnect(address, port), address).toBe('ECONNREFUSED');
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
  });

  it('leaves a status file for the picker: identity and refresh state, nothing that reaches the server', async () => {
    const servers = listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir });
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({
      label: 'hop1',
      profile: 'hop1',
      chain: ['base', 'hop1'],
      state: 'fresh',
      renewals: 0,
    });
    expect(Date.parse(servers[0]!.expiresAt!)).toBeGreaterThan(Date.now());
    const served = servedCredentialsJson((await get(url, { Authorization: token })).body);
    const file = readFileSync(join(sb.cacheDir, 'run', 'servers', `${servers[0]!.pid}.json`), 'utf8');
    for (const secret of [token, served.SecretAccessKey, served.Token, served.AccessKeyId, new URL(url).port])
      expect(file).not.toContain(secret);
  });

  it('ends with CMD, passes its exit code on, and printed no secret or token', async () => {
    const served = servedCredentialsJson((await get(url, { Authorization: token })).body);
    writeFileSync(join(sb.dir, 'stop'), '');
    result = await awsx;
    expect(result.code).toBe(5);
    for (const secret of [token, served.SecretAccessKey, served.Token, BASE_SECRET, STRAY.AWS_SECRET_ACCESS_KEY]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    expect(result.stderr).toBe('');
    expect(await tryConnect('127.0.0.1', Number(new URL(url).port))).toBe('ECONNREFUSED');
    expect(listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir })).toEqual([]);
  });
});
