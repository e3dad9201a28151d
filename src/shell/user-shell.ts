// The shells awsx integrates with (awsx shell-init), the one the user runs, and the export format it reads.
import type { Env } from '../config/paths.js';
import { HANDOFF_SHELL_VAR } from './handoff-env.js';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export function isShell(name: string | undefined): name is Shell {
  return (SHELLS as readonly string[]).includes(name ?? '');
}

/** The shell the user runs, from AWSX_SHELL (set by the shell function), else $SHELL; bash by default. */
export function userShell(env: Env): Shell {
  if (isShell(env[HANDOFF_SHELL_VAR])) return env[HANDOFF_SHELL_VAR];
  // Either separator and an .exe: SHELL may be a Windows path (Git Bash, MSYS).
  const base = ((env.SHELL ?? '').split(/[\\/]/).pop() ?? '').replace(/\.exe$/i, '');
  if (base === 'fish') return 'fish';
  if (base === 'zsh') return 'zsh';
  if (base === 'pwsh' || base === 'powershell') return 'powershell';
  return 'bash';
}

export function formatFor(shell: Shell): 'env' | 'fish' | 'powershell' {
  return shell === 'fish' ? 'fish' : shell === 'powershell' ? 'powershell' : 'env';
}
