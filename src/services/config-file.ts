// Appends profiles to ~/.aws/config: lossless, atomic, under a lock; never replaces an existing profile.
import { writeSecretFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { appendSection } from '../config/ini-edit.js';
import { configSectionHeader, parseAwsFiles, readOptionalFile } from '../config/load-config.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';

export async function appendConfigProfile(env: Env, name: string, entries: Array<[string, string]>): Promise<string> {
  const path = configFilePath(env);
  await withFileLock(path, async () => {
    const text = readOptionalFile(path, 'config file');
    const files = parseAwsFiles(text, readOptionalFile(credentialsFilePath(env), 'credentials file'));
    if (files.profiles.has(name)) {
      throw new InputError(`profile "${name}" already exists`, { profile: name, hint: 'choose another name, or edit the existing profile' });
    }
    await writeSecretFile(path, appendSection(text, configSectionHeader('profile', name), entries), 'config');
  });
  return path;
}
