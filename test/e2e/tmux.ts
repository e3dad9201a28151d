// A detached tmux session on its own socket for end-to-end tests: send keys, poll the screen (no fixed
// sleeps), read paste buffers. Every tmux call is an async child process, so an in-process fake server
// (the STS front) keeps answering meanwhile.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { vi } from 'vitest';

export interface Tmux {
  socket: string;
  run(args: string[]): Promise<{ code: number; stdout: string }>;
  send(...keys: string[]): Promise<void>;
  /** Types text literally (no key names), then optionally Enter. */
  type(text: string, enter?: boolean): Promise<void>;
  screen(): Promise<string>;
  waitFor(test: RegExp | ((screen: string) => boolean), what?: string, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

export async function startTmux(options: {
  width: number;
  height: number;
  command: string;
  env: NodeJS.ProcessEnv;
}): Promise<Tmux> {
  const socket = `awsx-e2e-${randomBytes(6).toString('hex')}`;
  const run = (args: string[]): Promise<{ code: number; stdout: string }> =>
    new Promise((resolve) => {
      const child = spawn('tmux', ['-L', socket, '-f', '/dev/null', ...args], {
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('error', () => resolve({ code: 127, stdout }));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    });
  const started = await run([
    'new-session',
    '-d',
    '-s',
    'e2e',
    '-x',
    String(options.width),
    '-y',
    String(options.height),
    options.command,
  ]);
  if (started.code !== 0) throw new Error(`tmux new-session failed (${started.code})`);
  const screen = async (): Promise<string> => (await run(['capture-pane', '-p', '-t', 'e2e'])).stdout;
  return {
    socket,
    run,
    send: async (...keys) => {
      await run(['send-keys', '-t', 'e2e', ...keys]);
    },
    type: async (text, enter = false) => {
      await run(['send-keys', '-t', 'e2e', '-l', text]);
      if (enter) await run(['send-keys', '-t', 'e2e', 'Enter']);
    },
    screen,
    waitFor: (test, what = String(test), timeoutMs = 30_000) => {
      const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
      // On time-out, the error of the last look: what was awaited, and the screen as it was.
      return vi.waitFor(
        async () => {
          const last = await screen();
          if (!ok(last)) throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
          return last;
        },
        { timeout: timeoutMs },
      );
    },
    kill: async () => {
      // Every process of the session, found before the server goes: awsx may still be ending (writing its
      // compile cache) after its terminal closed, and the sandbox must not be removed under it.
      const panes = (await run(['list-panes', '-a', '-F', '#{pane_pid}'])).stdout.split('\n').filter(Boolean);
      const pids = panes.map(Number).flatMap((pid) => [pid, ...descendants(pid)]);
      await run(['kill-server']);
      await vi
        .waitUntil(() => pids.every((pid) => !alive(pid)), { timeout: 5_000 })
        .catch(() => pids.forEach((pid) => alive(pid) && process.kill(pid, 'SIGKILL')));
    },
  };
}

/** The processes below `pid` (from /proc: Linux only, as tmux tests are). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`))
      children.push(
        ...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      );
  } catch {
    return [];
  }
  children = [...new Set(children)];
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Running, not a zombie waiting to be reaped (its state is the field after the parenthesised name). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
