// awsx completion SHELL: completes subcommands, profile names (from a hidden `awsx __complete profiles`
// that only reads the config files: no graph, no AWS) and shell names.
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
/** Subcommands whose first argument is a profile. */
const TARGET_COMMANDS = ['assume', 'exec', 'whoami', 'credential-process', 'use', 'console'];
const SHELL_COMMANDS = ['shell-init', 'completion'];

function bash(commands: string[]): string {
  return `# awsx completion (bash): add  eval "$(awsx completion bash)"  to ~/.bashrc
_awsx_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.join(' ')}" -- "$cur")); return
  fi
  if [ "$prev" = "--profile" ]; then
    COMPREPLY=($(compgen -W "$(command awsx __complete profiles 2>/dev/null)" -- "$cur")); return
  fi
  case "\${COMP_WORDS[1]}" in
    ${TARGET_COMMANDS.join('|')})
      if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "$(command awsx __complete profiles 2>/dev/null)" -- "$cur")); fi ;;
    ${SHELL_COMMANDS.join('|')})
      COMPREPLY=($(compgen -W "bash zsh fish powershell" -- "$cur")) ;;
  esac
}
complete -F _awsx_complete awsx
`;
}

function zsh(commands: string[]): string {
  return `# awsx completion (zsh): add  eval "$(awsx completion zsh)"  to ~/.zshrc, after compinit
_awsx() {
  if (( CURRENT == 2 )); then compadd -- ${commands.join(' ')}; return; fi
  if [[ \${words[CURRENT-1]} == --profile ]]; then compadd -- \${(f)"$(command awsx __complete profiles 2>/dev/null)"}; return; fi
  case \${words[2]} in
    ${TARGET_COMMANDS.join('|')}) (( CURRENT == 3 )) && compadd -- \${(f)"$(command awsx __complete profiles 2>/dev/null)"} ;;
    ${SHELL_COMMANDS.join('|')}) compadd -- bash zsh fish powershell ;;
  esac
}
compdef _awsx awsx
`;
}

function fish(commands: string[]): string {
  return `# awsx completion (fish): add  awsx completion fish | source  to ~/.config/fish/config.fish
complete -c awsx -f
complete -c awsx -n __fish_use_subcommand -a '${commands.join(' ')}'
complete -c awsx -n '__fish_seen_subcommand_from ${TARGET_COMMANDS.join(' ')}' -a '(command awsx __complete profiles 2>/dev/null)'
complete -c awsx -l profile -r -a '(command awsx __complete profiles 2>/dev/null)'
complete -c awsx -n '__fish_seen_subcommand_from ${SHELL_COMMANDS.join(' ')}' -a 'bash zsh fish powershell'
`;
}

export function completionScript(shell: string, commands: string[]): string {
  if (shell === 'bash') return bash(commands);
  if (shell === 'zsh') return zsh(commands);
  if (shell === 'fish') return fish(commands);
  throw new InputError(`no completion for "${shell}"`, { hint: `use one of ${COMPLETION_SHELLS.join(', ')}` });
}

/** Profile names, one a line: the config and credentials files' sections only. */
export async function completeProfiles(env: Env): Promise<number> {
  const { loadAwsFiles } = await import('../../config/load-config.js');
  try {
    process.stdout.write([...loadAwsFiles(env).profiles.keys()].map((n) => `${n}\n`).join(''));
  } catch {
    // completion never prints errors
  }
  return 0;
}
