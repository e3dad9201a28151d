// A second local user, the attacker of the trust tests: commands run as uid/gid 1002 through setpriv. That
// needs root (the tests run as root here and in CI) and util-linux's setpriv. Without them the tests skip
// loudly, and fail under CI=true like every missing tool (tools.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTool, skipIfMissing } from './tools.js';

export const OTHER_UID = 1002;

/** True when the second-user tests should be skipped (not root, or no setpriv); throws under CI=true. */
export function skipWithoutSecondUser(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const missing = !root
    ? 'the tests do not run as root, so they cannot act as a second user'
    : hasTool('setpriv', ['--version'])
      ? undefined
      : 'setpriv (util-linux) is not installed';
  return skipIfMissing('the second-user (attacker) tests', missing);
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
