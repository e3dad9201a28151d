// The other half of the bootstrap's fast path (scripts/bootstrap.js): after `awsx credential-process TARGET`
// has printed a cached or new session, a record of that exact output lets the next identical run answer
// without loading the program. The record names the files the answer came from (config, credentials and
// the session file) with their stamps; the bootstrap uses it only while all are unchanged, the environment
// and arguments are the same, and the session keeps the life credential-process requires. It holds what the
// session file holds (mode 0600, in the awsx cache), no more.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { debugLog } from '../config/redact.js';

/** What the bootstrap hands the program when this run could have used a record (globalThis.__awsxFastPath). */
export interface FastPathHook {
  key: string;
  path: string;
  stamp(path: string): string;
}

export function fastPathHook(): FastPathHook | undefined {
  const hook = (globalThis as { __awsxFastPath?: FastPathHook }).__awsxFastPath;
  return hook && typeof hook.key === 'string' && typeof hook.stamp === 'function' ? hook : undefined;
}

export interface FastPathAnswer {
  output: string;
  expiresAt: number;
  minRemainingMs: number;
  /** Files whose content decided the answer, with their stamps taken before they were read. */
  files: Array<[path: string, stamp: string]>;
}

/** Writes the record; a failure only costs the next run its shortcut. */
export async function rememberAnswer(hook: FastPathHook, answer: FastPathAnswer): Promise<void> {
  try {
    await writeSecretFile(hook.path, `${JSON.stringify({ v: 1, key: hook.key, ...answer })}\n`);
  } catch (error) {
    debugLog(`fast path: cannot write ${hook.path}: ${(error as Error).message}`);
  }
}

/**
 * Removes the records that answered from `sessionFile`: a forgotten or logged-out session must leave no copy
 * of its credentials behind (a record would not be used any more, its session file being gone, but it
 * would still hold them until it expired).
 */
export function forgetAnswers(cacheDir: string, sessionFile: string): void {
  const dir = join(cacheDir, 'fast');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const record = JSON.parse(readFileSync(path, 'utf8')) as { files?: Array<[string, string]> };
      if (!Array.isArray(record.files) || record.files.some(([p]) => p === sessionFile)) rmSync(path, { force: true });
    } catch {
      rmSync(path, { force: true }); // unreadable: nothing would use it
    }
  }
}
