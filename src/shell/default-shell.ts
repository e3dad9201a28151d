// The shell `awsx exec TARGET` (no CMD) and the picker's `e` start: $SHELL, else /bin/sh. Windows has no
// $SHELL outside Git Bash/MSYS: there it is PowerShell when awsx runs from the PowerShell integration
// (AWSX_SHELL=powershell: pwsh when it is on PATH, else the built-in powershell.exe), else ComSpec (cmd.exe).
import { win32 } from 'node:path';
import type { Env } from '../config/paths.js';
import { onPath } from './clipboard.js';

/** A variable's value; Windows names are case-insensitive (ComSpec, COMSPEC), and a copied env loses that. */
function variable(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name] || undefined;
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase() && env[k]);
  return key === undefined ? undefined : env[key];
}

export function defaultShell(
  env: Env,
  platform: NodeJS.Platform = process.platform,
  has: (name: string) => boolean = (n) => onPath(env, n),
): string {
  const shell = variable(env, 'SHELL', platform);
  if (shell) return shell;
  if (platform !== 'win32') return '/bin/sh';
  if (variable(env, 'AWSX_SHELL', platform) === 'powershell') return has('pwsh.exe') ? 'pwsh.exe' : 'powershell.exe';
  const systemRoot = variable(env, 'SystemRoot', platform) ?? 'C:\\Windows';
  return variable(env, 'ComSpec', platform) ?? win32.join(systemRoot, 'System32', 'cmd.exe');
}
