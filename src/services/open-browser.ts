// Opens a URL in a browser: --browser CMD, else $BROWSER, else the platform's opener (the `open` package).
// URLs handed here may be secrets (console sign-in links): they go to the browser's argv, never to a log.
import { spawn } from 'node:child_process';
import type { Env } from '../config/paths.js';
import { withoutHandoff } from './handoff-env.js';

export interface OpenOptions {
  /** A specific browser command (--browser). */
  browser?: string;
  env: Env;
}

/** Whether a browser can plausibly be opened: BROWSER set, or a desktop session that is not over SSH. */
export function canOpenBrowser(env: Env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.BROWSER) return true;
  if (env.SSH_CONNECTION || env.SSH_TTY) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

/** Runs a browser command with the URL: `%s` in the command is replaced, else the URL is appended. */
function runBrowserCommand(command: string, url: string, env: Env): Promise<boolean> {
  return new Promise((resolve) => {
    const quoted = `'${url.replace(/'/g, `'\\''`)}'`;
    const line = command.includes('%s') ? command.replaceAll('%s', quoted) : `${command} ${quoted}`;
    const child = spawn(line, { shell: true, stdio: 'ignore', env: withoutHandoff(env) as NodeJS.ProcessEnv, detached: false });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Opens the URL; resolves false when nothing could open it (the caller then shows the URL instead). */
export async function openUrl(url: string, options: OpenOptions): Promise<boolean> {
  const command = options.browser ?? options.env.BROWSER;
  if (command) {
    // BROWSER may list several commands separated by ':'; the first that works wins.
    for (const candidate of options.browser ? [command] : command.split(':').filter(Boolean)) {
      if (await runBrowserCommand(candidate, url, options.env)) return true;
    }
    return false;
  }
  try {
    const { default: open } = await import('open');
    const child = await open(url, { wait: false });
    return await new Promise((resolve) => {
      child.once('error', () => resolve(false));
      child.once('spawn', () => resolve(true));
      setTimeout(() => resolve(true), 500);
    });
  } catch {
    return false;
  }
}
