// A second local user, the attacker of the trust tests: commands run as uid/gid 1002 through setpriv. That
// needs root (the tests run as root here and in CI) and util-linux's setpriv. Without them the tests skip
// loudly, and fail under CI=true like every missing tool (tools.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTool } from './tools.js';

export const OTHER_UID = 1002;

/** True when the second-user tests should be skipped (not root, or no setpriv); throws under CI=true. */
export function skipWithoutSecondUser(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && hasTool('setpriv', ['--version'])) return false;
  const why = root
    ? 'setpriv (util-linux) is not installed'
    : 'the tests do not run as root, so they cannot act as a second user';
  if (process.env.CI === 'true') throw new Error(`the second-user tests are required under CI=true, but ${why}`);
  console.warn(`\n!!! SKIPPING the second-user (attacker) tests: ${why} !!!\n`);
  return true;
}

/** Runs a shell script as the second user (uid and gid 1002, no supplementary groups, umask 000). */
export function asOtherUser(script: string): string {
  return execFileSync(
    'setpriv',
    [`--reuid=${OTHER_UID}`, `--regid=${OTHER_UID}`, '--clear-groups', 'sh', '-c', `umask 000; ${script}`],
    { encoding: 'utf8' },
  );
}

/** A folder both users may write to, like /tmp (sticky, 1777). */
export function sharedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-shared-'));
  chmodSync(dir, 0o1777);
  return dir;
}
