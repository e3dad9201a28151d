// The one line that sets up awsx's shell integration for the user's shell, and where it goes; and whether
// Enter in the picker can hand a session to the calling shell at all (the integration's hand-off file, or
// stdout captured by `eval "$(awsx)"`). Without either, the picker offers the setup and prints no keys.
import type { Env } from '../config/paths.js';
import { handoffTarget } from './handoff.js';
import { userShell } from './user-shell.js';

export interface ShellSetup {
  shell: string;
  /** The line to add, e.g. eval "$(awsx shell-init bash)". */
  line: string;
  /** The start-up file it goes in. */
  rc: string;
}

export function shellSetupFor(env: Env): ShellSetup {
  const shell = userShell(env);
  switch (shell) {
    case 'fish':
      return { shell, line: 'awsx shell-init fish | source', rc: '~/.config/fish/config.fish' };
    case 'powershell':
      return { shell, line: 'awsx shell-init powershell | Out-String | Invoke-Expression', rc: '$PROFILE' };
    default:
      return { shell, line: `eval "$(awsx shell-init ${shell})"`, rc: shell === 'zsh' ? '~/.zshrc' : '~/.bashrc' };
  }
}

/** The setup to offer when Enter cannot hand off: no hand-off file and stdout is a terminal; else undefined. */
export function enterNeedsSetup(env: Env, stdout: { isTTY?: boolean }): ShellSetup | undefined {
  return handoffTarget(env) || !stdout.isTTY ? undefined : shellSetupFor(env);
}
