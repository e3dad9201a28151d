// A small tmpfs, to fill a disk for real (issue 15: disk full). Mounting needs root and a kernel that allows
// it here; without, the tests skip loudly, and fail under CI=true.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { skipIfMissing } from './tools.js';

/** Mounts a SIZE tmpfs at DIR; false (with a loud notice, or an error under CI=true) when that cannot be done. */
export function mountTmpfs(dir: string, size = '256k'): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch (error) {
    const why = `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
    return !skipIfMissing('the full-disk tests', why);
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
}

/** Fills the file system holding DIR to the last byte. */
export function fill(dir: string): void {
  const fd = openSync(join(dir, '.filler'), 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: now byte by byte, for the last partial page
    try {
      for (;;) writeSync(fd, chunk, 0, 1);
    } catch {
      // full
    }
  } finally {
    closeSync(fd);
  }
}
