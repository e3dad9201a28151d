// awsx shell-init SHELL: a function named awsx that runs the real awsx with a private hand-off file, then
// loads what awsx left there into the current shell. eval it from the shell's start-up file.
import { InputError } from '../../config/errors.js';
import { SHELLS, type Shell } from '../../shell/user-shell.js';

const posix = (
  shell: 'bash' | 'zsh',
  run: string,
): string => `# awsx shell integration (${shell}): add  eval "$(awsx shell-init ${shell})"  to ~/.${shell}rc
# awsx (the picker's Enter) and awsx use TARGET then set AWS_* in this shell; awsx use --unset clears them.
# The keys travel through a file in a private (0700) folder made for each run ($XDG_RUNTIME_DIR, else $TMPDIR),
# sourced only when it carries this run's random nonce, so no other program can plant commands in it.
awsx() {
  local __awsx_dir __awsx_nonce __awsx_rc
  __awsx_dir="$(umask 077 && mktemp -d "\${XDG_RUNTIME_DIR:-\${TMPDIR:-/tmp}}/awsx.XXXXXXXX")" || return 1
  __awsx_nonce="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')"
  AWSX_HANDOFF="$__awsx_dir/handoff" AWSX_HANDOFF_NONCE="$__awsx_nonce" AWSX_SHELL=${shell} ${run} "$@"
  __awsx_rc=$?
  if [ -f "$__awsx_dir/handoff" ] && [ "$(head -n 1 "$__awsx_dir/handoff")" = "# awsx-handoff $__awsx_nonce" ]; then
    . "$__awsx_dir/handoff"
  fi
  rm -rf "$__awsx_dir"
  return $__awsx_rc
}
`;

const fish = (
  run: string,
): string => `# awsx shell integration (fish): add  awsx shell-init fish | source  to ~/.config/fish/config.fish
function awsx --description 'awsx, setting AWS_* in this shell'
    set -l __awsx_base /tmp
    set -q TMPDIR; and test -n "$TMPDIR"; and set __awsx_base $TMPDIR
    set -q XDG_RUNTIME_DIR; and test -n "$XDG_RUNTIME_DIR"; and set __awsx_base $XDG_RUNTIME_DIR
    set -l __awsx_dir (mktemp -d "$__awsx_base/awsx.XXXXXXXX"); or return 1
    chmod 700 $__awsx_dir
    set -l __awsx_nonce (od -An -N16 -tx1 /dev/urandom | string join '' | string replace -a ' ' '')
    AWSX_HANDOFF="$__awsx_dir/handoff" AWSX_HANDOFF_NONCE="$__awsx_nonce" AWSX_SHELL=fish ${run} $argv
    set -l __awsx_rc $status
    if test -f "$__awsx_dir/handoff"
        set -l __awsx_first (head -n 1 "$__awsx_dir/handoff")
        test "$__awsx_first" = "# awsx-handoff $__awsx_nonce"; and source "$__awsx_dir/handoff"
    end
    rm -rf $__awsx_dir
    return $__awsx_rc
end
`;

const PS_HEADER =
  '# awsx shell integration (PowerShell): ' +
  'add  awsx shell-init powershell | Out-String | Invoke-Expression  to $PROFILE';
/** Sources the hand-off only when its first line carries this call's nonce. */
const PS_SOURCE_HANDOFF =
  'if ((Test-Path $awsxFile) -and ' +
  '((Get-Content -LiteralPath $awsxFile -TotalCount 1) -eq "# awsx-handoff $awsxNonce")) { . $awsxFile }';

const powershell = (run: string): string => `${PS_HEADER}
function awsx {
  $awsxBase = if ($env:XDG_RUNTIME_DIR) { $env:XDG_RUNTIME_DIR } else { [System.IO.Path]::GetTempPath() }
  $awsxDir = Join-Path $awsxBase ('awsx.' + [System.Guid]::NewGuid().ToString('N'))
  $null = New-Item -ItemType Directory -Path $awsxDir
  if (-not $IsWindows) { chmod 700 $awsxDir }
  $awsxFile = Join-Path $awsxDir 'handoff.ps1'
  $awsxNonce = [System.Guid]::NewGuid().ToString('N')
  $env:AWSX_HANDOFF = $awsxFile; $env:AWSX_HANDOFF_NONCE = $awsxNonce; $env:AWSX_SHELL = 'powershell'
  try { ${run} @args; $awsxRc = $LASTEXITCODE }
  finally { Remove-Item Env:AWSX_HANDOFF, Env:AWSX_HANDOFF_NONCE, Env:AWSX_SHELL -ErrorAction SilentlyContinue }
  ${PS_SOURCE_HANDOFF}
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
      return powershell(
        command ? `& ${command}` : '& (Get-Command awsx -CommandType Application | Select-Object -First 1)',
      );
  }
}

export function shellInitCommand(shell: string, flags: { command?: string }): number {
  if (!(SHELLS as readonly string[]).includes(shell))
    throw new InputError(`no shell integration for "${shell}"`, { hint: `use one of ${SHELLS.join(', ')}` });
  process.stdout.write(shellInitScript(shell as Shell, flags.command));
  return 0;
}
