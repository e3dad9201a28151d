// Where `awsx exec` sends the signals it is given, so that CMD and everything CMD started stop together (a
// `sh -c '...; sleep 120'` killed whole, not sh alone). Without a terminal, CMD runs in a process group of its
// own and signals go to the group. With one, CMD must stay in the terminal's foreground group (a shell or an
// editor in a group of its own could not read the terminal); the terminal signals that whole group itself
// (Ctrl-C, hang-up), and a signal sent to awsx alone is passed to CMD and every process below it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Whether CMD gets a process group of its own: POSIX, and no terminal on stdin. */
export function ownProcessGroup(
  stdinIsTty: boolean | undefined,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return platform !== 'win32' && !stdinIsTty;
}

/** Parent of each process: /proc on Linux, else ps. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  if (process.platform === 'linux') {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // The command name (field 2) is in parentheses and may hold spaces: the parent pid follows the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        map.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // ended meanwhile
      }
    }
    return map;
  }
  const out = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid && ppid !== undefined) map.set(pid, ppid);
  }
  return map;
}

/** PID and every process below it. */
export function processTree(pid: number): number[] {
  let map: Map<number, number>;
  try {
    map = parents();
  } catch {
    return [pid];
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of map) if (parent === tree[i] && !tree.includes(child)) tree.push(child);
  return tree;
}

/** Sends SIGNAL to CMD's group (own group) or to CMD and its descendants; processes already gone are skipped. */
export function signalCommand(pid: number, signal: NodeJS.Signals, group: boolean): void {
  const targets = group ? [-pid] : processTree(pid);
  for (const target of targets) {
    try {
      process.kill(target, signal);
    } catch {
      // gone already
    }
  }
}
