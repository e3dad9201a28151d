// Hands a session to the calling shell. The shell function from `awsx shell-init` makes a private 0700
// folder, names a file in it in AWSX_HANDOFF, a random nonce in AWSX_HANDOFF_NONCE and its own kind in
// AWSX_SHELL, for its own call of awsx only; then it sources the file only when its first line carries that
// nonce, and deletes the folder. awsx creates the file itself (0600, whole or not at all, never over anything
// already there) after checking the folder is private to this user, and no child awsx runs (exec's command, the
// picker's subshell, a credential_process) ever sees those variables: nothing else can plant commands there.
import { lstatSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { createExclusiveSync } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import { currentPlatform, hasPosixOwners, type Platform } from '../config/platform.js';
import type { Session } from '../credentials/engine.js';
import { renderShell, SESSION_VARIABLE_NAMES } from '../credentials/export-format.js';
import { HANDOFF_NONCE_VAR, HANDOFF_VAR } from './handoff-env.js';
import { AWSX_VARIABLE_NAMES, handoffExtras, identityOf, unsetShellProfileLine } from './prompt-variables.js';
import { formatFor, type Shell } from './user-shell.js';
/** Variables that would override or outlive the handed-over identity. */
const STALE = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN'];
/** Everything awsx sets, for `awsx use --unset`. */
const SET_BY_AWSX = [...SESSION_VARIABLE_NAMES, ...AWSX_VARIABLE_NAMES];

const quote = {
  posix: (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`,
  fish: (v: string): string => `'${v.replace(/[\\']/g, '\\$&')}'`,
  powershell: (v: string): string => `'${v.replace(/'/g, "''")}'`,
};

function unsetLines(shell: Shell, names: string[]): string {
  if (shell === 'fish') return `set -e ${names.join(' ')}\n`;
  if (shell === 'powershell') return names.map((n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue\n`).join('');
  return `unset ${names.join(' ')}\n`;
}

function setLine(shell: Shell, name: string, value: string): string {
  if (shell === 'fish') return `set -gx ${name} ${quote.fish(value)}\n`;
  if (shell === 'powershell') return `$Env:${name}=${quote.powershell(value)}\n`;
  return `export ${name}=${quote.posix(value)}\n`;
}

const WRITER = { set: setLine, unset: unsetLines };

/**
 * Lines that give the shell the session: unset what would override it, set every AWS_* variable, then the
 * region bookkeeping and the variables prompts read (prompt-variables.ts); ENV is the shell's environment.
 */
export function handoffScript(session: Session, shell: Shell, env: Env = {}): string {
  const extras = handoffExtras(identityOf(session), shell, env, WRITER);
  return (
    unsetLines(shell, STALE) +
    renderShell(session, formatFor(shell)) +
    extras +
    setLine(shell, 'AWSX_IDENTITY', session.label)
  );
}

/** `extra`: more variables to clear, e.g. AWS_PROFILE when it names a profile of `use --refreshable`. */
export function unsetScript(shell: Shell, extra: readonly string[] = []): string {
  return unsetShellProfileLine(shell) + unsetLines(shell, [...SET_BY_AWSX, ...extra]);
}

/** Variables that would win over AWS_PROFILE (keys in the environment come first in every SDK). */
const OVERRIDE_PROFILE = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_DEFAULT_PROFILE',
];

/** `awsx use --refreshable`: point the shell at PROFILE, whose credential_process keeps it supplied. */
export function refreshableScript(
  shell: Shell,
  profile: string,
  label: string,
  region: string | undefined,
  env: Env = {},
): string {
  let out = unsetLines(shell, OVERRIDE_PROFILE) + setLine(shell, 'AWS_PROFILE', profile);
  if (region) out += setLine(shell, 'AWS_REGION', region) + setLine(shell, 'AWS_DEFAULT_REGION', region);
  out += handoffExtras({ label, ...(region ? { region } : {}) }, shell, env, WRITER, false);
  return out + setLine(shell, 'AWSX_IDENTITY', label);
}

export interface Handoff {
  path: string;
  nonce: string;
}

const NONCE = /^[A-Za-z0-9]{16,128}$/;

/** The hand-off the shell function asked for: undefined without one (or from a function too old to check it). */
export function handoffTarget(env: Env): Handoff | undefined {
  const path = env[HANDOFF_VAR];
  const nonce = env[HANDOFF_NONCE_VAR];
  return path && nonce && NONCE.test(nonce) ? { path, nonce } : undefined;
}

/** AWSX_HANDOFF set by a shell function that does not check a nonce (an older awsx's shell-init). */
export function oldShellFunction(env: Env): boolean {
  return Boolean(env[HANDOFF_VAR]) && handoffTarget(env) === undefined;
}

/** The first line of every hand-off file: the shell function sources the file only when it matches. */
export function handoffHeader(nonce: string): string {
  return `# awsx-handoff ${nonce}\n`;
}

/** Throws unless PATH sits in a folder only this user can enter, and is not a link (owners and modes: POSIX only). */
export function checkHandoffPath(path: string, platform: Platform = currentPlatform()): void {
  const refuse = (why: string): never => {
    throw new InputError(`refusing the shell hand-off file ${path}: ${why}`, {
      hint: 're-run eval "$(awsx shell-init SHELL)" so the shell function makes a private folder',
    });
  };
  if (!isAbsolute(path)) refuse('it is not an absolute path');
  let dir;
  try {
    dir = lstatSync(dirname(path));
  } catch {
    return refuse('its folder does not exist');
  }
  if (!dir.isDirectory()) refuse('its folder is not a directory');
  if (hasPosixOwners(platform)) {
    if (dir.uid !== platform.uid) refuse('its folder belongs to another user');
    if ((dir.mode & 0o077) !== 0) refuse(`its folder is readable by others (mode ${(dir.mode & 0o777).toString(8)})`);
  }
  try {
    const file = lstatSync(path);
    if (!file.isFile()) refuse('it is not a regular file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function writeHandoff(target: Handoff, script: string, platform: Platform = currentPlatform()): void {
  checkHandoffPath(target.path, platform);
  createExclusiveSync(target.path, handoffHeader(target.nonce) + script, platform);
}
