// Recently used targets (picker Enter, awsx use): most recent first, at most 50, in awsx's state folder
// ($XDG_STATE_HOME/awsx, else ~/.local/state/awsx). Only target names are stored, never credentials. A missing,
// corrupt or untrusted file is an empty list. Earlier versions kept the list in the cache folder: it is read
// from there while the state folder has none, and removed there once the list is written to its new home.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { awsxCacheDir, awsxStateDir, type Env } from '../config/paths.js';
import { CACHE_ROLE, PrivateFolder, STATE_ROLE } from '../config/private-folder.js';

export const MAX_RECENTS = 50;
const FILE = 'recents.json';

interface RecentsFile {
  version: 1;
  recent: Array<{ target: string; at: string }>;
}

export function recentsPath(env: Env): string {
  return join(awsxStateDir(env), FILE);
}

function legacyPath(env: Env): string {
  return join(awsxCacheDir(env), FILE);
}

function parse(data: Buffer | undefined): RecentsFile['recent'] | undefined {
  if (!data) return undefined;
  try {
    const file = JSON.parse(data.toString('utf8')) as RecentsFile;
    if (file?.version !== 1 || !Array.isArray(file.recent)) return undefined;
    return file.recent.filter((r) => typeof r?.target === 'string' && typeof r.at === 'string');
  } catch {
    return undefined;
  }
}

function readRecents(env: Env): RecentsFile['recent'] {
  const state = new PrivateFolder(awsxStateDir(env), STATE_ROLE);
  return (
    parse(state.read(recentsPath(env))) ??
    parse(new PrivateFolder(awsxCacheDir(env), CACHE_ROLE).read(legacyPath(env))) ??
    []
  );
}

export function loadRecents(env: Env): string[] {
  return readRecents(env).map((r) => r.target);
}

/** Moves TARGET to the front. Best effort: a failure to write never fails the command. */
/** `now`: when TARGET was used. */
export function recordRecent(env: Env, target: string, now: number): void {
  const recent = readRecents(env);
  const next = [{ target, at: new Date(now).toISOString() }, ...recent.filter((r) => r.target !== target)].slice(
    0,
    MAX_RECENTS,
  );
  const state = new PrivateFolder(awsxStateDir(env), STATE_ROLE);
  if (
    state.write(recentsPath(env), `${JSON.stringify({ version: 1, recent: next } satisfies RecentsFile, null, 1)}\n`)
  ) {
    rmSync(legacyPath(env), { force: true });
  }
}
