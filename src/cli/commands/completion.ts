// awsx completion SHELL: a script for bash, zsh, fish or PowerShell that asks `awsx __complete INDEX WORD...`
// (src/cli/complete.ts) what may come at the cursor and offers it: subcommands, flags with their
// descriptions, and values (profiles, formats, sso-sessions, regions, shells). `:files` asks the shell for
// its own file completion (exec's CMD, --save-to-file).
import { InputError } from '../../config/errors.js';
import type { Command } from 'commander';
import type { AwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;

// bash splits words at ':' and '=' (COMP_WORDBREAKS), so arn:aws:iam::... arrives in pieces: the words are
// joined again where the line has no space between them, and the answers trimmed to the piece being
// replaced. bash-completion's _get_comp_words_by_ref does the same; it is not always installed.
const BASH = `# awsx completion (bash): add  eval "$(awsx completion bash)"  to ~/.bashrc
_awsx_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" word rest i skipped
  local -a words=()
  for ((i = 0; i <= COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    rest="\${line#"\${line%%[![:space:]]*}"}"
    skipped=$(( \${#line} - \${#rest} ))
    line="$rest"
    [ "\${#word}" -gt "\${#line}" ] && word="$line"
    line="\${line:\${#word}}"
    if [ "$i" -gt 0 ] && [ "$skipped" -eq 0 ] && [ "\${#words[@]}" -gt 0 ]; then
      words[\${#words[@]}-1]+="$word"
    else
      words+=("$word")
    fi
  done
  local cur="\${words[\${#words[@]}-1]}" piece="\${COMP_WORDS[COMP_CWORD]}" prefix value
  case "$piece" in :|=) piece= ;; esac
  prefix="\${cur%"$piece"}"
  COMPREPLY=()
  while IFS= read -r value; do
    if [ "$value" = ":files" ]; then compopt -o default 2>/dev/null; continue; fi
    value="\${value%%$'\\t'*}"
    COMPREPLY+=("\${value#"$prefix"}")
  done < <(command awsx __complete "$(( \${#words[@]} - 1 ))" "\${words[@]:1}" 2>/dev/null)
}
complete -F _awsx_complete awsx
`;

const ZSH = `# awsx completion (zsh): add  eval "$(awsx completion zsh)"  to ~/.zshrc, after compinit
_awsx() {
  local line value
  local -a values shown
  for line in "\${(@f)$(command awsx __complete $(( CURRENT - 1 )) "\${(@)words[2,CURRENT]}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    if [[ $line == :files ]]; then _files; continue; fi
    value=\${line%%$'\\t'*}
    values+=("$value")
    if [[ $line == *$'\\t'* ]]; then shown+=("$value  -- \${line#*$'\\t'}"); else shown+=("$value"); fi
  done
  (( \${#values} )) && compadd -l -d shown -a values
}
compdef _awsx awsx
`;

const FISH = `# awsx completion (fish): add  awsx completion fish | source  to ~/.config/fish/config.fish
function __awsx_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l index (math (count $words) + 1)
    for line in (command awsx __complete $index $words (commandline -ct) 2>/dev/null)
        if test "$line" = ":files"
            __fish_complete_path (commandline -ct)
        else
            echo $line
        end
    end
end
complete -c awsx -f -k -a '(__awsx_complete)'
`;

const POWERSHELL = `# awsx completion (PowerShell): add this line to $PROFILE:
#   awsx completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName awsx -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $before = $commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition }
  $words = @($before | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
  # An empty word cannot be passed to a program in Windows PowerShell: the index says where the cursor is.
  $index = if ($wordToComplete -eq '') { $words.Count + 1 } else { $words.Count }
  $app = Get-Command awsx -CommandType Application | Select-Object -First 1
  foreach ($line in @(& $app __complete $index @words 2>$null)) {
    if ($line -eq ':files' -or $line -eq '') { continue }
    $value, $description = $line -split "\`t", 2
    $text = if ($value -match '[\\s''"$\`;(){}@,&|<>#]') { "'" + ($value -replace "'", "''") + "'" } else { $value }
    if (-not $description) { $description = $value }
    [System.Management.Automation.CompletionResult]::new($text, $value, 'ParameterValue', $description)
  }
}
`;

export function completionScript(shell: string): string {
  if (shell === 'bash') return BASH;
  if (shell === 'zsh') return ZSH;
  if (shell === 'fish') return FISH;
  if (shell === 'powershell') return POWERSHELL;
  throw new InputError(`no completion for "${shell}"`, { hint: `use one of ${COMPLETION_SHELLS.join(', ')}` });
}

/** `awsx __complete INDEX WORD...`: reads only the config files (no graph, no AWS), never fails aloud. */
export async function completeCommand(program: Command, words: string[], env: Env): Promise<number> {
  const [engine, files, formats, regions, shells, kinds] = await Promise.all([
    import('../complete.js'),
    import('../../config/load-config.js'),
    import('../../credentials/export-format.js'),
    import('../../config/regions.js'),
    import('../../shell/user-shell.js'),
    import('../../config/profile-kinds.js'),
  ]);
  const [index, ...rest] = words;
  let loaded: AwsFiles | undefined;
  const read = (): AwsFiles | undefined => {
    try {
      loaded ??= files.loadAwsFiles(env);
    } catch {
      // completion never prints errors
    }
    return loaded;
  };
  const answer = engine.complete(program, Number(index) || rest.length, rest, {
    profiles: () => [...(read()?.profiles.keys() ?? [])],
    ssoSessions: () => [...(read()?.ssoSessions.keys() ?? [])],
    regions: regions.knownRegions,
    formats: formats.FORMAT_NAMES,
    shells: shells.SHELLS,
    credentialSources: kinds.CREDENTIAL_SOURCES,
  });
  process.stdout.write(engine.completionLines(answer));
  return 0;
}
