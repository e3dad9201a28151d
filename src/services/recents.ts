// Recently used targets (picker Enter, awsx use): most recent first, at most 50, in the awsx cache dir.
// Only target names are stored, never credentials. A missing or corrupt file is an empty list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { awsxCacheDir, type Env } from '../config/paths.js';

export const MAX_RECENTS = 50;

interface RecentsFile {
  version: 1;
  recent: Array<{ target: string; at: string }>;
}

export function recentsPath(env: Env): string {
  return join(awsxCacheDir(env), 'recents.json');
}

export function loadRecents(env: Env): string[] {
  try {
    const file = JSON.parse(readFileSync(recentsPath(env), 'utf8')) as RecentsFile;
    if (file.version !== 1 || !Array.isArray(file.recent)) return [];
    return file.recent.map((r) => r.target).filter((t): t is string => typeof t === 'string');
  } catch {
    return [];
  }
}

/** Moves TARGET to the front. Best effort: a failure to write never fails the command. */
export async function recordRecent(env: Env, target: string, now: Date = new Date()): Promise<void> {
  let recent: RecentsFile['recent'] = [];
  try {
    const file = JSON.parse(readFileSync(recentsPath(env), 'utf8')) as RecentsFile;
    if (file.version === 1 && Array.isArray(file.recent)) recent = file.recent;
  } catch {
    // start afresh
  }
  const next = [{ target, at: now.toISOString() }, ...recent.filter((r) => r.target !== target)].slice(0, MAX_RECENTS);
  try {
    await writeSecretFile(recentsPath(env), `${JSON.stringify({ version: 1, recent: next } satisfies RecentsFile, null, 1)}\n`);
  } catch {
    // recents are a convenience
  }
}
