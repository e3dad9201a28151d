// Folders of awsx's own state (browser profiles): created 0700, and before use checked to be a real folder
// (not a symlink someone planted), owned by this user, with no access for group or others. A folder of
// ours that is too open is tightened; one owned by someone else, or a link, is refused.
import { chmodSync, lstatSync, mkdirSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { FileError } from './errors.js';

export const PRIVATE_DIR = 0o700;

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
      mkdirSync(path, { mode: PRIVATE_DIR });
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
  if ((st.mode & 0o077) !== 0) chmodSync(path, PRIVATE_DIR);
}

/**
 * Makes sure `dir` and every folder from `root` down to it exist as private folders of this user. Folders
 * above `root` (the user's XDG_STATE_HOME) are created 0700 when missing but otherwise left as they are.
 */
export function ensurePrivateTree(root: string, dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dirname(root), { recursive: true, mode: PRIVATE_DIR });
  const chain: string[] = [];
  for (let d = dir; d.length >= root.length; d = dirname(d)) {
    chain.unshift(d);
    if (d === root || dirname(d) === d) break;
  }
  for (const d of chain) checkOwnDir(d, platform);
}
