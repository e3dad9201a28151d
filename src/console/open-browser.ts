// Opens a URL in a browser: --browser CMD, else $BROWSER (read as Python's webbrowser reads it), else the
// platform's opener (the `open` package: xdg-open, macOS open, PowerShell Start on Windows). Every browser
// is started from an argument vector, never through a shell. URLs handed here may be secrets (console
// sign-in links): they go to the browser's argv, never to a log or an error.
import { spawn as nodeSpawn } from 'node:child_process';
import type { Env } from '../config/paths.js';
import { browserArgv, browserEntries, parseBrowserEntry, parseBrowserFlag } from './browser-command.js';
import { isProgram, programExists, which } from './browser-find.js';
import { withoutHandoff } from '../shell/handoff-env.js';

export interface OpenOptions {
  /** A specific browser command (--browser). */
  browser?: string;
  env: Env;
  platform?: NodeJS.Platform;
  spawn?: Spawn;
  /** Whether a program of that name or path is there (default: on disk or on PATH). */
  exists?: (program: string) => boolean;
}

export type OpenResult = { ok: true } | { ok: false; why: string };

export type Spawn = typeof nodeSpawn;

/** How long a started browser is watched for an early failure before it is left to run. */
export const WATCH_MS = 1000;

/** Whether a browser can plausibly be opened: BROWSER set, or a desktop session that is not over SSH. */
export function canOpenBrowser(env: Env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.BROWSER) return true;
  if (env.SSH_CONNECTION || env.SSH_TTY) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd')
    return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

export type LaunchOutcome =
  | { kind: 'running' }
  | { kind: 'exited'; code: number }
  | { kind: 'signal'; signal: string }
  | { kind: 'not-found' }
  | { kind: 'refused'; code: string };

export interface LaunchOptions {
  env: Env;
  platform?: NodeJS.Platform;
  spawn?: Spawn;
  watchMs?: number;
  /** True once the browser shows it has started (its profile's lock): watching stops early. */
  started?: () => boolean;
}

/**
 * Starts argv[0] with argv[1..] (no shell, detached from awsx's terminal on POSIX) and watches it for
 * `watchMs`: an exit in that time is the outcome; still running (or `started`) means it is up, and it is
 * left running when awsx exits.
 */
export function launch(argv: readonly string[], options: LaunchOptions): Promise<LaunchOutcome> {
  const platform = options.platform ?? process.platform;
  const spawn = options.spawn ?? nodeSpawn;
  return new Promise((resolve) => {
    let child: ReturnType<Spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        stdio: 'ignore',
        detached: platform !== 'win32',
        shell: false,
        windowsHide: false,
        env: withoutCredentials(withoutHandoff(options.env)),
      });
    } catch (error) {
      return resolve({ kind: 'refused', code: (error as NodeJS.ErrnoException).code ?? 'error' });
    }
    let poll: ReturnType<typeof setInterval> | undefined;
    const done = (outcome: LaunchOutcome): void => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      child.removeAllListeners('exit');
      child.unref?.();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ kind: 'running' }), options.watchMs ?? WATCH_MS);
    if (options.started) poll = setInterval(() => options.started!() && done({ kind: 'running' }), 25);
    child.on('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'refused', code: error.code ?? 'error' }),
    );
    child.on('exit', (code, signal) =>
      done(code === null ? { kind: 'signal', signal: signal ?? 'unknown' } : { kind: 'exited', code }),
    );
  });
}

/** Credentials in awsx's environment stay out of a browser that may run for days (and of its children). */
const CREDENTIAL_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
];

export function withoutCredentials(env: Env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of CREDENTIAL_VARS) delete out[name];
  return out;
}

/** The outcome in words for an error line; undefined when the browser is up. */
export function launchFailure(outcome: LaunchOutcome, program: string): string | undefined {
  switch (outcome.kind) {
    case 'running':
      return undefined;
    case 'exited':
      return outcome.code === 0 ? undefined : `${program} exited at once with code ${outcome.code}`;
    case 'signal':
      return `${program} was killed at once by ${outcome.signal}`;
    case 'not-found':
      return `${program} was not found`;
    case 'refused':
      return (
        `${program} could not be started (${outcome.code}` +
        `${outcome.code === 'EINVAL' ? ': a .cmd or .bat file cannot be started without a shell' : ''})`
      );
  }
}

/** Opens the URL; says why not when nothing could (the caller then suggests --print). */
export async function openUrl(url: string, options: OpenOptions): Promise<OpenResult> {
  const { env } = options;
  const platform = options.platform ?? process.platform;
  const launchOptions = { env, platform, ...(options.spawn ? { spawn: options.spawn } : {}) };
  if (options.browser !== undefined) {
    const command = parseBrowserFlag(options.browser, isProgram);
    if (!command) return { ok: false, why: `--browser "${options.browser}" is not a command (unbalanced quotes?)` };
    const why = launchFailure(
      await launch(browserArgv(command, url), launchOptions),
      `--browser command ${command.program}`,
    );
    return why ? { ok: false, why } : { ok: true };
  }
  if (env.BROWSER) {
    // As Python's webbrowser: the entries in order, the first that works wins.
    let why = 'BROWSER names no command';
    const exists = options.exists ?? programExists(env, platform);
    for (const entry of browserEntries(env.BROWSER, platform)) {
      const command = parseBrowserEntry(entry, exists);
      if (!command) continue;
      const failure = launchFailure(
        await launch(browserArgv(command, url), launchOptions),
        `BROWSER command ${command.program}`,
      );
      if (!failure) return { ok: true };
      why = failure;
    }
    return { ok: false, why };
  }
  return systemOpen(url, env, platform);
}

/**
 * The platform's opener through the `open` package. Bundled into dist/awsx.js, that package no longer
 * finds its own copy of xdg-open (it looks next to the bundle) and always runs the system's; so on Linux
 * and the BSDs a missing xdg-open is said as such instead of an opaque failure.
 */
async function systemOpen(url: string, env: Env, platform: NodeJS.Platform): Promise<OpenResult> {
  const xdg = platform !== 'darwin' && platform !== 'win32' && !env.WSL_DISTRO_NAME;
  if (xdg && !which('xdg-open', env, platform))
    return { ok: false, why: 'xdg-open is not installed (package xdg-utils)' };
  try {
    const { default: open } = await import('open');
    const child = await open(url, { wait: false });
    const outcome = await new Promise<LaunchOutcome>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'running' }), WATCH_MS);
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(error.code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'refused', code: error.code ?? 'error' });
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code === null ? { kind: 'signal', signal: signal ?? 'unknown' } : { kind: 'exited', code });
      });
    });
    const why = launchFailure(outcome, xdg ? 'xdg-open' : 'the system opener');
    return why ? { ok: false, why } : { ok: true };
  } catch (error) {
    return { ok: false, why: `the system opener failed (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
