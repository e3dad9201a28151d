// awsx shell-init SHELL: a function named awsx that runs the real awsx with a private hand-off file, then
// loads what awsx left there into the current shell. eval it from the shell's start-up file.
import { InputError } from '../../config/errors.js';
import { SHELLS, type Shell } from '../../services/shell-handoff.js';

const posix = (shell: 'bash' | 'zsh', run: string): string => `# awsx shell integration (${shell}): add  eval "$(awsx shell-init ${shell})"  to ~/.${shell}rc
# awsx (the picker's Enter) and awsx use TARGET then set AWS_* in this shell; awsx use --unset clears them.
# The keys travel through a file in a private (0700) folder made for each run, never through a shared one.
awsx() {
  local __awsx_dir __awsx_rc
  __awsx_dir="$(umask 077 && mktemp -d "\${TMPDIR:-/tmp}/awsx.XXXXXXXX")" || return 1
  AWSX_HANDOFF="$__awsx_dir/handoff" AWSX_SHELL=${shell} ${run} "$@"
  __awsx_rc=$?
  if [ -f "$__awsx_dir/handoff" ]; then . "$__awsx_dir/handoff"; fi
  rm -rf "$__awsx_dir"
  return $__awsx_rc
}
`;

const fish = (run: string): string => `# awsx shell integration (fish): add  awsx shell-init fish | source  to ~/.config/fish/config.fish
function awsx --description 'awsx, setting AWS_* in this shell'
    set -l __awsx_base /tmp
    set -q TMPDIR; and test -n "$TMPDIR"; and set __awsx_base $TMPDIR
    set -l __awsx_dir (mktemp -d "$__awsx_base/awsx.XXXXXXXX"); or return 1
    chmod 700 $__awsx_dir
    AWSX_HANDOFF="$__awsx_dir/handoff" AWSX_SHELL=fish ${run} $argv
    set -l __awsx_rc $status
    test -f "$__awsx_dir/handoff"; and source "$__awsx_dir/handoff"
    rm -rf $__awsx_dir
    return $__awsx_rc
end
`;

const powershell = (run: string): string => `# awsx shell integration (PowerShell): add  awsx shell-init powershell | Out-String | Invoke-Expression  to $PROFILE
function awsx {
  $awsxDir = Join-Path ([System.IO.Path]::GetTempPath()) ('awsx.' + [System.Guid]::NewGuid().ToString('N'))
  $null = New-Item -ItemType Directory -Path $awsxDir
  if (-not $IsWindows) { chmod 700 $awsxDir }
  $awsxFile = Join-Path $awsxDir 'handoff.ps1'
  $env:AWSX_HANDOFF = $awsxFile; $env:AWSX_SHELL = 'powershell'
  try { ${run} @args; $awsxRc = $LASTEXITCODE }
  finally { Remove-Item Env:AWSX_HANDOFF, Env:AWSX_SHELL -ErrorAction SilentlyContinue }
  if (Test-Path $awsxFile) { . $awsxFile }
  Remove-Item -Recurse -Force $awsxDir
  $global:LASTEXITCODE = $awsxRc
}
`;

/** The script for SHELL; `command` is how the function reaches the real awsx (default: awsx on PATH). */
export function shellInitScript(shell: Shell, command?: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return posix(shell, command ?? 'command awsx');
    case 'fish':
      return fish(command ?? 'command awsx');
    case 'powershell':
      return powershell(command ? `& ${command}` : '& (Get-Command awsx -CommandType Application | Select-Object -First 1)');
  }
}

export async function shellInitCommand(shell: string, flags: { command?: string }): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new InputError(`no shell integration for "${shell}"`, { hint: `use one of ${SHELLS.join(', ')}` });
  process.stdout.write(shellInitScript(shell as Shell, flags.command));
  return 0;
}
