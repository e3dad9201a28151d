// How a console sign-in URL reaches a browser: the default browser (--browser, BROWSER, the system
// opener), an isolated Chromium-family profile per identity (--isolate), or a Firefox container per
// identity (--container). The mode comes from the flag, else the profile's `awsx_console_mode`, else
// AWSX_CONSOLE_MODE; the isolated browser from --browser, else AWSX_CONSOLE_BROWSER, else a BROWSER entry
// of the right family, else the first one installed.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AwsxError, InputError } from '../config/errors.js';
import type { IdentityColor } from '../config/identity-color.js';
import type { Env } from '../config/paths.js';
import {
  browserArgv,
  browserEntries,
  parseBrowserEntry,
  parseBrowserFlag,
  type BrowserCommand,
} from './browser-command.js';
import { browserFamily, findBrowser, isProgram, programExists, type BrowserFamily } from './browser-find.js';
import { applyProfileLook, ensureProfileDir, profileDirFor, profileInUse, profileLocked } from './chromium-profile.js';
import { containerUrl, CONTAINER_SCHEMES, type ContainerExtension } from './firefox-container.js';
import { canOpenBrowser, launch, launchFailure, openUrl, type Spawn } from './open-browser.js';

/** Nothing could open the browser (exit 1). */
export class BrowserOpenError extends AwsxError {
  readonly exitCode = 1 as const;
}

export const CONSOLE_MODES = ['default', 'isolate', 'container'] as const;
export type ConsoleMode = (typeof CONSOLE_MODES)[number];
export const MODE_KEY = 'awsx_console_mode';
export const MODE_VAR = 'AWSX_CONSOLE_MODE';
export const BROWSER_VAR = 'AWSX_CONSOLE_BROWSER';
export const EXTENSION_VAR = 'AWSX_FIREFOX_EXTENSION';

/** The mode: the flag, else the profile's awsx_console_mode, else AWSX_CONSOLE_MODE, else the default browser. */
export function consoleMode(
  explicit: ConsoleMode | undefined,
  configured: string | undefined,
  env: Env,
  profile?: string,
): ConsoleMode {
  if (explicit) return explicit;
  const pick = (value: string | undefined, where: string, hint: string): ConsoleMode | undefined => {
    const v = value?.trim().toLowerCase();
    if (!v) return undefined;
    if ((CONSOLE_MODES as readonly string[]).includes(v)) return v as ConsoleMode;
    throw new InputError(`${where} "${value}" is not one of ${CONSOLE_MODES.join(', ')}`, {
      ...(profile ? { profile } : {}),
      hint,
    });
  };
  return (
    pick(
      configured,
      `${profile ? `profile "${profile}": ` : ''}${MODE_KEY}`,
      `fix ${MODE_KEY} in the profile's section of the config file`,
    ) ??
    pick(env[MODE_VAR], MODE_VAR, `set ${MODE_VAR} to default, isolate or container, or unset it`) ??
    'default'
  );
}

export interface Look {
  /** The identity's name: the profile folder, the container and the Chromium profile are named for it. */
  label: string;
  color: IdentityColor;
}

export interface OpenTarget {
  mode: ConsoleMode;
  look: Look;
  /** --browser. */
  browser?: string;
  /** Named in errors. */
  profile?: string;
  env: Env;
  platform?: NodeJS.Platform;
  spawn?: Spawn;
}

const fail = (target: OpenTarget, message: string, hint: string): BrowserOpenError =>
  new BrowserOpenError(message, {
    ...(target.profile ? { profile: target.profile } : {}),
    hint: `${hint}; or run: awsx console ${target.look.label} --print (the URL it prints is a secret)`,
  });

function firefoxExtension(env: Env): ContainerExtension {
  const v = env[EXTENSION_VAR]?.trim();
  if (!v) return 'open-url-in-container';
  if (v in CONTAINER_SCHEMES) return v as ContainerExtension;
  throw new InputError(`${EXTENSION_VAR} "${v}" is not one of ${Object.keys(CONTAINER_SCHEMES).join(', ')}`, {
    hint: `unset ${EXTENSION_VAR}, or set it to granted for granted's Firefox extension`,
  });
}

/** What --print and --copy give in this mode: a container link in container mode, else the URL itself. */
export function linkFor(url: string, mode: ConsoleMode, look: Look, env: Env): string {
  return mode === 'container'
    ? containerUrl({ name: look.label, color: look.color, url, extension: firefoxExtension(env) })
    : url;
}

interface Chosen {
  command: BrowserCommand;
  family: BrowserFamily;
  /** Named by the user (flag or AWSX_CONSOLE_BROWSER), not found by awsx. */
  named: boolean;
}

/** The browser for an isolated mode (see the file's head); throws with the fix when there is none. */
export function chooseBrowser(target: OpenTarget): Chosen {
  const { env } = target;
  const platform = target.platform ?? process.platform;
  const wanted: BrowserFamily = target.mode === 'container' ? 'firefox' : 'chromium';
  const value = target.browser ?? env[BROWSER_VAR];
  if (value !== undefined && value.trim() !== '') {
    const where = target.browser !== undefined ? '--browser' : BROWSER_VAR;
    const command = parseBrowserFlag(value, isProgram);
    if (!command)
      throw new InputError(`${where} "${value}" is not a command (unbalanced quotes?)`, {
        hint: 'quote the program path if it holds spaces',
      });
    const family = browserFamily(command.program, command.args);
    if (!family) {
      throw new InputError(
        `${where} ${command.program}: cannot tell whether it is a Chromium-family browser or Firefox`,
        {
          hint:
            'name the browser itself: chromium, google-chrome, brave, microsoft-edge or firefox ' +
            '(a path to one works too)',
        },
      );
    }
    if (target.mode === 'container' && family !== 'firefox') {
      throw new InputError(`--container opens Firefox containers; ${command.program} is a Chromium-family browser`, {
        hint: 'use --isolate for a Chromium profile per identity, or name firefox',
      });
    }
    return { command, family, named: true };
  }
  const exists = programExists(env, platform);
  for (const entry of env.BROWSER ? browserEntries(env.BROWSER, platform) : []) {
    const command = parseBrowserEntry(entry, exists);
    if (command && browserFamily(command.program, command.args) === wanted)
      return { command, family: wanted, named: false };
  }
  const found = findBrowser(wanted, env, platform);
  if (found) return { command: { program: found, args: [] }, family: wanted, named: false };
  throw fail(
    target,
    wanted === 'firefox'
      ? `no Firefox found to open the ${target.look.label} console in a container`
      : `no Chromium-family browser found for the ${target.look.label} isolated console ` +
          '(chromium, google-chrome, brave, microsoft-edge)',
    `install one, or name it with --browser PATH (or ${BROWSER_VAR})`,
  );
}

export interface PreparedOpen {
  target: OpenTarget;
  /** The isolated modes' browser. */
  chosen?: Chosen;
}

/** Everything that can fail before the sign-in: the mode's browser is there and can be shown. */
export function prepareOpen(target: OpenTarget): PreparedOpen {
  const platform = target.platform ?? process.platform;
  if (target.mode === 'default') {
    if (target.browser === undefined && !canOpenBrowser(target.env, platform))
      throw fail(
        target,
        `no browser to open the ${target.look.label} console in (no BROWSER and no desktop session)`,
        'pass --browser CMD or set BROWSER',
      );
    return { target };
  }
  const chosen = chooseBrowser(target);
  if (!chosen.named && !canOpenBrowser(target.env, platform))
    throw fail(
      target,
      `no desktop session to open the ${target.look.label} console in`,
      'name a browser with --browser',
    );
  return { target, chosen };
}

/** Where a prepared open puts the console, for the line that says it did. */
export function placeOf({ target, chosen }: PreparedOpen): string {
  if (!chosen) return 'the browser';
  return chosen.family === 'firefox'
    ? `Firefox container "${target.look.label}"`
    : `its own browser profile (${profileDirFor(target.env, target.look.label)})`;
}

/** Opens the URL as prepared; throws (without the URL) when the browser cannot be started. */
export async function openPrepared(url: string, { target, chosen }: PreparedOpen): Promise<void> {
  const { env, look } = target;
  const platform = target.platform ?? process.platform;
  const options = { env, platform, ...(target.spawn ? { spawn: target.spawn } : {}) };
  const failed = (why: string, hint: string): BrowserOpenError =>
    fail(target, `could not open the ${look.label} console: ${why}`, hint);
  if (!chosen) {
    const result = await openUrl(url, {
      ...options,
      ...(target.browser !== undefined ? { browser: target.browser } : {}),
    });
    if (!result.ok) throw failed(result.why, 'fix the browser command');
    return;
  }
  const program = chosen.command.program;
  if (chosen.family === 'firefox') {
    const link = containerUrl({ name: look.label, color: look.color, url, extension: firefoxExtension(env) });
    const why = launchFailure(await launch(browserArgv(chosen.command, link, ['--new-tab']), options), program);
    if (why) throw failed(why, 'run the browser command by hand to see why');
    return;
  }
  const dir = ensureProfileDir(env, look.label, platform);
  const running = profileInUse(dir, platform);
  applyProfileLook(dir, { name: look.label, color: look.color }, platform);
  const flags = [`--user-data-dir=${dir}`, '--no-first-run', '--no-default-browser-check', '--new-window'];
  const before = localStateStamp(dir);
  const outcome = await launch(browserArgv(chosen.command, url, flags), {
    ...options,
    ...(running ? {} : { started: () => profileLocked(dir) }),
  });
  let why = launchFailure(outcome, program);
  // Exit 0 at once is a hand-off to the browser already running on the folder; with none, it opened nothing.
  if (!why && outcome.kind === 'exited' && !running && localStateStamp(dir) === before)
    why = `${program} exited at once without opening a window`;
  if (why) throw failed(why, 'run the browser command by hand to see why');
}

/** When and how big Chromium last wrote the folder's Local State (it writes it whenever it runs there). */
function localStateStamp(dir: string): string {
  const st = statSync(join(dir, 'Local State'), { throwIfNoEntry: false });
  return st ? `${st.mtimeMs}:${st.size}` : '-';
}
