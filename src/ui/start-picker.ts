// Entry of the picker, free of React so it can set up colours before Ink (and chalk) load: the picker
// draws on stderr, so colour support is decided by stderr, not by a stdout the shell may capture.
import type { Env } from '../config/paths.js';
import type { PickerRunOptions, PickerResult } from './run-picker.js';
import { withoutGlobalFetch } from './without-fetch.js';

function stderrColorLevel(): number {
  const err = process.stderr;
  if (!err.isTTY || typeof err.hasColors !== 'function') return 0;
  if (err.hasColors(2 ** 24)) return 3;
  if (err.hasColors(256)) return 2;
  return err.hasColors() ? 1 : 0;
}

export async function startPicker(env: Env, options: Omit<PickerRunOptions, 'env'>): Promise<PickerResult> {
  if (process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = String(stderrColorLevel());
  const { runPicker } = await withoutGlobalFetch(() => import('./run-picker.js'));
  return runPicker({ env, ...options });
}
