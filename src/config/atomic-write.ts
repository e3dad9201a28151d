// Writes files atomically and safely: a temp file made O_CREAT|O_EXCL|O_NOFOLLOW under an unpredictable name
// in the target's own folder, written, fsynced, then renamed over the target. A planted link is never followed
// and no file is ever chowned. A failure (a full disk) leaves no temp file behind, and the temp files of
// writers killed outright (SIGKILL) are removed by the next writer in that folder.
//
// The policies:
// - private: awsx's own files, in a folder trusted-dir.ts has checked: 0600; a link at the target is replaced.
// - secret: the user's files holding secrets (~/.aws/credentials, --save-to-file, the AWS CLI's SSO cache): a
//   link is written through (dotfile managers) and the target is checked: refused (exit 2) when it belongs to
//   another user (root included) or is read-only; a mode wider than 0600 is tightened with a one-line note.
// - config: the user's config: as secret, but its mode is kept.
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileError, InputError } from './errors.js';
import { encodeLossless } from './lossless-text.js';
import { noteOnce } from './notices.js';
import { currentPlatform, hasPosixOwners, octalMode, type Platform } from './platform.js';
import { PRIVATE_DIR_MODE, SECRET_FILE_MODE } from './trusted-dir.js';
export type WritePolicy = 'private' | 'secret' | 'config';

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;
const TEMP = /^\..*\.awsx-(\d+)-[0-9a-f]+\.tmp$/;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Why a write failed, in a few words: "no space left on the device (ENOSPC)". */
export function writeProblem(error: unknown): string {
  const c = code(error);
  if (c === 'ENOSPC' || c === 'EDQUOT') return `no space left on the device (${c})`;
  if (c === 'EROFS') return 'the file system is read-only (EROFS)';
  if (c === 'EACCES' || c === 'EPERM') return `permission denied (${c})`;
  return c ?? (error as Error).message;
}

/** The error a failed write becomes: one line naming the file and what to do. */
export function writeFailure(path: string, error: unknown): Error {
  if (error instanceof FileError || error instanceof InputError) return error;
  const c = code(error);
  const hint =
    c === 'ENOSPC' || c === 'EDQUOT'
      ? 'free some space and retry'
      : c === 'EROFS'
        ? 'choose a writable location'
        : c === 'EACCES' || c === 'EPERM'
          ? `check the owner and mode of ${dirname(path)}`
          : 'check the path and its folder';
  return new FileError(`cannot write ${path}: ${writeProblem(error)}`, { hint, cause: error });
}

/** Where a write lands: a link's target (the link stays), or PATH itself when it is no link or a dangling one. */
function landing(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The mode the new file gets, after refusing targets awsx must not replace. */
function targetMode(path: string, policy: 'secret' | 'config', platform: Platform): number {
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return SECRET_FILE_MODE;
    throw writeFailure(path, error);
  }
  if (!st.isFile())
    throw new FileError(`cannot write ${path}: it is not a regular file`, {
      hint: 'move it aside or choose another path',
    });
  const posix = hasPosixOwners(platform);
  if (posix && st.uid !== platform.uid) {
    throw new InputError(`refusing to write to ${path}: it belongs to another user (uid ${st.uid})`, {
      hint: 'choose a file of your own, or remove that one first',
    });
  }
  if ((st.mode & 0o200) === 0) {
    throw new InputError(`refusing to replace ${path}: it is read-only (mode ${octalMode(st.mode)})`, {
      hint: `make it writable (chmod u+w ${path}) if awsx may change it`,
    });
  }
  if (!posix) return SECRET_FILE_MODE;
  const mode = st.mode & 0o777;
  if (policy === 'secret' && (mode & 0o077) !== 0) {
    noteOnce(`${path} was readable by others (mode ${octalMode(mode)}); it holds secrets, so awsx made it 0600`);
    return SECRET_FILE_MODE;
  }
  return mode;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/** Removes the temp files of awsx writers in DIR that died before renaming them (SIGKILL, power loss). */
function removeAbandonedTemps(dir: string, platform: Platform): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile() && (!hasPosixOwners(platform) || st.uid === platform.uid))
        rmSync(join(dir, name), { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

function syncDir(dir: string, platform: Platform): void {
  if (platform.os === 'win32') return;
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: the rename is done
  }
}

/** A new temp file next to TARGET, holding DATA, synced; its path. Removed again if anything fails. */
function writeTemp(target: string, data: string | Uint8Array, mode: number, platform: Platform): string {
  const dir = dirname(target);
  // node:crypto on the first write only, not at every start-up (most runs write nothing).
  const nonce = process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex');
  const tmp = join(dir, `.${basename(target)}.awsx-${process.pid}-${nonce}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
    const bytes = typeof data === 'string' ? encodeLossless(data) : data;
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    if (platform.os !== 'win32') fchmodSync(fd, mode); // exactly MODE, whatever the umask
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw writeFailure(target, error);
  }
}

export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  policy: WritePolicy,
  platform: Platform = currentPlatform(),
): void {
  const target = policy === 'private' ? path : landing(path);
  const mode = policy === 'private' ? SECRET_FILE_MODE : targetMode(target, policy, platform);
  const dir = dirname(target);
  try {
    ensurePrivateDir(dir);
  } catch (error) {
    throw writeFailure(target, error);
  }
  removeAbandonedTemps(dir, platform);
  const tmp = writeTemp(target, data, mode, platform);
  try {
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw writeFailure(target, error);
  }
  syncDir(dir, platform);
}

/** writeFileAtomicSync for the user's files and secrets (the secret policy by default). */
export function writeSecretFile(path: string, data: string, policy: WritePolicy = 'secret'): void {
  writeFileAtomicSync(path, data, policy);
}

/** The AWS config file: written as the others, but it keeps the mode it has (it holds no secret). */
export function writeConfigFile(path: string, data: string): void {
  writeFileAtomicSync(path, data, 'config');
}

/** Creates PATH with DATA, whole or not at all, and only if nothing is there yet (not even a link). */
export function createExclusiveSync(path: string, data: string, platform: Platform = currentPlatform()): void {
  const tmp = writeTemp(path, data, SECRET_FILE_MODE, platform);
  try {
    linkSync(tmp, path);
  } catch (error) {
    if (code(error) === 'EEXIST')
      throw new InputError(`refusing to write ${path}: something is already there`, {
        hint: 'remove it, or re-run the command',
      });
    throw writeFailure(path, error);
  } finally {
    rmSync(tmp, { force: true });
  }
}
