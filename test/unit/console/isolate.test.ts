// The pieces of `awsx console --isolate` / `--container` that need no browser: the identity's folder
// (name, 0700, no links), its name and theme in Chromium's Preferences, --forget refusing a folder in use,
// which browser is chosen (and the one-line errors when none fits), and the mode's precedence.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  existsSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileError, InputError } from '../../../src/config/errors.js';
import { skColor } from '../../../src/config/identity-color.js';
import { awsxStateDir } from '../../../src/config/paths.js';
import { findBrowser, browserFamily } from '../../../src/console/browser-find.js';
import {
  applyProfileLook,
  ensureProfileDir,
  forgetProfile,
  profileDirName,
  profileInUse,
} from '../../../src/console/chromium-profile.js';
import { BrowserOpenError, chooseBrowser, consoleMode, linkFor, prepareOpen } from '../../../src/console/browser.js';

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awsx-isolate-'));
  env = { HOME: join(dir, 'home'), XDG_STATE_HOME: join(dir, 'state'), PATH: join(dir, 'bin') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const prefs = (folder: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(folder, 'Default', 'Preferences'), 'utf8')) as Record<string, unknown>;

describe('the identity folder', () => {
  it('is XDG_STATE_HOME/awsx/browser-profiles/<safe name>-<hash>, every level 0700', () => {
    expect(profileDirName('prod')).toMatch(/^prod-[0-9a-f]{8}$/);
    expect(profileDirName('Prod')).not.toBe(profileDirName('prod')); // case-insensitive file systems keep them apart
    expect(profileDirName('sso:111111111111/Admin')).toMatch(/^sso-111111111111-admin-[0-9a-f]{8}$/);
    expect(profileDirName('../..')).toMatch(/^identity-[0-9a-f]{8}$/);
    const folder = ensureProfileDir(env, 'prod');
    expect(folder).toBe(join(dir, 'state', 'awsx', 'browser-profiles', profileDirName('prod')));
    for (const d of [join(dir, 'state', 'awsx'), join(dir, 'state', 'awsx', 'browser-profiles'), folder])
      expect(statSync(d).mode & 0o777).toBe(0o700);
    // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
    expect(awsxStateDir({ HOME: '/h', XDG_STATE_HOME: 'rel' })).toBe('/h/.local/state/awsx');
  });

  it('tightens a folder of its own left too open; refuses a symbolic link in its place', () => {
    const profiles = join(dir, 'state', 'awsx', 'browser-profiles');
    mkdirSync(profiles, { recursive: true });
    chmodSync(profiles, 0o755);
    ensureProfileDir(env, 'prod');
    expect(statSync(profiles).mode & 0o777).toBe(0o700);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(profiles, profileDirName('dev')));
    expect(() => ensureProfileDir(env, 'dev')).toThrow(FileError);
    expect(() => ensureProfileDir(env, 'dev')).toThrow(/is a symbolic link; awsx keeps private state there/);
  });

  it('names and themes a new profile; updates only what differs; leaves a profile in use alone', () => {
    const folder = ensureProfileDir(env, 'prod');
    expect(applyProfileLook(folder, { name: 'prod', color: 'red' }, 'linux')).toBe(true);
    expect(prefs(folder)).toEqual({
      browser: { theme: { user_color: skColor('red'), user_color2: skColor('red') } },
      profile: { name: 'prod' },
    });
    expect(statSync(join(folder, 'Default', 'Preferences')).mode & 0o777).toBe(0o600);
    expect(applyProfileLook(folder, { name: 'prod', color: 'red' }, 'linux')).toBe(false);
    // Chromium's own prefs stay; the theme follows a new colour.
    writeFileSync(join(folder, 'Default', 'Preferences'), JSON.stringify({ ...prefs(folder), other: { kept: 1 } }));
    expect(applyProfileLook(folder, { name: 'prod', color: 'blue' }, 'linux')).toBe(true);
    expect(prefs(folder)).toMatchObject({
      other: { kept: 1 },
      browser: { theme: { user_color: skColor('blue'), user_color2: skColor('blue') } },
    });
    // In use (a live SingletonLock of this host): not touched, and --forget refuses.
    symlinkSync(`${hostname()}-${process.pid}`, join(folder, 'SingletonLock'));
    expect(profileInUse(folder, 'linux')).toBe(true);
    expect(applyProfileLook(folder, { name: 'prod', color: 'green' }, 'linux')).toBe(false);
    expect(() => forgetProfile(env, 'prod', 'linux')).toThrow(/^prod: a browser is still running on its profile \S+$/);
    expect(existsSync(folder)).toBe(true);
  });

  it('a stale lock (its process gone) is not in use: --forget removes the folder', () => {
    const folder = ensureProfileDir(env, 'prod');
    symlinkSync(`${hostname()}-999999999`, join(folder, 'SingletonLock'));
    expect(profileInUse(folder, 'linux')).toBe(false);
    expect(forgetProfile(env, 'prod', 'linux')).toEqual({ dir: folder, removed: true });
    expect(existsSync(folder)).toBe(false);
    expect(forgetProfile(env, 'prod', 'linux').removed).toBe(false);
  });
});

describe('which browser', () => {
  const look = { label: 'prod', color: 'red' as const };
  const installed =
    (...paths: string[]) =>
    (p: string): boolean =>
      paths.includes(p);

  it('knows the families by the program (and by the app flatpak or open start)', () => {
    expect(
      [
        'chromium',
        '/usr/bin/google-chrome-stable',
        'brave-browser',
        'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
        'vivaldi',
      ].map((p) => browserFamily(p)),
    ).toEqual(Array(5).fill('chromium'));
    expect(
      ['firefox', 'firefox-esr', '/Applications/Firefox.app/Contents/MacOS/firefox', 'librewolf'].map((p) =>
        browserFamily(p),
      ),
    ).toEqual(Array(4).fill('firefox'));
    expect(browserFamily('flatpak', ['run', 'org.chromium.Chromium'])).toBe('chromium');
    expect(browserFamily('xdg-open')).toBeUndefined();
  });

  it('finds installed browsers on PATH, in /Applications, under Program Files', () => {
    expect(findBrowser('chromium', { PATH: '/a:/b' }, 'linux', installed('/b/brave-browser', '/b/firefox'))).toBe(
      '/b/brave-browser',
    );
    expect(findBrowser('firefox', { PATH: '/a:/b' }, 'linux', installed('/b/brave-browser', '/b/firefox'))).toBe(
      '/b/firefox',
    );
    expect(
      findBrowser(
        'chromium',
        { HOME: '/Users/a' },
        'darwin',
        installed('/Users/a/Applications/Brave Browser.app/Contents/MacOS/Brave Browser'),
      ),
    ).toBe('/Users/a/Applications/Brave Browser.app/Contents/MacOS/Brave Browser');
    const win = { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', PATH: 'C:\\bin' };
    expect(
      findBrowser('chromium', win, 'win32', installed('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')),
    ).toBe('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(findBrowser('firefox', win, 'win32', installed('C:\\bin\\firefox.exe'))).toBe('C:\\bin\\firefox.exe');
    expect(findBrowser('firefox', win, 'win32', installed())).toBeUndefined();
  });

  it('--browser, else AWSX_CONSOLE_BROWSER, else a BROWSER entry of the family; Firefox named with --isolate means a container', () => {
    expect(
      chooseBrowser({
        mode: 'isolate',
        look,
        env: { ...env, BROWSER: 'firefox:google-chrome' },
        browser: 'brave --incognito',
      }),
    ).toMatchObject({ command: { program: 'brave', args: ['--incognito'] }, family: 'chromium', named: true });
    expect(chooseBrowser({ mode: 'isolate', look, env: { ...env, AWSX_CONSOLE_BROWSER: 'firefox' } })).toMatchObject({
      family: 'firefox',
      named: true,
    });
    expect(
      chooseBrowser({ mode: 'isolate', look, env: { ...env, BROWSER: 'firefox:google-chrome' }, platform: 'linux' }),
    ).toMatchObject({ command: { program: 'google-chrome' }, named: false });
    expect(
      chooseBrowser({ mode: 'container', look, env: { ...env, BROWSER: 'firefox:google-chrome' }, platform: 'linux' }),
    ).toMatchObject({ command: { program: 'firefox' }, family: 'firefox' });
  });

  it('bad input and no browser: one line each, with the fix', () => {
    expect(() => chooseBrowser({ mode: 'isolate', look, env, browser: 'my-wrapper.sh' })).toThrow(InputError);
    expect(() => chooseBrowser({ mode: 'isolate', look, env, browser: 'my-wrapper.sh' })).toThrow(
      /--browser my-wrapper.sh: cannot tell whether it is a Chromium-family browser or Firefox/,
    );
    expect(() => chooseBrowser({ mode: 'container', look, env, browser: 'chromium' })).toThrow(
      /--container opens Firefox containers; chromium is a Chromium-family browser/,
    );
    const none = (): unknown => chooseBrowser({ mode: 'isolate', look, env, platform: 'linux' });
    expect(none).toThrow(BrowserOpenError);
    expect(none).toThrow(/^no Chromium-family browser found for the prod isolated console/);
    // A browser awsx found (not named) needs a desktop: none over SSH.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    expect(() =>
      prepareOpen({ mode: 'isolate', look, env: { ...env, SSH_CONNECTION: '1 2 3 4' }, platform: 'linux' }),
    ).toThrow(/no desktop session to open the prod console in/);
    expect(
      prepareOpen({ mode: 'isolate', look, env: { ...env, DISPLAY: ':0' }, platform: 'linux' }).chosen?.command.program,
    ).toBe(join(dir, 'bin', 'chromium'));
  });
});

describe('the mode', () => {
  it('the flag, else the profile, else AWSX_CONSOLE_MODE, else the default browser; bad values name their place', () => {
    expect(consoleMode(undefined, undefined, {})).toBe('default');
    expect(consoleMode(undefined, undefined, { AWSX_CONSOLE_MODE: 'isolate' })).toBe('isolate');
    expect(consoleMode(undefined, 'container', { AWSX_CONSOLE_MODE: 'isolate' })).toBe('container');
    expect(consoleMode('default', 'container', { AWSX_CONSOLE_MODE: 'isolate' })).toBe('default');
    expect(() => consoleMode(undefined, 'chrome', {}, 'prod')).toThrow(
      /^profile "prod": awsx_console_mode "chrome" is not one of default, isolate, container$/,
    );
    expect(() => consoleMode(undefined, undefined, { AWSX_CONSOLE_MODE: 'yes' })).toThrow(
      /^AWSX_CONSOLE_MODE "yes" is not one of/,
    );
  });

  it('--print and --copy give the container link in container mode, else the sign-in URL', () => {
    const look = { label: 'prod', color: 'red' as const };
    expect(linkFor('https://x/?a=1&b=2', 'isolate', look, {})).toBe('https://x/?a=1&b=2');
    expect(linkFor('https://x/?a=1&b=2', 'container', look, {})).toBe(
      'ext+container:name=prod&color=red&icon=fingerprint&url=https%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2',
    );
    expect(linkFor('https://x/', 'container', look, { AWSX_FIREFOX_EXTENSION: 'granted' })).toMatch(
      /^ext\+granted-containers:name=prod&/,
    );
    expect(() => linkFor('https://x/', 'container', look, { AWSX_FIREFOX_EXTENSION: 'other' })).toThrow(
      /AWSX_FIREFOX_EXTENSION "other" is not one of open-url-in-container, granted/,
    );
  });
});
