// Faults and odd inputs: unusable files, dead endpoints, Ctrl-C. Always a clear answer, never a hang.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { profileListJson } from '../helpers/awsx-json.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipOnThisMachine, skipWithout } from '../helpers/tools.js';

const CONFIG =
  '[profile base]\nregion = us-east-1\n\n[profile hop1]\nrole_arn = arn:aws:iam::111111111111:role/Hop1\nsource_profile = base\n';
const CREDS = '[base]\naws_access_key_id = AKIAIOSFODNN7BASE001\naws_secret_access_key = basesecret\n';

interface BlackHole {
  url: string;
  /** How many connections it has taken so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** Accepts connections and never answers: a black-holed endpoint. */
function blackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        accepted: () => accepted,
        close: () =>
          new Promise((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

describe('unusable config files', () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: CONFIG, credentials: CREDS });
  });
  afterEach(() => sb.cleanup());

  it('missing files: an empty state with a note, exit 0', async () => {
    rmSync(sb.configPath);
    rmSync(sb.credentialsPath);
    const r = await sb.awsx(['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no profiles in .*config/);
    expect(JSON.parse((await sb.awsx(['list', '--json'])).stdout)).toEqual([]);
  });

  it('a directory in place of the config file: one clear line, exit 1', async () => {
    rmSync(sb.configPath);
    mkdirSync(sb.configPath);
    const r = await sb.awsx(['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^awsx: config file .* is a directory, not a file/);
  });

  it('a FIFO in place of the credentials file fails at once instead of blocking', async () => {
    rmSync(sb.credentialsPath);
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [sb.credentialsPath]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo')))),
    );
    const r = await sb.awsx(['list'], { timeoutMs: 10_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/credentials file .* is not a regular file/);
  });

  it('binary garbage: no crash, the garbage lines are reported as ignored', async () => {
    writeFileSync(sb.configPath, Buffer.concat([randomBytes(64 * 1024), Buffer.from(`\n${CONFIG}`)]));
    const r = await sb.awsx(['list', '--json']);
    expect(r.code).toBe(0);
    expect(profileListJson(r.stdout).map((p) => p.name)).toEqual(expect.arrayContaining(['base', 'hop1']));
    const text = await sb.awsx(['list']);
    expect(text.stderr).toMatch(/lines? in .*config (was|were) ignored/);
  });

  it('a bad line is ignored with one note (a warning when a profile is resolved) naming it and saying that the AWS CLI refuses the file, as it does', async () => {
    writeFileSync(sb.configPath, `${CONFIG}[profile twice]\nregion = us-east-1\nregion = eu-west-1\nstray words\n`);
    const r = await sb.awsx(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^twice /m);
    expect(r.stderr).toBe(
      `awsx: note: 2 lines in ${sb.configPath} were ignored (first: line ${CONFIG.split('\n').length + 2}: ` +
        'key "region" appears more than once in a section; the last one wins); ' +
        'the AWS CLI refuses the whole file (Unable to parse config file)\n',
    );
    // A command that resolves a profile says it once too, as a warning.
    const assume = await sb.awsx(['assume', 'base', '--format', 'json']);
    expect(assume.code).toBe(0);
    expect(assume.stderr).toBe(r.stderr.replace('awsx: note:', 'awsx: warning:'));
    if (skipWithout('aws', ['--version'])) return;
    const cli = spawnSync('aws', ['configure', 'list', '--profile', 'twice'], { env: sb.env, encoding: 'utf8' });
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain(`Unable to parse config file: ${sb.configPath}`);
  });

  it('a 50 MB config is read (bounded time) and an unknown profile is still a clear error', async () => {
    const block = `${'# padding comment line for a very large config file\n'.repeat(1000)}[profile p]\nregion = eu-west-1\n`;
    writeFileSync(sb.configPath, `${CONFIG}\n${block.repeat(Math.ceil((50 * 1024 * 1024) / block.length))}`);
    const r = await sb.awsx(['assume', 'nope'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown profile "nope"/);
  });

  it('a config or credentials file over 64 MiB is refused in one line naming the file and its size, exit 1', async () => {
    // Sparse files: the size is what awsx checks, so no 65 MiB is written to the disk.
    for (const [file, path] of [
      ['config', sb.configPath],
      ['credentials', sb.credentialsPath],
    ] as const) {
      writeFileSync(sb.configPath, CONFIG);
      writeFileSync(sb.credentialsPath, CREDS);
      truncateSync(path, 65 * 1024 * 1024);
      const r = await sb.awsx(['assume', 'hop1'], { timeoutMs: 30_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toBe(
        `awsx: ${file} file ${path} is 65 MiB, more than awsx reads (64 MiB) (check that it really is your AWS config)`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    }
  });

  const root = process.getuid?.() === 0;
  it.skipIf(skipOnThisMachine('the unreadable config file test', root ? 'root reads any file' : undefined))(
    'an unreadable config file: one clear line, exit 1',
    async () => {
      chmodSync(sb.configPath, 0);
      const r = await sb.awsx(['list']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/permission denied/);
    },
  );
});

describe('dead endpoints and Ctrl-C', () => {
  let hole: BlackHole;
  let sb: Sandbox;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(() => hole.close());
  beforeEach(() => {
    sb = makeSandbox({ config: CONFIG, credentials: CREDS }, { AWS_ENDPOINT_URL_STS: hole.url });
  });
  afterEach(() => sb.cleanup());

  it('gives up on an endpoint that never answers, and says so (exit 1)', async () => {
    const r = await sb.awsx(['assume', 'hop1'], { env: { AWSX_TIMEOUT_MS: '700' }, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/profile "hop1": cannot reach STS while assuming .* \(timed out\)/);
  });

  it('refused connections are a clear network error (exit 1)', async () => {
    const r = await sb.awsx(['assume', 'hop1'], { env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach STS .*ECONNREFUSED/);
  });

  it('Ctrl-C during an assume: exit 130, one line, no partial write', async () => {
    const before = sb.read('credentials');
    const child = spawn(process.execPath, [AWSX, 'assume', 'hop1', '--write-profile', 'partial'], {
      env: { ...sb.env, AWSX_TIMEOUT_MS: '30000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Ctrl-C once awsx is waiting on STS (connected to the endpoint that never answers).
    const connections = hole.accepted();
    await vi.waitUntil(() => hole.accepted() > connections, { timeout: 20_000, message: 'awsx to call STS' });
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/^awsx: .*cancelled/);
    expect(sb.read('credentials')).toBe(before);
    expect(readdirSync(`${sb.home}/.aws`).sort()).toEqual(['config', 'credentials']);
  });
});
