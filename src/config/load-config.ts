// Reads ~/.aws/config and ~/.aws/credentials into profiles, sso-sessions and services exactly as botocore's
// build_profile_map and Session.full_config do: `[profile x]` and `[default]` in config, `[x]` in
// credentials, the two merged with the credentials file winning.
import { readFileSync, statSync } from 'node:fs';
import { FileError } from './errors.js';
import { readKeyIndex, type KeyRecord } from './key-index.js';
import { decodeLossless } from './lossless-text.js';
import { parseIni, type IniWarning } from './ini-parse.js';
import type { IniValue } from './ini-values.js';
import { configFilePath, credentialsFilePath, type Env } from './paths.js';
import { shlexSplit } from './shlex.js';

export type Values = Record<string, IniValue>;

export interface RawProfile {
  name: string;
  /** Both files merged, the credentials file winning (botocore's full_config). */
  values: Values;
  inConfig: boolean;
  inCredentials: boolean;
  /** The config file's own section (botocore's config-file provider reads keys from it alone). */
  configValues?: Values;
  /** The credentials file's own section (the shared-credentials-file provider reads keys from it alone). */
  credentialsValues?: Values;
  /** Its lines awsx reads on purpose unlike the AWS CLI (an inline comment), one message each. */
  differences?: string[];
}

export interface FileWarning extends IniWarning {
  file: string;
}

export interface AwsFiles {
  configPath: string;
  credentialsPath: string;
  profiles: Map<string, RawProfile>;
  ssoSessions: Map<string, Values>;
  services: Map<string, Values>;
  warnings: FileWarning[];
  /** Lines awsx reads on purpose unlike the AWS CLI (inline comments, a BOM): docs/config-parsing.md. */
  differences: FileWarning[];
  /** Profiles whose long-term keys awsx keeps in the keyring (the keyring index; never a secret). */
  keyring?: Map<string, KeyRecord>;
}

export type SectionType = 'profile' | 'sso-session' | 'services';

/** A name shlex returns unchanged as one word: no whitespace, quotes, backslashes or shell comment. */
const PLAIN_NAME = /^[^\s"'\\#]+$/;

/** What a config-file section header names, as botocore reads it; undefined for sections it ignores. */
export function configSectionIdentity(raw: string): { type: SectionType; name: string } | undefined {
  if (raw === 'default') return { type: 'profile', name: 'default' };
  // The common case, `profile NAME` with a plain name, without shlex (one call per section of a large config).
  if (raw.startsWith('profile ') && PLAIN_NAME.test(raw.slice(8))) return { type: 'profile', name: raw.slice(8) };
  for (const type of ['profile', 'sso-session', 'services'] as const) {
    if (!raw.startsWith(type)) continue;
    const parts = shlexSplit(raw);
    return parts && parts.length === 2 ? { type, name: parts[1]! } : undefined;
  }
  return undefined;
}

/** The header awsx writes for a config-file section. */
export function configSectionHeader(type: SectionType, name: string): string {
  if (type === 'profile' && name === 'default') return 'default';
  const quoted = /^[^\s"'\\[\]]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
  return `${type} ${quoted}`;
}

/** Largest file awsx reads; anything bigger is surely not an AWS config file (and would stall the picker). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a file that may be missing; a missing file is empty, anything else unusable is a FileError. */
export function readOptionalFile(path: string, what: string): string {
  const fail = (cause: string, hint: string): FileError => new FileError(`${what} ${path} ${cause}`, { hint });
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw fail('is a directory, not a file', 'move it aside or point the environment variable at a file');
    if (!st.isFile()) throw fail('is not a regular file', 'point the environment variable at a regular file');
    size = st.size;
  } catch (error) {
    if (error instanceof FileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '';
    throw fail(`cannot be read: ${(error as Error).message}`, 'check the path and its permissions');
  }
  if (size > MAX_FILE_BYTES)
    throw fail(
      `is ${Math.round(size / 1048576)} MiB, more than awsx reads (${MAX_FILE_BYTES / 1048576} MiB)`,
      'check that it really is your AWS config',
    );
  try {
    // Bytes, decoded without loss: a latin-1 comment survives awsx's edits byte for byte.
    return decodeLossless(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw fail('cannot be read (permission denied)', `check its owner and mode (ls -l ${path})`);
    throw fail(`cannot be read: ${(error as Error).message}`, 'check the path and its permissions');
  }
}

export function parseAwsFiles(
  configText: string,
  credentialsText: string,
  paths = { configPath: 'config', credentialsPath: 'credentials' },
): AwsFiles {
  const profiles = new Map<string, RawProfile>();
  const ssoSessions = new Map<string, Values>();
  const services = new Map<string, Values>();
  const warnings: FileWarning[] = [];
  const differences: FileWarning[] = [];
  const noteDifference = (
    d: { line: number; message: string },
    file: string,
    profile: RawProfile | undefined,
  ): void => {
    differences.push({ line: d.line, message: d.message, file });
    if (profile) (profile.differences ??= []).push(`${file} ${d.message}`);
  };

  // The parsed files are ours alone: their section objects become the profiles' values without a copy.
  const config = parseIni(configText, { layout: false });
  warnings.push(...config.warnings.map((w) => ({ ...w, file: paths.configPath })));
  // forEach, not for-of: a cold process iterates (and destructures each entry) faster this way.
  config.sections.forEach((values, raw) => {
    const id = configSectionIdentity(raw);
    if (!id) return;
    if (id.type === 'profile')
      profiles.set(id.name, { name: id.name, values, inConfig: true, inCredentials: false, configValues: values });
    else if (id.type === 'sso-session') ssoSessions.set(id.name, values);
    else services.set(id.name, values);
  });

  for (const d of config.differences) {
    const id = d.section === undefined ? undefined : configSectionIdentity(d.section);
    noteDifference(d, paths.configPath, id?.type === 'profile' ? profiles.get(id.name) : undefined);
  }

  const credentials = parseIni(credentialsText, { layout: false });
  warnings.push(...credentials.warnings.map((w) => ({ ...w, file: paths.credentialsPath })));
  credentials.sections.forEach((values, name) => {
    const existing = profiles.get(name);
    if (existing) {
      // Spread, not Object.assign: a key named __proto__ must stay a key, as it does in botocore's dict.update.
      existing.values = { ...existing.values, ...values };
      existing.inCredentials = true;
      existing.credentialsValues = values;
    } else {
      profiles.set(name, { name, values, inConfig: false, inCredentials: true, credentialsValues: values });
    }
  });
  for (const d of credentials.differences)
    noteDifference(d, paths.credentialsPath, d.section === undefined ? undefined : profiles.get(d.section));
  return { ...paths, profiles, ssoSessions, services, warnings, differences };
}

export function loadAwsFiles(env: Env = process.env): AwsFiles {
  const configPath = configFilePath(env);
  const credentialsPath = credentialsFilePath(env);
  const files = parseAwsFiles(
    readOptionalFile(configPath, 'config file'),
    readOptionalFile(credentialsPath, 'credentials file'),
    {
      configPath,
      credentialsPath,
    },
  );
  const keyring = readKeyIndex(env);
  if (keyring.size > 0) files.keyring = keyring;
  return files;
}

/** Modification stamp of both files, to know when a long-running picker must reload. */
export function filesStamp(env: Env = process.env): string {
  const stamp = (p: string): string => {
    try {
      const s = statSync(p);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '-';
    }
  };
  return `${stamp(configFilePath(env))}|${stamp(credentialsFilePath(env))}`;
}

export function stringValue(values: Values, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** What a credential root takes from its profile's values besides its keys: the MFA device, the process that
 * gives its codes, and the region (each only when set and not empty). */
export function rootSettings(values: Values): { mfaSerial?: string; mfaProcess?: string; region?: string } {
  const settings: { mfaSerial?: string; mfaProcess?: string; region?: string } = {};
  const mfaSerial = stringValue(values, 'mfa_serial');
  if (mfaSerial) settings.mfaSerial = mfaSerial;
  const mfaProcess = stringValue(values, 'mfa_process');
  if (mfaProcess) settings.mfaProcess = mfaProcess;
  const region = stringValue(values, 'region');
  if (region) settings.region = region;
  return settings;
}
