// An advisory lock around read-modify-write of a shared file (~/.aws/credentials, ~/.aws/config), so
// parallel awsx processes (e.g. credential-process run by parallel AWS CLI calls) never lose each other's
// writes. The lock is a directory next to the target (mkdir is atomic); a lock whose owner died, or that is
// older than the stale limit, is taken over.
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from './clock.js';
import { FileError } from './errors.js';

export interface LockOptions {
  staleMs?: number;
  timeoutMs?: number;
}

/** The folder a lock directory is made in; `path` is the platform's (win32 for C:\\Users\\...). */
export function lockParent(lockDir: string, path: Pick<typeof nodePath, 'dirname'> = nodePath): string {
  return path.dirname(lockDir);
}

function lockPath(path: string): string {
  try {
    return `${realpathSync(path)}.awsx-lock`;
  } catch {
    return `${path}.awsx-lock`;
  }
}

/** False only when the lock's owner is known to be gone: a pid file naming a process that no longer exists. */
function ownerAlive(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(nodePath.join(dir, 'pid'), 'utf8'));
  } catch {
    return true; // no pid yet: the owner is between mkdir and writing it
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live writer holds the lock for milliseconds: a younger lock is never stale, whatever its pid says. */
const MIN_STALE_AGE_MS = 2_000;

/**
 * Whether the lock is abandoned: its owner is gone (and it is not brand new) or it is older than the limit.
 * The lock must still be the very directory that was judged (same inode and mtime) when the verdict is
 * given, so a lock released and re-taken meanwhile by another writer is never removed.
 */
function isStale(dir: string, staleMs: number): boolean {
  try {
    const before = statSync(dir);
    // The lock's mtime is stamped by the machine's clock, so only the machine's clock can age it: no clock
    // handed down (a test's) would be comparable with it.
    const age = systemClock.now() - before.mtimeMs;
    if (age < MIN_STALE_AGE_MS) return false;
    if (ownerAlive(dir) && age <= staleMs) return false;
    const after = statSync(dir);
    return after.ino === before.ino && after.mtimeMs === before.mtimeMs;
  } catch {
    return false; // gone already: just retry
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const lockFailure = (path: string, error: unknown): FileError => {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT' ? `no space left on the device (${code})` : (error as Error).message;
  return new FileError(`cannot lock ${path}: ${why}`, {
    hint: code === 'ENOSPC' || code === 'EDQUOT' ? 'free some space and retry' : 'check the folder permissions',
    cause: error,
  });
};

/** Takes the lock: true when taken, false when another process holds it. Leaves nothing behind on failure. */
function take(dir: string, path: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOENT') throw lockFailure(path, error);
    try {
      mkdirSync(lockParent(dir), { recursive: true, mode: 0o700 });
    } catch (inner) {
      throw lockFailure(path, inner);
    }
    return take(dir, path);
  }
  try {
    writeFileSync(nodePath.join(dir, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw lockFailure(path, error);
  }
}

export async function withFileLock<T>(path: string, fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const dir = lockPath(path);
  const staleMs = options.staleMs ?? 10_000;
  // Real time spent waiting for another process, so a monotonic measure (immune to the wall clock jumping).
  const deadline = performance.now() + (options.timeoutMs ?? 20_000);
  for (let attempt = 0; !take(dir, path); attempt++) {
    if (attempt > 2 && isStale(dir, staleMs)) rmSync(dir, { recursive: true, force: true });
    if (performance.now() > deadline)
      throw new FileError(`${path} stayed locked by another awsx process`, {
        hint: `if none is running, remove ${dir}`,
      });
    await sleep(5 + Math.random() * 25);
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
