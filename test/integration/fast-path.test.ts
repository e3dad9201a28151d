// The bootstrap's fast path for `credential-process`, `whoami` and `list` (scripts/bootstrap.js, src/services/fast-path.ts):
// a warm run answers from a record of the previous identical run, and only while nothing it came from has
// changed. Marking the record's output ("FROM-RECORD") shows when the record, not the program, answered.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecord, writeRecord } from '../helpers/fast-records.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('the fast path (replay records)', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    world().front.reset();
  });
  afterEach(() => sb.cleanup());

  const records = (): string[] => {
    const dir = join(sb.cacheDir, 'fast');
    return existsSync(dir) ? readdirSync(dir).map((n) => join(dir, n)) : [];
  };
  /** Puts a marker into the one record's output, so an answer from it can be told apart. */
  const mark = (patch: Record<string, unknown> = {}): string => {
    const [path] = records();
    const record = readRecord(path!);
    writeRecord(path!, { ...record.header, ...patch }, record.stdout.replace(/"AccessKeyId":"[^"]+"/, '"AccessKeyId":"FROM-RECORD"'));
    return path!;
  };
  const processJson = async (env: NodeJS.ProcessEnv = {}): Promise<{ AccessKeyId: string; Expiration: string }> => {
    const r = await sb.awsx(['credential-process', 'hop2'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('records the answer (mode 0600, no more than the session holds) and answers the same from it', async () => {
    const first = await processJson({ AWS_MARKER_IN_ENV: 'marker-in-environment' });
    expect(readFileSync(records()[0]!, 'utf8')).not.toContain('marker-in-environment'); // the key is a digest
    rmSync(records()[0]!);
    expect(await processJson()).toEqual(first);
    expect(records()).toHaveLength(1);
    const [path] = records();
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    const record = readRecord(path!).header;
    expect(record.files.map(([p]) => p)).toEqual([sb.configPath, sb.credentialsPath, expect.stringMatching(/sessions\/[0-9a-f]+\.json$/)]);
    world().front.reset();
    const second = await processJson();
    expect(second).toEqual(first);
    expect(world().front.calls).toHaveLength(0);
    mark();
    expect((await processJson()).AccessKeyId).toBe('FROM-RECORD');
  });

  it('is not used once the config, the credentials or the session file changed', async () => {
    await processJson();
    mark();
    sb.write('config', `${STANDARD_CONFIG}\n# an edit\n`);
    const afterEdit = await processJson();
    expect(afterEdit.AccessKeyId).toMatch(/^ASIA/);
    mark();
    sb.write('credentials', `${BASE_KEYS}\n`);
    expect((await processJson()).AccessKeyId).toMatch(/^ASIA/);
    mark();
    for (const name of readdirSync(join(sb.cacheDir, 'sessions'))) rmSync(join(sb.cacheDir, 'sessions', name));
    world().front.reset();
    const fresh = await processJson();
    expect(fresh.AccessKeyId).toMatch(/^ASIA/);
    expect(world().front.callsOf('AssumeRole').length).toBeGreaterThan(0);
  });

  it('is not used with less life left than credential-process hands out, nor when others can write it', async () => {
    await processJson();
    mark({ expiresAt: Date.now() + 10 * 60_000 });
    expect((await processJson()).AccessKeyId).toMatch(/^ASIA/);
    const path = mark();
    chmodSync(path, 0o666);
    expect((await processJson()).AccessKeyId).toMatch(/^ASIA/);
  });

  it('is not used for other arguments or environment, with AWSX_NO_FAST_PATH or AWSX_DEBUG', async () => {
    await processJson();
    mark();
    expect((await processJson({ AWS_REGION: 'eu-west-1' })).AccessKeyId).toMatch(/^ASIA/);
    expect((await processJson({ USER: 'bob' })).AccessKeyId).toMatch(/^ASIA/); // another role session name
    expect((await processJson({ AWSX_NO_FAST_PATH: '1' })).AccessKeyId).toMatch(/^ASIA/);
    const debug = await sb.awsx(['credential-process', 'hop2'], { env: { AWSX_DEBUG: '1' } });
    expect(JSON.parse(debug.stdout).AccessKeyId).toMatch(/^ASIA/);
    const flagged = await sb.awsx(['credential-process', 'hop2', '--region', 'us-east-1']);
    expect(JSON.parse(flagged.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect((await processJson()).AccessKeyId).toBe('FROM-RECORD');
  });

  it('replays whoami for an unchanged session without calling STS, and calls again once it changed', async () => {
    const first = await sb.awsx(['whoami', 'hop2']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ARN\s+arn:aws:sts::222222222222:assumed-role\/Hop2\//);
    world().front.reset();
    const second = await sb.awsx(['whoami', 'hop2']);
    expect(second.stdout).toBe(first.stdout);
    expect(world().front.calls).toHaveLength(0);
    for (const name of readdirSync(join(sb.cacheDir, 'sessions'))) rmSync(join(sb.cacheDir, 'sessions', name));
    const third = await sb.awsx(['whoami', 'hop2']);
    expect(third.stdout).toMatch(/ARN\s+arn:aws:sts::222222222222:assumed-role\/Hop2\//);
    expect(world().front.callsOf('GetCallerIdentity')).toHaveLength(1);
  });

  it('replays list while the files, the sessions and the role caches are unchanged', async () => {
    const listJson = async (): Promise<Array<{ name: string; sessionExpiration: string | null }>> => {
      const r = await sb.awsx(['list', '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    const first = await listJson();
    expect(first.every((row) => row.sessionExpiration === null)).toBe(true);
    const [path] = records();
    const record = readRecord(path!);
    writeRecord(path!, record.header, record.stdout.replace('"name": "hop2"', '"name": "FROM-RECORD"'));
    expect((await listJson()).map((r) => r.name)).toContain('FROM-RECORD');
    // A new session (another file in the sessions folder) shows in the list at once.
    expect((await sb.awsx(['assume', 'hop2'])).code).toBe(0);
    const withSession = await listJson();
    expect(withSession.find((r) => r.name === 'hop2')?.sessionExpiration).toMatch(/^\d{4}-/);
    expect(withSession.map((r) => r.name)).not.toContain('FROM-RECORD');
    // An edit of the config, too.
    sb.write('config', `${STANDARD_CONFIG}\n[profile added]\nregion = eu-west-1\n`);
    expect((await listJson()).map((r) => r.name)).toContain('added');
    // Notes on stderr are replayed with the output.
    sb.write('config', `${STANDARD_CONFIG}\nstray line\n`);
    const noted = [await sb.awsx(['list']), await sb.awsx(['list'])];
    expect(noted[0]!.stderr).toMatch(/1 line in .* was ignored/);
    expect(noted[1]!.stderr).toBe(noted[0]!.stderr);
    expect(noted[1]!.stdout).toBe(noted[0]!.stdout);
  });

  it('is not used by another build of awsx (an upgrade may print other output)', async () => {
    await sb.awsx(['list', '--json']);
    const [path] = records();
    const record = readRecord(path!);
    writeRecord(path!, record.header, record.stdout.replace('"name": "hop2"', '"name": "FROM-RECORD"'));
    expect((await sb.awsx(['list', '--json'])).stdout).toContain('FROM-RECORD');
    // The same program under another build hash, as an upgrade would bring.
    const other = join(sb.dir, 'other-build');
    mkdirSync(other);
    writeFileSync(join(other, 'package.json'), '{"type":"commonjs"}\n');
    writeFileSync(join(other, 'awsx.js'), readFileSync(AWSX, 'latin1').replace(/^const HASH = '([0-9a-f]+)';$/m, (_, h: string) => `const HASH = '${[...h].reverse().join('')}';`), 'latin1');
    const upgraded = await sb.run(process.execPath, [join(other, 'awsx.js'), 'list', '--json']);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).not.toContain('FROM-RECORD');
    expect(JSON.parse(upgraded.stdout).map((r: { name: string }) => r.name)).toContain('hop2');
  });

  it('stops quietly when the reader of its output leaves (replayed or not)', async () => {
    const profiles = Array.from({ length: 3000 }, (_, i) => `[profile p${i}]\nregion = us-east-1\n`).join('\n');
    sb.write('config', profiles);
    const headOf = (env: NodeJS.ProcessEnv): { status: string; stderr: string } => {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${AWSX}" list --json | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { env: { ...sb.env, ...env }, encoding: 'utf8' });
      return { status: r.stdout.trim(), stderr: r.stderr };
    };
    expect(headOf({ AWSX_NO_FAST_PATH: '1' })).toEqual({ status: '141', stderr: '' });
    const full = await sb.awsx(['list', '--json']);
    expect(JSON.parse(full.stdout).length).toBeGreaterThan(3000); // and base, from the credentials file
    expect(records()).toHaveLength(1); // the next run is a replay
    expect(headOf({})).toEqual({ status: '141', stderr: '' });
  });
});
