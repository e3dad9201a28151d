// Which browser a command is (a Chromium-family one takes --user-data-dir; Firefox opens containers), and
// where the installed ones are: on PATH, in /Applications on macOS, under Program Files on Windows.
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import type { Env } from '../config/paths.js';

export type BrowserFamily = 'chromium' | 'firefox';

const CHROMIUM = /chrom|brave|edge|vivaldi|opera|thorium/;
const FIREFOX = /firefox|librewolf|waterfox|floorp/;

/** The family of a command: its program's name, or for flatpak/snap/open the app it starts. */
export function browserFamily(program: string, args: readonly string[] = []): BrowserFamily | undefined {
  const base = program
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  const names = ['flatpak', 'snap', 'open', 'env'].includes(base)
    ? args.filter((a) => !a.startsWith('-')).map((a) => a.toLowerCase())
    : [base];
  for (const name of names) {
    if (FIREFOX.test(name)) return 'firefox';
    if (CHROMIUM.test(name)) return 'chromium';
  }
  return undefined;
}

const PATH_NAMES: Record<BrowserFamily, string[]> = {
  chromium: [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    'brave-browser',
    'brave',
    'microsoft-edge',
    'microsoft-edge-stable',
    'vivaldi',
    'vivaldi-stable',
  ],
  firefox: ['firefox', 'firefox-esr', 'librewolf'],
};

const MAC_APPS: Record<BrowserFamily, string[]> = {
  chromium: ['Google Chrome', 'Chromium', 'Brave Browser', 'Microsoft Edge', 'Vivaldi'].map(
    (app) => `${app}.app/Contents/MacOS/${app}`,
  ),
  firefox: ['Firefox.app/Contents/MacOS/firefox'],
};

const WINDOWS_APPS: Record<BrowserFamily, string[]> = {
  chromium: [
    'Google\\Chrome\\Application\\chrome.exe',
    'Chromium\\Application\\chrome.exe',
    'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
    'Microsoft\\Edge\\Application\\msedge.exe',
    'Vivaldi\\Application\\vivaldi.exe',
  ],
  firefox: ['Mozilla Firefox\\firefox.exe'],
};

export type IsProgram = (path: string) => boolean;

export const isProgram: IsProgram = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A program name as the OS finds it on PATH (on Windows with .exe), or undefined. */
export function which(
  name: string,
  env: Env,
  platform: NodeJS.Platform,
  exists: IsProgram = isProgram,
): string | undefined {
  const path = platform === 'win32' ? win32 : posix;
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const names = platform === 'win32' && !/\.exe$/i.test(name) ? [`${name}.exe`] : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Whether a program of that name or path is there: a file, or a name found on PATH. */
export function programExists(
  env: Env,
  platform: NodeJS.Platform,
  exists: IsProgram = isProgram,
): (program: string) => boolean {
  return (program) => exists(program) || which(program, env, platform, exists) !== undefined;
}

/** The first installed browser of the family, or undefined. */
export function findBrowser(
  family: BrowserFamily,
  env: Env,
  platform: NodeJS.Platform = process.platform,
  exists: IsProgram = isProgram,
): string | undefined {
  const candidates: string[] = [];
  if (platform === 'darwin') {
    const home = env.HOME ? [posix.join(env.HOME, 'Applications')] : [];
    for (const root of ['/Applications', ...home])
      candidates.push(...MAC_APPS[family].map((app) => posix.join(root, app)));
  } else if (platform === 'win32') {
    const roots = [
      env.LOCALAPPDATA,
      env.PROGRAMFILES ?? env.ProgramFiles,
      env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'],
    ].filter((r): r is string => Boolean(r));
    for (const root of roots) candidates.push(...WINDOWS_APPS[family].map((app) => win32.join(root, app)));
  }
  const found = candidates.find((c) => exists(c));
  if (found) return found;
  const names =
    platform === 'win32'
      ? ['chrome', 'msedge', 'brave', 'firefox'].filter((n) => browserFamily(n) === family)
      : PATH_NAMES[family];
  for (const name of names) {
    const hit = which(name, env, platform, exists);
    if (hit) return hit;
  }
  return undefined;
}
