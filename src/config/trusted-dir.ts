// awsx's own folders (cache, state, runtime) and the files in them. A folder is used only when it belongs to
// this user, is not writable by group or others (nor reached through someone else's link, nor inside a folder
// anyone may rename it out of); awsx creates it 0700. A file is read only when it is a regular file of this
// user with no group or other bits, opened without following a link. Anything else: awsx says why in one
// line and works without it. Where there are no POSIX owners (Windows) only the kinds are checked.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentPlatform, hasPosixOwners, octalMode, type Platform } from './platform.js';

export const PRIVATE_DIR_MODE = 0o700;
export const SECRET_FILE_MODE = 0o600;
/** Largest file awsx reads from its own folders (sessions are a few KiB; a large organization's roles, MiBs). */
export const MAX_PRIVATE_FILE_BYTES = 16 * 1024 * 1024;

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** dirProblem's answer for a folder that is not there. */
export const MISSING = 'it does not exist';

/** Why DIR cannot be trusted (MISSING when it is not there), or undefined when it can. */
export function dirProblem(dir: string, platform: Platform = currentPlatform()): string | undefined {
  let st;
  try {
    st = lstatSync(dir);
    if (st.isSymbolicLink()) {
      if (hasPosixOwners(platform) && st.uid !== platform.uid && st.uid !== 0)
        return `it is a link owned by another user (uid ${st.uid})`;
      st = statSync(dir);
    }
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? MISSING
      : `it cannot be read (${code ?? (error as Error).message})`;
  }
  if (!st.isDirectory()) return 'it is not a folder';
  if (!hasPosixOwners(platform)) return undefined;
  if (st.uid !== platform.uid) return `it belongs to another user (uid ${st.uid})`;
  if ((st.mode & 0o022) !== 0) return `it is writable by others (mode ${octalMode(st.mode)})`;
  try {
    const parent = statSync(dirname(dir));
    // Anyone who may write to the parent (and it is not sticky, like /tmp) could swap the folder for another.
    if ((parent.mode & 0o002) !== 0 && (parent.mode & 0o1000) === 0)
      return `its parent folder is writable by everyone (mode ${octalMode(parent.mode)})`;
  } catch {
    // the folder exists, so its parent does: a race with its removal; the folder's own checks stand
  }
  return undefined;
}

/** Creates DIR (0700, with any missing parents) and checks it: undefined when it may be used, else why not. */
export function ensureTrustedDir(dir: string, platform: Platform = currentPlatform()): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EEXIST') return `it cannot be created (${code ?? (error as Error).message})`;
  }
  return dirProblem(dir, platform);
}

export type TrustedRead = { data: Buffer } | { problem: string } | undefined;

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * PATH's bytes if it is this user's regular file with no group or other bits, at most `maxBytes` long;
 * undefined when it does not exist; else why it was not read. Opened without following a link and without
 * blocking (a FIFO planted there never hangs awsx); the checks are made on what was opened.
 */
export function readTrustedFile(
  path: string,
  platform: Platform = currentPlatform(),
  maxBytes = MAX_PRIVATE_FILE_BYTES,
): TrustedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') return { problem: 'it is a link' };
    return { problem: `it cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: 'it is not a regular file' };
    if (hasPosixOwners(platform)) {
      if (st.uid !== platform.uid) return { problem: `it belongs to another user (uid ${st.uid})` };
      if ((st.mode & 0o077) !== 0) return { problem: `others may read or write it (mode ${octalMode(st.mode)})` };
    }
    if (st.size > maxBytes) return { problem: `it is larger than ${maxBytes} bytes` };
    const data = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < data.length && (n = readSync(fd, data, length, data.length - length, null)) > 0;) length += n;
    if (length > maxBytes) return { problem: `it is larger than ${maxBytes} bytes` };
    return { data: data.subarray(0, length) };
  } catch (error) {
    return { problem: `it cannot be read (${errorCode(error) ?? (error as Error).message})` };
  } finally {
    closeSync(fd);
  }
}
