// The ~/.aws/config side of keyring profiles: a keyring profile needs a [profile NAME] section (the AWS CLI
// and awsx both list it), optionally with `credential_process = awsx credential-process NAME`, the line other
// tools use to reach it. Edits are lossless and atomic, under the file's lock.
import { writeConfigFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { appendSection, upsertSection } from '../config/ini-edit.js';
import { parseIni } from '../config/ini-parse.js';
import { isOwnCredentialProcess } from '../config/keyring-root.js';
import {
  configSectionHeader,
  configSectionIdentity,
  loadAwsFiles,
  readOptionalFile,
  stringValue,
} from '../config/load-config.js';
import { configFilePath, type Env } from '../config/paths.js';
import { isSsoProfile } from '../config/profile-kinds.js';

export const PROFILE_NAME = /^[\w+=,.@:/-]+$/;

export function checkProfileName(name: string): void {
  if (!PROFILE_NAME.test(name))
    throw new InputError(`"${name}" cannot be a profile name here`, { hint: 'use letters, digits and -_.+=,@:/' });
}

/** The line other tools run; the name is quoted for shlex when it must be. */
export function processLine(name: string): string {
  return `awsx credential-process ${PROFILE_NAME.test(name) ? name : `'${name.replace(/'/g, `'"'"'`)}'`}`;
}

/** Refuses a profile whose settings would win over keyring keys (a role, SSO, web identity, another process). */
export function checkKeyringProfile(env: Env, name: string): void {
  const raw = loadAwsFiles(env).profiles.get(name);
  if (!raw) return;
  const v = raw.values;
  const process = stringValue(v, 'credential_process');
  const other = stringValue(v, 'role_arn')
    ? 'role_arn'
    : isSsoProfile(v)
      ? 'sso_* settings'
      : process && !isOwnCredentialProcess(process, name)
        ? 'credential_process'
        : undefined;
  if (other) {
    throw new InputError(`profile "${name}" has ${other}, which would win over keys in the keyring`, {
      profile: name,
      hint: `keep keys in a profile of their own (e.g. ${name}-user) and point source_profile at it`,
    });
  }
}

const matcher =
  (name: string) =>
  (section: string): boolean => {
    const id = configSectionIdentity(section);
    return id?.type === 'profile' && id.name === name;
  };

/** Makes sure [profile NAME] exists; with `withProcess`, that it has awsx's credential_process line. */
export async function ensureKeyringProfile(
  env: Env,
  name: string,
  withProcess: boolean,
): Promise<{ path: string; changed: boolean }> {
  const path = configFilePath(env);
  return withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    const header = configSectionHeader('profile', name);
    const exists = [...parseIni(text).sections.keys()].some(matcher(name));
    let updated = text;
    if (!exists) updated = appendSection(text, header, withProcess ? [['credential_process', processLine(name)]] : []);
    else if (withProcess && !hasOwnProcess(text, name))
      updated = upsertSection(text, matcher(name), header, [['credential_process', processLine(name)]]);
    if (updated !== text) writeConfigFile(path, updated);
    return { path, changed: updated !== text };
  });
}

/** Removes awsx's own credential_process line (it would only fail once the keys are gone). */
export async function removeOwnProcessLine(env: Env, name: string): Promise<boolean> {
  const path = configFilePath(env);
  return withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    if (!hasOwnProcess(text, name)) return false;
    writeConfigFile(
      path,
      upsertSection(text, matcher(name), configSectionHeader('profile', name), [], { remove: ['credential_process'] }),
    );
    return true;
  });
}

function hasOwnProcess(text: string, name: string): boolean {
  for (const [section, values] of parseIni(text).sections) {
    if (!matcher(name)(section)) continue;
    const line = values.credential_process;
    if (typeof line === 'string' && isOwnCredentialProcess(line, name)) return true;
  }
  return false;
}
