// What the tests need from the machine: tools (moto, the AWS CLI, tmux, botocore, ...) and powers (root, a
// second user, a tmpfs). Under CI=true a missing one fails the suite; elsewhere its tests are skipped with a
// loud notice. Never skip a test silently: go through skipIfMissing.
import { spawnSync } from 'node:child_process';

const cache = new Map<string, boolean>();

/** True when `name args` runs and exits 0 (asked once per process). */
export function hasTool(name: string, args: string[] = ['--version']): boolean {
  const key = [name, ...args].join(' ');
  let ok = cache.get(key);
  if (ok === undefined) {
    ok = spawnSync(name, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
    cache.set(key, ok);
  }
  return ok;
}

/**
 * True when `tests` should be skipped because `missing` (what this machine lacks; undefined when nothing is).
 * Throws under CI=true, where every test must run; elsewhere says so loudly.
 */
export function skipIfMissing(tests: string, missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (process.env.CI === 'true') throw new Error(`${tests} are required under CI=true, but ${missing}`);
  console.warn(`\n!!! SKIPPING ${tests}: ${missing} !!!\n`);
  return true;
}

/** True when the tests needing `name` should be skipped (tool missing, not in CI). Throws in CI. */
export function skipWithout(name: string, args?: string[]): boolean {
  return skipIfMissing(`the tests that need ${name}`, hasTool(name, args) ? undefined : `${name} is not on PATH`);
}

/** True when the tests needing botocore (python3 with botocore importable) should be skipped. Throws in CI. */
export function skipWithoutBotocore(): boolean {
  const ok = hasTool('python3', ['-c', 'import botocore.session']);
  return skipIfMissing('the tests that need botocore', ok ? undefined : 'python3 cannot import botocore');
}

/**
 * For a test that cannot run on this kind of machine at all (one that needs a non-root user, where the suite
 * runs as root): skipped with a loud notice, in CI too. Not for anything a machine can be given.
 */
export function skipOnThisMachine(tests: string, why: string | undefined): boolean {
  if (why === undefined) return false;
  console.warn(`\n!!! SKIPPING ${tests}: ${why} !!!\n`);
  return true;
}
