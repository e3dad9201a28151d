// Hidden: the detached helper the picker leaves behind after a copy. It waits, then clears the clipboard
// if it still holds the copied text (known only by its sha256, passed in the environment).
import type { Env } from '../../config/paths.js';
import { chooseClipboard, CLEAR_DIGEST_VAR, clearTmuxBuffers, Clipboard } from '../../services/clipboard.js';

export async function clearClipboardLater(env: Env, seconds: number): Promise<number> {
  const digest = env[CLEAR_DIGEST_VAR];
  if (!digest || !Number.isFinite(seconds) || seconds < 0) return 2;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const method = chooseClipboard(env);
  if (method.kind === 'native') await new Clipboard(method, { write: () => true }).clear(digest);
  else if (method.tmux) await clearTmuxBuffers(digest);
  // Plain OSC 52 (no tmux) cannot be reached once the picker has given the terminal back.
  return 0;
}
