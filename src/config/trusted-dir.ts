// awsx's own folders (cache, state, runtime) and the files in them. A folder is used only when it belongs to
// this user, is not writable by group or others (nor reached through someone else's link, nor inside a folder
// anyone may rename it out of); awsx creates it 0700. A file is read only when it is a regular file of this
// user with no group or other bits, opened without following a link. Anything else: awsx says why in one
// line and works without it. Where there are no POSIX owners (Windows) only the kinds are checked.
// The browser profiles' folders are the exception (ensurePrivateTree): awsx cannot work without them, so it
// makes them private (tightening a folder of the user's that is too open) or fails the command.
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname } from 'node:path';
import { FileError } from './errors.js';
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

// Folders awsx must have (the browser profiles): created 0700, and before use checked to be a real folder (not
// a symlink someone planted) owned by this user; one too open is tightened, one of someone else's or a link refused.

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileError(`${path} cannot be read: ${(error as Error).message}`, {
      hint: 'check the folder and its permissions',
    });
  }
}

/** Checks (and if need be creates) one folder of awsx's; the folder above it must exist. */
function checkOwnDir(path: string, platform: NodeJS.Platform): void {
  let st = lstatOrUndefined(path);
  if (!st) {
    try {
      mkdirSync(path, { mode: PRIVATE_DIR_MODE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FileError(`cannot create ${path}: ${(error as Error).message}`, {
          hint: 'check the permissions of the folder above it',
        });
      }
    }
    st = lstatOrUndefined(path)!;
  }
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new FileError(
      `${path} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; awsx keeps private state there`,
      {
        hint: `remove or move it aside (awsx creates the folder itself)`,
      },
    );
  }
  if (platform === 'win32') return;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new FileError(`${path} belongs to another user (uid ${st.uid}); awsx keeps private state there`, {
      hint: 'remove it, or point XDG_STATE_HOME at a folder of yours',
    });
  }
  if ((st.mode & 0o077) !== 0) chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Makes sure `dir` and every folder from `root` down to it exist as private folders of this user. Folders
 * above `root` (the user's XDG_STATE_HOME) are created 0700 when missing but otherwise left as they are.
 */
export function ensurePrivateTree(root: string, dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dirname(root), { recursive: true, mode: PRIVATE_DIR_MODE });
  const chain: string[] = [];
  for (let d = dir; d.length >= root.length; d = dirname(d)) {
    chain.unshift(d);
    if (d === root || dirname(d) === d) break;
  }
  for (const d of chain) checkOwnDir(d, platform);
}
