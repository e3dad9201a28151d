// What prompts read to show the identity and its expiry, set by `awsx use` (and exec, for CMD):
// - starship's aws module (a separate process: it sees exported variables only) reads the profile from
//   AWSU_PROFILE first (then AWS_VAULT, AWSUME_PROFILE, AWS_PROFILE, AWS_SSO_PROFILE) and the expiry from
//   AWS_CREDENTIAL_EXPIRATION, AWS_SESSION_EXPIRATION or AWSUME_EXPIRATION. No SDK reads AWSU_PROFILE or
//   AWS_SESSION_EXPIRATION, so they change no credentials (awsu, whose name it is, is long unmaintained).
// - oh-my-zsh's aws_prompt_info and powerlevel10k run inside the shell and read $AWS_PROFILE. Exported, it
//   would win over the keys in the JS SDK v3 (which skips environment keys when AWS_PROFILE is set), so it is
//   a shell variable that is NOT exported: the prompt sees it, no child process (no SDK) ever does.
import type { Env } from '../config/paths.js';
import type { Session } from '../credentials/engine.js';
import { isoSeconds, SESSION_VARIABLE_NAMES, shellLines, type ShellFormat } from '../credentials/export-format.js';
import { AWSX_REGION_VARIABLE, userEnvRegion } from '../credentials/session-region.js';
import type { Shell } from './user-shell.js';

export const PROMPT_PROFILE_VARIABLE = 'AWSU_PROFILE';
export const PROMPT_EXPIRATION_VARIABLE = 'AWS_SESSION_EXPIRATION';
/** awsx's own variables (the AWS ones aside), for --unset. */
export const AWSX_VARIABLE_NAMES = [
  'AWSX_IDENTITY',
  AWSX_REGION_VARIABLE,
  PROMPT_PROFILE_VARIABLE,
  PROMPT_EXPIRATION_VARIABLE,
];

/** What the prompt variables describe: a session, or the identity behind a `use --refreshable` profile. */
export interface PromptIdentity {
  label: string;
  region?: string;
  expiration?: Date;
}

export const identityOf = (session: Session): PromptIdentity => ({
  label: session.label,
  ...(session.region ? { region: session.region } : {}),
  ...(session.credentials.expiration ? { expiration: session.credentials.expiration } : {}),
});

/** The exported prompt variables: name and expiry (undefined: to be unset). */
export function promptVariables(identity: PromptIdentity): Array<[string, string | undefined]> {
  return [
    [PROMPT_PROFILE_VARIABLE, identity.label],
    [PROMPT_EXPIRATION_VARIABLE, identity.expiration ? isoSeconds(identity.expiration) : undefined],
  ];
}

const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

/**
 * AWS_PROFILE=LABEL as a shell variable only, after the hand-off has unset the exported one: a plain
 * assignment is not exported, except under `set -a` (allexport), which is paused for it. PowerShell has
 * none: its $Env: is the process environment.
 */
export function shellProfileLine(shell: Shell, label: string): string {
  if (shell === 'fish') return `set -g AWS_PROFILE '${label.replace(/[\\']/g, '\\$&')}'\n`;
  if (shell === 'powershell') return '';
  return `case $- in *a*) set +a; AWS_PROFILE=${quote(label)}; set -a ;; *) AWS_PROFILE=${quote(label)} ;; esac\n`;
}

/** Removes the shell-only AWS_PROFILE when it is awsx's (it names AWSX_IDENTITY); run before AWSX_IDENTITY goes. */
export function unsetShellProfileLine(format: ShellFormat | Shell): string {
  if (format === 'fish') return 'if test "$AWS_PROFILE" = "$AWSX_IDENTITY"; set -e AWS_PROFILE; end\n';
  const posix = format === 'env' || format === 'bash' || format === 'zsh';
  if (posix) return 'if [ "${AWS_PROFILE-}" = "${AWSX_IDENTITY-}" ]; then unset AWS_PROFILE; fi\n';
  return '';
}

/** `assume --unset` in FORMAT: every variable awsx's lines or `awsx use` set; undefined when FORMAT cannot unset. */
export function renderUnset(format: ShellFormat): string | undefined {
  const unset = shellLines(format).unset;
  if (!unset) return undefined;
  const names = [...SESSION_VARIABLE_NAMES, ...AWSX_VARIABLE_NAMES];
  return unsetShellProfileLine(format) + names.map((n) => `${unset(n)}\n`).join('');
}

export interface ShellWriter {
  set: (shell: Shell, name: string, value: string) => string;
  unset: (shell: Shell, names: string[]) => string;
}

/**
 * The hand-off's lines after the credentials: AWSX_REGION names the region when awsx chose it (so the next
 * identity is not held to it), and a region awsx set for an earlier identity goes when this one has none;
 * then the prompt variables.
 */
export function handoffExtras(
  identity: PromptIdentity,
  shell: Shell,
  env: Env,
  write: ShellWriter,
  shellProfile = true,
): string {
  let out = '';
  const earlier = env[AWSX_REGION_VARIABLE];
  const chosenByAwsx = identity.region && identity.region !== userEnvRegion(env)?.region;
  if (identity.region && chosenByAwsx) out += write.set(shell, AWSX_REGION_VARIABLE, identity.region);
  else if (identity.region || !earlier) out += write.unset(shell, [AWSX_REGION_VARIABLE]);
  else out += write.unset(shell, ['AWS_REGION', 'AWS_DEFAULT_REGION', AWSX_REGION_VARIABLE]);
  for (const [name, value] of promptVariables(identity)) {
    out += value === undefined ? write.unset(shell, [name]) : write.set(shell, name, value);
  }
  return shellProfile ? out + shellProfileLine(shell, identity.label) : out;
}
