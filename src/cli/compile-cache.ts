// Node's own compile cache (module.enableCompileCache) for awsx's modules: V8 reads the code it compiled on
// an earlier run instead of parsing again. It lives in <awsx cache>/compile, and is used only when that
// folder is safe: code read from a cache runs as the user, so a folder another user can write to, or a link
// someone planted, is never used (one debug notice; the command runs, parsing as usual). Node itself writes
// the cache when the process exits and ignores entries that do not match the source or the Node version;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import { lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { debugLog } from '../config/redact.js';

/** Turns the cache on for this process, unless the command line says --no-cache or the folder is not safe. */
export function enableCompileCacheFor(argv: readonly string[], env: Env): void {
  if (saysNoCache(argv)) return; // --no-cache: nothing read from or written to awsx's folders
  const dir = join(awsxCacheDir(env), 'compile');
  const problem = prepareFolder(dir);
  if (problem) return debugLog(`compile cache not used: ${problem}`, env);
  const result = module.enableCompileCache(dir);
  if (result.status === module.constants.compileCacheStatus.FAILED) debugLog(`compile cache not used: ${result.message ?? 'Node could not enable it'}`, env);
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
