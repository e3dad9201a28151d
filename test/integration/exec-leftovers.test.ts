// Finding 12 of issue 15 and the runtime folder: SIGTERM to `awsx exec` (with and without --server) stops
// everything CMD started, not only its shell; a server killed with SIGKILL leaves a status file that the next
// command reading the servers folder removes; the status files live in $XDG_RUNTIME_DIR/awsx when it is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

/** Whether PID runs (a zombie waiting for its parent counts as gone). */
function running(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The processes whose parent is PID. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** How long CMD and the servers may take to start (a loaded machine). */
const START = { timeout: 20_000 };

describe.skipIf(skip || process.platform !== 'linux')('issue 15 finding 12: no leftovers of exec', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  const started: number[] = [];
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
  });
  afterEach(() => {
    // Whatever a failed test left running: awsx itself, and CMD's shell named in its pid file.
    for (const file of ['sh.pid', 'ready']) {
      const pid = existsSync(join(sb.dir, file)) ? Number(readFileSync(join(sb.dir, file), 'utf8')) : 0;
      if (pid > 0) started.push(pid);
    }
    for (const pid of started.splice(0)) {
      // Only a process of this test (its pid may have been reused by now).
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // gone
      }
      if (!cmdline.includes(sb.dir) && !cmdline.includes(AWSX) && cmdline !== 'sleep\u0000120\u0000') continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    sb.cleanup();
  });

  function execAwsx(
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ): { child: ChildProcess; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [AWSX, ...args], { env: { ...sb.env, ...env }, stdio: 'ignore' });
    if (child.pid !== undefined) started.push(child.pid);
    return { child, exited: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
  }

  it.each([[['--server']], [[]]])(
    'SIGTERM to awsx exec %j -- sh -c "...; sleep 120" stops the sleep too',
    async (flags) => {
      const pidFile = join(sb.dir, 'sh.pid');
      const { child, exited } = execAwsx([
        'exec',
        'hop1',
        ...flags,
        '--',
        'sh',
        '-c',
        `echo $$ > ${pidFile}; sleep 120; echo done`,
      ]);
      await vi.waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'), {
        ...START,
        message: 'CMD to start',
      });
      const sh = Number(readFileSync(pidFile, 'utf8'));
      await vi.waitUntil(() => childrenOf(sh).length > 0, { ...START, message: 'the sleep to start' });
      const [sleep] = childrenOf(sh);
      started.push(sh, sleep!);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      await vi.waitUntil(() => !running(sh) && !running(sleep!), { timeout: 5_000, message: 'sh and sleep to end' });
    },
  );

  it('a server killed with SIGKILL leaves its status file; the next server started removes it', async () => {
    const runtime = join(sb.dir, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const env = { XDG_RUNTIME_DIR: runtime };
    const ready = join(sb.dir, 'ready');
    const first = execAwsx(
      ['exec', 'hop1', '--server', '--', 'sh', '-c', `echo $$ > ${ready}; while :; do sleep 0.1; done`],
      env,
    );
    const servers = join(runtime, 'awsx', 'servers');
    await vi.waitUntil(() => existsSync(ready) && existsSync(servers) && readdirSync(servers).length === 1, {
      ...START,
      message: 'the first server',
    });
    expect(readdirSync(servers)).toEqual([`${first.child.pid}.json`]);
    started.push(Number(readFileSync(ready, 'utf8')));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readdirSync(servers)).toEqual([`${first.child.pid}.json`]);
    const second = await sb.awsx(['exec', 'hop1', '--server', '--', 'sh', '-c', `ls ${servers}`], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim().split('\n')).not.toContain(`${first.child.pid}.json`);
    expect(readdirSync(servers)).toEqual([]);
    // Nothing went to the cache folder's fallback.
    expect(existsSync(join(sb.cacheDir, 'run'))).toBe(false);
  });
});
