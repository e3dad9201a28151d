// External tools the integration tests need (moto, the AWS CLI, tmux, botocore). Under CI=true a missing
// tool fails the suite; elsewhere its tests are skipped with a loud notice.
import { execFileSync } from 'node:child_process';

const cache = new Map<string, boolean>();

export function hasTool(name: string, args: string[] = ['--version']): boolean {
  if (!cache.has(name)) {
    let ok = false;
    try {
      execFileSync(name, args, { stdio: 'ignore', timeout: 20_000 });
      ok = true;
    } catch {
      ok = false;
    }
    cache.set(name, ok);
  }
  return cache.get(name)!;
}

/** True when the tests needing `name` should be skipped (tool missing, not in CI). Throws in CI. */
export function skipWithout(name: string, args?: string[]): boolean {
  if (hasTool(name, args)) return false;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI=true but was not found on PATH`);
  console.warn(`\n!!! SKIPPING tests that need ${name}: it is not installed on this machine !!!\n`);
  return true;
}
