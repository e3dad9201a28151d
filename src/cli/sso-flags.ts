// Shared pieces of the sso commands: the session selector flags, Ctrl-C as cancellation, progress lines.
import { systemClock } from '../config/clock.js';
import { CancelledError } from '../config/errors.js';
import type { SsoSelector } from '../sso/select.js';

export interface SsoSelectFlags extends SsoSelector {
  ssoAccessToken?: string;
  rate?: string;
  refresh?: boolean;
}

export function selectorOf(flags: SsoSelectFlags): SsoSelector {
  return {
    ...(flags.ssoSession !== undefined ? { ssoSession: flags.ssoSession } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.startUrl !== undefined ? { startUrl: flags.startUrl } : {}),
    ...(flags.ssoRegion !== undefined ? { ssoRegion: flags.ssoRegion } : {}),
  };
}

/** Runs `fn` with a signal that Ctrl-C / SIGTERM abort; an abort becomes a CancelledError (exit 130). */
export async function cancellable<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } catch (error) {
    if (controller.signal.aborted || (error as Error).name === 'AbortError')
      throw new CancelledError(`cancelled while ${what}`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** "n/N accounts" on one rewritten stderr line when stderr is a terminal; nothing otherwise. */
export function progressLine(label: string): { update: (done: number, total: number) => void; end: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, end: () => {} };
  let last = 0;
  let shown = false;
  return {
    update: (done, total) => {
      const now = systemClock.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[2K${label} ${done}/${total} accounts`);
    },
    end: () => {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
