// bash in a tmux session for end-to-end tests: a known prompt, no history file, and (unless told not to)
// awsx's shell integration; then the picker opened from it.
import { afterEach, beforeEach } from 'vitest';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, type StsWorld } from '../helpers/sts-world.js';
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

/**
 * Per test: a sandbox with the standard profiles pointed at the STS world, with awsx on its PATH, and bash in
 * tmux started by `bash()`; tmux is killed and the sandbox removed after each test.
 */
export function useBashWithAwsx(world: () => StsWorld): {
  sandbox: () => Sandbox;
  bash: (width: number, height: number, integration?: boolean) => Promise<Tmux>;
} {
  let sb: Sandbox | undefined;
  let tmux: Tmux | undefined;
  beforeEach(() => {
    world().front.forgetUsedCodes();
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    putAwsxOnPath(sb);
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb?.cleanup();
  });
  return {
    sandbox: () => sb!,
    bash: async (width, height, integration = true) =>
      (tmux = await startBash({ width, height, env: sb!.env, integration })),
  };
}
