// Finding 7 of issue 15: every answer awsx reads is bounded. A local server answers 200 MB (and a 50 MB error
// body) to STS, IAM Identity Center (the portal and OIDC), the federation endpoint and the container endpoint;
// a credential_process prints 700 MB. Each is a clear one-line error within seconds, in bounded memory
// (measured with /usr/bin/time where it exists), instead of an out-of-memory abort after minutes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ssoTokenCacheKey } from '../../src/config/sso-settings.js';
import { registrationCacheKey } from '../../src/sso/registration-cache.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG } from '../helpers/sts-world.js';

const MB = 1024 * 1024;
const CONFIG = `${STANDARD_CONFIG}
[profile container]
credential_source = EcsContainer
role_arn = arn:aws:iam::111111111111:role/Hop1

[profile huge-process]
credential_process = yes | head -c ${700 * MB}

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
`;

/** Answers every request with `size` bytes of filler, streamed as the client reads it. */
function hugeServer(): Promise<{
  url: string;
  sent: () => number;
  set(status: number, size: number, declareLength: boolean): void;
  close(): Promise<void>;
}> {
  let status = 200;
  let size = 200 * MB;
  let declare = false;
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'A');
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'text/xml', ...(declare ? { 'content-length': String(size) } : {}) });
    let left = size;
    const pump = (): void => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (left = 0));
    pump();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        sent: () => sent,
        set: (s, n, d) => {
          status = s;
          size = n;
          declare = d;
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

describe('issue 15 finding 7: bounded answers', () => {
  let huge: Awaited<ReturnType<typeof hugeServer>>;
  let sb: Sandbox;
  beforeAll(async () => {
    huge = await hugeServer();
  });
  afterAll(() => huge.close());
  beforeEach(() => {
    sb = makeSandbox(
      { config: CONFIG, credentials: BASE_KEYS },
      { AWSX_NO_FAST_PATH: '1', AWS_ENDPOINT_URL_STS: huge.url, AWS_ENDPOINT_URL_SSO: huge.url, AWS_MAX_ATTEMPTS: '1' },
    );
  });
  afterEach(() => sb.cleanup());

  /** Runs awsx under /usr/bin/time when there is one; the peak memory in MiB, when measured. */
  async function measured(
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stderr: string; stdout: string; peakMiB?: number; ms: number }> {
    const started = Date.now();
    const timeFile = join(sb.dir, 'time.txt');
    const timed = existsSync('/usr/bin/time');
    const r = timed
      ? await sb.run('/usr/bin/time', ['-o', timeFile, '-f', '%M', process.execPath, AWSX, ...args], {
          env,
          timeoutMs: 60_000,
        })
      : await sb.run(process.execPath, [AWSX, ...args], { env, timeoutMs: 60_000 });
    const peakMiB = timed
      ? Math.round(Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024)
      : undefined;
    const ms = Date.now() - started;
    console.log(`[bounds] awsx ${args.join(' ')}: ${ms} ms, peak ${peakMiB ?? '?'} MiB`);
    return { ...r, ms, ...(peakMiB !== undefined ? { peakMiB } : {}) };
  }

  const oneLine = (stderr: string): string => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    return stderr.trim();
  };

  it('STS answering 200 MB (chunked): one line, exit 1, bounded memory', async () => {
    huge.set(200, 200 * MB, false);
    const r = await measured(['assume', 'hop1', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      /^awsx: profile "hop1": STS answered with more than 1 MiB, more than awsx reads while assuming arn:aws:iam::111111111111:role\/Hop1 \(hop 1 of 1\)/,
    );
    if (r.peakMiB !== undefined) expect(r.peakMiB).toBeLessThan(300);
  });

  it('STS answering 200 MB with a content-length, and a 50 MB error body: one line each', async () => {
    huge.set(200, 200 * MB, true);
    expect(oneLine((await measured(['assume', 'hop1'])).stderr)).toMatch(/STS answered with more than 1 MiB/);
    huge.set(400, 50 * MB, false);
    const e = await measured(['assume', 'hop1']);
    expect(e.code).toBe(1);
    expect(oneLine(e.stderr)).toMatch(/STS answered with more than 1 MiB/);
    if (e.peakMiB !== undefined) expect(e.peakMiB).toBeLessThan(300);
  });

  const START_URL = 'https://corp.awsapps.com/start';
  /** Writes a file of the AWS CLI's SSO cache (~/.aws/sso/cache/KEY.json), 0600 as the CLI does. */
  function writeSsoCache(key: string, content: object): void {
    const cache = join(sb.home, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, `${key}.json`), JSON.stringify(content), { mode: 0o600 });
  }
  const tokenKey = ssoTokenCacheKey({ sessionName: 'corp', startUrl: START_URL });

  it('IAM Identity Center answering 200 MB: one line, exit 1', async () => {
    huge.set(200, 200 * MB, false);
    writeSsoCache(tokenKey, {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'aoa-token',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const r = await measured(['assume', 'dev']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^awsx: profile "dev": SSO answered with more than 1 MiB/);
  });

  describe('IAM Identity Center OIDC answering 200 MB', () => {
    const oidc = (): NodeJS.ProcessEnv => ({ AWS_ENDPOINT_URL_SSO_OIDC: huge.url });
    /** The device login's stderr: its opening notice, then exactly one error line (no stack trace). */
    const loginError = (stderr: string): string => {
      const lines = stderr.trim().split('\n');
      expect(lines[0]).toBe(
        'awsx: signing in to sso-session "corp" (https://corp.awsapps.com/start) with a device code',
      );
      expect(lines).toHaveLength(2);
      return lines[1]!;
    };

    it('RegisterClient: exit 1, one error line, bounded memory', async () => {
      huge.set(200, 200 * MB, false);
      const r = await measured(['sso', 'login', '--sso-session', 'corp', '--use-device-code'], oidc());
      expect(r.code).toBe(1);
      expect(loginError(r.stderr)).toBe(
        'awsx: SSO OIDC answered with more than 1 MiB, more than awsx reads while registering the awsx client ' +
          '(check any AWS_ENDPOINT_URL* setting: no AWS answer is that large)',
      );
      if (r.peakMiB !== undefined) expect(r.peakMiB).toBeLessThan(300);
    });

    it('StartDeviceAuthorization (a cached registration): exit 1, one error line', async () => {
      huge.set(200, 200 * MB, true);
      const key = registrationCacheKey({
        startUrl: START_URL,
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'corp',
      });
      writeSsoCache(key, {
        clientId: 'client-1',
        clientSecret: 'client-secret-1',
        expiresAt: '2099-01-01T00:00:00Z',
        scopes: ['sso:account:access'],
      });
      const r = await measured(['sso', 'login', '--sso-session', 'corp', '--use-device-code'], oidc());
      expect(r.code).toBe(1);
      expect(loginError(r.stderr)).toMatch(
        /^awsx: SSO OIDC answered with more than 1 MiB, more than awsx reads while starting the device authorization /,
      );
    });

    it('CreateToken (refreshing an expired token): exit 1, one line naming the cause', async () => {
      huge.set(200, 200 * MB, false);
      writeSsoCache(tokenKey, {
        startUrl: START_URL,
        region: 'us-east-1',
        accessToken: 'aoa-old',
        expiresAt: '2001-01-01T00:00:00Z',
        refreshToken: 'refresh-1',
        clientId: 'client-1',
        clientSecret: 'client-secret-1',
        registrationExpiresAt: '2099-01-01T00:00:00Z',
      });
      const r = await measured(['assume', 'dev'], oidc());
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toBe(
        'awsx: profile "dev": the IAM Identity Center session sso-session "corp" (https://corp.awsapps.com/start) ' +
          'has expired and could not be refreshed (ResponseTooLarge) (run awsx sso login --sso-session corp)',
      );
      if (r.peakMiB !== undefined) expect(r.peakMiB).toBeLessThan(300);
    });
  });

  it('the federation endpoint answering 200 MB: one line, exit 1', async () => {
    // A session from a quick fake STS first: the console needs temporary credentials.
    const { startScriptedSts } = await import('../fakes/scripted-sts.js');
    const sts = await startScriptedSts([{ kind: 'ok' }]);
    try {
      huge.set(200, 200 * MB, false);
      const r = await measured(['console', 'hop1', '--print'], {
        AWS_ENDPOINT_URL_STS: sts.url,
        AWSX_FEDERATION_ENDPOINT: `${huge.url}/federation`,
      });
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toMatch(
        /^awsx: profile "hop1": the AWS sign-in endpoint 127\.0\.0\.1:\d+ answered with more than 1 MiB/,
      );
    } finally {
      await sts.close();
    }
  });

  it('the container credentials endpoint answering 200 MB: one line, exit 1', async () => {
    huge.set(200, 200 * MB, false);
    const r = await measured(['assume', 'container'], { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${huge.url}/creds` });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      /^awsx: profile "container": the container credentials endpoint 127\.0\.0\.1:\d+ answered with more than 1 MiB/,
    );
  });

  it('a credential_process printing 700 MB: stopped at 1 MiB, one line (exit 1: an external command broke its contract), no stack trace', async () => {
    const r = await measured(['credential-process', 'huge-process']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(
      'awsx: profile "huge-process": credential_process printed more than 1 MiB and was stopped (run the command by hand to see why)',
    );
    if (r.peakMiB !== undefined) expect(r.peakMiB).toBeLessThan(300);
    expect(r.ms).toBeLessThan(30_000);
  });
});
