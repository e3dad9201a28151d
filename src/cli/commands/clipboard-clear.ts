// Hidden: the detached helper the picker leaves behind after a copy. It waits, then clears the clipboard
// if it still holds the copied text (known only by its sha256, passed in the environment).
import type { Env } from '../../config/paths.js';
import { chooseClipboard, CLEAR_DIGEST_VAR, Clipboard } from '../../shell/clipboard.js';

export async function clearClipboardLater(env: Env, seconds: number): Promise<number> {
  const digest = env[CLEAR_DIGEST_VAR];
  if (!digest || !Number.isFinite(seconds) || seconds < 0) return 2;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  // OSC 52 cannot be cleared (awsx cannot read the terminal's clipboard); native tools and tmux's buffers can.
  await new Clipboard(chooseClipboard(env), { write: () => true }).clear(digest);
  return 0;
}
