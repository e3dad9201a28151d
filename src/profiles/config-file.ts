// Writes to ~/.aws/config: lossless, atomic, under a lock. Appends profiles (never replacing one) and sets
// single keys of a profile's section.
import { writeConfigFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { appendSection, upsertSection } from '../config/ini-edit.js';
import { parseIni } from '../config/ini-parse.js';
import { configSectionHeader, configSectionIdentity, parseAwsFiles, readOptionalFile } from '../config/load-config.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';

export async function appendConfigProfile(env: Env, name: string, entries: Array<[string, string]>): Promise<string> {
  const path = configFilePath(env);
  await withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    const files = parseAwsFiles(text, readOptionalFile(credentialsFilePath(env), 'credentials file'));
    if (files.profiles.has(name)) {
      throw new InputError(`profile "${name}" already exists`, {
        profile: name,
        hint: 'choose another name, or edit the existing profile',
      });
    }
    writeConfigFile(path, appendSection(text, configSectionHeader('profile', name), entries));
  });
  return path;
}

/**
 * Sets (or, with undefined, removes) one key in a profile's config section, losslessly: every other byte
 * of the file stays. A profile defined only in the credentials file gets a `[profile NAME]` section.
 */
export async function setProfileKey(
  env: Env,
  name: string,
  key: string,
  value: string | undefined,
): Promise<{ path: string; changed: boolean }> {
  const path = configFilePath(env);
  let changed = false;
  await withFileLock(path, () => {
    const text = readOptionalFile(path, 'config file');
    const files = parseAwsFiles(text, readOptionalFile(credentialsFilePath(env), 'credentials file'));
    if (!files.profiles.has(name)) {
      throw new InputError(`profile "${name}" does not exist`, { profile: name, hint: 'awsx list shows the profiles' });
    }
    const matches = (section: string): boolean => {
      const id = configSectionIdentity(section);
      return id?.type === 'profile' && id.name === name;
    };
    const inConfig = parseIni(text).layout.some((s) => matches(s.name));
    if (value === undefined && !inConfig) return;
    const header = configSectionHeader('profile', name);
    const updated =
      value === undefined
        ? upsertSection(text, matches, header, [], { remove: [key] })
        : upsertSection(text, matches, header, [[key, value]]);
    if (updated === text) return;
    writeConfigFile(path, updated);
    changed = true;
  });
  return { path, changed };
}
