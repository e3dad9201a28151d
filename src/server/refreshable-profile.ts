// The profiles `awsx use TARGET --refreshable` manages in ~/.aws/config: `[profile awsx-NAME]` with
// `credential_process = <node> <awsx> credential-process TARGET [flags]`, so every SDK and the AWS CLI ask
// awsx for credentials whenever they need them. Each section carries a marker comment; awsx changes and
// removes only sections with that marker. Writes are lossless, atomic and under the config file's lock.
import { writeConfigFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { appendSection, removeSection, upsertSection } from '../config/ini-edit.js';
import { parseIni, type ParsedIni, type SectionLayout } from '../config/ini-parse.js';
import { configSectionHeader, configSectionIdentity, readOptionalFile } from '../config/load-config.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';
import { shlexSplit } from '../config/shlex.js';
import type { TargetFlagValues } from '../credentials/plan.js';

export const MANAGED_MARKER = '# managed by awsx (awsx use --refreshable): do not edit; awsx use --prune removes it';
const MARKER_START = '# managed by awsx';
export const MANAGED_PREFIX = 'awsx-';
export const PROCESS_COMMAND = 'credential-process';

/** The target flags that shape the session a managed profile hands out (never an MFA code or SSO token). */
export interface ProcessFlags extends TargetFlagValues {
  cache?: boolean;
}

const VALUE_FLAGS = [
  ['profile', '--profile'],
  ['duration', '--duration'],
  ['sessionName', '--session-name'],
  ['externalId', '--external-id'],
  ['mfaSerial', '--mfa-serial'],
  ['region', '--region'],
  ['ssoSession', '--sso-session'],
] as const;

/** `credential-process TARGET [flags]`: the arguments after awsx itself. */
export function processArgs(target: string, flags: ProcessFlags): string[] {
  const args = [PROCESS_COMMAND, target];
  for (const [key, flag] of VALUE_FLAGS) {
    const value = flags[key];
    if (value !== undefined) args.push(flag, value);
  }
  for (const arn of flags.then ?? []) args.push('--then', arn);
  if (flags.cache === false) args.push('--no-cache');
  return args;
}

/** The inverse of processArgs (for the picker): undefined unless `words` are exactly what processArgs writes. */
export function parseProcessArgs(words: readonly string[]): { target: string; flags: ProcessFlags } | undefined {
  const start = words.indexOf(PROCESS_COMMAND);
  const target = words[start + 1];
  if (start < 0 || target === undefined || target.startsWith('-')) return undefined;
  const flags: ProcessFlags = {};
  const byFlag = new Map<string, (typeof VALUE_FLAGS)[number][0]>(VALUE_FLAGS.map(([key, flag]) => [flag, key]));
  for (let i = start + 2; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--no-cache') flags.cache = false;
    else if (word === '--then' && words[i + 1] !== undefined) flags.then = [...(flags.then ?? []), words[++i]!];
    else if (byFlag.has(word) && words[i + 1] !== undefined) flags[byFlag.get(word)!] = words[++i]!;
    else return undefined;
  }
  return { target, flags };
}

/**
 * `awsx-` and the target made safe for a section name; when that lost characters, or flags shape the
 * session, a short hash of target and flags follows, so two different sessions never share one profile
 * (a shell pointed at one would silently change identity when the other is written).
 */
export function managedProfileName(target: string, flagArgs: readonly string[] = []): string {
  const safe =
    target
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 60) || 'target';
  if (safe === target && flagArgs.length === 0) return `${MANAGED_PREFIX}${safe}`;
  const hash = process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(JSON.stringify([target, ...flagArgs]))
    .digest('hex')
    .slice(0, 8);
  return `${MANAGED_PREFIX}${safe}-${hash}`;
}

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word of a credential_process line, read back the same by botocore (shlex.split, no shell) and by the
 * JS SDK (/bin/sh -c): bare when it is plain, else single-quoted ('\'' for a quote). A `#` or `;` after
 * whitespace is moved out of the quotes as `\#`, because the JS SDK cuts every config line there.
 */
export function quoteProcessWord(word: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it refuses
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(word)) {
    throw new InputError(
      `"${JSON.stringify(word).slice(1, -1)}" has a control character or line break ` +
        'and cannot go into credential_process',
      { hint: 'use a target and flags without tabs or line breaks' },
    );
  }
  if (BARE.test(word)) return word;
  const body = word.replace(/'/g, `'\\''`).replace(/(\s)([#;])/g, `$1'\\$2'`);
  return `'${body}'`;
}

/** The credential_process value for these words. */
export function processCommandLine(words: readonly string[]): string {
  return words.map(quoteProcessWord).join(' ');
}

/** The words of a credential_process value as botocore splits them (undefined when it cannot). */
export function splitProcessCommandLine(line: string): string[] | undefined {
  return shlexSplit(line);
}

function isProfileSection(raw: string, name: string): boolean {
  const id = configSectionIdentity(raw);
  return id?.type === 'profile' && id.name === name;
}

function isManaged(parsed: ParsedIni, section: SectionLayout): boolean {
  for (let i = section.header + 1; i <= section.end; i++)
    if (parsed.lines[i]?.trim().startsWith(MARKER_START)) return true;
  return false;
}

export interface ManagedWrite {
  path: string;
  /** created: a new section; updated: changed in place; unchanged: the file was not touched. */
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Writes (or updates in place) the managed profile NAME; refuses a section of that name awsx did not write. */
export async function writeManagedProfile(
  env: Env,
  name: string,
  commandLine: string,
  region: string | undefined,
): Promise<ManagedWrite> {
  const path = configFilePath(env);
  const credentials = parseIni(readOptionalFile(credentialsFilePath(env), 'credentials file'));
  if (credentials.sections.has(name)) {
    throw new InputError(
      `profile "${name}" has a section in the credentials file ${credentialsFilePath(env)}, ` +
        "whose keys would win over awsx's credential_process",
      {
        profile: name,
        hint: `remove [${name}] from the credentials file`,
      },
    );
  }
  const entries: Array<[string, string]> = [['credential_process', commandLine]];
  if (region) entries.push(['region', region]);
  return withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    const parsed = parseIni(text);
    const sections = parsed.layout.filter((s) => isProfileSection(s.name, name));
    const foreign = sections.find((s) => !isManaged(parsed, s));
    if (foreign) {
      throw new InputError(
        `profile "${name}" already exists in ${path} and awsx did not write it; refusing to change it`,
        {
          profile: name,
          hint: `rename or remove [${foreign.name}] so awsx can manage it`,
        },
      );
    }
    const header = configSectionHeader('profile', name);
    const updated =
      sections.length === 0
        ? appendSection(text, header, entries, [MANAGED_MARKER])
        : upsertSection(text, (s) => isProfileSection(s, name), header, entries, { remove: region ? [] : ['region'] });
    if (updated === text) return { path, outcome: 'unchanged' };
    writeConfigFile(path, updated);
    return { path, outcome: sections.length === 0 ? 'created' : 'updated' };
  });
}

/** The profiles awsx manages in this config text, in file order, with their credential_process. */
export function managedProfiles(configText: string): Array<{ name: string; commandLine?: string }> {
  // Without the marker no section is managed: no parse (the picker checks a 20,000-profile config often).
  if (!configText.includes(MARKER_START)) return [];
  const parsed = parseIni(configText);
  const out = new Map<string, { name: string; commandLine?: string }>();
  for (const section of parsed.layout) {
    const id = configSectionIdentity(section.name);
    if (id?.type !== 'profile' || !isManaged(parsed, section) || out.has(id.name)) continue;
    const value = parsed.sections.get(section.name)?.credential_process;
    out.set(id.name, { name: id.name, ...(typeof value === 'string' ? { commandLine: value } : {}) });
  }
  return [...out.values()];
}

/** Names of the profiles awsx manages in this config text, in file order. */
export function managedProfileNames(configText: string): string[] {
  return managedProfiles(configText).map((p) => p.name);
}

/** True when NAME is a profile awsx manages in the config file. */
export function isManagedProfile(env: Env, name: string): boolean {
  try {
    return managedProfileNames(readOptionalFile(configFilePath(env), 'config file')).includes(name);
  } catch {
    return false;
  }
}

/** Removes every managed profile (only sections with the marker); returns their names. */
export async function pruneManagedProfiles(env: Env): Promise<{ path: string; removed: string[] }> {
  const path = configFilePath(env);
  return withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    const parsed = parseIni(text);
    // A section name is removed only when every section of that name carries the marker.
    const managed = new Set(parsed.layout.filter((s) => isManaged(parsed, s)).map((s) => s.name));
    for (const s of parsed.layout) if (!isManaged(parsed, s)) managed.delete(s.name);
    if (managed.size === 0) return { path, removed: [] };
    const removed = [...managed].map((raw) => configSectionIdentity(raw)?.name ?? raw);
    writeConfigFile(
      path,
      removeSection(text, (raw) => managed.has(raw), { blankLineBefore: true }),
    );
    return { path, removed };
  });
}
