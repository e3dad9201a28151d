// bash in a tmux session for end-to-end tests: a known prompt, no history file, and (unless told not to)
// awsx's shell integration; then the picker opened from it.
import { startTmux, type Tmux } from './tmux.js';

export const PROMPT = 'E2E$ ';

/** Waits until the shell's prompt is the last thing on the screen. */
export const atPrompt = (t: Tmux, what = 'the prompt'): Promise<string> =>
  t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), what);

export async function startBash(options: {
  width: number;
  height: number;
  env: NodeJS.ProcessEnv;
  integration?: boolean;
}): Promise<Tmux> {
  const env = {
    ...options.env,
    TERM: 'xterm-256color',
    PS1: PROMPT,
    HISTFILE: '/dev/null',
    AWSX_CLEAR_CLIPBOARD_AFTER: '0',
  };
  const tmux = await startTmux({
    width: options.width,
    height: options.height,
    env,
    command: 'bash --norc --noprofile',
  });
  await tmux.type(
    `PS1='${PROMPT}'; ${options.integration === false ? '' : 'eval "$(awsx shell-init bash)"; '}clear`,
    true,
  );
  await atPrompt(tmux);
  return tmux;
}

/** Runs `command` (awsx and its arguments) and waits for the picker's whole first frame over `rows` rows. */
export async function openPicker(t: Tmux, rows: number, command = 'awsx'): Promise<string> {
  await t.type(command, true);
  // a frame can be captured half drawn: wait for its first and last lines
  return t.waitFor((s) => new RegExp(`^awsx ${rows} /`, 'm').test(s) && /q quit\s*$/m.test(s), 'the picker');
}
