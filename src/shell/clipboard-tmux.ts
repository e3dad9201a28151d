// Copying inside tmux: ask tmux how it is set (set-clipboard, allow-passthrough), then hand the text to
// `tmux load-buffer -w -`, which puts it in tmux's paste buffer (where `tmux show-buffer` and prefix ] find
// it) and, where tmux can, on to the outer terminal's clipboard. The buffer is known for sure; the outer
// clipboard is not. Clearing deletes only buffers that still hold the copied text.
import { createHash } from 'node:crypto';

export type Runner = (argv: string[], input?: string) => Promise<{ code: number; stdout: string }>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface TmuxSettings {
  /** on | external | off (tmux's default: external). */
  setClipboard: string;
  /** on | all | off (tmux 3.3+; absent before: off). */
  allowPassthrough: string;
}

/** tmux's global settings that decide where a copy goes beyond its own buffer. */
export async function tmuxSettings(run: Runner): Promise<TmuxSettings> {
  const value = async (name: string): Promise<string> => {
    const r = await run(['tmux', 'show-options', '-gv', name]);
    return r.code === 0 ? r.stdout.trim() : 'off';
  };
  const [setClipboard, allowPassthrough] = await Promise.all([value('set-clipboard'), value('allow-passthrough')]);
  return { setClipboard, allowPassthrough };
}

/**
 * Loads `text` into a new tmux paste buffer (also sent to the outer clipboard where tmux can: -w, tmux 3.2+;
 * without -w on an older tmux). Returns the buffer's name, checked to hold the text; undefined when tmux
 * could not be reached or the buffer does not hold it.
 */
export async function loadTmuxBuffer(text: string, run: Runner): Promise<string | undefined> {
  let loaded = await run(['tmux', 'load-buffer', '-w', '-'], text);
  if (loaded.code !== 0) loaded = await run(['tmux', 'load-buffer', '-'], text);
  if (loaded.code !== 0) return undefined;
  const digest = sha256(text);
  const list = await run(['tmux', 'list-buffers', '-F', '#{buffer_name}']);
  // Newest first: the first buffer that holds the text is the one just loaded.
  for (const name of list.code === 0 ? list.stdout.split('\n').filter(Boolean) : []) {
    const shown = await run(['tmux', 'show-buffer', '-b', name]);
    if (shown.code === 0 && sha256(shown.stdout) === digest) return name;
  }
  return undefined;
}

/** Deletes the tmux paste buffers that still hold the copied text (by its sha256); how many it deleted. */
export async function clearTmuxBuffers(digest: string, run: Runner): Promise<number> {
  const list = await run(['tmux', 'list-buffers', '-F', '#{buffer_name}']);
  if (list.code !== 0) return 0;
  let deleted = 0;
  for (const name of list.stdout.split('\n').filter(Boolean)) {
    const shown = await run(['tmux', 'show-buffer', '-b', name]);
    if (shown.code === 0 && sha256(shown.stdout) === digest) {
      await run(['tmux', 'delete-buffer', '-b', name]);
      deleted++;
    }
  }
  return deleted;
}
