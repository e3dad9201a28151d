// One Chromium user-data folder per identity (`awsx console --isolate`), under awsx's state folder, 0700:
// each holds its own cookies, so several identities stay signed in to the console side by side. Before a
// launch the profile is named for the identity and themed in its colour (Chromium's `browser.theme.
// user_color`, and `user_color2`, the name newer versions migrate it to and then read); a profile in use is
// never edited (the running browser owns its files).
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FileError } from '../config/errors.js';
import { skColor, type IdentityColor } from '../config/identity-color.js';
import { awsxStateDir, browserProfilesDir, type Env } from '../config/paths.js';
import { ensurePrivateTree } from '../config/trusted-dir.js';

/** The folder's name: the identity's name made safe (lower case, no separators) and a hash of the exact name. */
export function profileDirName(label: string): string {
  const safe =
    label
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 40) || 'identity';
  return `${safe}-${createHash('sha256').update(label, 'utf8').digest('hex').slice(0, 8)}`;
}

export function profileDirFor(env: Env, label: string): string {
  return join(browserProfilesDir(env), profileDirName(label));
}

/** Creates (or checks) the identity's folder and the folders above it: 0700, this user's, no links. */
export function ensureProfileDir(env: Env, label: string, platform: NodeJS.Platform = process.platform): string {
  const dir = profileDirFor(env, label);
  ensurePrivateTree(awsxStateDir(env), dir, platform);
  return dir;
}

/**
 * Whether a browser is running on the folder: Chromium's SingletonLock (a link to "host-pid") with that
 * process alive on this host (Windows: its lockfile is there).
 */
export function profileInUse(dir: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return existsSync(join(dir, 'lockfile'));
  let target: string;
  try {
    target = readlinkSync(join(dir, 'SingletonLock'));
  } catch {
    return false;
  }
  const at = target.lastIndexOf('-');
  const host = target.slice(0, at);
  const pid = Number(target.slice(at + 1));
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Chromium holds the folder: its SingletonLock link (POSIX) or lockfile (Windows) is there. */
export function profileLocked(dir: string): boolean {
  return ['SingletonLock', 'lockfile'].some(
    (name) => lstatSync(join(dir, name), { throwIfNoEntry: false }) !== undefined,
  );
}

type Json = Record<string, unknown>;

const child = (obj: Json, key: string): Json => {
  const value = obj[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  return (obj[key] = {});
};

/**
 * Names the profile for the identity and sets its theme colour, in Default/Preferences. A new folder gets a
 * Preferences file of just these; an existing one is changed only where it differs, and only while no
 * browser runs on it. Returns whether it wrote.
 */
export function applyProfileLook(
  dir: string,
  look: { name: string; color: IdentityColor },
  platform: NodeJS.Platform = process.platform,
): boolean {
  const file = join(dir, 'Default', 'Preferences');
  let prefs: Json = {};
  if (existsSync(file)) {
    if (profileInUse(dir, platform)) return false;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
      prefs = parsed as Json;
    } catch {
      return false; // not ours to repair: Chromium rebuilds a broken Preferences file itself
    }
  }
  const color = skColor(look.color);
  const theme = child(child(prefs, 'browser'), 'theme');
  const profile = child(prefs, 'profile');
  if (theme.user_color === color && theme.user_color2 === color && profile.name === look.name) return false;
  theme.user_color = color;
  theme.user_color2 = color;
  profile.name = look.name;
  // Chromium creates Default itself (0700); awsx creates it only to leave the look there first.
  mkdirSync(join(dir, 'Default'), { recursive: true, mode: 0o700 });
  const temp = `${file}.awsx-${process.pid}`;
  writeFileSync(temp, JSON.stringify(prefs), { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
  return true;
}

/** Removes the identity's folder (`awsx console --forget`); refuses while a browser runs on it. */
export function forgetProfile(
  env: Env,
  label: string,
  platform: NodeJS.Platform = process.platform,
): { dir: string; removed: boolean } {
  const dir = profileDirFor(env, label);
  if (!existsSync(dir)) return { dir, removed: false };
  if (profileInUse(dir, platform)) {
    throw new FileError(`${label}: a browser is still running on its profile ${dir}`, {
      hint: 'close that browser window, then run awsx console --forget again',
    });
  }
  rmSync(dir, { recursive: true, force: true });
  return { dir, removed: true };
}
