// Every answer is real: whoami asks STS each time (it exists to prove credentials still work), credential-process
// answers from the session cache or from STS and never replays output, and --no-cache leaves awsx's folders as
// they were. STS is moto behind the front (test/fakes/sts-front.ts), which can revoke keys as AWS does.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { callerIdentityJson, credentialsJson } from '../helpers/awsx-json.js';
import { stsTest as it } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

/** Every file and folder under `dir` with its kind, size and modification time: what a run changed shows. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return;
    }
    out.push(`${path.slice(dir.length)} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
    if (st.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe.skipIf(skip)('every answer comes from AWS or the session cache', () => {
  it('whoami calls GetCallerIdentity on every run, and fails once STS refuses the cached session', async ({
    sb,
    world,
  }) => {
    const first = await sb.awsx(['whoami', 'hop2', '--json']);
    expect(first.code).toBe(0);
    const second = await sb.awsx(['whoami', 'hop2', '--json']);
    expect(callerIdentityJson(second.stdout).Arn).toBe(callerIdentityJson(first.stdout).Arn);
    expect(world.front.callsOf('GetCallerIdentity')).toHaveLength(2);
    expect(world.front.callsOf('AssumeRole')).toHaveLength(2); // the second run used the cached session

    const sessionKey = world.front.callsOf('GetCallerIdentity')[1]!.callerKey!;
    world.front.revoked.add(sessionKey);
    const refused = await sb.awsx(['whoami', 'hop2', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/hop2/);
    expect(refused.stderr).toMatch(/refused the cached session \(ExpiredToken\).*dropped it from its cache/);
    expect(world.front.callsOf('GetCallerIdentity')).toHaveLength(3);
    // The refused session is gone from the cache: the next run assumes the last hop again and works.
    const again = await sb.awsx(['whoami', 'hop2', '--json']);
    expect(again.code).toBe(0);
    expect(world.front.callsOf('AssumeRole')).toHaveLength(3);
    expect(world.front.callsOf('GetCallerIdentity').at(-1)!.callerKey).not.toBe(sessionKey);
  });

  it('credential-process answers from the session cache without STS, and from STS when the cache is gone', async ({
    sb,
    world,
  }) => {
    const first = credentialsJson((await sb.awsx(['credential-process', 'hop2'])).stdout);
    const calls = world.front.calls.length;
    const second = credentialsJson((await sb.awsx(['credential-process', 'hop2'])).stdout);
    expect(second).toEqual(first);
    expect(world.front.calls).toHaveLength(calls);
    // No record of the output stands in for the cache: without the session files, STS is asked again.
    await sb.run('rm', ['-rf', join(sb.cacheDir, 'sessions')]);
    const third = credentialsJson((await sb.awsx(['credential-process', 'hop2'])).stdout);
    expect(third.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(world.front.callsOf('AssumeRole').length).toBe(4);
  });

  it('credential-process --no-cache: a new session from STS each run, and nothing under awsx folders changes', async ({
    sb,
    world,
  }) => {
    const warm = credentialsJson((await sb.awsx(['credential-process', 'hop2'])).stdout); // a cached session exists
    const before = snapshot(sb.cacheDir);
    expect(before.some((line) => line.startsWith('/sessions/'))).toBe(true);
    world.front.reset();
    const keys = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await sb.awsx(['credential-process', 'hop2', '--no-cache']);
      expect(r.code).toBe(0);
      keys.add(credentialsJson(r.stdout).AccessKeyId);
    }
    expect(keys.size).toBe(3);
    expect(keys.has(warm.AccessKeyId)).toBe(false);
    expect(world.front.callsOf('AssumeRole')).toHaveLength(6); // two hops, three runs
    expect(snapshot(sb.cacheDir)).toEqual(before);
  });

  it('--no-cache on a fresh machine creates no awsx folder at all (not even the compile cache)', async ({ sb }) => {
    const r = await sb.awsx(['credential-process', 'hop1', '--no-cache']);
    expect(r.code).toBe(0);
    expect(snapshot(sb.cacheDir)).toEqual([]);
  });
});
