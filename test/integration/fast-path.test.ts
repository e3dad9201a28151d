// The bootstrap's fast path for `awsx credential-process TARGET` (scripts/bootstrap.js, src/services/fast-path.ts):
// a warm run answers from a record of the previous identical run, and only while nothing it came from has
// changed. Marking the record's output ("FROM-RECORD") shows when the record, not the program, answered.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('credential-process fast path', () => {
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
    const record = JSON.parse(readFileSync(path!, 'utf8'));
    writeFileSync(path!, JSON.stringify({ ...record, output: record.output.replace(/"AccessKeyId":"[^"]+"/, '"AccessKeyId":"FROM-RECORD"'), ...patch }), { mode: 0o600 });
    return path!;
  };
  const processJson = async (env: NodeJS.ProcessEnv = {}): Promise<{ AccessKeyId: string; Expiration: string }> => {
    const r = await sb.awsx(['credential-process', 'hop2'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('records the answer (mode 0600, no more than the session holds) and answers the same from it', async () => {
    const first = await processJson();
    expect(records()).toHaveLength(1);
    const [path] = records();
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(path!, 'utf8'));
    expect(record.files.map(([p]: [string]) => p)).toEqual([sb.configPath, sb.credentialsPath, expect.stringMatching(/sessions\/[0-9a-f]+\.json$/)]);
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
});
