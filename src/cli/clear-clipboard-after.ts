// How long a secret copied by the picker or by awsx console stays on the clipboard: AWSX_CLEAR_CLIPBOARD_AFTER
// seconds (0: never cleared), 60 by default.
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';

export const CLEAR_CLIPBOARD_VAR = 'AWSX_CLEAR_CLIPBOARD_AFTER';
export const DEFAULT_CLEAR_CLIPBOARD_AFTER = 60;

export function clearClipboardAfter(env: Env): number {
  const raw = env[CLEAR_CLIPBOARD_VAR];
  if (raw === undefined || raw === '') return DEFAULT_CLEAR_CLIPBOARD_AFTER;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) {
    throw new InputError(`--clear-clipboard-after "${raw}" is not a number of seconds`, {
      hint: 'use 0 (never) to 86400; the default is 60',
    });
  }
  return seconds;
}
