// Node's own compile cache (module.enableCompileCache) for awsx's modules: V8 reads the code it compiled on
// an earlier run instead of parsing again. It lives in <awsx cache>/compile, and is used only when that
// folder is safe: code read from a cache runs as the user, so a folder another user can write to, or a link
// someone planted, is never used (one debug notice; the command runs, parsing as usual). Node itself writes
// the cache and ignores entries that do not match the source or the Node version; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. On a disk with little room the cache is not used, and a write that failed anyway (a full
// disk) leaves no temporary file behind (finishCompileCache).
import { lstatSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync, type Stats } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { debugLog } from '../config/redact.js';

/** Turns the cache on for this process, unless the command line says --no-cache or the folder is not safe. */
export function enableCompileCacheFor(argv: readonly string[], env: Env): void {
  if (saysNoCache(argv)) return; // --no-cache: nothing read from or written to awsx's folders
  const dir = join(awsxCacheDir(env), 'compile');
  const problem = lowOnSpace(dir) ?? prepareFolder(dir);
  if (problem) return debugLog(`compile cache not used: ${problem}`, env);
  const result = module.enableCompileCache(dir);
  if (result.status === module.constants.compileCacheStatus.FAILED)
    debugLog(`compile cache not used: ${result.message ?? 'Node could not enable it'}`, env);
}

/**
 * Writes the cache now (instead of at exit) and removes the temporary files of writes that failed: Node
 * writes each entry to `<hash>.<random>` and renames it, and leaves the temporary file when the write
 * fails (ENOSPC). Another awsx writing at the same moment may lose an entry to this; it is only a cache.
 */
export function finishCompileCache(): void {
  const dir = module.getCompileCacheDir();
  if (!dir) return;
  try {
    module.flushCompileCache();
    for (const name of readdirSync(dir))
      if (/^[0-9a-f]{8}\.[A-Za-z0-9]{6}$/.test(name)) rmSync(join(dir, name), { force: true });
  } catch {
    // a cache folder that went away or turned read-only: nothing of ours to remove
  }
}

/** Room for the cache: below this, a compile cache would only fill the disk further. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** Checked before anything is created: the folder, or the nearest of its parents that exists. */
function lowOnSpace(dir: string): string | undefined {
  for (let path = dir; ; path = dirname(path)) {
    try {
      const fs = statfsSync(path);
      return fs.bavail * fs.bsize < MIN_FREE_BYTES
        ? `less than ${MIN_FREE_BYTES >> 20} MiB free on the disk of ${path}`
        : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) return undefined;
    }
  }
}

/** `--no-cache` among awsx's own words (what follows `--` belongs to another command). */
export function saysNoCache(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--no-cache');
}

/**
 * Creates the cache folder (0700) when missing; returns why it must not be used, or undefined. The awsx
 * folder may be a link the user made (it is checked where it leads); the compile folder itself may not be.
 */
export function prepareFolder(dir: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const parent = join(dir, '..');
  try {
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    const problem = unsafe(parent, statSync(parent), platform);
    if (problem) return problem; // nothing is created inside a folder awsx cannot trust
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return unsafe(dir, lstatSync(dir), platform);
  } catch (error) {
    return `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

function unsafe(path: string, st: Stats, platform: NodeJS.Platform): string | undefined {
  if (st.isSymbolicLink()) return `${path} is a symbolic link`;
  if (!st.isDirectory()) return `${path} is not a folder`;
  if (platform === 'win32') return undefined; // no POSIX owners or modes: the user's profile folder is private
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `${path} belongs to another user (uid ${st.uid})`;
  if ((st.mode & 0o022) !== 0) return `${path} can be written by other users (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}
